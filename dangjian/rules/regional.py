"""区域化党建：联席会议、联合组织生活会、互学互检互评、社区联席会议、班子成员走访联系点、报到党员履职、
共建“三个一”、三张清单（street/ 中的记录）.

Every rule here reads the street's own records (repo.street, loaded from street/) and is silent
for a repository that keeps none. Which periods are judged is decided in dangjian/street/periods.py:
never a period that has not ended by the checking date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from dangjian.findings import Problem, Severity
from dangjian.located import Loc
from dangjian.model import ParkCircle, StreetMeeting
from dangjian.rules.registry import rule
from dangjian.street.load import StreetRecords
from dangjian.street.periods import judged, missing_at, readable
from dangjian.street.references import references


def _street(repo) -> StreetRecords | None:
    return getattr(repo, "street", None)


def _anchor(street: StreetRecords) -> Loc:
    """Where a street-wide finding points when the year's file is missing."""
    if street.partners:
        return street.partners[0].loc
    return street.info.loc if street.info is not None else Loc("street/street.yaml")


def _meeting_cadence(repo, ctx, param: str, kind: str, what: str, since: dt.date | None, fallback: Loc,
                     test: Callable[[StreetMeeting], bool] = lambda m: True, key: str = "",
                     until: dt.date | None = None) -> Iterator[Problem]:
    street = repo.street
    for period in judged(repo, ctx, ctx.param(param), since, until):
        if not readable(street, "meetings", period.year):
            continue
        if not any(period.contains(m.date) and kind in m.kinds and test(m) for m in street.meetings):
            loc, advice = missing_at(street, "meetings", period.year, fallback)
            yield Problem(loc, f"{period.label}没有{what}（“类型”含 {kind}），{advice}", key=f"{period.label}{key}")


def _partners_since(street: StreetRecords) -> dt.date | None:
    days = [p.joined for p in street.partners if p.joined]
    return min(days) if days else None


@rule("joint-meeting-quarterly", Severity.ERROR, ("QY-6",), scope="repo", params=("党建联席会议周期",),
      needs_roster=False)
def joint_meeting_quarterly(repo, ctx) -> Iterator[Problem]:
    """有共建单位的街道，“大工委”每季度召开一次党建联席会议，记在 street/meetings/<年>.yaml。

    通过：规则集 xz，共建单位 GJ01 于 2025-01-10 加入，2025 年每个季度都有 类型 含 党建联席会议 的会议。
    违反：2025 年第二季度没有党建联席会议。
    """
    street = _street(repo)
    if street is None or not street.partners:
        return
    yield from _meeting_cadence(repo, ctx, "党建联席会议周期", "党建联席会议", "召开党建联席会议",
                                _partners_since(street), _anchor(street))


def _circles(repo) -> list[ParkCircle]:
    street = _street(repo)
    return list(street.info.circles) if street is not None and street.info is not None else []


def _in_circle(circle: ParkCircle) -> Callable[[StreetMeeting], bool]:
    """A street meeting belongs to a circle when one of the circle's units attended it."""
    units = set(circle.units)
    return lambda m: not units or bool(units & set(m.units))


def _circle_cadence(repo, ctx, param: str, kind: str, what: str) -> Iterator[Problem]:
    for circle in _circles(repo):
        yield from _meeting_cadence(repo, ctx, param, kind, f"{circle.name}{what}", circle.founded, circle.loc,
                                    _in_circle(circle), circle.name or "", circle.ended)


@rule("joint-life-meeting", Severity.WARNING, ("QY-2",), scope="repo", params=("联合组织生活会周期",),
      needs_roster=False)
def joint_life_meeting(repo, ctx) -> Iterator[Problem]:
    """园区党建共建圈每年联合召开一次组织生活会（“类型”含 联合组织生活会，出席单位含圈内成员企业）。

    QY-2 出自园区方案，是为园区党建共建圈探索的“三个一”融合活动，只对 street.yaml 中登记了“园区共建圈”的
    记录库检查，且只作提醒；只有一般共建单位的街道不检查。

    通过：园区共建圈 [GJ01] 于 2025-01-01 成立，2025-12-18 的会议 类型: [联合组织生活会]，出席单位含 GJ01。
    违反：登记了园区共建圈，2025 年没有联合组织生活会。
    """
    yield from _circle_cadence(repo, ctx, "联合组织生活会周期", "联合组织生活会", "联合召开组织生活会")


@rule("mutual-review", Severity.WARNING, ("QY-2",), scope="repo", params=("互学互检互评周期",), needs_roster=False)
def mutual_review(repo, ctx) -> Iterator[Problem]:
    """园区党建共建圈每半年开展一次互学互检互评（“类型”含 互学互检互评，出席单位含圈内成员企业）。

    与 joint-life-meeting 一样，只对登记了“园区共建圈”的记录库检查，只作提醒。

    通过：2025-06-20、2025-11-21 的会议 类型 含 互学互检互评，出席单位含 GJ01。
    违反：2025 年下半年没有互学互检互评。
    """
    yield from _circle_cadence(repo, ctx, "互学互检互评周期", "互学互检互评", "互学互检互评")


