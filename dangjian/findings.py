"""Findings: what rules and the loader report, and how they sort."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from dangjian.emit import escape_field
from dangjian.limits import (
    EXCERPT_LINE_MAX,
    EXCERPT_LINES,
    FINDINGS_PER_FILE,
    FINDINGS_PER_RULE,
    MESSAGE_MAX,
    more_message,
)
from dangjian.located import Loc


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
    return "\n".join(cap(line, EXCERPT_LINE_MAX) for line in text.split("\n")[:EXCERPT_LINES])


def cap_findings(findings: list[Finding]) -> list[Finding]:
    """At most FINDINGS_PER_RULE findings of one rule and FINDINGS_PER_FILE of one file, in the
    order given; what is left out is one summary finding per file and rule ("另有 N 个同类问题"),
    which also takes in the summaries the loader and the rules already made."""
    per_rule: dict[tuple[str, str], int] = {}
    per_file: dict[str, int] = {}
    hidden: dict[tuple[str, str], tuple[Finding, int]] = {}
    kept: list[Finding] = []
    for f in findings:
        group = (f.loc.path, f.rule)
        if f.more:
            first, count = hidden.get(group, (f, 0))
            hidden[group] = (first, count + f.more)
            continue
        per_rule[group] = per_rule.get(group, 0) + 1
        per_file[f.loc.path] = per_file.get(f.loc.path, 0) + 1
        if per_rule[group] <= FINDINGS_PER_RULE and per_file[f.loc.path] <= FINDINGS_PER_FILE:
            kept.append(f)
        else:
            first, count = hidden.get(group, (f, 0))
            hidden[group] = (first, count + 1)
    if not hidden:
        return kept
    for first, count in hidden.values():
        kept.append(Finding(first.loc, first.rule, first.severity, more_message(count), first.clauses, more=count))
    return sorted(kept, key=Finding.sort_key)


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
    more: int = 0  # a summary line: it stands for this many problems not listed (limits.more_message)


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
    more: int = 0  # a summary line standing for this many findings not listed (cap_findings)

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
