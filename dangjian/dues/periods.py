"""Publication periods of the dues (党费公布周期: 年 or 半年) and the 范围 a 公布 record names."""

from __future__ import annotations

import datetime as dt
import re

from dangjian import calendar
from dangjian.calendar import Period, month_end
from dangjian.dates import add_months
from dangjian.dues.calc import DuesError

CADENCES = ("年", "半年")
_PERIOD = re.compile(r"^\s*(\d{4})\s*年?\s*(?:(度|全年)|(上半年|下半年))?\s*$")


def parse_month(text: str) -> tuple[int, int]:
    """"2026-10" → (2026, 10), with a Chinese error (DuesError) for anything else."""
    try:
        return calendar.parse_month(text)
    except calendar.CalendarError as exc:
        raise DuesError(str(exc)) from None


def deadline(period: Period, grace_months: int) -> dt.date:
    """The last day of the grace period after the period's end."""
    last = add_months(dt.date(period.end.year, period.end.month, 1), int(grace_months))
    return month_end(last.year, last.month)


def parse_period(text: str | None) -> Period | None:
    """"2026年度" / "2026年" / "2026年全年" → whole year; "2026年上半年" → first half; else None."""
    match = _PERIOD.match(text or "")
    if not match:
        return None
    half = {"上半年": 1, "下半年": 2}.get(match.group(3) or "")
    year = int(match.group(1))
    return calendar.half(year, half) if half else calendar.whole(year)


def periods_for(year: int, cadence: str) -> list[Period]:
    if cadence not in CADENCES:
        raise DuesError(f"参数“党费公布周期”的值“{cadence}”无效，可用：年、半年")
    return [calendar.whole(year)] if cadence == "年" else [calendar.half(year, 1), calendar.half(year, 2)]
