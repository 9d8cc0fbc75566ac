"""Make the reports one command asks for: contexts for each organisation (and the street
summary), rendered in each format, written to the output directory."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from dangjian.context import RunContext
from dangjian.loader import load_repository
from dangjian.model import BranchRecords
from dangjian.report import findings, kinds, render, templates
from dangjian.report.common import Period, Source, branch_label, header, titled
from dangjian.report.filenames import output_path, unique
from dangjian.report.sandbox import ReportError
from dangjian.report.timelimit import DEFAULT_SECONDS

FORMATS = ("md", "docx", "json")


@dataclass
class Request:
    kind: kinds.ReportKind
    root: Path
    period: Period
    run: RunContext  # the command's: checking day, parameters, masking
    branch: str | None = None  # one organisation's 编号; None with every=True
    every: bool = False
    formats: tuple[str, ...] = ("md",)
    out_dir: Path = Path("out")
    sort: str = "stroke"
    seconds: float = DEFAULT_SECONDS


@dataclass
class Result:
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def chosen_branches(repo, request: Request) -> list[BranchRecords]:
    readable = [b for b in repo.branches if b.info is not None]
    if request.every:
        return sorted(readable, key=lambda b: b.directory)
    found = repo.branch(request.branch)
    if found is None or found.info is None:
        known = "、".join(f"{b.id}（{branch_label(b)}）" for b in readable) or "（没有）"
        raise ReportError(f"记录库中没有编号为“{request.branch}”的党组织；可用的编号：{known}")
    return [found]


def summary_context(source: Source, kind: kinds.ReportKind, contexts: list[dict]) -> dict:
    street = source.repo.config.name or ""
    context = header(source, f"{street}{titled(source.period.label, kind.title)}汇总", None)
    rows = [kind.row(c) for c in contexts]
    notes = sorted({n for c in contexts for n in _notes(c)})
    context.update({"kind_title": kind.title, "columns": list(kind.columns), "rows": rows,
                    "totals": kinds.totals(kind, rows), "notes": notes,
                    "findings": findings.for_repository(source)})
    return context


def _notes(context: dict) -> list[str]:
    """Explanations of unavailable figures, wherever a context carries them."""
    out = []
    for key in ("dues", "totals", "next_month"):
        value = context.get(key)
        if isinstance(value, dict) and value.get("note"):
            out.append(value["note"])
    return out


def stem_for(context: dict, period: Period) -> str:
    title = context["title"]
    return title if period.label in title else f"{title}-{period.label}"


def produce(request: Request, repo=None) -> Result:
    repo = repo or load_repository(request.root)
    source = Source(repo, request.period, request.run, request.sort)
    branches = chosen_branches(repo, request)
    contexts = [request.kind.build(source, b) for b in branches]
    stems = unique([stem_for(c, request.period) for c in contexts], [b.id for b in branches])
    jobs = [(c, s, False) for c, s in zip(contexts, stems, strict=True)]
    if request.every:
        summary = summary_context(source, request.kind, contexts)
        jobs.append((summary, stem_for(summary, request.period), True))
    request.out_dir.mkdir(parents=True, exist_ok=True)
    result = Result(notes=source.notes)
    for context, stem, is_summary in jobs:
        for fmt in request.formats:
            path = output_path(request.out_dir, stem, fmt)
            data = render_one(request, context, fmt, is_summary)
            path.write_bytes(data)
            result.written.append(path)
    return result


def render_one(request: Request, context: dict, fmt: str, is_summary: bool = False) -> bytes:
    if fmt == "json":
        return (json.dumps(context, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    found = templates.find(request.root, request.kind.name, fmt, is_summary)
    if fmt == "md":
        search = [folder for folder, _ in templates.search_path(request.root)]
        return render.markdown(search, found.name, context, found.shown, request.seconds).encode("utf-8")
    return render.docx(found.path, context, found.shown, request.seconds)
