"""The dues ledger: what is due, paid and owed per member and month, and the branch's totals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import write_tree
from dangjian.dues.calc import rules_for
from dangjian.dues.ledger import branch_ledger, member_history, months_between, quarter_end
from dangjian.loader import load_repository
from dangjian.located import Loc
from dangjian.model import BranchRecords, DuesAccount, DuesException, DuesFile, Member, Remittance, Transfer
from dangjian.profiles import resolve

RULES = rules_for(resolve("national"))  # 大额党费 1000; a 基数变动 counts from its month (DF-10)
START = dt.date.min  # records that begin before any month here
CONFIG = "组织名称: 中共测试街道工作委员会\n"
BRANCH = "编号: B1\n名称: 中共测试社区支部委员会\n类型: 党支部\n领域: 社区\n成立日期: 2015-03-01\n"
MEMBERS = """\
党员:
  - {编号: B1-001, 姓名: 周建华, 性别: 男, 出生日期: 1972-04-18, 入党日期: 1998-06-20, 转正日期: 1999-06-20,
     状态: 正式党员, 党费类别: 在职}
  - {编号: B1-004, 姓名: 李晓燕, 性别: 女, 出生日期: 1996-03-08, 入党日期: 2026-05-20, 状态: 预备党员, 党费类别: 在职}
  - 编号: B1-005
    姓名: 王强
    性别: 男
    出生日期: 1980-01-01
    入党日期: 2005-07-01
    转正日期: 2006-07-01
    状态: 正式党员
    党费类别: 在职
    组织关系:
      - {类型: 转出, 日期: 2026-06-15, 单位: 中共测试街道某支部}
"""
DUES = """\
年度: 2026
核定日期: 2026-01-15
党员党费:
  - 党员: B1-001
    月交额: "97.50"
    按季交纳批准: 2026-01-05 支委会同意
    交纳: {1: 2026-03-25, 2: 2026-03-25, 3: 2026-03-25, 4: 2026-06-25, 5: 2026-06-25, 6: 2026-06-25}
    例外:
      - {月份: 7, 金额: "1097.50", 日期: 2026-07-10, 说明: 自愿多交}
  - 党员: B1-004
    月交额: "30.00"
    交纳: {5: 2026-05-25, 6: 2026-06-10}
  - 党员: B1-005
    月交额: "60.00"
    交纳: {1: 2026-01-10, 2: 2026-02-10, 3: 2026-03-10, 4: 2026-04-10}
    例外:
      - {月份: 8, 金额: "999.00", 日期: 2026-08-10, 说明: 自愿多交}
上缴:
  - {日期: 2026-04-20, 金额: "300.00"}
  - {日期: 2026-10-20, 金额: "1000.00"}
支出:
  - {日期: 2026-07-01, 金额: "120.00", 说明: 慰问老党员}
