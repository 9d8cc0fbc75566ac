"""Which periods of a street cadence are judged, and where a missing street record is written.

The same principle as dangjian/periods.py: a period is judged only when it has ended before
the checking date, lies within what the street's records cover (street.yaml 记录起始, else
dangjian.yaml 记录起始, else the first year of street/'s year files) and within the time the
subject existed (a partner unit's 加入日期 to 退出日期, a leader's 任职日期 to 离任日期).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dangjian.calendar import Period, periods
from dangjian.located import Loc
from dangjian.street.load import STREET_DIR, StreetRecords


def street_start(repo, street: StreetRecords) -> dt.date:
    if street.info is not None and street.info.records_from:
        return street.info.records_from
    if repo.config.records_from:
        return repo.config.records_from
    years = street.year_files()
    return dt.date(years[0], 1, 1) if years else dt.date.max


def judged(repo, ctx, cadence: object, since: dt.date | None = None,
           until: dt.date | None = None) -> Iterator[Period]:
    """Periods of `cadence` to judge; `until` is the first day the subject no longer exists."""
    street = repo.street
    begin = max(street_start(repo, street), since or dt.date.min)
    if begin > ctx.as_of:
        return
    try:
        found = [p for year in range(begin.year, ctx.as_of.year + 1) for p in periods(cadence, year)]
    except ValueError:  # an unreadable cadence: param-value reports it
        return
    for period in found:
        if period.due < ctx.as_of and begin <= period.start and (until is None or period.end < until):
            yield period


def readable(street: StreetRecords, kind: str, year: int) -> bool:
    """False when the year's file exists but could not be read (the loader said why)."""
    rel = street.file_of(kind, year)
    return rel is None or rel not in street.unreadable


def missing_at(street: StreetRecords, kind: str, year: int, fallback: Loc) -> tuple[Loc, str]:
    """Where a finding for a missing street record points, and where to add the record."""
    rel = street.file_of(kind, year)
    if rel is not None:
        return Loc(rel), f"请在 {STREET_DIR}/{kind}/{year}.yaml 中补记"
    return fallback, f"请新建 {STREET_DIR}/{kind}/{year}.yaml 补记"
