"""Working days in mainland China, with the State Council's 放假 and 调休 arrangements.

chinese-calendar carries the arrangements it knows and raises for any other year; we
never guess 调休. A record repository's holidays/<year>.yaml adds or replaces a year. For
a year that neither covers, `UnknownYear` is raised, unless the calendar is provisional:
then weekends and the statutory days on fixed dates (元旦, 劳动节 5-1/5-2, 国庆节 10-1…10-3) are
days off and every date of that year is marked for review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from dangjian.schedule.holidayfile import HOLIDAY_DIR, HolidayFileError, check_holiday_file, days_of

PROVISIONAL_NOTE = "待国务院公布放假安排后复核"

# chinese-calendar's English holiday names → the names in the State Council notice.
_NAMES = {"New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
          "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
          "Mid-autumn Festival": "中秋节",
          "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"}


class UnknownYear(Exception):
    """No arrangement is known for the year; the message says what to do, in Chinese."""

    def __init__(self, year: int, known: tuple[int, int] | None) -> None:
        span = f"（软件自带的 chinese-calendar 只有 {known[0]}—{known[1]} 年的数据）" if known else ""
        super().__init__(
            f"{year} 年的节假日安排尚未收录{span}，记录库中也没有 {HOLIDAY_DIR}/{year}.yaml，"
            f"无法确定哪些日子放假、哪些周末调休上班。请在国务院办公厅公布{year}年放假安排后，"
            f"照通知填写 {HOLIDAY_DIR}/{year}.yaml（格式见 docs/schedule.md），或升级 chinesecalendar；"
            f"如需先排一个临时计划，可加 --provisional（只按周末和元旦、劳动节、国庆节的固定日期推算，所有日期标为“{PROVISIONAL_NOTE}”）")
        self.year = year


@dataclass(frozen=True)
class YearData:
    """One year's arrangement: days off (weekends inside a break included) and make-up days."""

    year: int
    off: dict[dt.date, str] = field(default_factory=dict)
    makeup: dict[dt.date, str] = field(default_factory=dict)
    source: str = ""
    provisional: bool = False


# The statutory days off on fixed solar dates (《全国年节及纪念日放假办法》, as revised by 国务院令
# 第795号, in force 2025-01-01): known for any year before the State Council publishes its
# arrangement, so a provisional plan never puts a meeting on 元旦. The lunar festivals and 调休
# are not guessed.
FIXED_STATUTORY = ((1, 1, "元旦"), (5, 1, "劳动节"), (5, 2, "劳动节"), (10, 1, "国庆节"), (10, 2, "国庆节"),
                   (10, 3, "国庆节"))


def fixed_statutory_days(year: int) -> dict[dt.date, str]:
    return {dt.date(year, m, d): name for m, d, name in FIXED_STATUTORY}


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    workday: bool
    kind: str  # 工作日, 休息日, 节假日, 调休上班
    name: str = ""  # the holiday a day off or make-up day belongs to
    provisional: bool = False


def packaged_years() -> tuple[int, int] | None:
    import chinese_calendar

    years = {d.year for d in chinese_calendar.holidays}
    return (min(years), max(years)) if years else None


def packaged_year(year: int) -> YearData | None:
    """chinese-calendar's data for the year, or None when it has none."""
    import chinese_calendar

    span = packaged_years()
    if span is None or not span[0] <= year <= span[1]:
        return None
    off = {d: _NAMES.get(n, n) for d, n in chinese_calendar.holidays.items() if d.year == year}
    makeup = {d: _NAMES.get(n, n) for d, n in chinese_calendar.workdays.items() if d.year == year}
    return YearData(year, off, makeup, f"chinese-calendar {chinese_calendar.__version__}")


class HolidayCalendar:
    """Working days for scheduling: repository files first, then chinese-calendar.

    `provisional=True` turns an unknown year into weekends-only (marked provisional)
    instead of raising UnknownYear. With a `source` (a loader Source: work tree, git index or
    revision) the holiday files are read through it, else from the directory `root`.
    """

    def __init__(self, root: Path | None = None, provisional: bool = False, source=None) -> None:
        self.root = root
        self.provisional = provisional
        self.source = source
        self._years: dict[int, YearData] = {}

    def year(self, year: int) -> YearData:
        if year not in self._years:
            self._years[year] = self._load(year)
        return self._years[year]

    def _load(self, year: int) -> YearData:
        packaged = packaged_year(year)
        override = self._override(year)
        if override is not None:
            obj, rel = override
            off, makeup = days_of(obj)
            source = f"{rel}（{obj.source}）"
            if obj.mode == "补充":
                if packaged is None:
                    raise HolidayFileError([(obj.at("mode"), f"“方式: 补充”要在软件自带的安排上增加，但软件没有 {year} "
                                                             "年的数据；请写出全年安排并改为“方式: 替换”")])
                off = {**packaged.off, **off}
                makeup = {d: n for d, n in {**packaged.makeup, **makeup}.items() if d not in off}
                source = f"{packaged.source} + {source}"
            return YearData(year, off, makeup, source)
        if packaged is not None:
            return packaged
        if self.provisional:
            return YearData(year, fixed_statutory_days(year), source="仅按周末和法定节日的固定日期推算", provisional=True)
        raise UnknownYear(year, packaged_years())

    def _read(self, rel: str) -> bytes | None:
        if self.source is not None:
            try:
                return self.source.read(rel)
            except (OSError, KeyError):  # KeyError: not in the git index or revision
                return None
        path = self.root / rel if self.root is not None else None
        return path.read_bytes() if path is not None and path.is_file() else None

    def _override(self, year: int):
        for suffix in (".yaml", ".yml"):
            rel = f"{HOLIDAY_DIR}/{year}{suffix}"
            data = self._read(rel)
            if data is not None:
                obj, problems = check_holiday_file(data, rel, year)
                if problems:
                    raise HolidayFileError(problems)
                return obj, rel
        return None

    def is_provisional(self, day: dt.date) -> bool:
        return self.year(day.year).provisional

    def describe(self, day: dt.date) -> DayInfo:
        data = self.year(day.year)
        if day in data.makeup:
            return DayInfo(day, True, "调休上班", data.makeup[day], data.provisional)
        if day in data.off:
            return DayInfo(day, False, "节假日", data.off[day], data.provisional)
        if day.weekday() >= 5:
            return DayInfo(day, False, "休息日", "", data.provisional)
        return DayInfo(day, True, "工作日", "", data.provisional)

    def is_workday(self, day: dt.date) -> bool:
        return self.describe(day).workday

    def is_day_off(self, day: dt.date) -> bool:
        """A statutory day off (a 放假 day), as opposed to an ordinary weekend."""
        return day in self.year(day.year).off
