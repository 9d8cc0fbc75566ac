"""The validation findings a report shows: the engine's, split by the organisation they concern."""

from __future__ import annotations

import datetime as dt

from dangjian.clauses import cite_all
from dangjian.findings import Finding
from dangjian.model import BranchRecords
from dangjian.report.common import Source


def _row(finding: Finding, directory: str) -> dict:
    path = finding.loc.path
    shown = path[len(directory) + 1:] if directory and path.startswith(directory + "/") else path
    try:
        clauses = cite_all(finding.clauses)
    except KeyError:  # a clause id the catalogue lacks: show the ids
        clauses = "、".join(finding.clauses)
    return {"severity": finding.severity.label, "rule": finding.rule, "message": finding.message,
            "clauses": clauses, "file": shown, "line": finding.loc.line}


def for_branch(source: Source, branch: BranchRecords) -> list[dict]:
    return [_row(f, branch.directory) for f in source.judge.owned(branch.directory, source.as_of)]


def new_in_period(source: Source, branch: BranchRecords) -> list[dict]:
    """Findings as of the period's end that were not there the day before it began: the month's own."""
    before = source.period.start - dt.timedelta(days=1)
    return [_row(f, branch.directory) for f in source.judge.new_since(branch.directory, source.as_of, before)]


def for_repository(source: Source) -> list[dict]:
    return [_row(f, "") for f in source.judge.owned(None, source.as_of)]


def tally(rows: list[dict]) -> dict:
    return {"errors": sum(r["severity"] == "错误" for r in rows), "warnings": sum(r["severity"] == "警告" for r in rows),
            "notes": sum(r["severity"] == "提示" for r in rows)}
