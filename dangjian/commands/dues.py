"""`dangjian dues`: the calculator, the yearly assessment, payments, arrears and the publication table.

Exit codes: 0 all well, 1 arrears or members left unassessed, 2 bad arguments or input.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from dangjian.cli_locale import App
from dangjian.commands.common import fail, parse_day, resolve_root

dues_app = App(help="党费：计算月交额、年度核定、登记交纳、查看交纳情况、生成收缴使用情况公布表。", no_args_is_help=True)

PathArg = Annotated[Path | None, typer.Argument(help="记录库目录（默认为当前目录所在的记录库）", metavar="记录库")]


def register(app: typer.Typer) -> None:
    app.add_typer(dues_app, name="dues")


@contextlib.contextmanager
def _user_errors():
    """Bad input anywhere below becomes a Chinese message and exit code 2."""
    from dangjian.dues.calc import DuesError
    from dangjian.writelock import LockTimeout
    from dangjian.yamlio import RoundTripError

    try:
        yield
    except (DuesError, RoundTripError, LockTimeout) as exc:
        raise fail(str(exc)) from None


@contextlib.contextmanager
def _writing(path: Path | None, write: bool = True):
    """The repository's write lock, taken before anything is read (see dangjian.writelock)."""
    if not write:
        yield
        return
    from dangjian.writelock import record_lock

    with _user_errors(), record_lock(resolve_root(path)):
        yield


def _load(path: Path | None):
    # Lazy: dues commands read rosters and dues files; meetings, talks … stay unread.
    from dangjian.loader import load_lazy

    return load_lazy(resolve_root(path))


def _year(text: str) -> int:
    if not (text.strip().isascii() and text.strip().isdigit() and 1949 <= int(text) <= 2200):
        raise fail(f"--year 的年份“{text}”无效，应为四位数的年份，如 2026")
    return int(text)


def _scope(repo, path: Path | None) -> list:
    """The branches PATH stands for: all of them at the repository root, else those at or under it
    (or the one holding it, for a file)."""
    if path is None or path.resolve() == repo.root.resolve():
        return repo.branches
    rel = path.resolve().relative_to(repo.root.resolve()).as_posix()
    chosen = [b for b in repo.branches if b.directory == rel or b.directory.startswith(rel + "/")]
    chosen = chosen or [b for b in repo.branches if rel.startswith(b.directory + "/")][-1:]
    if not chosen:
        raise fail(f"{path} 不是党组织目录，也不在党组织目录中")
    return chosen


def _begin(branch, repo):
    """The day a branch's records begin. A branch with no dated record yet starts them with this
    assessment: everyone who belongs to it since its founding is assessed."""
    from dangjian.periods import records_begin

    begin = records_begin(branch, repo.config)
    if begin == dt.date.max:
        return branch.info.founded if branch.info and branch.info.founded else dt.date.min
    return begin


def _rules(run):
    """The dues rules of the run's parameters (its profile, or --profile, and 参数)."""
    from dangjian.dues.calc import rules_for

    return rules_for(run.params)


def _calc_context(profile: str | None):
    """`dues calc` needs no records: the run context of the record repository around the
    current directory when there is one (else the defaults); --profile replaces its 规则集."""
    from dangjian.context import RunContext
    from dangjian.layout import find_root
    from dangjian.params import PROFILES
    from dangjian.sources import WorkTree

    if profile is not None and profile not in PROFILES:
        raise fail(f"未知的规则集“{profile}”，可用：{'、'.join(PROFILES)}")
    root = find_root(Path.cwd())
    return RunContext.read(root, WorkTree(root) if root is not None else None, profile=profile)


