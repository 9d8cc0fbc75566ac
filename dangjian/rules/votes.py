"""表决与到会：支部党员大会的表决和选举、支委会的到会人数，预备党员和留党察看的党员没有表决权、被选举权."""

from __future__ import annotations

from collections.abc import Iterator

from dangjian.facts import descendants, has_vote_on, is_full_member_on, is_member_on, under_observation_on
from dangjian.findings import Problem, Severity
from dangjian.leaders import seats_on
from dangjian.model import LEAVING_KINDS, BranchRecords, Meeting, Vote
from dangjian.rules.registry import rule


def _assemblies(branch: BranchRecords) -> Iterator[tuple[Meeting, Vote, int, int]]:
    """Every vote at a 支部党员大会, with the members entitled to vote and those present."""
    roster = {m.id: m for m in branch.members if m.id}
    for meeting in branch.meetings:
        if "支部党员大会" not in meeting.kinds or not meeting.date or not meeting.votes:
            continue
        entitled = sum(1 for m in branch.members if has_vote_on(m, meeting.date))
        present = sum(1 for who in set(meeting.attendees) if who in roster and has_vote_on(roster[who], meeting.date))
        for vote in meeting.votes:
            yield meeting, vote, entitled, present


def admission(vote: Vote) -> bool:
    """A vote on admitting a 预备党员 (事项 such as 接收预备党员、接收张三为中共预备党员)."""
    matter = vote.matter or ""
    return "接收" in matter and "预备党员" in matter


def _what(vote: Vote) -> str:
    return f"“{vote.matter}”的{'选举' if vote.kind == '选举' else '表决'}"


