"""组织设置补充：联合党支部（TL-5、DZ-30）、村和社区班子的学历（CJ-2.2）."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from dangjian.facts import full_members_on
from dangjian.findings import Problem, Severity
from dangjian.leaders import seats_on, secretary_on
from dangjian.model import BranchRecords
from dangjian.rules.registry import rule

COLLEGE = ("研究生", "大学本科", "大学专科")


def _open(branch: BranchRecords, ctx) -> bool:
    info = branch.info
    return bool(info and info.kind and not (info.dissolved and info.dissolved <= ctx.as_of))


@rule("joint-branch-units", Severity.WARNING, ("TL-5", "DZ-30"), params=("联合党支部最多单位", "支部最少正式党员"))
def joint_branch_units(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """联合党支部写明所联合的单位（2 至 5 个）；某单位的正式党员达到 3 人的，应单独成立党支部。

    通过：联合单位 [甲公司, 乙公司]，每个单位正式党员都不足 3 人（按名册“工作单位”）。
    违反：联合单位只写了 1 个；或甲公司已有 3 名正式党员。
    """
    if not _open(branch, ctx) or branch.info.kind != "联合党支部":
        return
    info, most = branch.info, ctx.param("联合党支部最多单位")
    if len(info.units) < 2:
        yield Problem(info.at("units"), "联合党支部应在“联合单位”中写明所联合的 2 个以上单位")
    elif most and len(info.units) > most:
        yield Problem(info.at("units"), f"联合党支部联合了 {len(info.units)} 个单位，一般不超过 {most} 个")
    least = ctx.param("支部最少正式党员")
    per_unit = Counter(m.workplace for m in full_members_on(branch, ctx.as_of) if m.workplace in info.units)
    for unit, count in sorted(per_unit.items()):
        if count >= least:
            yield Problem(info.at("units"), f"{unit}已有 {count} 名正式党员，应单独成立党支部", key=unit)


@rule("committee-education", Severity.WARNING, ("CJ-2.2",), params=("班子大专以上最少人数",))
def committee_education(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """村、社区党组织班子中至少有 1 名大专以上学历的成员（按名册中委员的“学历”；有委员没填学历的不判断）。

    通过：社区党支部书记 B1-001 学历 大学本科。
    违反：社区党支部的委员学历都已填写，都是高中或中专。
    """
    least = ctx.param("班子大专以上最少人数")
    info = branch.info
    if not least or not _open(branch, ctx) or info.sector not in ("村", "社区") or info.committee is None:
        return
    roster = {m.id: m for m in branch.members}
    seats = [s for s in seats_on(branch, ctx.as_of) if s.member in roster]
    count = sum(1 for s in seats if roster[s.member].education in COLLEGE)
    if count < least and seats and all(roster[s.member].education for s in seats):
        yield Problem(info.committee.at("seats"), f"{info.sector}党组织班子中大专以上学历的有 {count} 人，应至少 {least} 人")


def _community_general_branch(branch: BranchRecords, ctx) -> bool:
    info = branch.info
    return bool(_open(branch, ctx) and info.kind == "党总支" and info.sector in ("社区", "村"))


@rule("general-branch-approval", Severity.ERROR, ("ZW-1",), params=("社区党总支批准文号",), kinds=("党总支",))
def general_branch_approval(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """社区党总支的成立须由办事处书面请示、镇党委研究批准（zw）：branch.yaml 写明“批准文号”。

    通过：规则集 zw，社区党总支 批准文号: 城南镇委〔2023〕9号。
    违反：规则集 zw，社区党总支没有写“批准文号”。
    """
    if ctx.param("社区党总支批准文号") and _community_general_branch(branch, ctx) and not branch.info.approval:
        yield Problem(branch.info.at("kind"), "社区党总支的成立须经镇党委批准，branch.yaml 中没有“批准文号”")


@rule("general-branch-secretaries", Severity.ERROR, ("ZW-1",), params=("总支委员含下属支部书记",), kinds=("党总支",))
def general_branch_secretaries(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """社区党总支的委员会包括所辖各村（社区机关、志愿者队伍等）党支部的书记（zw）：今天在任的各支部书记都应是总支委员。

    通过：规则集 zw，总支委员含所辖 CN09、CN10、CN11 的书记。
    违反：规则集 zw，所辖 CN09 的书记 CN09-003 不在总支委员会中。
    """
    if not ctx.param("总支委员含下属支部书记") or not _community_general_branch(branch, ctx):
        return
    committee = branch.info.committee
    seated = {s.member for s in seats_on(branch, ctx.as_of)}
    for sub in ctx.repo.branches:
        if sub.parent != branch.id or sub.info is None or (sub.info.dissolved and sub.info.dissolved <= ctx.as_of):
            continue
        secretary = secretary_on(sub, ctx.as_of)
        if secretary and secretary not in seated:
            where = committee.at("seats") if committee else branch.info.loc
            yield Problem(where, f"所辖{sub.info.short_name or sub.info.name}（{sub.id}）的书记 {secretary} 不在总支委员会中"
                                 "（ZW-1：各支部书记任社区党总支委员）", key=sub.id)
