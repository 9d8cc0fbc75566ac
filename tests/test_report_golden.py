"""Every report kind on the example street in records/, against golden files.

Markdown is compared as text; Word through its text and table contents (python-docx), not
its XML, which changes with library versions. Fixed periods (--month 2026-10, --year 2025)
keep the goldens independent of today's date. Regenerate with `make goldens`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import check_golden
from dangjian import calendar
from dangjian.context import RunContext
from dangjian.report import kinds, run
from dangjian.report.docx_text import extract

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "records"
GOLDEN = Path(__file__).parent / "golden" / "reports"
BRANCH = "CN01"  # 幸福社区党支部: every kind of record
PERIODS = {"month": calendar.month(2026, 10), "annual": calendar.whole(2025), "year": calendar.whole(2025),
           "year-or-month": calendar.whole(2025)}

pytestmark = pytest.mark.skipif(not (RECORDS / "dangjian.yaml").is_file(), reason="records/ is not there")


@pytest.fixture(scope="module")
def repo():
    from dangjian.loader import load_repository

    return load_repository(RECORDS)


def produce(repo, kind: str, out: Path, every: bool = False) -> list[Path]:
    report = kinds.KINDS[kind]
    period = PERIODS.get(report.period) or calendar.up_to(calendar.month(2026, 10).end)
    context = RunContext.of(repo.config, root=RECORDS)
    request = run.Request(report, RECORDS, period, context, None if every else BRANCH, every, ("md", "docx"), out)
    return run.produce(request, repo).written


def compare(path: Path, name: str, update: bool) -> None:
    text = path.read_text(encoding="utf-8") if path.suffix == ".md" else extract(path)
    check_golden(GOLDEN / (name + (".md" if path.suffix == ".md" else ".docx.txt")), text, update)


@pytest.mark.parametrize("kind", [k for k in kinds.KINDS if k != "monthly"])
def test_report_of_one_branch(repo, kind: str, tmp_path: Path, update_goldens: bool) -> None:
    for path in produce(repo, kind, tmp_path):
        compare(path, kind, update_goldens)


def test_monthly_reports_of_the_whole_street(repo, tmp_path: Path, update_goldens: bool) -> None:
    written = produce(repo, "monthly", tmp_path, every=True)
    assert len(written) == 2 * (len([b for b in repo.branches if b.info]) + 1)
    for path in written:
        if path.stem.startswith("幸福社区党支部"):
            compare(path, "monthly", update_goldens)
        elif path.stem.endswith("汇总"):
            compare(path, "monthly-summary", update_goldens)
