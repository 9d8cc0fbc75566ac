"""Score cards: run the rules for one year and judge every criterion of every organisation.

The engine runs once per assessed year over the whole repository, with 记录起始 moved to
1 January of the year (earlier years are not the year's business) and the checking day at
the end of the year — or at the repository's own cut-off (记录截至, or today) while the year
is still running. For a past year the records written after it exist legitimately, so
`future-date` is not run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from dangjian.context import RunContext
from dangjian.engine import make_context, run, severity_for
from dangjian.findings import Finding, Severity
from dangjian.layout import year_of_path
from dangjian.rules import all_rules, get
from dangjian.street.computed import judge
from dangjian.street.criteria import CRITERIA, FAIL, FAIR, NA, OTHER_CRITERION, PASS, Criterion, criterion_of


@dataclass
class Line:
    """One criterion on one card."""

    criterion: Criterion
    status: str
    findings: list[Finding] = field(default_factory=list)
    records: list[str] = field(default_factory=list)  # the files it was judged on
    note: str = ""

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity != Severity.ERROR)


@dataclass
class Card:
    branch_id: str
    name: str
    lines: list[Line]
    covered: bool  # the records cover some of the year: the card can be judged

    def line(self, key: str) -> Line:
        return next(x for x in self.lines if x.criterion.key == key)

    @property
    def failed(self) -> list[Line]:
        return [x for x in self.lines if x.status == FAIL]

    @property
    def meets(self) -> bool:
        """The standard (标准化规范化): every applicable criterion 达标 or 基本达标."""
        return self.covered and not self.failed


@dataclass
class YearRun:
    year: int
    as_of: dt.date
    cutoff: dt.date  # the repository's own cut-off day
    findings: list[Finding]
    ctx: object


def year_day(year: int, cutoff: dt.date) -> dt.date:
    """The day the year is judged on: the next 1 January, or the cut-off while the year runs."""
    return min(dt.date(year + 1, 1, 1), cutoff)


def run_year(repo, year: int, context: RunContext) -> YearRun:
    """The rules over one year of `repo`; `context` is the command's (checking day, parameters,
    holiday calendar)."""
    cutoff = context.day
    as_of = year_day(year, cutoff)
    start = dt.date(year, 1, 1)
    config = dataclasses.replace(repo.config, records_from=max(repo.config.records_from or start, start))
    view = dataclasses.replace(repo, config=config)
    view.street = getattr(repo, "street", None)
    ignore = {"future-date"} if as_of < cutoff else None
    findings = run(view, as_of, ignore=ignore, context=context)
    return YearRun(year, as_of, cutoff, findings, make_context(view, as_of, context))


def _in_year(path: str, year: int) -> bool:
    found = year_of_path(path)
    return found is None or found == year


def _applies(rule_ids: tuple[str, ...], ctx) -> bool:
    for rule_id in rule_ids:
        rule = get(rule_id)
        if severity_for(rule, ctx.repo) is None:
            continue
        values = [ctx.param(p) for p in rule.params]
        if not rule.params or any(v not in (None, [], {}, "") for v in values):
            return True
    return False


def _covered(branch, year: int, as_of: dt.date) -> bool:
    info = branch.info
    if info is None or (info.founded and info.founded > min(dt.date(year, 12, 31), as_of)):
        return False
    if info.dissolved and info.dissolved <= dt.date(year, 1, 1):
        return False
    return any(year_of_path(f) == year for f in branch.files)


def _records(branch, criterion: Criterion, year: int) -> list[str]:
    kinds = criterion.records
    out = []
    for rel in branch.files:
        inner = rel[len(branch.directory) + 1:] if branch.directory else rel
        kind = inner.split("/", 1)[0] if "/" in inner else inner.removesuffix(".yaml")
        if kind in kinds and _in_year(rel, year):
            out.append(rel)
    return out


def cards(repo, run: YearRun) -> list[Card]:
    return [card_of(repo, branch, run) for branch in repo.branches if branch.info is not None]


def _table() -> tuple[dict, list[Criterion]]:
    kinds = {r.id: (r.category, r.scope) for r in all_rules()}
    unmapped = tuple(r.id for r in all_rules() if criterion_of(r.id, r.category, r.scope) == OTHER_CRITERION.key)
    return kinds, [*CRITERIA, dataclasses.replace(OTHER_CRITERION, rules=unmapped)] if unmapped else list(CRITERIA)


def card_of(repo, branch, run: YearRun) -> Card:
    """One organisation's card (it must have a readable branch.yaml)."""
    kinds, table = _table()
    own = set(branch.files) | {branch.branch_file}
    mine = [f for f in run.findings if f.loc.path in own and _in_year(f.loc.path, run.year)]
    lines = []
    for criterion in table:
        found = [f for f in mine if criterion_of(f.rule, *kinds.get(f.rule, ("格式", "file"))) == criterion.key]
        lines.append(_line(repo, branch, criterion, found, run))
    name = branch.info.short_name or branch.info.name or branch.id
    return Card(branch.id, name, lines, _covered(branch, run.year, run.as_of))


def _line(repo, branch, criterion: Criterion, found: list[Finding], run: YearRun) -> Line:
    records = _records(branch, criterion, run.year)
    if criterion.computed:
        status, note, records = judge(criterion.computed, repo, branch, run, records)
        return Line(criterion, status, found, records, note)
    if not found and not _applies(criterion.rules, run.ctx):
        return Line(criterion, NA, [], records, "规则集未规定或已关闭")
    errors = any(f.severity == Severity.ERROR for f in found)
    return Line(criterion, FAIL if errors else FAIR if found else PASS, found, records)
