"""The package as a street office gets it: build the wheel, install it into a fresh virtual
environment with no index (dependencies packed from this environment), and run every command
from an empty directory. Slow (a venv and a wheel), so it shares one install per session."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from dangjian import __version__, wheelpack
from dangjian.context import clock

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="git is required")]


def _closure(name: str, seen: set[str], extras: frozenset[str] = frozenset()) -> None:
    """NAME and its runtime dependencies, as installed here (markers evaluated for this Python)."""
    from packaging.requirements import Requirement

    key = (re.sub(r"[-_.]+", "-", name).lower(), extras)
    if key in seen:
        return
    seen.add(key)
    for text in metadata.requires(name) or []:
        req = Requirement(text)
        if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in (*extras, "")):
            _closure(req.name, seen, frozenset(req.extras))


@pytest.fixture(scope="session")
def wheel_env(tmp_path_factory) -> tuple[Path, Path]:
    """(the built dangjian wheel, a fresh venv with it installed offline)."""
    base = tmp_path_factory.mktemp("wheel")
    wheels = base / "wheels"
    built = wheelpack.wheel_of("dangjian", wheels)
    deps: set = set()
    _closure("dangjian", deps)
    for name in sorted({name for name, _extras in deps} - {"dangjian"}):
        wheelpack.wheel_of(name, wheels)
    env = base / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-index", "--find-links", str(wheels),
                           str(built)], capture_output=True, text=True, env=_clean_env(base))
    assert done.returncode == 0, done.stdout + done.stderr
    return built, env


def _clean_env(base: Path) -> dict[str, str]:
    """No PYTHONPATH or virtualenv of the test run; a private cache and home."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")}
    home = base / "home"
    home.mkdir(exist_ok=True)
    keep.update(HOME=str(home), DANGJIAN_CACHE_DIR=str(base / "cache"), PIP_NO_INDEX="1",
                PATH=os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                                     if p and not p.startswith(sys.prefix)))
    return keep


def test_wheel_holds_templates_docs_schemas_and_licence(wheel_env) -> None:
    built, _env = wheel_env
    names = set(zipfile.ZipFile(built).namelist())
    for needed in ("dangjian/templates/monthly.md.j2", "dangjian/templates/monthly.docx", "dangjian/docs/records.md",
                   "dangjian/docs/changelog.md", "dangjian/schemas/members.json", "dangjian/data/clauses.json",
                   f"dangjian-{__version__}.dist-info/licenses/LICENSE"):
        assert needed in names, needed
    meta = zipfile.ZipFile(built).read(f"dangjian-{__version__}.dist-info/METADATA").decode()
    assert "Project-URL: Changelog" in meta and "Classifier: Natural Language :: Chinese (Simplified)" in meta


def test_every_command_works_from_the_wheel_in_an_empty_directory(wheel_env, tmp_path) -> None:
    built, env = wheel_env
    tool = env / "bin" / "dangjian"
    work = tmp_path / "空目录"
    work.mkdir()
    clean = _clean_env(tmp_path)

    def run(*args: str, cwd: Path = work, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
        done = subprocess.run([str(tool), *args], cwd=cwd, capture_output=True, text=True, env=clean,
                              stdin=subprocess.DEVNULL)
        assert done.returncode in ok, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr, done.stderr
        return done

    assert run("--version").stdout.strip() == f"dangjian {__version__}"
    run("init", "街道")  # default source: the running version's wheel, packed from this install
    repo = work / "街道"
    committed = repo / ".dangjian" / "tool" / built.name
    assert sorted(zipfile.ZipFile(committed).namelist()) == sorted(zipfile.ZipFile(built).namelist())
    run("validate", cwd=repo)
    run("validate", "--format", "json", cwd=repo)
    out = work / "报告"
    run("report", "monthly", "--all", "--format", "md,docx", "-o", str(out), cwd=repo)
    assert list(out.rglob("*.md")) and list(out.rglob("*.docx"))
    run("schedule", "--all", cwd=repo)
    run("assess", cwd=repo)
    run("site", "-o", str(work / "站点"), cwd=repo)
    assert (work / "站点" / "index.html").is_file()
    for args in (("rules",), ("rules", "branch-min-members"), ("tree",), ("config", "show"),
                 ("dues", "status", "--month", clock().strftime("%Y-%m")),
                 ("report", "monthly", "--list-templates")):
        run(*args, cwd=repo)
    assert "records" in run("docs").stdout
    assert "记录起始" in run("docs", "records").stdout


def test_generated_gitlab_jobs_run_green_in_a_repository_made_by_init(wheel_env, tmp_path) -> None:
    """The script lines of the generated GitLab jobs, run as a runner would in a fresh clone:
    install the pinned (committed) wheel, validate, render the monthly reports, write the summary.
    Dependencies come from the package index pip is configured with; here that is the wheels
    packed from this environment (PIP_NO_INDEX + PIP_FIND_LINKS), so the test needs no network."""
    from ruamel.yaml import YAML

    built, _env = wheel_env
    repo = tmp_path / "街道"
    made = subprocess.run([sys.executable, "-m", "dangjian", "init", str(repo), "--tool-source", str(built)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert made.returncode == 0, made.stderr
    git = ["git", "-c", "user.name=测试", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "新建台账", "--no-verify"], cwd=repo, check=True)
    base_sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()

    jobs = YAML(typ="safe").load((repo / ".dangjian/gitlab-ci.yml").read_text(encoding="utf-8"))
    template = jobs[".dangjian"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(sys.executable)
    env = _clean_env(tmp_path)
    env.update(PATH=os.pathsep.join([str(bin_dir), env["PATH"]]), PIP_NO_INDEX="1", PIP_FIND_LINKS=str(built.parent),
               CI="true", CI_PROJECT_DIR=str(repo), CI_PROJECT_NAME="城南街道", CI_PIPELINE_SOURCE="push",
               CI_COMMIT_BRANCH="main", CI_DEFAULT_BRANCH="main", CI_MERGE_REQUEST_DIFF_BASE_SHA=base_sha)

    def run(lines: list[str], variables: dict) -> None:
        job_env = {**env, **{k: os.path.expandvars(v.replace("$CI_PROJECT_DIR", str(repo)))
                             for k, v in variables.items()}}
        for line in lines:
            done = subprocess.run(["sh", "-c", line], cwd=repo, capture_output=True, text=True, env=job_env)
            assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"

    for name in ("台账校验", "改动校验", "月报和汇总"):
        variables = {**template["variables"], **jobs[name].get("variables", {})}
        run(template["before_script"] + jobs[name]["script"] + template["after_script"], variables)
    import json

    assert json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8")) == []
    assert list((repo / "报告").rglob("*.docx")) and list((repo / "报告").rglob("*.md"))
    summary = json.loads((repo / "汇总" / "城南街道.json").read_text(encoding="utf-8"))
    assert summary["street"] == "中共示例街道工作委员会"
    assert any((repo / ".dangjian-cache").iterdir())  # what the job caches, keyed by the tool version
    assert jobs[".dangjian"]["cache"]["key"] == f"dangjian-{__version__}"
