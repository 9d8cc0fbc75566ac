"""`dangjian import members`: a roster sheet into a branch's members.yaml.

Two layouts are read by their headers: the roster exported from the national Party member
information system (a title row, then 姓名, 性别, 公民身份号码, 民族, 出生日期, 学历, 人员类别,
入党时间, 转为正式党员日期, 工作岗位, 联系电话 …) and a plain hand-made sheet (姓名, 性别,
出生日期, 入党日期, 转正日期, 党费类别 …). `SYNONYMS` is the mapping; a YAML file may add to it.

Rows are matched to the roster by 身份证号, else by 姓名 and 出生日期, else by a 姓名 no one
else has. A matched member gets the sheet's values for the fields the sheet has; a new one
gets the next free 编号 (<branch 编号>-NNN). The roster is edited round-trip: comments,
key order and everything the sheet does not mention stay as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from dangjian import idnumber, yamledit
from dangjian.imports.sheet import Cell, SheetError, find_header, load_mapping, read_table, records, to_date
from dangjian.model import DUES_CATEGORIES, EDUCATION, GENDERS, MEMBER_STATUS, BranchRecords, Member
from dangjian.schema import record_fields
from dangjian.yamlio import RoundTrip, TextStyle, dump_new

MEMBER_KEYS = [f.metadata["key"] for f in record_fields(Member)]

# Field (the members.yaml key) → the headers it is known by.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "编号": ("党员编号",),
    "姓名": ("党员姓名",),
    "性别": (),
    "民族": (),
    "出生日期": ("出生年月日", "出生时间"),
    "学历": ("最高学历", "文化程度", "学历学位"),
    "身份证号": ("公民身份号码", "公民身份证号码", "身份证号码", "身份证件号码", "证件号码"),
    "入党日期": ("入党时间", "加入党组织日期", "加入中国共产党日期", "入党年月日"),
    "转正日期": ("转正时间", "转为正式党员日期", "转为正式党员时间"),
    "状态": ("人员类别", "党员类别", "党员状态"),
    "党费类别": ("交纳党费类别",),
    "党小组": ("所在党小组",),
    "手机号": ("手机号码", "手机", "联系电话", "联系方式", "电话"),
    "工作单位": ("单位", "工作单位及职务", "现工作单位"),
    "职务": ("工作岗位", "岗位", "现任职务"),
    "备注": (),
}
DATES = ("出生日期", "入党日期", "转正日期")
CHOICES = {"性别": GENDERS, "状态": MEMBER_STATUS, "党费类别": DUES_CATEGORIES, "学历": EDUCATION}
# The export's wording for values the roster spells differently.
VALUE_SYNONYMS = {"状态": {"正式": "正式党员", "预备": "预备党员"},
                  "学历": {"本科": "大学本科", "大学": "大学本科", "大专": "大学专科", "专科": "大学专科",
                           "硕士研究生": "研究生", "博士研究生": "研究生", "硕士": "研究生", "博士": "研究生",
                           "中等专科": "中专", "技校": "中专", "小学": "小学及以下"}}
QUOTED = ("身份证号", "手机号")


@dataclass
class Imported:
    """The outcome: the new bytes of members.yaml and what changed, for the user to check."""

    rel: str
    old: bytes
    new: bytes
    found: str  # the header mapping found
    added: list[tuple[str, str]] = field(default_factory=list)  # (编号, 姓名)
    updated: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (编号, 姓名, keys)
    notes: list[str] = field(default_factory=list)


def _value(key: str, cell: Cell):
    if key in DATES:
        return to_date(cell)
    text = re.sub(r"\s+", "", cell.text) if key in ("身份证号", "手机号", "性别", "状态", "学历", "党费类别") else cell.text
    if key == "身份证号":
        text = text.upper()
        bad = idnumber.problems(text)
        if bad:
            raise cell.fail(f"“{idnumber.mask_id(text)}”{bad[0]}")
    if key == "手机号" and not re.fullmatch(r"\d{7,12}|\d{3,4}-\d{7,8}", text):
        raise cell.fail(f"“{text}”不是电话号码")
    if key in CHOICES:
        text = VALUE_SYNONYMS.get(key, {}).get(text, text)
        if text not in CHOICES[key]:
            raise cell.fail(f"“{cell.text}”不是可用的{key}（可用：{'、'.join(CHOICES[key])}）")
    return text


def parse_rows(path: Path, mapping: Path | None = None, sheet: str | None = None,
               default_category: str | None = None) -> tuple[list[dict], str]:
    """Each data row as {key: value} with `_row` (its row number); and the header mapping found.
    Raises SheetError listing every bad cell."""
    table = read_table(path, sheet)
    synonyms = load_mapping(mapping, SYNONYMS)
    header = find_header(table, synonyms)
    if header is None or "姓名" not in header.columns:
        raise SheetError(f"在工作表“{table.name}”的前几行没有找到含“姓名”的表头；"
                         "如表头用了其他名称，请用 --columns 指定列名对照文件")
    if default_category is not None and default_category not in DUES_CATEGORIES:
        raise SheetError(f"党费类别“{default_category}”无效（可用：{'、'.join(DUES_CATEGORIES)}）")
    rows, errors = [], []
    for cells in records(table, header):
        row: dict = {"_row": cells["姓名"].row, "_where": f"工作表“{table.name}”第{cells['姓名'].row}行"}
        for key, cell in cells.items():
            if not cell.text and not hasattr(cell.value, "year"):
                continue
            try:
                row[key] = _value(key, cell)
            except SheetError as exc:
                errors.append(str(exc))
        errors += _complete(row, cells, default_category)
        rows.append(row)
    if errors:
        raise SheetError("\n".join(errors))
    return rows, header.describe(table)


def _complete(row: dict, cells: dict[str, Cell], default_category: str | None) -> list[str]:
    """Fill what the ID number or the dates imply; the problems of a row taken as a whole."""
    where = row["_where"]
    out = []
    number = row.get("身份证号")
    if number:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        coded = "男" if int(number[16]) % 2 else "女"
        if row.setdefault("出生日期", born) != born:
            out.append(f"{where}：身份证号中的出生日期（{born}）与出生日期（{row['出生日期']}）不一致")
        if row.setdefault("性别", coded) != coded:
            out.append(f"{where}：身份证号表示{coded}性，与性别（{row['性别']}）不一致")
    if "状态" not in row and "入党日期" in row:
        row["状态"] = "正式党员" if row.get("转正日期") else "预备党员"
    if default_category and "党费类别" not in row:
        row["党费类别"] = default_category
    if not row.get("姓名"):
        out.append(f"{where}：没有姓名")
    for key in ("性别", "出生日期", "入党日期", "状态", "党费类别"):
        if key not in row:
            hint = "（或用 --dues-category 给所有没填的人指定）" if key == "党费类别" else ""
            out.append(f"{where}：缺少“{key}”{hint}")
    if row.get("转正日期") and row.get("入党日期") and row["转正日期"] < row["入党日期"]:
        out.append(f"{cells['转正日期'].where}：转正日期早于入党日期")
    if row.get("状态") == "正式党员" and "入党日期" in row and not row.get("转正日期"):
        out.append(f"{where}：正式党员应有转正日期")
    return out


def _match(row: dict, members: list[Member]) -> Member | None:
    if row.get("编号"):
        return next((m for m in members if m.id == row["编号"]), None)
    if row.get("身份证号"):
        same = [m for m in members if m.id_number and m.id_number.upper() == row["身份证号"]]
        if same:
            return same[0]
    named = [m for m in members if m.name == row.get("姓名")]
    if row.get("出生日期"):
        born = [m for m in named if m.birth == row["出生日期"]]
        if born:
            return born[0]
        named = [m for m in named if m.birth is None]
    return named[0] if len(named) == 1 else None


def _id_maker(branch: BranchRecords, taken: set[str]):
    """Next free 编号 of the form <branch 编号>-NNN, after the highest one in use."""
    prefix = branch.id
    numbers = [int(m.group(1)) for x in taken if (m := re.fullmatch(re.escape(prefix) + r"-(\d+)", x))]
    number = max(numbers, default=0) + 1

    def make() -> str:
        nonlocal number
        while f"{prefix}-{number:03d}" in taken:
            number += 1
        made = f"{prefix}-{number:03d}"
        taken.add(made)
        return made

    return make


def _yaml_value(key: str, value, like=None):
    if key in QUOTED:
        return yamledit.quoted(str(value), like)
    return value


def plan(branch: BranchRecords, root: Path, rows: list[dict], found: str, every_id: set[str]) -> Imported:
    """The new members.yaml with the rows merged in (nothing is written here)."""
    rel = f"{branch.directory}/members.yaml" if branch.directory else "members.yaml"
    path = root / rel
    if path.exists():
        trip = RoundTrip.open(path, rel)
        data = trip.data
        old = trip.original_bytes
    else:
        trip, old = None, b""
        data = yamledit.block_map([("党员", yamledit.block_seq())])
    if not hasattr(data, "get") or not isinstance(data.get("党员"), list):
        raise SheetError(f"{rel} 中没有“党员:”列表，无法合并：请先改正该文件（dangjian validate 会指出问题）")
    nodes = data["党员"]
    members = branch.members
    result = Imported(rel, old, b"", found)
    seen: dict[str, int] = {}
    new_rows = []
    for row in rows:
        member = _match(row, members)
        if row.get("编号") and member is None and row["编号"] in every_id:
            raise SheetError(f"{row['_where']}：编号“{row['编号']}”已被记录库中其他党组织的党员使用")
        key = member.id if member else (row.get("编号") or f"new:{row.get('身份证号') or row['姓名']}")
        if key in seen:
            raise SheetError(f"{row['_where']}：与第{seen[key]}行是同一名党员（{row['姓名']}）")
        seen[key] = row["_row"]
        if member is None:
            new_rows.append(row)
            continue
        node = next((n for n in nodes if hasattr(n, "get") and n.get("编号") == member.id), None)
        if node is None:
            continue
        changed = []
        for k in MEMBER_KEYS:
            if k in row and k != "编号" and _plain(node.get(k)) != _plain(row[k]):
                yamledit.put(node, k, _yaml_value(k, row[k], node.get(k)), MEMBER_KEYS)
                changed.append(k)
        if changed:
            result.updated.append((member.id, member.name or "", changed))
    make_id = _id_maker(branch, set(every_id) | {m.id for m in members if m.id}
                        | {r["编号"] for r in new_rows if r.get("编号")})
    for row in new_rows:
        member_id = row.get("编号") or make_id()
        entry = yamledit.block_map([(k, _yaml_value(k, member_id if k == "编号" else row[k]))
                                    for k in MEMBER_KEYS if k == "编号" or k in row])
        if len(nodes):
            yamledit.append(nodes, entry)
        else:
            nodes.append(entry)
        result.added.append((member_id, row["姓名"]))
        if re.search(r"\s", row["姓名"]):
            result.notes.append(f"{row['_where']}：姓名“{row['姓名']}”中有空格，请核对是否与身份证一致")
    if trip is not None:
        result.new = trip.render()
    else:
        result.new = dump_new(data, TextStyle())
    return result


def _plain(value):
    if isinstance(value, str):
        return str(value)
    return value
