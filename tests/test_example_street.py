"""The example street in records/ is part of the product: it validates clean, and it shows
the rules working when it is broken (acceptance of the foundation issue)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE_STREET

RECORDS = EXAMPLE_STREET


@pytest.fixture
def street(tmp_path) -> Path:
    copy = tmp_path / "records"
    shutil.copytree(RECORDS, copy)
    return copy


def test_example_street_validates_clean(cli) -> None:
    result = cli("validate", RECORDS, "--strict")
    assert result.exit_code == 0, result.output
    assert "没有发现问题" in result.output


def test_example_street_has_what_the_brief_asks_for() -> None:
    from dangjian.loader import load_repository

    repo = load_repository(RECORDS)
    kinds = {b.info.kind for b in repo.branches}
    sectors = {b.info.sector for b in repo.branches}
    assert {"党支部", "联合党支部", "临时党支部", "党总支"} <= kinds
    assert {"社区", "机关", "事业单位", "非公企业"} <= sectors
    assert len(repo.branches) >= 8
    assert any(b.parent for b in repo.branches), "a 党总支 with sub-branches"
    assert sum(len(b.members) for b in repo.branches) >= 150
    for b in repo.branches:
        years = {m.date.year for m in b.meetings}
        assert {2025, 2026} <= years, b.id
        assert max(m.date for m in b.meetings).month == 10


def test_branch_with_two_full_members_is_flagged_at_its_kind(cli, street) -> None:
    members = street / "CN05" / "members.yaml"
    entries = members.read_text(encoding="utf-8").split("\n  - 编号: ")
    members.write_text("\n  - 编号: ".join(entries[:3]) + "\n", encoding="utf-8")  # header + 2 members
    branch_lines = (street / "CN05" / "branch.yaml").read_text(encoding="utf-8").splitlines()
    kind_line = next(i for i, line in enumerate(branch_lines, 1) if line.startswith("类型:"))

    result = cli("validate", street, "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.output)
    hits = [f for f in doc["findings"] if f["rule"] == "branch-min-members"]
    assert len(hits) == 1
    (hit,) = hits
    assert hit["path"].endswith("CN05/branch.yaml") and (hit["line"], hit["column"]) == (kind_line, 5)
    cited = {c["id"] for c in hit["clauses"]}
    assert {"XZ-1.1", "WH-1.1"} <= cited
    assert "2 名正式党员" in hit["message"]


def test_unreadable_files_do_not_hide_each_other(cli, street) -> None:
    (street / "CN01" / "members.yaml").write_bytes(
        (RECORDS / "CN01" / "members.yaml").read_text(encoding="utf-8").encode("gbk"))
    (street / "CN02" / "talks" / "2026.yaml").write_text("谈话:\n  - 日期: 2026-01-05\n    谈话人: \"未闭合\n",
                                                        encoding="utf-8")
    meetings = street / "CN03" / "meetings" / "2026.yaml"
    meetings.write_text(meetings.read_text(encoding="utf-8").replace("会议:\n", "会议:\n会议:\n", 1), encoding="utf-8")
    out = cli("validate", street, "-f", "parsable").output
    assert "CN01/members.yaml:1:3: 错误 [file-encoding]" in out and "GBK" in out
    assert "CN02/talks/2026.yaml:3:" in out and "[yaml-syntax]" in out
    assert "[duplicate-key]" in out and "CN03/meetings/2026.yaml" in out


@pytest.mark.parametrize("profile", ["national", "xz", "wuhua", "zw"])
def test_example_street_under_each_profile(profile, update_goldens) -> None:
    """xz (the street's own rulebook) and national are clean; under wuhua and zw the findings are
    intended and kept in a golden file — the example street holds its 组织生活会 once a year as xz
    allows, and wuhua wants one every half year; its 光明社区党总支 (CN08) is an urban 党总支 whose
    committee does not seat its sub-branches' secretaries, which the town's rules (zw, ZW-1) ask."""
    import datetime as dt

    from conftest import check_golden
    from dangjian.engine import run
    from dangjian.loader import load_repository

    repo = load_repository(RECORDS)
    repo.config.profile = profile
    lines = [f"{f.loc.path}:{f.loc.line}:{f.loc.col} {f.severity.label} [{f.rule}] {f.message}"
             for f in run(repo, dt.date(2026, 10, 31))]
    golden = Path(__file__).parent / "golden" / "profiles" / f"{profile}.txt"
    check_golden(golden, "\n".join(lines) + "\n" if lines else "", update_goldens)
    if profile in ("national", "xz"):
        assert lines == []
