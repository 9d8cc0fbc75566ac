"""`dangjian import`: bring in the sheets a branch already keeps (名册, 签到表).

Each subcommand reads the sheet, checks every row (a Chinese message naming the sheet, row and
column), shows the change as a diff and writes only with --write, atomically, keeping the
comments and layout of the file it changes. Exit codes: 0 done (or nothing to change), 2 bad
arguments or a sheet that cannot be imported (nothing is written then).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer

from dangjian.cli_locale import App
from dangjian.commands.common import fail, parse_day, resolve_root

import_app = App(help="导入已有的表格：党员名册（全国党员管理信息系统导出的或自制的）、会议签到表。",
                         no_args_is_help=True)

Columns = Annotated[Path | None, typer.Option("--columns", metavar="文件",
                                              help="列名对照文件（YAML，如 身份证号: 证件号码），补充内置的表头同义词")]
Sheet = Annotated[str | None, typer.Option("--sheet", metavar="工作表", help="工作表名称（默认第一个）")]
Branch = Annotated[str | None, typer.Option("--branch", metavar="党组织", help="导入到哪个党组织：编号或目录（记录库只有一个党组织时可不填）")]
Repo = Annotated[Path | None, typer.Option("--repo", metavar="记录库", help="记录库目录（默认为当前目录所在的记录库）")]
Write = Annotated[bool, typer.Option("--write", help="写入文件（不加则只显示改动）")]


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")


def _sheet_file(path: Path) -> Path:
    if not path.is_file():
        raise fail(f"表格文件不存在：{path}")
    return path


def _branch(repo, wanted: str | None):
    """The organisation to import into: by 编号 or directory; the only one; the one the cwd is in."""
    branches = repo.branches
    if wanted:
        found = [b for b in branches if b.id == wanted or b.directory == wanted.strip("/")]
        if not found:
            raise fail(f"记录库中没有编号或目录为“{wanted}”的党组织（有：{'、'.join(b.id for b in branches)}）")
        return found[0]
    try:
        rel = Path.cwd().resolve().relative_to(repo.root.resolve()).as_posix()
    except ValueError:
        rel = ""
    inside = [b for b in branches if b.directory and (rel == b.directory or rel.startswith(b.directory + "/"))]
    if inside:
        return max(inside, key=lambda b: len(b.directory))
    if len(branches) == 1:
        return branches[0]
    raise fail(f"记录库中有 {len(branches)} 个党组织，请用 --branch 指定导入到哪一个（如 --branch {branches[0].id}）"
               if branches else "记录库中还没有党组织：请先建立党组织目录和 branch.yaml（dangjian init 会建一个样例）")


@contextlib.contextmanager
def _writing(root: Path, write: bool):
    """With --write, the repository's write lock (dangjian.writelock), taken before the records
    are read, so that two imports, or an import and a payment, cannot overwrite each other."""
    if not write:
        yield
        return
    from dangjian.writelock import LockTimeout, record_lock

    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(record_lock(root))
        except LockTimeout as exc:
            raise fail(str(exc)) from None
        yield


def _show_and_write(repo, rel: str, old: bytes, new: bytes, write: bool) -> bool:
    from dangjian.yamlio import atomic_write_bytes, unified_diff

    if old == new:
        typer.echo(f"{rel}：无改动")
        return False
    typer.echo(unified_diff(old, new, rel), nl=False)
    if write:
        target = repo.root / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(target, new)
        except OSError as exc:
            raise fail(f"写入 {rel} 失败（{exc.strerror or exc}），该文件未改动") from None
        typer.echo(f"已写入 {rel}")
    return True


@import_app.command("members")
def members(
    sheet_file: Annotated[Path, typer.Argument(metavar="名册.xlsx", help="党员名册（.xlsx 或 .csv）")],
    branch: Branch = None,
    repo_dir: Repo = None,
    columns: Columns = None,
    sheet: Sheet = None,
    dues_category: Annotated[str | None, typer.Option("--dues-category", metavar="在职", help="表中没有“党费类别”列或未填时，所有人的党费类别")] = None,
    write: Write = False,
) -> None:
    """导入党员名册：按表头识别各列，逐行检查，与已有名册合并（按身份证号、姓名和出生日期对应），新党员自动编号。"""
    from dangjian.imports import members as core
    from dangjian.imports.sheet import SheetError
    from dangjian.loader import load_repository
    from dangjian.yamlio import RoundTripError

    root = resolve_root(repo_dir)
    with _writing(root, write):  # read again under the lock: a concurrent writer's change is kept
        repo = load_repository(root)
        target = _branch(repo, branch)
        if not target.roster_ok:
            raise fail(f"{target.directory}/members.yaml 无法读取，请先改正（dangjian validate 会指出问题），再导入")
        try:
            rows, found = core.parse_rows(_sheet_file(sheet_file), columns, sheet, dues_category)
            every = {m.id for b in repo.branches if b is not target for m in b.members if m.id}
            result = core.plan(target, repo.root, rows, found, every)
        except (SheetError, RoundTripError) as exc:
            raise fail(f"{sheet_file.name} 未导入：\n{exc}") from None
        typer.echo(found)
        for note in result.notes:
            typer.echo(f"提示：{note}")
        changed = _show_and_write(repo, result.rel, result.old, result.new, write)
        typer.echo(f"新增 {len(result.added)} 人，更新 {len(result.updated)} 人"
                   + ("" if write or not changed else "；以上为将要写入的改动，加 --write 写入"))


@import_app.command("meetings")
def meetings(
    sheet_file: Annotated[Path, typer.Argument(metavar="签到表.xlsx", help="会议签到表（.xlsx 或 .csv）")],
    day: Annotated[str, typer.Option("--date", metavar="日期", help="会议日期")],
    kinds: Annotated[str, typer.Option("--type", metavar="支部党员大会,主题党日", help="会议类型，几类用逗号分隔")],
    topic: Annotated[str, typer.Option("--topic", metavar="主题", help="会议主题")],
    host: Annotated[str | None, typer.Option("--host", metavar="姓名或编号", help="主持人")] = None,
    recorder: Annotated[str | None, typer.Option("--recorder", metavar="姓名或编号", help="记录人")] = None,
    place: Annotated[str | None, typer.Option("--place", metavar="地点", help="地点")] = None,
    group: Annotated[str | None, typer.Option("--group", metavar="党小组", help="党小组会的党小组名称")] = None,
    branch: Branch = None,
    repo_dir: Repo = None,
    columns: Columns = None,
    sheet: Sheet = None,
    write: Write = False,
) -> None:
    """导入一次会议的签到表：签到的记为出席，未签到或请假的记为缺席（附原因），写入 meetings/<年>.yaml。"""
    from dangjian.imports import meetings as core
    from dangjian.imports.sheet import SheetError
    from dangjian.loader import load_repository
    from dangjian.yamlio import RoundTripError

    when = parse_day(day, "--date")
    root = resolve_root(repo_dir)
    with _writing(root, write):  # read again under the lock: a concurrent writer's change is kept
        repo = load_repository(root)
        target = _branch(repo, branch)
        type_list = [k.strip() for k in kinds.replace("，", ",").replace("、", ",").split(",") if k.strip()]
        try:
            attendance = core.read_attendance(_sheet_file(sheet_file), target.members, columns, sheet)
            extra = {}
            for key, value in (("党小组", group), ("地点", place)):
                if value:
                    extra[key] = value
            for key, value in (("主持人", host), ("记录人", recorder)):
                if value:
                    extra[key] = core.resolve(target.members, None if _is_id(value) else value,
                                              value if _is_id(value) else None, f"--{'host' if key == '主持人' else 'recorder'}").id
            edit = core.add_meeting(target, repo.root, when, type_list, topic, attendance, extra)
        except (SheetError, RoundTripError) as exc:
            raise fail(f"{sheet_file.name} 未导入：\n{exc}") from None
        typer.echo(attendance.found)
        for note in attendance.notes:
            typer.echo(f"提示：{note}")
        _show_and_write(repo, edit.rel, edit.old, edit.new, write)
        typer.echo(f"出席 {len(attendance.present)} 人，缺席 {len(attendance.absent)} 人"
                   + ("" if write else "；以上为将要写入的改动，加 --write 写入"))


def _is_id(text: str) -> bool:
    return any(c.isdigit() for c in text) and "-" in text
