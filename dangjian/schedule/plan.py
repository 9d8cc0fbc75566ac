"""One branch's plan for a year: 主题党日 dates and the 三会一课 and other yearly items.

Meetings other than the 主题党日 are planned "within their period": the entry's date is the
period's last working day, the day after which a missing record becomes a finding. Nothing
is planned before the branch was founded or after it was dissolved or ended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dangjian import calendar as P
from dangjian.dates import add_months, add_years, cn_date
from dangjian.facts import is_member_on, membership_periods
from dangjian.located import Loc
from dangjian.model import BranchRecords, Member
from dangjian.periods import owed
from dangjian.schedule.entries import KINDS, Entry
from dangjian.schedule.fixedday import DEFAULT_POLICY, FixedDay, FixedDayError, month_dates, parse_fixed_day
from dangjian.schedule.holidays import HolidayCalendar

CADENCE_PARAMS = (("committee-meeting", "支委会周期"), ("general-meeting", "党员大会周期"),
                  ("party-lecture", "党课周期"), ("life-meeting", "组织生活会周期"), ("appraisal", "民主评议周期"),
                  ("secretary-report", "书记述职周期"), ("dues-assessment", "党费核定周期"))


def param(params: dict, name: str):
    """A parameter's effective value (defaults: the national table, context.parameters)."""
    return params[name].value


@dataclass
class BranchPlan:
    branch: BranchRecords
    year: int
    entries: list[Entry] = field(default_factory=list)
    problems: list[tuple[Loc, str]] = field(default_factory=list)
    rule: FixedDay | None = None
    rule_source: str = ""  # where the 主题党日 rule came from, in Chinese
    policy: str = DEFAULT_POLICY


def theme_rule(branch: BranchRecords, params: dict) -> tuple[FixedDay | None, str, Loc | None]:
    """The branch's 主题党日 rule and where it came from; raises FixedDayError for bad text."""
    info = branch.info
    if info.theme_day:
        return parse_fixed_day(info.theme_day), f"branch.yaml：{info.theme_day}", info.at("theme_day")
    default = (param(params, "主题党日固定日") or {}).get(info.sector or "")
    if default:
        return parse_fixed_day(default), f"规则集默认（{info.sector}）：{default}", None
    return None, "", None


def policy_of(branch: BranchRecords, params: dict) -> str:
    return branch.info.holiday_policy or param(params, "主题党日节假日安排") or DEFAULT_POLICY


def lifetime(branch: BranchRecords) -> tuple[dt.date, dt.date]:
    info = branch.info
    ends = [d for d in (info.dissolved, info.ends) if d]
    return info.founded or dt.date.min, min(ends) if ends else dt.date.max


def last_workday(period: P.Period, cal: HolidayCalendar, until: dt.date) -> dt.date:
    day = min(period.due, until)
    while day > period.start and not cal.is_workday(day):
        day -= dt.timedelta(days=1)
    return day


def build(branch: BranchRecords, year: int, cal: HolidayCalendar, params: dict, names: dict[str, str]) -> BranchPlan:
    """The year's plan; UnknownYear and HolidayFileError propagate, bad record text becomes a problem."""
    plan = BranchPlan(branch, year)
    info = branch.info
    born, gone = lifetime(branch)
    if born > dt.date(year, 12, 31) or gone < dt.date(year, 1, 1):
        return plan
    has_members = any(s <= dt.date(year, 12, 31) and (e is None or e > dt.date(year, 1, 1))
                      for m in branch.members for s, e in membership_periods(m))
    out = plan.entries

    def add(entry: Entry) -> None:
        if born <= entry.date <= gone:
            out.append(entry)

    theme_days: dict[int, Entry] = {}
    try:
        plan.rule, plan.rule_source, _ = theme_rule(branch, params)
        plan.policy = policy_of(branch, params)
        if plan.rule and has_members:
            for n, placed in enumerate(month_dates(plan.rule, year, plan.policy, cal), start=1):
                entry = Entry(branch.id, "theme-day", P.month(year, n).code, placed.date, placed.reason,
                              placed.provisional, placed.nominal)
                theme_days[n] = entry
                add(entry)
    except FixedDayError as exc:
        origin = "" if info.theme_day else f"规则集参数“主题党日固定日”中{info.sector}的默认值："
        plan.problems.append((info.at("theme_day"), f"{origin}{exc}"))

    def within(kind: str, period: P.Period, group: str | None = None) -> None:
        if period.end < born or period.start > gone:
            return
        day = last_workday(period, cal, gone)
        what = KINDS[kind]
        reason = f"{period.part}内{what.verb}{what.title if not group else '党小组会'}，最迟{day.month}月{day.day}日"
        add(Entry(branch.id, kind, period.code, day, reason, cal.is_provisional(day), group=group, key=group or ""))

    for kind, name in CADENCE_PARAMS:
        try:
            chosen = P.periods(param(params, name), year)
        except ValueError as exc:
            plan.problems.append((Loc("dangjian.yaml"), f"参数“{name}”：{exc}"))
            continue
        for period in chosen:
            if owed(branch, KINDS[kind].meeting or KINDS[kind].title, period, params):
                within(kind, period)
    if has_members:
        try:
            group_periods = P.periods(param(params, "党小组会周期"), year)
        except ValueError as exc:
            plan.problems.append((Loc("dangjian.yaml"), f"参数“党小组会周期”：{exc}"))
            group_periods = []
        for group in info.groups:
            for period in group_periods if group.name else []:
                within("group-meeting", period, group.name)
        _dues_publication(plan, cal, params, add)
    _birthdays(plan, theme_days, names, add)
    _probation(plan, names, add)
    _election(plan, params, add)
    _duty(plan, cal, names, add)
    out.sort(key=Entry.sort_key)
    return plan


