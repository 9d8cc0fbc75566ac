"""`dangjian validate`: check records against the regulations. Never writes a record.

The options are declared once, in OPTIONS. Typer builds the command from them, and so does
`fast_main`, which `dangjian.cli.main` calls first: a pre-commit hook runs `validate` many
times a day, and importing typer alone costs more than checking one changed file. The fast
path declines (returns None) whenever it is unsure — `--help`, an unknown option, a
malformed value — and typer then handles the command line exactly as before.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Opt:
    dest: str
    flags: tuple[str, ...]
    kind: type  # bool (a flag), str or Path
    help: str
    metavar: str | None = None  # shown in --help for options that take a value

    @property
    def default(self):
        return DEFAULTS.get(self.dest, False if self.kind is bool else None)


OPTIONS = (
    Opt("output_format", ("--format", "-f"), str, "输出格式：text、parsable、json、sarif、github、gitlab", "格式"),
    Opt("strict", ("--strict",), bool, "警告也视为不通过（退出码 1）"),
    Opt("select", ("--select",), str, "只运行这些规则（逗号分隔的规则编号）", "规则编号"),
    Opt("ignore", ("--ignore",), str, "不运行这些规则（逗号分隔的规则编号）", "规则编号"),
    Opt("staged", ("--staged",), bool, "检查 git 暂存区中的内容（提交前检查用）"),
    Opt("since", ("--since",), str, "只报告自某个 git 版本以来改动涉及的问题", "版本"),
    Opt("as_of", ("--as-of",), str, "按哪一天检查，如 2026-10-31（默认今天，北京时间）", "日期"),
    Opt("output", ("--output", "-o"), Path, "把结果写入文件而不是屏幕", "文件"),
    Opt("force", ("--force",), bool, "允许 -o 覆盖已有的、不是本工具生成的文件"),
    Opt("no_cache", ("--no-cache",), bool, "不使用也不更新缓存（缓存在记录库之外，见 docs/performance.md）"),
    Opt("unmasked", ("--unmasked",), bool, "输出完整的身份证号和手机号（默认打码；会在屏幕上警告）"),
)
DEFAULTS = {"output_format": "text"}
PATHS_HELP = "记录库目录，或其中的文件/目录（只报告这些位置的问题）"
PATHS_METAVAR = "路径"


class UsageError(Exception):
    """A command-line mistake: printed in Chinese, exit code 2."""


def register(app) -> None:
    import inspect
    from typing import Annotated

    import typer

    def validate(**options) -> None:
        """校验台账记录是否符合党内法规和本地细则。退出码：0 无错误，1 有错误，2 用法或路径错误。"""
        try:
            code = run_validate(**options)
        except UsageError as exc:
            print(f"dangjian：{exc}", file=sys.stderr)
            raise typer.Exit(2) from None
        raise typer.Exit(code)

    params = [inspect.Parameter(
        "paths", inspect.Parameter.KEYWORD_ONLY, default=None,
        annotation=Annotated[list[Path] | None, typer.Argument(help=PATHS_HELP, metavar=PATHS_METAVAR)])]
    for opt in OPTIONS:
        annotation = opt.kind if opt.kind is bool else opt.kind | None
        params.append(inspect.Parameter(
            opt.dest, inspect.Parameter.KEYWORD_ONLY, default=opt.default,
            annotation=Annotated[annotation, typer.Option(*opt.flags, help=opt.help, metavar=opt.metavar)]))
    validate.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    validate.__annotations__ = {p.name: p.annotation for p in params}
    app.command("validate")(validate)


def fast_main(argv: list[str]) -> int | None:
    """Run `validate` without typer when `parse_fast` understands ARGV; None to decline."""
    parsed = parse_fast(argv)
    if parsed is None:
        return None
    try:
        return run_validate(**parsed)
    except UsageError as exc:
        print(f"dangjian：{exc}", file=sys.stderr)
        return 2


def parse_fast(argv: list[str]) -> dict | None:
    """The keyword arguments of `run_validate` for ARGV, read from OPTIONS as typer reads them;
    None when unsure (`--help`, an unknown option, a flag given a value, a missing value):
    typer then parses the command line and explains any mistake. tests/test_validate_args.py
    checks that both parsers give the same arguments."""
    by_flag = {flag: opt for opt in OPTIONS for flag in opt.flags}
    values: dict = {opt.dest: opt.default for opt in OPTIONS}
    paths: list[Path] = []
    args = list(argv)
    only_paths = False
    while args:
        arg = args.pop(0)
        if only_paths or not arg.startswith("-") or arg == "-":
            paths.append(Path(arg))
            continue
        if arg == "--":
            only_paths = True
            continue
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        opt = by_flag.get(name)
        if opt is None:
            return None  # --help, a typo, a bundled short option: typer says what is wrong
        if opt.kind is bool:
            if eq:
                return None
            values[opt.dest] = True
            continue
        if eq:
            value = inline
        elif args:
            value = args.pop(0)
        else:
            return None
        values[opt.dest] = opt.kind(value)
    return {"paths": paths or None, **values}


def _resolve_root(path: Path | None) -> Path:
    from dangjian.locate import NotARepository, locate_root

    try:
        return locate_root(path)
    except NotARepository as exc:
        raise UsageError(str(exc)) from None


def _rule_ids(text: str | None) -> set[str] | None:
    return {s.strip() for s in text.split(",") if s.strip()} if text else None


def run_validate(paths: list[Path] | None = None, output_format: str = "text", strict: bool = False,
                 select: str | None = None, ignore: str | None = None, staged: bool = False,
                 since: str | None = None, as_of: str | None = None, output: Path | None = None,
                 no_cache: bool = False, unmasked: bool = False, force: bool = False) -> int:
    """Validate and print; returns the exit code (UsageError for exit 2)."""
    import datetime as dt

    from dangjian.context import clock
    from dangjian.findings import Severity
    from dangjian.output import FORMATS

    if output_format not in FORMATS:
        raise UsageError(f"未知的输出格式“{output_format}”，可用：{'、'.join(FORMATS)}")
    if staged and since is not None:
        raise UsageError("--staged 和 --since 不能同时使用")
    chosen, skipped = _rule_ids(select), _rule_ids(ignore)
    if chosen or skipped:
        from dangjian.rules import all_rules

        known = {r.id for r in all_rules()}
        for name in (chosen or set()) | (skipped or set()):
            if name not in known:
                raise UsageError(f"没有编号为“{name}”的规则；用 dangjian rules 查看全部规则")
    asked = None
    if as_of is not None:
        try:
            asked = dt.date.fromisoformat(as_of)
        except ValueError:
            raise UsageError(f"--as-of 的日期“{as_of}”无效，应写成 YYYY-MM-DD，如 2026-10-31") from None
    today = clock()  # the one reading of the clock for every repository checked
    day = asked or today

    roots: dict[Path, list[Path]] = {}
    for p in paths or [None]:
        root = _resolve_root(p)
        if root not in roots:
            _warn_pin(root)
        roots.setdefault(root, [])
        if p is not None and p.resolve() != root.resolve():
            roots[root].append(p.resolve())

    from dangjian.locate import display_prefix

    findings, files, suppressed = [], 0, []
    prefix = ""
    for root, limits in roots.items():
        found, count = _validate_root(root, limits, asked, today, staged, since, chosen, skipped, no_cache,
                                      not unmasked, suppressed)
        prefix = display_prefix(root)
        findings.extend(found)
        files += count

    from dangjian import emit

    with emit.guarded(mask=not unmasked):
        if unmasked:
            print(_unmasked_warning(), file=sys.stderr)
        rendered = _render(output_format, findings, prefix, files, day.isoformat(), suppressed)
        if output:
            try:
                emit.write_output(output, rendered + "\n", force, next(iter(roots)))
            except emit.OutputRefused as exc:
                raise UsageError(str(exc)) from None
        elif rendered:
            emit.machine_stdout(output_format)
            sys.stdout.write(rendered + "\n")
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return 1 if any(f.severity in failing for f in findings) else 0


def _warn_pin(root: Path) -> None:
    """The repository pins another dangjian version (.dangjian/tool.yaml): say so, naming both."""
    from dangjian import __version__
    from dangjian.pin import mismatch_warning

    warning = mismatch_warning(root, __version__)
    if warning:
        print(warning, file=sys.stderr)


def _unmasked_warning() -> str:
    from dangjian.privacy import UNMASKED_WARNING

    return UNMASKED_WARNING


def _validate_root(root: Path, limits: list[Path], asked, today, staged: bool, since: str | None, chosen,
                   skipped, no_cache: bool, masked: bool, suppressed: list) -> tuple[list, int]:
    from dangjian import incremental
    from dangjian.cache import Cache
    from dangjian.context import RunContext
    from dangjian.sources import WorkTree

    source, changed = WorkTree(root), None
    if staged or since is not None:
        from dangjian.gitio import GitError
        from dangjian.sources import GitTree

        try:
            git_tree = GitTree(root, None)
            changed = git_tree.changed_since(since)
        except (GitError, OSError) as exc:  # not a git work tree, an unknown revision…
            option = "--staged" if staged else "--since"
            raise UsageError(f"{option} 无法使用：{exc}") from None
        if staged:
            source = git_tree
    cache = None if no_cache else Cache.for_repository(root)
    wanted = _wanted_paths(root, limits, changed, source.files())
    in_scope = None if wanted is None else _scope(wanted)
    try:
        # the one run context of this repository: configuration, checking day, parameters, holidays
        run = RunContext.read(root, source, asked, masked, today)
        found = incremental.validate(run, cache, chosen, skipped, in_scope, suppressed)
    finally:
        if hasattr(source, "close"):
            source.close()
    if wanted is not None:
        found = _limit(found, wanted)
    files = len(source.files()) if changed is None else len(changed)
    return found, files


def _wanted_paths(root: Path, limits: list[Path], changed: list[str] | None, files: list[str]) -> list[str] | None:
    """Repository-relative paths whose findings are reported (None: everything). With git
    modes, the changed files and the organisations that hold them."""
    wanted = [p.relative_to(root.resolve()).as_posix() for p in limits]
    if changed is None:
        return wanted or None
    if "dangjian.yaml" in changed:
        return wanted or None  # the profile or a parameter changed: everything may be affected
    from dangjian.layout import dir_of, organisation_dirs, owner

    branch_dirs = {d for d in organisation_dirs(files) if d}
    touched = {owner(dir_of(f), branch_dirs) for f in changed} - {None}
    return wanted + sorted(touched) + list(changed)  # an empty list reports nothing


def _scope(wanted: list[str]):
    """Which organisation directories must be checked to report on `wanted`: those holding
    a wanted path, those inside one, and their ancestors (a 党总支 counts its branches)."""
    def in_scope(directory: str) -> bool:
        return any(w == directory or w.startswith(directory + "/") or directory.startswith(w + "/")
                   for w in wanted)
    return in_scope


def _limit(findings, wanted: list[str]):
    def inside(path: str) -> bool:
        return any(path == w or path.startswith(w + "/") for w in wanted)

    return [f for f in findings if inside(f.loc.path) or any(inside(r.path) for r in f.related)]


def _render(fmt: str, findings, prefix: str, files: int, as_of: str, suppressed=()) -> str:
    from dangjian import output as out

    if fmt == "text":
        return out.text(findings, prefix, files, out.use_colour(), suppressed)
    if fmt == "parsable":
        return out.parsable(findings, prefix)
    if fmt == "json":
        return out.as_json(findings, prefix, files, as_of, suppressed)
    if fmt == "sarif":
        from dangjian.rules import all_rules

        return out.sarif(findings, prefix, all_rules())
    if fmt == "github":
        return out.github(findings, prefix)
    return out.gitlab(findings, prefix)
