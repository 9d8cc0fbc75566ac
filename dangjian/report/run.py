"""Make the reports one command asks for: contexts for each organisation (and the street
summary), rendered in each format, written to the output directory."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from dangjian.context import RunContext
from dangjian.loader import load_lazy
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
    force: bool = False  # overwrite existing output files this tool did not make


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
    return summary_of(source, kind, [kind.row(c) for c in contexts], sorted({n for c in contexts for n in _notes(c)}))


def summary_of(source: Source, kind: kinds.ReportKind, rows: list[list], notes: list[str]) -> dict:
    """The street summary from each organisation's row (kind.row) and notes (_notes)."""
    street = source.repo.config.name or ""
    context = header(source, f"{street}{titled(source.period.label, kind.title)}汇总", None)
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
    """Build, render and write one organisation's report at a time: a district's 1,000 contexts are
    never held together, only their summary rows (and the rendered files until they are named)."""
    repo = repo or load_lazy(request.root)
    source = Source(repo, request.period, request.run, request.sort)
    branches = chosen_branches(repo, request)
    envs = render.Environments()
    rendered, stems, rows, notes = [], [], [], set()
    for branch in branches:
        context = request.kind.build(source, branch)
        stems.append(stem_for(context, request.period))
        rendered.append([render_one(request, context, fmt, False, envs) for fmt in request.formats])
        if request.every:
            rows.append(request.kind.row(context))
            notes.update(_notes(context))
        source.release(branch)
    jobs = list(zip(rendered, unique(stems, [b.id for b in branches]), strict=True))
    if request.every:
        summary = summary_of(source, request.kind, rows, sorted(notes))
        jobs.append(([render_one(request, summary, fmt, True, envs) for fmt in request.formats],
                     stem_for(summary, request.period)))
    from dangjian import emit

    if request.out_dir.exists() and not request.out_dir.is_dir():
        raise ReportError(f"{request.out_dir} 已存在且不是目录；-o 应指定输出目录")
    try:
        request.out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(emit.disk_message(exc, request.out_dir)) from None
    result = Result(notes=source.notes)
    for outputs, stem in jobs:
        for fmt, data in zip(request.formats, outputs, strict=True):
            path = output_path(request.out_dir, stem, fmt)
            try:
                emit.write_output(path, data, request.force, request.root)
            except emit.OutputRefused as exc:
                raise ReportError(str(exc)) from None
            result.written.append(path)
    return result


def render_one(request: Request, context: dict, fmt: str, is_summary: bool = False,
               envs: render.Environments | None = None) -> bytes:
    if fmt == "json":
        return (json.dumps(context, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    found = templates.find(request.root, request.kind.name, fmt, is_summary)
    if fmt == "md":
        search = [folder for folder, _ in templates.search_path(request.root)]
        return render.markdown(search, found.name, context, found.shown, request.seconds,
                               envs=envs).encode("utf-8")
    return render.docx(found.path, context, found.shown, request.seconds, envs=envs)
