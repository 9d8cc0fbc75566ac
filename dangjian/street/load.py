"""Read street/ (the street's own records) with the one-file loader every record goes through.

A repository without street/ has no street records (`None`): nothing about regional party
building or the certification process is judged for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dangjian import model
from dangjian.findings import Problem
from dangjian.layout import STREET_DIR, street_year_file
from dangjian.located import Loc
from dangjian.readfile import load_file

SINGLE = {"street.yaml": model.StreetFile, "partners.yaml": model.PartnersFile}
YEARLY = {"lists": model.ListsFile, "meetings": model.StreetMeetingsFile, "visits": model.VisitsFile,
          "registrations": model.RegistrationsFile, "evaluations": model.EvaluationsFile}


@dataclass
class StreetRecords:
    """Everything read from street/."""

    info: model.StreetFile | None = None
    partners: list[model.PartnerUnit] = field(default_factory=list)
    lists: dict[int, model.ListsFile] = field(default_factory=dict)
    meetings: list[model.StreetMeeting] = field(default_factory=list)
    visits: list[model.Visit] = field(default_factory=list)
    registrations: dict[int, model.RegistrationsFile] = field(default_factory=dict)
    evaluations: dict[int, model.EvaluationsFile] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    years: dict[str, set[int]] = field(default_factory=dict)  # kind → years whose file was read
    unreadable: set[str] = field(default_factory=set)  # files present but not loaded

    def partner(self, partner_id: str | None) -> model.PartnerUnit | None:
        return next((p for p in self.partners if p.id == partner_id), None)

    def file_of(self, kind: str, year: int) -> str | None:
        for suffix in ("yaml", "yml"):
            rel = f"{STREET_DIR}/{kind}/{year}.{suffix}"
            if rel in self.files:
                return rel
        return None

    def year_files(self) -> list[int]:
        return sorted({found[1] for rel in self.files if (found := street_year_file(rel))})


def load_street(source, files: list[str], problems: list, engine: str = "fast") -> StreetRecords | None:
    """street/ of a repository, or None when it has none; every bad file becomes a problem."""
    mine = sorted(f for f in files if f.startswith(STREET_DIR + "/"))
    if not mine:
        return None
    street = StreetRecords(files=mine)
    for rel in mine:
        name = rel[len(STREET_DIR) + 1:]
        match = street_year_file(rel)
        if name in SINGLE:
            obj = load_file(source, rel, SINGLE[name], problems, engine)
            if obj is None:
                street.unreadable.add(rel)
            elif name == "street.yaml":
                street.info = obj
            else:
                street.partners = obj.partners
        elif match:
            kind, year = match
            obj = load_file(source, rel, YEARLY[kind], problems, engine)
            if obj is None:
                street.unreadable.add(rel)
                continue
            street.years.setdefault(kind, set()).add(year)
            _keep(street, kind, year, obj)
            problems.extend(("record-year-mismatch", p) for p in _year_mismatches(rel, year, obj))
        else:
            problems.append(("unknown-file", Problem(
                Loc(rel), "无法识别的文件名：street/ 下应为 street.yaml、partners.yaml，或 lists/、meetings/、visits/、"
                          "registrations/、evaluations/ 下的“年份.yaml”")))
    return street


def _keep(street: StreetRecords, kind: str, year: int, obj) -> None:
    if kind == "meetings":
        street.meetings.extend(obj.meetings)
    elif kind == "visits":
        street.visits.extend(obj.visits)
    else:
        getattr(street, kind)[year] = obj


def _dated(obj) -> list:
    """Every dated record of a year file."""
    out: list = []
    for attr in ("meetings", "visits", "needs", "resources", "projects", "weak", "evaluations"):
        out.extend(getattr(obj, attr, []))
    for reg in getattr(obj, "registrations", []):
        out.extend(reg.duties)
    return out


def _year_mismatches(rel: str, year: int, obj) -> list[Problem]:
    found = []
    stated = getattr(obj, "year", None)
    if stated is not None and stated != year:
        found.append(Problem(obj.at("year"), f"“年度”写的是 {stated}，但文件名是 {year} 年", key="年度"))
    for item in _dated(obj):
        day = getattr(item, "date", None) or getattr(item, "designated", None)
        if day is not None and day.year != year:
            found.append(Problem(item.at("date") if getattr(item, "date", None) else item.at("designated"),
                                 f"{day.isoformat()} 的记录应记在 {rel.rsplit('/', 1)[0]}/{day.year}.yaml 中，"
                                 f"本文件只记 {year} 年的事", key=day.isoformat()))
    return found
