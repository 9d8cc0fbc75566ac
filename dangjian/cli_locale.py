"""Chinese for everything the command line prints itself: help pages and usage errors.

The people who run dangjian read no English. typer has no translation hook for the texts its
vendored click writes ("Usage:", "Options", "[default: md]", "No such option"…), so instead of
patching them this module uses what typer offers for customising a command line:

- `ChineseGroup` / `ChineseCommand`, given to typer through its `cls=` parameters, override the
  public click methods that write a help page (`format_usage`, `format_options`,
  `format_commands`, `get_help_option`), reject unknown commands and extra arguments
  themselves (`resolve_command`, `parse_args`), and turn every usage error into one whose
  `show()` prints Chinese (`make_context`, `invoke`);
- `App`, a `typer.Typer` whose commands and sub-apps get these classes by default.

Usage errors are told apart by their class name and attributes (click's exception classes are
not exported by typer); `explain` maps each to Chinese and never passes English through.
tests/test_cli_locale.py runs every command's --help and the usage errors through the real
entry point.
"""

from __future__ import annotations

import difflib
import re
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."
HELP_TEXT = "显示此帮助并退出"
_CJK = re.compile(r"[\u3400-\u9fff]")


class ChineseUsageError(typer.BadParameter):
    """A usage error already put into Chinese; typer shows it with `show()` and exits with
    `exit_code` (2 for usage errors, like click)."""

    def __init__(self, message: str, command_path: str, exit_code: int = 2, bare: bool = False) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.command_path = command_path
        self.bare = bare  # the message is a whole help page (no_args_is_help)

    def format_message(self) -> str:
        return self.message

    def show(self, file: Any = None) -> None:
        if self.bare:
            text = self.message
        else:
            text = f"dangjian：{self.message}\n用 {self.command_path} --help 查看用法。"
        typer.echo(text, file=file, err=file is None)


def _option_name(param) -> str:
    opts = [*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())]
    longs = [o for o in opts if o.startswith("--")]
    return (longs or opts or [param.name or ""])[0]


def _hint(param) -> str:
    if param is None:
        return "参数"
    if param.param_type_name == "argument":
        return f"参数 {param.metavar or param.name}"
    return f"选项 {_option_name(param)}"


def _find_option(command, name: str):
    for param in (command.params if command is not None else ()):
        if name in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())):
            return param
    return None


def _expected(param) -> str:
    """What a value of PARAM should look like, from its Chinese metavar and range."""
    parts = []
    if param is not None and param.metavar:
        parts.append(f"应为{param.metavar}")
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        parts.append(f"在 {low} 至 {high} 之间")
    elif low is not None:
        parts.append(f"不小于 {low}")
    elif high is not None:
        parts.append(f"不大于 {high}")
    return "，".join(parts)


def explain(exc: typer.TyperException, command=None) -> str:
    """The Chinese message for a usage error raised by typer's click (by class and attributes);
    COMMAND is the command whose arguments were being parsed."""
    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    message = getattr(exc, "message", "") or ""
    if kind == "NoSuchOption":
        text = f"没有选项 {exc.option_name}"  # type: ignore[attr-defined]
        near = sorted(exc.possibilities or ())  # type: ignore[attr-defined]
        return text + (f"，是否想用 {'、'.join(near)}？" if near else "")
    if kind == "BadOptionUsage":
        name = exc.option_name  # type: ignore[attr-defined]
        option = _find_option(command, name)
        if option is not None and getattr(option, "is_flag", False):
            return f"选项 {name} 是开关，不带值"
        return f"选项 {name} 后面需要一个值"
    if kind == "MissingParameter":
        return f"缺少{_hint(param)}"
    if _CJK.search(message):  # our own checks and callbacks already speak Chinese
        return f"{_hint(param)} 的值无效：{message}" if kind == "BadParameter" and param is not None else message
    if kind == "BadParameter":
        expected = _expected(param)
        return f"{_hint(param)} 的值无效" + (f"（{expected}）" if expected else "")
    if kind == "FileError":
        return f"无法打开文件 {getattr(exc, 'ui_filename', '')}".rstrip()
    if kind == "BadArgumentUsage":
        return "参数的个数不对"
    return "命令行有误"


def _chinese(exc: typer.TyperException, command, path: str) -> ChineseUsageError:
    if isinstance(exc, ChineseUsageError):
        return exc
    where = getattr(exc, "ctx", None)
    if where is not None:
        command, path = where.command, where.command_path
    if type(exc).__name__ == "NoArgsIsHelpError":
        return ChineseUsageError(exc.message, path, exc.exit_code, bare=True)
    return ChineseUsageError(explain(exc, command), path, exc.exit_code)


