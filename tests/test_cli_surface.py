"""The command line's small promises: Chinese report kind names, and no silent example street
outside a record repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_report_fixture import report_repo

from dangjian.report import kinds
from dangjian.report.names import KIND_NAMES, kind_id


def test_every_kind_has_chinese_names_and_no_name_is_shared() -> None:
    assert set(KIND_NAMES) == set(kinds.KINDS)
    names = [n for ns in KIND_NAMES.values() for n in ns]
    assert len(names) == len(set(names)) and all(kind_id(n) for n in names)
    for kind, title in ((k, v.title) for k, v in kinds.KINDS.items()):
        assert kind_id(title) == kind, title  # the title printed on a report names its kind too
    assert kind_id("monthly") == "monthly" and kind_id("周报") is None


def test_report_help_lists_the_chinese_names(cli) -> None:
    out = cli("report", "--help").output
    assert all(names[0] in out and kind in out for kind, names in KIND_NAMES.items())


@pytest.mark.parametrize(("chinese", "kind"), [("月报", "monthly"), ("党员名册", "roster"), ("年度工作报告", "annual")])
def test_report_takes_a_chinese_kind_name(cli, tmp_path: Path, chinese: str, kind: str) -> None:
    repo = report_repo(tmp_path)
    period = ["--month", "2026-10"] if kind == "monthly" else ["--year", "2025"] if kind == "annual" else []
    by_name = cli("report", chinese, repo, "--branch", "B1", *period, "-o", tmp_path / "a")
    by_id = cli("report", kind, repo, "--branch", "B1", *period, "-o", tmp_path / "b")
    assert by_name.exit_code == 0 and by_id.exit_code == 0, by_name.output
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files and files == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_an_unknown_kind_lists_the_chinese_names(cli, tmp_path: Path) -> None:
    result = cli("report", "周报", report_repo(tmp_path))
    assert result.exit_code == 2 and "未知的报告种类“周报”" in result.output and "月报（monthly）" in result.output


@pytest.mark.parametrize("args", [["tree"], ["config", "show"], ["site"], ["validate"], ["assess"],
                                  ["schedule"], ["dues", "status", "--month", "2026-10"]])
def test_outside_a_record_repository_commands_say_so(cli, tmp_path: Path, monkeypatch, args) -> None:
    """No dangjian.yaml here or above: exit 2 with a Chinese message, never the example street."""
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert "当前目录不在台账记录库中" in result.output and "dangjian.yaml" in result.output
    assert not any(tmp_path.iterdir())  # nothing written (site would make out/site)


def test_a_subdirectory_of_a_record_repository_finds_it(cli, tmp_path: Path, monkeypatch) -> None:
    repo = report_repo(tmp_path)
    monkeypatch.chdir(repo / "B1")
    result = cli("tree")
    assert result.exit_code == 0 and "B1" in result.output
