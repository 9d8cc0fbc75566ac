"""Size bounds for what a report template may build.

Template authors are not trusted (see sandbox.py). Several operations make a string or list far
larger than their input inside one C call that no time limit can interrupt: padding to a width
(`center`, `ljust`, `'%2000000000d' % 1`, `'{:>999999999}'.format(1)`), repeating (`*`,
`replace`, `join`, `indent`, `wordwrap`, `sum` of lists, `batch` with a filler) and plain
concatenation doubled in a loop (`~`, `+`). Each is checked BEFORE it runs, from the sizes of its
inputs, and refused with SecurityError("结果过大：…") — so a hostile template fails with a Chinese
message instead of allocating gigabytes. Everything a template writes (the report, a captured
block, a macro) is counted as it is joined and refused past MAX_OUTPUT characters.
"""

from __future__ import annotations

import inspect
import re
import string
from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from typing import Any

from jinja2.sandbox import SecurityError

MAX_SIZE = 1_000_000  # widest padding, most repetitions, longest list one step may make
MAX_OUTPUT = 64_000_000  # characters in one report (or block) a template may write
MAX_INDENT = 100  # tojson indent


def refuse(what: str) -> SecurityError:
    return SecurityError(f"结果过大：{what}")


def _too_big(number: Any, limit: int = MAX_SIZE) -> bool:
    return isinstance(number, int) and not isinstance(number, bool) and abs(number) > limit


