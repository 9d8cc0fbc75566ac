"""Name order for rosters: 按姓氏笔画 (GF 3003-1999) or by pinyin with surname readings.

Stroke order: the first character's stroke count, then its strokes in the order 横竖撇点折,
then the following characters. Under 姓氏笔画 (the default, as at 党代会) a two-character
name has a blank in the middle that counts as zero strokes, so 田富 comes before 田大利;
under 姓名笔画 the real second character is compared, so 田大利 comes first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from typing import TypeVar

from dangjian.report.surnames import COMPOUND_SURNAMES, SURNAME_READINGS

T = TypeVar("T")
SORT_MODES = {"stroke": "按姓氏笔画", "stroke-full": "按姓名笔画", "pinyin": "按姓氏拼音"}
IGNORED = set("·•・.． 　")  # the middle dot of names such as 买买提·艾力, and spaces
_BLANK = (0, (), 0)


@cache
def _table() -> tuple[dict[str, str], str, int]:
    data = json.loads(resources.files("dangjian").joinpath("data/strokes.json").read_text(encoding="utf-8"))
    return data["order"], data["counts"], data["counts_first"]


def char_key(char: str) -> tuple[int, tuple[int, ...], int] | None:
    """(stroke count, stroke classes, code point); None when no stroke data is known."""
    order, counts, first = _table()
    sequence = order.get(char)
    count = 0
    if first <= ord(char) < first + len(counts):
        count = ord(counts[ord(char) - first]) - 48
    if sequence is None and count == 0:
        return None
    strokes = tuple(int(s) for s in sequence) if sequence else (9,)  # unknown order: after the known ones
    return (count or len(strokes), strokes, ord(char))


def stroke_key(name: str, blank_as_zero: bool = True) -> tuple:
    """Sort key for a name; characters without stroke data go last, by code point."""
    chars = [c for c in name if c not in IGNORED]
    keys = [char_key(c) or (999, (), ord(c)) for c in chars]
    if blank_as_zero and len(keys) == 2:
        keys.insert(1, _BLANK)
    return tuple(keys)


def unknown_chars(names: Iterable[str]) -> list[str]:
    """Characters without stroke data, for a warning."""
    return sorted({c for name in names for c in name if c not in IGNORED and char_key(c) is None})


def _syllables(name: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin  # 0.3 s to import: only when sorting by pinyin

    surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s)), name[:1])
    if surname in COMPOUND_SURNAMES:
        head = COMPOUND_SURNAMES[surname]
    elif surname in SURNAME_READINGS:
        head = [SURNAME_READINGS[surname]]
    else:  # pypinyin reads a surname as an ordinary word: 曾 céng, 单 dān — hence the tables
        head = lazy_pinyin(surname, style=Style.TONE3, neutral_tone_with_five=True)
    rest = lazy_pinyin(name[len(surname):], style=Style.TONE3, neutral_tone_with_five=True)
    return [*head, *rest]


def pinyin_key(name: str) -> tuple:
    """Letters first, then tones, then strokes — as a pinyin index orders entries."""
    clean = "".join(c for c in name if c not in IGNORED)
    syllables = _syllables(clean)
    letters = tuple(s.rstrip("012345") for s in syllables)
    tones = tuple(int(s[-1]) if s[-1:].isdigit() else 0 for s in syllables)
    return (letters, tones, stroke_key(clean, blank_as_zero=False))


def surname_pinyin(name: str) -> str:
    """曾国藩 → zeng1 guo2 fan1 (for checks and the docs)."""
    return " ".join(_syllables(name))


def sort_by_name(items: Iterable[T], name_of: Callable[[T], str], mode: str = "stroke",
                 tiebreak: Callable[[T], str] = lambda _: "") -> list[T]:
    if mode not in SORT_MODES:
        raise ValueError(mode)
    if mode == "pinyin":
        def key(item: T) -> tuple:
            return (pinyin_key(name_of(item) or ""), tiebreak(item))
    else:
        full = mode == "stroke-full"

        def key(item: T) -> tuple:
            return (stroke_key(name_of(item) or "", blank_as_zero=not full), tiebreak(item))
    return sorted(items, key=key)