@rule("circle-visit-monthly", Severity.WARNING, ("QY-13",), scope="repo", params=("成员企业走访周期",),
      needs_roster=False)
def circle_visit_monthly(repo, ctx) -> Iterator[Problem]:
    """园区党建共建圈每月走访一遍成员企业（street/visits/<年>.yaml 中“联系点”写共建单位编号）。

    通过：园区共建圈成员单位 [GJ01]，2025 年每个月都有 联系点: GJ01 的走访。
    违反：2025 年 3 月没有走访 GJ01。
    """
    street = _street(repo)
    for circle in _circles(repo):
        for unit in circle.units:
            partner = street.partner(unit)
            since = max(circle.founded or dt.date.min, (partner.joined if partner else None) or dt.date.min)
            until = min(d for d in (circle.ended, partner.left if partner else None, dt.date.max) if d)
            for period in judged(repo, ctx, ctx.param("成员企业走访周期"), since, until):
                if not readable(street, "visits", period.year):
                    continue
                if any(period.contains(v.date) and v.place == unit for v in street.visits):
                    continue
                loc, advice = missing_at(street, "visits", period.year, circle.loc)
                name = partner.name if partner else unit
                yield Problem(loc, f"{circle.name}{period.label}没有走访成员企业 {name}（{unit}），{advice}",
                              key=f"{period.label}{circle.name}{unit}")


@rule("community-joint-meeting", Severity.ERROR, ("QY-17",), scope="repo", params=("社区联席会议周期",),
      needs_roster=False)
def community_joint_meeting(repo, ctx) -> Iterator[Problem]:
    """社区党组织（社区党委、党总支，或社区只设的党支部）每月召开一次有结对共建单位参加的联席会议，通报工作计划、
    活动安排（“类型”含 社区联席会议，“党组织”写社区党组织编号）；总支下属的党支部不检查。

    通过：共建单位 GJ01 结对 B1（社区党支部），2026 年每月都有 类型 含 社区联席会议、党组织: B1 的会议。
    违反：2026 年 3 月没有 B1 的社区联席会议。
    """
    street = _street(repo)
    if street is None:
        return
    for branch in repo.branches:
        info = branch.info
        if info is None or info.sector != "社区" or branch.parent is not None:
            continue
        paired = [p for p in street.partners if branch.id in p.paired and p.joined]
        if not paired:
            continue
        since = max(min(p.joined for p in paired), info.founded or dt.date.min)
        name = info.short_name or info.name
        yield from _meeting_cadence(repo, ctx, "社区联席会议周期", "社区联席会议", f"{name}（{branch.id}）的社区联席会议",
                                    since, paired[0].loc, lambda m, b=branch.id: m.org == b, branch.id)


@rule("leader-visit-monthly", Severity.WARNING, ("QY-11",), scope="repo", params=("联系点走访周期",),
      needs_roster=False)
def leader_visit_monthly(repo, ctx) -> Iterator[Problem]:
    """街道班子成员每月至少到每个联系点一次（street.yaml 的“班子成员”“联系点”，走访记在 street/visits/<年>.yaml）。

    通过：班子成员 赵明远 联系点 [B1]，2026 年每个月都有 班子成员: 赵明远、联系点: B1 的走访。
    违反：赵明远 2026 年 3 月没有到联系点 B1。
    """
    street = _street(repo)
    if street is None or street.info is None:
        return
    for leader in street.info.leaders:
        for place in leader.contacts:
            for period in judged(repo, ctx, ctx.param("联系点走访周期"), leader.since, leader.until):
                if not readable(street, "visits", period.year):
                    continue
                if any(period.contains(v.date) and v.leader == leader.name and v.place == place for v in street.visits):
                    continue
                loc, advice = missing_at(street, "visits", period.year, leader.loc)
                yield Problem(loc, f"{leader.name}{period.label}没有到联系点 {place}，{advice}",
                              key=f"{period.label}{leader.name}{place}")


@rule("partner-member-duties", Severity.WARNING, ("QY-8",), scope="repo", params=("报到党员年度义务",),
      needs_roster=False)
def partner_member_duties(repo, ctx) -> Iterator[Problem]:
    """到社区报到的在职党员，每年至少参加 1 次社区组织生活、座谈 1 次、调研 1 次、认领 1 个微心愿、当 1 天志愿者
    （street/registrations/<年>.yaml 的“履职”）；年中报到或离开的当年不检查。

    通过：2025 年全年报到的王某“履职”中五类各有一项。
    违反：王某 2025 年没有“认领微心愿”。
    """
    street = _street(repo)
    duties = ctx.param("报到党员年度义务") or []
    if street is None or not duties:
        return
    for period in judged(repo, ctx, "每年"):
        year_file = street.registrations.get(period.year)
        for reg in year_file.registrations if year_file else []:
            if reg.registered is None or reg.registered > period.start or (reg.left and reg.left <= period.end):
                continue
            done = {d.kind for d in reg.duties if period.contains(d.date)}
            for duty in duties:
                if duty not in done:
                    yield Problem(reg.loc, f"{reg.name}（报到 {reg.community}）{period.label}没有“{duty}”的履职记录",
                                  key=f"{period.label}{reg.name}{duty}")


