"""Money as the records and the commands accept it: one parser for every amount and rate.

An amount is a finite, non-negative number of yuan with at most two decimal places (分), below
MAX_YUAN. Records hold it quoted, in plain digits ("97.50"); what a person types on the
command line or copies from a spreadsheet may also use thousands separators that group
correctly ("6,500.00") and full-width digits ("６５００"), which are read as the plain form.
Decided cases (tests/test_money.py): "NaN", "Infinity", "1e999999" and any exponent form are
not amounts; "-0" is 0; "3000.005" has a fraction of a 分 and is refused rather than rounded;
1e9 yuan is beyond the range (MAX_YUAN).

A rate ("1.5%", or the fraction 0.015) is finite, between 0 and 100%, with at most
RATE_PLACES decimal places of the fraction.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from dangjian.limits import shorten

MAX_YUAN = Decimal(100_000_000)  # 一亿元: no monthly income, base, due or fund reaches it
RATE_PLACES = 6  # of the fraction: 1.2345% is the finest rate a regulation could set
_PLAIN = re.compile(r"[+]?(\d+)(?:\.(\d+))?")
_GROUPED = re.compile(r"[+]?(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?")
_EXPONENT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+")


class MoneyError(ValueError):
    """Not an amount of money; the message is Chinese and names what was written."""


def _out_of_range(what: str, shown: str = "") -> MoneyError:
    quoted = f"“{shown}”" if shown else ""
    return MoneyError(f"{what}{quoted}超出合理范围（应小于 {MAX_YUAN:,} 元）")


def parse_money(value: object, what: str = "金额", lenient: bool = False) -> Decimal:
    """`value` as Decimal yuan, or MoneyError saying why it is not an amount.

    `lenient` (command-line arguments, income sheets) also reads thousands separators and
    full-width digits; records must use the plain form."""
    if isinstance(value, bool) or value is None:
        raise MoneyError(f"{what}应为金额（如 97.50），实际是“{value}”")
    if isinstance(value, int) and abs(value) >= MAX_YUAN:  # str() of a 5,000-digit int raises
        raise _out_of_range(what)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise MoneyError(f"{what}应为数字（如 97.50），实际是“{value}”")
        if abs(value) >= MAX_YUAN:
            raise _out_of_range(what, f"{value:g}")
        value = format(Decimal(repr(value)), "f")  # a spreadsheet's 1e-05 is 0.00001, not text
    text = str(value).strip()
    shown = shorten(text)
    if lenient:
        text = unicodedata.normalize("NFKC", text).replace("，", ",").replace(" ", "")
    if text.startswith("-"):
        body = text[1:]
        if _PLAIN.fullmatch(body) and not body.strip("0."):
            text = body  # -0, -0.00: zero
        else:
            raise MoneyError(f"{what}不能为负数：“{shown}”")
    match = _PLAIN.fullmatch(text) if text.isascii() else None
    if match is None and lenient:
        match = _GROUPED.fullmatch(text)
    if match is None:
        loose = unicodedata.normalize("NFKC", text).replace("，", ",")
        if not lenient and ("," in loose or _PLAIN.fullmatch(loose)):
            raise MoneyError(f"{what}“{shown}”请只用半角数字和小数点书写，不加千位分隔符，如 6500.00")
        if _EXPONENT.fullmatch(text):
            raise MoneyError(f"{what}“{shown}”请写成普通数字（如 6500.00），不用科学计数法")
        raise MoneyError(f"{what}应为数字（如 97.50），实际是“{shown}”")
    whole, fraction = match.group(1).replace(",", ""), match.group(2) or ""
    if len(fraction.rstrip("0")) > 2:
        raise MoneyError(f"{what}“{shown}”精确到分，最多两位小数")
    if len(whole.lstrip("0")) > 12:
        raise _out_of_range(what, shown)
    amount = Decimal(f"{whole}.{fraction[:2] or '0'}") if fraction.rstrip("0") else Decimal(whole)
    if amount >= MAX_YUAN:
        raise _out_of_range(what, shown)
    return amount


def parse_rate(value: object, what: str = "比例") -> Decimal:
    """"1.5%" → 0.015; a bare number is already a fraction. MoneyError unless it is finite,
    between 0 and 100%, with at most RATE_PLACES places of the fraction."""
    if isinstance(value, bool) or value is None or (isinstance(value, int) and abs(value) > 1):
        raise MoneyError(f"{what}应为如 1.5% 的百分数，实际是“{shorten(str(value) if value is not None else '')}”")
    text = str(value).strip()
    shown = shorten(text)
    percent = text.endswith("%")
    body = text[:-1].strip() if percent else text
    if len(body) > 40:  # Decimal() of a 5 MB string of digits would succeed, slowly and uselessly
        raise MoneyError(f"{what}“{shown}”无效，应在 0 至 100% 之间，如 1.5%")
    try:
        number = Decimal(body)
    except (InvalidOperation, ValueError):
        raise MoneyError(f"{what}应为如 1.5% 的百分数，实际是“{shown}”") from None
    if not number.is_finite() or number < 0 or number > (100 if percent else 1):
        raise MoneyError(f"{what}“{shown}”无效，应在 0 至 100% 之间，如 1.5%")
    fraction = number / 100 if percent else number
    if -fraction.normalize().as_tuple().exponent > RATE_PLACES:
        raise MoneyError(f"{what}“{shown}”的小数位过多（最多精确到 {Decimal(1).scaleb(-RATE_PLACES + 2)}%）")
    return fraction
