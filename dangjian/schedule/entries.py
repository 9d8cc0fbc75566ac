"""What a plan is made of: the kinds of planned item and one dated entry.

Kind codes and entry field names are the stable vocabulary of the JSON output and the
calendar UIDs; the Chinese titles are what plan files, tables and calendars show.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    code: str
    title: str
    meeting: str | None  # the 会议类型 a meeting record uses for it, if it is a meeting
    clauses: tuple[str, ...]
    verb: str = "召开"
    minutes: int = 90  # length of the calendar event


KINDS: dict[str, Kind] = {k.code: k for k in (
    Kind("theme-day", "主题党日", "主题党日", ("XZ-4.9", "WH-2.7", "TL-16"), "开展", 120),
    Kind("committee-meeting", "支委会", "支委会", ("TL-12", "XZ-4.2", "WH-2.2")),
    Kind("general-meeting", "支部党员大会", "支部党员大会", ("TL-11", "XZ-4.1", "WH-2.1"), minutes=120),
    Kind("group-meeting", "党小组会", "党小组会", ("TL-13", "XZ-4.3", "WH-2.2")),
    Kind("party-lecture", "党课", "党课", ("TL-16", "XZ-4.4", "WH-2.3"), "讲"),
    Kind("life-meeting", "组织生活会", "组织生活会", ("TL-17", "XZ-4.6", "WH-2.5"), minutes=180),
    Kind("appraisal", "民主评议", "民主评议", ("TL-18", "XZ-4.5", "WH-2.5"), "开展", 180),
    Kind("secretary-report", "书记述职", None, ("XZ-5.4", "WH-4.2"), "完成"),
    Kind("dues-assessment", "党费核定", None, ("XZ-3.3",), "完成", 60),
    Kind("dues-publication", "党费公布", None, ("XZ-3.6", "WH-3.4"), "完成", 60),
    Kind("political-birthday", "政治生日", None, ("WH-3.5",), "过", 60),
    Kind("election-due", "换届", None, ("XZ-2.2", "WH-1.6", "TL-21"), "完成"),
    Kind("probation-due", "预备党员转正", None, ("DZ-7",), "讨论", 60),
    Kind("duty", "值班", None, ("ZW-3",), "值班", 480),
)}
BY_TITLE = {k.title: k for k in KINDS.values()}
ORDER = {code: i for i, code in enumerate(KINDS)}


@dataclass(frozen=True)
class Entry:
    """One dated item of a branch's plan."""

    branch: str
    kind: str
    period: str  # period code: 2026-03, 2026-Q1, 2026-H1, 2026, or a date for the duty rota
    date: dt.date
    reason: str = ""
    provisional: bool = False
    fixed_date: dt.date | None = None  # the 主题党日 fixed day before a holiday shift
    group: str | None = None  # 党小组会: the group
    members: tuple[str, ...] = ()  # 政治生日, 转正, 值班: member ids
    key: str = ""  # what tells apart two entries of one kind and period (group name, member id)

    @property
    def title(self) -> str:
        base = KINDS[self.kind].title
        return f"{base}（{self.group}）" if self.group else base

    @property
    def shifted(self) -> bool:
        return self.fixed_date is not None and self.fixed_date != self.date

    def uid(self) -> str:
        """Stable across runs and revisions: the same branch, kind and period give the same UID."""
        readable = f"{self.branch}-{self.kind}-{self.period}"
        if not re.fullmatch(r"[A-Za-z0-9._-]+", readable):
            readable = f"{self.kind}-{self.period}-{_digest(self.branch)}"
        return f"{readable}-{_digest(self.key)}@dangjian" if self.key else f"{readable}@dangjian"

    def sort_key(self) -> tuple:
        return (self.date, ORDER[self.kind], self.branch, self.key)

    def as_json(self, branch_name: str = "") -> dict:
        return {
            "branch": self.branch, "branch_name": branch_name, "kind": self.kind, "title": self.title,
            "period": self.period, "date": self.date.isoformat(),
            "fixed_date": self.fixed_date.isoformat() if self.fixed_date else None,
            "reason": self.reason, "provisional": self.provisional, "group": self.group,
            "members": list(self.members), "uid": self.uid(),
        }


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
