"""The validation findings a report shows: the engine's, split by the organisation they concern."""

from __future__ import annotations

import datetime as dt

from dangjian.clauses import cite_all
from dangjian.findings import Finding
from dangjian.model import BranchRecords
from dangjian.report.common import Source


def owner_of(path: str, directories: list[str]) -> str | None:
    """The deepest organisation directory holding `path` (sub-branches live inside 党总支)."""
    best = None
    for directory in directories:
        if directory and path.startswith(directory + "/") and (best is None or len(directory) > len(best)):
            best = directory
    return best


def _deepest(path: str, directories: set[str]) -> str | None:
    """owner_of for a set of directories: look the path's own parents up, deepest first."""
    parts = path.split("/")
    for end in range(len(parts) - 1, 0, -1):
        candidate = "/".join(parts[:end])
        if candidate in directories:
            return candidate
    return None


def _row(finding: Finding, directory: str) -> dict:
    path = finding.loc.path
    shown = path[len(directory) + 1:] if directory and path.startswith(directory + "/") else path
    try:
        clauses = cite_all(finding.clauses)
    except KeyError:  # a clause id the catalogue lacks: show the ids
        clauses = "、".join(finding.clauses)
    return {"severity": finding.severity.label, "rule": finding.rule, "message": finding.message,
            "clauses": clauses, "file": shown, "line": finding.loc.line}


def owned(source: Source, day: dt.date) -> dict[str | None, list[Finding]]:
    """The findings on `day` by the organisation directory they concern (None: the repository's),
    sorted out once per run rather than once per organisation."""
    if day not in source._owned:
        directories = {b.directory for b in source.repo.branches if b.directory}
        by_owner: dict[str | None, list[Finding]] = {}
        for finding in source.findings_on(day):
            by_owner.setdefault(_deepest(finding.loc.path, directories), []).append(finding)
        source._owned[day] = by_owner
    return source._owned[day]


def for_branch(source: Source, branch: BranchRecords) -> list[dict]:
    return [_row(f, branch.directory) for f in owned(source, source.as_of).get(branch.directory, [])]


def new_in_period(source: Source, branch: BranchRecords) -> list[dict]:
    """Findings as of the period's end that were not there the day before it began: the month's own."""
    before = set(owned(source, source.period.start - dt.timedelta(days=1)).get(branch.directory, []))
    return [_row(f, branch.directory) for f in owned(source, source.as_of).get(branch.directory, [])
            if f not in before]


def for_repository(source: Source) -> list[dict]:
    return [_row(f, "") for f in owned(source, source.as_of).get(None, [])]


def tally(rows: list[dict]) -> dict:
    return {"errors": sum(r["severity"] == "错误" for r in rows), "warnings": sum(r["severity"] == "警告" for r in rows),
            "notes": sum(r["severity"] == "提示" for r in rows)}
