"""Run the enabled rules over a loaded repository and return sorted findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from dangjian.findings import Finding, Problem, Severity
from dangjian.loader import Repository
from dangjian.params import Effective, effective
from dangjian.rules import Rule, all_rules, get

OFF = "关闭"


@dataclass
class Context:
    repo: Repository
    as_of: dt.date
    params: dict[str, Effective] = field(default_factory=dict)

    def param(self, name: str):
        return self.params[name].value

    @cached_property
    def member_index(self) -> dict:
        """member id → list of (member, branch) — more than one entry is itself a finding."""
        index: dict = {}
        for branch in self.repo.branches:
            for member in branch.members:
                if member.id:
                    index.setdefault(member.id, []).append((member, branch))
        return index


def make_context(repo: Repository, as_of: dt.date) -> Context:
    overrides = repo.config.parameters or {}
    return Context(repo, as_of, effective(repo.config.profile or "xz", overrides))


def severity_for(rule: Rule, repo: Repository) -> Severity | None:
    configured = (repo.config.severities or {}).get(rule.id)
    if configured is None:
        return rule.severity
    if str(configured) == OFF:
        return None
    return Severity.parse(configured)


def _finding(rule: Rule, severity: Severity, problem: Problem) -> Finding:
    return Finding(problem.loc, rule.id, severity, problem.message, rule.clauses, problem.key,
                   problem.related, problem.excerpt)


def run(repo: Repository, as_of: dt.date, select: set[str] | None = None,
        ignore: set[str] | None = None) -> list[Finding]:
    ctx = make_context(repo, as_of)
    findings: set[Finding] = set()

    def wanted(rule: Rule) -> Severity | None:
        if select and rule.id not in select:
            return None
        if ignore and rule.id in ignore:
            return None
        return severity_for(rule, repo)

    for rule_id, problem in repo.load_problems:
        rule = get(rule_id)
        severity = wanted(rule)
        if severity is not None:
            findings.add(_finding(rule, severity, problem))
    for rule in all_rules():
        severity = wanted(rule)
        if severity is None or rule.func is None:
            continue
        # A branch whose roster could not be read gets no roster-based findings: the one
        # loader finding says what is wrong, and guesses from an empty roster would bury it.
        targets = [repo] if rule.scope == "repo" else [
            b for b in repo.branches if b.info is not None and (b.roster_ok or not rule.needs_roster)]
        for target in targets:
            try:
                for problem in rule.func(target, ctx):
                    findings.add(_finding(rule, severity, problem))
            except Exception as exc:  # a rule must never take the run down with it
                crash = get("rule-crash")
                where = getattr(getattr(target, "info", None), "loc", None) or repo.config.loc
                findings.add(_finding(crash, Severity.ERROR, Problem(
                    where, f"规则 {rule.id} 运行出错（{type(exc).__name__}: {exc}），请把此信息报告给维护者")))
    return sorted(findings, key=Finding.sort_key)