def _dues_publication(plan: BranchPlan, cal: HolidayCalendar, params: dict, add) -> None:
    year = plan.year
    cadence = str(param(params, "党费公布周期"))
    months = int(param(params, "党费公布期限月数"))
    covered = [P.half(year - 1, 2), P.half(year, 1)] if cadence in ("半年", "每半年") else [P.whole(year - 1)]
    for period in covered:
        due = add_months(period.end + dt.timedelta(days=1), months) - dt.timedelta(days=1)
        if due.year != year:
            continue
        day = last_workday(P.Period(period.end, due, ""), cal, due)
        what = f"{period.start.year}年{period.label}" if period.label != "全年" else f"{period.start.year}年度"
        add(Entry(plan.branch.id, "dues-publication", period.code, day,
                  f"公布{what}党费收缴、使用情况，最迟{day.month}月{day.day}日", cal.is_provisional(day)))


def _birthdays(plan: BranchPlan, theme_days: dict[int, Entry], names: dict[str, str], add) -> None:
    by_month: dict[int, list[tuple[Member, dt.date]]] = {}
    for m in plan.branch.members:
        if m.joined is None or m.joined.year >= plan.year or not m.id:
            continue
        day = add_years(m.joined, plan.year - m.joined.year)
        if is_member_on(m, day):
            by_month.setdefault(day.month, []).append((m, day))
    for month, found in sorted(by_month.items()):
        found.sort(key=lambda pair: (pair[1], pair[0].id))
        who = "、".join(f"{names.get(m.id, m.name or m.id)}（{m.joined.year}年入党，{plan.year - m.joined.year}周年）"
                       for m, _ in found)
        theme = theme_days.get(month)
        day = theme.date if theme else found[0][1]
        how = "结合本月主题党日" if theme else "在入党纪念日"
        add(Entry(plan.branch.id, "political-birthday", P.month(plan.year, month).code, day,
                  f"{how}为本月入党的党员过政治生日：{who}", theme.provisional if theme else False,
                  members=tuple(m.id for m, _ in found)))


def _probation(plan: BranchPlan, names: dict[str, str], add) -> None:
    for m in plan.branch.members:
        if m.status != "预备党员" or m.full_member or m.joined is None or not m.id:
            continue
        due = add_years(m.joined, 1)
        if due.year != plan.year or not is_member_on(m, due - dt.timedelta(days=1)):
            continue
        add(Entry(plan.branch.id, "probation-due", due.strftime("%Y-%m"), due,
                  f"{names.get(m.id, m.name)}于{cn_date(m.joined)}接收为预备党员，预备期一年，{cn_date(due)}期满；"
                  "应及时召开支部党员大会讨论其转正", members=(m.id,), key=m.id))


def _election(plan: BranchPlan, params: dict, add) -> None:
    committee = plan.branch.info.committee
    if committee is None or committee.elected is None or not committee.term_years:
        return
    end = add_years(committee.elected, committee.term_years)
    if end.year != plan.year:
        return
    months = param(params, "换届提醒月数")
    add(Entry(plan.branch.id, "election-due", end.strftime("%Y-%m"), end,
              f"{committee.session or '本届'}委员会{cn_date(committee.elected)}选举产生，任期{committee.term_years}年，"
              f"{cn_date(end)}届满；应按期换届，届满前{months}个月着手准备"))


def _duty(plan: BranchPlan, cal: HolidayCalendar, names: dict[str, str], add) -> None:
    rota = {r.weekday: r.members for r in plan.branch.info.duty_rota if r.weekday}
    if not rota:
        return
    day = dt.date(plan.year, 1, 1)
    while day.year == plan.year:
        weekday = "一二三四五六日"[day.weekday()]
        members = rota.get(f"周{weekday}")
        if members is not None and not cal.is_day_off(day):
            who = "、".join(names.get(m, m) for m in members) or "（未排人员）"
            what = "集中办公" if weekday == "一" else "轮流值班"
            add(Entry(plan.branch.id, "duty", day.isoformat(), day, f"{what}：{who}",
                      cal.is_provisional(day), members=tuple(members)))
        day += dt.timedelta(days=1)


def member_names(branches: list[BranchRecords]) -> dict[str, str]:
    """Member id → name over the whole repository (a duty rota names secretaries of other branches)."""
    return {m.id: m.name or m.id for b in branches for m in b.members if m.id}
