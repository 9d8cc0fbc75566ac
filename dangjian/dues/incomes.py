"""The income sheet for the yearly assessment: an .xlsx or .csv with one row per member.

Columns: 编号 or 姓名 (or both), 月收入 or 养老金, and optionally the deduction columns the
profile allows (养老保险, 住房公积金 …). Other columns (备注 …) are ignored. Every row that
cannot be read or matched to exactly one member is reported with its row number.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from dangjian.dues.calc import DuesError, to_decimal
from dangjian.model import Member

INCOME_COLUMNS = ("月收入", "养老金")


@dataclass(frozen=True)
class IncomeRow:
    row: int  # as the spreadsheet numbers it: the header is row 1
    member_id: str | None
    name: str | None
    income: Decimal
    deductions: dict[str, Decimal] = field(default_factory=dict)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_table(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # not a zip, not a workbook…
            raise DuesError(f"无法读取 Excel 文件 {path.name}：{exc}") from None
        sheet = book.worksheets[0]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    if path.suffix.lower() != ".csv":
        raise DuesError(f"收入表 {path.name} 应为 .xlsx 或 .csv 文件")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")  # Excel's “CSV” on Chinese Windows
    return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text))]


def read_incomes(path: Path, allowed: tuple[str, ...], known: tuple[str, ...]) -> list[IncomeRow]:
    """Rows of the sheet; `allowed` are the deductions the profile permits, `known` all deduction names."""
    table = _read_table(Path(path))
    if not table:
        raise DuesError(f"收入表 {Path(path).name} 是空的")
    header = table[0]
    where = {name: i for i, name in enumerate(header) if name}
    if "编号" not in where and "姓名" not in where:
        raise DuesError("收入表第1行须有“编号”或“姓名”列")
    income_cols = [c for c in INCOME_COLUMNS if c in where]
    if not income_cols:
        raise DuesError("收入表第1行须有“月收入”或“养老金”列")
    refused = [c for c in known if c in where and c not in allowed]
    if refused:
        raise DuesError(f"收入表中的“{'、'.join(refused)}”不是本规则集允许从基数中扣除的项目"
                        f"（允许：{'、'.join(allowed) or '无'}）")
    deduction_cols = [c for c in allowed if c in where]
    out, errors = [], []
    for number, row in enumerate(table[1:], start=2):
        cells = {name: (row[i] if i < len(row) else "") for name, i in where.items()}
        if not any(cells.values()):
            continue
        try:
            out.append(_row(number, cells, income_cols, deduction_cols))
        except DuesError as exc:
            errors.append(str(exc))
    if errors:
        raise DuesError("\n".join(errors))
    return out


def _row(number: int, cells: dict[str, str], income_cols: list[str], deduction_cols: list[str]) -> IncomeRow:
    filled = [c for c in income_cols if cells.get(c)]
    if not filled:
        raise DuesError(f"第{number}行：没有填写{'或'.join(income_cols)}")
    if len(filled) > 1:
        raise DuesError(f"第{number}行：“月收入”和“养老金”只能填一项")
    income = to_decimal(cells[filled[0]], f"第{number}行的{filled[0]}")
    if income < 0:
        raise DuesError(f"第{number}行：{filled[0]}不能为负数")
    deductions = {}
    for column in deduction_cols:
        if cells.get(column):
            value = to_decimal(cells[column], f"第{number}行的{column}")
            if value < 0:
                raise DuesError(f"第{number}行：{column}不能为负数")
            deductions[column] = value
    if not cells.get("编号") and not cells.get("姓名"):
        raise DuesError(f"第{number}行：没有填写编号或姓名")
    return IncomeRow(number, cells.get("编号") or None, cells.get("姓名") or None, income, deductions)


def match_incomes(rows: list[IncomeRow], members: list[Member]) -> dict[str, IncomeRow]:
    """Member id → its row; raises with one Chinese line per row that matches no member or several."""
    by_id = {m.id: m for m in members if m.id}
    by_name: dict[str, list[Member]] = {}
    for m in members:
        by_name.setdefault(m.name or "", []).append(m)
    matched: dict[str, IncomeRow] = {}
    errors = []
    for row in rows:
        if row.member_id:
            member = by_id.get(row.member_id)
            if member is None:
                errors.append(f"第{row.row}行：编号“{row.member_id}”不在名册中")
                continue
            if row.name and row.name != member.name:
                errors.append(f"第{row.row}行：编号“{row.member_id}”在名册中是{member.name}，与姓名“{row.name}”不符")
                continue
        else:
            found = by_name.get(row.name or "", [])
            if not found:
                errors.append(f"第{row.row}行：姓名“{row.name}”不在名册中")
                continue
            if len(found) > 1:
                ids = "、".join(m.id or "?" for m in found)
                errors.append(f"第{row.row}行：名册中有 {len(found)} 人叫“{row.name}”（{ids}），请填写编号")
                continue
            member = found[0]
        if member.id in matched:
            errors.append(f"第{row.row}行：{member.name}（{member.id}）已在第{matched[member.id].row}行出现")
            continue
        matched[member.id] = row
    if errors:
        raise DuesError("\n".join(errors))
    return matched
