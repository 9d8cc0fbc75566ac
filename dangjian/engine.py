"""The plain pipeline: run the enabled rules over a loaded repository and return sorted findings.

load (loader) → each branch's load problems and rules (`branch_findings`) → the repository's
rules (`repo_findings`) → inline suppressions (`settle_with`). Tests, reports, assessment and
`validate --no-cache` use it as is; the speed layer (incremental.py) wraps these same
functions with a cache and worker processes. Nothing here knows about either.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from dangjian import suppress
from dangjian.context import RunContext
from dangjian.findings import Finding, Problem, Severity, cap_findings
from dangjian.limits import CappedList, more_message
from dangjian.loader import Repository
from dangjian.params import Effective
from dangjian.rules import Rule, all_rules, get, is_rule
from dangjian.schedule.holidays import HolidayCalendar
from dangjian.sources import WorkTree

OFF = "关闭"


@dataclass
class Context:
    """What a rule sees: the repository, the day it is checked on and the command's RunContext
    (parameters, holiday calendar). `index` replaces the member index built from every roster
    (the speed layer passes one that reads a roster only when one of its members is looked up)."""

    repo: Repository
    as_of: dt.date
    run: RunContext
    index: Mapping | None = field(default=None, repr=False)
    params: dict[str, Effective] = field(init=False, repr=False)  # the run's, looked up often

    def __post_init__(self) -> None:
        self.params = self.run.params

    def param(self, name: str):
        return self.params[name].value

    def holidays(self) -> HolidayCalendar:
        return self.run.holidays()

    @cached_property
    def member_index(self) -> Mapping:
        """member id → list of (member, branch) — more than one entry is itself a finding."""
        if self.index is not None:
            return self.index
        index: dict = {}
        for branch in self.repo.branches:
            for member in branch.members:
                if member.id:
                    index.setdefault(member.id, []).append((member, branch))
        return index


def make_context(repo: Repository, as_of: dt.date, run: RunContext | None = None,
                 index: Mapping | None = None) -> Context:
    """The rules' context; `run` is the command's RunContext (one is made from the repository's
    configuration when a caller has none: tests, history views)."""
    if run is None:
        run = RunContext.of(repo.config, asked=as_of, root=repo.root, source=getattr(repo, "source", None),
                            today=as_of)
    return Context(repo, as_of, run, index)


def severity_for(rule: Rule, repo: Repository) -> Severity | None:
    return severity_of(rule, repo.config)


def severity_of(rule: Rule, config) -> Severity | None:
    """A rule's severity under 规则级别 in dangjian.yaml; None when it is off (关闭)."""
    configured = (config.severities or {}).get(rule.id)
    if configured is None:
        return rule.severity
    if str(configured) == OFF:
        return None
    return Severity.parse(configured)


def _finding(rule: Rule, severity: Severity, problem: Problem) -> Finding:
    return Finding(problem.loc, rule.id, severity, problem.message, rule.clauses, problem.key,
                   problem.related, problem.excerpt, problem.more)


def run(repo: Repository, as_of: dt.date, select: set[str] | None = None,
        ignore: set[str] | None = None, applied: list | None = None, *,
        context: RunContext | None = None, in_scope: Callable[[str], bool] | None = None) -> list[Finding]:
    """Every finding on a loaded repository: the loader's problems, each branch's findings, the
    repository's rules, then inline suppressions (those that silenced a finding are appended to
    `applied` when given). `in_scope(directory)` limits which branches are checked."""
    ctx = make_context(repo, as_of, context)
    found = stamp_problems(base_problems(repo), repo)
    for branch in repo.branches:
        if in_scope is None or in_scope(branch.directory):
            lazy = not getattr(branch, "loaded", True)
            # A lazily loaded branch gets a context of its own (sharing the member index), so
            # that what rules keep in it for the branch (its dues ledgers …) goes with its records.
            own = make_context(repo, as_of, ctx.run, index=ctx.member_index) if lazy else ctx
            found.extend(branch_findings(branch, own, unload=lazy))
    found.extend(repo_findings(ctx))
    source = getattr(repo, "source", None) or WorkTree(repo.root)
    return settle_with(filtered(found, select, ignore), suppress.reader(source), (), repo.config, select, ignore,
                       applied)


