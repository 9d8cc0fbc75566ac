"""The command line. Each subcommand lives in dangjian/commands/<name>.py and registers
itself on the app; heavy libraries are imported inside the command functions so that
`dangjian validate` in a pre-commit hook pays only for what it uses.

`validate` goes first through its own small parser (dangjian.commands.validate.fast_main,
built from the same option table as the typer command): importing typer alone takes longer
than checking one changed file. The typer app is built on first use of `app`.
"""

from __future__ import annotations

import contextlib
import importlib
import sys

# Order is the order of `dangjian --help`. A module registers with `register(app)`.
COMMAND_MODULES = ("validate", "rules_cmd", "init_cmd", "upgrade_cmd", "hook_cmd", "tree", "config_cmd", "import_cmd",
                   "dues", "schedule", "report", "template_cmd", "assess", "site", "rollup_cmd", "docs_cmd", "cache_cmd")

_app = None


def build_app():
    import typer

    from dangjian.cli_locale import App

    app = App(
        name="dangjian",
        help="基层党组织台账工具：校验台账、计算党费、安排主题党日和三会一课、生成报告。",
        no_args_is_help=True,
    )

    def _version(value: bool) -> None:
        if value:
            from dangjian import __version__

            typer.echo(f"dangjian {__version__}")
            raise typer.Exit()

    def _root(ctx,
              version: bool = typer.Option(False, "--version", help="显示版本号", callback=_version,
                                           is_eager=True)) -> None:
        """基层党组织台账工具。"""
        from dangjian import emit

        # what every command prints goes through the one exit point (also when the app is
        # invoked without main(), as tests do)
        saved = emit.install()
        ctx.call_on_close(lambda: emit.restore(saved))

    _root.__annotations__["ctx"] = typer.Context  # a real class: this module's annotations are strings
    app.callback()(_root)

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"dangjian.commands.{name}")
        except ModuleNotFoundError as exc:  # a command still being built is simply absent
            if exc.name != f"dangjian.commands.{name}":
                raise
            continue
        module.register(app)
    return app


def __getattr__(name: str):
    global _app
    if name == "app":
        if _app is None:
            _app = build_app()
        return _app
    raise AttributeError(name)


def main() -> None:
    from dangjian import emit

    emit.install()  # masking, visible control characters, the console's encoding
    try:
        if sys.argv[1:2] == ["validate"]:
            from dangjian.commands.validate import fast_main

            code = fast_main(sys.argv[2:])
            if code is not None:
                raise SystemExit(code)
        if sys.argv[1:2] == ["hook"] and not any(a.startswith("-") for a in sys.argv[2:]):
            from dangjian.commands.hook_cmd import main as hook_main  # a hook runs often: no typer

            raise SystemExit(hook_main(sys.argv[2:]))
        __getattr__("app")(prog_name="dangjian")  # also under `python -m dangjian`
    except OSError as exc:  # a full or read-only disk, a vanished directory: a message, exit 2
        print(f"dangjian：{emit.disk_message(exc, exc.filename or '输出文件')}", file=sys.stderr)
        raise SystemExit(2) from None
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # a closed pipe: nothing more can be said
                stream.flush()
