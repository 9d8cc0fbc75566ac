"""A record repository's holidays/<year>.yaml: the State Council notice for one year.

The file mirrors the notice: the 放假 ranges (weekend days inside a range included) and the
调休上班 days, with the notice cited. It replaces the packaged data for its year (方式: 替换,
the default) or adds local days to it (方式: 补充). Every problem comes back in Chinese with
file and line; a file with problems is never used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangjian.located import Loc
from dangjian.readfile import convert_bytes
from dangjian.schema import Record, key

HOLIDAY_DIR = "holidays"
MODES = ("替换", "补充")
WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass(kw_only=True)
class DayOffRange(Record):
    """一段放假（含其中的周末），或一个地方性假日。"""

    name: str | None = key("名称", required=True, example="春节")
    start: dt.date | None = key("开始", required=True, example="2027-02-05")
    end: dt.date | None = key("结束", doc="不填则只放假一天", example="2027-02-11")


@dataclass(kw_only=True)
class MakeupDay(Record):
    """一个调休上班日（周六或周日）。"""

    name: str | None = key("名称", required=True, example="春节")
    date: dt.date | None = key("日期", required=True, example="2027-02-20")


@dataclass(kw_only=True)
class HolidayFile(Record):
    """某一年的放假安排（holidays/<年>.yaml），照国务院办公厅通知填写。"""

    year: int | None = key("年度", required=True, example=2027)
    source: str | None = key("依据", required=True, doc="通知名称和文号（或网址）",
                             example="国务院办公厅关于2027年部分节假日安排的通知")
    mode: str | None = key("方式", choices=MODES, default="替换",
                           doc="替换：本文件就是当年的全部安排；补充：在软件自带的安排上增加（如地方性假日）")
    days_off: list[DayOffRange] = key("放假", default=[])
    makeup_days: list[MakeupDay] = key("调休上班", default=[])


class HolidayFileError(Exception):
    """A holidays file that cannot be used; `problems` are (where, Chinese message)."""

    def __init__(self, problems: list[tuple[Loc, str]]) -> None:
        super().__init__("\n".join(describe(loc, message) for loc, message in problems))
        self.problems = problems


def describe(loc: Loc, message: str) -> str:
    return f"{loc.path} 第{loc.line}行：{message}"


def check_holiday_file(data: bytes, rel: str, year: int) -> tuple[HolidayFile | None, list[tuple[Loc, str]]]:
    """Parse and validate; the file is usable only when the problem list is empty."""
    found: list = []
    obj = convert_bytes(data, rel, HolidayFile, found)
    problems = [(p.loc, "文件是空的：请按国务院办公厅的通知填写，或删除此文件" if rule == "empty-file" else p.message)
                for rule, p in found]
    if obj is not None:
        problems += _validate(obj, year)
    return obj, problems


def _validate(obj: HolidayFile, year: int) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    if obj.year is not None and obj.year != year:
        problems.append((obj.at("year"), f"“年度”写的是 {obj.year}，与文件名 {year}.yaml 不符"))
    if obj.source is not None and not obj.source.strip():
        problems.append((obj.at("source"), "“依据”不能为空：请写明国务院办公厅通知的名称和文号"))
    taken: dict[dt.date, tuple[str, Loc]] = {}

    def claim(days: list[dt.date], what: str, loc: Loc) -> None:
        """Take the days for one line; report only the first clash of the line."""
        for day in days:
            if day in taken:
                other, where = taken[day]
                problems.append((loc, f"{_cn(day)}与第{where.line}行的{other}重叠"))
                return
        taken.update({day: (what, loc) for day in days})

    for off in obj.days_off:
        if off.start is None:
            continue
        end = off.end or off.start
        if not _in_year(off.start, year, off.at("start"), problems) or not _in_year(
                end, year, off.at("end"), problems):
            continue
        if end < off.start:
            problems.append((off.at("end"), f"“结束”{end.isoformat()} 早于“开始”{off.start.isoformat()}"))
            continue
        claim([off.start + dt.timedelta(days=n) for n in range((end - off.start).days + 1)],
              f"{off.name or ''}放假", off.at("start"))
    for makeup in obj.makeup_days:
        if makeup.date is None or not _in_year(makeup.date, year, makeup.at("date"), problems):
            continue
        if makeup.date.weekday() < 5:
            problems.append((makeup.at("date"), f"调休上班日 {makeup.date.isoformat()} 是"
                             f"{WEEKDAY_NAMES[makeup.date.weekday()]}；调休上班日应为星期六或星期日"))
            continue
        claim([makeup.date], f"{makeup.name or ''}调休上班日", makeup.at("date"))
    return problems


def _in_year(day: dt.date, year: int, loc: Loc, problems: list) -> bool:
    if day.year != year:
        problems.append((loc, f"{day.isoformat()} 不在 {year} 年内；跨年的日期请写在那一年的文件中"))
        return False
    return True


def _cn(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def days_of(obj: HolidayFile) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    """(days off → name, make-up working days → name) of a valid file."""
    off: dict[dt.date, str] = {}
    for r in obj.days_off:
        end = r.end or r.start
        for n in range((end - r.start).days + 1):
            off[r.start + dt.timedelta(days=n)] = r.name or ""
    makeup = {m.date: m.name or "" for m in obj.makeup_days}
    return off, makeup
