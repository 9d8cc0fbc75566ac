"""The report's findings, judged one organisation at a time, equal the plain whole-repository run
(engine.run) split by organisation — on the example street and on a copy with broken records."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE_STREET, needs_example_street
from dangjian import engine
from dangjian.loader import load_lazy, load_repository
from dangjian.report.judging import Judge, deepest

RECORDS = EXAMPLE_STREET
DAYS = (dt.date(2026, 10, 31), dt.date(2026, 9, 30), dt.date(2025, 12, 31), dt.date(2025, 3, 31))

pytestmark = needs_example_street


def plain(root: Path, day: dt.date, checking_day: dt.date) -> dict:
    repo = load_repository(root)
    found = engine.run(repo, day)
    if day < checking_day:
        found = [f for f in found if f.rule != "future-date"]
    dirs = {b.directory for b in repo.branches if b.directory}
    out: dict = {}
    for finding in found:
        out.setdefault(deepest(finding.loc.path, dirs), []).append(finding)
    return out


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    """The example street with findings in two branches, some of them new in October 2026."""
    root = tmp_path_factory.mktemp("judging") / "records"
    shutil.copytree(RECORDS, root)
    members = root / "CN02" / "members.yaml"
    text = members.read_text(encoding="utf-8")
    members.write_text(text.replace("入党日期: ", "入党日期: 2099-", 1).replace("2099-2", "2099-0", 1),
                       encoding="utf-8")
    meetings = root / "CN03" / "meetings" / "2026.yaml"  # September's meetings gone: new in October
    text = meetings.read_text(encoding="utf-8")
    september, october = text.index("  - 日期: 2026-09-"), text.index("  - 日期: 2026-10-")
    meetings.write_text(text[:september] + text[october:], encoding="utf-8")
    return root


@pytest.mark.parametrize("lazy", [True, False], ids=["lazy", "loaded"])
@pytest.mark.parametrize("which", ["example", "broken"])
def test_judge_equals_the_whole_run(which, lazy, broken):
    root = RECORDS if which == "example" else broken
    checking_day = DAYS[0]
    repo = load_lazy(root) if lazy else load_repository(root)
    judge = Judge(repo, checking_day)
    owners = [None] + [b.directory for b in repo.branches]
    total = 0
    for day in DAYS:
        expected = plain(root, day, checking_day)
        assert set(expected) <= set(owners)
        for owner in owners:
            assert judge.owned(owner, day) == expected.get(owner, []), (owner, day)
            total += len(expected.get(owner, []))
        for b in repo.branches:
            judge.forget(b.directory)
            if lazy:
                b.unload()
    assert total > 0 or which == "example"  # the broken copy's comparison saw findings


def test_new_since_is_the_difference(broken):
    repo = load_lazy(broken)
    judge = Judge(repo, DAYS[0])
    now, before = plain(broken, DAYS[0], DAYS[0]), plain(broken, DAYS[1], DAYS[0])
    seen = 0
    for b in repo.branches:
        earlier = set(before.get(b.directory, []))
        expected = [f for f in now.get(b.directory, []) if f not in earlier]
        assert judge.new_since(b.directory, DAYS[0], DAYS[1]) == expected
        seen += len(expected)
    assert seen > 0
