"""The judgements behind the dues rules, as plain functions over the model and the ledger.

dangjian/rules/dues.py turns what these return into findings with a location.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dangjian import calendar
from dangjian.calendar import Period
from dangjian.dues.calc import (
    FARMER,
    FIXED,
    PERCENT,
    DuesError,
    DuesRules,
    calculate,
    format_money,
    format_rate,
)
from dangjian.dues.ledger import AccountLedger, MonthEntry, months_between
from dangjian.dues.periods import deadline as deadline_of
from dangjian.dues.periods import parse_period, periods_for
from dangjian.located import Loc
from dangjian.model import DuesAccount, DuesFile, Publication


def assessment_problems(acc: DuesAccount, category: str, rules: DuesRules) -> Iterator[tuple[str, str]]:
    """(field, message) for each way the account's 比例 or 月交额 disagrees with its category and 基数."""
    approved = bool(acc.reduction_approval)
    if category in PERCENT:
        if acc.base is None:
            if acc.missing("base"):
                yield "member", f"（{category}）没有填写“基数”，无法核对月交额"
            return
        try:
            expected = calculate(category, acc.base, rules=rules)
        except DuesError as exc:
            yield "base", str(exc)
            return
        how = f"基数 {format_money(acc.base)} 元属于“{expected.tier}”一档"
        if acc.rate is not None and acc.rate != expected.rate:
            yield "rate", f"比例应为 {format_rate(expected.rate)}（{how}），写的是 {format_rate(acc.rate)}"
        if acc.monthly > expected.amount or (acc.monthly < expected.amount and not approved):
            hint = "；如经批准少交，请填写“减免批准”" if acc.monthly < expected.amount else ""
            yield "monthly", (f"月交额应为 {format_money(expected.amount)} 元（{how}，比例 {format_rate(expected.rate)}），"
                              f"写的是 {format_money(acc.monthly)} 元{hint}")
        return
    low, high = rules.farmer_range if category == FARMER else (rules.fixed, rules.fixed)
    if acc.monthly > high or (acc.monthly < low and not approved):
        allowed = f"{format_money(low)} 元至 {format_money(high)} 元" if low != high else f"{format_money(low)} 元"
        yield "monthly", f"党费类别“{category}”每月交纳 {allowed}，写的是 {format_money(acc.monthly)} 元"
    if category in (*FIXED, FARMER) and acc.base is not None and acc.rate is not None:
        yield "rate", f"党费类别“{category}”按固定数额交纳，不按比例计算"


def unpaid_runs(history: list[MonthEntry], limit: int) -> list[list[MonthEntry]]:
    """Runs of at least `limit` consecutive calendar months with nothing paid."""
    runs: list[list[MonthEntry]] = []
    run: list[MonthEntry] = []
    for entry in [*history, None]:
        follows = entry is not None and run and \
            entry.year * 12 + entry.month == run[-1].year * 12 + run[-1].month + 1
        if entry is not None and entry.unpaid and (follows or not run):
            run.append(entry)
            continue
        if run and len(run) >= limit:  # a limit of 0 (参数) must not count empty runs
            runs.append(run)
        run = [entry] if entry is not None and entry.unpaid else []
    return runs


def quarters_paid_at_once(acc: AccountLedger) -> Iterator[tuple[int, dt.date, Loc]]:
    """(quarter, date, where) for each ended quarter whose due months were all paid on one date,
    within the quarter or the month after it: the pattern of 按季交纳."""
    for q in range(4):
        months = [e for e in acc.months[q * 3:q * 3 + 3] if e.belongs and e.due > 0]
        if len(months) < 2 or not all(e.closed and e.payments for e in months):
            continue
        dates = {e.payments[0].date for e in months}
        if len(dates) == 1:
            (day,) = dates
            if months_between(acc.year, q * 3 + 3, day) <= 1:
                yield q + 1, day, months[0].payments[0].loc


REDUCTION_WORDS = ("少交", "免交", "减免", "减交")


def is_reduction(note: str | None) -> bool:
    return any(word in (note or "") for word in REDUCTION_WORDS)


def amount_mismatches(acc: AccountLedger) -> Iterator[tuple[MonthEntry, str]]:
    """(month, "少" or "多") for closed months whose payments differ from the assessed amount without
    an explanation: less without an approved reduction, more without a 说明 on the extra payment."""
    if acc.account is None or acc.account.reduction_approval:
        return
    for e in acc.months:
        if not (e.closed and e.belongs and e.payments) or e.paid == e.due:
            continue
        notes = [p.note for p in e.payments if p.kind == "例外"]
        if any(is_reduction(n) for n in notes):
            continue  # a reduction: dues-reduction-unapproved judges it
        if e.paid < e.due:
            yield e, "少"
        elif not all(notes):
            yield e, "多"


def publication_problems(files: dict[int, DuesFile], cadence: str, grace: int,
                         as_of: dt.date) -> Iterator[tuple[str, object, str, str]]:
    """(kind, record, period, message): "range" for a 范围 that cannot be read, "missing" (record = the dues
    file of the period's year) and "late" (record = the first publication) for periods past their deadline."""
    published: dict[Period, list[Publication]] = {}
    for dues in files.values():
        for pub in dues.publications:
            period = parse_period(pub.period)
            if period is None:
                yield "range", pub, pub.period or "", f"公布范围“{pub.period}”无法识别，应写成如 2025年度、2026年上半年"
            elif pub.date:
                published.setdefault(period, []).append(pub)
    for year, dues in sorted(files.items()):
        for period in periods_for(year, cadence):
            deadline = deadline_of(period, grace)
            if deadline >= as_of:
                continue
            covering = [period, calendar.whole(year)] if period == calendar.half(year, 2) else [period]
            pubs = sorted((p for c in covering for p in published.get(c, [])), key=lambda p: p.date)
            if not pubs and period.kind == "year" and calendar.half(year, 1) in published \
                    and calendar.half(year, 2) in published:
                continue  # two half-yearly publications cover the year
            if not pubs:
                yield "missing", dues, period.label, f"没有公布{period.label}党费收缴使用情况的记录（应于 {deadline} 前公布）"
            elif pubs[0].date > deadline:
                yield "late", pubs[0], period.label, f"{period.label}党费收缴使用情况于 {pubs[0].date} 公布，晚于 {deadline}"
