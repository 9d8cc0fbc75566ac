"""The street's roll-up for one year: the rates against the targets of CJ-1, and per organisation
the figures the street follows (换届, 党费, 学时, 会议, 软弱涣散), with the street's totals.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from dangjian.context import RunContext
from dangjian.dates import add_months, add_years
from dangjian.facts import members_on
from dangjian.figures import Figures as FigureBook
from dangjian.street.card import YearRun, card_of, run_year
from dangjian.street.standing import MODEL, Standing, stand


@dataclass
class Rate:
    label: str
    count: int
    total: int
    target: int | None  # percent, 以上 (inclusive)

    @property
    def percent(self) -> float:
        return 100.0 * self.count / self.total if self.total else 0.0

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.count * 100 >= self.target * self.total


@dataclass
class Figures:
    """One organisation's figures for the year."""

    term_end: dt.date | None = None
    term_state: str = ""  # 已届满 / 即将届满 / ""
    dues: dict[str, Decimal] = field(default_factory=dict)  # due, paid, owed (closed months)
    hours: float = 0.0  # 学时 of all members on the roster in the year, together
    trained: int = 0  # the members on the roster some day of the year (the hours are theirs)
    members: int = 0  # the members at the year's end (or on the checking day)
    short_hours: int = 0  # members below the yearly hours, pro-rated (dangjian.figures)
    meetings: Counter = field(default_factory=Counter)  # month → meetings held


@dataclass
class Assessment:
    year: int
    run: YearRun
    standings: list[Standing]
    counted: list[Standing]  # the organisations the rates are over (创建参评类型)
    rates: list[Rate]
    figures: dict[str, Figures]
    street_findings: list = field(default_factory=list)
    weak_target: int = 0
    book: FigureBook | None = None  # the run's figures, for the site's charts

    def standing(self, branch_id: str) -> Standing | None:
        return next((s for s in self.standings if s.card.branch_id == branch_id), None)

    @property
    def weak(self) -> list[Standing]:
        return [s for s in self.counted if s.weak_now]


def target_for(targets: object, year: int) -> int | None:
    """The target of the nearest listed year at or before `year` (None before the first)."""
    if not isinstance(targets, dict):
        return None
    years = sorted(int(y) for y in targets if int(y) <= year)
    return int(targets[years[-1]] if years[-1] in targets else targets[str(years[-1])]) if years else None


def assess(repo, year: int, context: RunContext) -> Assessment:
    """The assessment of `year`; `context` is the command's run context for `repo`."""
    run = run_year(repo, year, context)
    book = FigureBook(run.ctx.repo, run.as_of, run.ctx.param)
    standings, figures = [], {}
    # One organisation at a time: its card, standing and figures, then its records are dropped
    # (a lazily loaded repository reads them again if asked), so a district's assessment holds
    # one branch's meetings, dues … at a time.
    for branch in repo.branches:
        if branch.info is None:
            continue
        loaded = getattr(branch, "loaded", True)
        standing = stand(repo, branch, card_of(repo, branch, run), run)
        standings.append(standing)
        figures[branch.id] = _figures(branch, run, book)
        book.done_with(branch, loaded)
    kinds = run.ctx.param("创建参评类型") or []
    counted = [s for s in standings if s.kind in kinds and s.card.covered]
    total = len(counted)
    rates = [
        Rate("标准化规范化党支部（已评定并保持）", sum(1 for s in counted if s.kept_level), total,
             target_for(run.ctx.param("标准化规范化目标"), year)),
        Rate("最强党支部（已评定并保持）", sum(1 for s in counted if s.kept_level == MODEL), total,
             target_for(run.ctx.param("最强党支部目标"), year)),
        Rate("台账评估达到标准", sum(1 for s in counted if s.card.meets), total, None),
    ]
    street = [f for f in run.findings if f.loc.path.startswith("street/")]
    return Assessment(year, run, standings, counted, rates, figures, street, run.ctx.param("软弱涣散目标数") or 0,
                      book)


def _figures(branch, run: YearRun, figures: FigureBook) -> Figures:
    out = Figures()
    day = min(dt.date(run.year, 12, 31), run.as_of)
    committee = branch.info.committee
    if committee and committee.elected and committee.term_years:
        out.term_end = add_years(committee.elected, committee.term_years)
        if out.term_end <= day:
            out.term_state = "已届满"
        elif out.term_end <= add_months(day, run.ctx.param("换届提醒月数") or 0):
            out.term_state = "即将届满"
    dues = figures.dues(branch, run.year, range(1, 13))
    if dues is not None:
        out.dues = {k: dues.totals[k] for k in ("due", "paid", "owed")}
    out.members = len(members_on(branch, day))
    each = figures.training_year(branch, run.year)
    out.hours = sum(m.hours for m in each)
    out.trained = len(each)
    out.short_hours = sum(m.short for m in each)
    out.meetings = figures.meetings_by_month(branch, run.year)
    return out

