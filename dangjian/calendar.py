"""The one calendar: the period type, the cadence words that name periods, and month arithmetic.

Every layer that speaks of a period (rules judging a cadence, the yearly plan, reports, dues
publication, the street's records) uses `Period` and `periods()` from here, so that a cadence
such as 第二季度 means the same thing everywhere:

- 每月, 每季度, 每半年, 每年 (全年): every month, quarter, half or year needs a record;
- a named part of the year (第一季度…第四季度, 上半年, 下半年, 1月…12月): once a year, due by
  the end of that part (the year is the window; the part names the deadline and the slot the
  plan puts it in).

What is due for one organisation in one period (membership, committee size, start of
records) is decided in dangjian/periods.py on top of this module.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

QUARTERS = "一二三四"
HALVES = "上下"
CADENCES = ("每月", "每季度", "每半年", "每年", "第一季度…第四季度", "上半年", "下半年", "1月…12月")
_CODE = re.compile(r"(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?")
_MONTH = re.compile(r"\s*(\d{4})-(\d{1,2})\s*")


class CalendarError(ValueError):
    """Text that names no month or period; the message is Chinese."""


@dataclass(frozen=True, order=True)
class Period:
    """A span of days with its Chinese label and the day by which its record is due.

    `code` (2026-03, 2026-Q1, 2026-H2, 2026) is stable for calendar UIDs, plan files and JSON;
    `kind` is month, quarter, half, year or day (a span up to a day, for rosters)."""

    start: dt.date
    end: dt.date  # inclusive
    label: str = field(compare=False)  # 2026年第二季度, 2026年10月, 2026年度, 截至2026年10月31日
    due: dt.date = field(default=None, compare=False)  # type: ignore[assignment]  # the end unless a part names it
    code: str = ""
    kind: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.due is None:
            object.__setattr__(self, "due", self.end)

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def months(self) -> range:
        """The months of the year the period covers (1…12)."""
        return range(self.start.month, self.end.month + 1)

    @property
    def part(self) -> str:
        """The label within the year, as plan files write it: 3月, 第一季度, 上半年, 全年."""
        _, _, part = self.code.partition("-")
        if not part:
            return "全年"
        if part.startswith("Q"):
            return f"第{QUARTERS[int(part[1]) - 1]}季度"
        if part.startswith("H"):
            return f"{HALVES[int(part[1]) - 1]}半年"
        return f"{int(part)}月"

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def as_context(self) -> dict:
        """The period as report templates see it (docs/templates.md)."""
        return {"label": self.label, "kind": self.kind, "start": self.start.isoformat(),
                "end": self.end.isoformat(), "start_cn": cn_date(self.start), "end_cn": cn_date(self.end),
                "year": self.end.year, "month": self.end.month if self.kind == "month" else None}


def cn_date(day: dt.date) -> str:
    """2026年11月22日 (GB/T 9704: no zero padding)."""
    return f"{day.year}年{day.month}月{day.day}日"


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month; month 13 is January of the next year (and so on)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def month(year: int, m: int) -> Period:
    return Period(dt.date(year, m, 1), month_end(year, m), f"{year}年{m}月", None, f"{year}-{m:02d}", "month")


def quarter(year: int, q: int) -> Period:
    return Period(dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q), f"{year}年第{QUARTERS[q - 1]}季度", None,
                  f"{year}-Q{q}", "quarter")


def half(year: int, h: int) -> Period:
    return Period(dt.date(year, 6 * h - 5, 1), month_end(year, 6 * h), f"{year}年{HALVES[h - 1]}半年", None,
                  f"{year}-H{h}", "half")


def whole(year: int, label: str | None = None) -> Period:
    """A calendar year: 2026年度 for reports and dues, 2026年 in findings about a cadence."""
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), label or f"{year}年度", None, str(year), "year")


def up_to(day: dt.date) -> Period:
    """From 1 January to `day`: what a roster taken on that day covers."""
    return Period(dt.date(day.year, 1, 1), day, f"截至{cn_date(day)}", None, "", "day")


def _part(text: str, year: int) -> Period | None:
    """The part of the year a named cadence word means (第二季度, 上半年, 3月), or None."""
    if text in ("上半年", "下半年"):
        return half(year, 1 if text == "上半年" else 2)
    match = re.fullmatch(r"第([一二三四1-4])季度", text)
    if match:
        q = match.group(1)
        return quarter(year, int(q) if q.isdigit() else QUARTERS.index(q) + 1)
    match = re.fullmatch(r"(\d{1,2})月", text)
    if match and 1 <= int(match.group(1)) <= 12:
        return month(year, int(match.group(1)))
    return None


def periods(cadence: object, year: int) -> list[Period]:
    """The windows of `year` for a cadence word, each needing at least one record ([] for none).

    A named part (第二季度) gives the whole year due by the end of that part, with the part's
    code, so that the plan puts it in that part. Raises CalendarError (Chinese) for other text."""
    if cadence is None or cadence == "":
        return []
    text = str(cadence).strip()
    if text == "每月":
        return [month(year, m) for m in range(1, 13)]
    if text == "每季度":
        return [quarter(year, q) for q in range(1, 5)]
    if text == "每半年":
        return [half(year, 1), half(year, 2)]
    if text in ("每年", "全年"):
        return [whole(year, f"{year}年")]
    part = _part(text, year)
    if part is None:
        raise CalendarError(f"无法识别的周期“{cadence}”，可用：{'、'.join(CADENCES)}")
    return [Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}年", part.end, part.code, "year")]


def interval_months(cadence: object) -> int | None:
    """How long a cadence lets pass between two records: 1, 3, 6 or 12 months; None if unknown."""
    try:
        found = periods(cadence, 2000)
    except CalendarError:
        return None
    return len(found[0].months) if found else None


def from_code(code: str) -> Period:
    """The period for a code such as 2026-03, 2026-Q1, 2026-H2 or 2026; raises CalendarError."""
    match = _CODE.fullmatch(code)
    if not match:
        raise CalendarError(f"无法识别的时段代码“{code}”")
    year = int(match.group(1))
    if match.group(2):
        if not 1 <= int(match.group(2)) <= 12:
            raise CalendarError(f"无法识别的时段代码“{code}”")
        return month(year, int(match.group(2)))
    if match.group(3):
        return quarter(year, int(match.group(3)))
    if match.group(4):
        return half(year, int(match.group(4)))
    return whole(year)


def from_part(year: int, label: str) -> Period:
    """The period a plan file's 时段 names within `year` (3月, 第一季度, 上半年, 全年); CalendarError."""
    text = str(label).strip()
    if text == "全年":
        return whole(year)
    part = _part(text, year)
    if part is None:
        raise CalendarError(f"无法识别的周期“{label}”，可用：{'、'.join(CADENCES)}")
    return part


def parse_month(text: str | None) -> tuple[int, int]:
    """"2026-10" → (2026, 10); CalendarError (Chinese) for anything else."""
    match = _MONTH.fullmatch(text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise CalendarError(f"月份“{text}”无效，应写成 YYYY-MM，如 2026-10（月份为 1 到 12）")
    return int(match.group(1)), int(match.group(2))
