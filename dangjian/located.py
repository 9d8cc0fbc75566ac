"""Parsed YAML values that remember where they stood in the file.

Both parsers (the fast PyYAML path and ruamel's) produce these, so the model never
depends on which parser read the file.
"""

from __future__ import annotations

from typing import NamedTuple


class Loc(NamedTuple):
    """A 1-based position in a repository-relative file (a tuple: cheap to make by the million)."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class LMap(dict):
    """A mapping with the position of the mapping, of each key and of each value (1-based)."""

    __slots__ = ("key_pos", "pos", "val_pos")

    def __init__(self, pos: tuple[int, int]) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict = {}
        self.val_pos: dict = {}


class LList(list):
    """A sequence with its own position and the position of each item (1-based)."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: tuple[int, int]) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list = []
