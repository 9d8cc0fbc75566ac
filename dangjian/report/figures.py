"""Figures from the dues and schedule packages, with plain fallbacks when they are unavailable.

dangjian.dues (the ledger) and dangjian.schedule (主题党日 dates, the year's plan, cadence
periods) are imported lazily. If one is missing or its interface differs, the report still
comes out: simple figures are computed here from the model, and `note` says in the report
text what is approximate or unavailable.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from dangjian.dates import add_months
from dangjian.facts import is_member_on
from dangjian.model import BranchRecords
from dangjian.report.common import Source, cn, iso, money

ZERO = Decimal(0)
API_ERRORS = (ImportError, AttributeError, TypeError)


def month_end(year: int, month: int) -> dt.date:
    return add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)


# --- dues ------------------------------------------------------------------------------------------

def dues(source: Source, branch: BranchRecords, year: int, months: range, closed_through: dt.date) -> dict:
    """应交, 实交, 欠交, 上缴, 支出, 结余 for `months` of `year`, and who owes for which months."""
    empty = {"available": False, "due": "", "paid": "", "owed": "", "extra": "", "central": "", "remitted": "",
             "spent": "", "balance": "", "arrears": [], "note": ""}
    if year not in branch.dues:
        return {**empty, "note": f"未建立 {year} 年党费账（dues/{year}.yaml）"}
    try:
        from dangjian.dues.ledger import branch_ledger

        large = Decimal(str(source.param("大额党费", "1000")))
        ledger = branch_ledger(branch, year, closed_through, large)
        totals = ledger.totals(months)
        owing = [(a.member_id, [e.month for e in a.months if e.month < months.stop and e.owed > 0],
                  a.total("owed", range(1, months.stop))) for a in ledger.accounts]
        note = ""
    except API_ERRORS:
        totals, owing = _simple_dues(branch, year, months, closed_through)
        note = "党费账目模块暂不可用，以下为按台账直接汇总的简化数字（未计按季交纳和自愿多交）"
    except ValueError as exc:  # bad amounts in the record; validate reports them in detail
        return {**empty, "note": f"党费账无法计算：{exc}"}
    arrears = [{"name": source.name(member_id), "months": "、".join(f"{m}月" for m in owed),
                "amount": money(amount)} for member_id, owed, amount in owing if owed]
    return {"available": True, **{k: money(totals.get(k, ZERO)) for k in
                                  ("due", "paid", "owed", "extra", "central", "remitted", "spent", "balance")},
            "arrears": arrears, "note": note}


def _simple_dues(branch: BranchRecords, year: int, months: range, closed_through: dt.date):
    file = branch.dues[year]
    roster = {m.id: m for m in branch.members}
    due = paid = ZERO
    owing = []
    for account in file.accounts:
        member = roster.get(account.member)
        owed_months, owed_total = [], ZERO
        for month in range(1, months.stop):
            end = month_end(year, month)
            belongs = member is not None and is_member_on(member, end)
            charged = (account.monthly or ZERO) if belongs and end <= closed_through else ZERO
            got = (account.monthly or ZERO) if month in (account.paid or {}) else ZERO
            got += sum((e.amount or ZERO for e in account.exceptions if e.month == month), ZERO)
            if month in months:
                due += charged
                paid += got
            if charged > got:
                owed_months.append(month)
                owed_total += charged - got
        owing.append((account.member, owed_months, owed_total))

    def moved(entries) -> Decimal:
        return sum((e.amount or ZERO for e in entries if e.date and e.date.year == year and e.date.month in months),
                   ZERO)

    remitted, spent = moved(file.remittances), moved(file.spending)
    owed = sum((t for _, m, t in owing), ZERO)
    return ({"due": due, "paid": paid, "owed": owed, "extra": ZERO, "central": ZERO, "remitted": remitted, "spent": spent,
             "balance": paid - remitted - spent}, owing)


# --- schedule --------------------------------------------------------------------------------------

def planned(source: Source, branch: BranchRecords, year: int, month: int) -> dict:
    """What the year's plan puts in the month: 主题党日 and meetings due, with dates."""
    if branch.info is None:
        return {"available": False, "entries": [], "note": "branch.yaml 无法读取"}
    try:
        from dangjian.schedule.holidays import HolidayCalendar
        from dangjian.schedule.plan import build
    except API_ERRORS:
        return _simple_plan(branch, year, month)
    try:
        calendar = HolidayCalendar(source.repo.root, provisional=True)
        names = {mid: source.name(mid) for mid in source.people}
        plan = build(branch, year, calendar, source.params, names)
        items = [{"date": iso(e.date), "date_cn": cn(e.date), "what": e.title, "note": e.reason or "",
                  "provisional": bool(e.provisional)}
                 for e in plan.entries if e.date.year == year and e.date.month == month and e.kind != "duty"]
    except API_ERRORS:
        return _simple_plan(branch, year, month)
    except Exception as exc:  # holiday file errors and the like: say so instead of failing the report
        return {"available": False, "entries": [], "note": f"无法排出计划：{exc}"}
    note = "标“待复核”的日期待国务院公布放假安排后复核" if any(i["provisional"] for i in items) else ""
    return {"available": True, "entries": items, "note": note}


def _simple_plan(branch: BranchRecords, year: int, month: int) -> dict:
    note = "计划模块暂不可用：只按固定日推算主题党日，未考虑节假日，也未列三会一课"
    match = re.fullmatch(r"每月(\d{1,2})日", (branch.info.theme_day or "").strip())
    items = []
    if match:
        day = min(int(match.group(1)), month_end(year, month).day)
        date = dt.date(year, month, day)
        items.append({"date": iso(date), "date_cn": cn(date), "what": "主题党日", "note": branch.info.theme_day,
                      "provisional": True})
    return {"available": False, "entries": items, "note": note}


def cadence_periods(cadence: str | None, year: int) -> list[tuple[dt.date, dt.date, str]]:
    """The periods of a cadence parameter (每月, 每季度, 第四季度, 12月…): (start, end, label)."""
    if not cadence:
        return []
    try:
        from dangjian.schedule.periods import periods

        return [(p.start, p.end, p.label) for p in periods(cadence, year)]
    except API_ERRORS:
        pass
    except ValueError:
        return []
    months = {"每月": [(m, m) for m in range(1, 13)], "每季度": [(1, 3), (4, 6), (7, 9), (10, 12)],
              "每半年": [(1, 6), (7, 12)], "上半年": [(1, 6)], "下半年": [(7, 12)], "每年": [(1, 12)]}
    quarters = {"第一季度": (1, 3), "第二季度": (4, 6), "第三季度": (7, 9), "第四季度": (10, 12)}
    if cadence in quarters:
        spans = [quarters[cadence]]
    elif re.fullmatch(r"\d{1,2}月", cadence):
        spans = [(int(cadence[:-1]),) * 2]
    else:
        spans = months.get(cadence, [])
    return [(dt.date(year, a, 1), month_end(year, b), f"{a}月" if a == b else f"{a}—{b}月") for a, b in spans]
