"""GB/T 9704-2012 page layout for the Word templates, with python-docx (used by build_docx_templates.py).

- A4; 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm (so bottom 35 mm, right 26 mm) — 5.1, 5.2.1;
- 22 lines × 28 characters (5.2.3): a lines-only document grid, linePitch 579 twips
  (225 mm / 22), and a character spacing of −0.25 pt on the 16 pt body text, so that 28
  characters take 28 × 15.75 = 441 pt of the 442.2 pt line and a 29th does not fit. Word, WPS
  and LibreOffice all lay this out alike (a character grid — linesAndChars, charSpace −849 —
  is compressed to 28 by Word and WPS but put two cells to a character, 14 a line, by
  LibreOffice);
- body 仿宋_GB2312 3号 (16 pt), first line indented two characters (5.2.2, 7.3.3);
- title 方正小标宋简体 2号 (22 pt), centred (7.3.1); level-1 headings 黑体, level-2 楷体_GB2312;
- page numbers “— 1 —” in 4号 宋体, odd pages at the right and even pages at the left, one
  character in from the edge of the 版心 (7.5);
- tables in 仿宋_GB2312 五号 off the grid, borders single, header rows repeated on every page;
  column widths are given in 五号 characters (42 across the portrait 版心, 60 landscape);
  the widest tables (rosters, the dues ledger) in 小五.

Fonts are named, never bundled (方正小标宋 is a commercial font). Wide tables (rosters,
ledgers) use a landscape page with the same margins turned, as GB/T 9704 allows for 表格.
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT, TITLE_FONT, H1_FONT, H2_FONT, PAGE_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"
LATIN_FONT = "Times New Roman"
LINE_PITCH = 579
CHAR_SPACING = -5  # twentieths of a point: 16 pt − 0.25 pt = 15.75 pt a character, 28 to the 156 mm line
CLOSING_STYLE = "落款"
TABLE_STYLE = "表格文字"
TABLE_HEAD_STYLE = "表格标题"
SMALL = "（小五）"  # suffix of the styles for wide tables: rosters and the dues ledger
SUBTITLE_STYLE = "副标题"


def _el(tag: str, **attrs: str):
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def _fonts(east_asia: str, latin: str = LATIN_FONT):
    return _el("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin)


def _run_props(rpr, east_asia: str, half_points: int, bold: bool = False, latin: str = LATIN_FONT,
               spacing: int | None = None) -> None:
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(_fonts(east_asia, latin))
    if bold:
        rpr.append(_el("w:b"))
    rpr.append(_el("w:color", val="000000"))
    if spacing is not None:
        rpr.append(_el("w:spacing", val=spacing))
    rpr.append(_el("w:sz", val=half_points))
    rpr.append(_el("w:szCs", val=half_points))
    rpr.append(_el("w:lang", val="en-US", eastAsia="zh-CN"))


def _defaults(document) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _run_props(rpr, BODY_FONT, 32, spacing=CHAR_SPACING)  # 28 characters a line of the 版心
    ppr_default = defaults.find(qn("w:pPrDefault"))
    ppr = ppr_default.find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(_el("w:spacing", after=0, line=240, lineRule="auto"))


def _paragraph_style(document, name: str, east_asia: str, half_points: int, *, bold: bool = False,
                     align: str | None = None, indent_chars: int = 0, grid: bool = True, base: str | None = None,
                     outline: int | None = None, after_lines: int = 0, keep_next: bool = False,
                     right_chars: int = 0, spacing: int | None = None):
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, 1)
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        found = element.find(qn(tag))
        if found is not None:
            element.remove(found)
    if base:
        style.base_style = styles[base]
    ppr = _el("w:pPr")
    if keep_next:  # a heading never ends a page
        ppr.append(_el("w:keepNext"))
    if not grid:
        ppr.append(_el("w:snapToGrid", val=0))
    ppr.append(_el("w:spacing", before=0, after=0, afterLines=after_lines * 100, line=240, lineRule="auto")
               if after_lines else _el("w:spacing", before=0, after=0, line=240, lineRule="auto"))
    right = {"rightChars": right_chars * 100, "right": right_chars * half_points * 10} if right_chars else {}
    ppr.append(_el("w:ind", firstLineChars=indent_chars * 100, firstLine=indent_chars * half_points * 10, **right)
               if indent_chars else _el("w:ind", firstLineChars=0, firstLine=0, **right))
    if align:
        ppr.append(_el("w:jc", val=align))
    if outline is not None:
        ppr.append(_el("w:outlineLvl", val=outline))
    element.append(ppr)
    rpr = _el("w:rPr")
    _run_props(rpr, east_asia, half_points, bold, spacing=spacing)
    element.append(rpr)
    style.quick_style = True
    return style


def _styles(document) -> None:
    _defaults(document)
    _paragraph_style(document, "Normal", BODY_FONT, 32, align="both", indent_chars=2)
    _paragraph_style(document, "Title", TITLE_FONT, 44, align="center", keep_next=True)
    # One blank line between the title block and the text (7.3.1 leaves a line under the title).
    _paragraph_style(document, SUBTITLE_STYLE, H2_FONT, 32, align="center", base="Normal", after_lines=1,
                     keep_next=True)
    _paragraph_style(document, "Heading 1", H1_FONT, 32, indent_chars=2, outline=0, keep_next=True)
    _paragraph_style(document, "Heading 2", H2_FONT, 32, indent_chars=2, outline=1, keep_next=True)
    # Tables in 五号 (42 characters across the portrait 版心), ragged right: justified CJK text
    # in narrow cells spreads a date over the whole width.
    # Tables keep their natural spacing: the −0.25 pt is for the 28-character body line only.
    _paragraph_style(document, TABLE_STYLE, BODY_FONT, 21, align="left", grid=False, base="Normal", spacing=0)
    _paragraph_style(document, TABLE_HEAD_STYLE, H1_FONT, 21, align="center", grid=False, base="Normal", spacing=0)
    _paragraph_style(document, TABLE_STYLE + SMALL, BODY_FONT, 18, align="left", grid=False, base="Normal", spacing=0)
    _paragraph_style(document, TABLE_HEAD_STYLE + SMALL, H1_FONT, 18, align="center", grid=False, base="Normal",
                     spacing=0)
    # 7.3.5: without a seal, the issuing organisation 右空二字 and the date on the line below it.
    _paragraph_style(document, CLOSING_STYLE, BODY_FONT, 32, align="right", base="Normal", right_chars=2)


def _page(section, landscape: bool) -> None:
    portrait_margins = (Mm(37), Mm(35), Mm(28), Mm(26))  # top, bottom, left (订口), right
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        # Turned a quarter clockwise: the 订口 comes to the top, the 天头 to the right.
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(35), Mm(37)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        top, bottom, left, right = portrait_margins
        section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = top, bottom, left, right
    section.header_distance = Mm(15)
    # 7.5: the dashes of the page number stand 7 mm below the 版心. A 4号 line is about 6.4 mm
    # high with the dash about 3.2 mm below its top, so the footer's bottom edge sits about
    # 35 − 7 − 3.2 = 24.8 mm above the page edge (portrait), 26 − 7 − 3.2 ≈ 16 mm (landscape).
    section.footer_distance = Mm(16 if landscape else 25)
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    # A lines-only grid everywhere: the 28 characters come from the character spacing (see above).
    sect_pr.append(_el("w:docGrid", type="lines", linePitch=LINE_PITCH))


def _page_number(paragraph, align: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align == "right" else WD_ALIGN_PARAGRAPH.LEFT
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(_el("w:snapToGrid", val=0))
    # 空一字: one 4号 character (14 pt = 280 twips) in from the edge of the 版心.
    ppr.append(_el("w:ind", right=280, firstLine=0) if align == "right" else _el("w:ind", left=280, firstLine=0))
    _schema_order(ppr, P_PR_ORDER)

    def run(text: str | None = None, field: str | None = None, fld_char: str | None = None) -> None:
        r = paragraph.add_run(text or "")
        _run_props(r._r.get_or_add_rPr(), PAGE_FONT, 28, latin=PAGE_FONT)
        if fld_char:
            r._r.append(_el("w:fldChar", fldCharType=fld_char))
        if field:
            instr = _el("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = field
            r._r.append(instr)

    run("— ")
    run(fld_char="begin")
    run(field=" PAGE ")
    run(fld_char="separate")
    run("1")
    run(fld_char="end")
    run(" —")


def _footers(document, section) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    _page_number(odd, "right")
    even = section.even_page_footer.paragraphs[0]
    _page_number(even, "left")


def new_document(landscape: bool = False):
    document = Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _styles(document)
    section = document.sections[0]
    _page(section, landscape)
    _footers(document, section)
    core = document.core_properties
    core.author = core.last_modified_by = "dangjian"
    core.title = core.subject = core.keywords = core.comments = ""
    core.revision = 1
    import datetime as dt

    core.created = core.modified = dt.datetime(2026, 1, 1)
    return document


def version_width(landscape: bool) -> int:
    """Width of the 版心 in twips."""
    return Mm(225 if landscape else 156).twips


# The child order of w:tblPr in the schema (ECMA-376 CT_TblPr): Word rejects other orders.
TBL_PR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
                "tblCaption", "tblDescription")


P_PR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "snapToGrid", "spacing", "ind",
              "jc", "outlineLvl", "rPr")


def _schema_order(parent, order: tuple[str, ...]) -> None:
    namespace = qn("w:x")[:-1]  # "{http://…/main}"
    rank = {namespace + name: i for i, name in enumerate(order)}
    children = sorted(parent, key=lambda child: rank.get(child.tag, len(order)))
    for child in children:
        parent.remove(child)
        parent.append(child)


def mark_header_row(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(_el("w:cantSplit"))
    trpr.append(_el("w:tblHeader"))


def table(document, headers: list[str], widths: list[float], landscape: bool = False, small: bool = False):
    """A bordered table with a repeating header row; widths are relative."""
    result = document.add_table(rows=1, cols=len(headers))
    result.style = document.styles["Table Grid"]
    result.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = version_width(landscape)
    twips = [int(total * w / sum(widths)) for w in widths]
    # Fixed layout at the 版心 width, so that Word, WPS and LibreOffice all keep the widths given,
    # and narrow cell margins (1 mm), so that an amount like 2959.20 fits a 小五 column.
    tbl_pr = result._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(_el("w:tblW", w=sum(twips), type="dxa"))
    tbl_pr.append(_el("w:tblLayout", type="fixed"))
    margins = _el("w:tblCellMar")
    margins.append(_el("w:left", w=57, type="dxa"))
    margins.append(_el("w:right", w=57, type="dxa"))
    tbl_pr.append(margins)
    _schema_order(tbl_pr, TBL_PR_ORDER)
    for cell, text, width in zip(result.rows[0].cells, headers, twips, strict=True):
        cell.width = Pt(width / 20)
        cell.paragraphs[0].style = document.styles[TABLE_HEAD_STYLE + (SMALL if small else "")]
        cell.paragraphs[0].add_run(text)
    mark_header_row(result.rows[0])
    for grid_col, width in zip(result._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        grid_col.set(qn("w:w"), str(width))
    return result, twips


def add_row(document, table_, cells: list[str], twips: list[int], small: bool = False) -> None:
    row = table_.add_row()
    row._tr.get_or_add_trPr().append(_el("w:cantSplit"))  # a row never splits across two pages
    for cell, text, width in zip(row.cells, cells, twips, strict=True):
        cell.width = Pt(width / 20)
        cell.paragraphs[0].style = document.styles[TABLE_STYLE + (SMALL if small else "")]
        if text:
            cell.paragraphs[0].add_run(text)
