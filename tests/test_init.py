"""`dangjian init` and `dangjian upgrade`: a new repository, an existing one kept intact, the
pinned tool, the git hook (core.hooksPath included) and the version check in validate."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dangjian import __version__, pin

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is required")

INDEX_SOURCE = f"dangjian=={__version__}"  # no wheel to build: these tests are about the files


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)


def dangjian(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dangjian", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, stdin=subprocess.DEVNULL)


def break_members(repo: Path) -> None:
    members = repo / "示例社区党支部" / "members.yaml"
    text = members.read_text(encoding="utf-8")
    members.write_text(text + "  - 编号: ZB01-004\n    姓名: [\n", encoding="utf-8")  # broken YAML


def test_new_repository_writes_start_pin_ci_and_a_hook_that_refuses(tmp_path) -> None:
    repo = tmp_path / "台账"
    done = dangjian("init", repo, "--start", "2026-11-01", "--tool-source", INDEX_SOURCE)
    assert done.returncode == 0, done.stderr
    assert "记录起始: 2026-11-01" in (repo / "dangjian.yaml").read_text(encoding="utf-8")
    assert pin.read(repo) == pin.Pin(__version__, pin.KIND_INDEX, INDEX_SOURCE)
    for name in (".gitlab-ci.yml", ".dangjian/gitlab-ci.yml", ".gitea/workflows/dangjian.yaml",
                 ".pre-commit-config.yaml", ".dangjian/schemas/members.json"):
        assert (repo / name).is_file(), name
    assert not (repo / ".github").exists()  # an overseas platform only on request
    assert git(repo, "add", "-A").returncode == 0
    assert git(repo, "commit", "-qm", "新建台账", "--no-verify").returncode == 0
    break_members(repo)
    git(repo, "add", "-A")
    refused = git(repo, "commit", "-qm", "坏的提交")
    assert refused.returncode != 0
    assert "提交被拒绝" in refused.stderr and "yaml-syntax" in refused.stdout + refused.stderr
    assert git(repo, "log", "--oneline").stdout.count("\n") == 1


def test_start_defaults_to_the_first_of_the_month_and_rejects_bad_dates(tmp_path) -> None:
    from dangjian.context import clock

    repo = tmp_path / "r"
    assert dangjian("init", repo, "--tool-source", INDEX_SOURCE).returncode == 0
    first = clock().replace(day=1).isoformat()
    assert f"记录起始: {first}" in (repo / "dangjian.yaml").read_text(encoding="utf-8")
    bad = dangjian("init", tmp_path / "s", "--start", "2026-13-01", "--tool-source", INDEX_SOURCE)
    assert bad.returncode == 2 and "--start" in bad.stderr and not (tmp_path / "s").exists()


def test_github_workflow_only_on_request_with_the_hosting_warning(tmp_path) -> None:
    repo = tmp_path / "r"
    assert dangjian("init", repo, "--ci", "github", "--tool-source", INDEX_SOURCE).returncode == 0
    text = (repo / ".github/workflows/dangjian.yaml").read_text(encoding="utf-8")
    assert "境外" in text and "个人信息" in text
    assert not (repo / ".gitlab-ci.yml").exists()


def existing_repository(tmp_path: Path) -> Path:
    """A repository with its own .gitignore, CI file, pre-commit config and a hook in core.hooksPath."""
    repo = tmp_path / "existing"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".gitignore").write_text("*.bak\nout/\n", encoding="utf-8")
    (repo / ".gitlab-ci.yml").write_text("# 本单位的任务\nlint:\n  script:\n    - echo 本单位检查\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        "# 已有的钩子\nrepos:\n  - repo: local\n    hooks:\n      - id: mine\n        name: 我的检查\n"
        "        entry: 'true'\n        language: system\n", encoding="utf-8")
    hooks = repo / ".githooks"
    hooks.mkdir()
    (hooks / "pre-commit").write_text("#!/bin/sh\necho 本单位钩子运行 >> hook.log\n", encoding="utf-8")
    (hooks / "pre-commit").chmod(0o755)
    git(repo, "config", "core.hooksPath", ".githooks")
    return repo


def test_existing_repository_keeps_its_files_and_hooks_and_still_blocks(tmp_path) -> None:
    repo = existing_repository(tmp_path)
    done = dangjian("init", repo, "--tool-source", INDEX_SOURCE)
    assert done.returncode == 0, done.stderr
    assert (repo / ".gitignore").read_text(encoding="utf-8").startswith("*.bak\nout/\n")
    assert ".dangjian-cache/" in (repo / ".gitignore").read_text(encoding="utf-8")
    ci = (repo / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert "# 本单位的任务" in ci and "echo 本单位检查" in ci and "local: .dangjian/gitlab-ci.yml" in ci
    config = (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "# 已有的钩子" in config and "id: mine" in config and "dangjian-validate" in config
    hook = (repo / ".githooks/pre-commit").read_text(encoding="utf-8")
    assert "本单位钩子运行" in hook and "dangjian hook" in hook
    assert not (repo / ".git/hooks/pre-commit").exists()
    git(repo, "add", "-A")
    assert git(repo, "commit", "-qm", "加入 dangjian").returncode == 0
    assert (repo / "hook.log").is_file()  # their hook still runs
    break_members(repo)
    git(repo, "add", "示例社区党支部")
    refused = git(repo, "commit", "-qm", "坏的提交")
    assert refused.returncode != 0 and "提交被拒绝" in refused.stderr
    # Running init again changes nothing and adds no second copy of the hook.
    again = dangjian("init", repo, "--tool-source", INDEX_SOURCE)
    assert again.returncode == 0, again.stderr
    assert (repo / ".githooks/pre-commit").read_text(encoding="utf-8").count("dangjian hook") == 1


def test_a_changed_own_file_is_shown_as_a_diff_and_replaced_only_with_force(tmp_path) -> None:
    repo = tmp_path / "r"
    assert dangjian("init", repo, "--tool-source", INDEX_SOURCE).returncode == 0
    workflow = repo / ".gitea/workflows/dangjian.yaml"
    workflow.write_text("# 改过的\n", encoding="utf-8")
    refused = dangjian("init", repo, "--tool-source", INDEX_SOURCE)
    assert refused.returncode == 1
    assert "+++ .gitea/workflows/dangjian.yaml（dangjian 生成）" in refused.stderr and "--force" in refused.stderr
    assert workflow.read_text(encoding="utf-8") == "# 改过的\n"
    assert dangjian("init", repo, "--tool-source", INDEX_SOURCE, "--force").returncode == 0
    assert "台账校验" in workflow.read_text(encoding="utf-8")


def test_no_repository_inside_another(tmp_path) -> None:
    outer = tmp_path / "outer"
    outer.mkdir()
    git(outer, "init", "-q")
    done = dangjian("init", outer / "台账", "--tool-source", INDEX_SOURCE)
    assert done.returncode == 2 and "已有的 git 仓库" in done.stderr
    assert not (outer / "台账").exists()


def test_hook_steps_aside_when_pre_commit_takes_over(tmp_path) -> None:
    """`pre-commit install` renames our hook to pre-commit.legacy; it must not check twice."""
    repo = tmp_path / "r"
    assert dangjian("init", repo, "--tool-source", INDEX_SOURCE).returncode == 0
    break_members(repo)
    git(repo, "add", "-A")
    hook = repo / ".git/hooks/pre-commit"
    legacy = hook.with_name("pre-commit.legacy")
    hook.rename(legacy)
    assert subprocess.run([str(legacy)], cwd=repo, capture_output=True).returncode == 0
    legacy.rename(hook)
    assert subprocess.run([str(hook)], cwd=repo, capture_output=True).returncode == 1


def test_validate_warns_when_the_pinned_version_differs(tmp_path) -> None:
    repo = tmp_path / "r"
    assert dangjian("init", repo, "--tool-source", INDEX_SOURCE).returncode == 0
    (repo / pin.PIN_FILE).write_text("版本: 0.0.9\n来源: 软件源\n安装: 'dangjian==0.0.9'\n", encoding="utf-8")
    done = dangjian("validate", repo)
    assert "0.0.9" in done.stderr and __version__ in done.stderr and "警告" in done.stderr
    upgraded = dangjian("upgrade", repo, "--tool-source", INDEX_SOURCE)
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"0.0.9 → {__version__}" in upgraded.stdout and "规则变更" in upgraded.stdout
    assert pin.read(repo).version == __version__
    assert "警告" not in dangjian("validate", repo).stderr


@pytest.mark.parametrize(("source", "kind", "requirement"), [
    ("git+https://git.example.org/dj/dangjian.git@v0.1.0", pin.KIND_GIT, "git+https://git.example.org/dj/dangjian.git@v0.1.0"),
    ("https://git.example.org/dj/dangjian.git@v0.1.0", pin.KIND_GIT, "git+https://git.example.org/dj/dangjian.git@v0.1.0"),
    ("dangjian==0.1.0", pin.KIND_INDEX, "dangjian==0.1.0"),
    ("git+ssh://git@git.example.org/dj/dangjian.git@3f2a9c1", pin.KIND_GIT,
     "git+ssh://git@git.example.org/dj/dangjian.git@3f2a9c1"),
])
def test_tool_sources(source, kind, requirement) -> None:
    made = pin.parse_source(source, "0.1.0")
    assert (made.kind, made.requirement, made.version) == (kind, requirement, "0.1.0")


@pytest.mark.parametrize("source", ["git+https://git.example.org/dj/dangjian.git", "dangjian>=0.1", "dangjian"])
def test_tool_sources_without_an_exact_version_are_refused(source) -> None:
    with pytest.raises(pin.PinError):
        pin.parse_source(source, "0.1.0")
