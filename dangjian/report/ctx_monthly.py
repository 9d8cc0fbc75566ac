"""The monthly report (工作月报) of one organisation: the month's records and what comes next."""

from __future__ import annotations

import datetime as dt

from dangjian.dates import add_months
from dangjian.facts import members_on
from dangjian.model import BranchRecords
from dangjian.periods import NOT_RECORDED, records_begin
from dangjian.report import figures, findings, pipeline
from dangjian.report.attendance import meeting_row
from dangjian.report.common import Source, branch_label, cn, header, hours, iso
from dangjian.report.spec import COMMON, DUES, FINDING, MEETING, PLAN_ITEM, Spec, each, group

TITLE = "工作月报"

VARIABLES: Spec = {
    **COMMON,
    "members": group("月底党员人数", {"total": "党员总数", "full": "正式党员", "probationary": "预备党员",
                                    "joined": "本月转入、接收人数", "left": "本月转出等减少人数"}),
    "meetings": each("本月会议和活动，按日期", MEETING),
    "theme_day": group("主题党日", {
        "held": "本月是否开展", "date_cn": "开展日期（未开展为空）", "topic": "主题",
        "planned_cn": "计划日期（固定日遇节假日按规定调整后）", "adjusted_reason": "未在计划日开展的原因",
        "note": "说明"}),
    "training": group("学习培训", {
        "sessions": each("本月培训", {"date_cn": "日期", "title": "名称", "hours": "学时", "organiser": "组织单位",
                                    "attendees": "参加人数", "names": "参加人员"}),
        "total_hours": "本月培训学时合计", "member_hours": "党员参加培训的人次学时合计",
        "per_member": "党员人均学时"}),
    "dues": group("本月党费（月交额按月底在册党员计）", DUES),
    "development": each("到期或逾期的发展党员步骤", {
        "name": "姓名", "stage": "所处阶段", "step": "应办事项", "due": "期限（2026-10-31）",
        "due_cn": "期限（2026年10月31日）", "overdue": "是否已逾期",
        "status": "状态：已逾期、本月到期、可以办理（培养满一年等从某日起可办的事项）"}),
    "talks": each("本月谈心谈话", {"date_cn": "日期", "talker": "谈话人", "talkee": "谈话对象", "reason": "事由"}),
    "findings": each("本月新出现的台账校验问题（月底校验有、上月底校验没有的）", FINDING),
    "findings_count": group("本月新出现的问题数", {"errors": "错误", "warnings": "警告", "notes": "提示"}),
    "findings_open": group("截至月底尚未解决的全部问题数", {"errors": "错误", "warnings": "警告", "notes": "提示"}),
    "next_month": group("下月计划", {"label": "下月，如 2026年11月", "available": "计划是否完整可用",
                                   "entries": each("计划事项", PLAN_ITEM), "note": "说明"}),
}


def build(source: Source, branch: BranchRecords) -> dict:
    period = source.period
    start, end = period.start, period.end
    context = header(source, f"{branch_label(branch)}{period.label}{TITLE}", branch)
    meetings = source.figures.meetings(branch, start, end)
    current = members_on(branch, end)
    moves = [t for m in branch.members for t in m.transfers if t.date and start <= t.date <= end]
    joined_here = [m for m in branch.members if m.joined and start <= m.joined <= end
                   and not any(t.kind == "转入" for t in m.transfers)]
    context["members"] = {
        "total": len(current), "full": sum(m.status == "正式党员" for m in current),
        "probationary": sum(m.status == "预备党员" for m in current),
        "joined": sum(t.kind == "转入" for t in moves) + len(joined_here),
        "left": sum(t.kind != "转入" for t in moves),
    }
    context["meetings"] = [meeting_row(source, branch, m) for m in meetings]
    context["theme_day"] = _theme_day(source, branch, meetings)
    context["training"] = _training(source, branch, start, end, len(current))
    context["dues"] = figures.dues(source, branch, end.year, range(end.month, end.month + 1), end)
    context["development"] = pipeline.steps_due(source, branch, start, end)
    context["talks"] = [{"date_cn": cn(t.date), "talker": source.name(t.talker), "talkee": source.name(t.talkee),
                         "reason": t.reason or ""}
                        for t in sorted(branch.talks, key=lambda t: (t.date or dt.date.min))
                        if t.date and start <= t.date <= end]
    rows = findings.new_in_period(source, branch)
    context["findings"] = rows
    context["findings_count"] = findings.tally(rows)
    context["findings_open"] = findings.tally(findings.for_branch(source, branch))
    following = add_months(start, 1)
    plan = figures.planned(source, branch, following.year, following.month)
    context["next_month"] = {"label": f"{following.year}年{following.month}月", **plan}
    return context


def _theme_day(source: Source, branch: BranchRecords, meetings) -> dict:
    held = [m for m in meetings if "主题党日" in m.kinds]
    period = source.period
    plan = figures.planned(source, branch, period.end.year, period.end.month)
    planned = next((i for i in plan["entries"] if i["what"] == "主题党日"), None)
    first = held[0] if held else None
    note = plan["note"]
    if first and planned and iso(first.date) != planned["date"] and not first.reason:
        note = "未在计划日开展，台账未写调整原因"
    begin = records_begin(branch, source.repo.config)
    if not first and period.start < begin:
        note = f"本月在台账记录起始日（{cn(begin) if begin != dt.date.max else '尚无记录'}）以前，{NOT_RECORDED}"
    elif not first:
        note = "本月未开展主题党日" + (f"（计划 {planned['date_cn']}）" if planned else "")
    return {"held": bool(first), "date_cn": cn(first.date) if first else "",
            "topic": "；".join(m.topic or "" for m in held), "planned_cn": planned["date_cn"] if planned else "",
            "adjusted_reason": first.reason or "" if first else "", "note": note}


def _training(source: Source, branch: BranchRecords, start, end, headcount: int) -> dict:
    found = source.figures.training(branch, start, end)
    return {
        "sessions": [{"date_cn": cn(t.date), "title": t.title or "", "hours": hours(t.hours or 0),
                      "organiser": t.organiser or "", "attendees": len(t.attendees),
                      "names": source.names(t.attendees)} for t in found.sessions],
        "total_hours": hours(found.total_hours), "member_hours": hours(found.member_hours),
        "per_member": hours(round(found.member_hours / headcount, 1)) if headcount else "—",
    }
