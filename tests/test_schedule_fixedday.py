"""主题党日 fixed days and holiday policies, hand-checked against the 2026 State Council notice.

2026 (国办 2025-11-04): 元旦 1-1…1-3, 1-4 (Sun) worked; 春节 2-15…2-23, 2-14 (Sat) and 2-28 (Sat)
worked; 清明 4-4…4-6; 劳动节 5-1…5-5, 5-9 (Sat) worked; 端午 6-19…6-21; 中秋 9-25…9-27;
国庆 10-1…10-7, 9-20 (Sun) and 10-10 (Sat) worked.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian.schedule.fixedday import FixedDayError, month_dates, parse_fixed_day, place
from dangjian.schedule.holidays import HolidayCalendar

D = dt.date
CAL = HolidayCalendar()
POLICIES = ("顺延", "顺延至周一至周五", "提前", "不调整")


def dates(text: str, policy: str, year: int = 2026) -> list[str]:
    return [p.date.strftime("%m-%d") if p.date.year == year else p.date.isoformat()
            for p in month_dates(parse_fixed_day(text), year, policy, CAL)]


# Each row: the twelve 2026 dates, January to December. Only the marked months move.
FIRST_FRIDAY = {
    "不调整": ["01-02", "02-06", "03-06", "04-03", "05-01", "06-05", "07-03", "08-07", "09-04", "10-02", "11-06",
               "12-04"],
    # 1-2 元旦 → 1-3 (Sat, holiday) → 1-4 Sunday make-up day; 5-1 → 5-6 Wed; 10-2 → 10-8 Thu
    "顺延": ["01-04", "02-06", "03-06", "04-03", "05-06", "06-05", "07-03", "08-07", "09-04", "10-08", "11-06",
             "12-04"],
    # the Sunday make-up day does not count: 1-5 Monday
    "顺延至周一至周五": ["01-05", "02-06", "03-06", "04-03", "05-06", "06-05", "07-03", "08-07", "09-04", "10-08",
                        "11-06", "12-04"],
    # 1-2 → 1-1 holiday → 2025-12-31 Wed; 5-1 → 4-30 Thu; 10-2 → 10-1 holiday → 9-30 Wed
    "提前": ["2025-12-31", "02-06", "03-06", "04-03", "04-30", "06-05", "07-03", "08-07", "09-04", "09-30", "11-06",
             "12-04"],
}
TENTH = {
    "不调整": ["01-10", "02-10", "03-10", "04-10", "05-10", "06-10", "07-10", "08-10", "09-10", "10-10", "11-10",
               "12-10"],
    # 1-10 Sat → 1-12 Mon; 5-10 Sun → 5-11 Mon; 10-10 Sat is a make-up working day: stays
    "顺延": ["01-12", "02-10", "03-10", "04-10", "05-11", "06-10", "07-10", "08-10", "09-10", "10-10", "11-10",
             "12-10"],
    "顺延至周一至周五": ["01-12", "02-10", "03-10", "04-10", "05-11", "06-10", "07-10", "08-10", "09-10", "10-12",
                        "11-10", "12-10"],
    # 1-10 Sat → 1-9 Fri; 5-10 Sun → 5-9, the Saturday make-up day
    "提前": ["01-09", "02-10", "03-10", "04-10", "05-09", "06-10", "07-10", "08-10", "09-10", "10-10", "11-10",
             "12-10"],
}
LAST_FRIDAY = {
    "不调整": ["01-30", "02-27", "03-27", "04-24", "05-29", "06-26", "07-31", "08-28", "09-25", "10-30", "11-27",
               "12-25"],
    # 9-25 中秋 → 9-26, 9-27 holiday → 9-28 Mon
    "顺延": ["01-30", "02-27", "03-27", "04-24", "05-29", "06-26", "07-31", "08-28", "09-28", "10-30", "11-27",
             "12-25"],
    "顺延至周一至周五": ["01-30", "02-27", "03-27", "04-24", "05-29", "06-26", "07-31", "08-28", "09-28", "10-30",
                        "11-27", "12-25"],
    "提前": ["01-30", "02-27", "03-27", "04-24", "05-29", "06-26", "07-31", "08-28", "09-24", "10-30", "11-27",
             "12-25"],
}
THIRD_WEDNESDAY = {
    "不调整": ["01-21", "02-18", "03-18", "04-15", "05-20", "06-17", "07-15", "08-19", "09-16", "10-21", "11-18",
               "12-16"],
    # 2-18 春节 → 2-24 Tue (2-23 is still holiday)
    "顺延": ["01-21", "02-24", "03-18", "04-15", "05-20", "06-17", "07-15", "08-19", "09-16", "10-21", "11-18",
             "12-16"],
    "顺延至周一至周五": ["01-21", "02-24", "03-18", "04-15", "05-20", "06-17", "07-15", "08-19", "09-16", "10-21",
                        "11-18", "12-16"],
    # back from 2-18 over the break to 2-14, the Saturday make-up day
    "提前": ["01-21", "02-14", "03-18", "04-15", "05-20", "06-17", "07-15", "08-19", "09-16", "10-21", "11-18",
             "12-16"],
}
THIRTY_FIRST = {
    # months without a 31st take their last day; 2-28 is a Saturday make-up day, 4-30 Thu, 6-30 Tue,
    # 9-30 Wed, 11-30 Mon; 1-31 Sat → 2-2 Mon (crosses the month); 5-31 Sun → 6-1; 10-31 Sat → 11-2
    "顺延": ["02-02", "02-28", "03-31", "04-30", "06-01", "06-30", "07-31", "08-31", "09-30", "11-02", "11-30",
             "12-31"],
    "顺延至周一至周五": ["02-02", "03-02", "03-31", "04-30", "06-01", "06-30", "07-31", "08-31", "09-30", "11-02",
                        "11-30", "12-31"],
}


@pytest.mark.parametrize(("text", "table"), [
    ("每月第一个周五", FIRST_FRIDAY), ("每月10日", TENTH), ("每月最后一个周五", LAST_FRIDAY),
    ("每月第三个星期三", THIRD_WEDNESDAY), ("每月31日", THIRTY_FIRST)])
def test_twelve_dates_of_2026_under_each_policy(text: str, table: dict) -> None:
    for policy, expected in table.items():
        assert dates(text, policy) == expected, policy


@pytest.mark.parametrize(("nominal", "policy", "moved", "words"), [
    # ecosystem.md §1.5
    (D(2026, 1, 2), "顺延", D(2026, 1, 4), ["元旦假期", "顺延至1月4日（星期日，元旦调休上班日）"]),
    (D(2026, 1, 2), "顺延至周一至周五", D(2026, 1, 5), ["1月5日（星期一）"]),
    (D(2026, 5, 1), "顺延", D(2026, 5, 6), ["劳动节假期", "5月6日（星期三）"]),
    (D(2026, 10, 2), "顺延", D(2026, 10, 8), ["国庆节假期", "10月8日（星期四）"]),
    (D(2026, 1, 10), "顺延", D(2026, 1, 12), ["1月10日（星期六）", "1月12日（星期一）"]),
    (D(2026, 5, 10), "顺延", D(2026, 5, 11), ["5月10日（星期日）"]),
    (D(2026, 10, 10), "顺延", D(2026, 10, 10), ["国庆节调休上班日", "照常举行"]),
    (D(2026, 10, 10), "顺延至周一至周五", D(2026, 10, 12), ["国庆节调休上班日", "10月12日（星期一）"]),
    (D(2026, 9, 20), "顺延", D(2026, 9, 20), ["星期日，国庆节调休上班日"]),
    (D(2026, 2, 14), "顺延至周一至周五", D(2026, 2, 24), ["春节调休上班日", "2月24日（星期二）"]),
    (D(2026, 1, 31), "顺延", D(2026, 2, 2), ["1月31日（星期六）", "已跨月"]),
    (D(2026, 2, 18), "提前", D(2026, 2, 14), ["春节假期", "提前至2月14日（星期六，春节调休上班日）"]),
])
def test_shift_and_reason(nominal, policy, moved, words) -> None:
    placed = place(nominal, policy, CAL)
    assert placed.date == moved
    assert placed.nominal == nominal and not placed.provisional
    for word in words:
        assert word in placed.reason


def test_an_ordinary_working_day_needs_no_reason() -> None:
    placed = place(D(2026, 3, 10), "顺延", CAL)
    assert (placed.date, placed.reason, placed.shifted) == (D(2026, 3, 10), "", False)


def test_keep_policy_says_it_kept_a_day_off() -> None:
    placed = place(D(2026, 1, 2), "不调整", CAL)
    assert placed.date == D(2026, 1, 2) and "不调整" in placed.reason


@pytest.mark.parametrize(("text", "day", "nth", "weekday"), [
    ("每月10日", 10, None, None), ("每月10号", 10, None, None), ("每月十日", 10, None, None),
    ("每月二十八日", 28, None, None), ("每月 1 日", 1, None, None), ("每月三十一日", 31, None, None),
    ("每月第一个周五", None, 1, 4), ("每月首个周五", None, 1, 4), ("每月第1个星期五", None, 1, 4),
    ("每月的第二个礼拜三", None, 2, 2), ("每月第四个周日", None, 4, 6), ("每月第三个周天", None, 3, 6),
    ("每月最后一个周五", None, -1, 4), ("每月最后一个星期一", None, -1, 0)])
def test_rule_texts(text, day, nth, weekday) -> None:
    rule = parse_fixed_day(text)
    assert (rule.day, rule.nth, rule.weekday) == (day, nth, weekday)


@pytest.mark.parametrize(("text", "words"), [
    ("每月初", "无法识别"), ("每月第五个周五", "第一至第四个"), ("每月32日", "1 到 31"), ("每月0日", "1 到 31"),
    ("每周五", "无法识别"), ("每月10日（遇节假日顺延）", "节假日安排"), ("每月第一个周八", "无法识别")])
def test_bad_rule_texts_are_explained_in_chinese(text, words) -> None:
    with pytest.raises(FixedDayError, match=words):
        parse_fixed_day(text)


def test_unknown_policy_is_refused() -> None:
    with pytest.raises(FixedDayError, match="未知的节假日安排"):
        place(D(2026, 1, 2), "随便", CAL)


def test_month_without_the_day_uses_its_last_day_and_says_so() -> None:
    placed = month_dates(parse_fixed_day("每月30日"), 2026, "顺延", CAL)[1]
    assert placed.nominal == D(2026, 2, 28) and "2月没有30日" in placed.reason
