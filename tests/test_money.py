"""Money is one rule (dangjian.money): every amount a record, an income sheet or the command
line gives is finite, not negative, at most two places, below MAX_YUAN; anything else is a
located error, never a traceback. The records that break it live in tests/corpus/money-not-an-amount."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import BASE, make_repo
from dangjian.money import MAX_YUAN, MoneyError, parse_money, parse_rate


@pytest.mark.parametrize(("text", "amount"), [
    ("97.50", "97.50"), ("97.5", "97.5"), ("0", "0"), ("+12", "12"), ("0012.10", "12.1"),
    ("-0", "0"), ("-0.00", "0"),  # a negative zero is zero, never shown as -0.00
    ("3000.000", "3000"),  # zeros beyond the fen are no fraction of a fen
    ("99999999.99", "99999999.99"),
])
def test_amounts_a_record_may_hold(text: str, amount: str) -> None:
    value = parse_money(text)
    assert value == Decimal(amount) and not value.is_signed()


@pytest.mark.parametrize(("text", "message"), [
    ("NaN", "应为数字"), ("Infinity", "应为数字"), ("-Infinity", "不能为负数"), ("sNaN", "应为数字"),
    ("1e999999", "科学计数法"), ("1e26", "科学计数法"), ("1E2", "科学计数法"),
    ("3000.005", "最多两位小数"), ("0.001", "最多两位小数"),
    ("1000000000", "超出合理范围"), ("100000000", "超出合理范围"), ("9" * 5000, "超出合理范围"),
    ("-3", "不能为负数"), ("六千", "应为数字"), ("", "应为数字"), ("1.2.3", "应为数字"),
    # records hold the plain form; separators and full-width digits only where people type
    ("6,500.00", "半角数字"), ("６５００", "半角数字"), ("6,50", "半角数字"),
])
def test_what_is_not_an_amount_is_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(MoneyError, match=message):
        parse_money(text)


@pytest.mark.parametrize(("text", "amount"), [
    ("6,500.00", "6500"), ("６５００", "6500"), ("６，５００.５", "6500.5"), ("1,234,567", "1234567"), (" 97.5 ", "97.5"),
])
def test_command_line_and_sheets_read_separators_and_full_width_digits(text: str, amount: str) -> None:
    assert parse_money(text, lenient=True) == Decimal(amount)


@pytest.mark.parametrize("text", ["6,50", "65,00.00", "1,2345", ",500"])
def test_separators_must_group_by_three(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_money(text, lenient=True)


@pytest.mark.parametrize(("value", "message"), [
    (float("nan"), "应为数字"), (float("inf"), "应为数字"), (1e9, "超出合理范围"), (1e-5, "最多两位小数"),
    (10 ** 5000, "超出合理范围"), (True, "应为金额"), (None, "应为金额"),
], ids=["nan", "inf", "1e9", "1e-5", "10**5000", "true", "none"])
def test_numbers_from_a_spreadsheet_follow_the_same_rule(value: object, message: str) -> None:
    with pytest.raises(MoneyError, match=message):
        parse_money(value, lenient=True)


def test_a_long_value_is_quoted_short() -> None:
    with pytest.raises(MoneyError) as caught:
        parse_money("x" * 5_000_000)
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize(("text", "rate"), [("1.5%", "0.015"), ("0.02", "0.02"), ("0%", "0"), ("100%", "1"),
                                            ("1.2345%", "0.012345")])
def test_rates(text: str, rate: str) -> None:
    assert parse_rate(text) == Decimal(rate)


@pytest.mark.parametrize("text", ["NaN%", "Infinity", "1e999999", "101%", "-1%", "1.5", "1.234567%", "x%", 2, True])
def test_bad_rates(text: object) -> None:
    with pytest.raises(MoneyError):
        parse_rate(text)


amounts = st.decimals(min_value=0, max_value=MAX_YUAN - Decimal("0.01"), places=2, allow_nan=False, allow_infinity=False)


@given(amounts)
def test_every_amount_written_plainly_reads_back(amount: Decimal) -> None:
    assert parse_money(f"{amount:f}") == amount
    assert parse_money(f"{amount:,f}", lenient=True) == amount


@given(st.text(max_size=30))
def test_any_text_is_an_amount_or_a_money_error(text: str) -> None:
    try:
        value = parse_money(text, lenient=True)
    except MoneyError:
        return
    assert value.is_finite() and 0 <= value < MAX_YUAN and value == value.quantize(Decimal("0.01"))


# --- every reader goes through it ----------------------------------------------------------------

BAD_DUES = (BASE / "B1/dues/2026.yaml").read_text(encoding="utf-8") \
    .replace('基数: "6500.00"', '基数: "NaN"', 1).replace('月交额: "48.00"', '月交额: "Infinity"', 1) \
    .replace('月交额: "20.00"', '月交额: "1e999999"', 1).replace('比例: "1%"', '比例: "NaN%"', 1)


@pytest.mark.parametrize("args", [
    ("validate",), ("dues", "status", "--month", "2026-10"), ("report", "dues", "--branch", "B1", "--year", "2026"),
    ("report", "monthly", "--branch", "B1", "--month", "2026-10"), ("assess", "--all"),
])
def test_commands_reading_bad_amounts_give_findings_not_tracebacks(cli, tmp_path, args) -> None:
    root = make_repo(tmp_path, {"B1/dues/2026.yaml": BAD_DUES})
    out = ["-o", tmp_path / "out"] if args[0] == "report" else []
    result = cli(*args, root, *out)  # catch_exceptions=False: a traceback fails the test
    assert result.exit_code in (0, 1), result.output
    if args[0] == "validate":
        assert "“基数”的值应为数字（如 97.50），实际是“NaN”" in result.output


@pytest.mark.parametrize(("income", "message"), [
    ("1e26", "科学计数法"), ("NaN", "应为数字"), ("1000000000", "超出合理范围"), ("3000.005", "最多两位小数"),
])
def test_dues_calc_refuses_what_is_not_an_income(cli, income: str, message: str) -> None:
    result = cli("dues", "calc", "--category", "在职", "--income", income)
    assert result.exit_code == 2 and message in result.output


def test_dues_calc_reads_negative_zero_as_zero(cli) -> None:
    result = cli("dues", "calc", "--category", "在职", "--income", "-0", "--json")
    assert result.exit_code == 0 and '"amount": "0.00"' in result.output and "-0" not in result.output
