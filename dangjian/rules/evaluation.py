"""评议与报告：双量双评（公开承诺、星级评定）、评议等次、思想汇报、工作报告、书记述职、最强党支部."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dangjian.calendar import Period
from dangjian.findings import Problem, Severity
from dangjian.leaders import secretaries_between
from dangjian.model import BranchRecords
from dangjian.periods import due, member_covers, missing_at
from dangjian.rules.registry import BRANCHES, rule


def _dated(branch: BranchRecords, attr: str) -> Iterator[tuple[object, dt.date]]:
    """Items of an activities list with their date (an undated item counts on 1 January of its file's year)."""
    for year, acts in branch.activities.items():
        for item in getattr(acts, attr):
            yield item, getattr(item, "date", None) or dt.date(year, 1, 1)


def _each_member(branch: BranchRecords, ctx, param: str, attr: str, what: str,
                 ok=lambda item: True) -> Iterator[Problem]:
    for period in due(branch, ctx, param, "activities"):
        done = {item.member for item, day in _dated(branch, attr) if period.contains(day) and ok(item)}
        for m in branch.members:
            if m.id and m.id not in done and member_covers(m, period):
                loc, advice = missing_at(branch, "activities", period.year)
                yield Problem(loc, f"{m.name}（{m.id}）{period.label}没有{what}，{advice}", key=f"{period.label}{m.id}")


@rule("commitment-yearly", Severity.WARNING, ("XZ-3.9",), params=("公开承诺周期",), kinds=BRANCHES)
def commitment_yearly(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """双量双评：每名党员每年初公开承诺（activities/<年>.yaml 的“公开承诺”）。

    通过：2025 年每名全年在册的党员在“公开承诺”中都有一项。
    违反：B1-003 在 2025 年没有公开承诺。
    """
    yield from _each_member(branch, ctx, "公开承诺周期", "commitments", "公开承诺（“公开承诺”）")


@rule("star-rating-yearly", Severity.WARNING, ("XZ-3.9", "XZ-4.5"), params=("星级评定周期",), kinds=BRANCHES)
def star_rating_yearly(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """双量双评：每名党员每年底参考民主评议结果进行星级评定（“星级评定”中写明“星级”）。

    通过：2025 年每名全年在册的党员在“星级评定”中都有星级。
    违反：B1-003 在 2025 年没有星级评定。
    """
    yield from _each_member(branch, ctx, "星级评定周期", "star_ratings", "星级评定（“星级评定”中写明“星级”）",
                            lambda item: item.stars is not None)


@rule("appraisal-grades", Severity.WARNING, ("XZ-4.5", "TL-18"), params=("评议等次周期",), kinds=BRANCHES)
def appraisal_grades(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """民主评议党员要对每名党员进行格次认定（“民主评议”中写明“等次”：优秀、合格、基本合格、不合格）。

    通过：2025 年每名全年在册的党员在“民主评议”中都有等次。
    违反：B1-003 在 2025 年的民主评议中没有等次。
    """
    yield from _each_member(branch, ctx, "评议等次周期", "appraisals", "民主评议等次（“民主评议”中写明“等次”）",
                            lambda item: item.grade is not None)


@rule("thought-report", Severity.WARNING, ("XZ-4.10",), params=("思想汇报周期",), kinds=BRANCHES)
def thought_report(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """党员每季度向党支部汇报思想、工作、学习和生活情况（“思想汇报”）。

    通过：2026 年第一季度每名全季在册的党员都有一项思想汇报。
    违反：B1-003 在 2026 年第一季度没有思想汇报。
    """
    yield from _each_member(branch, ctx, "思想汇报周期", "thought_reports", "向党支部汇报思想（“思想汇报”）")


def _reports(branch: BranchRecords, ctx, param: str, to: str, what: str) -> Iterator[Problem]:
    for period in due(branch, ctx, param, "activities"):
        if not any(period.contains(day) and item.to == to for item, day in _dated(branch, "work_reports")):
            loc, advice = missing_at(branch, "activities", period.year)
            yield Problem(loc, f"{period.label}没有{what}（“工作报告”中 报告对象: {to}），{advice}",
                          key=f"{period.label}{to}")


@rule("work-report", Severity.ERROR, ("XZ-4.11", "WH-2.4"), params=("党员大会报告工作周期", "向上级报告工作周期"), kinds=BRANCHES)
def work_report(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """党支部每半年向支部党员大会报告工作（xz），每半年向上一级党组织报告工作（wuhua）。

    通过：规则集 xz，2025 年上、下半年的“工作报告”中都有 报告对象: 支部党员大会。
    违反：规则集 xz，2025 年下半年没有向支部党员大会报告工作。
    """
    yield from _reports(branch, ctx, "党员大会报告工作周期", "支部党员大会", "向支部党员大会报告工作")
    yield from _reports(branch, ctx, "向上级报告工作周期", "上级党组织", "向上一级党组织报告工作")


def _secretary_reports(branch: BranchRecords, period: Period, to: str) -> list:
    secretaries = secretaries_between(branch, period.start, period.end)
    return [item for item, day in _dated(branch, "duty_reports")
            if period.contains(day) and item.to == to and item.reporter in secretaries]


def community_organisation(repo, branch: BranchRecords) -> bool:
    """The 社区党组织 of a community: a 社区 organisation not inside another 社区 organisation."""
    info = branch.info
    if info is None or info.sector != "社区":
        return False
    parent = next((b for b in repo.branches if branch.parent and b.id == branch.parent), None)
    return parent is None or parent.info is None or parent.info.sector != "社区"


@rule("secretary-duty-report", Severity.ERROR, ("XZ-5.4", "WH-4.2"),
      params=("书记述职周期", "书记述职对象", "书记述职党组织"))
def secretary_duty_report(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """书记每年述职：xz 社区党组织书记年底向街道党工委述职；wuhua 每个党支部书记每年向上级党组织和支部党员大会述职。

    XZ-5.4 只要求“社区党组织书记向街道党工委述职”（另有街道党工委书记向县区党委述职，不在支部台账中），
    所以 xz 只检查社区党组织（领域为 社区、且不在另一个社区党组织之内的党组织），非公企业、机关等党支部不检查；
    WH-4.2 双述双评是对每个支部书记的要求，只在 wuhua 下检查全部党组织。

    通过：规则集 xz，社区党支部 2025-12-20 述职人 B1-001（书记），对象 上级党组织；或非公企业党支部没有述职。
    违反：规则集 xz，社区党支部 2025 年没有书记向上级党组织的述职。
    """
    targets = ctx.param("书记述职对象") or []
    scope = ctx.param("书记述职党组织")
    if scope == "社区党组织" and not community_organisation(ctx.repo, branch):
        return
    for period in due(branch, ctx, "书记述职周期", "activities"):
        if not secretaries_between(branch, period.start, period.end):
            continue
        for to in targets:
            if not _secretary_reports(branch, period, to):
                loc, advice = missing_at(branch, "activities", period.year)
                yield Problem(loc, f"{period.label}没有书记向{to}的述职（“述职”中 对象: {to}，述职人为书记），{advice}",
                              key=f"{period.label}{to}")


@rule("model-branch-eligibility", Severity.ERROR, ("CJ-3.2",), params=("最强党支部优秀率",))
def model_branch_eligibility(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """评为最强党支部的年度：书记向上级述职的评议结果为优秀，党员评价“优秀”不低于 90%。

    通过：创建评定 {年度: 2025, 等级: 最强党支部, 党员评价优秀率: 95}，2025 年书记述职评议结果 优秀。
    违反：创建评定 {年度: 2025, 等级: 最强党支部, 党员评价优秀率: 85}。
    """
    least = ctx.param("最强党支部优秀率")
    if least is None:
        return
    for cert in branch.info.certifications:
        if cert.level != "最强党支部" or cert.year is None:
            continue
        if "excellent_rate" in cert.refused:
            continue  # the written rate is itself a finding
        if cert.excellent_rate is None or cert.excellent_rate < least:
            got = "没有填写" if cert.excellent_rate is None else f"为 {cert.excellent_rate}%"
            yield Problem(cert.at("excellent_rate") if cert.excellent_rate is not None else cert.loc,
                          f"{cert.year}年评为最强党支部，党员评价优秀率{got}，应不低于 {least}%", key=f"{cert.year}率")
        year = Period(dt.date(cert.year, 1, 1), dt.date(cert.year, 12, 31), f"{cert.year}年", dt.date(cert.year, 12, 31))
        if not any(r.result == "优秀" for r in _secretary_reports(branch, year, "上级党组织")):
            yield Problem(cert.at("level"), f"{cert.year}年评为最强党支部，但当年书记向上级党组织述职的评议结果不是优秀"
                                            "（或没有述职记录）", key=f"{cert.year}述职")
