"""Who should have been at a meeting, who was, who was absent and why."""

from __future__ import annotations

from dangjian.facts import is_member_on, members_on
from dangjian.model import BranchRecords, Meeting
from dangjian.report.common import Source, cn, iso, percent

COMMITTEE_KINDS = {"支委会", "委员民主生活会"}


def expected_ids(branch: BranchRecords, meeting: Meeting) -> list[str]:
    """应到: the committee for a 支委会, the group for a 党小组会, else every member on the day."""
    day = meeting.date
    if day is None:
        return []
    kinds = set(meeting.kinds)
    info = branch.info
    if kinds and kinds <= COMMITTEE_KINDS and info and info.committee:
        roster = {m.id: m for m in branch.members}
        seats = [s.member for s in info.committee.seats if s.member]
        return [s for s in seats if s not in roster or is_member_on(roster[s], day)]
    members = members_on(branch, day)
    if "党小组会" in kinds and meeting.group:
        members = [m for m in members if m.group == meeting.group]
    return [m.id for m in members if m.id]


def meeting_row(source: Source, branch: BranchRecords, meeting: Meeting) -> dict:
    expected = expected_ids(branch, meeting)
    present = [m for m in meeting.attendees if m in expected]
    others = [m for m in meeting.attendees if m not in expected]
    absent_ids = {a.member for a in meeting.absentees}
    absent = [{"name": source.name(a.member), "reason": a.reason or ""} for a in meeting.absentees]
    unrecorded = [m for m in expected if m not in meeting.attendees and m not in absent_ids]
    absent += [{"name": source.name(m), "reason": "未记录出缺席"} for m in unrecorded]
    return {
        "date": iso(meeting.date),
        "date_cn": cn(meeting.date),
        "kinds": "、".join(meeting.kinds),
        "topic": meeting.topic or "",
        "group": meeting.group or "",
        "place": meeting.place or "",
        "host": source.name(meeting.host),
        "recorder": source.name(meeting.recorder),
        "lecturer": source.name(meeting.lecturer),
        "expected": len(expected),
        "present": len(present),
        "rate": percent(len(present), len(expected)),
        "absent": absent,
        "absent_text": "；".join(f"{a['name']}（{a['reason']}）" for a in absent) or "无",
        "guests": "、".join([*(source.name(m) for m in others), *meeting.guests]),
        "votes": [{"matter": v.matter or "", "kind": v.kind or "表决", "yes": v.yes or 0, "no": v.no or 0,
                   "abstain": v.abstain or 0} for v in meeting.votes],
        "adjusted_reason": meeting.reason or "",
        "minutes": meeting.minutes or "",
    }


def meetings_in(branch: BranchRecords, start, end) -> list[Meeting]:
    return sorted((m for m in branch.meetings if m.date and start <= m.date <= end),
                  key=lambda m: (m.date, m.topic or ""))


def attended(member_id: str, meetings: list[Meeting]) -> int:
    return sum(1 for m in meetings if member_id in m.attendees)


def should_attend(branch: BranchRecords, member_id: str, meetings: list[Meeting]) -> list[Meeting]:
    return [m for m in meetings if member_id in expected_ids(branch, m)]
