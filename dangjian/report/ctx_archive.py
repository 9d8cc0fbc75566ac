"""ZW-4 archives: the 支部档案 (composition, committees, development by year) and each member's
个人档案 (meetings attended, attendance, 参政议政, study, 思想动态 from the 思想汇报, talks, awards,
contributions) for a year. What the records do not hold is said plainly (NONE), never left blank."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from dangjian.dates import years_between
from dangjian.facts import members_on
from dangjian.model import EDUCATION, BranchRecords, Committee, Member
from dangjian.report.attendance import meetings_in, should_attend
from dangjian.report.common import Source, branch_label, cn, header, hours, percent
from dangjian.report.ctx_rosters import sorted_rows
from dangjian.report.spec import COMMON, ORG, Spec, each, group

TITLE = "支部档案和党员个人档案"
NONE = "台账无记录"
NO_THOUGHTS = "本期台账无思想汇报"
AGE_BANDS = ((35, "35岁及以下"), (45, "36至45岁"), (55, "46至55岁"), (60, "56至60岁"), (70, "61至70岁"),
             (200, "71岁及以上"))

COUNT: Spec = {"label": "类别", "count": "人数"}
VARIABLES: Spec = {
    **COMMON,
    "branch": group("支部基本情况", {
        **ORG, "founded_cn": "成立日期", "approval": "批准文号", "address": "地址",
        "groups": each("党小组", {"name": "名称", "leader": "组长", "size": "人数"})}),
    "composition": group("人员构成（期末在册党员）", {
        "total": "党员总数", "gender": each("性别", COUNT), "age": each("年龄段", COUNT),
        "education": each("学历", COUNT), "status": each("正式、预备", COUNT), "flags": each("特殊群体", COUNT)}),
    "committees": each("本届及历届委员会（新的在前）", {
        "session": "届次", "elected_cn": "选举日期", "term_years": "任期年限", "current": "是否本届",
        "seats": "委员及职务，如 书记：王建国；组织委员：李华"}),
    "development": each("历年发展党员情况（按年份）", {"year": "年份", "admitted": "接收预备党员", "confirmed": "转正",
                                              "activists": "确定积极分子"}),
    "reserve_note": "后备干部情况说明（台账暂无此项时的说明）",
    "members": each("党员个人档案", {
        "name": "姓名", "gender": "性别", "birth_cn": "出生日期", "joined_cn": "入党日期", "full_member_cn": "转正日期",
        "group": "党小组", "flags": "标记", "meetings_expected": "应参加会议次数", "meetings_attended": "实参加次数",
        "attendance_rate": "出勤率", "absences": "缺席及原因", "training_hours": "学习培训学时",
        "training_sessions": "学习培训次数", "talks": "谈心谈话（作为谈话对象）",
        "deliberations": "参政议政（activities 的“参政议政”），没有时为“台账无记录”",
        "thoughts": "思想动态：本期的思想汇报（日期、方式、内容），没有时为“本期台账无思想汇报”",
        "awards": "受表彰（奖励，名册“重要事项”中的受表彰），没有时为“台账无记录”",
        "services": "志愿服务次数", "pairings": "结对帮扶对象", "appraisal": "民主评议等次", "stars": "星级"}),
}


def _counts(values, order=None) -> list[dict]:
    counter = Counter(v for v in values if v)
    keys = [k for k in order if counter[k]] if order else sorted(counter)
    return [{"label": k, "count": counter[k]} for k in keys]


def _band(age: int) -> str:
    return next(label for top, label in AGE_BANDS if age <= top)


def _seats(source: Source, committee: Committee) -> str:
    return "；".join(f"{s.role}：{source.name(s.member)}" for s in committee.seats)


def build(source: Source, branch: BranchRecords) -> dict:
    period = source.period
    start, end = period.start, source.as_of
    info = branch.info
    context = header(source, f"{branch_label(branch)}{period.label}{TITLE}", branch)
    current = members_on(branch, end)
    context["branch"] = {
        **context["org"], "founded_cn": cn(info.founded) if info else "", "approval": (info.approval if info else "") or "",
        "address": (info.address if info else "") or "",
        "groups": [{"name": g.name or "", "leader": source.name(g.leader),
                    "size": sum(1 for m in current if m.group == g.name)} for g in (info.groups if info else [])],
    }
    context["composition"] = {
        "total": len(current), "gender": _counts((m.gender for m in current), ("男", "女")),
        "age": _counts((_band(years_between(m.birth, end)) for m in current if m.birth), [b for _, b in AGE_BANDS]),
        "education": _counts((m.education for m in current), EDUCATION),
        "status": _counts((m.status for m in current), ("正式党员", "预备党员")),
        "flags": _counts(f for m in current for f in m.flags),
    }
    # Newest first, and only those elected by the end of the period: a 2025 archive shows the
    # committee in office then, not one elected in 2026.
    every = ([info.committee] if info and info.committee else []) + list(info.past_committees if info else [])
    committees = sorted((c for c in every if c.elected and c.elected <= end), key=lambda c: c.elected, reverse=True)
    context["committees"] = [{"session": c.session or "", "elected_cn": cn(c.elected), "term_years": c.term_years or "",
                              "current": n == 0, "seats": _seats(source, c)} for n, c in enumerate(committees)]
    context["development"] = _development(branch, end)
    context["reserve_note"] = "台账暂未记录后备干部，请另行填写"
    meetings = meetings_in(source, branch, start, end)
    rows = [_member(source, branch, m, meetings, start, end) for m in members_on(branch, end)]
    context["members"] = sorted_rows(source, rows)
    for row in context["members"]:
        del row["no"], row["id"]
    return context


def _development(branch: BranchRecords, end: dt.date) -> list[dict]:
    years: dict[int, Counter] = {}
    for a in branch.applicants:
        for attr, key in (("admitted", "admitted"), ("activist", "activists")):
            day = getattr(a, attr)
            if day and day <= end:
                years.setdefault(day.year, Counter())[key] += 1
    for m in branch.members:  # members who came by transfer were developed elsewhere
        if any(t.kind == "转入" for t in m.transfers):
            continue
        if m.full_member and m.full_member <= end and m.joined and m.full_member > m.joined:
            years.setdefault(m.full_member.year, Counter())["confirmed"] += 1
    return [{"year": y, "admitted": c["admitted"], "confirmed": c["confirmed"], "activists": c["activists"]}
            for y, c in sorted(years.items())]


def _member(source: Source, branch: BranchRecords, member: Member, meetings, start, end) -> dict:
    expected = should_attend(branch, member.id, meetings)
    attended = [m for m in expected if member.id in m.attendees]
    absences = [f"{cn(m.date)}{'、'.join(m.kinds)}（{a.reason or '未写原因'}）"
                for m in expected for a in m.absentees if a.member == member.id]
    trained = source.figures.training(branch, start, end)
    talks = [t for t in branch.talks if t.date and start <= t.date <= end and t.talkee == member.id]
    activities = branch.activities.get(end.year)
    services = [s for s in (activities.services if activities else []) if member.id in s.participants]
    # 参政议政 and 思想汇报 of the period, from every year's activities file it touches.
    acts = [a for year, a in sorted(branch.activities.items()) if start.year <= year <= end.year]
    deliberations = sorted((d for a in acts for d in a.deliberations
                            if d.member == member.id and d.date and start <= d.date <= end), key=lambda d: d.date)
    thoughts = sorted((t for a in acts for t in a.thought_reports
                       if t.member == member.id and t.date and start <= t.date <= end), key=lambda t: t.date)
    awards = [e for e in member.events if e.date and start <= e.date <= end and e.kind == "受表彰"]
    grade = next((a.grade for a in (activities.appraisals if activities else []) if a.member == member.id), "")
    stars = next((s.stars for s in (activities.star_ratings if activities else []) if s.member == member.id), None)
    return {
        "no": 0, "id": member.id or "", "name": member.name or "", "gender": member.gender or "",
        "birth_cn": cn(member.birth), "joined_cn": cn(member.joined), "full_member_cn": cn(member.full_member),
        "group": member.group or "", "flags": "、".join(member.flags),
        "meetings_expected": len(expected), "meetings_attended": len(attended),
        "attendance_rate": percent(len(attended), len(expected)), "absences": "；".join(absences),
        "training_hours": hours(trained.per_member.get(member.id, 0.0)),
        "training_sessions": sum(1 for t in trained.sessions if member.id in t.attendees),
        "talks": "；".join(f"{cn(t.date)} {source.name(t.talker)}（{t.reason or '谈心谈话'}）" for t in talks),
        "deliberations": "；".join(f"{cn(d.date)} {d.content}{f'（{d.capacity}）' if d.capacity else ''}"
                                   for d in deliberations) or NONE,
        "thoughts": "；".join(f"{cn(t.date)} {t.form or ''}汇报{('：' + t.content) if t.content else ''}"
                              for t in thoughts) or NO_THOUGHTS,
        "awards": "；".join(f"{cn(e.date)} {e.kind}{('：' + e.note) if e.note else ''}" for e in awards) or NONE,
        "services": len(services),
        "pairings": "、".join(p.household or "" for p in (activities.pairings if activities else [])
                             if p.member == member.id),
        "appraisal": grade or "", "stars": stars if stars is not None else "",
    }
