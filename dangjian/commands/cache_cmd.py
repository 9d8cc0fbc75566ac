"""`dangjian cache clear`: remove the cache of findings (it lives outside the records)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    from dangjian.cli_locale import App

    group = App(help="管理校验结果的缓存（位于记录库之外，见 docs/performance.md）。", no_args_is_help=True)
    group.command("clear")(clear)
    group.command("path")(path)
    app.add_typer(group, name="cache")


def clear() -> None:
    """删除缓存（只删除 dangjian 自己的缓存项，不动目录中的其他文件）。"""
    from dangjian import cache

    directory = cache.default_dir().expanduser()
    removed = cache.clear(directory)
    typer.echo(f"已清除缓存 {directory}（{removed} 个文件）" if removed else f"缓存 {directory} 本来就是空的")


def path() -> None:
    """显示缓存目录的位置。"""
    from dangjian import cache

    typer.echo(str(cache.default_dir().expanduser()))
