"""Which periods a rule may judge: the periods of a cadence, the span a branch existed and its
records cover, the days a member belonged, and where a missing record should be written.

Every cadence rule goes through `judged()`: a period is judged only when it has ended before
the checking date (the current month or year is still running), it began on or after the day
the branch's records begin (`records_begin`: the latest of 成立日期 and the start of the
records) and the branch had not been dissolved or ended by its end. A period that began before
the records did is "not recorded" (未记录): never a missing meeting, never arrears. A member's
own obligations apply to a period only when the member belonged to the branch for all of it;
yearly hours are pro-rated by the days the member belonged (`member_share`). The yearly hours
are the one exception to "began on or after": pro-rated, a year the records cover only in part
(a branch founded or its records begun mid-year) is judged for its part (`judged(partial=True)`),
as the annual report and assess count it (dangjian.figures.hours_needed).

`records_begin` is the one place that decides where an organisation's records begin; rules,
the dues ledger, reports, the schedule, assess and site all ask it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from dangjian.calendar import Period, periods
from dangjian.facts import membership_periods
from dangjian.layout import branch_year_file
from dangjian.leaders import committee_size_through
from dangjian.located import Loc
from dangjian.model import BranchRecords, Member

# The year files whose first year starts the records when 记录起始 is not set (plan/ does not).
RECORD_KINDS = ("meetings", "trainings", "talks", "activities", "dues")
# Meetings owed only while a committee sits, and only while the branch has members (see owed()).
COMMITTEE_MEETINGS = frozenset({"支委会", "委员民主生活会"})
MEMBER_MEETINGS = frozenset({"支部党员大会", "党课", "组织生活会", "民主评议", "主题党日", "党费核定"})
# Load problems after which a file's records are unknown: its periods are not judged.
FATAL = frozenset({"file-encoding", "file-unreadable", "yaml-syntax", "empty-file"})


def branch_span(branch: BranchRecords) -> tuple[dt.date, dt.date | None]:
    """[founded, closed): a 临时党支部's 结束日期 is its last day, a 撤销日期 the first day without it."""
    info = branch.info
    start = info.founded if info and info.founded else dt.date.min
    ends = [d for d in ((info.ends + dt.timedelta(days=1)) if info and info.ends else None,
                        info.dissolved if info else None) if d]
    return start, min(ends) if ends else None


NOT_RECORDED = "未记录"


def records_begin(branch: BranchRecords, config) -> dt.date:
    """The first day whose periods are judged for this organisation (`config`: the RepoConfig).

    The latest of its 成立日期 and the start of its records. The start of the records is
    记录起始 as written (in dangjian.yaml and/or the branch's branch.yaml: the later of the two);
    where neither is written, the first day of the month of the branch's earliest dated record
    (a meeting, a training, a talk, an activity, a dues payment or assessment). A branch with no
    dated record at all has not started its records: dt.date.max, nothing is judged yet.
    """
    info = branch.info
    founded = info.founded if info and info.founded else dt.date.min
    written = [d for d in (config.records_from if config else None, info.records_from if info else None) if d]
    start = max(written) if written else earliest_record_month(branch)
    return max(founded, start)


def earliest_record_month(branch: BranchRecords) -> dt.date:
    """The first day of the month of the branch's earliest dated record; dt.date.max if none.

    A year file with no dated entry at all counts from 1 January of its year."""
    days = [r.date for r in (*branch.meetings, *branch.trainings, *branch.talks) if r.date]
    for year, dues in branch.dues.items():
        days += [dt.date(year, m, 1) for a in dues.accounts for m in (a.paid or {}) if 1 <= m <= 12]
        days += [dues.assessed] if dues.assessed and dues.assessed.year == year else []
    for activities in branch.activities.values():
        for value in vars(activities).values():
            if isinstance(value, list):
                days += [d for item in value if isinstance(d := getattr(item, "date", None), dt.date)]
    if days:
        first = min(days)
        return dt.date(first.year, first.month, 1)
    skip = len(branch.directory) + 1 if branch.directory else 0
    years = [found[1] for rel in branch.files
             if (found := branch_year_file(rel[skip:])) and found[0] in RECORD_KINDS]
    return dt.date(min(years), 1, 1) if years else dt.date.max


