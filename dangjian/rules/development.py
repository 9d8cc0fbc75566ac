"""发展党员（发展党员工作细则，XZ-3.1、WH-3.1）：申请人年龄、谈话、培养期、培训、介绍人、支部大会和审批."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from dangjian.dates import add_months, add_years
from dangjian.facts import is_full_member_on
from dangjian.findings import Problem, Severity
from dangjian.model import Applicant, BranchRecords
from dangjian.periods import records_start, unknown
from dangjian.rules.registry import rule

STEPS = (("applied", "申请日期"), ("talked", "谈话日期"), ("activist", "积极分子日期"), ("candidate", "发展对象日期"),
         ("admitted", "支部大会日期"), ("approved", "审批日期"))


def _who(a: Applicant) -> str:
    return f"{a.name}（{a.id}）"


def _open(a: Applicant) -> bool:
    return a.status != "已终止"


@rule("applicant-age", Severity.ERROR, ("FZ-5",), params=("入党最低年龄",))
def applicant_age(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """递交入党申请书时年满 18 岁。

    通过：出生日期 2000-05-01，申请日期 2019-03-01。
    违反：出生日期 2002-05-01，申请日期 2019-03-01（未满 18 岁）。
    """
    age = ctx.param("入党最低年龄")
    for a in branch.applicants:
        if a.birth and a.applied and add_years(a.birth, age) > a.applied:
            yield Problem(a.at("applied"), f"{_who(a)}于 {a.applied} 递交申请时未满 {age} 岁（出生日期 {a.birth}）", key=a.id or "")


@rule("applicant-first-talk", Severity.ERROR, ("FZ-7",), params=("申请谈话期限月数",))
def applicant_first_talk(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """党组织收到入党申请书后 1 个月内派人同申请人谈话（填写“谈话日期”）。

    通过：申请日期 2025-03-01，谈话日期 2025-03-20。
    违反：申请日期 2025-03-01，谈话日期 2025-05-10；或到今天已过 1 个月仍没有谈话日期。
    """
    months = ctx.param("申请谈话期限月数")
    start = records_start(branch, ctx)
    for a in branch.applicants:
        if not a.applied:
            continue
        limit = add_months(a.applied, months)
        if a.talked and a.talked > limit:
            yield Problem(a.at("talked"), f"{_who(a)}于 {a.applied} 递交申请，{a.talked} 才谈话，超过 {months} 个月",
                          key=a.id or "")
        elif not a.talked and _open(a) and a.applied >= start and limit < ctx.as_of:
            yield Problem(a.at("applied"), f"{_who(a)}于 {a.applied} 递交申请，{months} 个月内应派人谈话，"
                                           "请填写“谈话日期”", key=a.id or "")


@rule("activist-period", Severity.ERROR, ("FZ-13",), params=("积极分子培养最少月数",))
def activist_period(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """入党积极分子经过一年以上培养教育和考察，才能列为发展对象。

    通过：积极分子日期 2024-03-01，发展对象日期 2025-04-01。
    违反：积极分子日期 2024-09-01，发展对象日期 2025-04-01（不满一年）；或没有积极分子日期。
    """
    months = ctx.param("积极分子培养最少月数")
    for a in branch.applicants:
        if not a.candidate:
            continue
        if not a.activist:
            yield Problem(a.at("candidate"), f"{_who(a)}已列为发展对象，但没有“积极分子日期”", key=a.id or "")
        elif a.candidate < add_months(a.activist, months):
            yield Problem(a.at("candidate"), f"{_who(a)}于 {a.activist} 确定为积极分子，{a.candidate} 列为发展对象，"
                                             f"培养考察不满 {months} 个月", key=a.id or "")


@rule("candidate-training", Severity.ERROR, ("FZ-17", "XZ-3.1"), params=("发展对象培训最少天数", "发展对象培训最少学时"))
def candidate_training(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """发展对象接收前参加集中培训，不少于 3 天或不少于 24 学时（填写“培训天数”或“培训学时”）。

    通过：培训学时: 24
    违反：培训学时: 16（且培训天数不足 3 天）
    """
    days, hours = ctx.param("发展对象培训最少天数"), ctx.param("发展对象培训最少学时")
    for a in branch.applicants:
        if not a.admitted:
            continue
        if (a.training_days or 0) >= days or (a.training_hours or 0) >= hours:
            continue
        got = "、".join(x for x in (f"{a.training_days} 天" if a.training_days else "",
                                    f"{a.training_hours} 学时" if a.training_hours else "") if x) or "没有记录"
        yield Problem(a.at("training_hours") if a.training_hours is not None else a.at("admitted"),
                      f"{_who(a)}的发展对象集中培训（{got}）不足 {days} 天或 {hours} 学时", key=a.id or "")


@rule("applicant-sponsors", Severity.ERROR, ("FZ-14", "DZ-5", "XZ-3.1"), params=("入党介绍人人数",))
def applicant_sponsors(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """接收预备党员须有两名入党介绍人，且在支部大会时都是正式党员。

    通过：入党介绍人: [B1-001, B1-002]，两人都是正式党员。
    违反：入党介绍人: [B1-001]；或介绍人之一当时是预备党员。
    """
    needed = ctx.param("入党介绍人人数")
    for a in branch.applicants:
        if not a.admitted:
            continue
        sponsors = list(dict.fromkeys(a.sponsors))
        if len(sponsors) < needed:
            yield Problem(a.at("sponsors"), f"{_who(a)}只有 {len(sponsors)} 名入党介绍人，应有 {needed} 名正式党员",
                          key=a.id or "")
        for who in sponsors:
            for member, _ in ctx.member_index.get(who, [])[:1]:
                if not is_full_member_on(member, a.admitted):
                    yield Problem(a.at("sponsors"), f"{_who(a)}的入党介绍人{member.name}（{who}）在 {a.admitted} "
                                                    "不是正式党员", key=f"{a.id}@{who}")


@rule("admission-meeting", Severity.ERROR, ("DZ-5", "XZ-3.1"))
def admission_meeting(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """接收预备党员须经支部党员大会讨论表决：“支部大会日期”当天有表决的支部党员大会记录。

    通过：支部大会日期 2025-06-10，meetings/2025.yaml 中 2025-06-10 的支部党员大会有表决。
    违反：支部大会日期 2025-06-12，当天没有支部党员大会记录。
    """
    start = records_start(branch, ctx)
    for a in branch.applicants:
        if not a.admitted or a.admitted < start or unknown(branch, ctx, "meetings", a.admitted.year):
            continue
        if not any(m.date == a.admitted and "支部党员大会" in m.kinds and m.votes for m in branch.meetings):
            yield Problem(a.at("admitted"), f"{_who(a)}的支部大会日期 {a.admitted} 当天没有有表决的支部党员大会记录，"
                                            f"请在 meetings/{a.admitted.year}.yaml 中补记会议和表决", key=a.id or "")


@rule("admission-approval", Severity.ERROR, ("FZ-23",), params=("审批期限月数", "审批最长月数"))
def admission_approval(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """上级党委在支部大会后 3 个月内审批；特殊情况写明“审批延长原因”，最长不超过 6 个月。

    通过：支部大会日期 2025-06-10，审批日期 2025-08-20。
    违反：支部大会日期 2025-06-10，审批日期 2025-10-20，没有写审批延长原因。
    """
    usual, longest = ctx.param("审批期限月数"), ctx.param("审批最长月数")
    for a in branch.applicants:
        if not a.admitted or not _open(a):
            continue
        delayed = bool((a.approval_delay or "").strip())
        limit = add_months(a.admitted, longest if delayed else usual)
        day = a.approved or ctx.as_of
        if day <= limit:
            continue
        beyond = day > add_months(a.admitted, longest)
        months = longest if beyond else usual
        what = f"{a.approved} 才审批" if a.approved else "至今未审批"
        extra = "" if beyond else f"（特殊情况请写明“审批延长原因”，最长不超过 {longest} 个月）"
        yield Problem(a.at("approved") if a.approved else a.at("admitted"),
                      f"{_who(a)}于 {a.admitted} 经支部大会通过，{what}，超过 {months} 个月{extra}", key=a.id or "")


@rule("applicant-steps-order", Severity.ERROR, ("XZ-3.1", "WH-3.1"))
def applicant_steps_order(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """发展党员的各步骤按顺序：申请 → 谈话 → 积极分子 → 发展对象 → 支部大会 → 审批，后一步的日期不早于前一步。

    通过：申请 2023-03-01，谈话 2023-03-15，积极分子 2023-06-01，发展对象 2024-07-01，支部大会 2024-10-10。
    违反：积极分子日期 2023-06-01，申请日期 2023-09-01。
    """
    for a in branch.applicants:
        done = [(attr, label, getattr(a, attr)) for attr, label in STEPS if getattr(a, attr)]
        for (_, before_label, before), (attr, label, day) in pairwise(done):
            if day < before:
                yield Problem(a.at(attr), f"{_who(a)}的{label} {day} 早于{before_label} {before}", key=f"{a.id}@{attr}")


@rule("application-form-number", Severity.ERROR, ("WH-3.1",), params=("志愿书编号管理",))
def application_form_number(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """《入党志愿书》编号管理：接收为预备党员的填写“志愿书编号”，全记录库不重复（五化建设）。

    通过：志愿书编号: "2025-CN-0012"
    违反：已有支部大会日期，没有志愿书编号；或两人的编号相同。
    """
    if not ctx.param("志愿书编号管理"):
        return
    seen: dict[str, Applicant] = {}
    for other in ctx.repo.branches:
        for a in other.applicants:
            if a.form_number and a.form_number not in seen:
                seen[a.form_number] = a
    for a in branch.applicants:
        if a.admitted and not (a.form_number or "").strip():
            yield Problem(a.at("admitted"), f"{_who(a)}已经支部大会接收，没有填写“志愿书编号”", key=a.id or "")
        elif a.form_number and seen.get(a.form_number) is not a:
            first = seen[a.form_number]
            yield Problem(a.at("form_number"), f"{_who(a)}的志愿书编号 {a.form_number} 与{_who(first)}重复",
                          key=a.id or "", related=(first.at("form_number"),))
