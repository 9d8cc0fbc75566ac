"""The Jinja environments reports are rendered in, their filters, and errors in Chinese.

Templates come from record repositories and are edited by people who are not programmers,
so they are untrusted input: they run in an ImmutableSandboxedEnvironment (no access to
Python internals, no mutation of the context), with StrictUndefined (a misspelt variable is an
error, not a blank), and with every operation that can make a string or list much larger than
its input checked first (dangjian.report.bounds), so that one expression cannot allocate
gigabytes or compute for minutes inside a single C call the time limit cannot interrupt.
Templates are read only from inside their folder: a link that leaves it is refused.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
import types
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    TemplateSyntaxError,
    Undefined,
    UndefinedError,
)
from jinja2 import runtime as jinja_runtime
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from dangjian.markdown import MarkdownText, md_cell, md_text
from dangjian.report import bounds

MAX_SIZE = bounds.MAX_SIZE  # longest string or list one `*` may make
MAX_EXPONENT = 1_000


class ReportError(Exception):
    """A report could not be made; the message is for the user, in Chinese."""


class RenderTimeout(Exception):
    pass


class BoundedTemplate(Template):
    """A template whose joins (the report, captured blocks, macros, `~`) are measured."""

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        namespace = {"environment": environment, "__file__": code.co_filename}
        exec(code, namespace)
        # The compiled code looks these up in its module namespace at call time.
        namespace["concat"] = bounds.bounded_concat
        namespace["markup_join"], namespace["str_join"] = bounds.bounded_joins(
            jinja_runtime.markup_join, jinja_runtime.str_join)
        template = cls._from_namespace(environment, namespace, globals)
        template._uptodate = uptodate
        return template


class BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with captured blocks collected in a BoundedBuffer."""

    def buffer(self, frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.bounded_buffer()")


def _range(*args: int) -> range:
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise bounds.refuse(f"range 超过 {MAX_RANGE} 项")
    return result


class ReportSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    template_class = BoundedTemplate
    code_generator_class = BoundedCodeGenerator
    bounded_buffer = staticmethod(bounds.BoundedBuffer)
    concat = staticmethod(bounds.bounded_concat)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = _range
        self.globals.pop("lipsum", None)  # n paragraphs of filler text: nothing a report needs
        self.filters = {name: bounds.bounded_filter(name, func) for name, func in self.filters.items()}

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        bounds.check_binop(operator, left, right, MAX_EXPONENT)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any):
        """str.format is wrapped by jinja; every str/bytes method that can grow is checked too."""
        wrapped = super().wrap_str_format(value)
        owner = getattr(value, "__self__", None)
        if isinstance(value, (types.MethodType, types.BuiltinMethodType)) and isinstance(owner, (str, bytes)):
            return bounds.bounded_method(wrapped or value, owner, value.__name__) or wrapped
        return wrapped

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:
        owner = getattr(__obj, "__self__", None)
        if isinstance(__obj, types.BuiltinMethodType) and isinstance(owner, (str, bytes)):
            __obj = bounds.bounded_method(__obj, owner, __obj.__name__) or __obj
        return super().call(__context, __obj, *args, **kwargs)


class ContainedLoader(FileSystemLoader):
    """A FileSystemLoader that refuses a template reached through a link leaving its record
    repository (or, for the shipped templates, their folder) — as record files are refused."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        if filename is not None:
            check_contained(Path(filename), template)
        return source, filename, uptodate


def allowed_area(path: Path) -> Path:
    """Where a template file may resolve to: its record repository, else its own folder."""
    from dangjian.emit import find_repository

    return find_repository(path.parent) or path.parent


def check_contained(path: Path, shown: str) -> None:
    if not path.resolve().is_relative_to(allowed_area(path).resolve()):
        raise LinkOutside(f"模板 {shown} 是指向记录库之外的符号链接，出于安全原因已拒绝读取")


class LinkOutside(TemplateNotFound):
    """A template reached through a link leaving its repository; the message is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message, message)