@rule("partner-three-ones", Severity.WARNING, ("QY-18",), scope="repo", params=("共建年度三个一", "三个一年度"),
      needs_roster=False)
def partner_three_ones(repo, ctx) -> Iterator[Problem]:
    """“三个一”：街道与辖区单位在方案所说的那一年里办一件实事、搞一次活动、解一个难题。

    QY-18 原文是“就今年而言，具体做到‘三个一’”，是街道当年的目标，不是每个共建单位每年的义务。方案没有写明
    是哪一年，所以只在 dangjian.yaml 的“参数”中写了“三个一年度”（如 2025）时检查那一年：项目清单中类型为
    实事、活动、难题的项目各至少一个，且“承办单位”含共建单位。

    通过：参数 三个一年度: 2025；2025 年项目清单有 XM2025-01（实事）、XM2025-02（活动）、XM2025-03（难题），承办单位含 GJ01。
    违反：参数 三个一年度: 2025；2025 年项目清单中没有类型为 难题 的共建项目。
    """
    street = _street(repo)
    kinds, year = ctx.param("共建年度三个一") or [], ctx.param("三个一年度")
    if street is None or not kinds or not isinstance(year, int):
        return
    for period in judged(repo, ctx, "每年"):
        if period.year != year or not readable(street, "lists", period.year):
            continue
        partners = {p.id for p in street.partners}
        lists = street.lists.get(period.year)
        done = {p.kind for p in (lists.projects if lists else []) if partners & set(p.units)}
        for kind in kinds:
            if kind not in done:
                loc, advice = missing_at(street, "lists", period.year, _anchor(street))
                yield Problem(loc, f"{period.label}的“三个一”目标：项目清单中没有共建单位承办、类型为“{kind}”的项目，{advice}",
                              key=f"{period.label}{kind}")


@rule("project-needs-resources", Severity.WARNING, ("QY-4", "QY-17"), scope="repo", needs_roster=False)
def project_needs_resources(repo, ctx) -> Iterator[Problem]:
    """项目清单由需求清单和资源清单撮合：每个共建项目写明对应的“需求”和“资源”编号，且编号在清单中。

    通过：XM2026-01 需求: [XQ2026-01]，资源: [ZY2026-02]，两个编号都在 street/lists/ 的清单中。
    违反：XM2026-01 没有写“资源”，或写的 XQ2026-09 不在任何需求清单中。
    """
    street = _street(repo)
    if street is None:
        return
    needs = {n.id for lists in street.lists.values() for n in lists.needs}
    resources = {r.id for lists in street.lists.values() for r in lists.resources}
    for lists in street.lists.values():
        for project in lists.projects:
            for attr, what, known in (("needs", "需求", needs), ("resources", "资源", resources)):
                ids = getattr(project, attr)
                if not ids:
                    yield Problem(project.loc, f"项目 {project.id} 没有写明对应的“{what}”：项目应由需求和资源撮合",
                                  key=f"{project.id}{what}")
                for item in ids:
                    if item not in known:
                        yield Problem(project.at(attr), f"项目 {project.id} 的{what}编号“{item}”不在任何{what}清单中",
                                      key=f"{project.id}{item}")


@rule("street-references", Severity.ERROR, (), scope="repo", category="格式", needs_roster=False)
def street_references(repo, ctx) -> Iterator[Problem]:
    """street/ 中提到的党组织编号、共建单位编号、党员编号都存在，共建单位编号不重复。

    通过：共建单位 GJ01 的 结对党组织: [B1]，B1 是记录库中的党组织。
    违反：走访记录的 联系点: B9，记录库中没有编号为 B9 的党组织。
    """
    street = _street(repo)
    if street is None:
        return
    orgs = {b.id for b in repo.branches}
    seen: set[str] = set()
    for partner in street.partners:
        if partner.id in seen:
            yield Problem(partner.at("id"), f"共建单位编号“{partner.id}”重复", key=f"dup{partner.id}")
        seen.add(partner.id or "")
    members = set(ctx.member_index)
    known = {"org": (orgs, "党组织"), "partner": (seen, "共建单位"), "any": (orgs | seen, "党组织或共建单位"),
             "member": (members, "党员")}
    for record, attr, ref, what in references(street):
        ids, label = known[what]
        if ref is not None and ref not in ids:
            yield Problem(record.at(attr), f"记录库中没有编号为“{ref}”的{label}", key=f"{attr}{ref}")
