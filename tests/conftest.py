"""Shared test helpers: fixture repositories, the CLI runner, golden files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

# Machines here have 2 noisy cores: how long an example takes says nothing about the code, so
# no per-example deadline and no too-slow health check anywhere (speed is measured in make bench).
# CI also runs the same examples every time (a red CI must be reproducible); elsewhere
# hypothesis explores new ones on each run.
_patient = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", **_patient)
settings.register_profile("ci", derandomize=True, database=None, **_patient)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE_STREET = Path(__file__).resolve().parent.parent / "records"  # the shipped example street
# for tests that run on the example street (a copy of the tests without records/ skips them)
needs_example_street = pytest.mark.skipif(not (EXAMPLE_STREET / "dangjian.yaml").is_file(),
                                          reason="records/ is not there")
BASE = FIXTURES / "base"
AS_OF = dt.date(2026, 10, 31)  # fixture records are complete up to October 2026


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never read or write the user's real cache of findings."""
    os.environ["DANGJIAN_CACHE_DIR"] = str(tmp_path_factory.mktemp("dangjian-cache"))
    yield


def pytest_addoption(parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from current output")
    parser.addoption("--slow", action="store_true",
                     help="also run the slow packaging tests (wheel, pre-commit, CI jobs); make test does")


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked slow (each builds a wheel or a virtual environment) run with --slow, which
    `make test` and so CI pass; a quick run while working leaves them out."""
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow packaging test: run with --slow (make test does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: content} under root (bytes are written as they are)."""
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def validated(root: Path, cache=None, day: dt.date = AS_OF, source=None) -> list:
    """What `validate` finds on `root` (incremental.validate): with a cache the speed layer,
    without one the plain pipeline."""
    from dangjian import incremental
    from dangjian.context import RunContext
    from dangjian.sources import WorkTree

    return incremental.validate(RunContext.read(root, source or WorkTree(root), day, today=day), cache)


def make_repo(tmp_path: Path, overlay: dict[str, str | bytes] | None = None, base: Path = BASE) -> Path:
    """A copy of the base fixture repository with some files replaced or added."""
    root = tmp_path / "repo"
    shutil.copytree(base, root)
    return write_tree(root, overlay or {})


@pytest.fixture
def repo_factory(tmp_path):
    return lambda overlay=None: make_repo(tmp_path, overlay)


@pytest.fixture
def cli():
    """Run the CLI in-process; a crash shows its traceback instead of a bare exit code."""
    from dangjian.cli import app

    runner = CliRunner()

    def run(*args: str, **kwargs):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return run


def check_golden(path: Path, actual: str, update: bool) -> None:
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {path.name} did not exist; written — review and commit it")
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}; run make goldens to review"
