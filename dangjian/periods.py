"""Which periods a rule may judge: the periods of a cadence, the span a branch existed and its
records cover, the days a member belonged, and where a missing record should be written.

Every cadence rule goes through `judged()`: a period is judged only when it has ended before
the checking date (the current month or year is still running), the branch existed for the
whole of it (founded before, not yet dissolved or ended), and the records cover it (from
`记录起始` in dangjian.yaml, else from the first year of the branch's year files). A member's
own obligations apply to a period only when the member belonged to the branch for all of it;
yearly hours are pro-rated by the days the member belonged (`member_share`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from dangjian.facts import membership_periods
from dangjian.located import Loc
from dangjian.model import BranchRecords, Member

QUARTERS = "一二三四"
CADENCES = ("每月", "每季度", "每半年", "每年", "第一季度…第四季度", "上半年", "下半年", "1月…12月")
YEAR_KINDS = ("meetings", "trainings", "talks", "activities", "dues")
# Load problems after which a file's records are unknown: its periods are not judged.
FATAL = frozenset({"file-encoding", "file-unreadable", "yaml-syntax", "empty-file"})
_YEAR_FILE = re.compile(r"(?:^|/)(?:meetings|trainings|talks|activities|dues)/(\d{4})\.ya?ml$")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str  # 2026年第二季度
    due: dt.date  # the last day by which the record is expected (the end, or the named part's end)

    @property
    def year(self) -> int:
        return self.start.year

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def _month(year: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, m, 1), dt.date(year, m, calendar.monthrange(year, m)[1])


def periods(cadence: object, year: int) -> list[Period]:
    """The windows of `year` for a cadence: each needs at least one record. Raises ValueError."""
    if cadence is None or cadence == "":
        return []
    text = str(cadence).strip()
    whole = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    if text == "每月":
        return [Period(*_month(year, m), f"{year}年{m}月", _month(year, m)[1]) for m in range(1, 13)]
    if text == "每季度":
        return [Period(dt.date(year, 3 * q - 2, 1), _month(year, 3 * q)[1], f"{year}年第{QUARTERS[q - 1]}季度",
                       _month(year, 3 * q)[1]) for q in range(1, 5)]
    if text == "每半年":
        return [Period(dt.date(year, 6 * h - 5, 1), _month(year, 6 * h)[1], f"{year}年{'上下'[h - 1]}半年",
                       _month(year, 6 * h)[1]) for h in range(1, 3)]
    if text in ("每年", "全年"):
        return [Period(*whole, f"{year}年", whole[1])]
    due = _named_part_end(text, year)
    if due is None:
        raise ValueError(f"无法识别的周期“{cadence}”，可用：{'、'.join(CADENCES)}")
    return [Period(*whole, f"{year}年", due)]


def _named_part_end(text: str, year: int) -> dt.date | None:
    if text in ("上半年", "下半年"):
        return _month(year, 6 if text == "上半年" else 12)[1]
    match = re.fullmatch(r"第([一二三四1-4])季度", text)
    if match:
        q = match.group(1)
        return _month(year, 3 * (int(q) if q.isdigit() else QUARTERS.index(q) + 1))[1]
    match = re.fullmatch(r"(\d{1,2})月", text)
    if match and 1 <= int(match.group(1)) <= 12:
        return _month(year, int(match.group(1)))[1]
    return None


def interval_months(cadence: object) -> int | None:
    """How long a cadence lets pass between two records: 1, 3, 6 or 12 months; None if unknown."""
    try:
        found = periods(cadence, 2000)
    except ValueError:
        return None
    if not found:
        return None
    first = found[0]
    return (first.end.year - first.start.year) * 12 + first.end.month - first.start.month + 1


def branch_span(branch: BranchRecords) -> tuple[dt.date, dt.date | None]:
    """[founded, closed): a 临时党支部's 结束日期 is its last day, a 撤销日期 the first day without it."""
    info = branch.info
    start = info.founded if info and info.founded else dt.date.min
    ends = [d for d in ((info.ends + dt.timedelta(days=1)) if info and info.ends else None,
                        info.dissolved if info else None) if d]
    return start, min(ends) if ends else None