@dues_app.command("calc")
def calc(
    category: Annotated[str, typer.Option("--category", metavar="类别", help="党费类别：在职、年薪制、非按月收入、离退休、农民、学生、下岗失业、抚恤救济、低保")],
    income: Annotated[str | None, typer.Option("--income", metavar="收入", help="税后月收入（离退休：养老金；非按月收入：上季度月平均纯收入），元")] = None,
    deduct: Annotated[list[str] | None, typer.Option("--deduct", metavar="项目=金额", help="从基数中扣除的项目，如 养老保险=520；可写多次")] = None,
    amount: Annotated[str | None, typer.Option("--amount", metavar="金额", help="农民党员由党支部确定的月交额（0.2 至 1 元）")] = None,
    profile: Annotated[str | None, typer.Option("--profile", metavar="规则集", help="规则集：national、xz、wuhua（默认按所在记录库，否则 xz）")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """计算一名党员每月应交的党费：基数、档次、比例和月交额。"""
    from dangjian.dues import report
    from dangjian.dues.calc import calculate

    with _user_errors():
        deductions = {}
        for item in deduct or []:
            name, sep, value = item.partition("=")
            if not sep or not name.strip():
                raise fail(f"--deduct 的值“{item}”应写成 项目=金额，如 养老保险=520")
            deductions[name.strip()] = value.strip()
        result = calculate(category, income, deductions, rules=_rules(_calc_context(profile)), amount=amount)
    typer.echo(report.calc_json(result) if as_json else report.calc_text(result))


@dues_app.command("assess")
def assess(
    year_text: Annotated[str, typer.Option("--year", metavar="年份", help="核定哪一年的党费")],
    path: PathArg = None,
    incomes: Annotated[Path | None, typer.Option("--incomes", metavar="文件", help="收入表（.xlsx 或 .csv）：编号或姓名、月收入或养老金、扣除项目")] = None,
    day: Annotated[str | None, typer.Option("--date", metavar="日期", help="核定日期（默认今天）")] = None,
    write: Annotated[bool, typer.Option("--write", help="写入 dues/<年>.yaml（不加则只显示改动）")] = False,
) -> None:
    """年度核定（XZ-3.3）：按收入计算每名党员当年的月交额，写入各支部的 dues/<年>.yaml。"""
    year = _year(year_text)
    when = parse_day(day, "--date")
    with _writing(path, write):
        _assess(path, year, incomes, when, write)


def _assess(path: Path | None, year: int, incomes: Path | None, when, write: bool) -> None:
    from dangjian.context import RunContext
    from dangjian.dues import assess as core
    from dangjian.dues.calc import format_money
    from dangjian.dues.incomes import match_incomes, read_incomes
    from dangjian.params import NATIONAL
    from dangjian.yamlio import unified_diff

    repo = _load(path)
    run = RunContext.for_repo(repo, today=when)  # --date, else the clock, read once
    assessed_on = run.today
    branches = _scope(repo, path)
    pending = []
    with _user_errors():
        rules = _rules(run)
        matched = {}
        if incomes is not None:
            if not incomes.is_file():
                raise fail(f"收入表不存在：{incomes}")
            rows, found = read_incomes(incomes, rules.deductions, tuple(NATIONAL["党费基数扣除项目"].value))
            typer.echo(f"收入表：{found}")
            matched = match_incomes(rows, [m for b in repo.branches for m in b.members])  # rows may cover more
        for branch in branches:
            outcomes = core.plan(branch, year, rules, matched, begin=_begin(branch, repo))
            if not outcomes:
                continue
            rel = f"{branch.directory}/dues/{year}.yaml"
            old, new = core.render(repo.root / rel, year, assessed_on, outcomes)
            pending.append((branch, rel, outcomes, old, new))
    left_out = 0
    for branch, rel, outcomes, old, new in pending:
        typer.echo(f"== {branch.id} {rel}")
        for o in outcomes:
            amount = o.result.amount if o.result else None
            left_out += o.result is None
            line = f"  {o.member_id} {o.name}（{o.category or '?'}）"
            line += f"：月交额 {format_money(amount)} 元" if amount is not None else ""
            typer.echo(line + (f"；{o.note}" if o.note else ""))
        if old == new:
            typer.echo("  （无改动）")
            continue
        typer.echo(unified_diff(old, new, rel), nl=False)
        if write:
            _write(repo.root / rel, new, rel)
    if not write and any(old != new for *_, old, new in pending):
        typer.echo("\n以上为将要写入的改动；加 --write 写入。")
    if left_out:
        raise typer.Exit(1)


def _write(target: Path, data: bytes, rel: str) -> None:
    from dangjian.yamlio import atomic_write_bytes

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise fail(f"写入 {rel} 失败（{exc.strerror or exc}），该文件未改动") from None


@dues_app.command("pay")
def pay(
    path: Annotated[Path, typer.Argument(help="记录库目录", metavar="记录库")],
    member: Annotated[str | None, typer.Option("--member", metavar="党员编号", help="党员编号")] = None,
    month: Annotated[str | None, typer.Option("--month", metavar="月份", help="交的是哪个月的党费，如 2026-10（用 --from 时：表中没有“月份”列时的月份）")] = None,
    day: Annotated[str | None, typer.Option("--date", metavar="日期", help="交纳日期（默认今天；用 --from 时：表中没有“交纳日期”时的日期）")] = None,
    amount: Annotated[str | None, typer.Option("--amount", metavar="金额", help="实交金额（默认为核定月交额）")] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="说明", help="说明，如 补交、自愿多交")] = None,
    sheet_file: Annotated[Path | None, typer.Option("--from", metavar="收缴表", help="党费收缴表（.xlsx 或 .csv）：一次登记表中所有已交的党费，每个文件只写一次")] = None,
    columns: Annotated[Path | None, typer.Option("--columns", metavar="文件", help="收缴表的列名对照文件（YAML）")] = None,
) -> None:
    """登记党费交纳：一笔（--member、--month），或一张收缴表（--from）；写入 dues/<年>.yaml（保留注释）。"""
    from dangjian.context import RunContext
    from dangjian.dues.calc import DuesError, format_money, to_decimal
    from dangjian.dues.periods import parse_month

    when = parse_day(day, "--date")
    if sheet_file is not None:
        if member is not None or amount is not None or note is not None:
            raise fail("--from 不能与 --member、--amount、--note 同用：金额和说明写在收缴表中")
        _pay_from(path, sheet_file, month, when, columns)
        return
    if member is None or month is None:
        raise fail("请用 --member 和 --month 指定登记哪名党员哪个月的党费，或用 --from 指定收缴表")
    from dangjian.dues import pay as core
    from dangjian.yamlio import unified_diff

    with _user_errors():
        year, number = parse_month(month)
        value = to_decimal(amount, "--amount 的金额") if amount is not None else None
        if value is not None and value < 0:
            raise DuesError(f"--amount 的金额不能为负数：{amount}")
    with _writing(path):  # the ledger is read again under the lock: no payment is lost
        repo = _load(path)
        paid_on = RunContext.for_repo(repo, today=when).today  # --date, else the clock
        edit = core.record(repo, member, year, number, paid_on, value, note)
        typer.echo(unified_diff(edit.old, edit.new, edit.rel), nl=False)
        _write(edit.path, edit.new, edit.rel)
    kind = "（记为例外）" if edit.as_exception else ""
    typer.echo(f"已登记：{edit.member.name}（{member}）{year}年{number}月党费 {format_money(edit.amount)} 元，"
               f"交纳日期 {paid_on}{kind}")


