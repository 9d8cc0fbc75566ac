"""The report side of the run's figures (dangjian.figures) and plan (dangjian.schedule.plan).

Every number comes from `source.figures`, the one place it is computed; this module only turns
it into the strings a template shows. An error in either package fails the report loudly: a
report is never filled with approximate figures. Only a bad holidays file, which validate reports
with its place, leaves the plan out with a note.
"""

from __future__ import annotations

from decimal import Decimal

from dangjian import dates
from dangjian.model import BranchRecords
from dangjian.report.common import Source, cn, iso, money
from dangjian.schedule.holidayfile import HolidayFileError
from dangjian.schedule.holidays import UnknownYear
from dangjian.schedule.plan import build

ZERO = Decimal(0)
EMPTY_DUES = {"available": False, **{k: "" for k in ("due", "paid", "owed", "extra", "central", "remitted", "spent",
                                                       "balance")}, "arrears": [], "note": ""}


def dues(source: Source, branch: BranchRecords, year: int, months: range, end=None) -> dict:
    """应交, 实交, 欠交, 上缴, 支出, 结余 for `months` of `year`, and who owes for which months."""
    if year not in branch.dues:
        return {**EMPTY_DUES, "note": f"未建立 {year} 年党费账（dues/{year}.yaml）"}
    try:
        figure = source.figures.dues(branch, year, months, end)
    except ValueError as exc:  # bad amounts in the record; validate reports them in detail
        return {**EMPTY_DUES, "note": f"党费账无法计算：{exc}"}
    assert figure is not None
    arrears = [{"name": source.name(a.member_id), "months": "、".join(f"{m}月" for m in a.months),
                "amount": money(a.amount)} for a in figure.arrears]
    note = "" if figure.closed else (f"截至{dates.cn_date(source.figures.checking_day)}本期尚未全部结束，"
                                     "未结束月份的党费只计实交，不计应交和欠交")
    return {"available": True, **{k: money(figure.totals.get(k, ZERO)) for k in
                                  ("due", "paid", "owed", "extra", "central", "remitted", "spent", "balance")},
            "arrears": arrears, "note": note}


def planned(source: Source, branch: BranchRecords, year: int, month: int) -> dict:
    """What the year's plan puts in the month: 主题党日 and meetings due, with dates."""
    if branch.info is None:
        return {"available": False, "entries": [], "note": "branch.yaml 无法读取"}
    try:
        names = {mid: source.name(mid) for mid in source.people}
        plan = build(branch, year, source.run.holidays(provisional=True), source.params, names)
    except (HolidayFileError, UnknownYear) as exc:  # validate reports the holidays file with its place
        return {"available": False, "entries": [], "note": f"无法排出计划：{exc}"}
    items = [{"date": iso(e.date), "date_cn": cn(e.date), "what": e.title, "note": e.reason or "",
              "provisional": bool(e.provisional)}
             for e in plan.entries if e.date.year == year and e.date.month == month and e.kind != "duty"]
    note = "标“待复核”的日期待国务院公布放假安排后复核" if any(i["provisional"] for i in items) else ""
    return {"available": True, "entries": items, "note": note}
