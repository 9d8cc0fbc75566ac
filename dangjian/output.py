"""Formatters: one function per output format, all over the same findings.

The exit code never depends on the format. Machine formats go to stdout only.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable

from dangjian import __version__
from dangjian.clauses import cite, cite_all
from dangjian.findings import Finding, Severity

FORMATS = ("text", "parsable", "json", "sarif", "github", "gitlab")
INFO_URI = "https://example.invalid/dangjian"  # no public home yet; SARIF wants a URI-shaped value
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def display_path(finding: Finding, prefix: str) -> str:
    return f"{prefix}/{finding.loc.path}" if prefix not in ("", ".") else finding.loc.path


def basis(finding: Finding) -> str:
    return f"（依据：{cite_all(finding.clauses)}）" if finding.clauses else ""


def fingerprint(finding: Finding) -> str:
    stable = finding.key or finding.message
    return hashlib.sha1(f"{finding.rule}\0{finding.loc.path}\0{stable}".encode()).hexdigest()[:16]


def summary(findings: list[Finding]) -> dict:
    count = {s: 0 for s in Severity}
    for f in findings:
        count[f.severity] += f.more or 1  # a summary line stands for the findings it did not list
    return {"errors": count[Severity.ERROR], "warnings": count[Severity.WARNING], "notes": count[Severity.NOTE]}


def summary_line(findings: list[Finding], files: int) -> str:
    s = summary(findings)
    if not findings:
        return f"检查了 {files} 个文件，没有发现问题。"
    return f"检查了 {files} 个文件：错误 {s['errors']} 项，警告 {s['warnings']} 项，提示 {s['notes']} 项。"


def use_colour() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (sys.stdout.isatty() and os.environ.get("TERM") != "dumb")


def suppression_lines(suppressed, prefix: str) -> list[str]:
    """What inline ignore comments silenced, so that a silenced finding is never invisible."""
    if not suppressed:
        return []
    lines = [f"按注释忽略了 {len(suppressed)} 项："]
    for s in suppressed:
        path = f"{prefix}/{s.file}" if prefix not in ("", ".") else s.file
        lines.append(f"  {path}:{s.line}  [{s.rule}]  原因：{s.reason}")
    return lines


def text(findings: list[Finding], prefix: str, files: int, colour: bool = False, suppressed=()) -> str:
    paint = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.NOTE: "\033[36m"}
    bold, dim, reset = ("\033[1m", "\033[2m", "\033[0m") if colour else ("", "", "")
    lines: list[str] = []
    current = None
    for f in findings:
        path = display_path(f, prefix)
        if path != current:
            if current is not None:
                lines.append("")
            lines.append(f"{bold}{path}{reset}")
            current = path
        level = f"{paint[f.severity] if colour else ''}{f.severity.label}{reset}"
        lines.append(f"  {f.loc.line}:{f.loc.col}  {level}  {f.message}  {dim}[{f.rule}]{reset}")
        for cid in f.clauses:
            lines.append(f"        {dim}依据：{cid} {cite(cid)}{reset}")
        if f.excerpt:
            lines.extend("      " + x for x in f.excerpt.splitlines())
    if findings:
        lines.append("")
    if suppressed:
        lines.extend([*suppression_lines(suppressed, prefix), ""])
    lines.append(summary_line(findings, files))
    return "\n".join(lines)


def parsable(findings: list[Finding], prefix: str) -> str:
    return "\n".join(f"{display_path(f, prefix)}:{f.loc.line}:{f.loc.col}: {f.severity.label} [{f.rule}] "
                     f"{f.message}{basis(f)}" for f in findings)


def _clauses_json(ids: Iterable[str]) -> list[dict]:
    return [{"id": cid, "citation": cite(cid)} for cid in ids]


def as_json(findings: list[Finding], prefix: str, files: int, as_of: str, suppressed=()) -> str:
    doc = {
        "version": 1,
        "tool": {"name": "dangjian", "version": __version__},
        "as_of": as_of,
        "summary": {**summary(findings), "files": files},
        "findings": [{
            "path": display_path(f, prefix), "line": f.loc.line, "column": f.loc.col,
            "rule": f.rule, "severity": _LEVEL[f.severity], "severity_label": f.severity.label,
            "message": f.message, "clauses": _clauses_json(f.clauses), "fingerprint": fingerprint(f),
            "related": [{"path": display_path(Finding(r, "", f.severity, ""), prefix), "line": r.line,
                         "column": r.col} for r in f.related],
            **({"more": f.more} if f.more else {}),
        } for f in findings],
        "suppressions": [{"path": f"{prefix}/{s.file}" if prefix not in ("", ".") else s.file, "line": s.line,
                          "rule": s.rule, "reason": s.reason} for s in suppressed],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def sarif(findings: list[Finding], prefix: str, rules: list) -> str:
    used = sorted({f.rule for f in findings})
    by_id = {r.id: r for r in rules}
    index = {rule_id: i for i, rule_id in enumerate(used)}

    def location(path: str, line: int, col: int) -> dict:
        return {"physicalLocation": {"artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
                                     "region": {"startLine": line, "startColumn": col}}}

    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "dangjian", "version": __version__, "informationUri": INFO_URI,
                "rules": [{
                    "id": rid, "name": rid,
                    "shortDescription": {"text": by_id[rid].summary},
                    "fullDescription": {"text": by_id[rid].summary + (
                        f"（依据：{cite_all(by_id[rid].clauses)}）" if by_id[rid].clauses else "")},
                    "defaultConfiguration": {"level": _LEVEL[by_id[rid].severity]},
                    "properties": {"clauses": list(by_id[rid].clauses)},
                } for rid in used]}},
            "columnKind": "unicodeCodePoints",
            "results": [{
                "ruleId": f.rule, "ruleIndex": index[f.rule], "level": _LEVEL[f.severity],
                "message": {"text": f.message + basis(f)},
                "locations": [location(display_path(f, prefix), f.loc.line, f.loc.col)],
                "partialFingerprints": {"dangjianFingerprint/v1": fingerprint(f)},
                **({"relatedLocations": [
                    {"id": i, **location(display_path(Finding(r, "", f.severity, ""), prefix), r.line, r.col)}
                    for i, r in enumerate(f.related)]} if f.related else {}),
                **({"properties": {"more": f.more}} if f.more else {}),
            } for f in findings],
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding], prefix: str) -> str:
    """GitHub Actions workflow commands (escaping as in actions/toolkit command.ts)."""
    command = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
    out = []
    for f in findings:
        props = ",".join(f"{k}={_escape_property(str(v))}" for k, v in (
            ("file", display_path(f, prefix)), ("line", f.loc.line), ("col", f.loc.col),
            ("title", f"dangjian [{f.rule}]")))
        out.append(f"::{command[f.severity]} {props}::{_escape_data(f.message + basis(f))}")
    return "\n".join(out)


def gitlab(findings: list[Finding], prefix: str) -> str:
    severity = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.NOTE: "info"}
    seen: dict[str, int] = {}
    items = []
    for f in findings:
        fp = fingerprint(f)
        seen[fp] = seen.get(fp, 0) + 1
        if seen[fp] > 1:  # GitLab shows only the first issue with a given fingerprint
            fp = hashlib.sha1(f"{fp}{seen[fp]}".encode()).hexdigest()[:16]
        items.append({"description": f.message + basis(f), "check_name": f.rule, "fingerprint": fp,
                      "severity": severity[f.severity],
                      "location": {"path": display_path(f, prefix), "lines": {"begin": f.loc.line}}})
    return json.dumps(items, ensure_ascii=False, indent=2)
