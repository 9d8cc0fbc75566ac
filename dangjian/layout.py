"""Which file is what in a record repository: names, reserved directories and year files.

The one place that knows the repository's layout; the loader, the street loader, judging and
the speed layer ask here instead of matching paths themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

from dangjian.limits import FIRST_YEAR, LAST_YEAR

CONFIG_FILE = "dangjian.yaml"
# Directories at the root kept for the street's own records, holiday files and templates.
STREET_DIR = "street"
RESERVED_DIRS = (STREET_DIR, "holidays", "templates", "out")
BRANCH_FILE = "branch.yaml"
MEMBERS_FILE = "members.yaml"
APPLICANTS_FILE = "applicants.yaml"
PRIVATE_MEMBERS = "members.private.yaml"  # git-ignored overlay: 身份证号, 手机号 by 编号
ROSTER_FILES = (BRANCH_FILE, MEMBERS_FILE, PRIVATE_MEMBERS)
# The per-year files of an organisation directory (<kind>/<year>.yaml); plan/ is the schedule's.
BRANCH_YEAR_KINDS = ("meetings", "dues", "trainings", "talks", "activities", "plan")
# The per-year files of street/ (street/<kind>/<year>.yaml).
STREET_YEAR_KINDS = ("lists", "meetings", "visits", "registrations", "evaluations")
# <kind>/<year>.yaml anywhere: group 1 the kind, group 2 the year.
_YEAR_FILE = re.compile(r"(?:^|/)([^/]+)/(\d{4})\.ya?ml$")


def year_file(rel: str) -> tuple[str, int] | None:
    """(kind, year) of a year file path relative to its directory (`meetings/2026.yaml`), else None."""
    match = _YEAR_FILE.fullmatch(rel)
    return (match.group(1), int(match.group(2))) if match and FIRST_YEAR <= int(match.group(2)) <= LAST_YEAR else None


def branch_year_file(inner: str) -> tuple[str, int] | None:
    """(kind, year) of an organisation directory's year file, given its path inside the directory."""
    found = year_file(inner)
    return found if found and found[0] in BRANCH_YEAR_KINDS else None


def street_year_file(rel: str) -> tuple[str, int] | None:
    """(kind, year) of a street/ year file, given its repository path (street/meetings/2026.yaml)."""
    head, _, inner = rel.partition("/")
    found = year_file(inner) if head == STREET_DIR else None
    return found if found and found[0] in STREET_YEAR_KINDS else None


def year_out_of_range(rel: str) -> int | None:
    """The year of a <kind>/<year>.yaml name whose year no record can have (0000, 9999)."""
    match = _YEAR_FILE.search("/" + rel)
    return int(match.group(2)) if match and not FIRST_YEAR <= int(match.group(2)) <= LAST_YEAR else None


def year_of_path(path: str) -> int | None:
    """The year a per-year file is for: `CN01/meetings/2025.yaml` → 2025."""
    match = _YEAR_FILE.search("/" + path)
    return int(match.group(2)) if match and FIRST_YEAR <= int(match.group(2)) <= LAST_YEAR else None


def dir_of(rel: str) -> str:
    return rel.rsplit("/", 1)[0] if "/" in rel else ""


def organisation_dirs(files: list[str]) -> list[str]:
    """The directories holding a branch.yaml, sorted (the root, "", among them if it does)."""
    return sorted({dir_of(f) for f in files if f == BRANCH_FILE or f.endswith("/" + BRANCH_FILE)})


def owner(directory: str, dirs) -> str | None:
    """The nearest organisation directory at or above `directory` (None: no organisation)."""
    while directory:
        if directory in dirs:
            return directory
        directory = directory.rsplit("/", 1)[0] if "/" in directory else ""
    return None


def reserved(rel: str) -> bool:
    """dangjian.yaml and the root's reserved directories belong to no organisation."""
    return rel == CONFIG_FILE or rel.split("/", 1)[0] in RESERVED_DIRS


def kind_of(inner: str) -> str:
    """The kind of a file inside an organisation directory: roster, applicants, meetings, …"""
    if inner in ROSTER_FILES:
        return "roster"
    if inner == APPLICANTS_FILE:
        return "applicants"
    found = branch_year_file(inner)
    return found[0] if found else "other"


def find_root(start: Path) -> Path | None:
    """The nearest directory at or above `start` holding dangjian.yaml."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for candidate in (here, *here.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate
    return None
