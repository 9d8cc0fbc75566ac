"""Party dues (党费): assessment, payment, arrears and publication.

Only months that have ended by the check date count (a quarter, for approved quarterly
payers), and only months in which the member belonged to the branch (dangjian.dues.ledger).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from dangjian.calendar import month_end
from dangjian.dues.calc import DuesRules, format_money
from dangjian.dues.checks import (
    amount_mismatches,
    assessment_problems,
    is_reduction,
    publication_problems,
    quarters_paid_at_once,
    unpaid_runs,
)
from dangjian.dues.ledger import BranchLedger, MonthEntry, branch_ledger, histories, months_between
from dangjian.findings import Problem, Severity
from dangjian.model import BranchRecords, DuesAccount
from dangjian.periods import records_start
from dangjian.rules.registry import rule


def _dues_rules(ctx) -> DuesRules:
    cache = ctx.__dict__.setdefault("_dues_cache", {})
    if "rules" not in cache:
        cache["rules"] = DuesRules.from_params(ctx.params)
    return cache["rules"]


def _closed_through(branch: BranchRecords, ctx) -> dt.date:
    day = ctx.as_of - dt.timedelta(days=1)
    dissolved = branch.info.dissolved if branch.info else None
    return min(day, dissolved - dt.timedelta(days=1)) if dissolved else day


def _ledgers(branch: BranchRecords, ctx) -> list[BranchLedger]:
    cache = ctx.__dict__.setdefault("_dues_cache", {})
    key = ("ledgers", id(branch))
    if key not in cache:
        through, rules = _closed_through(branch, ctx), _dues_rules(ctx)
        begin = records_start(branch, ctx)
        cache[key] = (branch, [branch_ledger(branch, y, through, rules, begin=begin) for y in sorted(branch.dues)])
    return cache[key][1]


def _category(account: DuesAccount, branch: BranchRecords) -> str | None:
    member = next((m for m in branch.members if m.id == account.member), None)
    return account.category or (member.dues_category if member else None)


def _who(branch: BranchRecords, member_id: str | None) -> str:
    member = next((m for m in branch.members if m.id == member_id), None)
    return f"{member.name}（{member_id}）" if member and member.name else f"{member_id}"


def _months(entries: list[MonthEntry]) -> str:
    return "、".join(f"{e.month}月" for e in entries)


@rule("dues-assessment-missing", Severity.ERROR, ("XZ-3.3",))
def dues_assessment_missing(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """每年初（1 月内）核定每名党员当年的月交党费额：有当年的党费账、核定日期和每名党员的核定额。

    支部还没有任何党费账（dues/ 下的文件）时不检查：党费可能另有账簿。

    通过：2026-03-01 检查时，dues/2026.yaml 有 核定日期: 2026-01-15，每名党员都有一项“党员党费”。
    违反：2026-03-01 检查时没有 dues/2026.yaml；或名册中的 CN01-007 在其中没有核定额。
    """
    info = branch.info
    if not info or not branch.members or not branch.dues:
        return
    through = _closed_through(branch, ctx)
    ledgers = {ledger.year: ledger for ledger in _ledgers(branch, ctx)}
    years = set(branch.dues) | {ctx.as_of.year}
    for year in sorted(years):
        deadline = dt.date(year, 1, 31)
        if info.founded and info.founded.year == year:  # a branch founded this year: the month after
            deadline = month_end(year, min(info.founded.month + 1, 12))
        if through < deadline or (info.founded and info.founded.year > year):
            continue
        ledger = ledgers.get(year) or branch_ledger(branch, year, through, _dues_rules(ctx),
                                                    begin=records_start(branch, ctx))
        missing = [a for a in ledger.accounts if a.account is None and any(e.belongs and e.closed for e in a.months)]
        dues = branch.dues.get(year)
        if dues is None:
            if missing:
                yield Problem(info.loc, f"没有 {year} 年的党费账（dues/{year}.yaml）：每年初应核定每名党员当年的月交党费",
                              key=str(year))
            continue
        if dues.missing("assessed"):
            yield Problem(dues.loc, f"{year} 年党费账没有填写“核定日期”：每年初应核定月交党费（可用 dangjian dues assess）",
                          key=f"{year}")
        for acc in missing:
            yield Problem(dues.key_at("accounts"), f"{_who(branch, acc.member_id)}没有 {year} 年的党费核定额",
                          key=f"{acc.member_id}@{year}")


@rule("dues-assessment-wrong", Severity.ERROR, ("DF-2", "DF-5", "DF-6"),
      params=("在职党费比例", "离退休党费比例", "农民党费范围", "固定党费", "党费舍入单位", "党费舍入方式"))
def dues_assessment_wrong(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """核定的比例和月交额与党费类别、基数相符：在职按税后月收入分档，离退休按养老金分档，农民 0.2 至 1 元，学生等 0.2 元。

    通过：
      党费类别: 在职
      基数: "6500.00"
      比例: "1.5%"
      月交额: "97.50"
    违反：
      基数: "6500.00"
      比例: "1%"        # 5000 元以上至 10000 元应为 1.5%
      月交额: "65.00"
    """
    rules = _dues_rules(ctx)
    for year, dues in sorted(branch.dues.items()):
        for acc in dues.accounts:
            category = _category(acc, branch)
            if category is None or acc.monthly is None:
                continue
            for attr, message in assessment_problems(acc, category, rules):
                prefix = _who(branch, acc.member) if attr == "member" else ""
                yield Problem(acc.at(attr), prefix + message, key=f"{acc.member}@{year}")


@rule("dues-base-change", Severity.WARNING, ("DF-10", "XZ-3.3"),
      params=("在职党费比例", "离退休党费比例", "党费基数年内变动"))
def dues_base_change(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """年内工资变动的，两种读法都算出来：年初核定、年内不变（000 第八条），或从领取新工资当月起按新基数（DF-10）。

    两者月交额不同、而“基数变动”中没有写明党支部采用的月交额时提醒，并说明党费账按哪种读法计算（参数
    “党费基数年内变动”：xz 年初核定不变，其余当月起按新基数）；写明了的，党费账从该月起按写明的数额计算，
    它须与新基数按比例算出的相符。

    通过：
      基数变动: [{月份: 7, 基数: "7200.00", 月交额: "108.00"}]
    违反：
      基数: "4800.00"
      月交额: "48.00"
      基数变动: [{月份: 7, 基数: "7200.00"}]   # 按第十条自 7 月起应为 108.00 元
    """
    from dangjian.dues.calc import PERCENT, DuesError, calculate

    rules = _dues_rules(ctx)
    for year, dues in sorted(branch.dues.items()):
        for acc in dues.accounts:
            category = _category(acc, branch)
            if category not in PERCENT or acc.monthly is None:
                continue
            for change in acc.base_changes:
                if change.base is None or change.month is None:
                    continue
                try:
                    national = calculate(category, change.base, rules=rules).amount
                except DuesError:
                    continue
                who, when = _who(branch, acc.member), f"{year}年{change.month}月"
                if change.monthly is None and national != acc.monthly:
                    used = national if rules.base_by_month else acc.monthly
                    yield Problem(change.loc, f"{who}自{when}起基数改为 {format_money(change.base)} 元：按年初核定、年内不变"
                                              f"（000 第八条）月交额仍为 {format_money(acc.monthly)} 元，按党费规定第十条应为 "
                                              f"{format_money(national)} 元；党费账现按“{ctx.param('党费基数年内变动')}”"
                                              f"计 {format_money(used)} 元。请党支部确定，并在“月交额”中写明采用的数额",
                                  key=f"{acc.member}@{year}-{change.month}")
                elif change.monthly is not None and change.monthly != national:
                    yield Problem(change.at("monthly"), f"{who}自{when}起基数 {format_money(change.base)} 元，按党费规定第十条"
                                                        f"月交额应为 {format_money(national)} 元，这里写的是 "
                                                        f"{format_money(change.monthly)} 元", key=f"{acc.member}@{year}-{change.month}")


CENTRAL_WORDS = ("中央", "中组部", "大额党费")


@rule("dues-large-gift-remitted", Severity.ERROR, ("DF-11",), params=("大额党费",))
def dues_large_gift_remitted(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """一次自愿多交 1000 元以上的党费，全部上缴中央：党费账的“上缴”中要有相应的上缴记录。

    党费账按“例外”中每笔交纳算出“应上缴中央”的金额；“上缴”中 接收单位 或 说明 写明 中央、中组部 或 大额党费 的
    记录合计不少于它才算上缴了。当年结束后检查（上缴经基层党委办理，年内完成即可）。

    通过：12 月自愿多交 1100 元，上缴 {金额: "1100.00", 接收单位: 中共中央组织部（经街道党工委转交）}。
    违反：12 月自愿多交 1100 元，“上缴”中没有上缴中央的记录。
    """
    for ledger in _ledgers(branch, ctx):
        if ledger.year >= ctx.as_of.year or ledger.dues is None:
            continue
        central = ledger.totals()["central"]
        if central <= 0:
            continue
        sent = sum((r.amount or Decimal(0) for r in ledger.dues.remittances
                    if any(w in f"{r.to or ''}{r.note or ''}" for w in CENTRAL_WORDS)), Decimal(0))
        if sent < central:
            gift = next(p for acc in ledger.accounts for e in acc.months for p in e.payments if p.central)
            yield Problem(gift.loc, f"{ledger.year}年一次多交 {ctx.param('大额党费')} "
                                    f"元以上的党费共 {format_money(central)} 元应全部上缴中央，“上缴”中写明上缴中央的只有 "
                                    f"{format_money(sent)} 元", key=str(ledger.year))


@rule("dues-reduction-unapproved", Severity.ERROR, ("XZ-3.5", "DF-7"))
def dues_reduction_unapproved(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """少交或免交党费须经党支部研究、报上一级党委批准，并在“减免批准”中写明批准文号。

    通过：
      月交额: "0.00"
      减免批准: 城南工委〔2026〕5号
    违反：
      月交额: "0.00"    # 免交，没有“减免批准”
    """
    for year, dues in sorted(branch.dues.items()):
        for acc in dues.accounts:
            if acc.reduction_approval:
                continue
            if acc.monthly is not None and acc.monthly == 0:
                yield Problem(acc.at("monthly"), f"{_who(branch, acc.member)}月交额为 0（免交），没有“减免批准”", key=f"{acc.member}@{year}")
            for exc in acc.exceptions:
                if is_reduction(exc.note) or exc.amount == 0:
                    yield Problem(exc.at("amount"), f"{_who(branch, acc.member)}{exc.month}月{exc.note or '免交'}，没有“减免批准”",
                                  key=f"{acc.member}@{year}-{exc.month}")


@rule("dues-amount-mismatch", Severity.WARNING, ("XZ-3.3", "WH-3.4"))
def dues_amount_mismatch(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """每月实交数额与核定的月交额相符；多交的在“说明”中注明补交或自愿多交。

    通过：月交额 "97.50"，例外 月份: 3、金额: "1097.50"、说明: 自愿多交。
    违反：月交额 "97.50"，例外 月份: 3、金额: "50.00"，没有减免批准。
    """
    for ledger in _ledgers(branch, ctx):
        for acc in ledger.accounts:
            for e, which in amount_mismatches(acc):
                told = f"{_who(branch, acc.member_id)}{e.label} 实交 {format_money(e.paid)} 元，"
                if which == "少":
                    message = f"{told}少于核定月交额 {format_money(e.due)} 元"
                else:
                    message = f"{told}多于核定月交额 {format_money(e.due)} 元：请在“说明”中注明补交或自愿多交"
                yield Problem(e.payments[-1].loc, message, key=f"{acc.member_id}@{e.label}")


@rule("dues-unpaid", Severity.WARNING, ("XZ-3.3", "DF-12", "DF-8"))
def dues_unpaid(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """党员按月交纳党费：已过去的月份都有交纳记录（按季交纳的，季度结束后）。

    通过：
      交纳: {1: 2026-01-10, 2: 2026-02-10, 3: 2026-03-10}
    违反：2026-04-01 检查时
      交纳: {1: 2026-01-10, 3: 2026-03-10}   # 2 月未交
    """
    for ledger in _ledgers(branch, ctx):
        for acc in ledger.accounts:
            if acc.account is None:
                continue
            unpaid = [e for e in acc.months if e.unpaid]
            if unpaid:
                owed = sum((e.owed for e in unpaid), Decimal(0))
                yield Problem(acc.account.at("member"), f"{_who(branch, acc.member_id)}{ledger.year}年{_months(unpaid)}未交党费，"
                                                        f"共 {format_money(owed)} 元", key=f"{acc.member_id}@{ledger.year}")


@rule("dues-arrears-six-months", Severity.ERROR, ("DZ-9", "DF-13"), params=("连续未交月数",))
def dues_arrears_six_months(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """无正当理由连续 6 个月不交纳党费的，按自行脱党处理：连续未交已达 6 个月的须及时处理。

    通过：2026 年 3 月、4 月未交，5 月起按月交纳。
    违反：2026 年 3 月至 8 月连续 6 个月没有任何交纳记录。
    """
    limit = ctx.param("连续未交月数")
    accounts = {(a.member, y): a for y, d in branch.dues.items() for a in d.accounts if a.member}
    for member_id, history in histories(_ledgers(branch, ctx)).items():
        for run in unpaid_runs(history, limit):
            acc = accounts[(member_id, run[limit - 1].year)]
            yield Problem(acc.at("member"), f"{_who(branch, member_id)}自 {run[0].label} 起连续 {len(run)} 个月未交纳党费"
                          f"（至 {run[-1].label}）：无正当理由连续 {limit} 个月不交纳党费的，按自行脱党处理",
                          key=f"{member_id}@{run[0].label}")


@rule("dues-late-back-payment", Severity.WARNING, ("DF-12",), params=("补交最多月数",))
def dues_late_back_payment(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """补交党费一般不超过 6 个月。

    通过：1 月的党费于 2026-06-10 补交。
    违反：1 月的党费于 2026-09-10 补交（超过 6 个月）。
    """
    limit = ctx.param("补交最多月数")
    for ledger in _ledgers(branch, ctx):
        for acc in ledger.accounts:
            quarterly = bool(acc.account and acc.account.quarterly_approval)
            for e in acc.months:
                reference = (e.month - 1) // 3 * 3 + 3 if quarterly else e.month
                for p in e.payments if e.belongs else ():
                    late = months_between(e.year, reference, p.date)
                    if late > limit:
                        yield Problem(p.loc, f"{_who(branch, acc.member_id)}{e.label} 的党费于 {p.date} 补交，已过 {late} 个月，"
                                             f"补交一般不超过 {limit} 个月", key=f"{acc.member_id}@{e.label}")


@rule("dues-quarterly-unapproved", Severity.ERROR, ("XZ-3.4", "DF-12"))
def dues_quarterly_unapproved(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """按季交纳党费须本人申请、经党支部同意，并在“按季交纳批准”中写明。

    按季交纳是一种交纳方式，要一再出现才看得出来：同一年有两个以上季度都是各月党费在同一天一次交清的，才按
    按季交纳检查。只有一个季度这样交的，是一次补交（DF-12 允许补交，超过 6 个月的由 dues-late-back-payment 提醒）。

    通过：
      按季交纳批准: 2026-01-05 支委会同意
      交纳: {1: 2026-03-10, 2: 2026-03-10, 3: 2026-03-10, 4: 2026-06-10, 5: 2026-06-10, 6: 2026-06-10}
    （或：只有第一季度在 3 月一次补交，其余按月交纳）
    违反：
      交纳: {1: 2026-03-10, 2: 2026-03-10, 3: 2026-03-10, 4: 2026-06-10, 5: 2026-06-10, 6: 2026-06-10}   # 没有“按季交纳批准”
    """
    for ledger in _ledgers(branch, ctx):
        for acc in ledger.accounts:
            if acc.account is None or acc.account.quarterly_approval:
                continue
            at_once = list(quarters_paid_at_once(acc))
            if len(at_once) < 2:
                continue  # a one-off catch-up, not a way of paying
            for quarter, day, loc in at_once:
                yield Problem(loc, f"{_who(branch, acc.member_id)}{ledger.year}年第{quarter}季度各月党费于 {day} "
                                   f"一次交纳（当年共 {len(at_once)} 个季度如此），按季交纳须经党支部同意并填写“按季交纳批准”",
                              key=f"{acc.member_id}@{ledger.year}Q{quarter}")


@rule("dues-publication-late", Severity.WARNING, ("XZ-3.6", "WH-3.4"), params=("党费公布周期", "党费公布期限月数"))
def dues_publication_late(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """按时向党员公布党费收缴使用情况：每年初公布上年度（五化建设：每半年公布 1 次），记在“公布”中。

    通过：dues/2025.yaml 中
      公布:
        - 日期: 2026-01-20
          范围: 2025年度
    违反：2026-05-01 检查时，没有“范围: 2025年度”的公布记录。
    """
    cadence, grace = ctx.param("党费公布周期"), ctx.param("党费公布期限月数")
    for kind, record, period, message in publication_problems(branch.dues, cadence, grace, ctx.as_of):
        if kind == "range":
            yield Problem(record.at("period"), message, key=period)
        elif kind == "late":
            yield Problem(record.at("date"), message, key=period)
        else:
            where = record.key_at("publications") if "publications" in record.locs else record.loc
            yield Problem(where, message, key=period)
