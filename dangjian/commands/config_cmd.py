"""`dangjian config show`: the effective parameters, where each came from, and the conflicts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dangjian.cli_locale import App
from dangjian.commands.common import resolve_root

config_app = App(help="查看记录库的设置。", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")


@config_app.command("show")
def show(
    path: Annotated[Path | None, typer.Argument(help="记录库目录（默认为当前目录所在的记录库）", metavar="记录库")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """显示生效的规则集、参数及每个参数的来源，以及宽于全国性规定而未采用的本地数值。"""
    import json

    from dangjian.context import RunContext
    from dangjian.loader import load_repository
    from dangjian.params import NATIONAL, PROFILE_TITLES
    from dangjian.profiles import conflicts
    from dangjian.profiles import show as text

    repo = load_repository(resolve_root(path))
    run = RunContext.for_repo(repo)
    profile = run.profile
    overrides = repo.config.parameters or {}
    params = run.params
    if as_json:
        typer.echo(json.dumps({
            "profile": profile, "title": PROFILE_TITLES.get(profile, ""),
            "records_from": repo.config.records_from.isoformat() if repo.config.records_from else None,
            "parameters": [{"name": n, "value": e.value, "source": e.source, "clause": e.clause,
                            "conflict": e.conflict or None} for n, e in params.items()],
        }, ensure_ascii=False, indent=2, default=str))
        return
    from tabulate import tabulate

    start = repo.config.records_from.isoformat() if repo.config.records_from else "各党组织最早一年的台账文件"
    typer.echo(f"记录库：{repo.config.name}\n规则集：{profile}（{PROFILE_TITLES.get(profile, '')}）\n"
               f"记录起始：{start}\n")
    rows = [(name, text(eff.value), NATIONAL[name].doc if name in NATIONAL else "（未知参数）", eff.source)
            for name, eff in params.items()]
    typer.echo(tabulate(rows, headers=("参数", "值", "说明", "来源"), disable_numparse=True))
    found = conflicts(profile, overrides)
    if found:
        typer.echo("\n与全国性规定的冲突（按全国性规定检查）：")
        for c in found:
            typer.echo(f"  {c.name}：{c.describe()}")
