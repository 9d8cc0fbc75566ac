"""What several commands share: finding the record repository, parsing dates, exiting."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer

from dangjian.loader import find_root

PROJECT_RECORDS = Path(__file__).resolve().parent.parent.parent / "records"


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a Chinese error to stderr and return the Exit to raise."""
    print(f"dangjian：{message}", file=sys.stderr)
    return typer.Exit(code)


def resolve_root(path: Path | None) -> Path:
    """The record repository for PATH; without PATH, the one around the current directory,
    else records/ inside this project. Exit 2 when there is none."""
    if path is None:
        root = find_root(Path.cwd())
        if root is None and (Path.cwd() / "records" / "dangjian.yaml").is_file():
            root = (Path.cwd() / "records").resolve()
        if root is None and (PROJECT_RECORDS / "dangjian.yaml").is_file():
            root = PROJECT_RECORDS
        if root is None:
            raise fail("当前目录不在台账记录库中（找不到 dangjian.yaml）；请指定记录库目录，"
                       "或用 dangjian init 新建一个")
        return root
    if not path.exists():
        raise fail(f"路径不存在：{path}")
    root = find_root(path)
    if root is None:
        raise fail(f"{path} 不是台账记录库（在它和上级目录中找不到 dangjian.yaml）")
    return root


def parse_day(text: str | None, option: str = "--as-of") -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise fail(f"{option} 的日期“{text}”无效，应写成 YYYY-MM-DD，如 2026-10-31") from None


def display_prefix(root: Path) -> str:
    """How to show the repository root in paths: relative to the current directory if inside it."""
    try:
        return root.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return root.as_posix()
