"""Every id that street/ records refer to, for the street-references rule."""

from __future__ import annotations

from collections.abc import Iterator

from dangjian.street.load import StreetRecords


def references(street: StreetRecords) -> Iterator[tuple[object, str, str | None, str]]:
    """(record, attribute, id, what it must be): every id that street/ records refer to."""
    for partner in street.partners:
        yield from ((partner, "paired", b, "org") for b in partner.paired)
    for leader in street.info.leaders if street.info else []:
        yield from ((leader, "contacts", b, "org") for b in leader.contacts)
    for circle in street.info.circles if street.info else []:
        yield from ((circle, "units", u, "partner") for u in circle.units)
    for visit in street.visits:
        yield visit, "place", visit.place, "any"
    for m in street.meetings:
        if m.org:
            yield m, "org", m.org, "org"
        yield from ((m, "units", u, "any") for u in m.units)
        yield from ((a, "unit", a.unit, "any") for a in m.absent)
    for lists in street.lists.values():
        yield from ((n, "raised_by", n.raised_by, "org") for n in lists.needs if n.raised_by)
        yield from ((r, "provider", r.provider, "partner") for r in lists.resources if r.provider)
        for p in lists.projects:
            yield from ((p, "units", u, "any") for u in p.units)
    for regs in street.registrations.values():
        for reg in regs.registrations:
            yield reg, "community", reg.community, "org"
            if reg.member:
                yield reg, "member", reg.member, "member"
    for evals in street.evaluations.values():
        yield from ((e, "org", e.org, "org") for e in evals.evaluations)
        yield from ((w, "org", w.org, "org") for w in evals.weak)
