"""The command line. Each subcommand lives in dangjian/commands/<name>.py and registers
itself on the app; heavy libraries are imported inside the command functions so that
`dangjian validate` in a pre-commit hook pays only for what it uses.
"""

from __future__ import annotations

import importlib
import sys

import typer

# Order is the order of `dangjian --help`. A module registers with `register(app)`.
COMMAND_MODULES = ("validate", "rules_cmd", "init_cmd", "tree", "config_cmd", "dues", "schedule", "report")

app = typer.Typer(
    name="dangjian",
    help="基层党组织台账工具：校验台账、计算党费、安排主题党日和三会一课、生成报告。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from dangjian import __version__

        typer.echo(f"dangjian {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", help="显示版本号", callback=_version,
                                        is_eager=True)) -> None:
    """基层党组织台账工具。"""


for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"dangjian.commands.{_name}")
    except ModuleNotFoundError as exc:  # a command still being built is simply absent
        if exc.name != f"dangjian.commands.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # legacy consoles and rare characters
    app()
