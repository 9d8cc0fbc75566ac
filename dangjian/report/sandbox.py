"""The Jinja environments reports are rendered in, their filters, and errors in Chinese.

Templates come from record repositories and are edited by people who are not programmers,
so they are untrusted input: they run in an ImmutableSandboxedEnvironment (no access to
Python internals, no mutation of the context), with StrictUndefined (a misspelt variable is an
error, not a blank), and with `*` and `**` checked so that one expression cannot allocate
gigabytes or compute for minutes inside a single C call the time limit cannot interrupt.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_SIZE = 1_000_000  # longest string or list one `*` may make
MAX_EXPONENT = 1_000


class ReportError(Exception):
    """A report could not be made; the message is for the user, in Chinese."""


class RenderTimeout(Exception):
    pass


class ReportSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_SIZE:
                    raise SecurityError(f"结果过大：乘法得到的文字或列表超过 {MAX_SIZE} 项")
        elif isinstance(right, int) and abs(right) > MAX_EXPONENT and isinstance(left, int) and abs(left) > 1:
            raise SecurityError(f"结果过大：乘方的指数超过 {MAX_EXPONENT}")
        return super().call_binop(context, operator, left, right)


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


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: `|` escaped, line breaks as <br>."""
    if value is None:
        return ""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|")
    text = re.sub(r"\r\n|\r|\n", "<br>", text)
    return text.strip() or ""


def mask_id(value: Any) -> str:
    from dangjian.idnumber import mask_id as mask

    return mask(str(value)) if value else ""


def mask_phone(value: Any) -> str:
    from dangjian.idnumber import mask_phone as mask

    return mask(str(value)) if value else ""


def _common(env: ReportSandbox) -> ReportSandbox:
    env.filters.update(cn_date=cn_date, md_cell=md_cell, mask_id=mask_id, mask_phone=mask_phone)
    return env


def markdown_env(search: list[str]) -> ReportSandbox:
    """Markdown is not HTML: no autoescape; table cells go through `md_cell`."""
    return _common(ReportSandbox(loader=FileSystemLoader(search), undefined=StrictUndefined,
                                 autoescape=False, keep_trailing_newline=True,
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
