"""The rule registry: every check the tool makes, with its id, severity and clauses.

Rule modules register here with `@rule` (dangjian/rules/__init__.py imports each of them
explicitly, no scanning); `@rule` refuses duplicate ids.
A rule is a generator over one branch (`scope="branch"`) or the whole repository
(`scope="repo"`) that yields Problems; the engine stamps id, severity and citation.
Format rules (`scope="file"`) are raised by the loader and registered here so that they
are listed, documented and configurable like the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from dangjian.findings import Severity

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    clauses: tuple[str, ...]
    scope: str  # "file", "branch" or "repo"
    doc: str
    func: Callable | None = None
    params: tuple[str, ...] = field(default=())
    category: str = "规定"
    needs_roster: bool = True  # skipped for a branch whose members.yaml could not be read

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.id

    def example(self, label: str) -> str:
        """The text after `通过：` or `违反：` in the docstring, up to the next label."""
        match = re.search(rf"{label}：(.*?)(?=\n\s*(?:通过|违反)：|\Z)", self.doc, re.S)
        return _dedent(match.group(1)) if match else ""


def _dedent(text: str) -> str:
    lines = text.strip("\n").splitlines()
    indents = [len(x) - len(x.lstrip()) for x in lines[1:] if x.strip()]
    cut = min(indents) if indents else 0
    return "\n".join([lines[0].strip(), *[x[cut:] for x in lines[1:]]]).strip() if lines else ""


_REGISTRY: dict[str, Rule] = {}


def _add(r: Rule) -> Rule:
    if not _ID.match(r.id):
        raise ValueError(f"rule id must be kebab-case: {r.id}")
    if r.id in _REGISTRY:
        raise ValueError(f"duplicate rule id: {r.id}")
    _REGISTRY[r.id] = r
    return r


def rule(id: str, severity: Severity, clauses: tuple[str, ...], scope: str = "branch",
         params: tuple[str, ...] = (), category: str = "规定", needs_roster: bool = True) -> Callable:
    def decorate(func: Callable[..., Iterator]) -> Callable:
        _add(Rule(id, severity, clauses, scope, func.__doc__ or "", func, params, category, needs_roster))
        return func
    return decorate


def format_rule(id: str, severity: Severity, doc: str) -> None:
    _add(Rule(id, severity, (), "file", doc, category="格式"))


def registered() -> list[Rule]:
    """The rules registered so far (all of them once dangjian.rules is imported)."""
    return list(_REGISTRY.values())
