"""Suppression comments: `# dangjian: ignore[rule-id] 原因` silences that rule on that line."""

from __future__ import annotations

from conftest import AS_OF, BASE, make_repo
from dangjian import suppress
from dangjian.engine import settle_with
from dangjian.findings import Finding, Severity
from dangjian.located import Loc


def _finding(path: str, line: int, rule: str) -> Finding:
    return Finding(Loc(path, line, 1), rule, Severity.ERROR, "……")


FILES = {
    "a.yaml": ["会议:  # dangjian: ignore[rule-a] 二季度换届推迟，经街道党工委同意",
               "  - 日期: 2026-02-12  # dangjian: ignore[rule-a, rule-b] 春节调休",
               "  - 日期: 2026-03-12  # dangjian: ignore[rule-a]",
               "  - 日期: 2026-04-12  # dangjian: ignore[rule-z] 原因",
               "  - 日期: 2026-05-12  # dangjian: ignore 没写规则",
               "  - 主题: \"# 不是注释\""],
}


def _apply(findings, known=frozenset({"rule-a", "rule-b"})):
    return suppress.apply(findings, lambda path: FILES.get(path), files=["a.yaml", "missing.yaml"], known=set(known))


def test_a_reason_silences_the_named_rule_on_that_line_only() -> None:
    result = _apply([_finding("a.yaml", 1, "rule-a"), _finding("a.yaml", 1, "rule-b"), _finding("a.yaml", 2, "rule-a"),
                     _finding("a.yaml", 2, "rule-b"), _finding("a.yaml", 6, "rule-a")])
    assert [(f.loc.line, f.rule) for f in result.kept] == [(1, "rule-b"), (6, "rule-a")]
    assert result.applied == [
        suppress.Suppression("a.yaml", 1, "rule-a", "二季度换届推迟，经街道党工委同意"),
        suppress.Suppression("a.yaml", 2, "rule-a", "春节调休"),
        suppress.Suppression("a.yaml", 2, "rule-b", "春节调休"),
    ]


def test_unusable_comments_silence_nothing_and_are_reported() -> None:
    result = _apply([_finding("a.yaml", 3, "rule-a"), _finding("a.yaml", 4, "rule-z")])
    assert [(f.loc.line, f.rule) for f in result.kept] == [(3, "rule-a"), (4, "rule-z")]
    assert [(rule, p.loc.line) for rule, p in result.problems] == [
        (suppress.WITHOUT_REASON, 3), (suppress.INVALID, 4), (suppress.INVALID, 5)]
    assert "rule-z" in result.problems[1][1].message


def test_a_file_that_cannot_be_read_is_skipped() -> None:
    result = suppress.apply([_finding("missing.yaml", 1, "rule-a")], lambda path: FILES.get(path), files=["missing.yaml"])
    assert [f.rule for f in result.kept] == ["rule-a"] and result.problems == []


def test_engine_applies_suppressions_and_keeps_them_for_the_summary(tmp_path) -> None:
    from dangjian.engine import run
    from dangjian.loader import load_repository

    meetings = (BASE / "B1/meetings/2026.yaml").read_text(encoding="utf-8")
    gap = meetings.replace("  - 日期: 2026-06-10\n    类型: [支部党员大会, ", "  - 日期: 2026-06-10\n    类型: [", 1)
    first, rest = gap.split("\n", 1)
    root = make_repo(tmp_path, {"B1/meetings/2026.yaml": f"{first}  # dangjian: ignore[general-meeting-cadence] 换届推迟\n{rest}"})
    applied: list = []
    assert run(load_repository(root), AS_OF, applied=applied) == []
    assert [(s.file, s.line, s.rule, s.reason) for s in applied] == [
        ("B1/meetings/2026.yaml", 1, "general-meeting-cadence", "换届推迟")]
    # --select without the rule: its suppression problem is not reported either
    bare = make_repo(tmp_path / "b", {"B1/meetings/2026.yaml": f"{first}  # dangjian: ignore[general-meeting-cadence]\n{rest}"})
    found = run(load_repository(bare), AS_OF, select={"general-meeting-cadence"})
    assert [f.rule for f in found] == ["general-meeting-cadence"]


def test_settle_with_takes_severities_from_the_config() -> None:
    from types import SimpleNamespace

    lines = {"m.yaml": ["会议:  # dangjian: ignore[theme-day-monthly] 合并到党员大会",
                        "  - 日期: 2026-02-12  # dangjian: ignore[theme-day-monthly]",
                        "  - 日期: 2026-03-12  # dangjian: ignore[no-such-rule] 原因"]}
    config = SimpleNamespace(severities={suppress.WITHOUT_REASON: "错误", suppress.INVALID: "关闭"})
    applied: list = []
    found = settle_with([_finding("m.yaml", 1, "theme-day-monthly"), _finding("m.yaml", 2, "theme-day-monthly")],
                        lambda path: lines.get(path), ["m.yaml"], config, applied=applied)
    assert [(f.rule, f.loc.line, f.severity) for f in found] == [
        ("theme-day-monthly", 2, Severity.ERROR), (suppress.WITHOUT_REASON, 2, Severity.ERROR)]
    assert [(s.line, s.rule) for s in applied] == [(1, "theme-day-monthly")]
