"""`dangjian assess --at REV` and `--trend`: the figures from the records as they stood at earlier
commits of a temporary git repository built commit by commit (nothing is checked out)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BASE

CERT = "创建评定:\n  - {年度: 2025, 等级: 标准化规范化党支部}\n"
CANCELLED = "创建评定:\n  - {年度: 2025, 等级: 标准化规范化党支部, 取消日期: 2026-10-20, 取消原因: 台账检查发现问题}\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str, when: str | None = None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="测试", GIT_AUTHOR_EMAIL="test@example.invalid",
               GIT_COMMITTER_NAME="测试", GIT_COMMITTER_EMAIL="test@example.invalid")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """B1 without a certification (November 2026), certified (December), then cancelled (February 2027);
    the last commit of December is made at 23:30 UTC on 30 November, which is December in Beijing."""
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    config = root / "dangjian.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "记录截至: 2026-10-31\n", encoding="utf-8")
    branch = root / "B1" / "branch.yaml"
    base = branch.read_text(encoding="utf-8")
    git(root, "init", "-q")
    shas = {}
    for label, text, when in (("none", base, "2026-11-05T10:00:00+08:00"),
                              ("certified", base + CERT, "2026-11-30T23:30:00+00:00"),
                              ("cancelled", base + CANCELLED, "2027-02-10T09:00:00+08:00")):
        branch.write_text(text, encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", label, when=when)
        shas[label] = git(root, "rev-parse", "HEAD").strip()
    (root / "B1" / "branch.yaml").write_text(base + CERT, encoding="utf-8")  # uncommitted: never seen by history
    return root, shas


def test_trend_gives_one_figure_per_month_from_real_commits(cli, history) -> None:
    root, shas = history
    result = cli("assess", root, "--trend", "--months", "6", "--as-of", "2027-02-15", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["months"]
    got = [(r["month"], r["commit"], r["carried"], r["standard"]["count"], r["standard"]["total"]) for r in rows]
    assert got == [("2026-11", shas["none"][:10], False, 0, 1),
                   ("2026-12", shas["certified"][:10], False, 1, 1),
                   ("2027-01", shas["certified"][:10], True, 1, 1),
                   ("2027-02", shas["cancelled"][:10], False, 0, 1)]
    assert {r["as_of"] for r in rows} == {"2026-10-31"}, "each revision's own 记录截至 caps its checking day"
    assert rows[1]["standard"]["target"] == "90%以上"


def test_trend_as_a_table(cli, history) -> None:
    root, _shas = history
    out = cli("assess", root, "--trend", "--months", "4", "--as-of", "2027-02-15").stdout
    assert "逐月趋势" in out and "（沿用）" in out and out.count("\n2026-1") == 2


def test_at_a_revision_reads_that_revision(cli, history) -> None:
    root, shas = history
    before = json.loads(cli("assess", root, "--at", shas["certified"], "--format", "json", "--as-of", "2027-02-15").stdout)
    now = json.loads(cli("assess", root, "--at", "HEAD", "--format", "json", "--as-of", "2027-02-15").stdout)
    assert before["rates"][0]["count"] == 1 and before["revision"] == shas["certified"]
    assert now["rates"][0]["count"] == 0
    assert (root / "B1" / "branch.yaml").read_text(encoding="utf-8").endswith(CERT), "the work tree is untouched"


def test_unknown_revision_and_no_git_are_usage_errors(cli, history, tmp_path: Path) -> None:
    root, _shas = history
    bad = cli("assess", root, "--at", "no-such-rev")
    assert bad.exit_code == 2 and "没有版本“no-such-rev”" in bad.output
    plain = tmp_path / "plain"
    shutil.copytree(BASE, plain)
    inside = subprocess.run(["git", "rev-parse"], cwd=plain, capture_output=True).returncode == 0
    if inside:
        pytest.skip("the temporary directory lies inside a git work tree on this machine")
    result = cli("assess", plain, "--trend", "--as-of", "2026-11-22")
    assert result.exit_code == 2 and "不在 git 仓库中" in result.output
