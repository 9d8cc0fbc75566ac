"""Chinese for the few texts typer prints itself (help headings, usage errors).

The people who run dangjian read no English. typer 0.29 (pinned in pyproject.toml) has no
translation hook for these, so this module replaces them at the three places they come
from; tests/test_cli_locale.py fails if a typer upgrade moves them.
"""

from __future__ import annotations

import re

HEADINGS = {"Arguments": "参数", "Options": "选项", "Commands": "命令", "Error": "错误"}

# English usage-error messages of typer's vendored click → Chinese.
_PATTERNS = (
    (r"No such command '(.+)'\.", r"没有名为“\1”的命令"),
    (r"No such option: (\S+)(?: \(Possible options: (.+)\))?", lambda m: f"没有选项 {m.group(1)}"
     + (f"，是否想用 {m.group(2)}？" if m.group(2) else "")),
    (r"Missing argument '(.+)'\.", r"缺少参数 \1"),
    (r"Missing option '(.+)'\.", r"缺少选项 \1"),
    (r"Option '(.+)' requires an argument\.", r"选项 \1 后面需要一个值"),
    (r"Got unexpected extra arguments? \((.+)\)", r"多余的参数：\1"),
    (r"Invalid value for (.+?): (.+)", r"\1 的值无效：\2"),
    (r"'(.+)' is not a valid integer\.", r"“\1”不是整数"),
    (r"'(.+)' is not a valid float\.", r"“\1”不是数字"),
    (r"'(.+)' is not one of (.+)\.", r"“\1”不在可选范围（\2）内"),
    (r"Input should be a valid integer[^\n]*", "应为整数"),
    (r"Input should be a valid (?:number|decimal)[^\n]*", "应为数字"),
    (r"Input should be a valid date[^\n]*", "应为日期（YYYY-MM-DD）"),
)


def translate(message: str) -> str:
    """Every known English phrase replaced (outer ones first: 'Invalid value for X: …')."""
    for pattern, replacement in _PATTERNS:
        message = re.sub(pattern, replacement, message)
    return message


def install() -> None:
    """Patch typer's help text, headings and usage-error display (call before building the app)."""
    import typer.core
    from typer._click import decorators, exceptions, formatting
    from typer._click.utils import echo

    original_help_option = decorators.help_option
    if getattr(original_help_option, "_dangjian", False):
        return

    def help_option(param_decls):
        decorate = original_help_option(param_decls)

        def apply(command):
            result = decorate(command)
            command.params[-1].help = "显示此帮助并退出"  # the option help_option just appended
            return result

        return apply

    help_option._dangjian = True  # type: ignore[attr-defined]
    decorators.help_option = help_option
    typer.core._ = lambda text: HEADINGS.get(text, text)  # section headings of --help

    write_usage = formatting.HelpFormatter.write_usage

    def write_usage_cn(self, prog, args="", prefix=None):
        return write_usage(self, prog, args, "用法：" if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage_cn

    def show(self, file=None) -> None:
        command = self.ctx.command_path if self.ctx is not None else "dangjian"
        echo(f"dangjian：{translate(self.format_message())}\n用 {command} --help 查看用法。", err=True)

    exceptions.UsageError.show = show
