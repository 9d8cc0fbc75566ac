"""`dangjian tree`: the organisation tree of a record repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dangjian.commands.common import resolve_root


def register(app: typer.Typer) -> None:
    app.command("tree")(tree)


def tree(path: Annotated[Path | None, typer.Argument(help="记录库目录（默认为当前目录所在的记录库）", metavar="记录库")] = None) -> None:
    """显示组织架构：街道党工委 → 党总支 → 党支部 → 党小组，以及各级党员人数。"""
    from dangjian import dates
    from dangjian.context import RunContext
    from dangjian.facts import members_on
    from dangjian.loader import load_repository

    repo = load_repository(resolve_root(path))
    day = RunContext.for_repo(repo).day
    children: dict = {}
    for b in repo.branches:
        children.setdefault(b.parent, []).append(b)
    lines = [f"{repo.config.name}（{repo.config.kind}）"]

    def walk(parent, indent: str) -> None:
        kids = children.get(parent, [])
        for i, b in enumerate(kids):
            last = i == len(kids) - 1
            info = b.info
            label = f"{info.name}（{info.kind}，{info.sector}）" if info else f"{b.directory}（branch.yaml 无法读取）"
            count = len(members_on(b, day))
            lines.append(f"{indent}{'└─ ' if last else '├─ '}{label} [{b.id}] 党员 {count} 人")
            inner = indent + ("   " if last else "│  ")
            current = members_on(b, day)
            for group in (info.groups if info else []):
                size = sum(1 for m in current if m.group == group.name)
                lines.append(f"{inner}· {group.name}（{size} 人）")
            walk(b.id, inner)

    walk(None, "")
    total = sum(len(members_on(b, day)) for b in repo.branches)
    lines.append(f"\n共 {len(repo.branches)} 个党组织，党员 {total} 人（截至 {dates.cn_date(day)}）。")
    typer.echo("\n".join(lines))
