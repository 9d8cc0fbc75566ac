"""The real pre-commit tool on a record repository made by `dangjian init`, with dangjian
nowhere on PATH: the hook installs the pinned tool itself, refuses a bad commit, and
`pre-commit run --all-files` fails on broken committed records.

Two pinned sources: a local clone of this project at a tag (pre-commit clones it and uses its
.pre-commit-hooks.yaml), and the default, the wheel committed into the repository. pre-commit
installs the tool's dependencies from the package index pip is configured with. Slow: each
case builds a hook environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dangjian import __version__, wheelpack

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("git") is None or not (PROJECT / ".git").exists(),
                                 reason="git and a git checkout of the project are required")]


def git(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    ident = ["-c", "user.name=测试", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *ident, *args], cwd=cwd, capture_output=True, text=True, env=env)


def project_clone(target: Path) -> Path:
    """This project as it is in the work tree (committed or not), as a git repository tagged
    v<version>: what an office mirrors on its own GitLab."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT, capture_output=True, check=True).stdout
    for rel in filter(None, listed.decode().split("\0")):
        src, dst = PROJECT / rel, target / rel
        if not src.is_symlink() and not src.exists():
            continue  # deleted in the work tree
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst, follow_symlinks=False)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-qm", "dangjian", "--no-verify")
    git(target, "tag", f"v{__version__}")
    return target


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("sources")
    clone = project_clone(base / "dangjian")
    wheel = wheelpack.wheel_of("dangjian", base / "wheel")
    return {"git": f"git+file://{clone}@v{__version__}", "wheel": str(wheel)}


@pytest.mark.parametrize("kind", ["git", "wheel"])
def test_pre_commit_installs_the_pinned_tool_and_refuses_broken_records(kind, sources, tmp_path) -> None:
    repo = tmp_path / "台账"
    made = subprocess.run([sys.executable, "-m", "dangjian", "init", str(repo), "--no-hook",
                           "--tool-source", sources[kind]], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert made.returncode == 0, made.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), DANGJIAN_CACHE_DIR=str(tmp_path / "cache"),
               PATH=os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                    if p and Path(p).resolve() != BIN.resolve()))
    assert shutil.which("dangjian", path=env["PATH"]) is None  # nothing on PATH
    pre_commit = str(BIN / "pre-commit")
    installed = subprocess.run([pre_commit, "install"], cwd=repo, capture_output=True, text=True, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert (repo / ".git/hooks/pre-push").is_file()

    git(repo, "add", "-A", env=env)
    first = git(repo, "commit", "-qm", "新建台账", env=env)
    assert first.returncode == 0, first.stdout + first.stderr

    members = repo / "示例社区党支部" / "members.yaml"
    good = members.read_text(encoding="utf-8")
    members.write_text(good + "  - 编号: ZB01-004\n    姓名: [\n", encoding="utf-8")
    git(repo, "add", "-A", env=env)
    refused = git(repo, "commit", "-qm", "坏的提交", env=env)
    assert refused.returncode != 0
    assert "提交被拒绝" in refused.stdout + refused.stderr and "yaml-syntax" in refused.stdout + refused.stderr

    # Broken records committed past the hook: a commit-time run sees no staged change, --all-files fails.
    assert git(repo, "commit", "-qm", "绕过校验", "--no-verify", env=env).returncode == 0
    quiet = subprocess.run([pre_commit, "run"], cwd=repo, capture_output=True, text=True, env=env)
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    whole = subprocess.run([pre_commit, "run", "--all-files"], cwd=repo, capture_output=True, text=True, env=env)
    assert whole.returncode != 0 and "yaml-syntax" in whole.stdout, whole.stdout + whole.stderr
    # …and so does the push.
    remote = tmp_path / "remote.git"
    assert git(tmp_path, "init", "-q", "--bare", str(remote), env=env).returncode == 0
    pushed = git(repo, "push", "-q", str(remote), "HEAD:refs/heads/main", env=env)
    assert pushed.returncode != 0 and "yaml-syntax" in pushed.stdout + pushed.stderr, pushed.stdout + pushed.stderr
