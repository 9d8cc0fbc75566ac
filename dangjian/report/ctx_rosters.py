"""The three 名册 of XZ-6.3: members, activists and candidates, special groups.

Names are ordered 按姓氏笔画 (or as chosen with --sort); ID and phone numbers are masked
unless --unmasked is given.
"""

from __future__ import annotations

import datetime as dt

from dangjian.dates import years_between
from dangjian.facts import members_on
from dangjian.model import BranchRecords, Member
from dangjian.report import pipeline
from dangjian.report.common import Source, branch_label, cn, header
from dangjian.report.sorting import sort_by_name, unknown_chars
from dangjian.report.spec import COMMON, Spec, each

ROSTER_TITLE = "党员基本信息名册"
APPLICANTS_TITLE = "入党积极分子和发展对象名册"
SPECIAL_TITLE = "特殊群体党员名册"
SPECIAL_GROUPS = ("老党员", "流动党员", "困难党员")

MEMBER: Spec = {
    "no": "序号", "id": "党员编号", "name": "姓名", "gender": "性别", "ethnicity": "民族", "birth_cn": "出生日期",
    "age": "年龄", "education": "学历", "joined_cn": "入党日期", "full_member_cn": "转正日期", "status": "正式党员或预备党员",
    "standing": "党龄（年，按转正日期计）", "group": "党小组", "workplace": "工作单位", "position": "职务",
    "id_number": "身份证号（默认打码：前6后4）", "phone": "手机号（默认打码：前3后4）", "flags": "标记，如 老党员、流动党员",
    "note": "备注",
}
ROSTER_VARIABLES: Spec = {
    **COMMON,
    "members": each("在册党员（截至期末）", MEMBER),
    "count": "人数",
    "changes": each("本年组织关系变动", {"name": "姓名", "kind": "转入、转出、去世……", "date_cn": "日期",
                                     "counterpart": "转入自或转出到的党组织"}),
}
APPLICANT: Spec = {
    "no": "序号", "name": "姓名", "gender": "性别", "birth_cn": "出生日期", "stage": "所处阶段",
    "applied_cn": "申请日期", "talked_cn": "谈话日期", "activist_cn": "确定为积极分子日期", "mentors": "培养联系人",
    "candidate_cn": "确定为发展对象日期", "training_hours": "集中培训学时", "vetted_cn": "政审日期",
    "sponsors": "入党介绍人", "next_step": "下一步", "next_due_cn": "下一步期限", "note": "备注",
}
APPLICANTS_VARIABLES: Spec = {
    **COMMON,
    "activists": each("入党积极分子", APPLICANT),
    "candidates": each("发展对象", APPLICANT),
    "applicants": each("入党申请人（尚未确定为积极分子）", APPLICANT),
}
SPECIAL_VARIABLES: Spec = {
    **COMMON,
    "groups": each("各特殊群体（老党员、流动党员、困难党员及其他标记）", {
        "name": "群体名称", "count": "人数",
        "members": each("成员", {**MEMBER, "pairing": "结对帮扶情况"})}),
}


def _member_row(source: Source, member: Member, day: dt.date) -> dict:
    return {
        "no": 0, "id": member.id or "", "name": member.name or "", "gender": member.gender or "",
        "ethnicity": member.ethnicity or "", "birth_cn": cn(member.birth),
        "age": years_between(member.birth, day) if member.birth else "", "education": member.education or "",
        "joined_cn": cn(member.joined), "full_member_cn": cn(member.full_member), "status": member.status or "",
        "standing": years_between(member.full_member, day) if member.full_member and member.full_member <= day else "",
        "group": member.group or "", "workplace": member.workplace or "", "position": member.position or "",
        "id_number": source.id_number(member.id_number), "phone": source.phone(member.phone),
        "flags": "、".join(member.flags), "note": member.note or "",
    }


def _numbered(rows: list[dict]) -> list[dict]:
    for n, row in enumerate(rows, start=1):
        row["no"] = n
    return rows


def sorted_rows(source: Source, rows: list[dict]) -> list[dict]:
    missing = unknown_chars(r["name"] for r in rows)
    if missing and source.sort != "pinyin":
        note = f"以下字没有笔画数据，排在同笔画数的字之后或名册末尾：{'、'.join(missing)}"
        if note not in source.notes:
            source.notes.append(note)
    return _numbered(sort_by_name(rows, lambda r: r["name"], source.sort, lambda r: r.get("id", "")))


def roster(source: Source, branch: BranchRecords) -> dict:
    day = source.period.end
    context = header(source, f"{branch_label(branch)}{ROSTER_TITLE}", branch)
    rows = sorted_rows(source, [_member_row(source, m, day) for m in members_on(branch, day)])
    context["members"] = rows
    context["count"] = len(rows)
    year_start = dt.date(day.year, 1, 1)
    changes = sorted(((m, t) for m in branch.members for t in m.transfers if t.date and year_start <= t.date <= day),
                     key=lambda pair: (pair[1].date, pair[0].id or ""))
    context["changes"] = [{"name": m.name or "", "kind": t.kind or "", "date_cn": cn(t.date),
                           "counterpart": t.counterpart or ""} for m, t in changes]
    return context


def _applicant_row(source: Source, applicant) -> dict:
    steps = pipeline.next_steps(applicant)
    step, due = steps[0] if steps else ("", None)
    return {
        "no": 0, "id": applicant.id or "", "name": applicant.name or "", "gender": applicant.gender or "",
        "birth_cn": cn(applicant.birth), "stage": pipeline.stage(applicant), "applied_cn": cn(applicant.applied),
        "talked_cn": cn(applicant.talked), "activist_cn": cn(applicant.activist), "mentors": source.names(applicant.mentors),
        "candidate_cn": cn(applicant.candidate),
        "training_hours": applicant.training_hours if applicant.training_hours is not None else "",
        "vetted_cn": cn(applicant.vetted), "sponsors": source.names(applicant.sponsors),
        "next_step": "；".join(s for s, _ in steps), "next_due_cn": cn(due) if step else "", "note": applicant.note or "",
    }


def applicants(source: Source, branch: BranchRecords) -> dict:
    day = source.period.end
    context = header(source, f"{branch_label(branch)}{APPLICANTS_TITLE}", branch)
    current = [a for a in branch.applicants if a.applied and a.applied <= day]
    by_stage: dict[str, list[dict]] = {"积极分子": [], "发展对象": [], "申请人": []}
    for applicant in current:
        row = _applicant_row(source, applicant)
        if row["stage"] in by_stage:
            by_stage[row["stage"]].append(row)
    for key, stage in (("activists", "积极分子"), ("candidates", "发展对象"), ("applicants", "申请人")):
        rows = sorted_rows(source, by_stage[stage])
        for row in rows:
            del row["id"]
        context[key] = rows
    return context


def special_groups(source: Source, branch: BranchRecords) -> dict:
    day = source.period.end
    context = header(source, f"{branch_label(branch)}{SPECIAL_TITLE}", branch)
    current = members_on(branch, day)
    activities = branch.activities.get(day.year)
    pairings = {}
    for pairing in activities.pairings if activities else []:
        pairings.setdefault(pairing.member, []).append(pairing.household or "")
    names = list(SPECIAL_GROUPS) + sorted({f for m in current for f in m.flags} - set(SPECIAL_GROUPS))
    groups = []
    for name in names:
        rows = [{**_member_row(source, m, day), "pairing": "、".join(pairings.get(m.id, []))}
                for m in current if name in m.flags]
        groups.append({"name": name, "count": len(rows), "members": sorted_rows(source, rows)})
    context["groups"] = groups
    return context