@rule("vote-quorum", Severity.ERROR, ("TL-11", "XJ-26"))
def vote_quorum(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """支部党员大会表决须有半数以上（含半数）有表决权的党员到会；接收预备党员须超过半数；选举须超过五分之四。

    条例第十一条：“有表决权的党员到会人数超过半数”的说法各版本不一，national.md 记为“≥ 半数”，按“半数以上”
    （以上含本数）检查；发展党员工作细则对接收预备党员明确要求“超过应到会有表决权党员的半数”，从严。

    通过：有表决权的正式党员 4 人，出席 2 人，表决年度工作计划。
    违反：有表决权的正式党员 4 人，出席 1 人（表决）；出席 2 人（接收预备党员，须超过半数）；或 5 人出席 4 人（选举）。
    """
    for meeting, vote, entitled, present in _assemblies(branch):
        if vote.kind == "选举":
            if present * 5 <= entitled * 4:
                yield Problem(vote.loc, f"{meeting.date}{_what(vote)}：有选举权的党员 {entitled} 人，到会 {present} 人，"
                                        "未超过五分之四，选举无效", key=f"{meeting.date}{vote.matter}")
        elif admission(vote):
            if present * 2 <= entitled:
                yield Problem(vote.loc, f"{meeting.date}{_what(vote)}：有表决权的党员 {entitled} 人，到会 {present} 人，"
                                        "接收预备党员须超过半数到会，不能表决", key=f"{meeting.date}{vote.matter}")
        elif present * 2 < entitled:
            yield Problem(vote.loc, f"{meeting.date}{_what(vote)}：有表决权的党员 {entitled} 人，到会 {present} 人，"
                                    "不足半数，不能表决", key=f"{meeting.date}{vote.matter}")


@rule("vote-majority", Severity.ERROR, ("TL-11",))
def vote_majority(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """表决通过须赞成人数超过应到会有表决权党员的半数（不是到会人数的半数）。

    记为“未通过”“未当选”的事项（表决未通过、差额选举落选）不算通过，不检查；
    记为未通过却已过半数的，结果与票数不符，也是问题。

    通过：有表决权的正式党员 5 人，赞成 3 人。
    违反：有表决权的正式党员 5 人，到会 3 人，赞成 2 人（未超过 5 人的半数）。
    """
    for meeting, vote, entitled, _present in _assemblies(branch):
        if vote.yes is None:
            continue
        if vote.result in ("未通过", "未当选"):
            if vote.yes * 2 > entitled:
                yield Problem(vote.at("result"), f"{meeting.date}{_what(vote)}：赞成 {vote.yes} 票已超过应到会有表决权党员"
                                                 f"（{entitled} 人）的半数，结果却记为“{vote.result}”，请核对",
                              key=f"{meeting.date}{vote.matter}")
            continue
        if vote.yes * 2 <= entitled:
            yield Problem(vote.at("yes"), f"{meeting.date}{_what(vote)}：赞成 {vote.yes} 票，未超过应到会有表决权党员"
                                          f"（{entitled} 人）的半数，不能算通过", key=f"{meeting.date}{vote.matter}")


@rule("vote-rights", Severity.ERROR, ("XJ-5",))
def vote_rights(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """预备党员和受留党察看处分的党员没有表决权：票数合计不能超过到会的有表决权的党员人数，他们也不计入应到会人数。

    通过：到会正式党员 4 人、预备党员 1 人，赞成 4 票。
    违反：到会正式党员 4 人、预备党员 1 人，赞成 5 票。
    """
    for meeting, vote, _entitled, present in _assemblies(branch):
        cast = (vote.yes or 0) + (vote.no or 0) + (vote.abstain or 0)
        if cast > present:
            yield Problem(vote.loc, f"{meeting.date}{_what(vote)}：共 {cast} 票，多于到会有表决权的正式党员 {present} 人"
                                    "（预备党员、受留党察看处分的党员没有表决权，请核对出席名单和票数）", key=f"{meeting.date}{vote.matter}")


@rule("committee-meeting-quorum", Severity.ERROR, ("TL-12",))
def committee_meeting_quorum(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """支委会须有半数以上（含半数）委员到会（条例第十二条；出席名单中当日在任的委员）。

    通过：委员 4 人，支委会出席 2 名委员。
    违反：委员 4 人，支委会只出席 1 名委员。
    """
    for meeting in branch.meetings:
        if "支委会" not in meeting.kinds or not meeting.date:
            continue
        seats = {s.member for s in seats_on(branch, meeting.date)}
        if not seats:
            continue
        present = len(seats & set(meeting.attendees))
        if present * 2 < len(seats):
            yield Problem(meeting.at("attendees"), f"{meeting.date}的支委会：委员 {len(seats)} 人，到会 {present} 人，"
                                                   "不足半数", key=str(meeting.date))


def _seat_holders(branch: BranchRecords, ctx) -> dict:
    """Members who may hold a seat of this organisation's committee: its own roster, and for a
    党总支 or 党委 also its sub-branches' (ZW-1: the sub-branches' secretaries sit on it)."""
    holders = {m.id: m for m in branch.members if m.id}
    if branch.info and branch.info.kind in ("党总支", "党委"):
        for sub in descendants(ctx.repo, branch):
            holders.update({m.id: m for m in sub.members if m.id})
    return holders


@rule("committee-seat-eligible", Severity.ERROR, ("XJ-5",))
def committee_seat_eligible(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """委员会的席位：预备党员、受留党察看处分的党员没有被选举权，不能担任委员；已转出、去世或离开的党员不再占席位。

    任职之日（选举日期或“任职日期”）查一次：当日是预备党员或在留党察看期内的，是问题；今天（检查日）再查一次：
    委员已转出、去世、停止党籍或出党的，席位应当补选或调整；委员正在留党察看期内的，也是问题。

    通过：委员都是正式党员，今天都在本支部名册中。
    违反：B1-002 于 2026-08-01 转出，仍写在委员会中；或委员在任职时是预备党员。
    """
    info = branch.info
    committee = info.committee if info else None
    if committee is None or not committee.elected or (info.dissolved and info.dissolved <= ctx.as_of):
        return
    holders = _seat_holders(branch, ctx)
    for seat in committee.seats:
        member = holders.get(seat.member)
        since = seat.since or committee.elected
        if member is None or since > ctx.as_of:
            continue  # unknown-member reports an id that is in no roster
        who, role = f"{member.name}（{seat.member}）", seat.role or "委员"
        if is_member_on(member, since) and not is_full_member_on(member, since):
            yield Problem(seat.at("member"), f"{role}{who}任职时（{since}）是预备党员，没有被选举权，不能担任委员",
                          key=f"{seat.member}预备")
        if under_observation_on(member, since):
            yield Problem(seat.at("member"), f"{role}{who}任职时（{since}）在留党察看期内，没有被选举权", key=f"{seat.member}察看任职")
        elif under_observation_on(member, ctx.as_of):
            yield Problem(seat.at("member"), f"{role}{who}正在留党察看期内，没有被选举权，不应担任委员，请调整委员会",
                          key=f"{seat.member}察看")
        if is_member_on(member, since) and not is_member_on(member, ctx.as_of):
            left = max((t for t in member.transfers if t.date and t.kind in LEAVING_KINDS and t.date <= ctx.as_of),
                       key=lambda t: t.date, default=None)
            how = f"已于 {left.date} {left.kind}" if left else "已不在名册中"
            yield Problem(seat.at("member"), f"{role}{who}{how}，仍写在本届委员会中：应补选或调整委员会，"
                                             "并在“委员”中删去", key=f"{seat.member}离开")
