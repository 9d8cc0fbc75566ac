"""The clause catalogue shipped with the package, for citing regulations in findings."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def catalogue() -> dict[str, dict]:
    return json.loads(resources.files("dangjian").joinpath("data/clauses.json").read_text(encoding="utf-8"))


def cite(clause_id: str) -> str:
    """`XZ-4.2` → `《街道、社区基层党组织规范化建设细则》第十四条`."""
    entry = catalogue()[clause_id]
    where = entry["where"]
    if not where.startswith("第"):
        where = f"“{where}”"
    return f"{entry['source']}{where}"


def cite_all(clause_ids: tuple[str, ...] | list[str]) -> str:
    return "；".join(f"{cid} {cite(cid)}" for cid in clause_ids)
