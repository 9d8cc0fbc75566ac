"""Facts derived from the records that several rules and reports need."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dangjian.model import LEAVING_KINDS, BranchRecords, Member


def membership_periods(member: Member) -> list[tuple[dt.date, dt.date | None]]:
    """When the member belonged to the branch whose roster lists them: [start, end)."""
    events = sorted((t for t in member.transfers if t.date and t.kind), key=lambda t: t.date)
    periods: list[tuple[dt.date, dt.date | None]] = []
    # An unreadable 入党日期 is reported by the loader; treat it as "long ago" so that one bad
    # value does not cascade into findings on every meeting the member attended.
    start = None if events and events[0].kind == "转入" else (member.joined or dt.date.min)
    for event in events:
        if event.kind == "转入" and start is None:
            start = event.date
        elif event.kind in LEAVING_KINDS and start is not None:
            periods.append((start, event.date))
            start = None
    if start is not None:
        periods.append((start, None))
    return periods


def is_member_on(member: Member, day: dt.date) -> bool:
    return any(s <= day and (e is None or day < e) for s, e in membership_periods(member))


def is_full_member_on(member: Member, day: dt.date) -> bool:
    if member.full_member is None:  # trust the status when the date is missing (reported elsewhere)
        return member.status == "正式党员" and is_member_on(member, day)
    return member.full_member <= day and is_member_on(member, day)


def under_observation_on(member: Member, day: dt.date) -> bool:
    """Whether the member is under 留党察看 on `day` (XJ-5: no vote, cannot elect or be elected)."""
    return any(o.start and o.start <= day and (o.end is None or day < o.end) for o in member.observations)


def has_vote_on(member: Member, day: dt.date) -> bool:
    """Entitled to vote and elect on `day`: a full member of the branch, not under 留党察看 (XJ-5)."""
    return is_full_member_on(member, day) and not under_observation_on(member, day)


def full_members_on(branch: BranchRecords, day: dt.date) -> list[Member]:
    return [m for m in branch.members if is_full_member_on(m, day)]


def members_on(branch: BranchRecords, day: dt.date) -> list[Member]:
    return [m for m in branch.members if is_member_on(m, day)]


def descendants(repo, branch: BranchRecords) -> Iterator[BranchRecords]:
    for other in repo.branches:
        if other.parent == branch.id:
            yield other
            yield from descendants(repo, other)
