"""`dangjian template check FILE`: check a report template before using it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dangjian.cli_locale import App
from dangjian.commands.common import fail
from dangjian.report.names import kind_id

template_app = App(help="报告模板：检查自己编写或修改的模板。", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(template_app, name="template")


@template_app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help="模板文件：Markdown 模板（.md.j2）或 Word 模板（.docx）", metavar="模板文件")],
    kind: Annotated[str | None, typer.Option("--kind", help="报告种类，中文名或英文编号，如 月报（默认按文件名判断，如 monthly.docx）", metavar="种类")] = None,
    records: Annotated[Path | None, typer.Option("--records", help="用此记录库试渲染（默认为模板所在的记录库）", metavar="记录库")] = None,
    branch: Annotated[str | None, typer.Option("--branch", help="试渲染用的党组织编号（默认为第一个）", metavar="编号")] = None,
) -> None:
    """检查模板：语法错误及其行号、报告没有提供的变量、会被安全机制拒绝的写法；
    在记录库中时再用真实台账试渲染一次。没有问题时退出码为 0，有错误为 1。"""
    from dangjian.layout import find_root
    from dangjian.report import check as checker
    from dangjian.report import templates
    from dangjian.report.sandbox import ReportError

    if not file.is_file():
        raise fail(f"模板文件不存在：{file}")
    try:
        templates.contained(file, str(file))
        report_kind, summary = checker.kind_for(file, (kind_id(kind) or kind) if kind else None)
        problems, fmt = checker.static_problems(file, report_kind, summary)
        root = find_root(records) if records is not None else find_root(file)
        if records is not None and root is None:
            raise ReportError(f"{records} 不是台账记录库（找不到 dangjian.yaml）")
        tried = False
        if root is not None and not any(p.severity == "错误" for p in problems) and (report_kind or summary):
            problems += checker.trial_render(file, fmt, report_kind, summary, root, branch, 30.0)
            tried = True
    except ReportError as exc:
        raise fail(str(exc)) from None
    for problem in problems:
        typer.echo(problem.render(str(file)))
    errors = sum(p.severity == "错误" for p in problems)
    if errors:
        typer.echo(f"发现 {errors} 个错误。")
        raise typer.Exit(1)
    how = "已用记录库的台账试渲染" if tried else "未找到记录库或无法判断报告种类，只检查了语法和变量名"
    typer.echo(f"模板检查通过（{how}）。")