def _write_rows(formatter, title: str, rows: list[tuple[str, str]]) -> None:
    """A titled two-column list, aligned by display width (a Chinese character is two columns)."""
    from wcwidth import wcswidth

    if not rows:
        return
    formatter.write_paragraph()
    formatter.write_text(f"{title}：")
    width = min(max(wcswidth(first) for first, _ in rows), 30)
    with formatter.indentation():
        for first, second in rows:
            pad = width - wcswidth(first)
            if pad < 0:  # too wide: the description goes on its own line
                formatter.write(f"{'':>{formatter.current_indent}}{first}\n")
                first, pad = "", width
            formatter.write(f"{'':>{formatter.current_indent}}{first}{' ' * pad}  {second}".rstrip() + "\n")


def _default_text(param) -> str | None:
    default = param.default
    if param.param_type_name != "option" or getattr(param, "is_flag", False) or callable(default):
        return None
    if default is None or default == () or default == [] or param.show_default is False:
        return None
    return str(default)


def _param_row(param) -> tuple[str, str] | None:
    if getattr(param, "hidden", False):
        return None
    if param.param_type_name == "argument":
        first = param.metavar or param.name
    else:
        names = [*param.opts, *param.secondary_opts]
        names.sort(key=lambda n: n.startswith("--"))  # -o before --output
        first = ", ".join(names)
        if not getattr(param, "is_flag", False):
            first += f" {param.metavar or '值'}"
    extra = []
    default = _default_text(param)
    if default is not None:
        extra.append(f"默认：{default}")
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None or high is not None:
        extra.append(f"范围：{'' if low is None else low}～{'' if high is None else high}")
    if param.required:
        extra.append("必填")
    text = param.help or ""
    if extra:
        text = f"{text}（{'；'.join(extra)}）"
    return first, text


class _ChineseHelp:
    """The help page and error handling shared by commands and groups (a mixin)."""

    def _set_chinese_defaults(self) -> None:
        self.options_metavar = OPTIONS_METAVAR

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_usage(self, ctx, formatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")

    def format_options(self, ctx, formatter) -> None:
        rows = [(p.param_type_name, _param_row(p)) for p in self.get_params(ctx)]  # type: ignore[attr-defined]
        _write_rows(formatter, "参数", [row for kind, row in rows if row and kind == "argument"])
        _write_rows(formatter, "选项", [row for kind, row in rows if row and kind == "option"])

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)  # type: ignore[misc]
        except typer.TyperException as exc:
            path = f"{parent.command_path} {info_name}" if parent is not None else info_name or "dangjian"
            raise _chinese(exc, self, path) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)  # type: ignore[misc]
        except typer.TyperException as exc:
            raise _chinese(exc, ctx.command, ctx.command_path) from None
        except typer.Abort:
            print("dangjian：已中止", file=sys.stderr)
            raise typer.Exit(1) from None


class ChineseCommand(_ChineseHelp, TyperCommand):
    def __init__(self, *args, **kwargs) -> None:
        kwargs["context_settings"] = {"allow_extra_args": True, **(kwargs.get("context_settings") or {})}
        super().__init__(*args, **kwargs)
        self._set_chinese_defaults()

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        if ctx.args and not ctx.resilient_parsing:  # extra arguments are allowed only to say so in Chinese
            ctx.fail(f"多余的参数：{' '.join(ctx.args)}")
        return rest


class ChineseGroup(_ChineseHelp, TyperGroup):
    def __init__(self, *args, **kwargs) -> None:
        kwargs["suggest_commands"] = False  # it would append English; resolve_command suggests in Chinese
        kwargs["subcommand_metavar"] = SUBCOMMAND_METAVAR
        super().__init__(*args, **kwargs)
        self._set_chinese_defaults()

    def format_options(self, ctx, formatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx, formatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=60)))
        _write_rows(formatter, "命令", rows)

    def resolve_command(self, ctx, args: list[str]):
        name = args[0]
        if self.get_command(ctx, name) is None and not ctx.resilient_parsing and not name.startswith("-"):
            near = difflib.get_close_matches(name, self.list_commands(ctx), n=3)
            ctx.fail(f"没有名为“{name}”的命令" + (f"，是否想用 {'、'.join(near)}？" if near else ""))
        return super().resolve_command(ctx, args)


class App(typer.Typer):
    """typer.Typer whose help pages and usage errors are Chinese (see the module docstring)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("cls", ChineseGroup)
        kwargs.setdefault("add_completion", False)
        kwargs.setdefault("rich_markup_mode", None)  # plain text: the classes above write the help
        kwargs.setdefault("pretty_exceptions_enable", False)
        super().__init__(**kwargs)

    def command(self, name: str | None = None, **kwargs):
        kwargs.setdefault("cls", ChineseCommand)
        return super().command(name, **kwargs)
