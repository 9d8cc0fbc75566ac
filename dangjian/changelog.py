"""docs/changelog.md read by version: which rule changes lie between two versions.

Each release is a `## X.Y.Z` heading; its `### 规则变更` list says what passes differently.
"""

from __future__ import annotations

import re
from importlib import resources

_HEADING = re.compile(r"^##\s+v?(\d+(?:\.\d+)*)\b")


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", version)[:3])


def sections(text: str) -> dict[str, list[str]]:
    """version → the lines of its 规则变更 list."""
    out: dict[str, list[str]] = {}
    version, in_rules = None, False
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            version, in_rules = heading[1], False
            out[version] = []
        elif line.startswith("### "):
            in_rules = "规则变更" in line
        elif version and in_rules and line.strip():
            out[version].append(line.rstrip())
    return out


def rule_changes(old: str | None, new: str) -> list[tuple[str, list[str]]]:
    """The rule changes of every version after OLD up to NEW, oldest first."""
    text = resources.files("dangjian").joinpath("docs/changelog.md").read_text(encoding="utf-8")
    low = _key(old) if old else ()
    chosen = [(v, lines) for v, lines in sections(text).items() if low < _key(v) <= _key(new) and lines]
    return sorted(chosen, key=lambda item: _key(item[0]))
