"""`dangjian config show`: the effective parameters and where each came from."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dangjian.commands.common import resolve_root

config_app = typer.Typer(help="查看记录库的设置。", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")


@config_app.command("show")
def show(path: Annotated[Path | None, typer.Argument(help="记录库目录")] = None) -> None:
    """显示生效的规则集、参数及每个参数的来源。"""
    from tabulate import tabulate

    from dangjian.loader import load_repository
    from dangjian.params import NATIONAL, PROFILE_TITLES, effective

    repo = load_repository(resolve_root(path))
    profile = repo.config.profile or "xz"
    typer.echo(f"记录库：{repo.config.name}\n规则集：{profile}（{PROFILE_TITLES.get(profile, '')}）\n")
    rows = []
    for name, eff in effective(profile, repo.config.parameters).items():
        value = "不检查" if eff.value is None else eff.value
        rows.append((name, value, NATIONAL[name].doc if name in NATIONAL else "", eff.source))
    typer.echo(tabulate(rows, headers=("参数", "值", "说明", "来源"), disable_numparse=True))
