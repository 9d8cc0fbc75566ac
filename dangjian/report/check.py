"""`dangjian template check`: syntax errors with their line, variables no report provides,
attributes the sandbox will refuse, and a trial render against real records when there are some."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateSyntaxError, meta, nodes

from dangjian.context import RunContext
from dangjian.loader import load_repository
from dangjian.report import kinds, render, templates
from dangjian.report.common import Source
from dangjian.report.periods import default_period
from dangjian.report.run import summary_context
from dangjian.report.sandbox import ReportError, markdown_env, word_env
from dangjian.report.spec import SUMMARY, Spec


@dataclass(frozen=True)
class Problem:
    line: int | None
    message: str
    severity: str = "错误"  # or 提示

    def render(self, shown: str) -> str:
        where = f"{shown}:{self.line}" if self.line else shown
        return f"{where}: {self.severity} {self.message}"


def fmt_of(path: Path) -> str:
    name = path.name
    if name.endswith(".docx"):
        return "docx"
    if name.endswith((".j2", ".md", ".jinja", ".jinja2")):
        return "md"
    raise ReportError(f"无法识别的模板类型：{name}（Markdown 模板以 .md.j2 结尾，Word 模板以 .docx 结尾）")


def declared(kind: str | None, summary: bool) -> Spec | None:
    if summary:
        return SUMMARY
    if kind in kinds.KINDS:
        return kinds.KINDS[kind].variables
    return None


def source_of(path: Path, fmt: str) -> tuple[str, list[str]]:
    """The Jinja source to parse, and for Word the text of each source line (to say where)."""
    if fmt == "md":
        try:
            return path.read_text(encoding="utf-8"), []
        except UnicodeDecodeError:
            raise ReportError(f"{path.name} 不是 UTF-8 编码的文本文件，请用 UTF-8 另存") from None
    from docxtpl import DocxTemplate

    try:
        template = DocxTemplate(str(path))
        template.init_docx()
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import parse_xml

        parts = [template.get_xml()]
        for rel in template.docx.part.rels.values():
            if rel.reltype in (RT.HEADER, RT.FOOTER):
                parts.append(template.xml_to_string(parse_xml(rel.target_part.blob)))
        xml = "".join(template.patch_xml(p) for p in parts)
    except Exception as exc:
        raise ReportError(f"无法打开 Word 模板 {path.name}：{exc}") from None
    xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
    return xml, [re.sub(r"<[^>]+>", "", line).strip() for line in xml.splitlines()]


def static_problems(path: Path, kind: str | None, summary: bool) -> tuple[list[Problem], str]:
    fmt = fmt_of(path)
    text, paragraphs = source_of(path, fmt)
    env = markdown_env([str(path.parent)]) if fmt == "md" else word_env()
    problems: list[Problem] = []

    def place(line: int | None) -> tuple[int | None, str]:
        if not paragraphs or not line:
            return line, ""
        snippet = paragraphs[line - 1][:40] if 0 < line <= len(paragraphs) else ""
        return None, f"（第 {max(line - 1, 1)} 段附近：“{snippet}”）" if snippet else f"（第 {max(line - 1, 1)} 段附近）"

    try:
        tree = env.parse(text)
    except TemplateSyntaxError as exc:
        line, extra = place(exc.lineno)
        return [Problem(line, f"语法错误：{exc.message}{extra}")], fmt
    spec = declared(kind, summary)
    unknown = sorted(meta.find_undeclared_variables(tree) - set(spec or {}) - set(env.globals))
    if spec is not None:
        for name in unknown:
            line, extra = place(_first_line(tree, name))
            problems.append(Problem(line, f"变量“{name}”不存在：{_kind_label(kind, summary)}的模板可用的变量见 "
                                          f"docs/templates.md{extra}"))
    elif unknown:
        problems.append(Problem(None, f"无法从文件名判断报告种类，未核对变量；模板使用的变量：{'、'.join(unknown)}", "提示"))
    for node in tree.find_all(nodes.Getattr):
        if node.attr.startswith("_"):
            line, extra = place(node.lineno)
            problems.append(Problem(line, f"访问内部属性“{node.attr}”：出于安全原因，渲染时会被拒绝{extra}"))
    return problems, fmt


def _first_line(tree: nodes.Template, name: str) -> int | None:
    lines = [n.lineno for n in tree.find_all(nodes.Name) if n.name == name and n.ctx == "load"]
    return min(lines) if lines else None


def _kind_label(kind: str | None, summary: bool) -> str:
    if summary:
        return "街道汇总报告"
    return f"“{kind}”报告"


def kind_for(path: Path, forced: str | None) -> tuple[str | None, bool]:
    kind, _, summary = templates.kind_of(path.name)
    if forced:
        if forced not in kinds.KINDS:
            raise ReportError(f"未知的报告种类“{forced}”，可用：{'、'.join(kinds.KINDS)}")
        return forced, summary
    return kind, summary


def trial_render(path: Path, fmt: str, kind: str | None, summary: bool, root: Path, branch: str | None,
                 seconds: float) -> list[Problem]:
    """Render with the records of `root` (the default period of the kind); runtime errors as problems."""
    # A shared summary template is tried with the monthly summary's columns.
    report = kinds.KINDS.get(kind or ("monthly" if summary else ""))
    if report is None:
        return []
    repo = load_repository(root)
    context = RunContext.of(repo.config, root=root, source=repo.source)
    source = Source(repo, default_period(report.period, context.day), context)
    readable = sorted((b for b in repo.branches if b.info is not None), key=lambda b: b.directory)
    if branch:
        readable = [b for b in readable if b.id == branch]
    if not readable:
        return [Problem(None, "记录库中没有可用的党组织，未试渲染", "提示")]
    try:
        if summary:
            context = summary_context(source, report, [report.build(source, b) for b in readable])
        else:
            context = report.build(source, readable[0])
        shown = path.name
        if fmt == "md":
            render.markdown([path.parent, templates.SHIPPED], path.name, context, shown, seconds)
        else:
            render.docx(path, context, shown, seconds)
    except ReportError as exc:
        return [Problem(None, f"试渲染失败：{exc}")]
    return []
