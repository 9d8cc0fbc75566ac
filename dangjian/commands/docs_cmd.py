"""`dangjian docs [名称]`: the user documentation shipped with the package (messages point to it)."""

from __future__ import annotations

from typing import Annotated

import typer

from dangjian.commands.common import fail


def register(app: typer.Typer) -> None:
    app.command("docs")(docs)


def docs(name: Annotated[str | None, typer.Argument(help="文档名，如 records、rules、templates", metavar="文档名")] = None) -> None:
    """显示随 dangjian 安装的使用文档；不带名称时列出全部文档及其位置。"""
    from importlib import resources

    folder = resources.files("dangjian").joinpath("docs")
    names = sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".md"))
    if name is None:
        typer.echo(f"文档目录：{folder}")
        for item in names:
            typer.echo(f"  dangjian docs {item}")
        return
    key = name.removeprefix("docs/").removesuffix(".md")
    if key not in names:
        raise fail(f"没有名为“{name}”的文档；可用：{'、'.join(names)}", 2)
    typer.echo(folder.joinpath(f"{key}.md").read_text(encoding="utf-8"))
