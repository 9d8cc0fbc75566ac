"""The rule registry: every check the tool makes, with its id, severity and clauses.

Rule modules register here with `@rule` (dangjian/rules/__init__.py imports each of them
explicitly, no scanning); `@rule` refuses duplicate ids.
A rule is a generator over one branch (`scope="branch"`) or the whole repository
(`scope="repo"`) that yields Problems; the engine stamps id, severity and citation.
Format rules (`scope="file"`) are raised by the loader and registered here so that they
are listed, documented and configurable like the others.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from dangjian.findings import Severity

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# The organisation kinds a branch rule governs (branch.yaml 类型). The 支部工作条例's cadences
# (支部党员大会, 党小组会, 党课, 主题党日, 组织生活会, 民主评议 …) are duties of a 党支部; a 党总支
# or 党委 is judged only by the rules that name it (its 委员会 meetings, its composition).
ALL_KINDS = ("党委", "党总支", "党支部", "联合党支部", "临时党支部")
BRANCHES = ("党支部", "联合党支部", "临时党支部")


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
    kinds: tuple[str, ...] = ALL_KINDS  # organisation kinds a branch rule governs

    @property
    def governs(self) -> str:
        """The organisations the rule governs, in Chinese (docs/rules.md, dangjian rules ID)."""
        if self.scope == "file":
            return "所有记录文件"
        if self.scope == "repo":
            return "整个记录库（街道层面的记录，或跨党组织的核对）"
        return "、".join(self.kinds)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.id

    @property
    def paragraphs(self) -> list[str]:
        """The docstring's paragraphs before the examples, each on one line: what the rule asks,
        then how it reads its clauses where that is a judgement call (docs/rules.md shows them)."""
        body = re.split(r"\n\s*(?:通过|违反)：", self.doc.strip(), maxsplit=1)[0]
        return [_join(x.strip() for x in part.splitlines() if x.strip())
                for part in re.split(r"\n\s*\n", body) if part.strip()]

    def example(self, label: str) -> str:
        """The text after `通过：` or `违反：` in the docstring, up to the next label."""
        match = re.search(rf"{label}：(.*?)(?=\n\s*(?:通过|违反)：|\Z)", self.doc, re.S)
        return _dedent(match.group(1)) if match else ""


def _join(lines) -> str:
    """Wrapped docstring lines as one paragraph: Chinese runs on without a space, words do not."""
    out = ""
    for line in lines:
        out += (" " if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() else "") + line
    return out


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
         params: tuple[str, ...] = (), category: str = "规定", needs_roster: bool = True,
         kinds: tuple[str, ...] = ALL_KINDS) -> Callable:
    def decorate(func: Callable[..., Iterator]) -> Callable:
        run = func
        if scope == "branch" and set(kinds) != set(ALL_KINDS):
            @functools.wraps(func)
            def run(branch, ctx):
                if branch.info is not None and branch.info.kind in kinds:
                    yield from func(branch, ctx)
        _add(Rule(id, severity, clauses, scope, func.__doc__ or "", run, params, category, needs_roster, kinds))
        return func
    return decorate


def format_rule(id: str, severity: Severity, doc: str) -> None:
    _add(Rule(id, severity, (), "file", doc, category="格式"))


def registered() -> list[Rule]:
    """The rules registered so far (all of them once dangjian.rules is imported)."""
    return list(_REGISTRY.values())
