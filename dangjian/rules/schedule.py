"""Plan against practice: the 三会一课 plan (WH-2.4), the 主题党日 fixed day (XZ-4.9, WH-2.7),
and the files the schedule reads (plan/<年>.yaml, holidays/<年>.yaml).

The loader skips plan and holiday files; these rules read them through the repository's
Source, so `validate --staged` sees what git holds. A period is judged only once it has ended
by the checking date, and never before the branch was founded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from dangjian import calendar as P
from dangjian.findings import Problem, Severity
from dangjian.layout import year_of_path
from dangjian.located import Loc
from dangjian.model import BranchRecords
from dangjian.rules.registry import BRANCHES, rule
from dangjian.schedule.entries import KINDS
from dangjian.schedule.fixedday import FixedDayError, parse_fixed_day, place
from dangjian.schedule.holidayfile import HOLIDAY_DIR, HolidayFileError, check_holiday_file
from dangjian.schedule.holidays import HolidayCalendar, UnknownYear
from dangjian.schedule.plan import lifetime, policy_of, theme_rule
from dangjian.schedule.planfile import PLAN_DIR, read

_PLAN = re.compile(rf"(?:^|/){PLAN_DIR}/(\d{{4}})\.ya?ml$")
_HOLIDAY = re.compile(rf"^{HOLIDAY_DIR}/(\d{{4}})\.ya?ml$")


def _year_file(pattern: re.Pattern, rel: str) -> re.Match | None:
    """A plan or holiday file of a year a record can have (plan/0000.yaml is not one)."""
    match = pattern.search(rel)
    return match if match and year_of_path(rel) else None


def _read(repo, rel: str) -> bytes:
    """A file's bytes through the repository's Source (work tree, git index or revision)."""
    source = getattr(repo, "source", None)
    return source.read(rel) if source is not None else (repo.root / rel).read_bytes()


def _cache(ctx) -> dict:
    return ctx.__dict__.setdefault("_schedule", {})


def _plans(branch: BranchRecords, ctx) -> dict[int, tuple]:
    """year → (ReadPlan or None, problems) for the branch's own plan files."""
    cache = _cache(ctx).setdefault("plans", {})
    if branch.directory not in cache:
        found = {}
        own = f"{branch.directory}/{PLAN_DIR}/" if branch.directory else f"{PLAN_DIR}/"
        for rel in branch.files:
            match = _year_file(_PLAN, rel)
            if match and rel.startswith(own) and "/" not in rel[len(own):]:
                year = int(match.group(1))
                try:
                    data = _read(ctx.repo, rel)
                except OSError as exc:
                    found[year] = (None, [(Loc(rel), f"无法读取计划文件：{exc.strerror or exc}")])
                    continue
                found[year] = read(data, rel, year, branch.id)
        cache[branch.directory] = found
    return cache[branch.directory]


def _first_plan_year(ctx) -> int | None:
    cache = _cache(ctx)
    if "first" not in cache:
        years = [int(m.group(1)) for rel in ctx.repo.files if (m := _year_file(_PLAN, rel))]
        cache["first"] = min(years) if years else None
    return cache["first"]


def _active(branch: BranchRecords) -> bool:
    return bool(branch.info and branch.info.kind)


def _calendar(ctx) -> HolidayCalendar:
    return ctx.holidays()  # the command's one calendar (context.RunContext.holidays)


