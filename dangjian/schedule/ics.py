"""Plans as an iCalendar file (RFC 5545) for phone and desktop calendars.

One VEVENT per entry (no RRULE: holiday shifts break repetition), local times with
TZID=Asia/Shanghai and a VTIMEZONE, never floating times. UIDs come from branch, kind and
period, so importing a revised plan updates the events instead of duplicating them; the
SEQUENCE grows with the time of export so that calendars accept the newer version.
"""

from __future__ import annotations

import datetime as dt

from dangjian.dates import SHANGHAI
from dangjian.schedule.entries import KINDS
from dangjian.schedule.holidays import PROVISIONAL_NOTE
from dangjian.schedule.plan import BranchPlan

START = dt.time(9, 0)  # events start at 09:00 Beijing time unless the kind says otherwise
KIND_START = {"duty": dt.time(8, 30)}
_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _name(plan: BranchPlan) -> str:
    info = plan.branch.info
    return info.short_name or info.name or plan.branch.id


def calendar_text(plans: list[BranchPlan], year: int, now: dt.datetime) -> bytes:
    from icalendar import Alarm, Calendar, Event

    now = now.astimezone(dt.UTC).replace(microsecond=0)
    sequence = int((now - _EPOCH).total_seconds() // 60)
    cal = Calendar()
    cal.add("prodid", "-//dangjian//schedule//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    names = "、".join(_name(p) for p in plans) if len(plans) <= 3 else f"{_name(plans[0])}等{len(plans)}个党组织"
    cal.add("x-wr-calname", f"{names} {year}年党组织生活安排")
    cal.add("x-wr-timezone", "Asia/Shanghai")
    for plan in plans:
        for entry in plan.entries:
            kind = KINDS[entry.kind]
            start = dt.datetime.combine(entry.date, KIND_START.get(entry.kind, START), tzinfo=SHANGHAI)
            summary = f"{_name(plan)}：{entry.title}"
            if entry.provisional:
                summary = f"【待复核】{summary}"
            description = [entry.reason] if entry.reason else []
            if entry.provisional:
                description.append(f"本日期按临时安排推算，{PROVISIONAL_NOTE}。")
            description.append(f"依据：{'、'.join(kind.clauses)}")
            event = Event()
            event.add("uid", entry.uid())
            event.add("dtstamp", now)
            event.add("last-modified", now)
            event.add("sequence", sequence)
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(minutes=kind.minutes))
            event.add("summary", summary)
            event.add("description", "\n".join(description))
            event.add("categories", [kind.title])
            if plan.branch.info.address:
                event.add("location", plan.branch.info.address)
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"明天：{summary}")
            alarm.add("trigger", dt.timedelta(days=-1))
            event.add_component(alarm)
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
