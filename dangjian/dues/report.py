"""What the dues commands show: the month's status and the 党费收缴使用情况公布表."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from dangjian.calendar import Period, month_end
from dangjian.clauses import cite
from dangjian.dues.calc import Assessment, format_money, format_rate
from dangjian.dues.ledger import ZERO
from dangjian.facts import is_member_on
from dangjian.figures import Figures
from dangjian.model import BranchRecords
from dangjian.periods import NOT_RECORDED


def branch_label(branch) -> str:
    info = branch.info
    return (info.short_name or info.name) if info and (info.short_name or info.name) else branch.id


# --- calc --------------------------------------------------------------------------------------

def calc_json(result: Assessment) -> str:
    def money(value: Decimal | None) -> str | None:
        return None if value is None else format_money(value)

    return json.dumps({
        "category": result.category, "income": money(result.income),
        "deductions": {k: format_money(v) for k, v in result.deductions}, "base": money(result.base),
        "tier": result.tier, "rate": format_rate(result.rate) if result.rate is not None else None,
        "amount": format_money(result.amount), "clause": result.clause}, ensure_ascii=False, indent=2)


def calc_text(result: Assessment) -> str:
    from tabulate import tabulate

    rows = [("党费类别", result.category)]
    if result.income is not None:
        rows.append(("收入", f"{format_money(result.income)}（{result.base_label}）"))
    rows += [("扣除", f"{k} {format_money(v)}") for k, v in result.deductions]
    if result.base is not None:
        rows.append(("基数", format_money(result.base)))
    rows.append(("档次", result.tier))
    if result.rate is not None:
        rows.append(("比例", format_rate(result.rate)))
    rows += [("月交额", format_money(result.amount)), ("依据", f"{result.clause} {cite(result.clause)}")]
    return tabulate(rows, tablefmt="plain", disable_numparse=True)


# --- status ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class StatusRow:
    branch: str
    member_id: str
    name: str
    monthly: Decimal | None
    this_month: str  # 已交 2026-10-10 / 未交 / 按季交纳 / 未核定
    owed: Decimal
    since: str  # first month owed, YYYY-MM, or ""


def status(branches: list[BranchRecords], year: int, month: int, figures: Figures) -> list[StatusRow]:
    """Every member who belongs to a branch at the end of the month; arrears up to that month,
    counting the months ended before the checking day."""
    end = month_end(year, month)
    rows = []
    for branch in branches:
        loaded = getattr(branch, "loaded", True)
        every = figures.member_months(branch, year, month)
        accounts = {a.member: a for a in reversed(branch.dues[year].accounts if year in branch.dues else [])}
        for member in branch.members:
            if not member.id or not is_member_on(member, end):
                continue
            history = every.get(member.id, [])
            account = accounts.get(member.id)
            entry = next((e for e in history if (e.year, e.month) == (year, month)), None)
            if account is None or entry is None:
                state = "未核定"
            elif not entry.recorded:
                state = NOT_RECORDED
            elif entry.payments:
                state = "已交 " + "、".join(p.date.isoformat() for p in entry.payments)
            elif not entry.closed:
                state = "按季交纳，未到期" if account.quarterly_approval else "未交，本月尚未结束"
            else:
                state = "未交"
            owed_months = [e for e in history if e.owed > 0]
            # The month's own amount: a 基数变动 may have changed it (dangjian.dues.ledger).
            monthly = entry.due if entry is not None and entry.belongs else (account.monthly if account else None)
            rows.append(StatusRow(branch_label(branch), member.id, member.name or "", monthly,
                                  state, sum((e.owed for e in owed_months), ZERO),
                                  owed_months[0].label if owed_months else ""))
        figures.done_with(branch, loaded)
    return rows



STATUS_HEADERS = ("党组织", "编号", "姓名", "月交额", "本月", "欠交合计", "欠交起始月")


def status_cells(row: StatusRow) -> list[str]:
    return [row.branch, row.member_id, row.name, format_money(row.monthly) if row.monthly is not None else "",
            row.this_month, format_money(row.owed) if row.owed else "", row.since]


# --- the publication table ---------------------------------------------------------------------

SUMMARY_COLUMNS = (("due", "应交"), ("paid", "实交"), ("owed", "欠交"), ("remitted", "上缴"), ("spent", "支出"),
                   ("balance", "结余"), ("central", "其中应上缴中央"))


@dataclass(frozen=True)
class SummaryRow:
    label: str
    members: int
    totals: dict[str, Decimal]


def summary(branches: list[BranchRecords], year: int, months: range,
            figures: Figures) -> tuple[list[SummaryRow], list[str]]:
    """One row per branch with a dues account for the year, then the street's total; and the branches without."""
    rows, missing = [], []
    for branch in branches:
        loaded = getattr(branch, "loaded", True)
        found = figures.dues(branch, year, months)
        figures.done_with(branch, loaded)
        if found is None:
            if branch.members:
                missing.append(branch_label(branch))
            continue
        rows.append(SummaryRow(branch_label(branch), found.members, found.totals))
    keys = [k for k, _ in SUMMARY_COLUMNS]
    total = {k: sum((r.totals[k] for r in rows), ZERO) for k in keys}
    rows.append(SummaryRow("合计", sum(r.members for r in rows), total))
    return rows, missing


def summary_text(rows: list[SummaryRow], period: Period, title: str, fmt: str, missing: list[str]) -> str:
    headers = ["党组织", "党员数", *(label for _, label in SUMMARY_COLUMNS)]
    cells = [[r.label, str(r.members), *(format_money(r.totals[k]) for k, _ in SUMMARY_COLUMNS)] for r in rows]
    heading = f"{title}{period.label}党费收缴使用情况公布表（单位：元）"
    note = f"没有 {period.year} 年党费账的党组织：{'、'.join(missing)}" if missing else ""
    if fmt == "json":
        keys = [k for k, _ in SUMMARY_COLUMNS]

        def entry(r: SummaryRow) -> dict:
            return {"name": r.label, "members": r.members, **{k: format_money(r.totals[k]) for k in keys}}

        return json.dumps({"title": heading, "period": period.label, "unit": "元",
                           "branches": [entry(r) for r in rows[:-1]], "total": entry(rows[-1]),
                           "without_dues": missing}, ensure_ascii=False, indent=2)
    from tabulate import tabulate

    if fmt == "md":  # names written as text: a `|` or `<` in a name cannot break the table
        from dangjian.markdown import md_cell, md_text

        cells = [[md_cell(c) for c in row] for row in cells]
        heading = md_text(heading)
    table = tabulate(cells, headers=headers, tablefmt="github" if fmt == "md" else "simple",
                     disable_numparse=True, colalign=("left", *["right"] * (len(headers) - 1)))
    head = f"# {heading}" if fmt == "md" else heading
    return "\n\n".join(x for x in (head, table, note) if x)
