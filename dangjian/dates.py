"""Date arithmetic as the offices count it (Asia/Shanghai; today itself is context.clock())."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")  # the offices count days in Asia/Shanghai; CI runs in UTC


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def years_between(start: dt.date, end: dt.date) -> int:
    """Whole years from start to end (age, party standing)."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def cn_date(day: dt.date) -> str:
    """2026年11月22日 (GB/T 9704: no zero padding)."""
    return f"{day.year}年{day.month}月{day.day}日"
