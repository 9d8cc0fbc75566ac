"""学习培训：党员、书记和班子成员、社区干部每年的学时，预备党员预备期内的集中培训."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dangjian.calendar import Period
from dangjian.dates import add_months
from dangjian.figures import hours_needed, short_of
from dangjian.findings import Problem, Severity
from dangjian.leaders import members_of_committee_through, seats_on
from dangjian.model import BranchRecords, Member, Training
from dangjian.periods import member_days, member_share, missing_at, records_start, unknown, years
from dangjian.rules.registry import rule


def _hours(trainings: list[Training], member_id: str, start: dt.date, end: dt.date) -> tuple[float, int]:
    """Training hours and sessions the member attended in [start, end]."""
    hours, count = 0.0, 0
    for t in trainings:
        if t.date and start <= t.date <= end and member_id in t.attendees:
            hours += t.hours or 0
            count += 1
    return hours, count


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _short(branch: BranchRecords, period: Period, member: Member, who: str, required: float,
           share: float = 1.0, counted: list[Training] | None = None,
           what: str = "参加集中学习培训") -> Iterator[Problem]:
    hours, _ = _hours(branch.trainings if counted is None else counted, member.id, period.start, period.end)
    need = hours_needed(required, share)  # as the annual report and assess count it (dangjian.figures)
    if not short_of(hours, need):
        return
    loc, advice = missing_at(branch, "trainings", period.year)
    days = round(share * ((period.end - period.start).days + 1))
    part = f"（{period.label}在册 {days} 天，按全年 {_num(required)} 学时折算）" if share < 1 else ""
    yield Problem(loc, f"{who}{member.name}（{member.id}）{period.label}{what} {_num(hours)} 学时，少于 "
                       f"{_num(need)} 学时{part}，{advice}", key=f"{period.label}{member.id}")


@rule("training-hours", Severity.ERROR, ("JG-20", "XZ-3.2", "WH-3.2"), params=("党员年度学时",))
def training_hours(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """党员每年集中学习培训不少于 32 学时（xz 的 24 学时低于全国性规定，按 32 检查）；年中入党、转入、转出的按在册天数折算。

    年中成立或年中开始记录的党组织，当年按记录覆盖的在册天数折算（2026-08-20 成立：32 × 134/365 = 11.7 学时），
    与年度工作报告、assess 的算法相同（dangjian.figures.hours_needed）。

    通过：2025 年每名党员在 trainings/2025.yaml 中的学时合计不少于 32。
    违反：B1-003 在 2025 年只参加了 16 学时的培训。
    """
    required = ctx.param("党员年度学时")
    if not required:
        return
    for period in years(branch, ctx, "trainings", partial=True):  # a year begun mid-way: pro-rated
        for m in branch.members:
            share = member_share(m, branch, ctx, period) if m.id else 0
            if share > 0:
                yield from _short(branch, period, m, "党员", required, share)


# Words that name an organisation above a branch when 组织单位 is not one of the repository's own
# organisations (区委组织部、街道党工委、镇党委、党校 …).
HIGHER_WORDS = ("党工委", "组织部", "党委", "党校", "区委", "县委", "市委", "省委")


def _own_names(org: BranchRecords) -> set[str]:
    info = org.info
    return {n for n in (org.id, info.name if info else None, info.short_name if info else None) if n}


def by_higher_org(branch: BranchRecords, ctx, training: Training) -> bool:
    """Whether a training was organised by a 上级党组织 (XZ-2.4 “参加一次党务培训”).

    It is when its 组织单位 names the repository's owner or an organisation this one belongs to,
    or names a higher body (党工委、组织部、党委、党校 …) that is not this organisation itself.
    A branch's own study (组织单位 is the branch, or left empty) does not count.
    """
    organiser = (training.organiser or "").strip()
    if not organiser or any(n in organiser for n in _own_names(branch)):
        return False
    higher = {ctx.repo.config.name} if ctx.repo.config.name else set()
    parent, orgs = branch.parent, {b.id: b for b in ctx.repo.branches}
    while parent and parent in orgs:
        higher |= _own_names(orgs[parent])
        parent = orgs[parent].parent
    return any(n in organiser for n in higher) or any(w in organiser for w in HIGHER_WORDS)


@rule("training-leaders", Severity.ERROR, ("XZ-2.4", "CJ-2.2"),
      params=("书记年度学时", "班子成员年度学时", "书记年度培训次数"))
def training_leaders(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """党支部书记每年至少参加 1 次上级党组织组织的党务培训，不少于 32 学时（xz）。全年在任的才检查。

    只算“组织单位”是上级党组织（街道党工委、区委组织部、所属党总支等）的培训，支部自己组织的学习不算。
    全国性规定没有书记的学时数（56 学时出自已到期的 2019—2023 年规划，需要时在“参数”中写上）；
    其他委员不另设学时，与党员一样按 training-hours 检查。

    通过：书记 B1-001 在 2025 年参加了街道党工委组织的培训共 32 学时。
    违反：书记 B1-001 在 2025 年参加上级组织的培训只有 31 学时；或只参加了支部自己组织的学习。
    """
    roster = {m.id: m for m in branch.members if m.id}
    secretary_hours, member_hours = ctx.param("书记年度学时"), ctx.param("班子成员年度学时")
    sessions = ctx.param("书记年度培训次数") or 0
    higher = [t for t in branch.trainings if by_higher_org(branch, ctx, t)]
    for period in years(branch, ctx, "trainings"):
        held = members_of_committee_through(branch, period.start, period.end)
        roles = {s.member: s.role for s in seats_on(branch, period.end)}
        for member_id in sorted(held):
            member = roster.get(member_id)
            if member is None:
                continue
            secretary = roles.get(member_id) == "书记"
            if secretary and secretary_hours:
                yield from _short(branch, period, member, "书记", secretary_hours, counted=higher,
                                  what="参加上级党组织组织的党务培训")
            elif not secretary and member_hours:
                yield from _short(branch, period, member, "委员", member_hours)
            count = sum(1 for t in higher if t.date and period.start <= t.date <= period.end and member_id in t.attendees)
            if secretary and count < sessions:
                loc, advice = missing_at(branch, "trainings", period.year)
                yield Problem(loc, f"书记{member.name}（{member_id}）{period.label}参加上级党组织组织的党务培训 {count} 次，"
                                   f"少于 {sessions} 次（支部自己组织的学习不算），{advice}", key=f"{period.label}{member_id}次数")


@rule("training-cadre", Severity.ERROR, ("XZ-2.3", "QY-16"), params=("社区干部年度学时",))
def training_cadre(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """社区干部（名册“标记”含 社区干部）每年参加培训不少于 40 学时，按在册天数折算。

    通过：标记为社区干部的 B1-002 在 2025 年参加培训 40 学时。
    违反：标记为社区干部的 B1-002 在 2025 年只参加培训 32 学时。
    """
    required = ctx.param("社区干部年度学时")
    if not required:
        return
    for period in years(branch, ctx, "trainings", partial=True):
        for m in branch.members:
            if m.id and "社区干部" in m.flags and (share := member_share(m, branch, ctx, period)) > 0:
                yield from _short(branch, period, m, "社区干部", required, share)


@rule("training-probationary", Severity.WARNING, ("JG-20",), params=("预备期培训次数", "预备期月数"))
def training_probationary(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """预备党员在预备期内一般参加 1 次集中培训（预备期结束后检查）。

    通过：B1-004 于 2025-03-01 入党、2026-03-01 转正，期间参加过 1 次培训。
    违反：B1-004 的预备期内没有任何培训记录。
    """
    needed = ctx.param("预备期培训次数")
    if not needed:
        return
    start = records_start(branch, ctx)
    for m in branch.members:
        if not m.id or not m.joined or m.joined < start:
            continue
        months = ctx.param("预备期月数") + sum(e.months or 0 for e in m.extensions)
        end = min(m.full_member or add_months(m.joined, months), add_months(m.joined, months))
        if end >= ctx.as_of or member_days(m, m.joined, end) <= (end - m.joined).days:
            continue
        if any(unknown(branch, ctx, "trainings", y) for y in range(m.joined.year, end.year + 1)):
            continue
        _, count = _hours(branch.trainings, m.id, m.joined, end)
        if count < needed:
            yield Problem(m.at("full_member") if m.full_member else m.at("joined"),
                          f"{m.name}（{m.id}）的预备期（{m.joined} 至 {end}）内参加集中培训 {count} 次，少于 {needed} 次",
                          key=m.id)
