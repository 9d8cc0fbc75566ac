"""The loader: bad files become findings, never crashes, and never hide other files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AS_OF, BASE, make_repo
from dangjian.engine import run
from dangjian.findings import Problem, Severity
from dangjian.loader import load_repository
from dangjian.yamlread import parse_text

SECOND_BRANCH = {
    "B2/branch.yaml": (BASE / "B1/branch.yaml").read_text(encoding="utf-8").replace("编号: B1", "编号: B2")
    .replace("B1-00", "B2-00").replace("类型: 党支部", "类型: 党支部\n"),
    "B2/members.yaml": (BASE / "B1/members.yaml").read_text(encoding="utf-8").replace("B1-00", "B2-00")
    .replace("    转正日期: 1971-07-01\n    状态: 正式党员", "    状态: 预备党员"),  # only 2 full members
}


def rules_and_paths(root: Path) -> list[tuple[str, str, int]]:
    return [(f.rule, f.loc.path, f.loc.line) for f in run(load_repository(root), AS_OF)]


@pytest.mark.parametrize(("content", "rule", "line"), [
    ((BASE / "B1/members.yaml").read_text(encoding="utf-8").encode("gbk"), "file-encoding", 1),
    ("党员:\n  - 编号: B1-001\n    姓名: \"周建华\n", "yaml-syntax", 3),
    ((BASE / "B1/members.yaml").read_text(encoding="utf-8").replace("    姓名: 陈丽\n", "    姓名: 陈丽\n    姓名: 陈莉\n"),
     "duplicate-key", 14),
    ("党员:\n  - &a {编号: B1-001}\n  - *a\n", "yaml-anchor", 2),
])
def test_one_bad_file_one_finding_and_other_files_still_checked(tmp_path, content, rule, line) -> None:
    root = make_repo(tmp_path, {**SECOND_BRANCH, "B1/members.yaml": content})
    found = rules_and_paths(root)
    bad = [f for f in found if f[1] == "B1/members.yaml"]
    assert bad == [(rule, "B1/members.yaml", line)]
    assert ("branch-min-members", "B2/branch.yaml", 3) in found  # the other branch's finding survives
    if rule == "duplicate-key":  # the file itself was readable: its branch is still checked
        return
    assert not [f for f in found if f[1].startswith("B1/") and f[1] != "B1/members.yaml"]


def test_gbk_message_is_clear_chinese(tmp_path) -> None:
    root = make_repo(tmp_path, {"B1/members.yaml": "# 名册\n党员: []\n# 第三行\n".encode("gbk")})
    (finding,) = run(load_repository(root), AS_OF)
    assert finding.loc.line == 1
    assert "GBK" in finding.message and "UTF-8" in finding.message


def test_alias_bomb_is_refused_without_expanding(tmp_path) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    value, issues = parse_text("\n".join(levels) + "\n")
    assert value is None and [i.rule for i in issues] == ["yaml-anchor"]


def test_symlink_outside_repository_is_refused(tmp_path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("党员: []\n", encoding="utf-8")
    root = make_repo(tmp_path)
    os.symlink(outside, root / "B1" / "applicants.yaml")
    found = rules_and_paths(root)
    assert found == [("file-unreadable", "B1/applicants.yaml", 1)]


def test_a_crashing_rule_becomes_a_finding(monkeypatch) -> None:
    from dangjian.rules import get

    def boom(branch, ctx):
        raise KeyError("x")
        yield Problem(None, "")  # pragma: no cover

    import dangjian.rules as registry

    rule = get("term-length")
    monkeypatch.setitem(registry._REGISTRY, "term-length", rule.__class__(
        rule.id, rule.severity, rule.clauses, rule.scope, rule.doc, boom, rule.params, rule.category, False))
    found = run(load_repository(BASE), AS_OF)
    assert [(f.rule, f.severity) for f in found] == [("rule-crash", Severity.ERROR)]
    assert "term-length" in found[0].message


def test_validate_never_writes(tmp_path) -> None:
    root = make_repo(tmp_path, SECOND_BRANCH)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}
    run(load_repository(root), AS_OF)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}
    assert before == after


CORPUS = [
    "a: 1\nb: no\nc: 14:30\nd: 2026-02-30\ne: \"x\"\nf: 010010\n",
    "a: 1\na: 2\nb: [1, 2\n",
    "a: !!binary aGVsbG8=\n",
    "a:\n  - b: 1\n   c: 2\n",
    "- 1\n- [a, {b: c}]\n- ~\n- 0x1F\n- 1.5e3\n- .inf\n",
    "'unterminated\n",
    "a: 2024-02-29\nb: 2023-02-29\n",
]


@pytest.mark.parametrize("text", CORPUS)
def test_fast_and_ruamel_paths_agree(text: str) -> None:
    fast_value, fast_issues = parse_text(text, "fast")
    slow_value, slow_issues = parse_text(text, "ruamel")
    assert fast_value == slow_value
    assert [(i.rule, i.line, i.col) for i in fast_issues] == [(i.rule, i.line, i.col) for i in slow_issues]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!'\"#\n\t0123456789姓名党员")), max_size=80))
def test_parser_never_raises_and_always_locates(text: str) -> None:
    for engine in ("fast", "ruamel"):
        _value, issues = parse_text(text, engine)  # must not raise
        lines = text.count("\n") + 1
        assert all(1 <= i.line <= lines + 1 and i.col >= 1 and i.message for i in issues)
