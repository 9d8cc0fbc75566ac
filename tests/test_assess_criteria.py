"""The assessment's criteria and results, checked by hand on the example street (the same
checks are written out in docs/assessment.md), under each profile and with broken records."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE_STREET
from dangjian.context import RunContext
from dangjian.loader import load_repository
from dangjian.street.criteria import CRITERIA, FAIL, LIFE_CRITERIA, criterion_of
from dangjian.street.rollup import assess, target_for

RECORDS = EXAMPLE_STREET
TODAY = dt.date(2026, 11, 22)


def assessed(repo, year: int):
    """The assessment of `year` with the repository's run context on TODAY."""
    return assess(repo, year, RunContext.for_repo(repo, today=TODAY))


@pytest.fixture(scope="module")
def example():
    repo = load_repository(RECORDS)
    return repo, {year: assessed(repo, year) for year in (2025, 2026)}


def copy(tmp_path: Path, profile: str | None = None) -> Path:
    root = tmp_path / "records"
    shutil.copytree(RECORDS, root)
    if profile:
        config = root / "dangjian.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace("规则集: xz", f"规则集: {profile}"), encoding="utf-8")
    return root


def test_the_table_names_registered_rules_once() -> None:
    from dangjian.rules import get

    named = [r for c in CRITERIA for r in c.rules]
    assert len(named) == len(set(named))
    for rule_id in named:
        assert get(rule_id).scope in ("branch", "repo", "file"), rule_id
    assert {c.key for c in CRITERIA} >= set(LIFE_CRITERIA)


def test_a_rule_not_in_the_table_counts_under_other() -> None:
    assert criterion_of("some-new-branch-rule") == "WH4-其他"
    assert criterion_of("yaml-syntax", "格式", "file") == "WH4-台账"
    assert criterion_of("config-valid", "格式", "repo") == "WH4-台账"
    assert criterion_of("leader-visit-monthly") is None
    assert criterion_of("holiday-file-invalid", "规定", "repo") is None


def test_targets_carry_forward_and_include_their_number() -> None:
    targets = {2022: 40, 2023: 60, 2024: 80, 2025: 90}
    assert [target_for(targets, y) for y in (2021, 2022, 2024, 2026)] == [None, 40, 80, 90]
    assert target_for({2023: 40, 2025: 50}, 2024) == 40


def test_rates_of_the_example_street(example) -> None:
    _repo, by_year = example
    shown = {y: [(r.count, r.total, r.target, r.met) for r in a.rates] for y, a in by_year.items()}
    assert shown[2025] == [(8, 10, 90, False), (2, 10, 50, False), (10, 10, None, None)]
    assert shown[2026] == [(7, 10, 90, False), (2, 10, 50, False), (10, 10, None, None)]
    assert [s.card.branch_id for s in by_year[2025].weak] == ["CN02"]
    assert [s.card.branch_id for s in by_year[2026].weak] == ["CN02"]
    assert "CN07" not in {s.card.branch_id for s in by_year[2026].counted}, "a 临时党支部 is not counted"


def test_hand_check_cn01_model_branch(example) -> None:
    _repo, by_year = example
    s = by_year[2026].standing("CN01")
    assert s.card.meets and s.level == "最强党支部" and s.keeps
    assert any("10%" in e for e in s.entitlements) and any("30%" in e for e in s.entitlements)
    assert s.notes == ["2025年评定后已换届（2026-03-18），应开展新一轮建设"]
    earlier = by_year[2025].standing("CN01")
    assert earlier.model == "具备评定条件" and earlier.evaluation.excellent == 29


def test_hand_check_cn02_weak_and_cancelled(example) -> None:
    _repo, by_year = example
    s = by_year[2026].standing("CN02")
    assert s.card.meets, "its records are complete: the weakness is the street's evaluation"
    assert s.level is None and s.cancelled and s.designated_open
    assert s.entitlements[0].startswith("不能参评")
    before = by_year[2025].standing("CN02")
    assert before.keeps and before.weak == ["年度述职评议考核为一般"]


def test_hand_check_cn05_refused_model_branch(example) -> None:
    _repo, by_year = example
    s = by_year[2025].standing("CN05")
    assert s.model == "不具备评定条件"
    assert any("84.6%" in r for r in s.model_reasons) and any("市场监督管理局" in r for r in s.model_reasons)
    assert s.level == "标准化规范化党支部" and s.keeps


def test_a_gap_in_the_records_fails_the_criterion_and_the_certification(tmp_path: Path) -> None:
    root = copy(tmp_path)
    meetings = root / "CN04" / "meetings" / "2026.yaml"
    text = meetings.read_text(encoding="utf-8")
    meetings.write_text(text.replace("类型: [主题党日]", "类型: [专题会议]"), encoding="utf-8")
    result = assessed(load_repository(root), 2026)
    s = result.standing("CN04")
    assert s.card.line("WH2-主题党日").status == FAIL and not s.card.meets
    assert s.decertify == ["每月主题党日，固定日开展"] and not s.keeps
    assert (result.rates[0].count, result.rates[0].total) == (6, 10)
    assert s.entitlements[0] == "应取消标准化规范化党支部评定及相关待遇保障（CJ-4.1）"


def test_the_national_profile_has_no_targets(tmp_path: Path) -> None:
    result = assessed(load_repository(copy(tmp_path, "national")), 2026)
    assert [r.target for r in result.rates] == [None, None, None]
    card = result.standing("CN01").card
    assert card.line("WH2-生活会").status == "达标" and card.meets


def test_the_wuhua_profile_asks_for_half_yearly_life_meetings(tmp_path: Path) -> None:
    result = assessed(load_repository(copy(tmp_path, "wuhua")), 2026)
    s = result.standing("CN01")
    assert s.card.line("WH2-生活会").status == FAIL
    assert not s.keeps and "组织生活会、民主评议党员、委员民主生活会" in s.decertify
    assert [r.target for r in result.rates[:2]] == [90, 50]
