"""`dangjian site [PATH] -o DIR`: the street's dashboard as static HTML pages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dangjian.commands.common import fail, parse_day, resolve_root


def register(app: typer.Typer) -> None:
    app.command("site")(site)


def site(
    path: Annotated[Path | None, typer.Argument(help="记录库目录（默认为当前目录所在的记录库）", metavar="记录库")] = None,
    out: Annotated[Path, typer.Option("-o", "--output", help="输出目录", metavar="目录")] = Path("out/site"),
    months: Annotated[int, typer.Option("--months", help="趋势图的月数（记录库在 git 中时）", min=1, max=120,
                                        metavar="月数")] = 12,
    as_of: Annotated[str | None, typer.Option("--as-of", help="按哪一天评估（默认今天，北京时间）", metavar="日期")] = None,
    force: Annotated[bool, typer.Option("--force", help="允许覆盖输出目录中已有的、不是本工具生成的文件")] = False,
) -> None:
    """生成街道党建工作看板（静态网页）：街道总览一页、每个党组织一页，含评估表、比例变化、会议和党费图表；
    网页不含脚本、不从网络加载任何内容，可离线在电脑和手机上查看。"""
    from dangjian import emit
    from dangjian.context import RunContext
    from dangjian.loader import load_lazy
    from dangjian.site.build import build

    repo = load_lazy(resolve_root(path))  # rosters; the rest one organisation at a time (street.rollup.assess)
    run = RunContext.for_repo(repo, today=parse_day(as_of))  # --as-of, else the clock, read once
    try:
        written = build(repo, run, out, months, force)
    except emit.OutputRefused as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(emit.disk_message(exc, Path(exc.filename or out))) from None
    typer.echo(f"已生成 {len(written)} 个网页，在 {out.as_posix()}/ 中；用浏览器打开 {(out / 'index.html').as_posix()}")
