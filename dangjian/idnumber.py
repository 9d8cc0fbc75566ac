"""居民身份证号码 (GB 11643-1999): check digit, birth date, gender, and masking."""

from __future__ import annotations

import datetime as dt
import re

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dXx]$")


def check_digit(first17: str) -> str:
    return CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def problems(number: str, birth: dt.date | None = None, gender: str | None = None) -> list[str]:
    """What is wrong with an ID number, in Chinese; empty when it is valid and consistent."""
    if not _SHAPE.match(number):
        return ["身份证号应为 18 位（前 17 位为数字，最后一位为数字或 X）"]
    out = []
    if number[17] == "x":
        out.append("身份证号最后一位的 X 应为大写")
    expected = check_digit(number[:17])
    if number[17].upper() != expected:
        out.append(f"身份证号校验位错误（应为 {expected}），请核对号码")
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return [*out, "身份证号中的出生日期不存在"]
    if birth is not None and born != birth:
        out.append(f"身份证号中的出生日期（{born.isoformat()}）与“出生日期”（{birth.isoformat()}）不一致")
    coded = "男" if int(number[16]) % 2 else "女"
    if gender in ("男", "女") and coded != gender:
        out.append(f"身份证号第 17 位表示{coded}性，与“性别”（{gender}）不一致")
    return out


def mask_id(number: str) -> str:
    """前6后4: 110105********002X."""
    return number[:6] + "*" * max(len(number) - 10, 0) + number[-4:] if len(number) > 10 else "*" * len(number)


def mask_phone(number: str) -> str:
    """前3后4: 138****5678."""
    return number[:3] + "*" * max(len(number) - 7, 0) + number[-4:] if len(number) > 7 else "*" * len(number)


def make(region: str, birth: dt.date, sequence: int) -> str:
    """A valid number for fictional test data: 6-digit region, birth date, 3-digit sequence."""
    first = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first + check_digit(first)
