"""The command line as CI and editors use it: formats, exit codes, git modes, init and hooks."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import BASE, make_repo

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
BROKEN = {  # two findings: an error and a warning, with characters that need escaping in annotations
    "B1/branch.yaml": (BASE / "B1/branch.yaml").read_text(encoding="utf-8")
    .replace("选举日期: 2024-03-15", "选举日期: 2019-03-15"),
    "B1/members.yaml": (BASE / "B1/members.yaml").read_text(encoding="utf-8").replace("党小组: 第一党小组\n    身份证号", "党小祖: 第一党小组\n    身份证号"),
}


@pytest.fixture
def broken(tmp_path) -> Path:
    return make_repo(tmp_path, BROKEN)


def test_clean_repository_exits_0(cli) -> None:
    result = cli("validate", BASE, "--as-of", "2026-10-31")
    assert result.exit_code == 0, result.output
    assert "没有发现问题" in result.output


@pytest.mark.parametrize("fmt", ["text", "parsable", "json", "sarif", "github", "gitlab"])
def test_exit_code_does_not_depend_on_format(cli, broken, fmt) -> None:
    assert cli("validate", broken, "--as-of", "2026-10-31", "--format", fmt).exit_code == 1


def test_parsable_line_format(cli, broken) -> None:
    out = cli("validate", broken, "--as-of", "2026-10-31", "-f", "parsable").output.splitlines()
    prefix = broken.as_posix()
    assert out == [
        f"{prefix}/B1/branch.yaml:10:9: 错误 [term-expired] 本届委员会任期已于 2024-03-15 届满，应按时换届（延期须报上级批准）"
        "（依据：XZ-2.2 《街道、社区基层党组织规范化建设细则》第四条；WH-1.6 《五化建设》“支部设置标准化”；"
        "CJ-2.1 《街道党支部标准化规范化创建项目推进方案》“二(一)”；XJ-3 《中国共产党基层组织选举工作条例》第三条）",
        f"{prefix}/B1/members.yaml:10:5: 警告 [unknown-key] 未知的键“党小祖”，是否想写“党小组”？",
    ]


def test_strict_fails_on_warnings(cli, tmp_path) -> None:
    root = make_repo(tmp_path, {"B1/members.yaml": BROKEN["B1/members.yaml"]})
    assert cli("validate", root, "--as-of", "2026-10-31").exit_code == 0
    assert cli("validate", root, "--as-of", "2026-10-31", "--strict").exit_code == 1


def test_select_and_ignore(cli, broken) -> None:
    only = cli("validate", broken, "--as-of", "2026-10-31", "-f", "parsable", "--select", "unknown-key")
    assert only.exit_code == 0 and "[unknown-key]" in only.output and "term-expired" not in only.output
    rest = cli("validate", broken, "--as-of", "2026-10-31", "-f", "parsable", "--ignore", "term-expired")
    assert rest.exit_code == 0 and "term-expired" not in rest.output


@pytest.mark.parametrize("args", [
    ["--format", "xml"], ["--as-of", "2026-13-01"], ["--select", "no-such-rule"], ["/no/such/path"],
])
def test_usage_errors_exit_2(cli, args) -> None:
    result = cli("validate", BASE, *args) if args[0].startswith("-") else cli("validate", *args)
    assert result.exit_code == 2


def test_directory_that_is_not_a_repository_exits_2(cli, tmp_path) -> None:
    result = cli("validate", tmp_path)
    assert result.exit_code == 2
    assert "dangjian.yaml" in result.output


def test_json_output(cli, broken) -> None:
    doc = json.loads(cli("validate", broken, "--as-of", "2026-10-31", "-f", "json").output)
    assert doc["version"] == 1 and doc["summary"]["errors"] == 1 and doc["summary"]["warnings"] == 1
    first = doc["findings"][0]
    assert (first["rule"], first["line"], first["column"], first["severity"]) == ("term-expired", 10, 9, "error")
    assert first["clauses"][0] == {"id": "XZ-2.2", "citation": "《街道、社区基层党组织规范化建设细则》第四条"}


def test_sarif_validates_against_the_2_1_0_schema(cli, broken) -> None:
    doc = json.loads(cli("validate", broken, "--as-of", "2026-10-31", "-f", "sarif").output)
    jsonschema.validate(doc, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    results = doc["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["term-expired", "unknown-key"]
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 10, "startColumn": 9}


def test_github_annotations_escape_properties_and_data() -> None:
    from dangjian.findings import Finding, Severity
    from dangjian.located import Loc
    from dangjian.output import github

    finding = Finding(Loc("a,b:c.yaml", 3, 4), "x-rule", Severity.WARNING, "50%\n下一行")
    assert github([finding], "") == (
        "::warning file=a%2Cb%3Ac.yaml,line=3,col=4,title=dangjian [x-rule]::50%25\\n下一行")  # a newline shows as \\n


def test_github_format_lines(cli, broken) -> None:
    lines = cli("validate", broken, "--as-of", "2026-10-31", "-f", "github").output.splitlines()
    assert lines[0].startswith("::error file=") and ",line=10,col=9,title=dangjian [term-expired]::" in lines[0]
    assert lines[1].startswith("::warning file=")


def test_gitlab_code_quality(cli, broken) -> None:
    items = json.loads(cli("validate", broken, "--as-of", "2026-10-31", "-f", "gitlab").output)
    assert [(i["check_name"], i["severity"], i["location"]["lines"]["begin"]) for i in items] == [
        ("term-expired", "major", 10), ("unknown-key", "minor", 10)]
    assert len({i["fingerprint"] for i in items}) == 2


def test_no_color_is_honoured(cli, broken, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\033[" not in cli("validate", broken, "--as-of", "2026-10-31").output


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_staged_reads_the_index_not_the_work_tree(cli, tmp_path, monkeypatch) -> None:
    root = make_repo(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    members = root / "B1/members.yaml"
    members.write_text(BROKEN["B1/members.yaml"], encoding="utf-8")
    git(root, "add", "B1/members.yaml")
    members.write_text((BASE / "B1/members.yaml").read_text(encoding="utf-8"), encoding="utf-8")  # fixed, unstaged
    monkeypatch.chdir(root)
    staged = cli("validate", "--staged", "--as-of", "2026-10-31", "-f", "parsable")
    assert "[unknown-key]" in staged.output
    assert "[unknown-key]" not in cli("validate", "--as-of", "2026-10-31", "-f", "parsable").output


def test_since_reports_only_changed_branches(cli, tmp_path, monkeypatch) -> None:
    root = make_repo(tmp_path, {"B2/branch.yaml": BROKEN["B1/branch.yaml"].replace("编号: B1", "编号: B2")})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    (root / "B1/members.yaml").write_text(BROKEN["B1/members.yaml"], encoding="utf-8")
    monkeypatch.chdir(root)
    out = cli("validate", "--since", "HEAD", "--as-of", "2026-10-31", "-f", "parsable").output
    assert "[unknown-key]" in out and "B2/" not in out


def test_rules_lists_and_explains(cli) -> None:
    listing = cli("rules")
    assert listing.exit_code == 0 and "branch-min-members" in listing.output
    one = cli("rules", "branch-min-members")
    assert "《街道、社区基层党组织规范化建设细则》第一条" in one.output and "违反的例子" in one.output
    assert cli("rules", "branch-min-member").exit_code == 2


def test_inline_suppression_needs_a_reason_and_is_listed(cli, tmp_path) -> None:
    branch = BROKEN["B1/branch.yaml"].replace("  选举日期: 2019-03-15", "  选举日期: 2019-03-15  # dangjian: ignore[term-expired] 经街道党工委批准延期换届")
    root = make_repo(tmp_path, {"B1/branch.yaml": branch})
    quiet = cli("validate", root, "--as-of", "2026-10-31")
    assert quiet.exit_code == 0, quiet.output
    assert "按注释忽略了 1 项" in quiet.output and "经街道党工委批准延期换届" in quiet.output
    doc = json.loads(cli("validate", root, "--as-of", "2026-10-31", "-f", "json").output)
    assert doc["suppressions"][0]["rule"] == "term-expired"
    bare = make_repo(tmp_path / "b", {"B1/branch.yaml": branch.replace(" 经街道党工委批准延期换届", "")})
    out = cli("validate", bare, "--as-of", "2026-10-31", "-f", "parsable").output
    assert "[term-expired]" in out and "[suppression-without-reason]" in out
