"""The dues ledger, computed from the model: per member and month what was due, paid and owed.

A month is due to the branch if the member belongs to it on the month's last day (so a
预备党员 pays from the month the 支部大会 admitted them, DF-8, and a member who transferred
out pays the new branch for that month). A month counts as closed, and unpaid dues in it as
owed, once it has ended by `closed_through`; for a member approved to pay quarterly
(按季交纳, DF-12) once the quarter has ended. Money received for a month beyond what was due
is a voluntary extra payment; one such payment of 大额党费 or more goes to the centre (DF-11).
A month that began before the branch's records did (`periods.records_begin`: 成立日期,
记录起始) is not recorded: nothing is due, owed or unpaid in it, whatever the roster says.
A recorded 基数变动 changes what is due from its month: to the 月交额 the branch wrote there, or,
without one, as the profile's reading says (参数“党费基数年内变动”, `monthly_amounts`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from dangjian.calendar import month_end
from dangjian.dues.calc import PERCENT, DuesRules, calculate
from dangjian.facts import membership_periods
from dangjian.located import Loc
from dangjian.model import BaseChange, BranchRecords, DuesAccount, DuesFile, Member

ZERO = Decimal(0)


def quarter_end(year: int, month: int) -> dt.date:
    return month_end(year, (month - 1) // 3 * 3 + 3)


def months_between(year: int, month: int, day: dt.date) -> int:
    """How many months `day` lies after the month (0 in the month itself)."""
    return (day.year * 12 + day.month) - (year * 12 + month)


class Payment(NamedTuple):
    date: dt.date
    amount: Decimal
    loc: Loc
    kind: str = "交纳"  # or "例外"
    note: str = ""
    extra: Decimal = ZERO  # the part beyond what was still due for the month
    central: bool = False  # a voluntary extra payment to be remitted to the centre in full (DF-11)


@dataclass(slots=True)
class MonthEntry:
    year: int
    month: int
    due: Decimal  # the assessed amount if due to this branch, else 0
    belongs: bool  # the member belongs to the branch this month (on its last day), within the records
    closed: bool  # the month (or quarter, for approved quarterly payers) has ended
    recorded: bool = True  # the month began on or after the day the branch's records begin
    payments: list[Payment] = field(default_factory=list)

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    @property
    def charged(self) -> Decimal:
        """What the month adds to 应交: its due once it is closed."""
        return self.due if self.closed and self.belongs else ZERO

    @property
    def owed(self) -> Decimal:
        return max(self.due - self.paid, ZERO) if self.closed and self.belongs else ZERO

    @property
    def unpaid(self) -> bool:
        """Closed, due, and nothing at all received."""
        return self.closed and self.belongs and self.due > 0 and not self.payments

    @property
    def extra(self) -> Decimal:
        return sum((p.extra for p in self.payments), ZERO)

    @property
    def central(self) -> Decimal:
        return sum((p.extra for p in self.payments if p.central), ZERO)

    @property
    def label(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass
class AccountLedger:
    member_id: str
    name: str
    year: int
    account: DuesAccount | None
    member: Member | None
    months: list[MonthEntry]

    def total(self, attr: str, months: range = range(1, 13)) -> Decimal:
        return sum((getattr(e, attr) for e in self.months if e.month in months), ZERO)


@dataclass
class BranchLedger:
    branch_id: str
    year: int
    dues: DuesFile | None
    accounts: list[AccountLedger]

    def _movements(self, kind: str, months: range) -> Decimal:
        """上缴 or 支出 of the file dated in `months`; entries dated in another year count at its edge."""
        def month_of(day: dt.date | None) -> int:
            if day is None or day.year > self.year:
                return 12
            return 1 if day.year < self.year else day.month

        entries = getattr(self.dues, kind) if self.dues else []
        return sum((e.amount or ZERO for e in entries if month_of(e.date) in months), ZERO)

    def totals(self, months: range = range(1, 13)) -> dict[str, Decimal]:
        """应交 (of closed months), 实交, 欠交, 自愿多交, 应上缴中央, 上缴, 支出, 结余 for the months given.

        结余 is the period's own: 实交 − 上缴 − 支出 (no balance carried from earlier periods).
        """
        attrs = {"due": "charged", "paid": "paid", "owed": "owed", "extra": "extra", "central": "central"}
        out = {name: sum((a.total(attr, months) for a in self.accounts), ZERO) for name, attr in attrs.items()}
        out["remitted"] = self._movements("remittances", months)
        out["spent"] = self._movements("spending", months)
        out["balance"] = out["paid"] - out["remitted"] - out["spent"]
        return out


def dues_category(account: DuesAccount, member: Member | None) -> str | None:
    return account.category or (member.dues_category if member else None)


def changed_amount(change: BaseChange, category: str | None, rules: DuesRules) -> Decimal | None:
    """What a 基数变动 makes the monthly dues from its month on, or None when it changes nothing:
    the 月交额 the branch wrote there; without one, the new base at the category's rate when the
    profile reads DF-10 (当月起按新基数), and nothing when it reads 000 第八条 (年初核定不变)."""
    if change.monthly is not None:
        return change.monthly
    if not rules.base_by_month or change.base is None or category not in PERCENT:
        return None
    return calculate(category, change.base, rules=rules).amount


def monthly_amounts(account: DuesAccount, member: Member | None, rules: DuesRules) -> list[Decimal]:
    """The assessed amount of each month, January first."""
    amounts = [account.monthly or ZERO] * 12
    category = dues_category(account, member)
    for change in sorted((c for c in account.base_changes if c.month and 1 <= c.month <= 12), key=lambda c: c.month):
        amount = changed_amount(change, category, rules)
        if amount is not None:
            amounts[change.month - 1:] = [amount] * (13 - change.month)
    return amounts


def _payments(account: DuesAccount, month: int, due: Decimal, assessed: Decimal, large_gift: Decimal,
              exceptions: list) -> list[Payment]:
    out: list[Payment] = []
    covered = ZERO
    if month in account.paid:
        day, loc = account.paid[month]
        amount = assessed
        out.append(Payment(day, amount, loc, extra=max(amount - due, ZERO)))
        covered = amount
    for exc in exceptions:
        extra = max(exc.amount - max(due - covered, ZERO), ZERO)
        covered += exc.amount
        out.append(Payment(exc.date, exc.amount, exc.at("amount"), "例外", exc.note or "", extra, extra >= large_gift))
    return out


@cache
def _month_ends(year: int) -> tuple[dt.date, ...]:
    return tuple(month_end(year, m) for m in range(1, 13))


def _belonging(periods: list[tuple[dt.date, dt.date | None]], year: int) -> list[bool]:
    """For each month of the year: does the member belong to the branch on its last day?"""
    ends = _month_ends(year)
    out = [False] * 12
    for start, stop in periods:
        for i, end in enumerate(ends):
            if start <= end and (stop is None or end < stop):
                out[i] = True
    return out


def account_ledger(year: int, member_id: str, account: DuesAccount | None, member: Member | None,
                   closed_through: dt.date, rules: DuesRules, begin: dt.date = dt.date.min) -> AccountLedger:
    quarterly = bool(account and account.quarterly_approval)
    assessed = monthly_amounts(account, member, rules) if account else [ZERO] * 12
    periods = membership_periods(member) if member is not None else []
    by_month: dict[int, list] = {}
    for exc in sorted((e for e in account.exceptions if e.amount is not None and e.date), key=lambda e: e.date) \
            if account else ():
        by_month.setdefault(exc.month, []).append(exc)
    months = []
    belonging, ends = _belonging(periods, year), _month_ends(year)
    for month in range(1, 13):
        recorded = dt.date(year, month, 1) >= begin
        belongs = belonging[month - 1] and recorded
        due = assessed[month - 1] if account and belongs else ZERO
        closed = ends[(month - 1) // 3 * 3 + 2 if quarterly else month - 1] <= closed_through
        entry = MonthEntry(year, month, due, belongs, closed, recorded)
        if account and (month in account.paid or month in by_month):
            entry.payments = _payments(account, month, due, assessed[month - 1], rules.large_gift,
                                       by_month.get(month, []))
        months.append(entry)
    name = member.name if member and member.name else member_id
    return AccountLedger(member_id, name or "", year, account, member, months)


def belongs_in_year(member: Member, year: int, begin: dt.date = dt.date.min) -> bool:
    """The member belongs to the branch at the end of some month of the year that lies in the records."""
    return any(b and dt.date(year, m, 1) >= begin
               for m, b in enumerate(_belonging(membership_periods(member), year), start=1))


def branch_ledger(branch: BranchRecords, year: int, closed_through: dt.date, rules: DuesRules, *,
                  begin: dt.date) -> BranchLedger:
    """Every account in dues/<year>.yaml, and every roster member due that year who has none.

    `rules`: the run's dues parameters (大额党费, the reading of 基数变动); `begin`: the day the
    branch's records begin (periods.records_begin)."""
    dues = branch.dues.get(year)
    roster = {m.id: m for m in branch.members if m.id}
    accounts = []
    seen = set()
    for account in dues.accounts if dues else []:
        if not account.member or account.member in seen:
            continue
        seen.add(account.member)
        accounts.append(account_ledger(year, account.member, account, roster.get(account.member),
                                       closed_through, rules, begin))
    for member_id, member in roster.items():
        if member_id not in seen and belongs_in_year(member, year, begin):
            accounts.append(account_ledger(year, member_id, None, member, closed_through, rules, begin))
    return BranchLedger(branch.id, year, dues, accounts)


def member_history(branch: BranchRecords, member_id: str, closed_through: dt.date,
                   rules: DuesRules, *, begin: dt.date) -> list[MonthEntry]:
    """The member's months over every year the branch has a dues file for, oldest first.

    Months of a year whose file has no account for the member are left out: nothing is known.
    """
    ledgers = [branch_ledger(branch, year, closed_through, rules, begin=begin) for year in sorted(branch.dues)]
    return histories(ledgers).get(member_id, [])


def histories(ledgers: list[BranchLedger]) -> dict[str, list[MonthEntry]]:
    """Member id → months with an account, over the ledgers given (in their order)."""
    out: dict[str, list[MonthEntry]] = {}
    for ledger in ledgers:
        for acc in ledger.accounts:
            if acc.account is not None:
                out.setdefault(acc.member_id, []).extend(acc.months)
    return out
