"""assess and site read one organisation's records at a time (load_lazy, dropped after use): the
assessment equals the one made from a repository loaded whole — on the example street and on a
copy whose records have a parse error and rule findings."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE_STREET, needs_example_street
from dangjian.context import RunContext
from dangjian.loader import load_lazy, load_repository
from dangjian.street.context import context
from dangjian.street.rollup import assess

RECORDS = EXAMPLE_STREET
TODAY = dt.date(2026, 11, 22)

pytestmark = needs_example_street


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("assess") / "records"
    shutil.copytree(RECORDS, root)
    meetings = root / "CN03" / "meetings" / "2026.yaml"
    text = meetings.read_text(encoding="utf-8")
    september, october = text.index("  - 日期: 2026-09-"), text.index("  - 日期: 2026-10-")
    meetings.write_text(text[:september] + text[october:], encoding="utf-8")
    dues = root / "CN02" / "dues" / "2026.yaml"
    dues.write_text(dues.read_text(encoding="utf-8") + "  - [未闭合\n", encoding="utf-8")
    return root


def shown(root: Path, loader, year: int) -> str:
    repo = loader(root)
    result = assess(repo, year, RunContext.for_repo(repo, today=TODAY))
    ids = [b.id for b in repo.branches if b.info is not None]
    findings = sorted(f"{f.loc.path}:{f.loc.line} {f.rule}" for f in result.run.findings)
    return json.dumps([context(result, repo, ids), findings], ensure_ascii=False, default=str, sort_keys=True)


@pytest.mark.parametrize("year", [2025, 2026])
@pytest.mark.parametrize("which", ["example", "broken"])
def test_lazy_assessment_equals_the_whole_one(which, year, broken):
    root = RECORDS if which == "example" else broken
    whole = shown(root, load_repository, year)
    assert shown(root, load_lazy, year) == whole
    if which == "broken" and year == 2026:
        assert "CN02/dues/2026.yaml" in whole and "CN03/meetings/2026.yaml" in whole
