"""What several commands share: finding the record repository, parsing dates, exiting."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer

from dangjian.locate import NotARepository, locate_root
from dangjian.locate import display_prefix as display_prefix  # re-exported for the commands


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a Chinese error to stderr and return the Exit to raise."""
    print(f"dangjian：{message}", file=sys.stderr)
    return typer.Exit(code)


def resolve_root(path: Path | None) -> Path:
    """The record repository for PATH (see dangjian.locate); exit 2 when there is none."""
    try:
        return locate_root(path)
    except NotARepository as exc:
        raise fail(str(exc)) from None


def parse_day(text: str | None, option: str = "--as-of") -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise fail(f"{option} 的日期“{text}”无效，应写成 YYYY-MM-DD，如 2026-10-31") from None


