"""Organisation setup, committee and terms (设置、班子、换届)."""

from __future__ import annotations

from collections.abc import Iterator

from dangjian.dates import add_months, add_years, years_between
from dangjian.facts import descendants, full_members_on, members_on
from dangjian.findings import Problem, Severity
from dangjian.model import BranchRecords
from dangjian.rules.registry import rule


def _active(branch: BranchRecords, ctx) -> bool:
    info = branch.info
    return bool(info and info.kind and not (info.dissolved and info.dissolved <= ctx.as_of))


@rule("branch-min-members", Severity.ERROR, ("TL-4", "XZ-1.1", "WH-1.1"), params=("支部最少正式党员",))
def branch_min_members(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """党支部须有 3 名以上正式党员；不足的应成立联合党支部。

    通过：类型为 党支部，名册中有 5 名正式党员。
    违反：类型为 党支部，名册中只有 2 名正式党员。
    """
    if not _active(branch, ctx) or branch.info.kind != "党支部":
        return
    minimum = ctx.param("支部最少正式党员")
    count = len(full_members_on(branch, ctx.as_of))
    if count < minimum:
        yield Problem(branch.info.at("kind"),
                      f"党支部只有 {count} 名正式党员，少于 {minimum} 名：应与邻近单位成立联合党支部，或调整设置")


@rule("org-kind-by-size", Severity.WARNING, ("XZ-1.1", "TL-4", "CJ-2.1"),
      params=("支部一般最多党员", "党总支最少党员", "党委最少党员"))
def org_kind_by_size(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """组织类型与党员人数相符：超过 50 人可设党总支，100 人以上设党委，党支部一般不超过 50 人。

    通过：党员 30 人的党支部；党员 80 人（含所属支部）的党总支。
    违反：党员 40 人（含所属支部）的党总支。
    """
    if not _active(branch, ctx):
        return
    info = branch.info
    total = len(members_on(branch, ctx.as_of)) + sum(
        len(members_on(sub, ctx.as_of)) for sub in descendants(ctx.repo, branch))
    general_min, committee_min = ctx.param("党总支最少党员"), ctx.param("党委最少党员")
    if info.kind == "党总支" and total < general_min:
        yield Problem(info.at("kind"), f"党总支（含所属支部）只有 {total} 名党员，设党总支一般须超过 {general_min - 1} 人")
    elif info.kind in ("党支部", "联合党支部") and total > ctx.param("支部一般最多党员"):
        advice = "党委" if total >= committee_min else "党总支"
        yield Problem(info.at("kind"), f"党支部有 {total} 名党员，超过 {ctx.param('支部一般最多党员')} 人，可考虑设立{advice}")
    elif info.kind == "党总支" and total >= committee_min:
        yield Problem(info.at("kind"), f"党总支（含所属支部）有 {total} 名党员，达到 {committee_min} 人应设立党委")


@rule("committee-setup", Severity.ERROR, ("TL-20",),
      params=("设支委会正式党员数", "支委会最少委员", "支委会最多委员"))
def committee_setup(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """有书记；正式党员 7 人以上的设支部委员会，委员 3 至 7 人。

    通过：12 名正式党员，委员会有书记、组织委员、宣传委员 3 人。
    违反：12 名正式党员，委员会只有书记 1 人。
    """
    if not _active(branch, ctx):
        return
    info = branch.info
    committee = info.committee
    if committee is None:
        if info.missing("committee"):
            yield Problem(info.loc, "没有填写“委员会”：至少应写明书记")
        return
    seats = committee.seats
    if not any(s.role == "书记" for s in seats):
        yield Problem(committee.at("seats"), "委员会中没有书记")
    full = len(full_members_on(branch, ctx.as_of))
    required_at = ctx.param("设支委会正式党员数")
    smallest, largest = ctx.param("支委会最少委员"), ctx.param("支委会最多委员")
    if info.kind not in ("党支部", "联合党支部", "临时党支部"):
        return  # 总支、党委 committees are sized by their own rules (XZ-2.1)
    if full >= required_at and len(seats) < smallest:
        yield Problem(committee.at("seats"),
                      f"有 {full} 名正式党员（≥{required_at}），应设立支部委员会，委员不少于 {smallest} 人，现有 {len(seats)} 人")
    if len(seats) > largest:
        yield Problem(committee.at("seats"), f"支部委员会有 {len(seats)} 人，一般不超过 {largest} 人")


@rule("community-committee-size", Severity.WARNING, ("XZ-2.1",),
      params=("社区人口分界", "社区班子人数（人口少）", "社区班子人数（人口多）"))
def community_committee_size(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """社区党委、党总支班子：辖区人口 3000 人以下一般 5 至 7 人，3000 人以上一般 5 至 9 人。

    XZ-2.1 原文是“社区党组织一般由 5—7 人组成”，带“一般”，所以只作提醒。

    通过：社区党总支，辖区人口 4200 人，委员 7 人。
    违反：社区党总支，辖区人口 2500 人，委员 3 人。
    """
    info = branch.info
    if not _active(branch, ctx) or info.sector != "社区" or info.kind not in ("党委", "党总支"):
        return
    if info.committee is None or not (ctx.param("社区班子人数（人口少）") or ctx.param("社区班子人数（人口多）")):
        return  # the profile sets no size for community committees
    if info.population is None:
        if info.missing("population"):
            yield Problem(info.loc, "社区党组织应填写“辖区人口”，用于确定班子人数")
        return
    key = "社区班子人数（人口少）" if info.population < ctx.param("社区人口分界") else "社区班子人数（人口多）"
    bounds = ctx.param(key)
    if not bounds:
        return
    low, high = bounds
    size = len(info.committee.seats)
    if not low <= size <= high:
        yield Problem(info.committee.at("seats"),
                      f"辖区人口 {info.population} 人，社区党组织班子应为 {low} 至 {high} 人，现有 {size} 人")


@rule("party-group-size", Severity.WARNING, ("WH-1.3",), params=("党小组最少人数",))
def party_group_size(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """党小组人数原则上不少于 3 人（五化建设）。

    通过：第一党小组有 5 名党员。
    违反：第二党小组只有 2 名党员。
    """
    minimum = ctx.param("党小组最少人数")
    if not minimum or not _active(branch, ctx):
        return
    current = members_on(branch, ctx.as_of)
    for group in branch.info.groups:
        size = sum(1 for m in current if m.group == group.name)
        if size < minimum:
            yield Problem(group.at("name"), f"{group.name}只有 {size} 名党员，原则上不少于 {minimum} 人", key=group.name or "")
    known = {g.name for g in branch.info.groups}
    for m in current:
        if m.group and m.group not in known:
            yield Problem(m.at("group"), f"{m.name}所在的党小组“{m.group}”未在 branch.yaml 的“党小组”中登记",
                          key=m.id or "")


@rule("secretary-standing", Severity.WARNING, ("TL-23", "WH-1.5"), params=("书记最少党龄年数",))
def secretary_standing(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """党支部书记一般应有 1 年以上党龄（从转正之日算起）。

    通过：书记 2010 年转正，2024 年当选。
    违反：书记 2024-01-01 转正，2024-03-15 当选。
    """
    if not _active(branch, ctx) or branch.info.committee is None:
        return
    committee = branch.info.committee
    roster = {m.id: m for m in branch.members}
    minimum = ctx.param("书记最少党龄年数")
    for seat in committee.seats:
        member = roster.get(seat.member)
        since = seat.since or committee.elected
        if seat.role != "书记" or member is None or since is None:
            continue
        if member.full_member is None or years_between(member.full_member, since) < minimum:
            standing = "尚未转正" if member.full_member is None else f"{member.full_member} 转正"
            yield Problem(seat.at("member"), f"书记{member.name}任职时党龄不足 {minimum} 年（{standing}）", key=seat.member)


BRANCH_KINDS = ("党支部", "联合党支部", "临时党支部")


@rule("term-length", Severity.ERROR, ("DZ-31", "XZ-2.2", "TL-21"), params=("任期最短年限", "任期最长年限", "村社区任期年限"),
      needs_roster=False)
def term_length(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """每届任期 3 至 5 年；村、社区的党支部每届任期 5 年。

    条例第二十一条：“党支部每届任期一般为 3 年”的“一般”只限定 3 年；“村、社区党支部每届任期为 5 年”没有
    “一般”，是确定的规定，所以领域为 村 或 社区 的党支部（含联合、临时党支部）写别的任期年限是问题。
    党总支、党委的任期按党章第三十一条 3 至 5 年检查。

    通过：
      任期年限: 3
    违反：
      任期年限: 2
    （或：领域 社区 的党支部，任期年限: 3）
    """
    info = branch.info
    committee = info.committee
    if committee is None or committee.term_years is None:
        return
    low, high = ctx.param("任期最短年限"), ctx.param("任期最长年限")
    if not low <= committee.term_years <= high:
        yield Problem(committee.at("term_years"), f"任期年限 {committee.term_years} 年不在 {low} 至 {high} 年之间")
        return
    fixed = ctx.param("村社区任期年限")
    if fixed and info.kind in BRANCH_KINDS and info.sector in ("村", "社区") and committee.term_years != fixed:
        yield Problem(committee.at("term_years"), f"{info.sector}党支部每届任期为 {fixed} 年，这里写的是 "
                                                  f"{committee.term_years} 年")


def _term_end(branch: BranchRecords):
    committee = branch.info.committee
    if committee is None or committee.elected is None or committee.term_years is None:
        return None
    return add_years(committee.elected, committee.term_years)


def _postponed_end(branch: BranchRecords, ctx):
    """The day the term ends, counting an approved postponement of at most the allowed months."""
    end = _term_end(branch)
    later = branch.info.committee.postponed if end else None
    if later is None or later.until is None or not later.approval:
        return end
    return later.until if later.until <= add_months(end, ctx.param("延期换届最长月数")) else end


@rule("term-expired", Severity.ERROR, ("XZ-2.2", "WH-1.6", "CJ-2.1", "XJ-3"), params=("延期换届最长月数",),
      needs_roster=False)
def term_expired(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """任期届满应按时换届；延期换届须报上级批准，延长一般不超过 1 年（“延期换届”写批准文号和延至的日期）。

    通过：2021-03-15 选举，任期 5 年，延期换届 {批准文号: 城南工委〔2026〕2号, 延至: 2026-12-31}，今天是 2026-10-31。
    违反：2021-03-15 选举，任期 3 年，2024-03-15 已届满，尚未换届；或批准延至的日期超过届满后 1 年。
    """
    end = _term_end(branch)
    if end is None or not _active(branch, ctx):
        return
    committee = branch.info.committee
    later, limit = committee.postponed, ctx.param("延期换届最长月数")
    if later is not None and later.until is not None and later.until > add_months(end, limit):
        yield Problem(later.at("until"), f"本届委员会任期 {end.isoformat()} 届满，批准延至 {later.until.isoformat()}，"
                                         f"超过 {limit} 个月（延期换届一般不超过 1 年）")
    effective = _postponed_end(branch, ctx)
    if effective <= ctx.as_of:
        what = f"批准延期至 {effective.isoformat()}" if effective != end else f"任期已于 {end.isoformat()} 届满"
        yield Problem(committee.at("elected"), f"本届委员会{what}，应按时换届（延期须报上级批准）")


@rule("term-expiring", Severity.WARNING, ("WH-1.6", "XZ-2.2"), params=("换届提醒月数",), needs_roster=False)
def term_expiring(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """任期届满前 6 个月提醒准备换届。

    通过：任期于 2028-03-15 届满，今天是 2026-11-22。
    违反：任期于 2027-03-15 届满，今天是 2026-11-22（不足 6 个月）。
    """
    end = _term_end(branch)
    if end is None or not _active(branch, ctx):
        return
    end = _postponed_end(branch, ctx)
    months = ctx.param("换届提醒月数")
    if ctx.as_of < end <= add_months(ctx.as_of, months):
        yield Problem(branch.info.committee.at("elected"),
                      f"本届委员会任期将于 {end.isoformat()} 届满（{months} 个月内），请准备换届")
