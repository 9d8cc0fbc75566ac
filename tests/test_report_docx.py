"""Word output that offices can print: the GB/T 9704-2012 page read back from the .docx XML."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from test_report_fixture import report_repo

from dangjian.report.templates import SHIPPED

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ROOT = Path(__file__).resolve().parent.parent


def attr(element, name: str) -> str | None:
    return element.get(f"{{{W}}}{name}")


def part(path: Path, name: str):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    from typer.testing import CliRunner

    from dangjian.cli import app

    tmp = tmp_path_factory.mktemp("docx")
    repo = report_repo(tmp)
    out = tmp / "out"
    for args in (["monthly", "--month", "2026-10"], ["roster"]):
        result = CliRunner().invoke(app, ["report", args[0], str(repo), "--branch", "B1", *args[1:], "--format", "docx",
                                          "-o", str(out)])
        assert result.exit_code == 0, result.output
    return {"monthly": out / "测试社区党支部2026年10月工作月报.docx",
            "roster": next(out.glob("测试社区党支部党员基本信息名册*.docx"))}


def section(path: Path):
    return part(path, "word/document.xml").find(".//w:body/w:sectPr", NS)


def test_a4_portrait_with_the_gbt_9704_margins_and_grid(rendered) -> None:
    sect = section(rendered["monthly"])
    size, margins, grid = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS), sect.find("w:docGrid", NS)
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")  # 210 × 297 mm
    top, bottom, left, right = (int(attr(margins, k)) for k in ("top", "bottom", "left", "right"))
    assert (top, left) == (2098, 1587)  # 天头 37 mm, 订口 28 mm
    assert 11906 - left - right == 8845 and 16838 - top - bottom == 12756  # 版心 156 × 225 mm (±1 twip)
    assert (attr(grid, "type"), attr(grid, "linePitch")) == ("lines", "579")
    assert 22 * 579 <= 12756 < 23 * 579  # 22 lines fill the 版心


def test_landscape_tables_keep_the_turned_margins(rendered) -> None:
    sect = section(rendered["roster"])
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert (attr(size, "w"), attr(size, "h"), attr(size, "orient")) == ("16838", "11906", "landscape")
    width = 16838 - int(attr(margins, "left")) - int(attr(margins, "right"))
    height = 11906 - int(attr(margins, "top")) - int(attr(margins, "bottom"))
    assert (width, height) == (12756, 8845)  # the 225 × 156 mm 版心 turned (±1 twip)
    assert attr(margins, "top") == "1587"  # the 订口 (28 mm) at the top


def test_fonts_are_named_for_body_title_and_headings(rendered) -> None:
    styles = part(rendered["monthly"], "word/styles.xml")
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert attr(default.find("w:rFonts", NS), "eastAsia") == "仿宋_GB2312"
    assert attr(default.find("w:sz", NS), "val") == "32"  # 3号 = 16 pt

    def style(style_id: str) -> tuple[str, str]:
        found = styles.find(f"w:style[@w:styleId='{style_id}']/w:rPr", NS)
        return attr(found.find("w:rFonts", NS), "eastAsia"), attr(found.find("w:sz", NS), "val")

    assert style("Title") == ("方正小标宋简体", "44")  # 2号
    assert style("Heading1") == ("黑体", "32")
    assert style("Heading2") == ("楷体_GB2312", "32")
    with zipfile.ZipFile(rendered["monthly"]) as archive:
        assert not [n for n in archive.namelist() if n.startswith("word/fonts/")]  # never bundled


def test_page_numbers_with_dashes_odd_right_even_left(rendered) -> None:
    path = rendered["monthly"]
    assert part(path, "word/settings.xml").find("w:evenAndOddHeaders", NS) is not None
    document = part(path, "word/document.xml")
    rels = part(path, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    refs = {attr(ref, "type"): targets[ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
            for ref in document.iter(f"{{{W}}}footerReference")}
    assert set(refs) == {"default", "even"}
    for kind, align in (("default", "right"), ("even", "left")):
        footer = part(path, f"word/{refs[kind]}")
        text = "".join(t.text or "" for t in footer.iter(f"{{{W}}}t"))
        instr = "".join(t.text or "" for t in footer.iter(f"{{{W}}}instrText"))
        assert text == "— 1 —" and instr.strip() == "PAGE"
        assert attr(footer.find(".//w:jc", NS), "val") == align
        for rpr in footer.iter(f"{{{W}}}rPr"):
            assert attr(rpr.find("w:rFonts", NS), "eastAsia") == "宋体" and attr(rpr.find("w:sz", NS), "val") == "28"


def test_table_header_rows_repeat_on_every_page(rendered) -> None:
    for path in rendered.values():
        tables = part(path, "word/document.xml").findall(".//w:tbl", NS)
        assert tables
        for table in tables:
            rows = table.findall("w:tr", NS)
            assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
            assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])


def test_dates_are_written_the_gbt_9704_way(rendered) -> None:
    from dangjian.report.docx_text import extract

    text = extract(rendered["monthly"])
    assert "2026年10月10日" in text and "2026-10-10" not in text and "2026年10月01日" not in text


def test_shipped_word_templates_are_reproducible(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_docx_templates.py"), str(tmp_path)], check=True,
                   capture_output=True)
    built = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert built == sorted(p.name for p in SHIPPED.glob("*.docx"))
    for name in built:
        with zipfile.ZipFile(tmp_path / name) as new, zipfile.ZipFile(SHIPPED / name) as old:
            assert sorted(new.namelist()) == sorted(old.namelist())
            for member in new.namelist():
                assert new.read(member) == old.read(member), f"{name}:{member}: run tools/build_docx_templates.py"


def test_the_line_grid_and_character_spacing_give_28_characters(rendered) -> None:
    """A lines-only grid (no character grid for LibreOffice to misread) and −0.25 pt spacing on the
    16 pt body: 28 characters fit the 156 mm line and a 29th does not."""
    grid = section(rendered["monthly"]).find("w:docGrid", NS)
    assert (attr(grid, "type"), attr(grid, "linePitch"), attr(grid, "charSpace")) == ("lines", "579", None)
    default = part(rendered["monthly"], "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    pitch = int(attr(default.find("w:sz", NS), "val")) / 2 + int(attr(default.find("w:spacing", NS), "val")) / 20
    line = 156 / 25.4 * 72  # the 版心 width in points
    assert 28 * pitch <= line < 29 * pitch


def test_table_rows_never_split_across_pages(rendered) -> None:
    for path in rendered.values():
        for table in part(path, "word/document.xml").findall(".//w:tbl", NS):
            assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in table.findall("w:tr", NS))


def test_documents_end_with_the_issuing_organisation_and_date(rendered) -> None:
    from docx import Document

    document = Document(str(rendered["monthly"]))
    texts = [p.text for p in document.paragraphs]
    assert texts[-3:] == ["", "中共测试社区支部委员会", "2026年10月31日"], texts[-4:]  # 下空一行, 署名, 成文日期
    closing = document.paragraphs[-1]
    assert closing.style.name == "落款" and closing.style.paragraph_format.alignment == 2  # right
    assert not any("dangjian" in t for t in texts)
    assert document.core_properties.comments.startswith("由 dangjian 根据台账生成。身份证号、手机号已打码")


def _cjk_font() -> bool:
    import shutil

    if not shutil.which("fc-list"):
        return False
    found = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


# Body text as a branch writes it: Chinese with full-width punctuation (条例 第三条). Latin digits
# are left out on purpose: they are half as wide, and the space the layout puts between Chinese
# and Latin text changes how many fit, so a line of them holds no fixed number of characters.
BODY = ("党支部是党的基础组织，是党组织开展工作的基本单元，是党在社会基层组织中的战斗堡垒，是党的全部工作和"
        "战斗力的基础，担负直接教育党员、管理党员、监督党员和组织群众、宣传群众、凝聚群众、服务群众的职责。")


def _lines_of(paragraph: str, lines: list[str]) -> list[str] | None:
    """The consecutive PDF lines that together are `paragraph`, or None."""
    for start, line in enumerate(lines):
        if not line or not paragraph.startswith(line):
            continue
        taken, end = "", start
        while end < len(lines) and paragraph.startswith(taken + lines[end]):
            taken += lines[end]
            end += 1
            if taken == paragraph:
                return lines[start:end]
    return None


def _soffice_pdf(soffice: str, source: Path, tmp_path: Path) -> Path:
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True,
                   timeout=300)
    return tmp_path / (source.stem + ".pdf")


def test_libreoffice_lays_out_28_characters_a_line(rendered, tmp_path) -> None:
    """Plain `soffice --convert-to pdf` of a generated .docx, as a user opening it in LibreOffice
    gets it: every full body line holds 28 characters (26 after the two-character first-line
    indent), give or take one where the punctuation rules (no ， at a line's start) move one."""
    import shutil

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("未安装 LibreOffice（soffice），无法检查 Word 文件在 LibreOffice 中的版式")
    if not _cjk_font():
        pytest.skip("未安装中文字体（fc-list :lang=zh 为空，如 fonts-wqy-zenhei、fonts-noto-cjk），无法检查版式")
    pypdf = pytest.importorskip("pypdf", reason="未安装 pypdf（pip install -e '.[test]'）")
    from docx import Document

    document = Document(str(rendered["monthly"]))
    ours = [BODY, BODY[20:] + BODY[:20]]  # two paragraphs that break at different places
    for text in ours:
        document.add_paragraph(text)  # the template's Normal style, as the report's own paragraphs
    source = tmp_path / "lines.docx"
    document.save(str(source))
    pdf = _soffice_pdf(soffice, source, tmp_path)
    lines = ["".join(line.split()) for page in pypdf.PdfReader(str(pdf)).pages
             for line in page.extract_text().splitlines()]
    # The report's own all-Chinese body paragraphs long enough to wrap count as well.
    theirs = ["".join(p.text.split()) for p in document.paragraphs[:-len(ours)]
              if p.style.name == "Normal" and len(p.text) > 28 and not any(c.isascii() for c in p.text)]
    checked = 0
    for paragraph in ours + theirs:
        found = _lines_of(paragraph, lines)
        assert found is not None, (paragraph, lines)
        widths = [len(line) for line in found]
        assert abs(widths[0] - 26) <= 1 and all(abs(w - 28) <= 1 for w in widths[1:-1]), (widths, found)
        assert widths[-1] <= 29, (widths, found)
        checked += len(found) - 1
    assert checked >= 6  # full lines seen, not a vacuous pass