"""


def load(tmp_path, dues: str = DUES):
    root = write_tree(tmp_path, {"dangjian.yaml": CONFIG, "B1/branch.yaml": BRANCH, "B1/members.yaml": MEMBERS,
                                 "B1/dues/2026.yaml": dues})
    repo = load_repository(root)
    assert repo.load_problems == []
    return repo.branches[0]


def months_of(ledger, member_id):
    return next(a for a in ledger.accounts if a.member_id == member_id).months


def test_probationary_member_pays_from_the_month_of_admission(tmp_path) -> None:
    ledger = branch_ledger(load(tmp_path), 2026, dt.date(2026, 10, 30), RULES, begin=START)
    months = months_of(ledger, "B1-004")
    assert [e.month for e in months if e.due] == list(range(5, 13))
    assert [e.month for e in months if e.unpaid] == [7, 8, 9]
    assert not months[3].unpaid and months[3].owed == 0  # April: not yet a member


def test_a_member_who_transferred_out_is_not_due_afterwards(tmp_path) -> None:
    months = months_of(branch_ledger(load(tmp_path), 2026, dt.date(2026, 10, 30), RULES, begin=START), "B1-005")
    assert [e.month for e in months if e.belongs] == [1, 2, 3, 4, 5]
    assert [e.month for e in months if e.unpaid] == [5]
    assert months[7].paid == Decimal("999.00") and months[7].extra == Decimal("999.00") and not months[7].owed


def test_quarterly_payers_owe_only_after_the_quarter(tmp_path) -> None:
    branch = load(tmp_path)
    august = months_of(branch_ledger(branch, 2026, dt.date(2026, 8, 31), RULES, begin=START), "B1-001")
    assert not any(e.closed for e in august[6:9]) and sum(e.owed for e in august) == 0
    october = months_of(branch_ledger(branch, 2026, dt.date(2026, 10, 30), RULES, begin=START), "B1-001")
    assert [e.month for e in october if e.unpaid] == [8, 9]
    assert quarter_end(2026, 8) == dt.date(2026, 9, 30)


def test_a_large_voluntary_payment_goes_to_the_centre(tmp_path) -> None:
    july = months_of(branch_ledger(load(tmp_path), 2026, dt.date(2026, 10, 30), RULES, begin=START), "B1-001")[6]
    assert july.paid == Decimal("1097.50") and july.extra == Decimal("1000.00") and july.central == Decimal("1000.00")
    assert july.payments[0].central and july.owed == 0


def test_totals_for_the_year_and_each_half(tmp_path) -> None:
    ledger = branch_ledger(load(tmp_path), 2026, dt.date(2026, 12, 31), RULES, begin=START)
    year = ledger.totals()
    assert year["paid"] == Decimal("97.50") * 6 + Decimal("1097.50") + 60 + 240 + 999
    assert (year["remitted"], year["spent"], year["central"]) == (Decimal(1300), Decimal(120), Decimal(1000))
    assert year["balance"] == year["paid"] - year["remitted"] - year["spent"]
    first, second = ledger.totals(range(1, 7)), ledger.totals(range(7, 13))
    assert first["remitted"] == 300 and second["remitted"] == 1000 and second["spent"] == 120
    assert first["paid"] + second["paid"] == year["paid"]
    assert first["due"] == Decimal("97.50") * 6 + 30 * 2 + 60 * 5  # B1-004 from May; B1-005 Jan–May


def test_history_spans_years_and_counts_months_late() -> None:
    member = Member(id="M", name="测试", joined=dt.date(2000, 1, 1))
    branch = BranchRecords(directory="B", members=[member], dues={
        2025: DuesFile(year=2025, accounts=[DuesAccount(member="M", monthly=Decimal(10))]),
        2026: DuesFile(year=2026, accounts=[DuesAccount(member="M", monthly=Decimal(10), paid={
            1: (dt.date(2026, 8, 10), Loc("x"))})])})
    history = member_history(branch, "M", dt.date(2026, 2, 28), RULES, begin=START)
    assert [e.label for e in history if e.unpaid][:2] == ["2025-01", "2025-02"]
    assert [e.label for e in history if e.unpaid][-1] == "2026-02"
    assert months_between(2026, 1, dt.date(2026, 8, 10)) == 7


money = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31))


@st.composite
def dues_files(draw) -> DuesFile:
    accounts = []
    for i in range(draw(st.integers(0, 4))):
        paid = {m: (draw(days), Loc("x")) for m in draw(st.sets(st.integers(1, 12), max_size=12))}
        exceptions = [DuesException(month=draw(st.integers(1, 12)), amount=draw(money), date=draw(days))
                      for _ in range(draw(st.integers(0, 3)))]
        accounts.append(DuesAccount(member=f"M{i}", monthly=draw(money), paid=paid, exceptions=exceptions,
                                    quarterly_approval=draw(st.sampled_from([None, "同意"]))))
    moves = st.lists(st.builds(Remittance, date=days, amount=money), max_size=4)
    return DuesFile(year=2026, accounts=accounts, remittances=draw(moves), spending=draw(moves))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a busy CI machine
@given(dues_files(), st.sampled_from([range(1, 13), range(1, 7), range(7, 13)]), days)
def test_ledger_totals_always_balance(dues: DuesFile, months: range, through: dt.date) -> None:
    members = [Member(id=a.member, name=a.member, joined=dt.date(2000, 1, 1),
                      transfers=[Transfer(kind="转出", date=dt.date(2026, 9, 1))] if a.member == "M1" else [])
               for a in dues.accounts]
    ledger = branch_ledger(BranchRecords(directory="B", members=members, dues={2026: dues}), 2026, through, RULES,
                           begin=START)
    totals = ledger.totals(months)
    assert totals["paid"] - totals["remitted"] - totals["spent"] == totals["balance"]
    recorded = sum((a.monthly for a in dues.accounts for m in a.paid if m in months), Decimal(0)) + \
        sum((e.amount for a in dues.accounts for e in a.exceptions if e.month in months), Decimal(0))
    assert totals["paid"] == recorded
    assert 0 <= totals["owed"] <= totals["due"] and totals["central"] <= totals["paid"]


def test_rules_never_flag_open_months_or_months_outside_membership(tmp_path) -> None:
    from dangjian.engine import run

    load(tmp_path)
    repo = load_repository(tmp_path)

    def unpaid(as_of: dt.date) -> list[str]:
        return [f.message.split("未交")[0] for f in run(repo, as_of, select={"dues-unpaid"})]

    assert unpaid(dt.date(2026, 7, 1)) == ["王强（B1-005）2026年5月"]
    assert unpaid(dt.date(2026, 9, 30)) == ["李晓燕（B1-004）2026年7月、8月", "王强（B1-005）2026年5月"]
    assert unpaid(dt.date(2026, 10, 1)) == ["周建华（B1-001）2026年8月、9月", "李晓燕（B1-004）2026年7月、8月、9月",
                                            "王强（B1-005）2026年5月"]
    # B1-005's 999 元 for August, after the transfer, is no mismatch: the month is not the branch's
    assert [f.rule for f in run(repo, dt.date(2026, 12, 31), select={"dues-amount-mismatch"})] == []


def test_months_before_the_records_begin_are_not_recorded_never_owed(tmp_path) -> None:
    """A branch founded on 2026-08-20: its members joined the Party long ago, but nothing is due
    to it before September (the first month that began within its records)."""
    from dangjian.periods import records_begin

    write_tree(tmp_path, {"dangjian.yaml": CONFIG, "B1/branch.yaml": BRANCH.replace("2015-03-01", "2026-08-20"),
                          "B1/members.yaml": MEMBERS, "B1/dues/2026.yaml": DUES})
    repo = load_repository(tmp_path)
    branch = repo.branches[0]
    begin = records_begin(branch, repo.config)
    assert begin == dt.date(2026, 8, 20)
    months = months_of(branch_ledger(branch, 2026, dt.date(2026, 11, 30), RULES, begin=begin), "B1-001")
    assert [m.month for m in months if not m.recorded] == list(range(1, 9))
    assert all(m.owed == 0 and not m.unpaid for m in months[:8])
    assert [m.month for m in months if m.unpaid] == [9]  # a quarterly payer: the third quarter has ended


RAISE = """\
年度: 2026
核定日期: 2026-01-15
党员党费:
  - 党员: B1-001
    基数: "4800.00"
    比例: "1%"
    月交额: "48.00"
    交纳: {1: 2026-01-10, 2: 2026-02-10, 3: 2026-03-10, 4: 2026-04-10, 5: 2026-05-10, 6: 2026-06-10,
           7: 2026-07-10, 8: 2026-08-10}
    基数变动: [{月份: 7, 基数: "7200.00"ADOPTED}]
"""


@pytest.mark.parametrize(("profile", "adopted", "from_july"), [
    ("national", "", "108.00"),  # DF-10: the new base (7200 → 1.5%) from the month of the new wage
    ("wuhua", "", "108.00"),
    ("xz", "", "48.00"),  # 000 第八条: assessed once a year, the change waits for next January
    ("national", ', 月交额: "100.00"', "100.00"),  # the branch's own recorded figure, whatever the reading
    ("xz", ', 月交额: "100.00"', "100.00"),
])
def test_a_recorded_base_change_is_due_from_its_month_as_the_profile_reads_it(tmp_path, profile, adopted,
                                                                              from_july) -> None:
    rules = rules_for(resolve(profile))
    months = months_of(branch_ledger(load(tmp_path, RAISE.replace("ADOPTED", adopted)), 2026, dt.date(2026, 9, 30), rules,
                                     begin=START), "B1-001")
    year, july = Decimal("48.00"), Decimal(from_july)
    assert [e.due for e in months[:9]] == [year] * 6 + [july] * 3
    assert [e.paid for e in months[:9]] == [year] * 6 + [july] * 2 + [0]  # 交纳 pays the month's amount
    assert [e.month for e in months if e.owed] == [9]
