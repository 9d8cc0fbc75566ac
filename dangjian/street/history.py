"""The same figures from the records as they stood at earlier commits, read as git blobs
(dangjian.sources.GitTree) — nothing is checked out. The commit history comes from GitPython.

`--trend --months N`: one point per calendar month, from the last commit made in that month
(commit time in Asia/Shanghai); a month without a commit keeps the records of the last earlier
commit (沿用). Each point is assessed for the year of its month, as a run of `validate` at the
end of that month would have judged it: the checking day is the first day of the next month
(for the current month, today), capped by the revision's own 记录截至.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from dangjian.context import RunContext
from dangjian.dates import SHANGHAI, add_months
from dangjian.loader import load_repository
from dangjian.sources import GitTree
from dangjian.street.context import rate_row
from dangjian.street.rollup import assess


class HistoryError(Exception):
    """The history cannot be read (not a git repository, an unknown revision); message in Chinese."""


@dataclass(frozen=True)
class Commit:
    sha: str
    day: dt.date  # commit date in Asia/Shanghai


@dataclass
class Point:
    month: str  # 2026-03
    commit: Commit
    carried: bool  # no commit in the month: the records of an earlier one
    day: dt.date  # the checking day
    assessment: object


def _repo(root: Path):
    """The git repository holding `root`, through GitPython."""
    import git

    from dangjian import gitio

    try:
        gitio.work_tree(root)
        return git.Repo(root, search_parent_directories=True)
    except (gitio.GitError, git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise HistoryError(f"{root} 不在 git 仓库中，无法读取历史版本") from None


def commits(root: Path) -> list[Commit]:
    """Commits that changed the record repository's directory, oldest first."""
    repo = _repo(root)
    if not repo.head.is_valid():
        return []  # no commits yet
    out = [Commit(c.hexsha, c.committed_datetime.astimezone(SHANGHAI).date())
           for c in repo.iter_commits("HEAD", paths=[str(root.resolve())], reverse=True)]
    return sorted(out, key=lambda c: c.day)  # stable: commits of one day stay in git's order


def resolve(root: Path, rev: str) -> str:
    """The commit id of a user's revision (checked as a revision: gitio.resolve)."""
    from dangjian import gitio

    _repo(root)
    try:
        return gitio.resolve(root, rev)
    except gitio.GitError as exc:
        raise HistoryError(str(exc)) from None


def load_at(root: Path, sha: str):
    source = GitTree(root, sha)
    try:
        return load_repository(root, source)
    finally:
        source.close()


def assess_at(root: Path, rev: str, year: int | None, today: dt.date):
    """The assessment of the records at revision `rev` (year: the cut-off's year by default),
    with the run context of that revision (its own dangjian.yaml) on `today`."""
    repo = load_at(root, resolve(root, rev))
    run = RunContext.for_repo(repo, today=today)
    return repo, run, assess(repo, year or run.day.year, run)


def month_ends(today: dt.date, months: int) -> list[tuple[str, dt.date]]:
    """(label, checking day) of the last `months` months up to today's, oldest first."""
    first = add_months(today.replace(day=1), -(months - 1))
    out = []
    for i in range(months):
        start = add_months(first, i)
        following = add_months(start, 1)
        out.append((f"{start.year}-{start.month:02d}", min(following, today)))
    return out


def trend(root: Path, months: int, today: dt.date) -> list[Point]:
    history = commits(root)
    if not history:
        raise HistoryError("git 中还没有涉及此记录库的提交")
    loaded: dict[str, object] = {}
    points = []
    for label, day in month_ends(today, months):
        before = [c for c in history if c.day < day or (c.day == day == today)]
        if not before:
            continue
        commit = before[-1]
        if commit.sha not in loaded:
            loaded[commit.sha] = load_at(root, commit.sha)
        repo = loaded[commit.sha]
        run = RunContext.for_repo(repo, today=day)  # each revision has its own dangjian.yaml
        year = min(int(label[:4]), run.day.year)  # records that stop earlier: their last year
        carried = f"{commit.day.year}-{commit.day.month:02d}" != label
        points.append(Point(label, commit, carried, day, assess(repo, year, run)))
    return points


def trend_rows(points: list[Point]) -> list[dict]:
    rows = []
    for p in points:
        rates = [rate_row(r) for r in p.assessment.rates]
        rows.append({"month": p.month, "commit": p.commit.sha[:10], "commit_date": p.commit.day.isoformat(),
                     "carried": p.carried, "as_of": p.assessment.run.as_of.isoformat(), "year": p.assessment.year,
                     "standard": rates[0], "model": rates[1], "meets": rates[2], "weak": len(p.assessment.weak)})
    return rows
