"""谈心谈话：每名党员每年、委员之间、书记与委员和党员（WH-2.6），以及六必谈（XZ-3.11）."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import combinations

from dangjian.calendar import Period
from dangjian.facts import is_member_on
from dangjian.findings import Problem, Severity
from dangjian.leaders import members_of_committee_through, secretaries_between
from dangjian.model import BranchRecords
from dangjian.periods import branch_span, due, member_covers, missing_at, records_start, unknown
from dangjian.rules.registry import BRANCHES, rule


def _pairs(branch: BranchRecords, period: Period) -> set[frozenset[str]]:
    return {frozenset((t.talker, t.talkee)) for t in branch.talks
            if period.contains(t.date) and t.talker and t.talkee}


def _names(branch: BranchRecords) -> dict[str, str]:
    return {m.id: f"{m.name}（{m.id}）" for m in branch.members if m.id}


def _missing(branch: BranchRecords, period: Period, text: str, key: str) -> Problem:
    loc, advice = missing_at(branch, "talks", period.year)
    return Problem(loc, f"{period.label}{text}，{advice}", key=f"{period.label}{key}")


@rule("talk-yearly", Severity.WARNING, ("TL-19", "WH-2.6", "CJ-2.3"), params=("谈心谈话周期",), kinds=BRANCHES)
def talk_yearly(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """每名党员每年至少参加 1 次谈心谈话（作为谈话人或谈话对象）；年中入党、转入、转出的当年不检查。

    通过：2025 年 talks/2025.yaml 中每名全年在册的党员都出现在至少一次谈话中。
    违反：2025 年 B1-003 没有任何谈话记录。
    """
    names = _names(branch)
    for period in due(branch, ctx, "谈心谈话周期", "talks"):
        talked = {who for pair in _pairs(branch, period) for who in pair}
        for m in branch.members:
            if m.id and m.id not in talked and member_covers(m, period):
                yield _missing(branch, period, f"{names[m.id]}没有参加谈心谈话", m.id)


@rule("talk-committee", Severity.WARNING, ("TL-19", "WH-2.6"), params=("委员谈心谈话周期",), kinds=BRANCHES)
def talk_committee(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """支部委员之间每年至少谈心谈话 1 次（每两名全年在任的委员之间都要有）。

    通过：委员 B1-001、B1-002、B1-004 在 2025 年两两之间都有谈话记录。
    违反：2025 年 B1-002 与 B1-004 之间没有谈话。
    """
    names = _names(branch)
    for period in due(branch, ctx, "委员谈心谈话周期", "talks"):
        held = _pairs(branch, period)
        seats = sorted(members_of_committee_through(branch, period.start, period.end))
        for a, b in combinations(seats, 2):
            if frozenset((a, b)) not in held:
                yield _missing(branch, period, f"委员{names.get(a, a)}与{names.get(b, b)}之间没有谈心谈话", f"{a}-{b}")


@rule("talk-secretary", Severity.WARNING, ("WH-2.6",), params=("书记与委员谈话周期", "书记与党员谈话周期"), kinds=BRANCHES)
def talk_secretary(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """书记每半年至少与每名班子成员谈心谈话 1 次，每年至少与每名党员谈心谈话 1 次（五化建设）。

    通过：规则集 wuhua，书记 2025 年上、下半年都与每名委员谈过，2025 年与每名党员谈过。
    违反：规则集 wuhua，书记 2025 年没有与党员 B1-003 谈话。
    """
    names = _names(branch)
    for param, whom in (("书记与委员谈话周期", "委员"), ("书记与党员谈话周期", "党员")):
        for period in due(branch, ctx, param, "talks"):
            secretaries = secretaries_between(branch, period.start, period.end)
            if len(secretaries) != 1:
                continue  # the secretary changed during the period
            (secretary,) = secretaries
            held = _pairs(branch, period)
            if whom == "委员":
                others = members_of_committee_through(branch, period.start, period.end)
            else:
                others = {m.id for m in branch.members if m.id and member_covers(m, period)}
            for other in sorted(others - {secretary}):
                if frozenset((secretary, other)) not in held:
                    yield _missing(branch, period, f"书记{names.get(secretary, secretary)}没有与{whom}"
                                                   f"{names.get(other, other)}谈心谈话", other)


@rule("talk-linked-members", Severity.WARNING, ("WH-2.6",), params=("委员与联系党员谈话周期",), kinds=BRANCHES)
def talk_linked_members(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """班子成员与所联系的党员每年至少谈心谈话 1 次（wuhua；branch.yaml 的“联系党员”写明谁联系谁）。

    只检查全年在任的班子成员和全年在册的党员；没有写“联系党员”的支部不检查这一项。

    通过：联系党员 [{委员: B1-002, 党员: [B1-003]}]，2025 年 B1-002 与 B1-003 谈过话。
    违反：同上，2025 年 B1-002 与 B1-003 之间没有谈话。
    """
    names, roster = _names(branch), {m.id: m for m in branch.members if m.id}
    links = branch.info.links if branch.info else []
    for period in due(branch, ctx, "委员与联系党员谈话周期", "talks") if links else ():
        held = _pairs(branch, period)
        seated = members_of_committee_through(branch, period.start, period.end)
        for link in links:
            if link.member not in seated:
                continue
            for who in link.linked:
                member = roster.get(who)
                if member and member_covers(member, period) and frozenset((link.member, who)) not in held:
                    yield _missing(branch, period, f"班子成员{names.get(link.member, link.member)}与所联系的党员"
                                                   f"{names.get(who, who)}没有谈心谈话", f"{link.member}-{who}")


@rule("talk-after-event", Severity.WARNING, ("XZ-3.11",), params=("六必谈期限天数",))
def talk_after_event(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """六必谈：党员工作变动、受表彰或处分、遇困难挫折、出现矛盾分歧、群众有不良反映、退休时，前后 30 天内应有谈话。

    通过：B1-002 的重要事项 {类型: 退休, 日期: 2026-03-31}，talks/2026.yaml 中 2026-03-20 有谈话对象 B1-002 的谈话。
    违反：同样的重要事项，前后 30 天内没有以 B1-002 为谈话对象的谈话。
    """
    window = ctx.param("六必谈期限天数")
    if window is None:
        return
    born, closed = branch_span(branch)
    start = max(born, records_start(branch, ctx))
    for m in branch.members:
        for event in m.events:
            day = event.date
            if day is None or day < start or (closed and day >= closed) or not is_member_on(m, day):
                continue
            last = day + dt.timedelta(days=window)
            if last >= ctx.as_of or any(unknown(branch, ctx, "talks", y) for y in {day.year, last.year}):
                continue
            first = day - dt.timedelta(days=window)
            if not any(t.date and first <= t.date <= last and m.id in (t.talkee, t.talker) for t in branch.talks):
                yield Problem(event.at("date"), f"{m.name}{day.isoformat()}{event.kind}，前后 {window} 天内没有与其谈话的"
                                                f"记录（六必谈），请在 talks/{day.year}.yaml 中补记",
                              key=f"{m.id}@{day.isoformat()}")
