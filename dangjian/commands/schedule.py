"""`dangjian schedule`: 主题党日 dates and the year's 三会一课 plan; `--write` stores it as plan/<年>.yaml."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dangjian.commands.common import display_prefix, fail, parse_day, resolve_root

FORMATS = ("table", "md", "json", "ics")
_SUFFIX_FORMAT = {".ics": "ics", ".json": "json", ".md": "md"}


def register(app: typer.Typer) -> None:
    app.command("schedule")(schedule)


def schedule(
    path: Annotated[Path | None, typer.Argument(help="记录库目录（或其中某个党组织的目录）；默认为当前目录所在的记录库", metavar="记录库")] = None,
    year: Annotated[int | None, typer.Option("--year", help="安排哪一年（默认今年，北京时间）", metavar="年份")] = None,
    branch: Annotated[str | None, typer.Option("--branch", help="只安排这个党组织（编号）", metavar="编号")] = None,
    all_branches: Annotated[bool, typer.Option("--all", help="安排记录库中的全部党组织")] = False,
    output_format: Annotated[str | None, typer.Option(
        "--format", "-f", help="输出格式：table（默认）、md、json、ics；不写时按 -o 的扩展名判断", metavar="格式")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而不是屏幕", metavar="文件")] = None,
    provisional: Annotated[bool, typer.Option(
        "--provisional", help="当年放假安排未公布时，先只按周末和元旦、劳动节、国庆节的固定日期推算（所有日期标为待复核）")] = False,
    write: Annotated[bool, typer.Option("--write", help="把计划写入各党组织目录下的 plan/<年>.yaml（WH-2.4）")] = False,
    force: Annotated[bool, typer.Option("--force", help="与 --write 一起用：覆盖已有的计划文件；与 -o 一起用："
                                                    "覆盖已有的、不是本工具生成的文件")] = False,
    made: Annotated[str | None, typer.Option("--date", metavar="日期", help="与 --write 一起用：计划的制定日期（默认今天）；此前已结束的时段不列入计划")] = None,
) -> None:
    """排出主题党日日期和三会一课年度计划。退出码：0 成功，1 有党组织的记录无法排期，2 用法、路径或节假日数据错误。"""
    from dangjian.context import RunContext
    from dangjian.loader import load_lazy
    from dangjian.schedule import plan as planning
    from dangjian.schedule.holidayfile import HolidayFileError, describe
    from dangjian.schedule.holidays import PROVISIONAL_NOTE, UnknownYear

    fmt = output_format or (_SUFFIX_FORMAT.get(output.suffix.lower(), "table") if output else "table")
    if fmt not in FORMATS:
        raise fail(f"未知的输出格式“{fmt}”，可用：{'、'.join(FORMATS)}")
    if branch and all_branches:
        raise fail("--branch 和 --all 不能同时使用")
    if force and not write and output is None:
        raise fail("--force 只能与 --write 或 -o 一起使用")
    if made is not None and not write:
        raise fail("--date 只能与 --write 一起使用")
    root = resolve_root(path)
    # Only rosters are read (load_lazy): meetings, dues … play no part in a plan.
    repo = load_lazy(root)
    run = RunContext.of(repo.config, root=root)
    year = year or run.today.year
    if not 1900 <= year <= 2200:
        raise fail(f"--year {year} 不是有效的年份")
    branches = repo.branches
    chosen = _select(branches, root, path, branch, all_branches)
    params = run.params
    cal = run.holidays(provisional)
    names = planning.member_names(branches)
    try:
        warnings = _year_warnings(cal, year, PROVISIONAL_NOTE)
        plans = [planning.build(b, year, cal, params, names) for b in chosen]
    except UnknownYear as exc:
        raise fail(str(exc)) from None
    except HolidayFileError as exc:
        raise fail("节假日安排文件有误，未排期：\n" + "\n".join(describe(*p) for p in exc.problems)) from None
    for message in warnings:
        print(f"dangjian：警告：{message}", file=sys.stderr)
    problems = [describe(loc, msg) for p in plans for loc, msg in p.problems]
    for line in problems:
        print(f"dangjian：{line}", file=sys.stderr)
    kept = 0
    if write:
        from dangjian.writelock import LockTimeout, record_lock

        try:
            with record_lock(root):  # whether a plan file exists is decided under the lock
                kept = _write_plans(root, plans, force, parse_day(made, "--date") or run.today)
        except LockTimeout as exc:
            raise fail(str(exc)) from None
    if output is not None or not write:
        _emit(plans, year, fmt, output, warnings, run.now, force, root)
    if problems or kept:
        raise typer.Exit(1)


def _select(branches: list, root: Path, path: Path | None, branch: str | None, all_branches: bool) -> list:
    usable = [b for b in branches if b.info is not None]
    for b in branches:
        if b.info is None:
            print(f"dangjian：警告：{b.branch_file} 无法读取，已跳过（请先运行 dangjian validate）", file=sys.stderr)
    if branch:
        found = [b for b in usable if b.id == branch]
        if not found:
            known = "、".join(b.id for b in usable) or "（无）"
            raise fail(f"记录库中没有编号为“{branch}”的党组织；现有：{known}")
        return found
    if not all_branches and path is not None:
        try:
            rel = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            rel = "."
        inside = [b for b in usable if rel == b.directory or rel.startswith(b.directory + "/")]
        if inside:
            return [max(inside, key=lambda b: len(b.directory))]
    return sorted(usable, key=lambda b: b.directory)


def _year_warnings(cal, year: int, note: str) -> list[str]:
    data = cal.year(year)
    if not data.provisional:
        return []
    return [f"{year} 年的节假日安排尚未公布（软件和记录库 holidays/{year}.yaml 都没有），本计划只按周末和元旦、劳动节、国庆节的固定日期推算，"
            f"未考虑春节等农历节日和调休，所有日期均标为“{note}”"]


def _write_plans(root: Path, plans: list, force: bool, today) -> int:
    """Write each plan file; the number of existing files left alone (without --force)."""
    from dangjian.schedule import planfile

    prefix = display_prefix(root)
    kept = 0
    for plan in plans:
        rel = planfile.plan_path(plan.branch.directory, plan.year)
        shown = f"{prefix}/{rel}" if prefix not in ("", ".") else rel
        if (root / rel).exists() and not force:
            print(f"dangjian：{shown} 已存在，未覆盖（计划可能已手工调整；确需重新生成请加 --force）", file=sys.stderr)
            kept += 1
            continue
        info = plan.branch.info
        planfile.write(root, plan, info.name or plan.branch.id, today)
        count = len(planfile.ahead(plan, today))
        skipped = sum(1 for e in plan.entries if e.kind != "duty") - count
        typer.echo(f"已写入 {shown}（{count} 项" + (f"；{skipped} 项的时段在今天以前已结束，未列入" if skipped else "") + "）")
    return kept


def _emit(plans: list, year: int, fmt: str, output: Path | None, warnings: list[str], now, force: bool = False,
          root: Path | None = None) -> None:
    from dangjian.schedule import render

    if fmt == "ics":
        from dangjian.schedule.ics import calendar_text

        data = calendar_text(plans, year, now)
    elif fmt == "json":
        data = render.as_json(plans, year, warnings).encode("utf-8")
    elif fmt == "md":
        data = render.markdown(plans).encode("utf-8")
    else:
        data = render.table(plans).encode("utf-8")
    if output is None:
        from dangjian import emit

        emit.machine_stdout(fmt)
        typer.echo(data.decode("utf-8"), nl=False)
        return
    from dangjian import emit

    try:
        emit.write_output(output, data, force, root)
    except emit.OutputRefused as exc:
        raise fail(str(exc)) from None
    typer.echo(f"已写入 {output}", err=True)
