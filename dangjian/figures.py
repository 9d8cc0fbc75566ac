"""Each figure computed once per (organisation, period): dues due, collected and owed, meetings
held, attendance, training hours and the members short of them.

Reports, `dues status` and `dues summary`, `assess` and `site` read these values; none of them
computes its own. One `Figures` object serves one run: it is built from the repository, the
checking day and the parameter accessor, and keeps each branch's dues ledger for the run (the
dues commands and the report of every branch ask for the same year many times).

Two conventions hold for every figure:

- A record dated on or before the checking day has happened (a meeting held on the checking day
  counts, and so does a payment).
- A month's dues fall due (应交, and unpaid ones become 欠交) once the month has ended *before*
  the checking day, exactly as the dues rules judge them: on 2026-10-31 October is still running.
  Money received (实交) is counted whether or not the month has ended.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from dangjian.calendar import Period, month_end
from dangjian.context import RunContext
from dangjian.dues.calc import DuesRules
from dangjian.dues.ledger import ZERO, BranchLedger, MonthEntry, branch_ledger, histories
from dangjian.facts import is_member_on, members_on, membership_periods
from dangjian.model import BranchRecords, Meeting, Member
from dangjian.periods import member_share, records_begin

DUES_KEYS = ("due", "paid", "owed", "extra", "central", "remitted", "spent", "balance")
COMMITTEE_KINDS = frozenset({"支委会", "委员民主生活会"})


@dataclass(frozen=True)
class Arrear:
    member_id: str
    months: tuple[int, ...]  # months of the year owed, up to the span's last month
    amount: Decimal  # owed from January up to the span's last month


@dataclass(frozen=True)
class DuesFigures:
    """One organisation's dues for some months of one year."""

    totals: dict[str, Decimal]  # DUES_KEYS
    arrears: tuple[Arrear, ...]
    members: int  # accounts due to the branch in some month of the span
    closed: bool  # every month of the span has ended before the checking day
    through: dt.date  # months ending on or before this day are closed


@dataclass(frozen=True)
class MemberHours:
    member_id: str
    hours: float
    need: float | None  # the yearly requirement pro-rated by the days on the roster; None: none set
    short: bool


@dataclass(frozen=True)
class TrainingFigures:
    sessions: tuple  # the Training records in the span, by date
    total_hours: float  # hours of the sessions
    member_hours: float  # person-hours: each session's hours times its attendees
    per_member: dict[str, float] = field(default_factory=dict)  # member id → hours attended


@dataclass(frozen=True)
class Attendance:
    expected: tuple[str, ...]  # 应到
    present: tuple[str, ...]  # 实到 among the expected
    others: tuple[str, ...]  # attendees not expected (列席)
    unrecorded: tuple[str, ...]  # expected, neither present nor recorded absent


