"""学习培训：党员、书记和班子成员、社区干部每年的学时，预备党员预备期内的集中培训."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dangjian.dates import add_months
from dangjian.findings import Problem, Severity
from dangjian.leaders import members_of_committee_through, seats_on
from dangjian.model import BranchRecords, Member
from dangjian.periods import Period, member_days, member_share, missing_at, records_start, unknown, years
from dangjian.rules import rule


def _hours(branch: BranchRecords, member_id: str, start: dt.date, end: dt.date) -> tuple[float, int]:
    """Training hours and sessions the member attended in [start, end]."""
    hours, count = 0.0, 0
    for t in branch.trainings:
        if t.date and start <= t.date <= end and member_id in t.attendees:
            hours += t.hours or 0
            count += 1
    return hours, count


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _short(branch: BranchRecords, period: Period, member: Member, who: str, required: float,
           share: float = 1.0) -> Iterator[Problem]:
    hours, _ = _hours(branch, member.id, period.start, period.end)
    need = round(required * share, 1)
    if hours + 1e-9 >= need:
        return
    loc, advice = missing_at(branch, "trainings", period.year)
    days = round(share * ((period.end - period.start).days + 1))
    part = f"（{period.label}在册 {days} 天，按全年 {_num(required)} 学时折算）" if share < 1 else ""
    yield Problem(loc, f"{who}{member.name}（{member.id}）{period.label}参加集中学习培训 {_num(hours)} 学时，少于 "
                       f"{_num(need)} 学时{part}，{advice}", key=f"{period.label}{member.id}")


@rule("training-hours", Severity.ERROR, ("JG-20", "XZ-3.2", "WH-3.2"), params=("党员年度学时",))
def training_hours(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """党员每年集中学习培训不少于 32 学时（xz 的 24 学时低于全国性规定，按 32 检查）；年中入党、转入、转出的按在册天数折算。

    通过：2025 年每名党员在 trainings/2025.yaml 中的学时合计不少于 32。
    违反：B1-003 在 2025 年只参加了 16 学时的培训。
    """
    required = ctx.param("党员年度学时")
    if not required:
        return
    for period in years(branch, ctx, "trainings"):
        for m in branch.members:
            share = member_share(m, branch, ctx, period) if m.id else 0
            if share > 0:
                yield from _short(branch, period, m, "党员", required, share)


@rule("training-leaders", Severity.ERROR, ("JG-20", "XZ-2.4", "CJ-2.2"),
      params=("书记年度学时", "班子成员年度学时", "书记年度培训次数"))
def training_leaders(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """书记每年至少参加 1 次集中培训、不少于 56 学时（xz 的 32 学时低于全国性规定）；其他委员每年不少于 56 学时。全年在任的才检查。

    通过：书记 B1-001 在 2025 年参加了 2 次培训共 56 学时。
    违反：书记 B1-001 在 2025 年只参加了 32 学时的培训。
    """
    roster = {m.id: m for m in branch.members if m.id}
    secretary_hours, member_hours = ctx.param("书记年度学时"), ctx.param("班子成员年度学时")
    sessions = ctx.param("书记年度培训次数") or 0
    for period in years(branch, ctx, "trainings"):
        held = members_of_committee_through(branch, period.start, period.end)
        roles = {s.member: s.role for s in seats_on(branch, period.end)}
        for member_id in sorted(held):
            member = roster.get(member_id)
            if member is None:
                continue
            secretary = roles.get(member_id) == "书记"
            required = secretary_hours if secretary else member_hours
            if required:
                yield from _short(branch, period, member, "书记" if secretary else "委员", required)
            _, count = _hours(branch, member_id, period.start, period.end)
            if secretary and count < sessions:
                loc, advice = missing_at(branch, "trainings", period.year)
                yield Problem(loc, f"书记{member.name}（{member_id}）{period.label}参加集中培训 {count} 次，少于 {sessions} 次，"
                                   f"{advice}", key=f"{period.label}{member_id}次数")


@rule("training-cadre", Severity.ERROR, ("XZ-2.3", "QY-16"), params=("社区干部年度学时",))
def training_cadre(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """社区干部（名册“标记”含 社区干部）每年参加培训不少于 40 学时，按在册天数折算。

    通过：标记为社区干部的 B1-002 在 2025 年参加培训 40 学时。
    违反：标记为社区干部的 B1-002 在 2025 年只参加培训 32 学时。
    """
    required = ctx.param("社区干部年度学时")
    if not required:
        return
    for period in years(branch, ctx, "trainings"):
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
        _, count = _hours(branch, m.id, m.joined, end)
        if count < needed:
            yield Problem(m.at("full_member") if m.full_member else m.at("joined"),
                          f"{m.name}（{m.id}）的预备期（{m.joined} 至 {end}）内参加集中培训 {count} 次，少于 {needed} 次",
                          key=m.id)
