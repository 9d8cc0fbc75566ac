"""The dues calculation, straight from the regulation text (党费规定 2008, DF-2 to DF-6)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian.dues.calc import (
    DuesError,
    calculate,
    format_money,
    format_rate,
    rules_for,
    to_rate,
)
from dangjian.model import DUES_CATEGORIES
from dangjian.profiles import resolve

RULES = rules_for(resolve("xz"))


@pytest.mark.parametrize(("category", "income", "amount", "rate"), [
    # 在职 (DF-2): ≤3000 0.5%; 3000–5000 1%; 5000–10000 1.5%; above 2%; a bound is in the lower tier
    ("在职", "0", "0.00", "0.5%"),
    ("在职", "2000", "10.00", "0.5%"),
    ("在职", "3000.00", "15.00", "0.5%"),
    ("在职", "3000.01", "30.00", "1%"),
    ("在职", "4900", "49.00", "1%"),
    ("在职", "5000", "50.00", "1%"),
    ("在职", "5000.01", "75.00", "1.5%"),
    ("在职", "5100", "76.50", "1.5%"),
    ("在职", "6500", "97.50", "1.5%"),
    ("在职", "10000", "150.00", "1.5%"),
    ("在职", "10000.01", "200.00", "2%"),
    ("在职", "12345.67", "246.91", "2%"),
    # 年薪制 (DF-3) and 非按月收入 (DF-4) use the same tiers on their own base
    ("年薪制", "3000.01", "30.00", "1%"),
    ("年薪制", "10000.01", "200.00", "2%"),
    ("非按月收入", "5000", "50.00", "1%"),
    ("非按月收入", "5000.01", "75.00", "1.5%"),
    # 离退休 (DF-5): ≤5000 0.5%, above 1%
    ("离退休", "3000", "15.00", "0.5%"),
    ("离退休", "5000", "25.00", "0.5%"),
    ("离退休", "5000.01", "50.00", "1%"),
    ("离退休", "8000", "80.00", "1%"),
])
def test_percentage_tiers(category: str, income: str, amount: str, rate: str) -> None:
    result = calculate(category, income, rules=RULES)
    assert format_money(result.amount) == amount
    assert format_rate(result.rate) == rate
    assert result.base == Decimal(income)


def test_whole_base_is_charged_at_one_rate_not_marginally() -> None:
    assert calculate("在职", "5100", rules=RULES).amount == Decimal("76.50")
    assert calculate("在职", "4900", rules=RULES).amount == Decimal("49.00")


@pytest.mark.parametrize("category", ["学生", "下岗失业", "抚恤救济", "低保"])
def test_fixed_categories_pay_twenty_fen(category: str) -> None:
    result = calculate(category, rules=RULES)
    assert format_money(result.amount) == "0.20"
    assert result.rate is None and result.clause == "DF-6"


def test_farmers_pay_what_the_branch_sets_within_bounds() -> None:
    assert format_money(calculate("农民", rules=RULES).amount) == "0.50"
    assert format_money(calculate("农民", rules=RULES, amount="0.2").amount) == "0.20"
    assert format_money(calculate("农民", rules=RULES, amount="1").amount) == "1.00"
    for outside in ("0.19", "1.01"):
        with pytest.raises(DuesError, match=r"0\.20 元至 1\.00 元"):
            calculate("农民", rules=RULES, amount=outside)


def test_every_category_is_handled() -> None:
    for category in DUES_CATEGORIES:
        income = "4000" if category in ("在职", "年薪制", "非按月收入", "离退休") else None
        assert calculate(category, income, rules=RULES).amount >= 0


def test_deductions_the_profile_allows_reduce_the_base() -> None:
    result = calculate("在职", "6500", {"养老保险": "520", "住房公积金": "480"}, rules=RULES)
    assert result.base == Decimal("5500") and format_money(result.amount) == "82.50"
    assert result.deductions == (("养老保险", Decimal("520")), ("住房公积金", Decimal("480")))


def test_a_profile_can_allow_no_deductions_and_change_rounding() -> None:
    strict = rules_for(resolve("xz", {"党费基数扣除项目": [], "党费舍入单位": "0.1", "党费舍入方式": "向下"}))
    with pytest.raises(DuesError, match="不是本规则集允许"):
        calculate("在职", "6500", {"养老保险": "520"}, rules=strict)
    assert calculate("在职", "6533", rules=strict).amount == Decimal("97.9")  # 97.995 down to the jiao
    assert calculate("在职", "6533", rules=RULES).amount == Decimal("98.00")  # to the fen, half up


@pytest.mark.parametrize(("args", "message"), [
    (("在职", "-1"), "不能为负数"),
    (("在职", "六千"), "应为数字"),
    (("在职", None), "须提供"),
    (("工人", "5000"), "未知的党费类别"),
    (("离退休", "nan"), "应为数字"),
])
def test_bad_input_gives_chinese_errors(args: tuple, message: str) -> None:
    with pytest.raises(DuesError, match=message):
        calculate(*args, rules=RULES)


def test_deductions_cannot_exceed_income_or_be_negative() -> None:
    with pytest.raises(DuesError, match="超过"):
        calculate("在职", "500", {"养老保险": "600"}, rules=RULES)
    with pytest.raises(DuesError, match="不能为负数"):
        calculate("在职", "500", {"养老保险": "-1"}, rules=RULES)
    with pytest.raises(DuesError, match="固定数额"):
        calculate("学生", None, {"养老保险": "1"}, rules=RULES)


def test_money_and_rate_formatting() -> None:
    assert format_money(Decimal("97.5")) == "97.50"
    assert format_money(Decimal("0")) == "0.00"
    assert to_rate("1.5%") == Decimal("0.015") and to_rate("0.02") == Decimal("0.02")
    assert format_rate(Decimal("0.005")) == "0.5%" and format_rate(Decimal("0.02")) == "2%"


incomes = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
percent_categories = st.sampled_from(["在职", "年薪制", "非按月收入", "离退休"])


@given(percent_categories, incomes, incomes)
def test_amount_never_decreases_as_income_rises(category: str, a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert calculate(category, low, rules=RULES).amount <= calculate(category, high, rules=RULES).amount


@given(percent_categories, incomes)
def test_amount_is_base_times_rate_rounded_by_the_profile(category: str, income: Decimal) -> None:
    result = calculate(category, income, rules=RULES)
    assert result.amount == (result.base * result.rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert isinstance(result.amount, Decimal)
