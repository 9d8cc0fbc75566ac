"""Which roster member a row of a sheet names: one answer for the sign-in and collection sheets.

A row names a member by 编号, by 姓名, or both (then they must agree). Spaces typed inside a
name for alignment (欧阳 晨) are ignored. Rows with neither, and the sum line at the bottom
of a printed form (合计/总计/小计), name nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from dangjian.imports.sheet import Cell, Header, SheetError, Table, records
from dangjian.model import Member

SUM_LINES = ("合计", "总计", "小计")


@dataclass
class NamedRow:
    where: str  # 工作表“…”第N行, for messages
    row: int
    name: str
    member_id: str
    cells: dict[str, Cell]


def named_rows(table: Table, header: Header) -> Iterator[NamedRow]:
    """The rows below the header that name someone (by 姓名 or 编号)."""
    for cells in records(table, header):
        row = next(iter(cells.values())).row
        name = cells["姓名"].text if "姓名" in cells else ""
        member_id = cells["编号"].text if "编号" in cells else ""
        if (not name and not member_id) or name in SUM_LINES:
            continue  # an empty line of the printed form (a 序号 alone), or its sum line
        yield NamedRow(f"工作表“{table.name}”第{row}行", row, name, member_id, cells)


def resolve(roster: list[Member], name: str | None, member_id: str | None, where: str) -> Member:
    """The roster member a sheet row names; SheetError when no one or several match."""
    if member_id:
        member = next((m for m in roster if m.id == member_id), None)
        if member is None:
            raise SheetError(f"{where}：编号“{member_id}”不在本支部名册中")
        if name and re.sub(r"\s+", "", name) != re.sub(r"\s+", "", member.name or ""):
            raise SheetError(f"{where}：编号“{member_id}”在名册中是{member.name}，与姓名“{name}”不符")
        return member
    wanted = re.sub(r"\s+", "", name or "")
    found = [m for m in roster if re.sub(r"\s+", "", m.name or "") == wanted]
    if not found:
        raise SheetError(f"{where}：姓名“{name}”不在本支部名册中（请核对姓名，或先用 dangjian import members 导入名册）")
    if len(found) > 1:
        ids = "、".join(m.id or "?" for m in found)
        raise SheetError(f"{where}：名册中有 {len(found)} 人叫“{name}”（{ids}），请在签到表中加一列“编号”区分")
    return found[0]
