"""The four ways the cache used to go stale (issue "one truth per fact", item 1): after each
edit a warm run must print exactly what a run without the cache prints."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE_STREET
from dangjian.commands.validate import fast_main

RECORDS = EXAMPLE_STREET
DAY = "2026-10-31"


@pytest.fixture
def street(tmp_path, monkeypatch) -> Path:
    """dangjian.yaml and two branches of the example street, with a private cache."""
    root = tmp_path / "r"
    root.mkdir()
    shutil.copy(RECORDS / "dangjian.yaml", root / "dangjian.yaml")
    for branch in ("CN01", "CN02"):
        shutil.copytree(RECORDS / branch, root / branch)
    monkeypatch.setenv("DANGJIAN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(root)
    return root


def findings(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "out.txt"
    fast_main(["--as-of", DAY, "-f", "parsable", "-o", str(out), *args])
    return out.read_text(encoding="utf-8").strip()


def warm_and_cold(tmp_path: Path) -> tuple[str, str]:
    return findings(tmp_path), findings(tmp_path, "--no-cache")


def edit_config(root: Path, old: str, new: str) -> None:
    path = root / "dangjian.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_profile_change_is_seen(street, tmp_path) -> None:
    assert warm_and_cold(tmp_path) == ("", "")
    edit_config(street, "规则集: xz", "规则集: wuhua")
    warm, cold = warm_and_cold(tmp_path)
    assert warm == cold and "life-meeting-cadence" in cold


def test_rule_levels_and_parameters_are_seen(street, tmp_path) -> None:
    edit_config(street, "规则集: xz", "规则集: wuhua")
    before = findings(tmp_path)
    assert "life-meeting-cadence" in before
    with (street / "dangjian.yaml").open("a", encoding="utf-8") as fh:
        fh.write("规则级别:\n  life-meeting-cadence: 提示\n")
    warm, cold = warm_and_cold(tmp_path)
    assert warm == cold and warm != before and "life-meeting-cadence" in cold
    edit_config(street, "life-meeting-cadence: 提示", "life-meeting-cadence: 关闭")
    warm, cold = warm_and_cold(tmp_path)
    assert warm == cold and "life-meeting-cadence" not in cold
    with (street / "dangjian.yaml").open("a", encoding="utf-8") as fh:
        fh.write("参数:\n  支部一般最多党员: 5\n")
    warm, cold = warm_and_cold(tmp_path)
    assert warm == cold and "org-kind-by-size" in cold


def test_a_new_holiday_file_is_seen(street, tmp_path) -> None:
    assert warm_and_cold(tmp_path) == ("", "")
    (street / "holidays").mkdir()
    (street / "holidays/2026.yaml").write_text(
        "年度: 2026\n依据: 虚构的地方节日\n方式: 补充\n放假:\n"
        "  - {名称: 地方节日, 开始: 2026-09-10, 结束: 2026-09-10}\n", encoding="utf-8")
    warm, cold = warm_and_cold(tmp_path)
    assert warm == cold and "theme-day-off-schedule" in cold
    shutil.rmtree(street / "holidays")
    assert warm_and_cold(tmp_path) == ("", "")


def test_one_branch_plan_is_seen_by_the_others(street, tmp_path, cli) -> None:
    assert warm_and_cold(tmp_path) == ("", "")
    assert cli("schedule", str(street), "--branch", "CN01", "--year", "2026", "--write").exit_code == 0
    assert (street / "CN01/plan/2026.yaml").is_file()
    warm, cold = warm_and_cold(tmp_path)
    assert warm == cold and "CN02/" in cold and "plan-missing" in cold
