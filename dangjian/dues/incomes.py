"""The income sheet for the yearly assessment: an .xlsx or .csv with one row per member.

Columns are found by their headers, in the first rows of the first sheet (a title above the
header is fine), by these names (`SYNONYMS`; docs/records.md lists them):
编号 (党员编号) or 姓名 (党员姓名), or both; 月收入 (税后月收入, 工资收入, 月工资收入, 税后工资, 月薪)
or 养老金 (离退休费, 退休金, 月养老金, 养老金收入); and optionally the deduction columns the profile
allows (养老保险, 住房公积金 …). Other columns (备注 …) are ignored and named. Amounts may be
number cells or text such as 6,500.00元. Every row that cannot be read or matched to exactly one
member is reported with its row number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from dangjian.dues.calc import DuesError
from dangjian.model import Member

SYNONYMS: dict[str, tuple[str, ...]] = {
    "编号": ("党员编号",),
    "姓名": ("党员姓名",),
    "月收入": ("税后月收入", "工资收入", "月工资收入", "税后工资", "税后收入", "月薪", "月工资"),
    "养老金": ("离退休费", "退休金", "月养老金", "养老金收入", "离退休金"),
}
INCOME_COLUMNS = ("月收入", "养老金")


@dataclass(frozen=True)
class IncomeRow:
    row: int  # as the spreadsheet numbers it: the header is row 1
    member_id: str | None
    name: str | None
    income: Decimal
    deductions: dict[str, Decimal] = field(default_factory=dict)


def read_incomes(path: Path, allowed: tuple[str, ...], known: tuple[str, ...]) -> tuple[list[IncomeRow], str]:
    """Rows of the sheet and which columns were found; `allowed` are the deductions the profile
    permits, `known` all deduction names."""
    from dangjian.imports.sheet import SheetError, find_header, read_table, records

    try:
        table = read_table(Path(path))
    except SheetError as exc:
        raise DuesError(str(exc)) from None
    if not table.rows:
        raise DuesError(f"收入表 {Path(path).name} 是空的")
    header = find_header(table, {**SYNONYMS, **{name: () for name in known}}, needed=1)
    where = header.columns if header else {}
    if "编号" not in where and "姓名" not in where:
        raise DuesError("收入表的表头须有“编号”或“姓名”列")
    income_cols = [c for c in INCOME_COLUMNS if c in where]
    if not income_cols:
        raise DuesError("收入表的表头须有“月收入”或“养老金”列（也可写作 税后月收入、工资收入、离退休费 等）")
    refused = [c for c in known if c in where and c not in allowed]
    if refused:
        raise DuesError(f"收入表中的“{'、'.join(refused)}”不是本规则集允许从基数中扣除的项目"
                        f"（允许：{'、'.join(allowed) or '无'}）")
    deduction_cols = [c for c in allowed if c in where]
    out, errors = [], []
    for cells in records(table, header):
        try:
            out.append(_row(cells, income_cols, deduction_cols))
        except (DuesError, SheetError) as exc:
            errors.append(str(exc))
    if errors:
        raise DuesError("\n".join(errors))
    return out, header.describe(table)


def _row(cells: dict, income_cols: list[str], deduction_cols: list[str]) -> IncomeRow:
    from dangjian.imports.sheet import to_amount

    number = next(iter(cells.values())).row
    filled = [c for c in income_cols if cells[c].text]
    if not filled:
        raise DuesError(f"第{number}行：没有填写{'或'.join(income_cols)}")
    if len(filled) > 1:
        raise DuesError(f"第{number}行：“月收入”和“养老金”只能填一项")
    income = to_amount(cells[filled[0]])
    deductions = {c: to_amount(cells[c]) for c in deduction_cols if cells[c].text}
    member_id = cells["编号"].text if "编号" in cells else ""
    name = cells["姓名"].text if "姓名" in cells else ""
    if not member_id and not name:
        raise DuesError(f"第{number}行：没有填写编号或姓名")
    return IncomeRow(number, member_id or None, name or None, income, deductions)


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
