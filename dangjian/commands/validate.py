"""`dangjian validate`: check records against the regulations. Never writes a record."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dangjian.commands.common import display_prefix, fail, parse_day, resolve_root


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)


FormatOpt = Annotated[str, typer.Option("--format", "-f", help="输出格式：text、parsable、json、sarif、github、gitlab")]


def validate(
    paths: Annotated[list[Path] | None, typer.Argument(help="记录库目录，或其中的文件/目录（只报告这些位置的问题）")] = None,
    output_format: FormatOpt = "text",
    strict: Annotated[bool, typer.Option("--strict", help="警告也视为不通过（退出码 1）")] = False,
    select: Annotated[str | None, typer.Option("--select", help="只运行这些规则（逗号分隔的规则编号）")] = None,
    ignore: Annotated[str | None, typer.Option("--ignore", help="不运行这些规则（逗号分隔的规则编号）")] = None,
    staged: Annotated[bool, typer.Option("--staged", help="检查 git 暂存区中的内容（提交前检查用）")] = False,
    since: Annotated[str | None, typer.Option("--since", help="只报告自某个 git 版本以来改动涉及的问题")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="按哪一天检查（默认今天，北京时间）")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="把结果写入文件而不是屏幕")] = None,
) -> None:
    """校验台账记录是否符合党内法规和本地细则。退出码：0 无错误，1 有错误，2 用法或路径错误。"""
    from dangjian import dates, engine
    from dangjian import output as out
    from dangjian.findings import Severity
    from dangjian.loader import load_repository
    from dangjian.rules import all_rules

    if output_format not in out.FORMATS:
        raise fail(f"未知的输出格式“{output_format}”，可用：{'、'.join(out.FORMATS)}")
    if staged and since:
        raise fail("--staged 和 --since 不能同时使用")
    known = {r.id for r in all_rules()}
    chosen = {s.strip() for s in select.split(",") if s.strip()} if select else None
    skipped = {s.strip() for s in ignore.split(",") if s.strip()} if ignore else None
    for name in (chosen or set()) | (skipped or set()):
        if name not in known:
            raise fail(f"没有编号为“{name}”的规则；用 dangjian rules 查看全部规则")
    day = parse_day(as_of) or dates.today()

    roots: dict[Path, list[Path]] = {}
    for p in paths or [None]:
        root = resolve_root(p)
        roots.setdefault(root, [])
        if p is not None and p.resolve() != root.resolve():
            roots[root].append(p.resolve())

    findings, files = [], 0
    prefix = ""
    for root, limits in roots.items():
        source, changed = None, None
        if staged or since:
            from dangjian.sources import GitTree

            try:
                git_tree = GitTree(root, None)
                changed = git_tree.changed_since(since)
            except Exception as exc:  # not a git repository, bad revision…
                raise fail(f"无法读取 git 信息：{getattr(exc, 'stderr', '') or exc}".strip()) from None
            source = git_tree if staged else None
        repo = load_repository(root, source)
        effective_day = min(day, repo.config.records_until) if repo.config.records_until else day
        found = engine.run(repo, effective_day, chosen, skipped)
        found = _limit(found, repo, root, limits, changed)
        prefix = display_prefix(root)
        findings.extend(found)
        files += len(repo.files) if changed is None else len(changed)

    rendered = _render(output_format, findings, prefix, files, day.isoformat(), all_rules())
    if output:
        output.write_text(rendered + "\n", encoding="utf-8")
    elif rendered:
        sys.stdout.write(rendered + "\n")
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    raise typer.Exit(1 if any(f.severity in failing for f in findings) else 0)


def _render(fmt: str, findings, prefix: str, files: int, as_of: str, rules) -> str:
    from dangjian import output as out

    if fmt == "text":
        return out.text(findings, prefix, files, out.use_colour())
    if fmt == "parsable":
        return out.parsable(findings, prefix)
    if fmt == "json":
        return out.as_json(findings, prefix, files, as_of)
    if fmt == "sarif":
        return out.sarif(findings, prefix, rules)
    if fmt == "github":
        return out.github(findings, prefix)
    return out.gitlab(findings, prefix)


def _limit(findings, repo, root: Path, limits: list[Path], changed: list[str] | None):
    """Keep findings on the given paths, or on the branches that the changed files touch."""
    wanted: list[str] = []
    for p in limits:
        wanted.append(p.relative_to(root.resolve()).as_posix())
    if changed is not None:
        if "dangjian.yaml" in changed:
            return findings  # the profile or a parameter changed: everything may be affected
        touched = {b.directory for b in repo.branches for f in changed
                   if f == b.directory or f.startswith(b.directory + "/")}
        wanted.extend(sorted(touched))
        wanted.extend(changed)
        if not wanted:
            return []
    if not wanted:
        return findings

    def inside(path: str) -> bool:
        return any(path == w or path.startswith(w + "/") for w in wanted)

    return [f for f in findings if inside(f.loc.path) or any(inside(r.path) for r in f.related)]
