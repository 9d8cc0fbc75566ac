"""Every rule against its fixtures: tests/fixtures/rules/<rule-id>/{pass,fail}/<case>/.

A case directory holds files laid over tests/fixtures/base (and `_delete.txt`, files to
remove from the base). A fail case's expected.txt lists every finding of the whole run,
one `path:line:col rule-id` per line; a pass case must give no finding at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import AS_OF, BASE, FIXTURES
from dangjian.engine import run
from dangjian.loader import load_repository

RULE_FIXTURES = FIXTURES / "rules"
SPECIAL = {"expected.txt", "_delete.txt", "_as_of.txt"}


def cases(kind: str) -> list:
    found = []
    for rule_dir in sorted(RULE_FIXTURES.iterdir()):
        for case in sorted((rule_dir / kind).glob("*")) if (rule_dir / kind).is_dir() else []:
            found.append(pytest.param(case, id=f"{rule_dir.name}/{kind}/{case.name}"))
    return found


def build(case: Path, tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    for path in sorted(case.rglob("*")):
        rel = path.relative_to(case).as_posix()
        if path.is_file() and rel not in SPECIAL:
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    delete = case / "_delete.txt"
    if delete.exists():
        for rel in delete.read_text(encoding="utf-8").split():
            (root / rel).unlink()
    return root


def findings_of(case: Path, tmp_path: Path) -> list[str]:
    import datetime as dt

    root = build(case, tmp_path)
    as_of_file = case / "_as_of.txt"
    as_of = dt.date.fromisoformat(as_of_file.read_text().strip()) if as_of_file.exists() else AS_OF
    return [f"{f.loc.path}:{f.loc.line}:{f.loc.col} {f.rule}" for f in run(load_repository(root), as_of)]


@pytest.mark.parametrize("case", cases("fail"))
def test_fail_case_gives_exactly_the_expected_findings(case: Path, tmp_path: Path) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").split("\n")
    assert findings_of(case, tmp_path) == [line for line in expected if line.strip()]
    assert any(line.endswith(" " + case.parent.parent.name) for line in expected), "must show its own rule"


@pytest.mark.parametrize("case", cases("pass"))
def test_pass_case_gives_no_finding(case: Path, tmp_path: Path) -> None:
    assert findings_of(case, tmp_path) == []


def test_base_fixture_is_clean(tmp_path: Path) -> None:
    assert run(load_repository(BASE), AS_OF) == []


@pytest.mark.parametrize("profile", ["national", "wuhua"])
def test_base_fixture_is_clean_under_every_profile(tmp_path: Path, profile: str) -> None:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    config = root / "dangjian.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("规则集: xz", f"规则集: {profile}"), encoding="utf-8")
    assert [f"{f.loc} {f.rule}" for f in run(load_repository(root), AS_OF)] == []


def _rules_doc():
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "tools" / "build_rules_doc.py"
    spec = importlib.util.spec_from_file_location("build_rules_doc", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_doc_is_up_to_date() -> None:
    doc = _rules_doc()
    assert doc.TARGET.read_text(encoding="utf-8") == doc.render(), \
        "docs/rules.md is stale: run .venv/bin/python tools/build_rules_doc.py"


def test_every_rule_clause_is_checked_or_listed_with_a_reason() -> None:
    from dangjian.coverage import UNENFORCED, uncited
    from dangjian.rules import all_rules

    missing = uncited(all_rules())
    assert [c for c in missing if c not in UNENFORCED] == [], "cite these clauses in a rule or list them in coverage.py"
    assert [c for c in UNENFORCED if c not in missing] == [], "these clauses are cited now: drop them from coverage.py"
    assert all(reason.strip() for reason in UNENFORCED.values())


def test_todays_lists_may_name_a_member_who_joins_after_a_past_checking_day(tmp_path: Path) -> None:
    """branch.yaml's 联系党员 describes the branch now: checked on 2026-09-30 it names B1-004, who
    transfers in on 2026-10-20 — no finding then; on 2026-10-31 it names B1-002, who left on
    2026-10-20 — a finding (the fail case current-list-after-leaving)."""
    import datetime as dt

    case = FIXTURES / "rules" / "unknown-member" / "fail" / "current-list-after-leaving"
    assert case.is_dir()
    root = build(case, tmp_path)
    found = [f"{f.loc.path}:{f.loc.line} {f.message}" for f in run(load_repository(root), dt.date(2026, 9, 30))
             if f.rule == "unknown-member"]
    assert found == []
