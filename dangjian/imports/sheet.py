"""Reading a sheet a branch already keeps (.xlsx or .csv): cells that know where they are,
headers found by name, and the dates and amounts people type into Excel.

Every value that cannot be read is an `ImportError_` naming the sheet, the row and the column,
so that the user can find the cell. Nothing here guesses: a date that could mean two days or
an amount with an unknown separator is refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl.utils import get_column_letter

# How far down a title block may push the header row (the national system's export has a title).
HEADER_SEARCH_ROWS = 10
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's 1900 leap-year bug aside)


class SheetError(ValueError):
    """A sheet, or cells of it, that cannot be imported; the message is Chinese, one line per cell."""


@dataclass(frozen=True)
class Cell:
    sheet: str
    row: int  # as Excel numbers it
    col: int  # 0-based
    header: str
    value: object

    @property
    def where(self) -> str:
        return f"工作表“{self.sheet}”第{self.row}行{get_column_letter(self.col + 1)}列（{self.header}）"

    @property
    def text(self) -> str:
        return cell_text(self.value)

    def fail(self, problem: str) -> SheetError:
        return SheetError(f"{self.where}：{problem}")


@dataclass
class Table:
    """The rows of one sheet, raw values as openpyxl or csv gives them."""

    name: str
    rows: list[list[object]]


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The first sheet of an .xlsx (or the one named), or a .csv (UTF-8, else GB18030 as Excel writes it)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # not a zip, not a workbook, encrypted …
            raise SheetError(f"无法读取 Excel 文件 {path.name}：{exc}") from None
        try:
            if sheet is not None and sheet not in book.sheetnames:
                raise SheetError(f"{path.name} 中没有名为“{sheet}”的工作表（有：{'、'.join(book.sheetnames)}）")
            ws = book[sheet] if sheet is not None else book.worksheets[0]
            rows = [list(row) for row in ws.iter_rows(values_only=True)]
            return Table(ws.title, rows)
        finally:
            book.close()
    if suffix == ".xls":
        raise SheetError(f"{path.name} 是旧版 Excel（.xls）文件：请在 Excel 或 WPS 中另存为 .xlsx 再导入")
    if suffix != ".csv":
        raise SheetError(f"{path.name} 应为 .xlsx 或 .csv 文件")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # Excel's “CSV” on Chinese Windows
        except UnicodeDecodeError:
            raise SheetError(f"{path.name} 既不是 UTF-8 也不是 GBK 编码，请另存为 UTF-8 的 CSV 或 .xlsx") from None
    return Table(path.stem, [list(row) for row in csv.reader(io.StringIO(text))])


def _norm(header: str) -> str:
    """Headers as typed: spaces, line breaks inside a cell, full-width brackets and a trailing colon vary."""
    text = re.sub(r"\s+", "", header).replace("（", "(").replace("）", ")").rstrip(":：")
    return re.sub(r"\(.*?\)$", "", text) or text  # 月收入(元) → 月收入


@dataclass
class Header:
    row: int  # index into Table.rows
    columns: dict[str, int]  # field → column index
    ignored: list[str]  # header cells that map to no field

    def describe(self, table: Table) -> str:
        """“找到的列：A 姓名 → 姓名，C 公民身份号码 → 身份证号”, for the user to check the mapping."""
        names = table.rows[self.row]
        found = "，".join(f"{get_column_letter(i + 1)} {cell_text(names[i])}→{field}"
                         for field, i in sorted(self.columns.items(), key=lambda kv: kv[1]))
        note = f"；未使用的列：{'、'.join(self.ignored)}" if self.ignored else ""
        return f"工作表“{table.name}”第{self.row + 1}行为表头。找到的列：{found}{note}"


def find_header(table: Table, synonyms: dict[str, tuple[str, ...]], needed: int = 2) -> Header | None:
    """The first of the top rows in which at least `needed` cells name a field (by any synonym)."""
    lookup = {_norm(s): field for field, names in synonyms.items() for s in (field, *names)}
    for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        ignored = []
        for col, value in enumerate(row):
            text = cell_text(value)
            field = lookup.get(_norm(text)) if text else None
            if field and field not in columns:
                columns[field] = col
            elif text:
                ignored.append(text)
        if len(columns) >= needed:
            return Header(index, columns, ignored)
    return None


def records(table: Table, header: Header) -> list[dict[str, Cell]]:
    """The rows below the header as {field: Cell}; wholly empty rows are skipped."""
    names = table.rows[header.row]
    out = []
    for index in range(header.row + 1, len(table.rows)):
        row = table.rows[index]
        cells = {field: Cell(table.name, index + 1, col, cell_text(names[col]), row[col] if col < len(row) else None)
                 for field, col in header.columns.items()}
        if any(c.text for c in cells.values()):
            out.append(cells)
    return out


# --- values --------------------------------------------------------------------------------------

_DATE_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def to_date(cell: Cell) -> dt.date:
    """A date cell, an Excel serial number, or text 2026-03-05 / 2026.3.5 / 2026年3月5日 / 2026/3/5 /
    20260305. A year-first form is required: 3/5/2026 or 26.3.5 could mean two days and is refused."""
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != int(value) or not 1 <= value <= 109574:  # up to 2199-12-31
            raise cell.fail(f"“{cell.text}”不是日期（Excel 日期序号应为正整数）")
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = cell.text
    for form in _DATE_FORMS:
        match = form.fullmatch(text) or form.fullmatch(text.replace(" ", ""))
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                raise cell.fail(f"日期“{cell.text}”不存在") from None
    if re.fullmatch(r"\d{4}[-./年]\d{1,2}月?", text.replace(" ", "")):
        raise cell.fail(f"“{cell.text}”只有年和月，请写到日，如 2026-03-05")
    raise cell.fail(f"无法确定“{cell.text}”是哪一天：请写成 2026-03-05、2026.3.5、2026/3/5 或 2026年3月5日")


def to_amount(cell: Cell) -> Decimal:
    """An amount in yuan: a number cell, or text such as 97.50, 97.50元, ¥1,234.50, by the one money
    rule (dangjian.money, lenient: thousands separators and full-width digits are read)."""
    from dangjian.money import MoneyError, parse_money

    value = cell.value
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        value = cell.text.replace(" ", "").removeprefix("¥").removeprefix("￥").removesuffix("元")
    try:
        return parse_money(value, "金额", lenient=True).quantize(Decimal("0.01"))
    except MoneyError as exc:
        raise cell.fail(str(exc)) from None


def load_mapping(path: Path | None, synonyms: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The synonyms with a user's YAML mapping file on top: `字段: 表头` or `字段: [表头1, 表头2]`.

    A header named in the file maps only to the field the file gives it."""
    if path is None:
        return synonyms
    from ruamel.yaml import YAML

    try:
        data = YAML(typ="safe").load(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise SheetError(f"无法读取列名对照文件 {path}：{exc.strerror or exc}") from None
    except Exception as exc:  # YAML syntax
        raise SheetError(f"列名对照文件 {Path(path).name} 不是有效的 YAML：{str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise SheetError(f"列名对照文件 {Path(path).name} 应写成“字段: 表头”，如 身份证号: 证件号码")
    unknown = [str(k) for k in data if str(k) not in synonyms]
    if unknown:
        raise SheetError(f"列名对照文件中的“{'、'.join(unknown)}”不是可导入的字段（可用：{'、'.join(synonyms)}）")
    given = {str(k): tuple(str(v) for v in (vs if isinstance(vs, list) else [vs])) for k, vs in data.items()}
    taken = {_norm(h) for hs in given.values() for h in hs}
    out = {field: tuple(n for n in names if _norm(n) not in taken) for field, names in synonyms.items()}
    for field, headers in given.items():
        out[field] = (*headers, *out[field])
    return out
