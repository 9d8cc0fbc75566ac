"""File names for the branch pages that are safe whatever the branch id (编号 may hold Chinese,
spaces, slashes, dots, or names Windows reserves): readable when the id is a plain ASCII word,
otherwise a digest of it; two ids that differ only in case never share a file."""

from __future__ import annotations

import hashlib
import re

PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$")
RESERVED = {"con", "prn", "aux", "nul", "index", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def page_names(ids: list[str]) -> dict[str, str]:
    """Branch id → file name (without directory), unique case-insensitively."""
    out: dict[str, str] = {}
    folded: dict[str, int] = {}
    for branch_id in ids:
        folded[branch_id.lower()] = folded.get(branch_id.lower(), 0) + 1
    for branch_id in ids:
        plain = PLAIN.match(branch_id) and branch_id.lower() not in RESERVED and folded[branch_id.lower()] == 1
        out[branch_id] = f"{branch_id}.html" if plain else f"b-{_digest(branch_id)}.html"
    return out
