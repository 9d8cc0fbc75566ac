"""What every report context shares: the period, the run's data, names, numbers and the header.

A context is plain data (dicts, lists, strings, numbers, booleans, None) so that Markdown and
Word templates see the same thing, `--format json` can show it, and a template can be rendered
in a child process when the time limit needs one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from dangjian import dates
from dangjian.calendar import Period
from dangjian.context import RunContext
from dangjian.facts import membership_periods
from dangjian.figures import Figures
from dangjian.idnumber import mask_id, mask_phone
from dangjian.loader import Repository
from dangjian.model import BranchRecords, Member
from dangjian.report.sorting import SORT_MODES

UNAVAILABLE = "（暂无此数据）"


@dataclass
class Source:
    """One run's data: the repository, the period, the run context and the reader's choices."""

    repo: Repository
    period: Period
    run: RunContext  # checking day, parameters, masking (dangjian/context.py)
    sort: str = "stroke"
    notes: list[str] = field(default_factory=list)  # warnings for stderr (not part of any report)

    @property
    def masked(self) -> bool:
        return self.run.masked

    @cached_property
    def people(self) -> dict[str, Member]:
        return {m.id: m for b in self.repo.branches for m in b.members if m.id}

    @property
    def params(self) -> dict:
        return self.run.params

    def param(self, name: str):
        return self.run.param(name)

    def name(self, member_id: str | None) -> str:
        if not member_id:
            return ""
        member = self.people.get(member_id)
        return (member.name if member and member.name else None) or member_id

    def names(self, member_ids) -> str:
        return "、".join(self.name(m) for m in member_ids)

    def id_number(self, number: str | None) -> str:
        if not number:
            return ""
        return mask_id(number) if self.masked else number

    def phone(self, number: str | None) -> str:
        if not number:
            return ""
        return mask_phone(number) if self.masked else number

    @cached_property
    def judge(self):
        """The run's findings, judged one organisation at a time (report/judging.py)."""
        from dangjian.report.judging import Judge

        return Judge(self.repo, self.checking_day, self.run)

    def release(self, branch: BranchRecords) -> None:
        """One organisation's report is made: forget its records, ledgers and findings, so that
        a district's reports hold one branch's records at a time (they load again if asked for)."""
        unload = getattr(branch, "unload", None)
        if unload is not None:
            unload()
        if "figures" in self.__dict__:
            self.figures.forget(branch)
        if "judge" in self.__dict__:
            self.judge.forget(branch.directory)

    @property
    def checking_day(self) -> dt.date:
        """The run's checking day (dangjian/context.py): today, never after 记录截至."""
        return self.run.day

    @property
    def as_of(self) -> dt.date:
        """The period's end, but never after the checking day: nothing later is on record."""
        return min(self.period.end, self.checking_day)

    @cached_property
    def figures(self):
        """The run's figures (dangjian.figures), read by every report context."""
        return Figures(self.repo, self.checking_day, self.param)

    @cached_property
    def children(self) -> dict[str | None, list[BranchRecords]]:
        out: dict[str | None, list[BranchRecords]] = {}
        for b in self.repo.branches:
            out.setdefault(b.parent, []).append(b)
        return out


def cn(day: dt.date | None) -> str:
    return dates.cn_date(day) if day else ""


def iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def money(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    return f"{amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"


def percent(part: float, whole: float) -> str:
    if not whole:
        return "—"
    value = Decimal(str(part * 100 / whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value:f}%"


def hours(value: float) -> str:
    """12.0 → "12", 1.5 → "1.5"."""
    return f"{value:g}"


def titled(period_label: str, title: str) -> str:
    """2025年度 + 年度工作报告 → 2025年度工作报告."""
    if period_label.endswith("年度") and title.startswith("年度"):
        return period_label + title[2:]
    return period_label + title


def branch_label(branch: BranchRecords) -> str:
    info = branch.info
    if info is None:
        return branch.directory
    return info.short_name or info.name or branch.id


def secretary(source: Source, branch: BranchRecords) -> str:
    committee = branch.info.committee if branch.info else None
    for seat in committee.seats if committee else []:
        if seat.role == "书记":
            return source.name(seat.member)
    return ""


def org_context(source: Source, branch: BranchRecords) -> dict:
    info = branch.info
    parent = source.repo.branch(branch.parent) if branch.parent else None
    return {
        "id": branch.id,
        "name": info.name if info and info.name else branch.directory,
        "short_name": branch_label(branch),
        "kind": (info.kind if info else "") or "",
        "sector": (info.sector if info else "") or "",
        "secretary": secretary(source, branch),
        "parent": branch_label(parent) if parent else (source.repo.config.name or ""),
        "theme_day_rule": (info.theme_day if info else "") or "",
    }


def header(source: Source, title: str, branch: BranchRecords | None) -> dict:
    """The variables every template has (see docs/templates.md)."""
    return {
        "title": title,
        "street": source.repo.config.name or "",
        "org": org_context(source, branch) if branch else None,
        "period": source.period.as_context(),
        "as_of_cn": dates.cn_date(source.as_of),
        "masked": source.masked,
        "sort_label": _sort_label(source.sort),
    }


def _sort_label(mode: str) -> str:
    return SORT_MODES.get(mode, "")


def members_during(branch: BranchRecords, start: dt.date, end: dt.date) -> list[Member]:
    """Members who belonged to the branch at any time in [start, end]."""
    return [m for m in branch.members
            if any(s <= end and (e is None or e > start) for s, e in membership_periods(m))]
