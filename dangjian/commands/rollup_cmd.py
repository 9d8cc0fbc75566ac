"""`dangjian rollup 汇总/*.json -o 区`: the district's table and dashboard from its streets'
summaries (`dangjian assess --format json`), without any street's records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dangjian.commands.common import fail


def register(app: typer.Typer) -> None:
    app.command("rollup")(rollup)


def rollup(
    summaries: Annotated[list[str], typer.Argument(help="各街道的汇总文件（dangjian assess --format json 生成），可用通配符",
                                                   metavar="汇总文件…")],
    out: Annotated[Path, typer.Option("-o", "--output", help="输出目录", metavar="目录")] = Path("区"),
    name: Annotated[str, typer.Option("--name", help="区（县）的名称，用于标题", metavar="名称")] = "本区",
) -> None:
    """区级汇总：从各街道的评估汇总生成汇总表（Markdown、JSON）和仪表盘（index.html），不读取任何台账。"""
    from dangjian import district, emit

    paths = _expand(summaries)
    try:
        view = district.build(paths, name)
    except district.RollupError as exc:
        raise fail(str(exc), 2) from None
    # Through the one exit point (masking, atomic, never over a record file); the three files are
    # rollup's own and are replaced on each run, as before.
    try:
        for filename, text in (("汇总.md", district.markdown(view)), ("汇总.json", district.as_json(view)),
                               ("index.html", district.html(view))):
            emit.write_output(out / filename, text, force=True)
    except emit.OutputRefused as exc:
        raise fail(str(exc), 2) from None
    typer.echo(f"已汇总 {len(view.rows)} 个街道：{out / '汇总.md'}、{out / '汇总.json'}、{out / 'index.html'}")


def _expand(patterns: list[str]) -> list[Path]:
    """Patterns the shell left alone (Windows cmd does not expand *) are expanded here."""
    import glob

    paths: list[Path] = []
    for pattern in patterns:
        if any(ch in pattern for ch in "*?[") and not Path(pattern).exists():
            matched = sorted(glob.glob(pattern))
            if not matched:
                raise fail(f"没有与 {pattern} 匹配的汇总文件", 2)
            paths.extend(Path(m) for m in matched)
        else:
            paths.append(Path(pattern))
    return paths