def _length(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else len(str(value))


def check_size(value: Any, what: str = "得到的文字或列表") -> Any:
    """`value` itself, or refused when it is longer than MAX_OUTPUT."""
    if isinstance(value, (str, bytes, list, tuple)) and len(value) > MAX_OUTPUT:
        raise refuse(f"{what}超过 {MAX_OUTPUT} 个字符")
    return value


def check_width(width: Any, what: str = "宽度") -> None:
    if _too_big(width):
        raise refuse(f"{what} {width} 超过 {MAX_SIZE}")


def check_total(total: int, what: str) -> None:
    if total > MAX_OUTPUT:
        raise refuse(f"{what}将得到约 {total} 个字符，超过 {MAX_OUTPUT}")


# --- format strings --------------------------------------------------------------------------

_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[diouxXeEfFgGcrsab%]")
_DIGITS = re.compile(r"\d+")


def _digits_too_big(digits: str) -> bool:
    return len(digits) > len(str(MAX_SIZE)) or int(digits) > MAX_SIZE


def _values(args: Any) -> list[Any]:
    if isinstance(args, Mapping):
        return list(args.values())
    if isinstance(args, tuple):
        return list(args)
    return [args]


def check_printf(fmt: str | bytes, args: Any) -> None:
    """`fmt % args`: no width or precision over MAX_SIZE, written or given by `*`."""
    text = fmt.decode("latin-1") if isinstance(fmt, bytes) else fmt
    star = False
    for match in _PRINTF.finditer(text):
        for group in match.groups():
            if group == "*":
                star = True
            elif group and _digits_too_big(group):
                raise refuse(f"格式中的宽度或精度 {group[:20]} 超过 {MAX_SIZE}")
    if star and any(_too_big(v) for v in _values(args)):
        raise refuse(f"格式中用 * 给出的宽度或精度超过 {MAX_SIZE}")


def check_format(fmt: str, args: tuple, kwargs: Mapping) -> None:
    """`fmt.format(*args, **kwargs)`: the same for `{:>999999999}` and `{:{}}`."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # the call itself raises the error
    nested = False
    for _literal, _field, spec, _conversion in fields:
        if not spec:
            continue
        nested = nested or "{" in spec
        for digits in _DIGITS.findall(spec):
            if _digits_too_big(digits):
                raise refuse(f"格式中的宽度或精度 {digits[:20]} 超过 {MAX_SIZE}")
    if nested and any(_too_big(v) for v in [*args, *kwargs.values()]):
        raise refuse(f"格式中给出的宽度或精度超过 {MAX_SIZE}")


# --- str and bytes methods (called from a template: 'a'.center(…)) ---------------------------

def _count(text: str | bytes, old: Any) -> int:
    try:
        return len(text) + 1 if len(old) == 0 else text.count(old)
    except TypeError:
        return 0


def _check_replace(text: str | bytes, old: Any, new: Any, count: Any = -1) -> None:
    times = _count(text, old)
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    if isinstance(new, (str, bytes)):
        check_total(len(text) + times * len(new), "替换")


def _check_join(separator: str | bytes, items: list) -> None:
    total = sum(_length(item) for item in items) + len(separator) * max(len(items) - 1, 0)
    check_total(total, "连接")


def _check_translate(text: str | bytes, table: Any) -> None:
    if isinstance(table, Mapping):
        values = table.values()
    elif isinstance(table, (list, tuple)):
        values = table
    else:
        return
    longest = max((len(v) for v in values if isinstance(v, (str, bytes))), default=1)
    check_total(len(text) * max(longest, 1), "字符替换")


def _check_expandtabs(text: str | bytes, tabsize: Any = 8) -> None:
    check_width(tabsize, "制表符宽度")
    if isinstance(tabsize, int):
        tab = "\t" if isinstance(text, str) else b"\t"
        check_total(len(text) + text.count(tab) * max(tabsize, 0), "展开制表符")


def method_check(owner: str | bytes, name: str) -> Callable[..., None] | None:
    """The check to run before `owner.name(*args, **kwargs)`, if the method can grow."""
    if name in ("center", "ljust", "rjust", "zfill"):
        return lambda *args, **kwargs: check_width(args[0] if args else kwargs.get("width"))
    if name == "expandtabs":
        return lambda *args, **kwargs: _check_expandtabs(owner, *args, **kwargs)
    if name == "replace":
        return lambda *args, **kwargs: _check_replace(owner, *args, **kwargs)
    if name == "translate":
        return lambda *args, **kwargs: _check_translate(owner, *(args or kwargs.values()))
    if name in ("format", "format_map") and isinstance(owner, str):
        def check(*args: Any, **kwargs: Any) -> None:
            if name == "format_map" and args and isinstance(args[0], Mapping):
                check_format(owner, (), args[0])
            else:
                check_format(owner, args, kwargs)
        return check
    return None


def bounded_method(method: Callable[..., Any], owner: str | bytes, name: str) -> Callable[..., Any] | None:
    """`method` (a str/bytes method, maybe already wrapped by the sandbox) with its size check."""
    if name == "join":
        @wraps(method)
        def join(iterable: Iterable, *rest: Any) -> Any:
            items = list(iterable)
            _check_join(owner, items)
            return check_size(method(items, *rest))
        return join
    check = method_check(owner, name)
    if check is None:
        return None

    @wraps(method)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        check(*args, **kwargs)
        return check_size(method(*args, **kwargs))
    return bounded


# --- filters -----------------------------------------------------------------------------------

def _filter_checks(name: str, a: dict[str, Any]) -> None:
    """Checks on a filter's bound arguments (named as in jinja2.filters)."""
    if name == "center":
        check_width(a.get("width"))
    elif name == "indent":
        width, text = a.get("width", 4), str(a.get("s", ""))
        check_width(width, "缩进")
        step = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        check_total(len(text) + (text.count("\n") + 1) * step, "缩进")
    elif name == "wordwrap":
        check_width(a.get("width"))
        text, wrap = str(a.get("s", "")), a.get("wrapstring")
        width = a.get("width", 79)
        if isinstance(wrap, str) and isinstance(width, int) and width > 0:
            check_total(len(text) + (len(text) // width + text.count("\n") + 1) * len(wrap), "自动换行")
    elif name == "truncate":
        check_width(a.get("length"), "长度")
        check_width(a.get("leeway"), "长度")
    elif name in ("batch", "slice"):
        check_width(a.get("linecount", a.get("slices")), "分组数")
    elif name == "tojson":
        if _too_big(a.get("indent"), MAX_INDENT):
            raise refuse(f"缩进 {a.get('indent')} 超过 {MAX_INDENT}")
    elif name == "format":
        check_printf(str(a.get("value", "")), a.get("kwargs") or a.get("args", ()))
    elif name == "replace":
        _check_replace(str(a.get("s", "")), a.get("old", ""), a.get("new", ""), a.get("count") or -1)


def bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Filter `name` with its arguments checked before it runs and its result's size after."""
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        signature = None

    def bind(args: tuple, kwargs: dict) -> dict[str, Any] | None:
        if signature is None:
            return None
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError:
            return None  # the call itself says what is wrong
        bound.apply_defaults()
        return dict(bound.arguments)

    @wraps(func)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        arguments = bind(args, kwargs)
        if arguments is not None:
            if name in ("join", "sum"):
                # Materialise the items once, so they can be measured and then joined or added.
                key = "value" if name == "join" else "iterable"
                items = list(arguments[key])
                arguments[key] = items
                _check_items(name, items, arguments)
                args, kwargs = _rebind(signature, arguments)
            else:
                _filter_checks(name, arguments)
        return check_size(func(*args, **kwargs))

    return bounded


def _check_items(name: str, items: list, arguments: dict[str, Any]) -> None:
    if name == "join":
        separator = arguments.get("d", "")
        if arguments.get("attribute") is None:
            _check_join(str(separator), items)
        else:
            check_total(len(str(separator)) * len(items), "连接")
    elif not isinstance(arguments.get("start", 0), (int, float)) or any(
            isinstance(item, (str, bytes, list, tuple)) for item in items):
        check_total(sum(_length(i) for i in items) + _length(arguments.get("start", "")), "求和")


def _rebind(signature: inspect.Signature, arguments: dict[str, Any]) -> tuple[tuple, dict]:
    bound = inspect.BoundArguments(signature, arguments)  # type: ignore[arg-type]
    return bound.args, bound.kwargs


# --- binary operators and concatenation ----------------------------------------------------------

def check_binop(operator: str, left: Any, right: Any, max_exponent: int) -> None:
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (str, bytes, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_SIZE:
                raise refuse(f"乘法得到的文字或列表超过 {MAX_SIZE} 项")
    elif operator == "**":
        if isinstance(right, int) and abs(right) > max_exponent and isinstance(left, int) and abs(left) > 1:
            raise refuse(f"乘方的指数超过 {max_exponent}")
    elif operator == "+":
        if isinstance(left, (str, bytes, list, tuple)) and isinstance(right, (str, bytes, list, tuple)):
            check_total(len(left) + len(right), "加法")
    elif operator == "%" and isinstance(left, (str, bytes)):
        check_printf(left, right)


def bounded_concat(pieces: Iterable[Any]) -> str:
    """"".join(pieces), refused as soon as the pieces pass MAX_OUTPUT characters."""
    buffer: list[str] = []
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > MAX_OUTPUT:
            raise refuse(f"模板写出的内容超过 {MAX_OUTPUT} 个字符")
        buffer.append(piece)
    return "".join(buffer)


class BoundedBuffer(list):
    """The pieces of a captured block (`{% set x %}…{% endset %}`, a macro, a filter block), which
    Jinja collects in a list before joining: counted as they are added, so that a loop writing a
    large string 100,000 times into a block is refused before it holds gigabytes."""

    def __init__(self) -> None:
        super().__init__()
        self.size = 0

    def _count(self, piece: Any) -> None:
        self.size += len(piece) if isinstance(piece, str) else len(str(piece))
        if self.size > MAX_OUTPUT:
            raise refuse(f"模板写出的内容超过 {MAX_OUTPUT} 个字符")

    def append(self, piece: Any) -> None:
        self._count(piece)
        super().append(piece)

    def extend(self, pieces: Iterable[Any]) -> None:
        pieces = list(pieces)
        for piece in pieces:
            self._count(piece)
        super().extend(pieces)


def bounded_joins(markup_join: Callable, str_join: Callable) -> tuple[Callable, Callable]:
    """The `~` operator's two joins, measuring their pieces first."""
    def measured(join: Callable) -> Callable:
        @wraps(join)
        def run(seq: Iterable[Any]) -> str:
            items = list(seq)
            check_total(sum(_length(i) for i in items), "“~”连接")
            return join(items)
        return run
    return measured(markup_join), measured(str_join)