def _pay_from(path: Path, sheet_file: Path, month: str | None, when, columns: Path | None) -> None:
    """A collection sheet: every row checked first; then one atomic write per dues file."""
    from decimal import Decimal

    from dangjian.context import RunContext
    from dangjian.dues import pay as core
    from dangjian.dues.calc import DuesError, format_money
    from dangjian.dues.periods import parse_month
    from dangjian.imports.collection import read_payments
    from dangjian.imports.sheet import SheetError
    from dangjian.yamlio import unified_diff

    if not sheet_file.is_file():
        raise fail(f"收缴表不存在：{sheet_file}")
    with _writing(path):  # the ledgers are read again under the lock: no payment is lost
        repo = _load(path)
        paid_on = RunContext.for_repo(repo, today=when).today  # --date, else the clock
        branches = _scope(repo, path)
        roster = [m for b in branches for m in b.members]
        with _user_errors():
            try:
                default = parse_month(month) if month is not None else None
                payments, unpaid, found = read_payments(sheet_file, roster, default, paid_on, columns)
                edits = core.record_many(repo, payments)
            except (SheetError, DuesError) as exc:
                raise DuesError(f"{sheet_file.name} 未登记，没有写入任何文件：\n{exc}") from None
        typer.echo(f"收缴表：{found}")
        for edit in edits:
            typer.echo(unified_diff(edit.old, edit.new, edit.rel), nl=False)
            _write(edit.path, edit.new, edit.rel)
            total = sum((a for _, _, a, _ in edit.payments), Decimal(0))
            exceptions = sum(1 for *_, e in edit.payments if e)
            typer.echo(f"已登记 {edit.rel}：{len(edit.payments)} 笔，共 {format_money(total)} 元"
                       + (f"（其中 {exceptions} 笔与核定月交额不同，记为例外）" if exceptions else ""))
    for line in unpaid:
        typer.echo(f"未交：{line}")


