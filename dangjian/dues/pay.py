"""Record one payment in dues/<year>.yaml without the user touching YAML.

The assessed amount goes into 交纳 as `月份: 日期` (one new line); any other amount is an
exception (例外) with 月份, 金额, 日期 and 说明.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from dangjian import yamledit
from dangjian.dues.assess import ACCOUNT_KEYS
from dangjian.dues.calc import DuesError, format_money, to_decimal
from dangjian.loader import Repository
from dangjian.model import BranchRecords, Member
from dangjian.yamlio import RoundTrip


@dataclass(frozen=True)
class PaymentEdit:
    path: Path
    rel: str
    member: Member
    old: bytes
    new: bytes
    amount: Decimal
    as_exception: bool


def find_member(repo: Repository, member_id: str) -> tuple[BranchRecords, Member]:
    for branch in repo.branches:
        for member in branch.members:
            if member.id == member_id:
                return branch, member
    raise DuesError(f"记录库中没有编号为“{member_id}”的党员")


def _open(repo: Repository, branch: BranchRecords, year: int, trips: dict) -> tuple[str, RoundTrip]:
    rel = f"{branch.directory}/dues/{year}.yaml" if branch.directory else f"dues/{year}.yaml"
    if rel not in trips:
        path = repo.root / rel
        if not path.exists():
            raise DuesError(f"没有 {rel}：请先用 dangjian dues assess --year {year} 核定党费")
        trips[rel] = RoundTrip.open(path, rel)
    return rel, trips[rel]


def _apply(trip: RoundTrip, rel: str, member: Member, member_id: str, year: int, month: int, day: dt.date,
           amount: Decimal | None, note: str | None) -> tuple[Decimal, bool, object]:
    """Put one payment into the opened file: (amount, as an exception, the 交纳 mapping if added to it)."""
    accounts = trip.data.get("党员党费") if hasattr(trip.data, "get") else None
    node = next((a for a in accounts or [] if hasattr(a, "get") and str(a.get("党员")) == member_id), None)
    if node is None:
        raise DuesError(f"{rel} 中没有{member.name}（{member_id}）的党费账：请先用 dangjian dues assess 核定")
    monthly = to_decimal(node.get("月交额"), f"{member.name}的月交额") if node.get("月交额") is not None else None
    paid = node.get("交纳") or {}
    if month in paid or any(hasattr(e, "get") and e.get("月份") == month for e in node.get("例外") or []):
        raise DuesError(f"{member.name}（{member_id}）{year}年{month}月的党费已有记录，请直接核对 {rel}")
    amount = monthly if amount is None else amount
    if amount is None:
        raise DuesError(f"{member.name}（{member_id}）没有核定月交额，请写明金额")
    exceptional = amount != monthly or bool(note)
    # A new 交纳 or 例外 is built whole before it goes in, so that comment lines below the
    # account move below the new entry rather than between its key and its items.
    if not exceptional:
        if node.get("交纳") is None:
            yamledit.put(node, "交纳", yamledit.block_map([(month, day)]), ACCOUNT_KEYS)
            return amount, False, None
        yamledit.put(node["交纳"], month, day, sorted({*node["交纳"], month}))
        return amount, False, node["交纳"]
    entry = [("月份", month), ("金额", yamledit.quoted(format_money(amount))), ("日期", day)]
    entry = yamledit.block_map(entry + ([("说明", note)] if note else []))
    if not node.get("例外"):
        yamledit.put(node, "例外", yamledit.block_seq([entry]), ACCOUNT_KEYS)
    else:
        yamledit.append(node["例外"], entry)
    return amount, True, None


def record(repo: Repository, member_id: str, year: int, month: int, day: dt.date,
           amount: Decimal | None = None, note: str | None = None) -> PaymentEdit:
    branch, member = find_member(repo, member_id)
    rel, trip = _open(repo, branch, year, {})
    amount, exceptional, flow = _apply(trip, rel, member, member_id, year, month, day, amount, note)
    new = trip.render_flow_insert(flow, month, day.isoformat()) if flow is not None else None
    return PaymentEdit(repo.root / rel, rel, member, trip.original_bytes, new or trip.render(), amount, exceptional)


@dataclass(frozen=True)
class Payment:
    """One payment to record, from a collection sheet."""

    member_id: str
    year: int
    month: int
    day: dt.date
    amount: Decimal | None
    note: str | None
    where: str  # the sheet row, for messages


@dataclass(frozen=True)
class FileEdit:
    path: Path
    rel: str
    old: bytes
    new: bytes
    payments: list[tuple[Payment, Member, Decimal, bool]]


def record_many(repo: Repository, payments: list[Payment]) -> list[FileEdit]:
    """Every payment put into its dues file, one edit per file; raises DuesError naming each bad row."""
    trips: dict[str, RoundTrip] = {}
    done: dict[str, list] = {}
    errors = []
    for payment in payments:
        try:
            branch, member = find_member(repo, payment.member_id)
            rel, trip = _open(repo, branch, payment.year, trips)
            amount, exceptional, _ = _apply(trip, rel, member, payment.member_id, payment.year, payment.month,
                                            payment.day, payment.amount, payment.note)
        except DuesError as exc:
            errors.append(f"{payment.where}：{exc}")
            continue
        done.setdefault(rel, []).append((payment, member, amount, exceptional))
    if errors:
        raise DuesError("\n".join(errors))
    return [FileEdit(repo.root / rel, rel, trips[rel].original_bytes, trips[rel].render(), done[rel]) for rel in done]
