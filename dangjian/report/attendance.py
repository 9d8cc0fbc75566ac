"""Who should have been at a meeting, who was, who was absent and why."""

from __future__ import annotations

from dangjian.figures import expected_ids
from dangjian.model import BranchRecords, Meeting
from dangjian.report.common import Source, cn, iso, percent


def meeting_row(source: Source, branch: BranchRecords, meeting: Meeting) -> dict:
    seen = source.figures.attendance(branch, meeting)
    expected, present, others = seen.expected, seen.present, seen.others
    absent = [{"name": source.name(a.member), "reason": a.reason or ""} for a in meeting.absentees]
    absent += [{"name": source.name(m), "reason": "未记录出缺席"} for m in seen.unrecorded]
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


def meetings_in(source: Source, branch: BranchRecords, start, end) -> list[Meeting]:
    return source.figures.meetings(branch, start, end)


def attended(member_id: str, meetings: list[Meeting]) -> int:
    return sum(1 for m in meetings if member_id in m.attendees)


def should_attend(branch: BranchRecords, member_id: str, meetings: list[Meeting]) -> list[Meeting]:
    return [m for m in meetings if member_id in expected_ids(branch, m)]
