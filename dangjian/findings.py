"""Findings: what rules and the loader report, and how they sort."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from dangjian.emit import escape_field
from dangjian.located import Loc

MESSAGE_MAX = 400  # characters of a message; a value quoted in it is cut beyond this
EXCERPT_LINE_MAX = 160  # characters of each excerpt line


def cap(text: str, limit: int = MESSAGE_MAX) -> str:
    if len(text) <= limit:
        return text
    end = limit
    while end > 0 and text[end - 1].isdigit() and text[end].isdigit():
        end -= 1  # never cut inside a number: half an ID number would escape masking
    return text[:end] + f"…（已截断，共 {len(text)} 个字符）"


def cap_excerpt(text: str) -> str:
    if len(text) <= EXCERPT_LINE_MAX:
        return text
    return "\n".join(cap(line, EXCERPT_LINE_MAX) for line in text.split("\n")[:8])


class Severity(enum.IntEnum):
    NOTE = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return {Severity.NOTE: "提示", Severity.WARNING: "警告", Severity.ERROR: "错误"}[self]

    @classmethod
    def parse(cls, text: str) -> Severity:
        names = {"错误": cls.ERROR, "error": cls.ERROR, "警告": cls.WARNING, "warning": cls.WARNING,
                 "提示": cls.NOTE, "note": cls.NOTE, "info": cls.NOTE}
        try:
            return names[str(text).strip().lower()]
        except KeyError:
            raise ValueError(f"未知的级别“{text}”，可用：错误、警告、提示") from None


@dataclass(frozen=True)
class Problem:
    """What a rule yields: where and what. The engine stamps rule id, severity and clauses."""

    loc: Loc
    message: str
    key: str = ""  # a stable key (member id, month…) for fingerprints that survive line moves
    related: tuple[Loc, ...] = ()
    excerpt: str = ""


@dataclass(frozen=True)
class Finding:
    loc: Loc
    rule: str
    severity: Severity
    message: str
    clauses: tuple[str, ...] = ()
    key: str = ""
    related: tuple[Loc, ...] = field(default=(), compare=False)
    excerpt: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # Every finding passes here: a quoted record value cannot forge a line of output (a CI
        # workflow command), send terminal escapes or reorder text with bidi controls, and a
        # huge line quoted in an excerpt is cut (a 5 MB bad line gives a short finding).
        message, excerpt = escape_field(cap(self.message)), escape_field(cap_excerpt(self.excerpt), True)
        if message is not self.message:
            object.__setattr__(self, "message", message)
        if excerpt is not self.excerpt:
            object.__setattr__(self, "excerpt", excerpt)

    def sort_key(self) -> tuple:
        return (self.loc.path, self.loc.line, self.loc.col, self.rule, self.message)