@dues_app.command("status")
def status(
    month: Annotated[str, typer.Option("--month", metavar="月份", help="查看哪个月，如 2026-10")],
    path: PathArg = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """某月的党费交纳情况：谁已交，谁欠交多少、从哪个月起。有欠交时退出码为 1。"""
    from dangjian.context import RunContext
    from dangjian.dues import report
    from dangjian.dues.periods import parse_month
    from dangjian.figures import Figures

    with _user_errors():
        year, number = parse_month(month)
        repo = _load(path)
        rows = report.status(_scope(repo, path), year, number, Figures.of(repo, RunContext.for_repo(repo)))
    cells = [report.status_cells(r) for r in rows]
    if as_json:
        keys = ("branch", "member", "name", "monthly", "this_month", "owed", "owed_since")
        typer.echo(json.dumps([dict(zip(keys, c, strict=True)) for c in cells], ensure_ascii=False, indent=2))
    else:
        from tabulate import tabulate

        owing = sum(1 for r in rows if r.owed)
        typer.echo(tabulate(cells, headers=report.STATUS_HEADERS, disable_numparse=True) if rows else "（没有党员）")
        typer.echo(f"\n{year}年{number}月：共 {len(rows)} 名党员，{owing} 人欠交")
    if any(r.owed for r in rows):
        raise typer.Exit(1)


@dues_app.command("summary")
def summary(
    year_text: Annotated[str, typer.Option("--year", metavar="年份", help="年度")],
    path: PathArg = None,
    half_text: Annotated[str | None, typer.Option("--half", metavar="半年", help="1=上半年，2=下半年（不填为全年）")] = None,
    month_text: Annotated[str | None, typer.Option("--month", metavar="月份", help="只看一个月，如 2026-10（与 --year 同年）")] = None,
    output_format: Annotated[str, typer.Option("--format", metavar="格式", help="输出格式：table、md、json")] = "table",
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="日期", help="按哪一天统计（默认今天）")] = None,
) -> None:
    """党费收缴使用情况公布表：各党组织和街道合计的应交、实交、欠交、上缴、支出、结余。"""
    from dangjian import calendar
    from dangjian.context import RunContext
    from dangjian.dues import report
    from dangjian.dues.periods import parse_month
    from dangjian.figures import Figures

    year = _year(year_text)
    if half_text not in (None, "1", "2"):
        raise fail(f"--half 应为 1（上半年）或 2（下半年），写的是“{half_text}”")
    if half_text and month_text:
        raise fail("--half 和 --month 只能用一个")
    half = int(half_text) if half_text else None
    if output_format not in ("table", "md", "json"):
        raise fail(f"未知的输出格式“{output_format}”，可用：table、md、json")
    asked = parse_day(as_of)
    with _user_errors():
        repo = _load(path)
        run = RunContext.for_repo(repo, asked)  # the checking day: --as-of or today, never after 记录截至
        if month_text:
            month_year, number = parse_month(month_text)
            if month_year != year:
                raise fail(f"--month {month_text} 不在 --year {year} 年内")
            period, months = calendar.month(year, number), range(number, number + 1)
        else:
            period = calendar.half(year, half) if half else calendar.whole(year)
            months = period.months
        rows, missing = report.summary(_scope(repo, path), year, months, Figures.of(repo, run))
    typer.echo(report.summary_text(rows, period, repo.config.name or "", output_format, missing))
