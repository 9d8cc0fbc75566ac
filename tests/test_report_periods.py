"""What --month and --year mean for each kind of report, and the defaults without them."""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian.report.periods import choose, last_complete_month
from dangjian.report.sandbox import ReportError

D = dt.date


@pytest.mark.parametrize(("reference", "expected"), [
    (D(2026, 11, 22), (2026, 10)), (D(2026, 10, 31), (2026, 10)), (D(2026, 1, 5), (2025, 12)),
    (D(2024, 2, 29), (2024, 2)), (D(2024, 2, 28), (2024, 1)),
])
def test_last_complete_month(reference: dt.date, expected: tuple[int, int]) -> None:
    assert last_complete_month(reference) == expected


def test_defaults_by_kind() -> None:
    ref = D(2026, 10, 31)  # the example street's 记录截至
    assert choose("monthly", "month", None, None, ref).label == "2026年10月"
    assert choose("annual", "annual", None, None, ref).label == "2025年度"
    assert choose("annual", "annual", None, None, D(2026, 12, 31)).label == "2026年度"
    assert choose("dues", "year", None, None, ref).label == "2026年度"
    assert choose("study", "year-or-month", None, None, ref).label == "2026年度"
    assert choose("roster", "day", None, None, ref).label == "截至2026年10月31日"


def test_explicit_periods() -> None:
    ref = D(2026, 10, 31)
    month = choose("monthly", "month", "2026-3", None, ref)
    assert (month.start, month.end, month.label) == (D(2026, 3, 1), D(2026, 3, 31), "2026年3月")
    assert choose("meetings", "year-or-month", "2026-02", None, ref).end == D(2026, 2, 28)
    assert choose("dues", "year", None, "2025", ref).end == D(2025, 12, 31)
    assert choose("roster", "day", "2025-06", None, ref).end == D(2025, 6, 30)
    # A roster is never taken on a day after the records end.
    assert choose("roster", "day", None, "2026", ref).end == ref


@pytest.mark.parametrize(("args", "message"), [
    (("monthly", "month", "2026-10", "2026"), "只能用一个"),
    (("monthly", "month", "10/2026", None), "应写成 YYYY-MM"),
    (("monthly", "month", None, "2026"), "按月生成"),
    (("dues", "year", "2026-10", None), "按年生成"),
    (("dues", "year", None, "二〇二六"), "四位年份"),
])
def test_bad_periods(args, message: str) -> None:
    with pytest.raises(ReportError, match=message):
        choose(*args, D(2026, 10, 31))
