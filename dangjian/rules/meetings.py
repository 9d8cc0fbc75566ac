"""组织生活的周期：三会一课、主题党日、组织生活会、民主评议、委员民主生活会、专题研究.

Each rule asks for at least one record in every period of its cadence parameter; which
periods are judged is decided in dangjian/periods.py. A missing meeting points at the
meetings file of that year (or branch.yaml when the file does not exist).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from dangjian.calendar import Period
from dangjian.findings import Problem, Severity
from dangjian.leaders import secretaries_between
from dangjian.model import BranchRecords, Meeting
from dangjian.periods import due, member_covers, missing_at, owed
from dangjian.rules.registry import BRANCHES, rule

STUDY_WORDS = "标准化规范化"
# 标准化规范化, 标准化、规范化, 标准化和规范化 … all name the same programme (CJ-5.1).
STUDY_TOPIC = re.compile(r"标准化[、，,\s和与及]*规范化")


def _kind(kind: str) -> Callable[[Meeting], bool]:
    return lambda m: kind in m.kinds


def _held(branch: BranchRecords, period: Period, test: Callable[[Meeting], bool]) -> bool:
    return any(period.contains(m.date) and test(m) for m in branch.meetings)


def _missing(branch: BranchRecords, period: Period, what: str, rule_id: str, key: str = "") -> Problem:
    loc, advice = missing_at(branch, "meetings", period.year)
    if loc.path != branch.branch_file:
        advice += f"，或在该文件第 1 行用 # dangjian: ignore[{rule_id}] 写明未召开的原因"
    return Problem(loc, f"{period.label}没有{what}，{advice}", key=f"{period.label}{key}")


def _cadence(branch: BranchRecords, ctx, param: str, what: str, rule_id: str,
             test: Callable[[Meeting], bool], kind: str = "") -> Iterator[Problem]:
    """A record passing `test` in every period of `param` in which a `kind` is owed."""
    for period in due(branch, ctx, param, "meetings"):
        if not owed(branch, kind, period, ctx.params):
            continue
        if not _held(branch, period, test):
            yield _missing(branch, period, what, rule_id)


@rule("general-meeting-cadence", Severity.ERROR, ("TL-11", "XZ-4.1", "WH-2.1"), params=("党员大会周期",), kinds=BRANCHES)
def general_meeting_cadence(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """支部党员大会一般每季度召开 1 次（xz“每月或每季度”：每季度至少 1 次即可）。

    通过：2026 年每个季度的 meetings/2026.yaml 中都有 类型 含 支部党员大会 的会议。
    违反：2026 年第二季度没有支部党员大会。
    """
    yield from _cadence(branch, ctx, "党员大会周期", "召开支部党员大会", "general-meeting-cadence",
                        _kind("支部党员大会"), "支部党员大会")


@rule("committee-meeting-cadence", Severity.ERROR, ("TL-12", "XZ-4.2", "WH-2.2", "QY-7"),
      params=("支委会周期", "支委会最少委员"))
def committee_meeting_cadence(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """设有支部委员会（委员 3 人以上）的，支委会（社区党委为党委会）一般每月召开 1 次。

    通过：委员会有 3 名委员，每个月都有 类型 含 支委会 的会议。
    违反：委员会有 3 名委员，2026 年 3 月没有支委会；只有书记 1 人的支部不检查。
    """
    yield from _committee_cadence(branch, ctx, "支委会周期", "支委会", "committee-meeting-cadence")


@rule("group-meeting-cadence", Severity.ERROR, ("TL-13", "XZ-4.3", "WH-2.2"), params=("党小组会周期",), kinds=BRANCHES)
def group_meeting_cadence(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """每个党小组一般每月召开 1 次党小组会（xz 每月 1 至 2 次：至少 1 次）。

    通过：第一党小组每月都有 类型 含 党小组会、党小组 为 第一党小组 的会议。
    违反：第一党小组 2026 年 3 月没有党小组会。
    """
    groups = [g.name for g in branch.info.groups if g.name]
    for period in due(branch, ctx, "党小组会周期", "meetings"):
        for name in groups:
            if not any(m.group == name and member_covers(m, period) for m in branch.members):
                continue

            def test(m: Meeting, name: str = name) -> bool:
                return "党小组会" in m.kinds and (m.group == name or (m.group is None and len(groups) == 1))

            if not _held(branch, period, test):
                yield _missing(branch, period, f"召开{name}的党小组会", "group-meeting-cadence", name)


@rule("party-lecture-cadence", Severity.ERROR, ("TL-16", "XZ-4.4", "WH-2.3"), params=("党课周期",), kinds=BRANCHES)
def party_lecture_cadence(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """按期上党课：xz 每季度至少 1 次，wuhua 每半年至少 1 次，全国性规定每年至少 1 次。

    通过：规则集 xz，2026 年每个季度都有 类型 含 党课 的会议。
    违反：规则集 xz，2026 年第一季度没有党课。
    """
    yield from _cadence(branch, ctx, "党课周期", "上党课", "party-lecture-cadence", _kind("党课"), "党课")


@rule("secretary-lecture", Severity.ERROR, ("TL-16", "XZ-4.4", "WH-2.3"), params=("书记党课周期",), kinds=BRANCHES)
def secretary_lecture(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """党支部书记每年至少讲 1 次党课（党课的“授课人”是当年的书记）。

    通过：2025 年有一次党课 授课人: B1-001，B1-001 是书记。
    违反：2025 年的党课授课人都不是书记。
    """
    for period in due(branch, ctx, "书记党课周期", "meetings"):
        secretaries = secretaries_between(branch, period.start, period.end)
        if not secretaries:
            continue
        names = {m.name for m in branch.members if m.id in secretaries and m.name}

        def test(m: Meeting, ids: set = secretaries | names) -> bool:
            return "党课" in m.kinds and m.lecturer in ids

        if not _held(branch, period, test):
            yield _missing(branch, period, "书记讲党课（党课记录的“授课人”应为书记）", "secretary-lecture")


@rule("theme-day-monthly", Severity.ERROR, ("TL-16", "XZ-4.9", "WH-2.7", "CJ-2.3"), params=("主题党日周期",), kinds=BRANCHES)
def theme_day_monthly(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """每月开展 1 次主题党日（日期是否在固定日由 theme-day-off-schedule 检查）。

    通过：2026 年每个月都有 类型 含 主题党日 的会议。
    违反：2026 年 4 月没有主题党日。
    """
    yield from _cadence(branch, ctx, "主题党日周期", "开展主题党日", "theme-day-monthly", _kind("主题党日"), "主题党日")


@rule("life-meeting-cadence", Severity.ERROR, ("TL-17", "XZ-4.6", "WH-2.5", "CJ-2.3"), params=("组织生活会周期",), kinds=BRANCHES)
def life_meeting_cadence(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """组织生活会一般每年至少召开 1 次（xz 每年 1 至 2 次；wuhua 每半年至少 1 次）。

    通过：2025 年 12 月有 类型 含 组织生活会 的会议。
    违反：2025 年全年没有组织生活会。
    """
    yield from _cadence(branch, ctx, "组织生活会周期", "召开组织生活会", "life-meeting-cadence", _kind("组织生活会"),
                        "组织生活会")


@rule("appraisal-cadence", Severity.ERROR, ("TL-18", "XZ-4.5", "WH-2.5", "CJ-2.3"), params=("民主评议周期",), kinds=BRANCHES)
def appraisal_cadence(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """党支部每年开展 1 次民主评议党员（会议类型含 民主评议，或活动记录中有当年的民主评议）。

    通过：2025-12-10 的会议 类型: [支部党员大会, 民主评议]。
    违反：2025 年没有民主评议。
    """
    for period in due(branch, ctx, "民主评议周期", "meetings"):
        if not owed(branch, "民主评议", period, ctx.params) or _held(branch, period, _kind("民主评议")):
            continue
        if any(period.contains(s.date) for acts in branch.activities.values() for s in acts.appraisals):
            continue
        yield _missing(branch, period, "开展民主评议党员", "appraisal-cadence")


@rule("committee-life-meeting", Severity.ERROR, ("XZ-4.7",), params=("委员民主生活会周期", "支委会最少委员"))
def committee_life_meeting(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """设有委员会的党组织，委员每季度召开 1 次民主生活会（xz 本地规定，全国性规定没有）。

    通过：规则集 xz，委员会 3 人，每季度有 类型 含 委员民主生活会 的会议。
    违反：规则集 xz，委员会 3 人，2026 年第二季度没有委员民主生活会。
    """
    yield from _committee_cadence(branch, ctx, "委员民主生活会周期", "委员民主生活会", "committee-life-meeting")


@rule("standardisation-study", Severity.WARNING, ("CJ-5.1",), params=("专题研究周期",))
def standardisation_study(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """每年至少专题研究一次标准化规范化建设（会议“主题”中写明“标准化规范化”，也可写作“标准化、规范化”）。

    通过：2025-04-10 的支委会 主题: 专题研究支部标准化、规范化建设。
    违反：2025 年没有主题含“标准化规范化”的会议。
    """
    yield from _cadence(branch, ctx, "专题研究周期", f"专题研究标准化规范化建设的会议（主题中写明“{STUDY_WORDS}”）",
                        "standardisation-study", lambda m: bool(STUDY_TOPIC.search(m.topic or "")))


def _committee_cadence(branch: BranchRecords, ctx, cadence: str, kind: str, rule_id: str) -> Iterator[Problem]:
    """A meeting of `kind` in every period of `cadence` while the branch has a committee."""
    for period in due(branch, ctx, cadence, "meetings"):
        if not owed(branch, kind, period, ctx.params):
            continue
        if not _held(branch, period, _kind(kind)):
            yield _missing(branch, period, f"召开{kind}", rule_id)
