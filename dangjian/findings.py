"""Findings: what rules and the loader report, and how they sort."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from dangjian.located import Loc


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

    def sort_key(self) -> tuple:
        return (self.loc.path, self.loc.line, self.loc.col, self.rule, self.message)