class Figures:
    """The figures of one run. `param(name)` is the run's parameter accessor."""

    def __init__(self, repo, checking_day: dt.date, param: Callable[[str], object]) -> None:
        self.repo = repo  # also what dangjian.periods reads 记录起始 from
        self.checking_day = checking_day
        self._param = param
        self._ledgers: dict[tuple[str, int, dt.date], BranchLedger] = {}

    @classmethod
    def of(cls, repo, run: RunContext) -> Figures:
        """The figures of a command's run: its checking day and parameter accessor."""
        return cls(repo, run.day, run.param)

    def param(self, name: str):
        return self._param(name)

    @functools.cached_property
    def dues_rules(self) -> DuesRules:
        """The run's dues parameters, parsed once (the ledger reads 大额党费 and the 基数变动 reading)."""
        return DuesRules.from_accessor(self._param)

    def forget(self, branch: BranchRecords) -> None:
        """Drop the ledgers kept for one branch (a run over a district is done with it)."""
        for key in [k for k in self._ledgers if k[0] == branch.id]:
            del self._ledgers[key]

    def done_with(self, branch: BranchRecords, was_loaded: bool) -> None:
        """A run over many branches is done with `branch`: drop the records it loaded for it and their
        ledgers, so a district holds one branch at a time. Records loaded before the run stay."""
        if not was_loaded:
            branch.unload()
            self.forget(branch)

    # --- dues ----------------------------------------------------------------------------------

    def closed_through(self, branch: BranchRecords, end: dt.date | None = None) -> dt.date:
        """The last day a month may end on to count as closed: the day before the checking day,
        not after `end` (a past period is taken as of its end) nor after the branch's dissolution."""
        day = self.checking_day - dt.timedelta(days=1)
        if end is not None:
            day = min(day, end)
        dissolved = branch.info.dissolved if branch.info else None
        return min(day, dissolved - dt.timedelta(days=1)) if dissolved else day

    def ledger(self, branch: BranchRecords, year: int, end: dt.date | None = None) -> BranchLedger:
        through = self.closed_through(branch, end)
        key = (branch.id, year, through)
        if key not in self._ledgers:
            begin = records_begin(branch, self.repo.config)  # months before it are 未记录, never owed
            self._ledgers[key] = branch_ledger(branch, year, through, self.dues_rules, begin=begin)
        return self._ledgers[key]

    def dues(self, branch: BranchRecords, year: int, months: range,
             end: dt.date | None = None) -> DuesFigures | None:
        """应交, 实交, 欠交 … of `months` of `year`, and who owes for which months; None without a
        dues file for the year. `end` is the span's last day (default: the last month's end).
        Raises ValueError for amounts the ledger cannot use (validate reports them)."""
        if year not in branch.dues:
            return None
        end = end or month_end(year, months[-1])
        ledger = self.ledger(branch, year, end)
        arrears = []
        for account in ledger.accounts:
            owed = tuple(e.month for e in account.months if e.month < months.stop and e.owed > 0)
            if owed:
                arrears.append(Arrear(account.member_id, owed, account.total("owed", range(1, months.stop))))
        members = sum(1 for a in ledger.accounts if any(e.belongs for e in a.months if e.month in months))
        through = self.closed_through(branch, end)
        return DuesFigures(ledger.totals(months), tuple(arrears), members,
                           month_end(year, months[-1]) <= through, through)

    def dues_by_month(self, branch: BranchRecords, year: int) -> list[tuple[Decimal, Decimal]]:
        """(应交, 实交) of each month of the year: what the dashboard's bars show."""
        out = [(ZERO, ZERO)] * 12
        if year not in branch.dues:
            return out
        ledger = self.ledger(branch, year, dt.date(year, 12, 31))
        return [(sum((a.months[m].charged for a in ledger.accounts), ZERO),
                 sum((a.months[m].paid for a in ledger.accounts), ZERO)) for m in range(12)]

    def member_months(self, branch: BranchRecords, year: int, month: int) -> dict[str, list[MonthEntry]]:
        """Member id → every month on an account, from the first dues file up to `month` of `year`,
        each month closed as of that month's end (or the checking day, if earlier)."""
        end = month_end(year, month)
        every = histories([self.ledger(branch, y, end) for y in sorted(branch.dues)])
        return {mid: [e for e in entries if (e.year, e.month) <= (year, month)] for mid, entries in every.items()}

    # --- meetings and attendance -------------------------------------------------------------

    def meetings(self, branch: BranchRecords, start: dt.date, end: dt.date) -> list[Meeting]:
        """The meetings held in [start, end] and on or before the checking day, by date."""
        last = min(end, self.checking_day)
        return sorted((m for m in branch.meetings if m.date and start <= m.date <= last),
                      key=lambda m: (m.date, m.topic or ""))

    def meetings_by_month(self, branch: BranchRecords, year: int) -> Counter:
        """Month → meetings held in it."""
        return Counter(m.date.month for m in self.meetings(branch, dt.date(year, 1, 1), dt.date(year, 12, 31)))

    def attendance(self, branch: BranchRecords, meeting: Meeting) -> Attendance:
        expected = expected_ids(branch, meeting)
        recorded_absent = {a.member for a in meeting.absentees}
        return Attendance(tuple(expected), tuple(m for m in meeting.attendees if m in expected),
                          tuple(m for m in meeting.attendees if m not in expected),
                          tuple(m for m in expected if m not in meeting.attendees and m not in recorded_absent))

    # --- training ------------------------------------------------------------------------------

    def training(self, branch: BranchRecords, start: dt.date, end: dt.date) -> TrainingFigures:
        last = min(end, self.checking_day)
        sessions = tuple(sorted((t for t in branch.trainings if t.date and start <= t.date <= last),
                                key=lambda t: (t.date, t.title or "")))
        per: dict[str, float] = {}
        for t in sessions:
            for member_id in t.attendees:
                per[member_id] = per.get(member_id, 0.0) + (t.hours or 0)
        return TrainingFigures(sessions, sum(t.hours or 0 for t in sessions),
                               sum((t.hours or 0) * len(t.attendees) for t in sessions), per)

    def training_year(self, branch: BranchRecords, year: int) -> list[MemberHours]:
        """Every member on the roster some day of the year: hours attended and the yearly hours
        (党员年度学时) pro-rated by the days on the roster the records cover, as the
        training-hours rule judges them (JG-20)."""
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        attended = self.training(branch, start, end).per_member
        required = self._param("党员年度学时")
        whole = Period(start, end, f"{year}年", end)
        out = []
        for member in members_during(branch, start, min(end, self.checking_day)):
            hours = attended.get(member.id, 0.0)
            if not required:
                out.append(MemberHours(member.id, hours, None, False))
                continue
            need = hours_needed(required, member_share(member, branch, self, whole))
            out.append(MemberHours(member.id, hours, need, short_of(hours, need)))
        return out


def hours_needed(required: float, share: float) -> float:
    """The yearly hours (党员年度学时, JG-20) a member owes for `share` of the year on the roster
    within the records (periods.member_share: joining, transfers, a branch founded or records
    begun mid-year). The training-hours rule, the annual report and assess all count this way."""
    return round(float(required) * share, 1)


def short_of(hours: float, need: float) -> bool:
    """Fewer hours than needed (a float sum of halves and tenths is compared with a margin)."""
    return hours + 1e-9 < need


def members_during(branch: BranchRecords, start: dt.date, end: dt.date) -> list[Member]:
    """Members who belonged to the branch on some day in [start, end]."""
    return [m for m in branch.members if m.id
            and any(s <= end and (e is None or e > start) for s, e in membership_periods(m))]


def expected_ids(branch: BranchRecords, meeting: Meeting) -> list[str]:
    """应到: the committee for a 支委会, the group for a 党小组会, else every member on the day."""
    day = meeting.date
    if day is None:
        return []
    kinds = set(meeting.kinds)
    info = branch.info
    if kinds and kinds <= COMMITTEE_KINDS and info and info.committee:
        roster = {m.id: m for m in branch.members}
        seats = [s.member for s in info.committee.seats if s.member]
        return [s for s in seats if s not in roster or is_member_on(roster[s], day)]
    members = members_on(branch, day)
    if "党小组会" in kinds and meeting.group:
        members = [m for m in members if m.group == meeting.group]
    return [m.id for m in members if m.id]
