"""What --month and --year mean for each kind of report, and the defaults without them.

month: a monthly report; without --month, the last complete month.
year: a year's report (annual, dues, archive); without --year, the annual report takes the
      last complete year and the others the year so far.
year-or-month: a record book for a year, or with --month for one month.
day: a roster, taken on the last day of --month or --year, else on the reference day.
The reference day is today, or the repository's 记录截至 if that is earlier.
"""

from __future__ import annotations

import datetime as dt
import re

from dangjian import calendar
from dangjian.calendar import Period
from dangjian.dates import add_months
from dangjian.limits import FIRST_YEAR, LAST_YEAR
from dangjian.report.sandbox import ReportError


def parse_month(text: str) -> tuple[int, int]:
    try:
        return calendar.parse_month(text)
    except calendar.CalendarError:
        raise ReportError(f"--month 的值“{text}”无效，应写成 YYYY-MM，如 2026-10") from None


def parse_year(text: str) -> int:
    if not re.fullmatch(r"\s*\d{4}\s*", text or "") or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise ReportError(f"--year 的值“{text}”无效，应写成四位年份，如 2025")
    return int(text)


def last_complete_month(reference: dt.date) -> tuple[int, int]:
    tomorrow = reference + dt.timedelta(days=1)
    if tomorrow.month != reference.month:
        return reference.year, reference.month
    previous = add_months(reference.replace(day=1), -1)
    return previous.year, previous.month


def default_period(kind_period: str, reference: dt.date) -> Period:
    if kind_period == "month":
        return calendar.month(*last_complete_month(reference))
    if kind_period == "day":
        return calendar.up_to(reference)
    if kind_period == "annual":
        complete = reference.month == 12 and reference.day == 31
        return calendar.whole(reference.year if complete else reference.year - 1)
    return calendar.whole(reference.year)


def choose(kind_name: str, kind_period: str, month: str | None, year: str | None, reference: dt.date) -> Period:
    """The period for the options given, with a Chinese error for a combination that makes no sense."""
    if month and year:
        raise ReportError("--month 和 --year 只能用一个")
    if kind_period == "month":
        if year:
            raise ReportError(f"{kind_name} 报告按月生成，请用 --month YYYY-MM，而不是 --year")
        return calendar.month(*parse_month(month)) if month else default_period("month", reference)
    if kind_period in ("year", "annual"):
        if month:
            raise ReportError(f"{kind_name} 报告按年生成，请用 --year YYYY，而不是 --month")
        return calendar.whole(parse_year(year)) if year else default_period(kind_period, reference)
    if kind_period == "year-or-month":
        if month:
            return calendar.month(*parse_month(month))
        return calendar.whole(parse_year(year)) if year else default_period("year", reference)
    # A roster is taken on a day that is on record: never after the reference day.
    if month:
        y, m = parse_month(month)
        return calendar.up_to(min(calendar.month(y, m).end, reference))
    if year:
        return calendar.up_to(min(dt.date(parse_year(year), 12, 31), reference))
    return default_period("day", reference)
