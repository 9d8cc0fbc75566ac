"""Inline suppressions: `# dangjian: ignore[rule-id] 原因` on a YAML line silences that rule there.

    - 日期: 2026-02-12  # dangjian: ignore[theme-day-off-schedule] 春节调休，经街道党工委同意

Several ids may be given, separated by commas. A suppression must say why: one without a
reason silences nothing and is itself a finding (suppression-without-reason), as is one that
names no rule or an unknown rule (suppression-invalid).

`apply()` is the pure part: findings and a way to read a file's lines in, the findings kept,
the suppressions applied and the problems out. This module knows nothing of the rule
registry; engine.settle_with applies it with the registry's ids and severities.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from dangjian.decode import decode_record
from dangjian.findings import Finding, Problem
from dangjian.located import Loc

WITHOUT_REASON = "suppression-without-reason"
INVALID = "suppression-invalid"
_COMMENT = re.compile(r"(?:^|\s)#\s*dangjian\s*:\s*ignore\b(?P<rest>.*)$")
_SPEC = re.compile(r"^\s*\[(?P<ids>[^\]]*)\](?P<reason>.*)$")
_LEAD = " \t:：-—,，;；"


@dataclass(frozen=True)
class Suppression:
    """One rule silenced on one line, and why."""

    file: str
    line: int
    rule: str
    reason: str


@dataclass(frozen=True)
class Directive:
    file: str
    line: int
    col: int
    rules: tuple[str, ...]
    reason: str


@dataclass
class Result:
    kept: list[Finding] = field(default_factory=list)
    applied: list[Suppression] = field(default_factory=list)
    problems: list[tuple[str, Problem]] = field(default_factory=list)  # (rule id, problem)


def directives(path: str, lines: list[str], known: set[str] | None = None) -> tuple[list[Directive], list]:
    """The usable directives of one file, and (rule id, Problem) for every unusable one."""
    found, problems = [], []
    for number, text in enumerate(lines, start=1):
        match = _COMMENT.search(text)
        if not match:
            continue
        col = match.start() + (1 if text[match.start()] == "#" else 2)
        where = Loc(path, number, col)
        spec = _SPEC.match(match.group("rest"))
        ids = tuple(i.strip() for i in spec.group("ids").split(",") if i.strip()) if spec else ()
        if not ids:
            problems.append((INVALID, Problem(where, "忽略注释应写成 # dangjian: ignore[规则编号] 原因（规则编号见 dangjian rules）")))
            continue
        unknown = [i for i in ids if known is not None and i not in known]
        problems.extend(unknown_id(where, rule_id) for rule_id in unknown)
        reason = spec.group("reason").strip(_LEAD)
        if not reason:
            problems.append((WITHOUT_REASON, Problem(where, f"忽略 {'、'.join(ids)} 的注释没有写明原因，不生效；"
                                                            "请在“]”后写明为什么可以不按此规则办理")))
            continue
        usable = tuple(i for i in ids if i not in unknown and i not in (WITHOUT_REASON, INVALID))
        if usable:
            found.append(Directive(path, number, col, usable, reason))
    return found, problems


def unknown_id(where: Loc, rule_id: str) -> tuple[str, Problem]:
    return INVALID, Problem(where, f"忽略注释中的规则编号“{rule_id}”不存在（见 dangjian rules）", key=rule_id)


def unchecked(path: str, lines: list[str]) -> list[tuple[str, Problem]]:
    """The problems of a file's ignore comments for a reader without the rule registry: every
    id named is reported as unknown, keyed by the id; engine.stamp_problems drops those that
    name a rule (the registry is the engine's, and the file reader must not import it)."""
    return directives(path, lines, frozenset())[1]


def apply(findings: Iterable[Finding], read_lines: Callable[[str], list[str] | None],
          files: Iterable[str] = (), known: set[str] | None = None) -> Result:
    """Silence the findings that a directive on their own line names; report unusable directives.

    `read_lines(path)` gives a file's lines (None when it cannot be read); the files of the
    findings are scanned, and `files` too, so that an unusable directive is found anywhere."""
    findings = list(findings)
    result = Result()
    by_line: dict[tuple[str, int], Directive] = {}
    for path in sorted({f.loc.path for f in findings} | set(files)):
        lines = read_lines(path)
        if lines is None:
            continue
        found, problems = directives(path, lines, known)
        result.problems.extend(problems)
        by_line.update({(d.file, d.line): d for d in found})
    seen: set[tuple[str, int, str]] = set()
    for finding in findings:
        directive = by_line.get((finding.loc.path, finding.loc.line))
        if directive and finding.rule in directive.rules:
            if (directive.file, directive.line, finding.rule) not in seen:
                seen.add((directive.file, directive.line, finding.rule))
                result.applied.append(Suppression(directive.file, directive.line, finding.rule, directive.reason))
        else:
            result.kept.append(finding)
    return result


def reader(source) -> Callable[[str], list[str] | None]:
    """read_lines for `apply` from a Source (WorkTree, GitTree …): decoded text split into lines."""
    def read_lines(path: str) -> list[str] | None:
        try:
            data = source.read(path)
        except (OSError, KeyError, ValueError):
            return None
        if b"dangjian" not in data:  # most files: no directive, no need to decode (warm runs read all)
            return []
        text, _ = decode_record(data)
        return None if text is None else text.split("\n")

    return read_lines
