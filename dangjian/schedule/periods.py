"""Periods of a year and the cadence words that name them (每月、每季度、第四季度、1月…).

A period has a stable code (2026-03, 2026-Q1, 2026-H2, 2026) used in calendar UIDs and
JSON, and a Chinese label used in plan files and tables.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

QUARTERS = "一二三四"


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    code: str

    @property
    def label(self) -> str:
        """Chinese label within the year: 3月, 第一季度, 上半年, 全年."""
        _, _, part = self.code.partition("-")
        if not part:
            return "全年"
        if part.startswith("Q"):
            return f"第{QUARTERS[int(part[1]) - 1]}季度"
        if part.startswith("H"):
            return "上半年" if part == "H1" else "下半年"
        return f"{int(part)}月"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def month(year: int, m: int) -> Period:
    return Period(dt.date(year, m, 1), dt.date(year, m, calendar.monthrange(year, m)[1]), f"{year}-{m:02d}")


def quarter(year: int, q: int) -> Period:
    return Period(dt.date(year, 3 * q - 2, 1), month(year, 3 * q).end, f"{year}-Q{q}")


def half(year: int, h: int) -> Period:
    return Period(dt.date(year, 6 * h - 5, 1), month(year, 6 * h).end, f"{year}-H{h}")


def whole(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))


CADENCES = ("每月", "每季度", "每半年", "每年", "上半年", "下半年", "第一季度", "第二季度", "第三季度", "第四季度",
            "1月…12月")


def periods(cadence: str | None, year: int) -> list[Period]:
    """The periods of `year` named by a cadence word; [] for None. Raises ValueError (Chinese)."""
    if cadence is None or cadence == "":
        return []
    text = str(cadence).strip()
    simple = {"每月": [month(year, m) for m in range(1, 13)], "每季度": [quarter(year, q) for q in range(1, 5)],
              "每半年": [half(year, 1), half(year, 2)], "每年": [whole(year)], "全年": [whole(year)],
              "上半年": [half(year, 1)], "下半年": [half(year, 2)]}
    if text in simple:
        return simple[text]
    match = re.fullmatch(r"第([一二三四1-4])季度", text)
    if match:
        q = match.group(1)
        return [quarter(year, int(q) if q.isdigit() else QUARTERS.index(q) + 1)]
    match = re.fullmatch(r"(\d{1,2})月", text)
    if match and 1 <= int(match.group(1)) <= 12:
        return [month(year, int(match.group(1)))]
    raise ValueError(f"无法识别的周期“{cadence}”，可用：{'、'.join(CADENCES)}")


def from_code(code: str) -> Period:
    """The period for a code such as 2026-03, 2026-Q1, 2026-H2 or 2026; raises ValueError."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?", code)
    if not match:
        raise ValueError(code)
    year = int(match.group(1))
    if match.group(2):
        if not 1 <= int(match.group(2)) <= 12:
            raise ValueError(code)
        return month(year, int(match.group(2)))
    if match.group(3):
        return quarter(year, int(match.group(3)))
    if match.group(4):
        return half(year, int(match.group(4)))
    return whole(year)


def from_label(year: int, label: str) -> Period:
    """The period for a Chinese label within `year` (3月, 第一季度, 上半年, 全年); raises ValueError."""
    text = str(label).strip()
    if text == "全年":
        return whole(year)
    found = periods(text, year)
    if len(found) != 1:
        raise ValueError(label)
    return found[0]
