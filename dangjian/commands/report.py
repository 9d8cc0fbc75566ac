"""`dangjian report KIND [PATH]`: Markdown and Word reports, the 三册四簿 and the archives."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dangjian.commands.common import display_prefix, fail, resolve_root
from dangjian.report.names import KIND_NAMES, described, kind_id

KIND_HELP = "报告种类，写中文名或英文编号均可：" + "、".join(
    f"{'/'.join(names)}（{kind}）" for kind, names in KIND_NAMES.items())
UNMASKED_WARNING = ("警告：--unmasked 输出未打码的身份证号和手机号。生成的文件含个人敏感信息，请妥善保管，"
                    "用后删除，不要上传到互联网或境外平台")


def register(app: typer.Typer) -> None:
    app.command("report")(report)


def report(
    kind: Annotated[str | None, typer.Argument(help=KIND_HELP, show_default=False, metavar="种类")] = None,
    path: Annotated[Path | None, typer.Argument(help="记录库目录（默认为当前目录所在的记录库）", metavar="记录库")] = None,
    branch: Annotated[str | None, typer.Option("--branch", help="党组织编号，如 CN01", metavar="编号")] = None,
    every: Annotated[bool, typer.Option("--all", help="每个党组织各生成一份，另加一份街道汇总")] = False,
    month: Annotated[str | None, typer.Option("--month", help="月份，如 2026-10（月报默认为上一个完整的月）", metavar="月份")] = None,
    year: Annotated[str | None, typer.Option("--year", help="年份，如 2025", metavar="年份")] = None,
    formats: Annotated[str, typer.Option("--format", help="md、docx 或 json（报告数据，供编写模板时查看）；"
                                                        "可用逗号连写，如 md,docx", metavar="格式")] = "md",
    out_dir: Annotated[Path, typer.Option("-o", "--output", help="输出目录", metavar="目录")] = Path("out"),
    sort: Annotated[str, typer.Option("--sort", help="名册排序：stroke 按姓氏笔画（两字姓名中间空格计零画）、"
                                                   "stroke-full 按姓名笔画、pinyin 按拼音", metavar="排序")] = "stroke",
    unmasked: Annotated[bool, typer.Option("--unmasked", help="身份证号、手机号不打码（会在错误输出中警告）")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="另用 LibreOffice 转换为 PDF 预览（需安装 LibreOffice）")] = False,
    list_templates: Annotated[bool, typer.Option("--list-templates", help="列出生效的模板及其来源")] = False,
    time_limit: Annotated[float, typer.Option("--time-limit", help="每份报告渲染的最长秒数", min=1, metavar="秒数")] = 30.0,
    force: Annotated[bool, typer.Option("--force", help="允许覆盖输出目录中已有的、不是本工具生成的文件")] = False,
) -> None:
    """生成报告和三册四簿（Markdown、Word）。模板可在记录库的 templates/ 中用同名文件替换，见 docs/templates.md。"""
    from dangjian.report import kinds
    from dangjian.report.sandbox import ReportError

    if list_templates:
        _list(path if path is not None else (Path(kind) if kind and kind_id(kind) is None else None))
        return
    if kind is None:
        raise fail(f"请指定报告种类：{described()}；用 dangjian report --help 查看说明")
    if kind_id(kind) is None:
        raise fail(f"未知的报告种类“{kind}”，可用：{described()}")
    from dangjian import emit

    notes: list[str] = []
    try:
        with emit.masking(not unmasked):
            _make(kinds.KINDS[kind_id(kind)], path, branch, every, month, year, formats, out_dir, sort, not unmasked,
                  pdf, time_limit, notes, force)
    except ReportError as exc:
        raise fail(str(exc)) from None
    finally:
        for note in notes:
            print(f"提示：{note}", file=sys.stderr)


def _make(kind, path, branch, every, month, year, formats, out_dir, sort, masked, pdf, seconds, notes,
          force=False) -> None:
    from dangjian.context import RunContext
    from dangjian.loader import load_lazy
    from dangjian.report import periods, run
    from dangjian.report.sandbox import ReportError
    from dangjian.report.sorting import SORT_MODES

    chosen = tuple(dict.fromkeys(f.strip() for f in formats.split(",") if f.strip()))
    for fmt in chosen:
        if fmt not in run.FORMATS:
            raise ReportError(f"未知的输出格式“{fmt}”，可用：md、docx、json")
    if pdf and "docx" not in chosen:
        chosen = (*chosen, "docx")
    if not chosen:
        raise ReportError("--format 不能为空，可用：md、docx、json")
    if sort not in SORT_MODES:
        raise ReportError(f"未知的排序方式“{sort}”，可用：stroke（按姓氏笔画）、stroke-full（按姓名笔画）、pinyin（按拼音）")
    if branch and every:
        raise ReportError("--branch 和 --all 只能用一个")
    root = resolve_root(path)
    # Rosters now, each organisation's other records while its report is made (report/run.py).
    repo = load_lazy(root)
    context = RunContext.of(repo.config, root=root, source=repo.source, masked=masked)
    period = periods.choose(kind.name, kind.period, month, year, context.day)
    if not branch and not every:
        readable = [b for b in repo.branches if b.info is not None]
        if len(readable) != 1:
            ids = "、".join(b.id for b in readable) or "（没有）"
            raise ReportError(f"请用 --branch 指定党组织编号（{ids}），或用 --all 为每个党组织各生成一份并汇总")
        branch = readable[0].id
    if not masked:
        print(UNMASKED_WARNING, file=sys.stderr)
    request = run.Request(kind, root, period, context, branch, every, chosen, out_dir, sort, seconds, force)
    result = run.produce(request, repo)
    notes.extend(result.notes)
    for item in result.written:
        typer.echo(f"已生成 {_shown(item)}")
    made = []
    if pdf:
        from dangjian.report import pdf as pdf_module

        made = pdf_module.convert([p for p in result.written if p.suffix == ".docx"], out_dir)
        for item in made:
            typer.echo(f"已生成 {_shown(item)}")
        notes.append("PDF 由 LibreOffice 生成，仅供预览：字体和版式可能与 Word、WPS 打印的略有差异")
    typer.echo(f"共 {len(result.written) + len(made)} 个文件，在 {_shown(out_dir)}/ 中。")


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _list(path: Path | None) -> None:
    from dangjian.layout import find_root
    from dangjian.report import kinds, templates

    root = find_root(path) if path is not None else None
    if path is not None and root is None:
        raise fail(f"{path} 不是台账记录库（找不到 dangjian.yaml）")
    if root is None:
        try:
            root = resolve_root(None)
        except typer.Exit:
            root = None
    lines = [f"模板（记录库 templates/ 中的同名文件优先{'：' + display_prefix(root) + '/templates' if root else ''}）："]
    for found in templates.listing(root):
        kind, _, summary = templates.kind_of(found.name)
        what = "街道汇总" if summary and kind is None else (
            f"{kinds.KINDS[kind].title}{'（街道汇总）' if summary else ''}" if kind in kinds.KINDS else "（被其他模板引用）")
        lines.append(f"  {found.name:<28}{found.origin:<6}{what}")
    lines.append("")
    lines.append("报告种类：")
    for kind in kinds.KINDS.values():
        lines.append(f"  {kind.name:<16}{kind.description}（也可写作：{'、'.join(KIND_NAMES[kind.name])}）")
    typer.echo("\n".join(lines))
