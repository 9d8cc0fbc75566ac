"""The annual report (年度工作报告) of one organisation: each cadence required against held."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from dangjian import calendar, dates
from dangjian.facts import members_on
from dangjian.model import BranchRecords
from dangjian.periods import COMMITTEE_MEETINGS, NOT_RECORDED, owed, records_begin
from dangjian.report import figures, findings, pipeline
from dangjian.report.attendance import meetings_in
from dangjian.report.common import Source, branch_label, cn, header, hours, members_during, titled
from dangjian.report.sorting import sort_by_name
from dangjian.report.spec import COMMON, DUES, FINDING, Spec, each, group

TITLE = "年度工作报告"
# (会议类型, 周期参数): the cadences of params.py, owed as dangjian/periods.owed says.
CADENCES = (("支委会", "支委会周期"), ("支部党员大会", "党员大会周期"), ("党课", "党课周期"),
            ("主题党日", "主题党日周期"), ("组织生活会", "组织生活会周期"), ("民主评议", "民主评议周期"))

VARIABLES: Spec = {
    **COMMON,
    "members": group("党员人数", {"start": "年初人数", "end": "年末人数", "full": "年末正式党员",
                                "probationary": "年末预备党员", "joined": "本年转入、接收", "left": "本年转出等减少"}),
    "cadences": each("三会一课等各项制度：应开与实开", {
        "kind": "会议类型", "cadence": "规定周期，如 每月", "required": "应开次数（已到期的周期数）",
        "held": "按期召开的周期数", "meetings": "本年实际召开次数", "missing": "未召开的周期，如 3月、5月",
        "ok": "是否全部按期召开"}),
    "groups": each("党小组会（每个党小组）", {"name": "党小组", "required": "应开次数", "held": "按期召开的周期数",
                                        "missing": "未召开的周期"}),
    "life_meeting": group("组织生活会", {"count": "召开次数", "dates": "日期"}),
    "appraisal": group("民主评议党员", {
        "done": "是否开展", "dates": "会议日期", "graded": "评定等次的人数",
        "grades": each("各等次人数", {"grade": "等次", "count": "人数"})}),
    "pipeline": group("发展党员", {
        "applied": "本年递交申请", "activists": "本年确定积极分子", "candidates": "本年确定发展对象",
        "admitted": "本年接收预备党员", "approved": "本年上级审批", "confirmed": "本年按期转正",
        "standing_applicants": "年末申请人", "standing_activists": "年末积极分子", "standing_candidates": "年末发展对象"}),
    "dues": group("全年党费", DUES),
    "training": group("学习培训", {
        "sessions": "培训次数", "total_hours": "培训学时合计", "required": "党员年度学时要求（未设定为空）",
        "per_member": "党员人均学时", "below": "未达要求的人数",
        "members": each("每名党员的学时", {"name": "姓名", "hours": "学时", "ok": "是否达到要求（未设定要求时为空）"})}),
    "ratings": group("承诺与评定", {
        "commitments": "公开承诺人数", "reports": "述诺人次",
        "stars": each("星级评定", {"name": "姓名", "stars": "星级", "grade": "等次"})}),
    "talks": "谈心谈话次数",
    "records_note": "本年有一部分在台账记录起始日（成立日期、记录起始）以前时的说明，否则为空",
    "election": group("换届", {"session": "届次", "elected_cn": "选举日期", "term_years": "任期年限",
                             "expires_cn": "届满日期", "status": "状态：任期内、即将届满、已届满、本年已换届、本年首届选举、未记录"}),
    "findings": each("截至年底台账校验发现的问题", FINDING),
    "findings_count": group("问题数", {"errors": "错误", "warnings": "警告", "notes": "提示"}),
}


def build(source: Source, branch: BranchRecords) -> dict:
    period = source.period
    year, start = period.year, period.start
    end = source.as_of
    context = header(source, branch_label(branch) + titled(period.label, TITLE), branch)
    meetings = meetings_in(source, branch, start, end)
    during = members_during(branch, start, end)
    moves = [t for m in branch.members for t in m.transfers if t.date and start <= t.date <= end]
    final = members_on(branch, end)
    context["members"] = {
        "start": len(members_on(branch, start)), "end": len(final),
        "full": sum(m.status == "正式党员" for m in final), "probationary": sum(m.status == "预备党员" for m in final),
        "joined": sum(t.kind == "转入" for t in moves)
        + sum(1 for m in during if m.joined and start <= m.joined <= end and not m.transfers),
        "left": sum(t.kind != "转入" for t in moves),
    }
    begin = records_begin(branch, source.repo.config)
    context["records_note"] = (f"本党组织的台账自{cn(begin)}起记录，此前开始的期间为“{NOT_RECORDED}”，"
                               "不计入应开、未召开和欠交" if start < begin <= end else "")
    context["cadences"] = _cadences(source, branch, meetings, year, end, begin)
    context["groups"] = _groups(source, branch, meetings, year, end, begin)
    life = [m for m in meetings if "组织生活会" in m.kinds]
    context["life_meeting"] = {"count": len(life), "dates": "、".join(cn(m.date) for m in life)}
    activities = branch.activities.get(year)
    appraisals = [a for a in (activities.appraisals if activities else []) if a.grade]
    appraisal_meetings = [m for m in meetings if "民主评议" in m.kinds]
    grades = Counter(a.grade for a in appraisals)
    context["appraisal"] = {
        "done": bool(appraisal_meetings or appraisals), "dates": "、".join(cn(m.date) for m in appraisal_meetings),
        "graded": len(appraisals),
        "grades": [{"grade": g, "count": grades[g]} for g in ("优秀", "合格", "基本合格", "不合格") if grades[g]],
    }
    context["pipeline"] = pipeline.counts(branch, start, end)
    context["dues"] = figures.dues(source, branch, year, range(1, 13), period.end)
    context["training"] = _training(source, branch, year)
    context["ratings"] = {
        "commitments": len({c.member for c in (activities.commitments if activities else [])}),
        "reports": len(activities.commitment_reports) if activities else 0,
        "stars": sort_by_name([{"name": source.name(s.member), "stars": s.stars if s.stars is not None else "",
                                "grade": s.grade or ""} for s in (activities.star_ratings if activities else [])],
                              lambda r: r["name"], source.sort),
    }
    context["talks"] = sum(1 for t in branch.talks if t.date and start <= t.date <= end)
    context["election"] = _election(source, branch, start, end)
    rows = findings.for_branch(source, branch)
    context["findings"] = rows
    context["findings_count"] = findings.tally(rows)
    return context


def _held(meetings, kind: str, spans, group: str | None = None) -> tuple[int, list[str], int]:
    chosen = [m for m in meetings if kind in m.kinds and (group is None or m.group == group)]
    missing = [label for a, b, label in spans if not any(a <= m.date <= b for m in chosen)]
    return len(spans) - len(missing), missing, len(chosen)


def _spans(cadence, year: int, end: dt.date, owes=lambda period: True) -> list[tuple[dt.date, dt.date, str]]:
    """(start, end, label within the year) of the cadence's periods ended by `end` in which
    the meeting is owed; an unreadable cadence gives none (param-value reports it)."""
    try:
        found = calendar.periods(cadence, year)
    except calendar.CalendarError:
        return []
    return [(p.start, p.end, p.part) for p in found if p.end <= end and owes(p)]


def _cadences(source: Source, branch: BranchRecords, meetings, year: int, end: dt.date,
              begin: dt.date) -> list[dict]:
    rows = []
    for kind, param in CADENCES:
        cadence = source.param(param)
        spans = _spans(cadence, year, end,
                       lambda p, kind=kind: p.start >= begin and owed(branch, kind, p, source.params))
        if kind in COMMITTEE_MEETINGS and not spans:
            continue  # no committee of 支委会最少委员 seats sat through any period: not owed
        held, missing, count = _held(meetings, kind, spans)
        rows.append({"kind": kind, "cadence": cadence or "未规定", "required": len(spans), "held": held,
                     "meetings": count, "missing": "、".join(missing), "ok": not missing})
    return rows


def _groups(source: Source, branch: BranchRecords, meetings, year: int, end: dt.date, begin: dt.date) -> list[dict]:
    spans = _spans(source.param("党小组会周期"), year, end, lambda p: p.start >= begin)
    rows = []
    for party_group in branch.info.groups if branch.info else []:
        held, missing, _ = _held(meetings, "党小组会", spans, party_group.name)
        rows.append({"name": party_group.name or "", "required": len(spans), "held": held,
                     "missing": "、".join(missing)})
    return rows


def _training(source: Source, branch: BranchRecords, year: int) -> dict:
    found = source.figures.training(branch, dt.date(year, 1, 1), dt.date(year, 12, 31))
    each = source.figures.training_year(branch, year)
    required = source.param("党员年度学时")
    rows = [{"name": source.name(m.member_id), "hours": hours(m.hours),
             "ok": "" if m.need is None else ("否" if m.short else "是")} for m in each]
    rows = sort_by_name(rows, lambda r: r["name"], source.sort)
    return {"sessions": len(found.sessions), "total_hours": hours(found.total_hours),
            "required": "" if required is None else hours(float(required)),
            "per_member": hours(round(sum(m.hours for m in each) / len(each), 1)) if each else "—",
            "below": sum(m.short for m in each), "members": rows}


def _founding(info, committee, every) -> bool:
    """The committee is the organisation's first: 首届/第一届, or none earlier and elected within a
    month of the founding."""
    if (committee.session or "").strip() in ("首届", "第一届"):
        return True
    earlier = [c for c in every if c.elected and c.elected < committee.elected]
    return not earlier and bool(info.founded) and 0 <= (committee.elected - info.founded).days <= 31


def _election(source: Source, branch: BranchRecords, start, end) -> dict:
    info = branch.info
    every = ([info.committee] if info and info.committee else []) + list(info.past_committees if info else [])
    in_office = [c for c in every if c.elected and c.elected <= end]  # the one in office at the period's end
    committee = max(in_office, key=lambda c: c.elected) if in_office else None
    if committee is None or not committee.term_years:
        return {"session": "", "elected_cn": "", "term_years": "", "expires_cn": "", "status": "未记录"}
    expires = dates.add_years(committee.elected, committee.term_years)
    warn = int(source.param("换届提醒月数"))
    if start <= committee.elected <= end:
        status = "本年首届选举" if _founding(info, committee, every) else "本年已换届"
    elif expires <= end:
        status = "已届满"
    elif dates.add_months(end, warn) >= expires:
        status = "即将届满"
    else:
        status = "任期内"
    return {"session": committee.session or "", "elected_cn": cn(committee.elected),
            "term_years": committee.term_years, "expires_cn": cn(expires), "status": status}
