"""Who led a branch on a given day: the committee in force and its seats (书记、委员)."""

from __future__ import annotations

import datetime as dt

from dangjian.model import BranchRecords, Committee, CommitteeSeat


def committee_on(branch: BranchRecords, day: dt.date) -> Committee | None:
    """The committee in force on `day`: the latest one elected on or before it."""
    info = branch.info
    if info is None:
        return None
    elected = [c for c in (info.committee, *info.past_committees) if c and c.elected and c.elected <= day]
    return max(elected, key=lambda c: c.elected) if elected else None


def seats_on(branch: BranchRecords, day: dt.date) -> list[CommitteeSeat]:
    committee = committee_on(branch, day)
    if committee is None:
        return []
    return [s for s in committee.seats if s.member and (s.since or committee.elected) <= day]


def secretary_on(branch: BranchRecords, day: dt.date) -> str | None:
    return next((s.member for s in seats_on(branch, day) if s.role == "书记"), None)


def secretaries_between(branch: BranchRecords, start: dt.date, end: dt.date) -> set[str]:
    """Everyone who held the 书记 seat on some day in [start, end]."""
    found = {secretary_on(branch, d) for d in [start, *_changes(branch, start, end)]}
    return {m for m in found if m}


def _changes(branch: BranchRecords, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days in [start, end] on which the committee or one of its seats changed, and `end`."""
    info = branch.info
    days = {end}
    for committee in (info.committee, *info.past_committees) if info else ():
        if committee and committee.elected:
            days.update(d for d in [committee.elected, *(s.since for s in committee.seats if s.since)]
                        if d and start <= d <= end)
    return sorted(days)


def committee_size_through(branch: BranchRecords, start: dt.date, end: dt.date) -> int:
    """The smallest number of seats in force on any day of [start, end]."""
    return min(len(seats_on(branch, d)) for d in [start, *_changes(branch, start, end)])


def members_of_committee_through(branch: BranchRecords, start: dt.date, end: dt.date) -> set[str]:
    """Members who held a seat on every day of [start, end]."""
    days = [start, *_changes(branch, start, end)]
    held = [{s.member for s in seats_on(branch, d)} for d in days]
    return set.intersection(*held) if held else set()
