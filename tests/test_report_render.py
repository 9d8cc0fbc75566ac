"""Rendering untrusted templates: the sandbox, the time limit, escaping and errors in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangjian.report import render
from dangjian.report.docx_text import extract
from dangjian.report.sandbox import ReportError, cn_date, md_cell


def write(tmp_path: Path, text: str, name: str = "t.md.j2") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def md(tmp_path: Path, text: str, context: dict | None = None, **kwargs) -> str:
    return render.markdown([write(tmp_path, text)], "t.md.j2", context or {}, "t.md.j2", **kwargs)


@pytest.mark.parametrize("text", [
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ title.__class__.__base__.__subclasses__() }}",
])
def test_python_internals_are_refused_with_a_clear_message(tmp_path: Path, text: str) -> None:
    with pytest.raises(ReportError, match=r"模板 t\.md\.j2 第 1 行试图访问 Python 内部属性“__\w+__”，出于安全原因已拒绝"):
        md(tmp_path, text, {"title": "x"})


def test_context_cannot_be_changed_from_a_template(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"出于安全原因已拒绝|不允许"):
        md(tmp_path, "{{ members.append(1) }}", {"members": []})


@pytest.mark.parametrize("text", ["{{ 'a' * 10**9 }}", "{{ 2 ** 100000000 }}"])
def test_huge_results_are_refused_before_they_are_computed(tmp_path: Path, text: str) -> None:
    with pytest.raises(ReportError, match="结果过大"):
        md(tmp_path, text)


LOOP = "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}"


def test_a_template_that_loops_for_ever_is_stopped(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"渲染超过 1 秒仍未完成（可能有无限循环或过大的循环），已中止"):
        md(tmp_path, LOOP, seconds=1)


def test_the_time_limit_also_holds_in_a_child_process(tmp_path: Path) -> None:
    """Where no timer signal is available (Windows, threads) the render runs in a child process."""
    with pytest.raises(ReportError, match="渲染超过 1 秒"):
        md(tmp_path, LOOP, seconds=1, isolate=True)
    assert md(tmp_path, "{{ x|md_cell }}", {"x": "a|b"}, seconds=10, isolate=True) == "a\\|b"


def test_undefined_variables_and_syntax_errors_name_the_line(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"第 3 行使用了不存在的变量：变量“titel”不存在"):
        md(tmp_path, "a\nb\n{{ titel }}\n")
    with pytest.raises(ReportError, match=r"第 2 行使用了不存在的变量：没有“nmae”这一项"):
        md(tmp_path, "a\n{{ org.nmae }}\n", {"org": {"name": "x"}})
    with pytest.raises(ReportError, match=r"第 2 行有语法错误"):
        md(tmp_path, "a\n{% if %}\n")


def test_markdown_cell_filter_and_dates() -> None:
    assert md_cell("a|b\nc\r\nd") == "a\\|b<br>c<br>d"
    assert md_cell(None) == ""
    assert cn_date("2026-11-02") == "2026年11月2日"


TRICKY = '王<小>明 & "老" \'李\''


def test_special_characters_survive_in_markdown(tmp_path: Path) -> None:
    """`<` is escaped (it could start HTML); the rest of the name is written as it is."""
    out = md(tmp_path, "{{ name }}|{{ name|md_cell }}", {"name": TRICKY})
    shown = TRICKY.replace("<", "\\<")
    assert out == f"{shown}|{shown}"


def test_special_characters_survive_in_word(tmp_path: Path) -> None:
    """docxtpl's default (no autoescape) silently drops `<` and `&`: Word output must escape."""
    from docx import Document

    document = Document()
    document.add_paragraph("{{ name }}")
    table = document.add_table(rows=3, cols=1)
    table.rows[0].cells[0].text = "{%tr for n in notes %}"
    table.rows[1].cells[0].text = "{{ n }}"
    table.rows[2].cells[0].text = "{%tr endfor %}"
    document.save(str(tmp_path / "t.docx"))
    data = render.docx(tmp_path / "t.docx", {"name": TRICKY, "notes": [TRICKY, "a < b && c > d"]}, "t.docx")
    (tmp_path / "out.docx").write_bytes(data)
    assert extract(tmp_path / "out.docx") == f"{TRICKY}\n[表格]\n{TRICKY}\na < b && c > d\n[表格结束]\n"


def test_word_template_errors_say_which_paragraph(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("标题")
    document.add_paragraph("{{ org.nmae }}")
    document.save(str(tmp_path / "t.docx"))
    with pytest.raises(ReportError, match="没有“nmae”这一项"):
        render.docx(tmp_path / "t.docx", {"org": {}}, "t.docx")
    document.add_paragraph("{% if %}")
    document.save(str(tmp_path / "t.docx"))
    with pytest.raises(ReportError, match=r"段附近（“\{% if %\}”）有语法错误"):
        render.docx(tmp_path / "t.docx", {"org": {}}, "t.docx")
