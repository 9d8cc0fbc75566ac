"""The yearly assessment (核定, XZ-3.3): each member's monthly amount, written into dues/<year>.yaml.

The round-trip edit changes only 基数, 比例, 月交额 and 核定日期 (and adds accounts for members
who have none); comments, key order and layout stay as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from dangjian import yamledit
from dangjian.dues.calc import (
    FARMER,
    PERCENT,
    Assessment,
    DuesError,
    DuesRules,
    calculate,
    format_money,
    format_rate,
    to_decimal,
    to_rate,
)
from dangjian.dues.incomes import IncomeRow
from dangjian.dues.ledger import belongs_in_year
from dangjian.model import BranchRecords, DuesAccount, DuesFile
from dangjian.schema import record_fields
from dangjian.yamlio import RoundTrip, dump_new

FILE_KEYS = [f.metadata["key"] for f in record_fields(DuesFile)]
ACCOUNT_KEYS = [f.metadata["key"] for f in record_fields(DuesAccount)]


@dataclass
class Outcome:
    """What the assessment found for one member."""

    member_id: str
    name: str
    category: str | None
    result: Assessment | None
    note: str = ""  # why it was not assessed, or what was left alone


def plan(branch: BranchRecords, year: int, rules: DuesRules, incomes: dict[str, IncomeRow], *,
         begin: dt.date) -> list[Outcome]:
    """Every member who belongs to the branch in a month of `year` within its records (`begin`:
    periods.records_begin), with the amount to write."""
    existing = {a.member: a for a in (branch.dues[year].accounts if year in branch.dues else [])}
    out = []
    for member in branch.members:
        if not member.id or not belongs_in_year(member, year, begin):
            continue
        account = existing.get(member.id)
        category = (account.category if account else None) or member.dues_category
        row = incomes.get(member.id)
        outcome = Outcome(member.id, member.name or member.id, category, None)
        try:
            if category in PERCENT:
                if row is not None:
                    outcome.result = calculate(category, row.income, row.deductions, rules=rules)
                elif account is not None and account.base is not None:
                    outcome.result = calculate(category, account.base, rules=rules)
                    outcome.note = "收入表中没有此人，按已有基数核定"
                else:
                    outcome.note = "没有收入数据，未核定"
            elif category == FARMER:
                current = account.monthly if account else None
                low, high = rules.farmer_range
                keep = current is not None and low <= current <= high
                outcome.result = calculate(category, rules=rules, amount=current if keep else None)
            elif category is not None:
                outcome.result = calculate(category, rules=rules)
            else:
                outcome.note = "名册中没有党费类别，未核定"
        except DuesError as exc:
            outcome.note = f"{exc}，未核定"
        if outcome.result is not None and account is not None and account.reduction_approval:
            outcome.note = f"已批准减免（{account.reduction_approval}），月交额保持不变"
        elif outcome.result is not None and account is not None and account.paid \
                and account.monthly is not None and outcome.result.amount != account.monthly:
            outcome.note = f"月交额由 {format_money(account.monthly)} 元改为 {format_money(outcome.result.amount)} 元；" \
                           "已记的交纳月份也将按新额核对"
        out.append(outcome)
    return out


def _money(node, key: str, value: Decimal, text: str, parse=to_decimal) -> None:
    old = node.get(key)
    try:
        if old is not None and parse(old) == value:
            return  # the same amount, written its own way: leave the line alone
    except DuesError:
        pass
    yamledit.put(node, key, yamledit.quoted(text, old), ACCOUNT_KEYS)


def _write_account(node, outcome: Outcome) -> None:
    result = outcome.result
    if result.base is not None:
        _money(node, "基数", result.base, format_money(result.base))
        _money(node, "比例", result.rate, format_rate(result.rate), to_rate)
    if not node.get("减免批准"):
        _money(node, "月交额", result.amount, format_money(result.amount))


def render(path: Path, year: int, day: dt.date, outcomes: list[Outcome]) -> tuple[bytes, bytes]:
    """(old bytes, new bytes) of dues/<year>.yaml after writing the outcomes into it."""
    done = [o for o in outcomes if o.result is not None]
    if not path.exists():
        accounts = yamledit.block_seq()
        for outcome in done:
            node = yamledit.block_map([("党员", outcome.member_id)])
            _write_account(node, outcome)
            accounts.append(node)
        data = yamledit.block_map([("年度", year), ("核定日期", day), ("党员党费", accounts)])
        return b"", dump_new(data)
    trip = RoundTrip.open(path, path.name)
    data = trip.data
    if not hasattr(data, "get"):
        raise DuesError(f"{path.name} 的内容不是“键: 值”，无法写入核定结果")
    accounts = data.get("党员党费") or None  # absent, empty or `[]`: a new block list below
    by_member = {str(node.get("党员")): node for node in accounts or [] if hasattr(node, "get")}
    before = trip.render()
    added = []
    for outcome in done:
        node = by_member.get(outcome.member_id)
        if node is None:
            node = yamledit.block_map([("党员", outcome.member_id)])
            added.append(node)
        _write_account(node, outcome)
    if accounts is None and added:
        yamledit.put(data, "党员党费", yamledit.block_seq(added), FILE_KEYS)
    for node in added if accounts is not None else ():
        yamledit.append(accounts, node)
    if trip.render() != before or data.get("核定日期") is None:
        yamledit.put(data, "核定日期", day, FILE_KEYS)
    return trip.original_bytes, trip.render()
