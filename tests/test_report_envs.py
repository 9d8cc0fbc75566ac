"""One run's template environments (render.Environments) give exactly what a fresh environment
per report gives: compiling a template once is a speed layer, never a different answer."""

from __future__ import annotations

import os
from pathlib import Path

from dangjian.report import render, templates
from dangjian.report.docx_text import extract

CONTEXTS = [{"name": name, "notes": notes} for name, notes in
            (("张三", ["a < b", "甲"]), ("李四 & 王五", []), ("赵六", ["{{ not a tag }}"]))]


def word_template(tmp_path: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph("{{ name }}")
    document.add_paragraph("{% for n in notes %}{{ n }}；{% endfor %}")
    path = tmp_path / "t.docx"
    document.save(str(path))
    return path


def test_reused_environments_render_what_fresh_ones_do(tmp_path: Path) -> None:
    path = word_template(tmp_path)
    (tmp_path / "t.md.j2").write_text("# {{ name }}\n{% for n in notes %}- {{ n }}\n{% endfor %}", encoding="utf-8")
    envs = render.Environments()
    for n, context in enumerate(CONTEXTS):
        fresh, reused = tmp_path / f"fresh{n}.docx", tmp_path / f"reused{n}.docx"
        fresh.write_bytes(render.docx(path, context, "t.docx"))
        reused.write_bytes(render.docx(path, context, "t.docx", envs=envs))
        assert extract(reused) == extract(fresh)
        assert context["name"] in extract(reused)
        assert render.markdown([tmp_path], "t.md.j2", context, "t.md.j2", envs=envs) == \
            render.markdown([tmp_path], "t.md.j2", context, "t.md.j2")


def test_a_template_edited_during_the_run_is_read_again(tmp_path: Path) -> None:
    template = tmp_path / "t.md.j2"
    template.write_text("一 {{ name }}", encoding="utf-8")
    envs = render.Environments()
    assert render.markdown([tmp_path], "t.md.j2", {"name": "x"}, "t.md.j2", envs=envs) == "一 x"
    template.write_text("二 {{ name }}", encoding="utf-8")
    os.utime(template, (template.stat().st_atime, template.stat().st_mtime + 5))
    assert render.markdown([tmp_path], "t.md.j2", {"name": "x"}, "t.md.j2", envs=envs) == "二 x"


def test_a_template_is_compiled_once_per_run() -> None:
    envs = render.Environments()
    env = envs.word()
    source = "<w:p>{{ name }}</w:p>"
    assert env.from_string(source) is env.from_string(source)
    assert envs.markdown([str(templates.SHIPPED)]) is envs.markdown([str(templates.SHIPPED)])
