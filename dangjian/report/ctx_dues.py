"""党费收缴使用账簿 (XZ-6.3) and the 收缴使用情况公布表 (XZ-3.6): one year of one organisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dangjian.dues.periods import parse_period, periods_for
from dangjian.model import BranchRecords
from dangjian.periods import NOT_RECORDED
from dangjian.report import figures
from dangjian.report.common import Source, branch_label, cn, header, money
from dangjian.report.sorting import sort_by_name
from dangjian.report.spec import COMMON, DUES, Spec, each, group

TITLE = "党费收缴使用账簿"
ZERO = Decimal(0)

VARIABLES: Spec = {
    **COMMON,
    "accounts": each("每名党员的党费", {
        "no": "序号", "name": "姓名", "category": "党费类别", "base": "核定基数（元）", "rate": "比例",
        "monthly": "月交额（元）；年内有基数变动的注明自何月起的新数额，如 42.00（7月起108.00）",
        "months": each("1 至 12 月", {"month": "月份", "text": "已交金额；欠交；— 表示不在本支部"}),
        "paid": "全年实交（元）", "owed": "欠交（元）"}),
    "totals": group("全年合计", DUES),
    "publication": each("收缴使用情况公布表（按公布周期：全年，或上半年、下半年）", {
        "label": "期间", "due": "应交（元）", "paid": "实交（元）", "owed": "欠交（元）", "remitted": "上缴（元）",
        "spent": "支出（元）", "balance": "结余（元）", "central": "其中应上缴中央的大额党费（元）"}),
    "published": each("已公布记录", {"date_cn": "公布日期", "period": "公布范围"}),
    "remittances": each("上缴记录", {"date_cn": "日期", "amount": "金额（元）", "to": "接收单位", "note": "说明"}),
    "spending": each("支出记录", {"date_cn": "日期", "amount": "金额（元）", "to": "用途或接收单位", "note": "说明"}),
    "assessed_cn": "年初核定日期",
}


def build(source: Source, branch: BranchRecords) -> dict:
    period = source.period
    year = period.year
    context = header(source, f"{branch_label(branch)}{period.label}{TITLE}", branch)
    file = branch.dues.get(year)
    context["accounts"] = _accounts(source, branch, year, period.end)
    context["totals"] = figures.dues(source, branch, year, range(1, 13), period.end)
    spans, covers = _publication_periods(source, year)
    rows = []
    for label, months in spans:
        figure = figures.dues(source, branch, year, months, period.end)
        rows.append({"label": label, **{k: figure[k] for k in ("due", "paid", "owed", "remitted", "spent",
                                                                "balance", "central")}})
    context["publication"] = rows
    # The year's publication is usually recorded in the next year's file (XZ-3.6: 每年初公布上年度).
    published = [p for y in (year, year + 1) if y in branch.dues for p in branch.dues[y].publications
                 if covers(p.period or "")]
    context["published"] = [{"date_cn": cn(p.date), "period": p.period or ""} for p in published]
    context["remittances"] = _movements(file.remittances if file else [])
    context["spending"] = _movements(file.spending if file else [])
    context["assessed_cn"] = cn(file.assessed) if file else ""
    return context


def _publication_periods(source: Source, year: int):
    """The periods of the 公布表 (the year, or its halves and then the year) and a test of
    whether a 公布 record's 范围 covers the year."""
    cadence = str(source.param("党费公布周期"))
    try:
        spans = [(p.label, p.months) for p in periods_for(year, cadence)]
    except ValueError:  # a bad 党费公布周期 is reported by validate; show the year
        spans = [(f"{year}年度", range(1, 13))]
    if len(spans) > 1:
        spans.append((f"{year}年度", range(1, 13)))

    def covers(text: str) -> bool:
        found = parse_period(text)
        return found is not None and found.year == year

    return spans, covers


def _movements(entries) -> list[dict]:
    return [{"date_cn": cn(e.date), "amount": money(e.amount), "to": e.to or "", "note": e.note or ""}
            for e in sorted(entries, key=lambda e: e.date or dt.date.min)]


def _accounts(source: Source, branch: BranchRecords, year: int, end: dt.date) -> list[dict]:
    if year not in branch.dues:
        return []
    try:
        ledgers = source.figures.ledger(branch, year, end).accounts
    except ValueError:  # bad amounts in the record; the totals say so
        return []
    rows = [_row(source, a.member_id, a.account, [(e.belongs, e.closed, e.paid, e.owed, e.recorded) for e in a.months])
            | _changed(a) for a in ledgers]
    rows = sort_by_name(rows, lambda r: r["name"], source.sort)
    for n, row in enumerate(rows, start=1):
        row["no"] = n
    return rows


def _row(source: Source, member_id: str, account, months: list[tuple[bool, bool, Decimal, Decimal, bool]]) -> dict:
    member = source.people.get(member_id)
    cells = []
    for n, (belongs, _closed, paid, owed, recorded) in enumerate(months, start=1):
        if not recorded:
            text = NOT_RECORDED
        elif paid > 0:
            text = money(paid) + (f"（欠{money(owed)}）" if owed > 0 else "")
        elif owed > 0:
            text = "欠交"
        elif not belongs:
            text = "—"
        else:
            text = ""
        cells.append({"month": n, "text": text})
    category = (account.category if account and account.category else None) or (member.dues_category if member else "")
    return {"no": 0, "name": source.name(member_id), "category": category or "",
            "base": money(account.base) if account else "",
            "rate": _rate(account.rate) if account and account.rate is not None else "",
            "monthly": money(account.monthly) if account else "", "months": cells,
            "paid": money(sum((m[2] for m in months), ZERO)), "owed": money(sum((m[3] for m in months), ZERO))}


def _changed(ledger) -> dict:
    """The 月交额 as the ledger charges it: the year's amount, then each month a 基数变动 changes
    it from (“42.00（7月起108.00）”), so that the column agrees with the months."""
    if ledger.account is None or not ledger.account.base_changes:
        return {}
    notes, amount = [], ledger.account.monthly
    for entry in ledger.months:
        if entry.belongs and entry.due != amount:
            notes.append(f"{entry.month}月起{money(entry.due)}")
            amount = entry.due
    return {"monthly": money(ledger.account.monthly) + (f"（{'，'.join(notes)}）" if notes else "")}


def _rate(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%" if rate < 1 else f"{rate.normalize():f}%"
