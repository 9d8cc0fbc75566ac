"""The findings a report shows, judged one organisation at a time.

A report shows each organisation's findings (those in its files) as of the period's end, and the
monthly report also those that were not there the day before the period began. The plain way is
`engine.run` over the whole repository for each day: every organisation's records held in memory
at once (about 3.5 MiB per branch) and every rule run twice. Here, while a report is built for an
organisation, its own findings are judged from its own records, which the report is reading anyway
and drops afterwards; the repository's rules (which read no branch's meetings or dues) run once per day.

Equal to `engine.run` partitioned by owner (findings.owned), because:
- a branch's findings are its files' load problems plus its rules', and every branch rule reports
  in its own organisation's files. That is checked on every run: when a branch's rules report in
  another organisation's files, the judge falls back to `engine.run` for that day;
- suppressions (`# dangjian: ignore[…]`) are per file, so settling each organisation's findings
  on their own gives what settling them all together gives;
- the day before is only needed where there is a finding as of the period's end ("new" ones are
  those not there the day before), so an organisation without findings is not judged twice.
"""

from __future__ import annotations

import datetime as dt

from dangjian import engine, suppress
from dangjian.findings import Finding
from dangjian.sources import WorkTree

REPOSITORY = None  # the owner of findings in no organisation's files (dangjian.yaml, street/ …)


def deepest(path: str, directories: set[str]) -> str | None:
    """The deepest organisation directory holding `path` (sub-branches live inside 党总支)."""
    parts = path.split("/")
    for end in range(len(parts) - 1, 0, -1):
        candidate = "/".join(parts[:end])
        if candidate in directories:
            return candidate
    return None


class Judge:
    """Findings by (organisation directory, day) for one report run."""

    def __init__(self, repo, checking_day: dt.date, run=None) -> None:
        self.repo = repo
        self.checking_day = checking_day
        self.run = run  # the command's RunContext (parameters, holiday calendar); None: the repository's
        self.directories = {b.directory for b in repo.branches if b.directory}
        own = {id(p) for b in repo.branches for p in _own_problems(b)}
        self._base = [p for p in repo.load_problems if id(p) not in own]
        self._shared: dict[dt.date, dict[str | None, list[Finding]]] = {}  # repository rules, base problems
        self._branch: dict[tuple[str, dt.date], list[Finding]] = {}
        self._contexts: dict = {}
        self._vetted: set[tuple[str, dt.date]] = set()  # judged (and found to report only in their own files)
        self._whole: dict[dt.date, dict[str | None, list[Finding]]] = {}  # engine.run by owner (fallback)

    def owned(self, directory: str | None, day: dt.date) -> list[Finding]:
        """The findings in `directory`'s files (None: in no organisation's) on `day`, sorted, as
        engine.run gives them (a past day leaves out future-date)."""
        if day in self._whole:
            return self._whole[day].get(directory, [])
        if directory is REPOSITORY:
            for branch in self.repo.branches:  # a branch rule may report outside its organisation
                if (branch.directory, day) not in self._vetted:
                    self._judge(branch, day)
            if day in self._whole:
                return self._whole[day].get(directory, [])
            found = list(self._shared_on(day).get(REPOSITORY, []))
        else:
            branch = next(b for b in self.repo.branches if b.directory == directory)
            found = self._judge(branch, day) + self._shared_on(day).get(directory, [])
            if day in self._whole:
                return self._whole[day].get(directory, [])
        return self._settle(found, day)

    def new_since(self, directory: str, day: dt.date, before: dt.date) -> list[Finding]:
        """The findings on `day` that were not there on `before` (the day before a period)."""
        now = self.owned(directory, day)
        if not now:
            return []
        earlier = set(self.owned(directory, before))
        return [f for f in now if f not in earlier]

    def forget(self, directory: str) -> None:
        """Drop what was judged for one organisation (its report is made); that its rules report
        only in its own files is remembered."""
        for key in [k for k in self._branch if k[0] == directory]:
            del self._branch[key]

    # --- the parts ---------------------------------------------------------------------------
    def _ctx(self, day: dt.date, fresh: bool = False):
        """The rules' context for a day. `fresh`: a new one for one branch, so that what rules keep
        in it for that branch (its dues ledgers …) goes with it; the member index, which spans every
        roster, is built once per day and shared."""
        if day not in self._contexts:
            self._contexts[day] = engine.make_context(self.repo, day, self.run)
        shared = self._contexts[day]
        if not fresh:
            return shared
        return engine.make_context(self.repo, day, self.run, index=shared.member_index)

    def _shared_on(self, day: dt.date) -> dict[str | None, list[Finding]]:
        if day not in self._shared:
            found = engine.stamp_problems(self._base, self.repo) + engine.rules_on(self.repo, self._ctx(day), "repo")
            self._shared[day] = self._by_owner(found)
        return self._shared[day]

    def _judge(self, branch, day: dt.date) -> list[Finding]:
        """One branch's own load problems and rules on `day` (records loaded as needed)."""
        key = (branch.directory, day)
        if key in self._branch:
            return self._branch[key]
        if day in self._whole:
            return []
        load_rest = getattr(branch, "load_rest", None)
        if load_rest is not None:
            load_rest()
        own = _own_problems(branch)
        problems = self.repo.load_problems
        base = len(problems)
        present = {id(p) for p in problems}
        # As engine.run sees them (some rules look there for problems in their own files): a
        # lazily loaded branch's are not in the repository's list yet.
        problems.extend(p for p in own if id(p) not in present)
        try:
            found = engine.stamp_problems(own, self.repo) + engine.rules_on(branch, self._ctx(day, fresh=True), "branch")
        finally:
            del problems[base:]
        mine = []
        for finding in found:
            owner = deepest(finding.loc.path, self.directories)
            if owner == branch.directory:
                mine.append(finding)
            else:
                self._fall_back(day)
                return []
        self._branch[key] = mine
        self._vetted.add(key)
        return mine

    def _fall_back(self, day: dt.date) -> None:
        """A branch rule reported outside its organisation: take the whole run for this day."""
        found = engine.run(self.repo, day, context=self.run)
        if day < self.checking_day:
            found = [f for f in found if f.rule != "future-date"]
        self._whole[day] = self._by_owner(found)

    def _by_owner(self, found: list[Finding]) -> dict[str | None, list[Finding]]:
        out: dict[str | None, list[Finding]] = {}
        for finding in found:
            out.setdefault(deepest(finding.loc.path, self.directories), []).append(finding)
        return out

    def _settle(self, found: list[Finding], day: dt.date) -> list[Finding]:
        source = getattr(self.repo, "source", None) or WorkTree(self.repo.root)
        settled = engine.settle_with(engine.filtered(found, None, None), suppress.reader(source), (),
                                     self.repo.config)
        if day < self.checking_day:  # a past period: later records are not "in the future", just later
            settled = [f for f in settled if f.rule != "future-date"]
        return settled


def _own_problems(branch) -> list:
    return list(getattr(branch, "roster_problems", [])) + list(getattr(branch, "rest_problems", []))