@rule("plan-missing", Severity.WARNING, ("WH-2.4",), params=("年度计划制定月数",), kinds=BRANCHES)
def plan_missing(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """年初制定三会一课年度计划（plan/<年>.yaml）；只在记录库已使用计划文件时检查。

    通过：记录库中有计划文件，本支部有 plan/2026.yaml，今天是 2026-11-22。
    违反：记录库中其他支部有 plan/2026.yaml，本支部 2026 年 1 月底前成立，却没有 plan/2026.yaml。
    """
    first = _first_plan_year(ctx)
    if first is None or not _active(branch):
        return
    born, gone = lifetime(branch)
    months = ctx.param("年度计划制定月数")
    plans = _plans(branch, ctx)
    for year in range(first, ctx.as_of.year + 1):
        due = P.month(year, months).end if 1 <= months <= 12 else P.whole(year).end
        if due >= ctx.as_of or born > dt.date(year, 1, 1) or gone <= due or year in plans:
            continue
        yield Problem(branch.info.loc, f"没有{year}年三会一课年度计划（应在{year}年{months}月底前制定，存为 "
                                       f"{PLAN_DIR}/{year}.yaml；可用 dangjian schedule --write --year {year} 生成）",
                      key=str(year))


def _held(branch: BranchRecords, entry, start: dt.date, end: dt.date) -> bool:
    kind = KINDS[entry.kind]
    for m in branch.meetings:
        if m.date and start <= m.date <= end and kind.meeting in m.kinds and (
                entry.group is None or m.group == entry.group):
            return True
    if entry.kind == "appraisal":
        return any(s.date and start <= s.date <= end
                   for a in branch.activities.values() for s in a.appraisals)
    return False


@rule("plan-not-held", Severity.WARNING, ("WH-2.4",), kinds=BRANCHES)
def plan_not_held(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """年度计划中的会议，时段结束后应有相应的会议记录。

    通过：计划“2026年第一季度 支部党员大会”，meetings/2026.yaml 中有 2026-03-10 的支部党员大会。
    违反：计划“2026年第一季度 支部党员大会”，到 2026-04-01 仍没有该季度的支部党员大会记录。
    """
    if not _active(branch):
        return
    born, gone = lifetime(branch)
    for read_plan, _ in _plans(branch, ctx).values():
        for entry, loc in read_plan.entries if read_plan else []:
            if KINDS[entry.kind].meeting is None:
                continue
            period = P.from_code(entry.period)
            start, end = min(period.start, entry.date), max(period.end, entry.date)
            if end >= ctx.as_of or end < born or start > gone or _held(branch, entry, start, end):
                continue
            if entry.kind == "theme-day":
                message = (f"计划{entry.date.isoformat()}开展主题党日，但{entry.date.year}年{entry.date.month}月"
                           "没有主题党日的会议记录")
            else:
                message = (f"计划{period.start.year}年{period.part}{KINDS[entry.kind].verb}{entry.title}"
                           f"（最迟 {entry.date.isoformat()}），但没有相应的会议记录")
            yield Problem(loc, message, key=entry.uid())


def _expected(branch: BranchRecords, ctx, year: int, month: int) -> tuple[set[dt.date], dt.date, str] | None:
    """(every planned 主题党日 date of the year, this month's date, where it comes from), or None."""
    plans = _plans(branch, ctx)
    read_plan = plans.get(year, (None, []))[0]
    if read_plan is not None:
        days = {e.period: e.date for e, _ in read_plan.entries if e.kind == "theme-day"}
        code = P.month(year, month).code
        if code in days:
            return set(days.values()), days[code], f"{year}年计划"
    try:
        fixed, _, _ = theme_rule(branch, ctx.params)
        if fixed is None:
            return None
        nominal, note = fixed.nominal(year, month)
        placed = place(nominal, policy_of(branch, ctx.params), _calendar(ctx), note)
    except (FixedDayError, UnknownYear, HolidayFileError):
        return None
    return {placed.date}, placed.date, fixed.text


@rule("theme-day-off-schedule", Severity.WARNING, ("XZ-4.9", "WH-2.7"), kinds=BRANCHES)
def theme_day_off_schedule(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """主题党日在固定日（遇节假日按节假日安排调整后的日期，或年度计划中的日期）举行；改期须写明调整原因。

    通过：主题党日 每月10日；2026-05-11 举行（5月10日是星期日，顺延）。
    违反：主题党日 每月10日；2026-03-12 举行，会议记录中没有“调整原因”。
    """
    if not _active(branch):
        return
    born, _ = lifetime(branch)
    by_month: dict[tuple[int, int], list] = {}
    for m in branch.meetings:
        if m.date and "主题党日" in m.kinds and m.date >= born:
            by_month.setdefault((m.date.year, m.date.month), []).append(m)
    for (year, month), meetings in sorted(by_month.items()):
        if P.month(year, month).end >= ctx.as_of:
            continue
        expected = _expected(branch, ctx, year, month)
        if expected is None:
            continue
        planned, this_month, source = expected
        if any(m.date in planned for m in meetings):
            continue
        for m in meetings:
            if not (m.reason or "").strip():
                yield Problem(m.at("date"), f"主题党日于{m.date.isoformat()}举行，本月应在{this_month.isoformat()}"
                                            f"（{source}）；未在固定日举行的，应在会议记录中写明“调整原因”",
                              key=m.date.isoformat())


@rule("theme-day-rule-invalid", Severity.ERROR, ("XZ-4.9", "WH-2.7"))
def theme_day_rule_invalid(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """branch.yaml 中的“主题党日”写成排期能识别的固定日。

    通过：主题党日: 每月第一个周五
    违反：主题党日: 每月初
    """
    if branch.info is None or not branch.info.theme_day:
        return
    try:
        parse_fixed_day(branch.info.theme_day)
    except FixedDayError as exc:
        yield Problem(branch.info.at("theme_day"), str(exc))


@rule("plan-file-invalid", Severity.ERROR, ("WH-2.4",))
def plan_file_invalid(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """计划文件（plan/<年>.yaml）能被读取，各项的类型、时段、日期有效。

    通过：由 dangjian schedule --write 生成、按格式修改过日期的 plan/2026.yaml。
    违反：plan/2026.yaml 中一项写成 时段: 第五季度。
    """
    for _, problems in _plans(branch, ctx).values():
        for loc, message in problems:
            yield Problem(loc, message)


@rule("holiday-file-invalid", Severity.ERROR, ("XZ-4.9", "WH-2.7"), scope="repo")
def holiday_file_invalid(repo, ctx) -> Iterator[Problem]:
    """节假日安排文件（holidays/<年>.yaml）照通知填写：日期在当年内、调休上班日是周末、各段不重叠。

    通过：holidays/2027.yaml 写明依据，春节放假 2027-02-05 至 2027-02-11，调休上班 2027-02-20（星期六）。
    违反：holidays/2027.yaml 中调休上班日写成 2027-02-17（星期三）。
    """
    for rel in repo.files:
        if not rel.startswith(f"{HOLIDAY_DIR}/"):
            continue
        match = _year_file(_HOLIDAY, rel)
        if not match:
            yield Problem(Loc(rel), f"无法识别的文件名：{HOLIDAY_DIR}/ 下应为“年份.yaml”，如 {HOLIDAY_DIR}/2027.yaml")
            continue
        try:
            data = _read(repo, rel)
        except OSError as exc:
            yield Problem(Loc(rel), f"无法读取文件：{exc.strerror or exc}")
            continue
        for loc, message in check_holiday_file(data, rel, int(match.group(1)))[1]:
            yield Problem(loc, message)
