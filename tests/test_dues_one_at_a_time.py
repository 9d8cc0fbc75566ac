"""dues status and dues summary hold one branch's dues at a time (a district has 1,000 branches)."""

from __future__ import annotations

from conftest import EXAMPLE_STREET
from dangjian.context import RunContext
from dangjian.dues import report
from dangjian.figures import Figures
from dangjian.loader import load_lazy, load_repository

STREET = EXAMPLE_STREET


def _holding(repo) -> list[str]:
    return [b.directory for b in repo.branches if b.__dict__.get("_dues")]


def test_status_and_summary_drop_each_branch_when_done_and_answer_as_a_whole_load() -> None:
    whole = load_repository(STREET)
    whole_figures = Figures.of(whole, RunContext.for_repo(whole))
    lazy = load_lazy(STREET)
    figures = Figures.of(lazy, RunContext.for_repo(lazy))

    rows = report.status(lazy.branches, 2026, 10, figures)
    assert rows == report.status(whole.branches, 2026, 10, whole_figures)
    assert not _holding(lazy) and not figures._ledgers

    found = report.summary(lazy.branches, 2026, range(1, 11), figures)
    assert found == report.summary(whole.branches, 2026, range(1, 11), whole_figures)
    assert not _holding(lazy) and not figures._ledgers
    assert _holding(whole)  # records loaded before the run are left as they were
