"""The generated CI files and pre-commit configuration are valid by their published schemas
(check-jsonschema's vendored GitLab CI and GitHub workflow schemas; Gitea/Forgejo Actions use
the GitHub syntax) and by pre-commit's own validator, for every kind of tool source."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dangjian import ci_files, pin
from dangjian.setup_files import dependencies

BIN = Path(sys.executable).parent
PINS = {
    "wheel": pin.wheel_pin(Path("dangjian-0.1.0-py3-none-any.whl"), "0.1.0"),
    "git": pin.parse_source("git+https://git.example.org/dj/dangjian.git@v0.1.0", "0.1.0"),
    "index": pin.parse_source("dangjian==0.1.0", "0.1.0"),
}


def check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / args[0]), *args[1:]], capture_output=True, text=True)


@pytest.mark.parametrize("kind", sorted(PINS))
def test_generated_files_pass_their_schemas(kind, tmp_path) -> None:
    made = PINS[kind]
    files = {
        "gitlab-main.yml": ci_files.gitlab_main(),
        "gitlab-jobs.yml": ci_files.gitlab_jobs(made),
        "gitea.yaml": ci_files.actions_workflow(made),
        "github.yaml": ci_files.actions_workflow(made, github=True),
        ".pre-commit-config.yaml": ci_files.pre_commit_config(made, dependencies()),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    gitlab = check("check-jsonschema", "--builtin-schema", "vendor.gitlab-ci",
                   str(tmp_path / "gitlab-main.yml"), str(tmp_path / "gitlab-jobs.yml"))
    assert gitlab.returncode == 0, gitlab.stdout + gitlab.stderr
    actions = check("check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                    str(tmp_path / "gitea.yaml"), str(tmp_path / "github.yaml"))
    assert actions.returncode == 0, actions.stdout + actions.stderr
    config = check("pre-commit", "validate-config", str(tmp_path / ".pre-commit-config.yaml"))
    assert config.returncode == 0, config.stdout + config.stderr
    assert made.requirement in files["gitlab-jobs.yml"] and f"dangjian-{made.version}" in files["gitlab-jobs.yml"]


def test_a_broken_file_fails_the_schema_check(tmp_path) -> None:
    """The lint above can fail: a job with a misspelt keyword is rejected."""
    bad = tmp_path / "bad.yml"
    bad.write_text(ci_files.gitlab_jobs(PINS["index"]).replace("  script:", "  scirpt:", 1), encoding="utf-8")
    assert check("check-jsonschema", "--builtin-schema", "vendor.gitlab-ci", str(bad)).returncode != 0


def test_project_hook_manifest_is_valid() -> None:
    manifest = Path(__file__).parent.parent / ".pre-commit-hooks.yaml"
    done = check("pre-commit", "validate-manifest", str(manifest))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is required")
def test_whole_repository_or_staged_state(tmp_path, monkeypatch) -> None:
    from dangjian.commands import hook_cmd

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("x: 1\n", encoding="utf-8")
    subprocess.run(["git", "add", "a.yaml"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PRE_COMMIT_FROM_REF", raising=False)
    monkeypatch.delenv("PRE_COMMIT_TO_REF", raising=False)
    assert not hook_cmd.whole_repository([])  # a plain git hook
    assert not hook_cmd.whole_repository(["a.yaml"])  # a commit: only staged files
    assert hook_cmd.whole_repository(["a.yaml", "b.yaml"])  # --all-files
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "abc")
    assert hook_cmd.whole_repository(["a.yaml"])  # pre-push