def records_start(branch: BranchRecords, ctx) -> dt.date:
    """The first day the records cover: 记录起始, else 1 January of the branch's first year file.

    A branch with no year file yet (a repository just made by `dangjian init`) has not started
    its records: no period is judged until its first year file exists or 记录起始 is set."""
    configured = ctx.repo.config.records_from
    if configured:
        return configured
    years = [int(m.group(1)) for rel in branch.files if (m := _YEAR_FILE.search(rel))]
    return dt.date(min(years), 1, 1) if years else dt.date.max


def judged(branch: BranchRecords, ctx, cadence: object) -> Iterator[Period]:
    """The periods of a cadence that a rule may judge for this branch (see the module doc)."""
    born, closed = branch_span(branch)
    begin = max(born, records_start(branch, ctx))
    if begin > ctx.as_of:
        return
    for year in range(begin.year, ctx.as_of.year + 1):
        for period in periods(cadence, year):
            if period.due < ctx.as_of and begin <= period.start and (closed is None or period.end < closed):
                yield period


def member_covers(member: Member, period: Period) -> bool:
    """The member belonged to the branch for the whole period."""
    return any(s <= period.start and (e is None or e > period.end) for s, e in membership_periods(member))


def member_days(member: Member, start: dt.date, end: dt.date) -> int:
    """Days in [start, end] on which the member belonged to the branch."""
    total = 0
    for s, e in membership_periods(member):
        lo, hi = max(s, start), min(e - dt.timedelta(days=1) if e else end, end)
        total += max(0, (hi - lo).days + 1)
    return total


def member_share(member: Member, branch: BranchRecords, ctx, period: Period) -> float:
    """The part of a period the member belonged to the branch and the records cover (0 to 1)."""
    born, closed = branch_span(branch)
    start = max(period.start, born, records_start(branch, ctx))
    end = min(period.end, closed - dt.timedelta(days=1)) if closed else period.end
    if end < start:
        return 0.0
    return member_days(member, start, end) / ((period.end - period.start).days + 1)


def year_file(branch: BranchRecords, kind: str, year: int) -> str:
    """The repository path of a branch's year file, e.g. B1/meetings/2026.yaml."""
    for suffix in ("yaml", "yml"):
        rel = f"{branch.directory}/{kind}/{year}.{suffix}" if branch.directory else f"{kind}/{year}.{suffix}"
        if rel in branch.files:
            return rel
    return f"{branch.directory}/{kind}/{year}.yaml" if branch.directory else f"{kind}/{year}.yaml"


def missing_at(branch: BranchRecords, kind: str, year: int) -> tuple[Loc, str]:
    """Where a finding for a missing record points, and the advice on where to add it."""
    rel = year_file(branch, kind, year)
    if rel in branch.files:
        return Loc(rel), f"请在 {kind}/{year}.yaml 中补记"
    return Loc(branch.branch_file), f"请新建 {rel} 补记"


def unknown(branch: BranchRecords, ctx, kind: str, year: int) -> bool:
    """The year file exists but could not be read: its periods are not judged (the loader said why)."""
    rel = year_file(branch, kind, year)
    if rel not in branch.files:
        return False
    if kind == "meetings" and year not in branch.meeting_years:
        return True
    if kind == "activities" and year not in branch.activities:
        return True
    return any(rule in FATAL and problem.loc.path == rel for rule, problem in ctx.repo.load_problems)


def due(branch: BranchRecords, ctx, name: str, kind: str) -> Iterator[Period]:
    """The judged periods of cadence parameter `name` whose `kind` year file is readable.

    A cadence that cannot be read gives no period (the param-value rule reports it)."""
    try:
        found = list(judged(branch, ctx, ctx.param(name)))
    except ValueError:
        return
    for period in found:
        if not unknown(branch, ctx, kind, period.year):
            yield period


def has_members(branch: BranchRecords, period: Period) -> bool:
    return any(member_days(m, period.start, period.end) for m in branch.members)


def years(branch: BranchRecords, ctx, kind: str) -> Iterator[Period]:
    """The calendar years a yearly per-member rule may judge, whose `kind` year file is readable."""
    for period in judged(branch, ctx, "每年"):
        if not unknown(branch, ctx, kind, period.year):
            yield period
