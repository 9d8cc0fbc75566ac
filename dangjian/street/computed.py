"""The two criteria judged from the records directly rather than from a rule's findings.

Neither can fail the standard on its own: a gap is 基本达标, with the reason.
"""

from __future__ import annotations

import datetime as dt

from dangjian.street.criteria import FAIR, NA, PASS


def judge(name: str, repo, branch, run, records: list[str]) -> tuple[str, str, list[str]]:
    if name == "premises":
        return _premises(branch)
    if name == "co-building":
        return _co_building(repo, branch, run.year)
    raise ValueError(name)


def _premises(branch) -> tuple[str, str, list[str]]:
    info = branch.info
    missing = [label for label, value in (("活动场所", info.premises), ("阵地管理员", info.premises_keeper)) if not value]
    if missing:
        return FAIR, f"branch.yaml 未登记“{'”“'.join(missing)}”", [branch.branch_file]
    return PASS, f"{info.premises}，管理员 {info.premises_keeper}", [branch.branch_file]


def _co_building(repo, branch, year: int) -> tuple[str, str, list[str]]:
    street = getattr(repo, "street", None)
    if street is None:
        return NA, "记录库没有 street/ 中的区域化党建记录", []
    ids = {branch.id, *([branch.parent] if branch.parent else [])}
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    partners = [p.id for p in street.partners if ids & set(p.paired) and p.joined and p.joined <= end
                and (p.left is None or p.left > start)]
    lists = street.lists.get(year)
    projects = [p.id for p in (lists.projects if lists else []) if branch.id in p.units]
    records = [f for f in ("street/partners.yaml", street.file_of("lists", year)) if f and f in street.files]
    if not partners and not projects:
        return FAIR, f"{year}年没有结对共建单位，也没有承办共建项目", records
    parts = []
    if partners:
        parts.append("结对共建单位 " + "、".join(partners))
    if projects:
        parts.append("承办共建项目 " + "、".join(projects))
    return PASS, "；".join(parts), records