def base_problems(repo: Repository) -> list:
    """The load problems that belong to no branch's roster or records (dangjian.yaml, street/,
    stray files): a branch's own are stamped with its findings (branch_findings)."""
    own = {id(p) for b in repo.branches for p in _own_problems(b)}
    return [p for p in repo.load_problems if id(p) not in own]


def _own_problems(branch) -> list:
    return list(getattr(branch, "roster_problems", [])) + list(getattr(branch, "rest_problems", []))


def settle_with(findings: list[Finding], read_lines, files, config, select: set[str] | None = None,
                ignore: set[str] | None = None, applied: list | None = None) -> list[Finding]:
    """Apply the inline suppressions, add their problems as findings (severities from `config`,
    the RepoConfig) and return the findings sorted; the suppressions applied go to `applied`."""
    result = suppress.apply(findings, read_lines, files, {r.id for r in all_rules()})
    out = list(result.kept)
    for rule_id, problem in result.problems:
        rule = get(rule_id)
        if (select and rule_id not in select) or (ignore and rule_id in ignore):
            continue
        severity = severity_of(rule, config)
        if severity is not None:
            out.append(Finding(problem.loc, rule_id, Severity(severity), problem.message, rule.clauses, problem.key))
    if applied is not None:
        applied.extend(result.applied)
    return cap_findings(sorted(set(out), key=Finding.sort_key))


def filtered(findings, select: set[str] | None, ignore: set[str] | None) -> list[Finding]:
    def keep(f: Finding) -> bool:
        rule_id = f.key if f.rule == "rule-crash" else f.rule
        return not ((select and rule_id not in select) or (ignore and rule_id in ignore))

    return sorted({f for f in findings if keep(f)}, key=Finding.sort_key)


def stamp_problems(problems, repo: Repository) -> list[Finding]:
    out = []
    for rule_id, problem in problems:
        if rule_id == suppress.INVALID and problem.key and is_rule(problem.key):
            continue  # the file reader cannot know the registry: an id it flagged names a rule
        rule = get(rule_id)
        severity = severity_for(rule, repo)
        if severity is not None:
            out.append(_finding(rule, severity, problem))
    return out


def rules_on(target, ctx: Context, scope: str) -> list[Finding]:
    """The findings of every enabled rule of `scope` ("branch" or "repo") on `target`."""
    out: list[Finding] = []
    repo = ctx.repo
    for rule in all_rules():
        severity = severity_for(rule, repo)
        if severity is None or rule.func is None or rule.scope != scope:
            continue
        if scope == "branch" and (target.info is None or (not target.roster_ok and rule.needs_roster)):
            continue
        try:
            out.extend(_capped(_finding(rule, severity, problem) for problem in rule.func(target, ctx)))
        except Exception as exc:  # a rule must never take the run down with it
            crash = get("rule-crash")
            where = getattr(getattr(target, "info", None), "loc", None) or repo.config.loc
            out.append(_finding(crash, Severity.ERROR, Problem(
                where, f"规则 {rule.id} 运行出错（{type(exc).__name__}: {exc}），请把此信息报告给维护者",
                key=rule.id)))
    return out


def _capped(findings: Iterable[Finding]) -> list[Finding]:
    """One rule's findings, at most FINDINGS_PER_RULE per file; the rest only counted (a rule
    over a file of a million items must not hold a million findings)."""
    out: list[Finding] = CappedList(lambda f: f.loc.path)
    out.extend(findings)
    return [*out, *(dataclasses.replace(first, message=more_message(count), key="", related=(), excerpt="", more=count)
                    for first, count in out.dropped.values())]


def branch_findings(branch, ctx: Context, unload: bool = False) -> list[Finding]:
    """Every finding of one branch: its files' load problems and its rules. `unload` forgets
    its records afterwards (they load again on use), so a run over a district holds one
    branch's records at a time."""
    load_rest = getattr(branch, "load_rest", None)
    if load_rest is not None:  # a lazily loaded branch (loader.LazyBranch)
        load_rest()
    own = _own_problems(branch)
    problems = ctx.repo.load_problems
    base = len(problems)
    problems.extend(own)  # some rules look there for problems in their own branch's files
    try:
        return stamp_problems(own, ctx.repo) + rules_on(branch, ctx, "branch")
    finally:
        del problems[base:]
        if unload:
            branch.unload()


def repo_findings(ctx: Context) -> list[Finding]:
    """The repository-wide rules' findings (member ids across branches, street records …)."""
    return rules_on(ctx.repo, ctx, "repo")
