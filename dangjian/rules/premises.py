"""阵地与经费：社区党群服务中心面积（XZ-6.1、QY-10）、社区工作经费（XZ-7.1）、三册四簿（XZ-6.3）.

Premises and funding are provided by the street and the county (XZ-7.1 各县区按照……安排), so a
shortfall is a warning to raise, not an error in the branch's own records.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from dangjian.findings import Problem, Severity
from dangjian.model import BranchRecords
from dangjian.periods import years
from dangjian.rules.registry import rule

BOOKS = {"meetings": "组织生活记实簿", "trainings": "学习工作记录簿", "activities": "联系服务群众记录簿",
         "dues": "党费收缴使用账簿"}


def _community_top(branch: BranchRecords, ctx) -> bool:
    """The community's own party organisation: sector 社区, not inside another 社区 organisation, not closed."""
    info = branch.info
    if info is None or info.sector != "社区" or (info.dissolved and info.dissolved <= ctx.as_of):
        return False
    parent = ctx.repo.branch(branch.parent) if branch.parent else None
    return not (parent and parent.info and parent.info.sector == "社区")


@rule("premises-area", Severity.WARNING, ("XZ-6.1", "QY-10"),
      params=("党群服务中心最小面积", "社区服务设施每百户面积", "社区服务设施最小面积"))
def premises_area(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """社区党群服务中心不少于 500 平方米；社区服务设施每百户不少于 20 平方米且不少于 300 平方米（branch.yaml“阵地面积”）。

    通过：辖区户数 1200，阵地面积 520。
    违反：辖区户数 1200，阵地面积 400；或没有填写阵地面积。
    """
    centre, per_hundred, floor = (ctx.param(n) for n in ("党群服务中心最小面积", "社区服务设施每百户面积", "社区服务设施最小面积"))
    if not any((centre, per_hundred, floor)) or not _community_top(branch, ctx):
        return
    info = branch.info
    needs = [(centre, f"社区党群服务中心不少于 {centre} 平方米"), (floor, f"社区服务设施不少于 {floor} 平方米")]
    if per_hundred and info.households:
        needs.append((math.ceil(info.households * per_hundred / 100),
                      f"辖区 {info.households} 户、每百户 {per_hundred} 平方米"))
    needs = [(n, why) for n, why in needs if n]
    if info.premises_area is None:
        if info.missing("premises_area"):
            yield Problem(info.loc, "社区党组织应在 branch.yaml 填写“阵地面积”（党群服务中心面积，平方米）")
        return
    short = [(n, why) for n, why in needs if info.premises_area < n]
    if short:
        need, why = max(short)
        yield Problem(info.at("premises_area"), f"阵地面积 {info.premises_area} 平方米，少于 {need} 平方米（{why}）")


@rule("community-funding", Severity.WARNING, ("XZ-7.1",), params=("社区工作经费每户",))
def community_funding(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """社区工作经费每年每户不少于 10 元（branch.yaml 的“辖区户数”和“年度工作经费”）。

    通过：辖区户数 1200，年度工作经费 "15000"。
    违反：辖区户数 1200，年度工作经费 "8000"。
    """
    per = ctx.param("社区工作经费每户")
    if not per or not _community_top(branch, ctx):
        return
    info = branch.info
    if info.households is None or info.funding is None:
        missing = [k for k, attr in (("辖区户数", "households"), ("年度工作经费", "funding")) if info.missing(attr)]
        if missing:
            yield Problem(info.loc, f"社区党组织应在 branch.yaml 填写“{'”“'.join(missing)}”（每年每户不少于 {per} 元）")
    elif info.funding < info.households * per:
        yield Problem(info.at("funding"), f"年度工作经费 {info.funding} 元，少于辖区 {info.households} 户 × {per} 元 = "
                                          f"{info.households * per} 元")


@rule("archive-books", Severity.WARNING, ("XZ-6.3",), params=("三册四簿",))
def archive_books(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """三册四簿：每个完整年度都有会议、培训、活动记录和党费账（名册由 members.yaml、applicants.yaml 生成）。

    通过：2025 年有 meetings/2025.yaml、trainings/2025.yaml、activities/2025.yaml、dues/2025.yaml。
    违反：2025 年没有 trainings/2025.yaml。
    """
    if not ctx.param("三册四簿"):
        return
    prefix = f"{branch.directory}/" if branch.directory else ""
    if f"{prefix}members.yaml" not in branch.files:
        yield Problem(branch.info.loc, f"没有党员名册（{prefix}members.yaml）")
    for period in years(branch, ctx, "meetings"):
        gone = [f"{book}（{kind}/{period.year}.yaml）" for kind, book in BOOKS.items()
                if not any(f"{prefix}{kind}/{period.year}.{s}" in branch.files for s in ("yaml", "yml"))]
        if gone:
            yield Problem(branch.info.loc, f"{period.label}缺少：{'、'.join(gone)}", key=str(period.year))
