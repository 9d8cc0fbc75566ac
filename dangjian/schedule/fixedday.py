"""The 主题党日 fixed day (XZ-4.9, WH-2.7): the rule text, its date each month, and the
holiday policy that moves a date falling on a day off.

Rule texts: 每月D日 (also 号, Chinese numerals), 每月第N个周X (N = 一…四, 首个), 每月最后一个周X;
周X may be written 星期X or 礼拜X, 周日 also 周天.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dangjian.calendar import month_end
from dangjian.model import HOLIDAY_POLICIES
from dangjian.schedule.holidays import HolidayCalendar

WEEKDAYS = "一二三四五六日"
WEEKDAY_NAMES = tuple(f"星期{c}" for c in WEEKDAYS)
DEFAULT_POLICY = HOLIDAY_POLICIES[0]  # 顺延
POLICY_TEXT = {
    "顺延": "遇节假日、休息日顺延至下一个工作日（含调休上班日）",
    "顺延至周一至周五": "遇节假日、休息日顺延至下一个周一至周五的工作日（不用调休上班的周末）",
    "提前": "遇节假日、休息日提前至上一个工作日（含调休上班日）",
    "不调整": "遇节假日、休息日也不调整",
}
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_FORMS = "每月10日、每月第一个周五、每月最后一个周五"


class FixedDayError(ValueError):
    """The rule text cannot be understood; the message is Chinese and says what is accepted."""


@dataclass(frozen=True)
class FixedDay:
    text: str
    day: int | None = None  # 每月D日
    nth: int | None = None  # 1…4, or -1 for the last
    weekday: int | None = None  # 0 = Monday

    def nominal(self, year: int, month: int) -> tuple[dt.date, str]:
        """The month's fixed day before any holiday shift, and a note when the rule had to bend."""
        last = month_end(year, month).day
        if self.day is not None:
            if self.day > last:
                return dt.date(year, month, last), f"{month}月没有{self.day}日，取月末{month}月{last}日"
            return dt.date(year, month, self.day), ""
        if self.nth == -1:
            day = dt.date(year, month, last)
            return day - dt.timedelta(days=(day.weekday() - self.weekday) % 7), ""
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(self.weekday - first.weekday()) % 7 + 7 * (self.nth - 1)), ""


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def parse_fixed_day(text: str) -> FixedDay:
    """Read a 主题党日 rule text; raise FixedDayError with a Chinese explanation."""
    norm = re.sub(r"\s+", "", str(text)).replace("的", "")
    norm = re.sub(r"(星期|礼拜)", "周", norm).replace("周天", "周日").replace("首个", "第一个")
    norm = norm.replace("最后1个", "最后一个").replace("最末一个", "最后一个")
    match = re.fullmatch(r"每月([0-9一二三四五六七八九十]+)[日号]", norm)
    if match:
        day = _number(match.group(1))
        if day is None or not 1 <= day <= 31:
            raise FixedDayError(f"主题党日“{text}”中的日期应为 1 到 31 日")
        return FixedDay(text, day=day)
    match = re.fullmatch(r"每月第([0-9一二三四五六七八九十]+)个周([一二三四五六日])", norm)
    if match:
        nth = _number(match.group(1))
        if nth is None or not 1 <= nth <= 4:
            raise FixedDayError(f"主题党日“{text}”：只能是每月第一至第四个星期几；月末请写“每月最后一个周五”这样的形式")
        return FixedDay(text, nth=nth, weekday=WEEKDAYS.index(match.group(2)))
    match = re.fullmatch(r"每月最后一个周([一二三四五六日])", norm)
    if match:
        return FixedDay(text, nth=-1, weekday=WEEKDAYS.index(match.group(1)))
    hint = "；遇节假日怎样调整请写在“节假日安排”中" if "节" in norm or "顺延" in norm else ""
    raise FixedDayError(f"无法识别主题党日“{text}”，请写成 {_FORMS} 这样的形式{hint}")


@dataclass(frozen=True)
class Placement:
    """Where the month's 主题党日 falls: the fixed day, the actual day and why they differ."""

    nominal: dt.date
    date: dt.date
    reason: str
    provisional: bool

    @property
    def shifted(self) -> bool:
        return self.date != self.nominal


def _label(info) -> str:
    weekday = WEEKDAY_NAMES[info.day.weekday()]
    if info.kind == "节假日":
        return f"{weekday}，{info.name}假期"
    if info.kind == "调休上班":
        return f"{weekday}，{info.name}调休上班日"
    return weekday


def _md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def place(nominal: dt.date, policy: str, cal: HolidayCalendar, note: str = "") -> Placement:
    """Apply the holiday policy to the fixed day. The reason is empty only for an ordinary working day."""
    if policy not in POLICY_TEXT:
        raise FixedDayError(f"未知的节假日安排“{policy}”，可用：{'、'.join(POLICY_TEXT)}")
    info = cal.describe(nominal)
    weekdays_only = policy == "顺延至周一至周五"

    def fits(day: dt.date) -> bool:
        return cal.is_workday(day) and (not weekdays_only or day.weekday() < 5)

    prefix = f"{note}；" if note else ""
    here = f"固定日{_md(nominal)}（{_label(info)}）"
    provisional = info.provisional
    if fits(nominal) or policy == "不调整":
        if info.kind == "工作日":
            return Placement(nominal, nominal, note, provisional)
        tail = "按“不调整”照常举行" if not info.workday else "照常举行"
        return Placement(nominal, nominal, f"{prefix}{here}，{tail}", provisional)
    step = -1 if policy == "提前" else 1
    day = nominal
    for _ in range(60):  # the longest break is 9 days; this only guards against bad data
        day += dt.timedelta(days=step)
        if fits(day):
            break
    else:
        raise FixedDayError(f"{_md(nominal)}前后 60 天内找不到工作日，请检查节假日安排文件")
    later = cal.describe(day)
    provisional = provisional or later.provisional
    verb = {"顺延": "顺延至", "顺延至周一至周五": "按“顺延至周一至周五”顺延至", "提前": "提前至"}[policy]
    moved = "（已跨月）" if day.month != nominal.month else ""
    return Placement(nominal, day, f"{prefix}{here}，{verb}{_md(day)}（{_label(later)}）{moved}", provisional)


def month_dates(rule: FixedDay, year: int, policy: str, cal: HolidayCalendar) -> list[Placement]:
    """The twelve 主题党日 of a year under the policy."""
    out = []
    for month in range(1, 13):
        nominal, note = rule.nominal(year, month)
        out.append(place(nominal, policy, cal, note))
    return out