def cn_date(value: Any) -> str:
    """2026-11-22 (text or date) → 2026年11月22日 (GB/T 9704: no zero padding)."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return f"{value.year}年{value.month}月{value.day}日"


def md_finalize(value: Any) -> Any:
    """Every `{{ … }}` of a Markdown template: data is text, never Markdown (GitLab and editors
    render Markdown, so `<script>` or `| x |` in a name must not become HTML or a table).
    Numbers and what a template marks with `|safe` are written as they are."""
    if value is None or isinstance(value, (bool, int, float, Decimal, MarkdownText, Markup)):
        return value
    if isinstance(value, Undefined):
        return value
    return md_text(value)


def mask_id(value: Any) -> str:
    from dangjian.idnumber import mask_id as mask

    return mask(str(value)) if value else ""


def mask_phone(value: Any) -> str:
    from dangjian.idnumber import mask_phone as mask

    return mask(str(value)) if value else ""


def _common(env: ReportSandbox) -> ReportSandbox:
    env.filters.update(cn_date=cn_date, md_cell=md_cell, md_text=md_text, mask_id=mask_id, mask_phone=mask_phone)
    return env


def markdown_env(search: list[str]) -> ReportSandbox:
    """Markdown is not HTML: no HTML autoescape, but every value is escaped for Markdown
    (`md_finalize`); table cells go through `md_cell`, which also trims them."""
    return _common(ReportSandbox(loader=ContainedLoader(search), undefined=StrictUndefined,
                                 autoescape=False, keep_trailing_newline=True, finalize=md_finalize,
                                 trim_blocks=True, lstrip_blocks=True))


def word_env() -> ReportSandbox:
    """docxtpl renders XML: autoescape on, or `<` and `&` in a name silently vanish."""
    return _common(ReportSandbox(undefined=StrictUndefined, autoescape=True))


# --- errors in Chinese ---------------------------------------------------------------------------

_UNDEFINED = (
    (re.compile(r"^'([^']+)' is undefined$"), "变量“{0}”不存在"),
    (re.compile(r"^'[^']+' object has no attribute '([^']+)'$"), "没有“{0}”这一项"),
    (re.compile(r"^'[^']+ object' has no attribute '([^']+)'$"), "没有“{0}”这一项"),
    (re.compile(r"^'[^']+ object' has no element (.+)$"), "没有第 {0} 项"),
)


def _line_in(exc: BaseException, filename: str | None) -> int | None:
    """The template line a runtime error happened on (Jinja maps its frames to template lines)."""
    if isinstance(exc, TemplateSyntaxError):
        return exc.lineno
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        mine = bool(filename) and (frame.filename == filename or frame.filename.endswith("/" + filename))
        if mine or frame.filename == "<template>":
            line = frame.lineno
    return line


def _undefined_message(message: str) -> str:
    for pattern, text in _UNDEFINED:
        match = pattern.match(message)
        if match:
            return text.format(*match.groups())
    return message


def describe(exc: BaseException, name: str, filename: str | None = None, where=None) -> str:
    """What went wrong in template `name`, in Chinese; `where(line)` says where a line is."""
    line = _line_in(exc, filename)
    place = (where(line) if where else f"第 {line} 行") if line else ""
    at = f"模板 {name}" + (f" {place}" if place else "")
    if isinstance(exc, LinkOutside):
        return exc.message
    if isinstance(exc, RenderTimeout):
        return f"模板 {name} 渲染超过 {exc.args[0]} 秒仍未完成（可能有无限循环或过大的循环），已中止"
    if isinstance(exc, SecurityError):
        text = str(exc)
        attribute = re.search(r"attribute '([^']+)'", text)
        if attribute:
            return (f"{at}试图访问 Python 内部属性“{attribute.group(1)}”，出于安全原因已拒绝；"
                    "模板只能使用 docs/templates.md 中列出的变量和过滤器")
        if text.startswith("结果过大"):
            return f"{at}的运算{text}，已拒绝"
        return f"{at}执行了不允许的操作（{text}），出于安全原因已拒绝"
    if isinstance(exc, TemplateSyntaxError):
        return f"{at}有语法错误：{exc.message}"
    if isinstance(exc, UndefinedError):
        return (f"{at}使用了不存在的变量：{_undefined_message(str(exc.message or exc))}；"
                "可用的变量见 docs/templates.md，或用 --format json 查看本报告的全部数据")
    return f"{at}出错：{type(exc).__name__}: {exc}"
