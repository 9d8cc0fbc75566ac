"""`dangjian assess [PATH]`: the standardisation assessment of every organisation and the street's
roll-up against the targets; `--at REV` and `--trend` compute it from earlier git revisions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dangjian.commands.common import fail, parse_day, resolve_root

FORMATS = ("table", "md", "json", "docx")


def register(app: typer.Typer) -> None:
    app.command("assess")(assess)


def assess(
    path: Annotated[Path | None, typer.Argument(help="记录库目录（默认为当前目录所在的记录库）", metavar="记录库")] = None,
    year: Annotated[int | None, typer.Option("--year", help="评估哪一年（默认为记录截至或今天所在的年）", metavar="年份")] = None,
    branch: Annotated[str | None, typer.Option("--branch", help="只看一个党组织的评估表，如 CN01", metavar="编号")] = None,
    every: Annotated[bool, typer.Option("--all", help="街道汇总之后列出每个党组织的评估表")] = False,
    fmt: Annotated[str, typer.Option("-f", "--format", help="输出格式：table、md、json，或 docx（须用 -o 指定文件）",
                                     metavar="格式")] = "table",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="写入文件而不是屏幕", metavar="文件")] = None,
    force: Annotated[bool, typer.Option("--force", help="允许 -o 覆盖已有的、不是本工具生成的文件")] = False,
    at: Annotated[str | None, typer.Option("--at", help="按 git 中某个版本的台账评估（不检出，只读取）",
                                           metavar="版本")] = None,
    trend: Annotated[bool, typer.Option("--trend", help="逐月趋势：每月最后一次提交时的比例")] = False,
    months: Annotated[int, typer.Option("--months", help="趋势的月数", min=1, max=120, metavar="月数")] = 12,
    as_of: Annotated[str | None, typer.Option("--as-of", help="按哪一天评估（默认今天，北京时间）", metavar="日期")] = None,
) -> None:
    """标准化规范化建设评估：各党组织的五化建设和创建内容评估表、是否达到标准、最强党支部评定条件、
    软弱涣散排查、取消评定和待遇；街道汇总对照年度目标（CJ-1）。"""
    from dangjian.context import clock
    from dangjian.street.history import HistoryError

    if fmt not in FORMATS:
        raise fail(f"未知的输出格式“{fmt}”，可用：{'、'.join(FORMATS)}")
    if fmt == "docx" and output is None:
        raise fail("Word 格式须用 -o 指定输出文件，如 -o 评估.docx")
    if branch and every:
        raise fail("--branch 和 --all 只能用一个")
    if trend and at:
        raise fail("--trend 和 --at 只能用一个")
    root = resolve_root(path)
    today = parse_day(as_of) or clock()  # the day assessed on: every revision's run context takes it
    try:
        if trend:
            text = _trend(root, months, today, fmt)
        else:
            text = _assess(root, year, branch, every, fmt, at, today)
    except HistoryError as exc:
        raise fail(str(exc)) from None
    _emit(text, output, force, root, fmt)


def _assess(root: Path, year: int | None, branch: str | None, every: bool, fmt: str, at: str | None, today) -> str | bytes:
    from dangjian.context import RunContext
    from dangjian.loader import load_lazy
    from dangjian.report.sandbox import ReportError
    from dangjian.street import report, text
    from dangjian.street.context import context
    from dangjian.street.history import assess_at
    from dangjian.street.rollup import assess

    if at:
        repo, _run, result = assess_at(root, at, year, today)
    else:
        repo = load_lazy(root)  # rosters; the rest one organisation at a time (street.rollup.assess)
        run = RunContext.for_repo(repo, today=today)
        if year is not None and year > run.day.year:
            raise fail(f"{year} 年晚于台账记录截至的 {run.day.isoformat()}，无法评估")
        result = assess(repo, year or run.day.year, run)
    ids = [b.id for b in repo.branches if b.info is not None]
    if branch and branch not in ids:
        raise fail(f"记录库中没有编号为“{branch}”的党组织；可用的编号：{'、'.join(ids)}")
    data = context(result, repo, [branch] if branch else (ids if every or fmt in ("md", "docx") else []))
    if at:
        data["revision"] = at
    try:
        if fmt == "json":
            from dangjian.district import header  # the versioned street summary rollup reads

            return json.dumps({**header(), **data}, ensure_ascii=False, indent=2) + "\n"
        if fmt == "md":
            return report.markdown(root, data)
        if fmt == "docx":
            return report.word(root, data)
    except ReportError as exc:
        raise fail(str(exc)) from None
    if branch:
        return text.card_text(data, data["cards"][0])
    return text.rollup_text(data) + "".join("\n" + text.card_text(data, card) for card in data["cards"])


def _trend(root: Path, months: int, today, fmt: str) -> str:
    from dangjian.street.history import trend, trend_rows

    rows = trend_rows(trend(root, months, today))
    if fmt == "json":
        return json.dumps({"months": rows}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "docx":
        raise fail("趋势只能输出为 table、md 或 json")
    from tabulate import tabulate

    table = [[r["month"], r["commit"] + ("（沿用）" if r["carried"] else ""), r["as_of"],
              f"{r['standard']['count']}/{r['standard']['total']} {r['standard']['percent']}", r["standard"]["target"],
              f"{r['model']['count']}/{r['model']['total']} {r['model']['percent']}", r["model"]["target"],
              r["meets"]["percent"], str(r["weak"])] for r in rows]
    headers = ["月份", "提交", "评估日", "标准化规范化", "目标", "最强党支部", "目标", "台账达标", "软弱涣散"]
    title = f"标准化规范化建设逐月趋势（最近 {months} 个月，每月最后一次提交时的台账）"
    if fmt == "md":
        return f"# {title}\n\n" + tabulate(table, headers=headers, tablefmt="github", disable_numparse=True) + "\n"
    if not rows:
        return title + "\n（这些月份没有涉及此记录库的提交）\n"
    return title + "\n" + tabulate(table, headers=headers, tablefmt="simple", disable_numparse=True) + "\n"


def _emit(content: str | bytes, output: Path | None, force: bool, root: Path, fmt: str) -> None:
    from dangjian import emit

    if output is None:
        emit.machine_stdout(fmt)
        typer.echo(content if isinstance(content, str) else content.decode("utf-8"), nl=False)
        return
    try:
        emit.write_output(output, content, force, root)
    except emit.OutputRefused as exc:
        raise fail(str(exc)) from None
    typer.echo(f"已生成 {output}")
