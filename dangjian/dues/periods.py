"""Months and publication periods as users write them: 2026-10, 2026年度, 2026年上半年."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dangjian.dates import add_months
from dangjian.dues.calc import DuesError

CADENCES = {"年": (None,), "半年": (1, 2)}


def parse_month(text: str) -> tuple[int, int]:
    """"2026-10" → (2026, 10), with a Chinese error for anything else."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise DuesError(f"月份“{text}”无效，应写成 YYYY-MM，如 2026-10（月份为 1 到 12）")
    return int(match.group(1)), int(match.group(2))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """A publication period: a whole year (`half=None`) or one half of it."""

    year: int
    half: int | None = None

    @property
    def months(self) -> range:
        return {None: range(1, 13), 1: range(1, 7), 2: range(7, 13)}[self.half]

    @property
    def end(self) -> dt.date:
        return month_end(self.year, self.months[-1])

    @property
    def label(self) -> str:
        return {None: f"{self.year}年度", 1: f"{self.year}年上半年", 2: f"{self.year}年下半年"}[self.half]

    def deadline(self, grace_months: int) -> dt.date:
        """The last day of the grace period after the period's end."""
        last = add_months(dt.date(self.end.year, self.end.month, 1), int(grace_months))
        return month_end(last.year, last.month)


_PERIOD = re.compile(r"^\s*(\d{4})\s*年?\s*(?:(度|全年)|(上半年|下半年))?\s*$")


def parse_period(text: str | None) -> Period | None:
    """"2026年度" / "2026年" / "2026年全年" → whole year; "2026年上半年" → first half; else None."""
    match = _PERIOD.match(text or "")
    if not match:
        return None
    half = {"上半年": 1, "下半年": 2}.get(match.group(3) or "")
    return Period(int(match.group(1)), half)


def periods_for(year: int, cadence: str) -> list[Period]:
    if cadence not in CADENCES:
        raise DuesError(f"参数“党费公布周期”的值“{cadence}”无效，可用：年、半年")
    return [Period(year, half) for half in CADENCES[cadence]]
