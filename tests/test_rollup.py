"""`dangjian rollup`: a district view from three generated streets' summaries, without records."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from dangjian.district import SUMMARY_FORMAT, SUMMARY_VERSION

pytestmark = pytest.mark.slow

GENERATE = Path(__file__).resolve().parent.parent / "bench" / "generate.py"
STREETS = {1: "中共城南街道工作委员会", 2: "中共城北街道工作委员会", 3: "中共江东街道工作委员会"}


def dangjian(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dangjian", *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def summaries(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    base = tmp_path_factory.mktemp("streets")
    out = base / "汇总"
    out.mkdir()
    repos = {}
    for seed, name in STREETS.items():
        repo = base / f"street{seed}"
        subprocess.run([sys.executable, str(GENERATE), "--branches", "2", "--seed", str(seed), "--out", str(repo)],
                       check=True, capture_output=True)
        config = repo / "dangjian.yaml"
        config.write_text(re.sub(r"组织名称: .*", f"组织名称: {name}", config.read_text(encoding="utf-8")),
                          encoding="utf-8")
        done = dangjian("assess", repo, "--format", "json", "-o", out / f"{seed}.json")
        assert done.returncode == 0, done.stderr
        repos[name] = repo
    return out, repos


def test_rollup_builds_the_district_table_and_dashboard(summaries, tmp_path) -> None:
    folder, _repos = summaries
    district = tmp_path / "区"
    done = dangjian("rollup", f"{folder}/*.json", "-o", district, "--name", "东湖区")  # the pattern expanded here
    assert done.returncode == 0, done.stderr
    table = (district / "汇总.md").read_text(encoding="utf-8")
    for name in STREETS.values():
        assert f"| {name} |" in table and name in (district / "index.html").read_text(encoding="utf-8")
    data = json.loads((district / "汇总.json").read_text(encoding="utf-8"))
    streets = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    assert data["totals"]["streets"] == 3
    assert data["totals"]["members"] == sum(s["totals"]["members"] for s in streets)
    assert data["totals"]["organisations"] == sum(s["totals"]["organisations"] for s in streets)
    due = sum(Decimal(s["totals"]["due"]) for s in streets)
    assert Decimal(data["totals"]["due"]) == due


def test_summaries_are_versioned_and_hold_no_personal_data(summaries) -> None:
    folder, repos = summaries
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert (data["format"], data["format_version"]) == (SUMMARY_FORMAT, SUMMARY_VERSION)
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\d{17}[\dXx]|1[3-9]\d{9}", text)  # no ID or mobile numbers
        repo = repos[data["street"]]
        names = set()
        for members in repo.rglob("members.yaml"):
            names.update(re.findall(r"姓名: (\S+)", members.read_text(encoding="utf-8")))
        assert names and not [n for n in names if n in text]


def test_rollup_refuses_what_is_not_a_summary(summaries, tmp_path) -> None:
    folder, _repos = summaries
    other = tmp_path / "别的.json"
    other.write_text('{"version": 1}', encoding="utf-8")
    done = dangjian("rollup", folder / "1.json", other, "-o", tmp_path / "区")
    assert done.returncode == 2 and "别的.json" in done.stderr and "不是街道汇总" in done.stderr
    newer = tmp_path / "新版.json"
    data = json.loads((folder / "1.json").read_text(encoding="utf-8"))
    newer.write_text(json.dumps({**data, "format_version": SUMMARY_VERSION + 1}, ensure_ascii=False), encoding="utf-8")
    done = dangjian("rollup", newer, "-o", tmp_path / "区")
    assert done.returncode == 2 and "格式版本" in done.stderr
    twice = dangjian("rollup", folder / "1.json", folder / "1.json", "-o", tmp_path / "区")
    assert twice.returncode == 2 and "只能给一份" in twice.stderr
    assert not (tmp_path / "区").exists()


@pytest.mark.parametrize("due", ["NaN", "1e999999", "-5", "Infinity"])
def test_rollup_reads_the_totals_by_the_money_rule(summaries, tmp_path, due: str) -> None:
    folder, _repos = summaries
    data = json.loads((folder / "1.json").read_text(encoding="utf-8"))
    data["totals"]["due"] = due
    edited = tmp_path / "改过.json"
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    done = dangjian("rollup", edited, folder / "2.json", "-o", tmp_path / "区")
    assert done.returncode == 2 and "改过.json" in done.stderr and "金额" in done.stderr and "Traceback" not in done.stderr
