"""Which record repository a command works on, and how to show its paths. No typer here:
the validate fast path and the typer commands share it."""

from __future__ import annotations

from pathlib import Path

from dangjian.layout import find_root


class NotARepository(Exception):
    """A path that is not in a record repository; the message is for the user (Chinese)."""


def locate_root(path: Path | None) -> Path:
    """The record repository holding PATH, or the current directory without PATH: the nearest
    directory upwards with a dangjian.yaml. Never a guess: outside one, NotARepository."""
    if path is None:
        root = find_root(Path.cwd())
        if root is None:
            raise NotARepository("当前目录不在台账记录库中（在它和上级目录中找不到 dangjian.yaml）；"
                                 "请指定记录库目录，或用 dangjian init 新建一个")
        return root
    if not path.exists():
        raise NotARepository(f"路径不存在：{path}")
    root = find_root(path)
    if root is None:
        raise NotARepository(f"{path} 不是台账记录库（在它和上级目录中找不到 dangjian.yaml）")
    return root


def display_prefix(root: Path) -> str:
    """How to show the repository root in paths: relative to the current directory if inside it."""
    try:
        return root.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return root.as_posix()
