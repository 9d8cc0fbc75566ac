"""Render a report context with a template: Markdown with Jinja2, Word with docxtpl.

Both run in the sandbox of dangjian.report.sandbox and under the time limit of
dangjian.report.timelimit. The two render functions are module-level so that a child
process can run them.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from dangjian.report.sandbox import (
    RenderTimeout,
    ReportError,
    ReportSandbox,
    describe,
    markdown_env,
    word_env,
)
from dangjian.report.timelimit import DEFAULT_SECONDS, can_interrupt, run_limited


class Environments:
    """One run's template environments, so that each template is compiled once rather than once
    per organisation: `report --all` renders the same two templates for every branch. Jinja
    re-reads a template file that changed; the Word XML is compiled once per distinct text."""

    def __init__(self) -> None:
        self._markdown: dict[tuple[str, ...], ReportSandbox] = {}
        self._word: ReportSandbox | None = None

    def markdown(self, search: list[str]) -> ReportSandbox:
        key = tuple(search)
        if key not in self._markdown:
            self._markdown[key] = markdown_env(search)
        return self._markdown[key]

    def word(self) -> ReportSandbox:
        if self._word is None:
            self._word = word_env()
            compiled: dict[str, object] = {}
            plain = self._word.from_string

            def from_string(source, globals=None, template_class=None):
                if globals is not None or template_class is not None or not isinstance(source, str):
                    return plain(source, globals, template_class)
                if source not in compiled:
                    compiled[source] = plain(source)
                return compiled[source]

            self._word.from_string = from_string
        return self._word


def render_markdown(search: list[str], name: str, context: dict, shown: str,
                    envs: Environments | None = None) -> str:
    env = envs.markdown(search) if envs is not None else markdown_env(search)
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


def render_docx(path: str, context: dict, shown: str, envs: Environments | None = None) -> bytes:
    from docxtpl import DocxTemplate

    try:
        template = DocxTemplate(path)
    except Exception as exc:  # not a .docx, damaged zip…
        raise ReportError(f"无法打开 Word 模板 {shown}：{exc}") from None
    try:
        template.render(context, jinja_env=envs.word() if envs is not None else word_env(), autoescape=True)
    except RenderTimeout:
        raise
    except Exception as exc:
        raise ReportError(describe(exc, shown, None, docx_places(path))) from None
    _properties(template.docx.core_properties, context)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


GENERATED = "由 dangjian 根据台账生成。"


def _properties(core, context: dict) -> None:
    """Who made the file and how it treats personal numbers: in the document properties
    (文件 → 属性), not in the text that is printed and filed."""
    masked = context.get("masked", True)
    core.title = str(context.get("title") or "")[:255]
    core.author = str(context.get("street") or "")[:255] or core.author
    core.comments = GENERATED + ("身份证号、手机号已打码（前6后4、前3后4）。" if masked else
                                 "本文件含未打码的身份证号、手机号。")


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
             seconds: float = DEFAULT_SECONDS, isolate: bool = False, envs: Environments | None = None) -> str:
    """`envs` (one run's environments) is used when the render runs in this process."""
    args = ([str(p) for p in search], name, context, shown)
    if envs is not None and not isolate and can_interrupt():
        args += (envs,)
    try:
        return run_limited(render_markdown, args, seconds, isolate)
    except RenderTimeout as exc:
        raise ReportError(describe(exc, shown)) from None


def docx(path: Path, context: dict, shown: str, seconds: float = DEFAULT_SECONDS, isolate: bool = False,
         envs: Environments | None = None) -> bytes:
    args = (str(path), context, shown)
    if envs is not None and not isolate and can_interrupt():
        args += (envs,)
    try:
        return run_limited(render_docx, args, seconds, isolate)
    except RenderTimeout as exc:
        raise ReportError(describe(exc, shown)) from None
