"""Render a report context with a template: Markdown with Jinja2, Word with docxtpl.

Both run in the sandbox of dangjian.report.sandbox and under the time limit of
dangjian.report.timelimit. The two render functions are module-level so that a child
process can run them.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from dangjian.report.sandbox import RenderTimeout, ReportError, describe, markdown_env, word_env
from dangjian.report.timelimit import DEFAULT_SECONDS, run_limited


def render_markdown(search: list[str], name: str, context: dict, shown: str) -> str:
    env = markdown_env(search)
    try:
        template = env.get_template(name)
        return template.render(context)
    except RenderTimeout:
        raise
    except Exception as exc:
        filename = getattr(exc, "filename", None) or _template_file(search, name)
        raise ReportError(describe(exc, shown, filename)) from None


def _template_file(search: list[str], name: str) -> str | None:
    for folder in search:
        candidate = Path(folder) / name
        if candidate.is_file():
            return str(candidate)
    return None


def render_docx(path: str, context: dict, shown: str) -> bytes:
    from docxtpl import DocxTemplate

    try:
        template = DocxTemplate(path)
    except Exception as exc:  # not a .docx, damaged zip…
        raise ReportError(f"无法打开 Word 模板 {shown}：{exc}") from None
    try:
        template.render(context, jinja_env=word_env(), autoescape=True)
    except RenderTimeout:
        raise
    except Exception as exc:
        raise ReportError(describe(exc, shown, None, docx_places(path))) from None
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def docx_places(path: str):
    """Say where line N of the XML docxtpl renders is: the paragraph and its text."""
    def where(line: int) -> str:
        try:
            from docxtpl import DocxTemplate

            template = DocxTemplate(path)
            template.init_docx()
            xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", template.patch_xml(template.get_xml()))
            lines = xml.splitlines()
            text = re.sub(r"<[^>]+>", "", lines[line - 1]).strip() if 0 < line <= len(lines) else ""
        except Exception:
            return f"第 {line} 段附近"
        text = text if len(text) <= 40 else text[:40] + "…"
        return f"第 {max(line - 1, 1)} 段附近（“{text}”）" if text else f"第 {max(line - 1, 1)} 段附近"
    return where


def markdown(search: list[Path], name: str, context: dict, shown: str,
             seconds: float = DEFAULT_SECONDS, isolate: bool = False) -> str:
    try:
        return run_limited(render_markdown, ([str(p) for p in search], name, context, shown), seconds, isolate)
    except RenderTimeout as exc:
        raise ReportError(describe(exc, shown)) from None


def docx(path: Path, context: dict, shown: str, seconds: float = DEFAULT_SECONDS, isolate: bool = False) -> bytes:
    try:
        return run_limited(render_docx, (str(path), context, shown), seconds, isolate)
    except RenderTimeout as exc:
        raise ReportError(describe(exc, shown)) from None
