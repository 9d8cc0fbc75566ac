"""`dangjian dues pay --from`: a month's collection sheet (党费收缴表) as payments.

Columns, by header: 编号 (党员编号) and/or 姓名; 实交 (实交金额, 交纳金额, 实缴, 金额 …: a member
with an empty or zero 实交 has not paid); optionally 交纳日期 (日期, 缴纳日期), 月份 (所属月份,
交纳月份: 10, 10月, 2026-10 or 2026年10月) and 说明 (备注). 应交 or 月交额 columns are read only
to be ignored. Without a 月份 column the month comes from --month; without a 交纳日期 column the
day comes from --date (default today). An amount different from the assessed one is recorded
as an exception (例外), with the 说明 if any.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from dangjian.dues.pay import Payment
from dangjian.imports.members_match import named_rows, resolve
from dangjian.imports.sheet import (
    Cell,
    SheetError,
    find_header,
    load_mapping,
    read_table,
    to_amount,
    to_date,
)
from dangjian.model import Member

SYNONYMS: dict[str, tuple[str, ...]] = {
    "编号": ("党员编号",),
    "姓名": ("党员姓名",),
    "实交": ("实交金额", "实交党费", "交纳金额", "缴纳金额", "实缴", "实缴金额", "本月实交", "金额"),
    "交纳日期": ("日期", "缴纳日期", "交纳时间", "缴纳时间", "收缴日期"),
    "月份": ("所属月份", "交纳月份", "党费月份"),
    "说明": ("备注",),
    "应交": ("应交金额", "月交额", "应交党费", "核定月交额"),
}


def _month(cell: Cell, default: tuple[int, int] | None) -> tuple[int, int]:
    value = cell.value
    if isinstance(value, dt.date):
        return value.year, value.month
    text = cell.text.replace(" ", "")
    match = re.fullmatch(r"(?:(\d{4})(?:-|年|\.|/))?(\d{1,2})月?(?:份)?", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise cell.fail(f"月份“{cell.text}”无法识别：请写成 10、10月 或 2026-10")
    if match.group(1):
        return int(match.group(1)), int(match.group(2))
    if default is None:
        raise cell.fail(f"月份“{cell.text}”没有年份：请写成 2026-10，或用 --month 指定")
    return default[0], int(match.group(2))


def read_payments(path: Path, roster: list[Member], month: tuple[int, int] | None, day: dt.date,
                  mapping: Path | None = None, sheet: str | None = None) -> tuple[list[Payment], list[str], str]:
    """The payments of the sheet, the rows of members who have not paid, and the columns found."""
    table = read_table(path, sheet)
    header = find_header(table, load_mapping(mapping, SYNONYMS))
    if header is None or not {"姓名", "编号"} & set(header.columns) or ("实交" not in header.columns \
            and "交纳日期" not in header.columns):
        raise SheetError(f"在工作表“{table.name}”的前几行没有找到含“姓名”（或“编号”）和“实交”（或“交纳日期”）的表头；"
                         "如表头用了其他名称，请用 --columns 指定列名对照文件")
    if month is None and "月份" not in header.columns:
        raise SheetError(f"工作表“{table.name}”没有“月份”列：请用 --month 指定交的是哪个月的党费，如 2026-10")
    payments, unpaid, errors = [], [], []
    seen: dict[tuple[str, int, int], int] = {}
    for row in named_rows(table, header):
        cells, where = row.cells, row.where
        try:
            member = resolve(roster, row.name, row.member_id, where)
            amount = to_amount(cells["实交"]) if "实交" in cells and cells["实交"].text else None
            paid_on = to_date(cells["交纳日期"]) if "交纳日期" in cells and cells["交纳日期"].text else None
            if ("实交" in cells and not amount) or ("实交" not in cells and paid_on is None):
                unpaid.append(f"{where}：{member.name}（{member.id}）未交")
                continue
            year, number = _month(cells["月份"], month) if "月份" in cells and cells["月份"].text else month or (0, 0)
            if not year:
                raise SheetError(f"{where}：没有填写月份")
        except SheetError as exc:
            errors.append(str(exc))
            continue
        key = (member.id, year, number)
        if key in seen:
            errors.append(f"{where}：{member.name}（{member.id}）{year}年{number}月的党费已在第{seen[key]}行出现")
            continue
        seen[key] = row.row
        note = cells["说明"].text if "说明" in cells else ""
        payments.append(Payment(member.id, year, number, paid_on or day, amount, note or None, where))
    if errors:
        raise SheetError("\n".join(errors))
    return payments, unpaid, header.describe(table)
