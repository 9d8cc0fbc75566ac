"""党员队伍：预备期与转正（党章第七条），组织关系转接前后一致、一人不在两个支部（XZ-3.7）."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dangjian.dates import add_months
from dangjian.facts import membership_periods
from dangjian.findings import Problem, Severity
from dangjian.model import LEAVING_KINDS, BranchRecords, Member
from dangjian.periods import judged, member_covers, unknown
from dangjian.rules.registry import BRANCHES, rule


def _expiry(member: Member, ctx) -> dt.date | None:
    if not member.joined:
        return None
    return add_months(member.joined, ctx.param("预备期月数") + sum(e.months or 0 for e in member.extensions))


def _who(m: Member) -> str:
    return f"{m.name}（{m.id}）"


@rule("probation-overdue", Severity.ERROR, ("DZ-7", "FZ-34", "JG-24"), params=("预备期月数", "转正办理期限月数"))
def probation_overdue(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """预备期满（一年，延长的加上延长月数）后应及时讨论转正，并在名册中填写转正日期、把状态改为正式党员。

    党章第七条只说期满“及时讨论”，没有天数；发展党员工作细则给上级党委 3 个月审批转正（FZ-34），
    所以期满 3 个月后名册仍是预备党员的才是问题（“转正办理期限月数”）。

    通过：预备党员 入党日期 2026-06-01，今天是 2026-10-31。
    违反：预备党员 入党日期 2025-03-01，到 2026-10-31 仍是预备党员，也没有延长预备期。
    """
    grace = ctx.param("转正办理期限月数")
    for m in branch.members:
        expiry = _expiry(m, ctx)
        if m.full_member or m.status != "预备党员" or expiry is None or not membership_periods(m):
            continue
        if membership_periods(m)[-1][1] is not None:
            continue  # left the branch: the receiving branch decides
        if add_months(expiry, grace) < ctx.as_of:
            yield Problem(m.at("status"), f"{_who(m)}的预备期已于 {expiry} 期满，{grace} 个月内应讨论转正（或延长预备期），"
                                          "并在名册中填写“转正日期”", key=m.id or "")


@rule("probation-term", Severity.ERROR, ("DZ-7",), params=("预备期月数",))
def probation_term(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """转正日期就是预备期满之日（入党日期后一年；记录了延长预备期的，加上延长月数）。

    党章第七条：党龄从预备期满转为正式党员之日算起，所以名册中的转正日期只能是期满那一天。支部大会讨论转正
    可以在期满后稍晚召开（probation-overdue 按细则给 3 个月），但转正日期仍写期满之日，不写开会或审批的日期。

    通过：入党日期 2024-07-01，转正日期 2025-07-01；或延长 6 个月，转正日期 2026-01-01。
    违反：入党日期 2024-07-01，转正日期 2025-03-01（不满一年）或 2025-07-02（没有记录延长预备期）。
    """
    for m in branch.members:
        expiry = _expiry(m, ctx)
        if not m.full_member or expiry is None or m.full_member < m.joined:
            continue  # a 转正日期 before the 入党日期 is member-dates' finding
        if m.full_member < expiry:
            yield Problem(m.at("full_member"), f"{_who(m)}的转正日期 {m.full_member} 早于预备期满的 {expiry}",
                          key=m.id or "")
        elif m.full_member > expiry:
            extended = "（已计入延长的预备期）" if m.extensions else "，名册中没有延长预备期的记录"
            yield Problem(m.at("full_member"), f"{_who(m)}的预备期于 {expiry} 期满{extended}，转正日期却是 "
                                               f"{m.full_member}：党龄从预备期满之日算起，转正日期应为 {expiry}",
                          key=m.id or "")


@rule("probation-extension", Severity.ERROR, ("DZ-7",), params=("延长预备期最短月数", "延长预备期最长月数"))
def probation_extension(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """预备期只能延长一次，延长时间不少于半年、不超过一年。

    通过：
      延长预备期: [{决定日期: 2025-07-01, 延长月数: 6, 原因: 学习不够深入}]
    违反：
      延长预备期: [{决定日期: 2025-07-01, 延长月数: 18}]
    """
    low, high = ctx.param("延长预备期最短月数"), ctx.param("延长预备期最长月数")
    for m in branch.members:
        for extra in m.extensions[1:]:
            yield Problem(extra.loc, f"{_who(m)}的预备期已延长过一次，不能再延长", key=f"{m.id}@{extra.date}")
        for ext in m.extensions:
            if ext.months is not None and not low <= ext.months <= high:
                yield Problem(ext.at("months"), f"{_who(m)}的预备期延长 {ext.months} 个月，应为 {low} 至 {high} 个月",
                              key=f"{m.id}@{ext.date}")


@rule("transfer-sequence", Severity.ERROR, ("XZ-3.7",))
def transfer_sequence(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """组织关系变动前后一致：转入后才能转出，转出（去世、停止党籍等）后再有记录必须先转入，转入不早于入党。

    通过：
      组织关系: [{类型: 转入, 日期: 2020-03-01}, {类型: 转出, 日期: 2025-06-01}]
    违反：
      组织关系: [{类型: 转入, 日期: 2020-03-01}, {类型: 转入, 日期: 2022-03-01}]
    """
    for m in branch.members:
        events = sorted((t for t in m.transfers if t.date and t.kind), key=lambda t: t.date)
        inside = not events or events[0].kind != "转入"
        ended = False
        for t in events:
            if ended:
                yield Problem(t.at("kind"), f"{_who(m)}已于此前去世，不应再有组织关系变动", key=f"{m.id}@{t.date}")
                break
            if t.kind == "转入":
                if inside:
                    yield Problem(t.at("kind"), f"{_who(m)}在 {t.date} 已在本支部，不能再次转入（缺少之前的转出记录？）",
                                  key=f"{m.id}@{t.date}")
                if m.joined and t.date < m.joined:
                    yield Problem(t.at("date"), f"{_who(m)}的转入日期 {t.date} 早于入党日期 {m.joined}",
                                  key=f"{m.id}@{t.date}")
                inside = True
            elif t.kind in LEAVING_KINDS:
                if not inside:
                    yield Problem(t.at("kind"), f"{_who(m)}在 {t.date} 已不在本支部，不能再{t.kind}", key=f"{m.id}@{t.date}")
                inside = False
                ended = t.kind == "去世"


def _person(m: Member) -> tuple:
    return ("身份证", m.id_number) if m.id_number else ("姓名", m.name, m.birth)


def _branch_named(repo, text: str | None) -> BranchRecords | None:
    if not text:
        return None
    return next((b for b in repo.branches if b.info and text in (b.info.name, b.info.short_name, b.id)), None)


@rule("transfer-between-branches", Severity.ERROR, ("XZ-3.7",), scope="repo", params=("组织关系衔接天数",))
def transfer_between_branches(repo, ctx) -> Iterator[Problem]:
    """记录库内的转接两头都要有记录：转出到库内支部的，对方名册有此人的转入，反之亦然；同一人不能同时在两个支部的名册中。

    通过：B1 名册中王某 2026-03-01 转出到 B2，B2 名册中王某（同一身份证号）2026-03-05 转入。
    违反：B1 名册中王某转出到 B2，B2 名册中没有王某；或王某同时在 B1、B2 在册。
    """
    window = dt.timedelta(days=ctx.param("组织关系衔接天数"))
    people: dict[tuple, list[tuple[Member, BranchRecords]]] = {}
    for b in repo.branches:
        for m in b.members:
            if m.name:
                people.setdefault(_person(m), []).append((m, b))
    for entries in people.values():
        for i, (m, b) in enumerate(entries):
            for other, ob in entries[i + 1:]:
                if ob is not b and _overlap(m, other):
                    yield Problem(other.at("id"), f"{_who(other)}与 {b.id} 名册中的{_who(m)}是同一人，在册时间重叠"
                                                  "（一人只能在一个党支部）", key=f"{other.id}@{m.id}", related=(m.at("id"),))
    for b in repo.branches:
        for m in b.members:
            for t in m.transfers:
                target = _branch_named(repo, t.counterpart) if t.kind in ("转出", "转入") else None
                if target is None or target is b or not t.date:
                    continue
                wanted = "转入" if t.kind == "转出" else "转出"
                if not any(_person(o) == _person(m) and any(x.kind == wanted and x.date and abs(x.date - t.date) <= window
                                                             for x in o.transfers) for o in target.members):
                    yield Problem(t.at("counterpart"), f"{_who(m)}于 {t.date} {t.kind}{'到' if t.kind == '转出' else '自'}"
                                                       f" {target.id}，但 {target.directory}/members.yaml "
                                                       f"中没有此人相应的{wanted}记录", key=f"{m.id}@{t.date}")


def _overlap(a: Member, b: Member) -> bool:
    for s1, e1 in membership_periods(a):
        for s2, e2 in membership_periods(b):
            if (e1 is None or s2 < e1) and (e2 is None or s1 < e2):
                return True
    return False


LIFE_KINDS = ("支部党员大会", "党小组会", "党课", "主题党日", "组织生活会", "民主评议")


@rule("absent-six-months", Severity.ERROR, ("DZ-9",), params=("连续不参加组织生活月数",), kinds=BRANCHES)
def absent_six_months(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """没有正当理由，连续 6 个月不参加党的组织生活的，按自行脱党处理（党章第九条，与连续 6 个月不交党费同等）。

    按会议记录逐月看每名党员：当月的支部党员大会、党小组会、党课、主题党日、组织生活会、民主评议中，出现在
    “出席”里的算参加；写在“缺席”中且写了原因的算有正当理由；当月支部没有开过这些会的不算。连续未参加、又没有
    写明原因的月份达到 6 个月的是问题，指向名册中该党员。标记为“流动党员”的，按规定持《流动党员活动证》在流入地
    参加组织生活，本支部的会议记录看不出来，不检查。只看全月在册、台账已开始记录的完整月份。

    通过：B1-003 2026 年 1 月至 5 月没有出席，6 月出席；或缺席都写明了原因（住院治疗）。
    违反：B1-003 2026 年 1 月至 6 月的会议都没有出席，也没有写缺席原因。
    """
    limit = ctx.param("连续不参加组织生活月数")
    if not limit:
        return
    months = _months(branch, ctx)
    held = {p.label: [m for m in branch.meetings if p.contains(m.date) and set(m.kinds) & set(LIFE_KINDS)] for p in months}
    for member in branch.members:
        if not member.id or "流动党员" in member.flags:
            continue
        run: list = []
        for period in months:
            meetings = held[period.label]
            missed = member_covers(member, period) and meetings and not any(
                member.id in m.attendees or any(a.member == member.id and a.reason for a in m.absentees)
                for m in meetings)
            if missed:
                run.append(period)
                if len(run) == limit:
                    yield Problem(member.at("id"), f"{_who(member)}自{run[0].label}起连续 {limit} 个月没有参加组织生活，"
                                                   f"会议记录中也没有缺席原因：没有正当理由连续 {limit} 个月不参加党的组织生活的，"
                                                   "按自行脱党处理，请核实", key=f"{member.id}@{run[0].label}")
            else:
                run = []


def _months(branch: BranchRecords, ctx) -> list:
    return [p for p in judged(branch, ctx, "每月") if not unknown(branch, ctx, "meetings", p.year)]
