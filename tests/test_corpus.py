"""The bad-input corpus: every case gives exactly its findings, never a crash or a hang.

tests/corpus/<case>/ holds files laid over tests/fixtures/base (like the rule fixtures) and
expected.txt, every finding of the whole run as `path:line:col rule-id`. Cases that cannot
live as files (a huge file, deep nesting, a symlink) are generated below.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from test_rules import build

from conftest import AS_OF, BASE, make_repo, validated
from dangjian.engine import run
from dangjian.loader import load_repository

CORPUS = Path(__file__).parent / "corpus"


def findings(root: Path) -> list[str]:
    found = validated(root)
    return [f"{f.loc.path}:{f.loc.line}:{f.loc.col} {f.rule}" for f in found]


@pytest.mark.parametrize("case", sorted(p.name for p in CORPUS.iterdir() if p.is_dir()))
def test_corpus_case(case: str, tmp_path: Path) -> None:
    root = build(CORPUS / case, tmp_path)
    expected = [x for x in (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines() if x.strip()]
    started = time.monotonic()
    assert findings(root) == expected
    assert time.monotonic() - started < 30  # a hang guard, not a timing assertion
    # the eager loader (reports, dues, schedule) agrees with the incremental path
    assert [f"{f.loc.path}:{f.loc.line}:{f.loc.col} {f.rule}" for f in run(load_repository(root), AS_OF)] == expected


def test_alias_bomb_is_not_expanded(tmp_path: Path) -> None:
    root = build(CORPUS / "alias-bomb", tmp_path)
    started = time.monotonic()
    assert findings(root) == ["B1/members.yaml:1:5 yaml-anchor"]
    assert time.monotonic() - started < 5  # refused, not expanded: 10⁹ leaves would never finish


def test_deep_nesting_is_a_finding_not_a_recursion_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"B1/applicants.yaml": "入党申请人: " + "[" * 5000 + "]" * 5000 + "\n"})
    found = findings(root)
    assert len(found) == 1 and found[0].startswith("B1/applicants.yaml:") and found[0].endswith("yaml-syntax")


def test_deep_block_nesting(tmp_path: Path) -> None:
    text = "".join(" " * i + "a:\n" for i in range(0, 3000)) + " " * 3000 + "b: 1\n"
    root = make_repo(tmp_path, {"B1/applicants.yaml": text})
    assert all(f.split()[-1] in ("yaml-syntax", "unknown-key") for f in findings(root))


def test_huge_file_is_refused_with_a_clear_finding(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    line = "  - {日期: 2026-01-05, 名称: 学习, 学时: 2, 参加: [B1-001]}\n"
    with open(root / "B1" / "trainings" / "2026.yaml" if (root / "B1" / "trainings").is_dir() else
              _mkdir(root / "B1" / "trainings") / "2026.yaml", "w", encoding="utf-8") as fh:
        fh.write("培训:\n")
        fh.write(line * (20 * 1024 * 1024 // len(line.encode()) + 1))
    assert (root / "B1/trainings/2026.yaml").stat().st_size > 20 * 1024 * 1024
    found = validated(root)
    huge = [f for f in found if f.loc.path == "B1/trainings/2026.yaml"]
    assert [(f.rule, f.loc.line) for f in huge] == [("file-unreadable", 1)]
    assert "MB" in huge[0].message


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def test_symlink_outside_the_repository(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("入党申请人: []\n", encoding="utf-8")
    root = make_repo(tmp_path)
    os.symlink(outside, root / "B1" / "applicants.yaml")
    assert findings(root) == ["B1/applicants.yaml:1:1 file-unreadable"]


def test_base_is_clean() -> None:
    assert findings(BASE) == []


CORPUS_YAML = sorted(p for p in CORPUS.rglob("*.yaml"))


@pytest.mark.parametrize("path", CORPUS_YAML, ids=lambda p: str(p.relative_to(CORPUS)))
def test_fast_and_round_trip_parsers_report_the_same(path: Path) -> None:
    from dangjian.decode import decode_record
    from dangjian.yamlread import parse_text

    text, _issues = decode_record(path.read_bytes())
    if text is None:
        return  # refused before any parser sees it
    fast_value, fast_issues = parse_text(text, "fast")
    slow_value, slow_issues = parse_text(text, "ruamel")
    assert [(i.rule, i.line, i.col) for i in fast_issues] == [(i.rule, i.line, i.col) for i in slow_issues]
    assert fast_value == slow_value


@pytest.mark.parametrize("value", ["9" * 5000, "0x" + "f" * 5000, "9" * 90, ".inf", ".nan", "1e308", "10000", "0"])
def test_huge_parameter_values_never_crash_a_rule(tmp_path: Path, value: str) -> None:
    """Every count and quantity of 参数 at once: a value beyond MAX_PARAMETER is a param-value
    finding and the profile's value is used; at the bound every rule still runs."""
    from dangjian.params import NATIONAL
    from dangjian.profiles import shape_of

    names = [n for n in NATIONAL if shape_of(n) in ("count", "number", "percent")]
    config = (BASE / "dangjian.yaml").read_text(encoding="utf-8") + "参数:\n" + "".join(f"  {n}: {value}\n" for n in names)
    root = make_repo(tmp_path, {"dangjian.yaml": config, "B1/branch.yaml": (BASE / "B1/branch.yaml").read_text(
        encoding="utf-8").replace("辖区户数: 1200", f"辖区户数: {value}")})
    rules = [f.split()[-1] for f in findings(root)]
    assert "rule-crash" not in rules
    if value not in ("10000", "0"):
        assert "param-value" in rules