def records_start(branch: BranchRecords, ctx) -> dt.date:
    """`records_begin` for a rule's run context, found once per branch and context: rules ask for
    it per member and period, and without 记录起始 it scans every dated record of the branch."""
    memo = ctx.__dict__.setdefault("_records_start", {})
    found = memo.get(id(branch))
    if found is None or found[0] is not branch:
        found = memo[id(branch)] = (branch, records_begin(branch, ctx.repo.config))
    return found[1]


def recorded(branch: BranchRecords, config, start: dt.date) -> bool:
    """A period starting on `start` lies within the branch's records (else it is 未记录)."""
    return start >= records_begin(branch, config)


def judged(branch: BranchRecords, ctx, cadence: object, partial: bool = False) -> Iterator[Period]:
    """The periods of a cadence that a rule may judge for this branch (see the module doc).
    `partial`: also those the records cover only in part, for a rule that pro-rates (member_share)."""
    _born, closed = branch_span(branch)
    begin = records_start(branch, ctx)
    if begin > ctx.as_of:
        return
    for year in range(begin.year, ctx.as_of.year + 1):
        for period in periods(cadence, year):
            inside = begin <= period.end and (closed is None or period.start < closed) if partial else \
                begin <= period.start and (closed is None or period.end < closed)
            if period.due < ctx.as_of and inside:
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
    _born, closed = branch_span(branch)
    start = max(period.start, records_start(branch, ctx))
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


_BAD_DATE = re.compile(r"日期“(\d{4})-(\d{1,2})")


def unreadable(branch: BranchRecords, ctx, kind: str, period: Period) -> bool:
    """The `kind` year file has a date that does not exist (2026-09-31) in this period's months: its
    record may belong here, so the period is not judged until the date is corrected (invalid-date
    says so). A date whose month cannot be read either leaves the whole year unjudged."""
    rel = year_file(branch, kind, period.year)
    for rule, problem in ctx.repo.load_problems:
        if rule != "invalid-date" or problem.loc.path != rel:
            continue
        match = _BAD_DATE.search(problem.message)
        if match is None or not 1 <= int(match.group(2)) <= 12:
            return True
        if period.start <= dt.date(int(match.group(1)), int(match.group(2)), 1) <= period.end:
            return True
    return False


def due(branch: BranchRecords, ctx, name: str, kind: str) -> Iterator[Period]:
    """The judged periods of cadence parameter `name` whose `kind` year file is readable.

    A cadence that cannot be read gives no period (the param-value rule reports it)."""
    try:
        found = list(judged(branch, ctx, ctx.param(name)))
    except ValueError:
        return
    for period in found:
        if not unknown(branch, ctx, kind, period.year) and not unreadable(branch, ctx, kind, period):
            yield period


def has_members(branch: BranchRecords, period: Period) -> bool:
    return any(member_days(m, period.start, period.end) for m in branch.members)


def owed(branch: BranchRecords, what: str, period: Period, params) -> bool:
    """Whether the organisation owes a `what` (a 会议类型) in `period` — the one answer the
    rules, the yearly plan, the annual report and the assessment share:

    - a meeting of the committee (支委会, 委员民主生活会) while a committee of at least
      支委会最少委员 seats sat on every day of the period (a secretary alone holds none);
    - a meeting of members (支部党员大会, 党课, 组织生活会 …) while the branch had members.

    `params` are the run's effective parameters (name → Effective)."""
    if what in COMMITTEE_MEETINGS:
        smallest = params["支委会最少委员"].value
        return smallest is not None and committee_size_through(branch, period.start, period.end) >= smallest
    if what in MEMBER_MEETINGS:
        return has_members(branch, period)
    return True


def years(branch: BranchRecords, ctx, kind: str, partial: bool = False) -> Iterator[Period]:
    """The calendar years a yearly per-member rule may judge, whose `kind` year file is readable
    (`partial`: see judged)."""
    for period in judged(branch, ctx, "每年", partial):
        if not unknown(branch, ctx, kind, period.year) and not unreadable(branch, ctx, kind, period):
            yield period
