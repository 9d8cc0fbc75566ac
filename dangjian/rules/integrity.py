"""Referential integrity and date consistency across a branch's files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dangjian.dates import add_months
from dangjian.facts import descendants, membership_periods
from dangjian.findings import Problem, Severity
from dangjian.layout import year_of_path
from dangjian.located import Loc
from dangjian.model import BranchRecords
from dangjian.rules.registry import rule


@rule("member-id-unique", Severity.ERROR, ("XZ-3.7",), scope="repo")
def member_id_unique(repo, ctx) -> Iterator[Problem]:
    """党员编号在整个记录库内唯一（一人一档，不能同时在两个支部的名册中）。

    通过：每名党员只在一个 members.yaml 中出现一次。
    违反：编号 CN01-001 同时出现在 CN01/members.yaml 和 CN02/members.yaml 中。
    """
    for member_id, entries in ctx.member_index.items():
        if len(entries) < 2:
            continue
        first = entries[0][0].at("id")
        for member, _branch in entries[1:]:
            yield Problem(member.at("id"), f"党员编号 {member_id} 重复：已在 {first.path} 第{first.line}行使用",
                          key=member_id, related=(first,))


def _references(branch: BranchRecords,
                as_of: dt.date) -> Iterator[tuple[str, dt.date | None, Loc, str, bool, bool]]:
    """Every member id the branch's records name: (id, date it must hold on, where, what, whether
    members of sub-branches count — true for a committee seat and the duty rota —, and whether it
    comes from a list of branch.yaml that describes the branch as it is now: 联系党员, 党小组组长,
    值班安排. Those are dated the checking day; whoever they name must not have left by then, and
    one who joins after a past checking day is no error there.)"""
    info = branch.info
    committee = info.committee if info else None
    if committee:
        for seat in committee.seats:
            yield (seat.member, seat.since or committee.elected, seat.at("member"), f"委员会{seat.role or '委员'}",
                   True, False)
    if info:
        for link in info.links:
            yield link.member, as_of, link.at("member"), "联系党员的班子成员", False, True
            for who in link.linked:
                yield who, as_of, link.at("linked"), f"{link.member}联系的党员", False, True
        for group in info.groups:
            if group.leader:
                yield group.leader, as_of, group.at("leader"), f"{group.name}组长", False, True
        for rota in info.duty_rota:
            for i, member_id in enumerate(rota.members):
                yield member_id, as_of, rota.at("members"), f"{rota.weekday}值班人员（第{i + 1}位）", True, True
    for m in branch.meetings:
        label = f"{m.date}会议" if m.date else "会议"
        for attr, who in (("host", m.host), ("recorder", m.recorder)):
            if who:
                yield who, m.date, m.at(attr), f"{label}的{'主持人' if attr == 'host' else '记录人'}", False, False
        for who in m.attendees:
            yield who, m.date, m.at("attendees"), f"{label}的出席人员", False, False
        for absence in m.absentees:
            yield absence.member, m.date, absence.at("member"), f"{label}的缺席人员", False, False
    for t in branch.talks:
        yield t.talker, t.date, t.at("talker"), f"{t.date}谈话的谈话人", False, False
        yield t.talkee, t.date, t.at("talkee"), f"{t.date}谈话的谈话对象", False, False
    for t in branch.trainings:
        for who in t.attendees:
            yield who, t.date, t.at("attendees"), f"{t.date}培训“{t.title}”的参加人员", False, False
    for year, dues in branch.dues.items():
        for account in dues.accounts:
            months = sorted(account.paid or {})
            # A month is owed by whoever belongs on its last day (as the ledger counts it).
            day = add_months(dt.date(year, months[0], 1), 1) - dt.timedelta(days=1) if months else None
            yield account.member, day, account.at("member"), f"{year}年党费账", False, False
    for year, acts in branch.activities.items():
        for service in acts.services:
            for who in service.participants:
                yield (who, service.date, service.at("participants"), f"{service.date}志愿服务的参加人员", False,
                       False)
        for group_name in ("pairings", "commitments", "commitment_reports", "star_ratings", "appraisals",
                           "thought_reports", "deliberations"):
            for item in getattr(acts, group_name):
                yield item.member, getattr(item, "date", None) or getattr(item, "since", None) or \
                    dt.date(year, 12, 31), item.at("member"), f"{year}年活动记录", False, False
    for a in branch.applicants:
        for who in a.sponsors:
            yield who, a.admitted or a.candidate, a.at("sponsors"), f"{a.name}的入党介绍人", False, False
        for who in a.mentors:
            yield who, a.activist, a.at("mentors"), f"{a.name}的培养联系人", False, False


@rule("unknown-member", Severity.ERROR, ("XZ-3.7",))
def unknown_member(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """委员会、党小组、会议、谈话、培训、党费等记录中提到的党员，须是本支部名册中的党员，且当日在册。

    通过：会议“出席”中的 CN01-005 在 CN01/members.yaml 中，入党日期早于会议日期。
    违反：
      出席: [CN01-099]   # 名册中没有此编号
    """
    roster = {m.id: m for m in branch.members if m.id}
    # A 党总支's committee and duty rota are made of its sub-branches' secretaries (ZW-1).
    wider = dict(roster)
    if branch.info and branch.info.kind in ("党总支", "党委"):
        for sub in descendants(ctx.repo, branch):
            wider.update({m.id: m for m in sub.members if m.id})
    periods: dict[int, list] = {}  # a roster of 40 is asked about thousands of times
    for member_id, day, loc, what, wide, current in _references(branch, ctx.as_of):
        if not member_id:
            continue
        member = (wider if wide else roster).get(member_id)
        if member is None:
            elsewhere = ctx.member_index.get(member_id)
            where = f"（该编号属于 {elsewhere[0][1].id}）" if elsewhere else ""
            yield Problem(loc, f"{what}“{member_id}”不在本支部党员名册中{where}", key=f"{member_id}@{what}")
            continue
        if day is None:
            continue
        spans = periods.get(id(member))
        if spans is None:
            spans = periods[id(member)] = membership_periods(member)
        if not any(s <= day and (e is None or day < e) for s, e in spans):  # is_member_on
            if current and spans and day < spans[0][0]:
                continue  # today's list names a member who joined after a past checking day
            yield Problem(loc, f"{what}“{member_id}”（{member.name}）在 {day.isoformat()} 不是本支部党员",
                          key=f"{member_id}@{what}")


def _dated_records(branch: BranchRecords) -> Iterator[tuple[dt.date, Loc, str]]:
    info = branch.info
    if info and info.committee and info.committee.elected:
        yield info.committee.elected, info.committee.at("elected"), "本届委员会选举日期"
    for m in branch.members:
        for attr, label in (("joined", "入党日期"), ("full_member", "转正日期"), ("birth", "出生日期")):
            day = getattr(m, attr)
            if day:
                yield day, m.at(attr), f"{m.name}的{label}"
        for t in m.transfers:
            if t.date:
                yield t.date, t.at("date"), f"{m.name}的组织关系{t.kind}日期"
    for m in branch.meetings:
        if m.date:
            yield m.date, m.at("date"), "会议日期"
    for t in branch.talks:
        if t.date:
            yield t.date, t.at("date"), "谈话日期"
    for t in branch.trainings:
        if t.date:
            yield t.date, t.at("date"), "培训日期"
    for dues in branch.dues.values():
        for account in dues.accounts:
            for month, (day, loc) in (account.paid or {}).items():
                yield day, loc, f"{month}月党费交纳日期"


@rule("future-date", Severity.ERROR, ("XZ-3.7",))
def future_date(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """记录中的日期不能晚于今天（或 --as-of 指定的日期）：台账记已经发生的事。

    通过：
      日期: 2026-03-10
    违反：
      日期: 2099-03-10
    """
    for day, loc, what in _dated_records(branch):
        if day > ctx.as_of:
            yield Problem(loc, f"{what} {day.isoformat()} 晚于今天（{ctx.as_of.isoformat()}），请核对")


@rule("before-founding", Severity.ERROR, ("XZ-3.7",))
def before_founding(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """支部的会议、谈话、培训和委员会不能早于支部成立日期。

    通过：成立日期 2015-03-01，会议日期 2016-01-10。
    违反：成立日期 2015-03-01，会议日期 2014-12-10。
    """
    founded = branch.info.founded if branch.info else None
    if founded is None:
        return
    for day, loc, what in _dated_records(branch):
        if what.endswith(("入党日期", "转正日期", "出生日期")) or "组织关系" in what:
            continue  # a member may have joined the Party long before this branch existed
        if day < founded:
            yield Problem(loc, f"{what} {day.isoformat()} 早于支部成立日期 {founded.isoformat()}")


@rule("member-dates", Severity.ERROR, ("DZ-7", "JG-24"))
def member_dates(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """党员的日期先后一致：出生 < 入党 ≤ 转正；正式党员有转正日期，预备党员没有。

    通过：
      出生日期: 1980-05-01
      入党日期: 2005-07-01
      转正日期: 2006-07-01
      状态: 正式党员
    违反：
      入党日期: 2005-07-01
      转正日期: 2004-07-01
    """
    for m in branch.members:
        if m.birth and m.joined and m.joined <= m.birth:
            yield Problem(m.at("joined"), f"{m.name}的入党日期 {m.joined} 不晚于出生日期 {m.birth}", key=m.id or "")
        if m.joined and m.full_member and m.full_member < m.joined:
            yield Problem(m.at("full_member"), f"{m.name}的转正日期 {m.full_member} 早于入党日期 {m.joined}",
                          key=m.id or "")
        if m.status == "正式党员" and m.missing("full_member"):
            yield Problem(m.at("status"), f"{m.name}状态为正式党员，但没有填写“转正日期”", key=m.id or "")
        if m.status == "预备党员" and m.full_member is not None:
            yield Problem(m.at("status"), f"{m.name}已有转正日期 {m.full_member}，状态应为正式党员", key=m.id or "")


@rule("record-year-mismatch", Severity.ERROR, ("XZ-3.7",), needs_roster=False)
def record_year_mismatch(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """按年份存放的记录须记在对应年份的文件中（meetings/2026.yaml 只记 2026 年的会议）。

    通过：meetings/2026.yaml 中 日期: 2026-03-10
    违反：meetings/2026.yaml 中 日期: 2025-03-10
    """
    for items in (branch.meetings, branch.talks, branch.trainings):
        for item in items:
            year = year_of_path(item.loc.path)
            if item.date and year and item.date.year != year:
                yield Problem(item.at("date"), f"日期 {item.date} 不属于 {year} 年，请移到 {item.date.year} 年的文件中")
    for year, dues in branch.dues.items():
        if dues.year is not None and dues.year != year:
            yield Problem(dues.at("year"), f"“年度”{dues.year} 与文件名的年份 {year} 不一致")
