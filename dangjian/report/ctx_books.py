"""Three of the 四簿 of XZ-6.3: 组织生活记实簿, 学习工作记录簿, 联系服务群众记录簿."""

from __future__ import annotations

from dangjian.model import BranchRecords
from dangjian.report.attendance import meeting_row, meetings_in
from dangjian.report.common import Source, branch_label, cn, header, hours, members_during
from dangjian.report.sorting import sort_by_name
from dangjian.report.spec import COMMON, MEETING, Spec, each

MEETINGS_TITLE = "组织生活记实簿"
STUDY_TITLE = "学习工作记录簿"
SERVICE_TITLE = "联系服务群众记录簿"

MEETINGS_VARIABLES: Spec = {
    **COMMON,
    "meetings": each("期间内全部会议和活动，按日期", MEETING),
    "count": "会议次数",
    "by_kind": each("各类会议次数", {"kind": "会议类型", "count": "次数"}),
}
STUDY_VARIABLES: Spec = {
    **COMMON,
    "sessions": each("学习培训，按日期", {"date_cn": "日期", "title": "名称", "hours": "学时", "organiser": "组织单位",
                                    "attendees": "参加人数", "names": "参加人员"}),
    "lectures": each("党课", {"date_cn": "日期", "topic": "主题", "lecturer": "授课人", "present": "听课人数"}),
    "total_hours": "培训学时合计",
    "members": each("每名党员的学时", {"name": "姓名", "hours": "学时", "sessions": "参加次数"}),
}
SERVICE_VARIABLES: Spec = {
    **COMMON,
    "services": each("志愿服务，按日期", {"date_cn": "日期", "title": "名称", "participants": "参加人数", "names": "参加人员"}),
    "pairings": each("结对帮扶", {"member": "党员", "household": "帮扶对象", "since_cn": "开始日期"}),
    "registered": each("到社区报到的在职党员", {"name": "姓名", "workplace": "工作单位"}),
    "members": each("每名党员参加志愿服务的次数", {"name": "姓名", "count": "次数"}),
}


def meetings_book(source: Source, branch: BranchRecords) -> dict:
    period = source.period
    context = header(source, f"{branch_label(branch)}{period.label}{MEETINGS_TITLE}", branch)
    meetings = meetings_in(source, branch, period.start, period.end)
    context["meetings"] = [meeting_row(source, branch, m) for m in meetings]
    context["count"] = len(meetings)
    kinds: dict[str, int] = {}
    for meeting in meetings:
        for kind in meeting.kinds:
            kinds[kind] = kinds.get(kind, 0) + 1
    context["by_kind"] = [{"kind": k, "count": n} for k, n in kinds.items()]
    return context


def study_book(source: Source, branch: BranchRecords) -> dict:
    period = source.period
    context = header(source, f"{branch_label(branch)}{period.label}{STUDY_TITLE}", branch)
    trained = source.figures.training(branch, period.start, period.end)
    sessions = trained.sessions
    context["sessions"] = [{"date_cn": cn(t.date), "title": t.title or "", "hours": hours(t.hours or 0),
                            "organiser": t.organiser or "", "attendees": len(t.attendees),
                            "names": source.names(t.attendees)} for t in sessions]
    lectures = [m for m in meetings_in(source, branch, period.start, period.end) if "党课" in m.kinds]
    context["lectures"] = [{"date_cn": cn(m.date), "topic": m.topic or "", "lecturer": source.name(m.lecturer),
                            "present": len(m.attendees)} for m in lectures]
    context["total_hours"] = hours(trained.total_hours)
    rows = []
    for member in members_during(branch, period.start, period.end):
        rows.append({"name": member.name or member.id or "", "hours": hours(trained.per_member.get(member.id, 0.0)),
                     "sessions": sum(1 for t in sessions if member.id in t.attendees)})
    context["members"] = sort_by_name(rows, lambda r: r["name"], source.sort)
    return context


def service_book(source: Source, branch: BranchRecords) -> dict:
    period = source.period
    context = header(source, f"{branch_label(branch)}{period.label}{SERVICE_TITLE}", branch)
    years = range(period.start.year, period.end.year + 1)
    services = sorted((s for y in years if y in branch.activities for s in branch.activities[y].services
                       if period.contains(s.date)), key=lambda s: (s.date, s.title or ""))
    context["services"] = [{"date_cn": cn(s.date), "title": s.title or "", "participants": len(s.participants),
                            "names": source.names(s.participants)} for s in services]
    pairings = [p for y in years if y in branch.activities for p in branch.activities[y].pairings]
    seen = set()
    context["pairings"] = []
    for p in pairings:
        if (p.member, p.household) in seen:
            continue
        seen.add((p.member, p.household))
        context["pairings"].append({"member": source.name(p.member), "household": p.household or "",
                                    "since_cn": cn(p.since)})
    current = members_during(branch, period.start, period.end)
    registered = [m for m in current if "在职党员报到" in m.flags]
    context["registered"] = sort_by_name([{"name": m.name or "", "workplace": m.workplace or ""} for m in registered],
                                         lambda r: r["name"], source.sort)
    rows = [{"name": m.name or m.id or "", "count": sum(1 for s in services if m.id in s.participants)} for m in current]
    context["members"] = sort_by_name(rows, lambda r: r["name"], source.sort)
    return context
