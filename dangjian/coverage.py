"""Which clauses of the inventory the rules check, and why the others are not checked yet.

Every clause that clauses.json marks `rule` must be cited by a rule or listed here with the
reason (tests/test_catalogue.py keeps both directions honest; docs/rules.md shows the list).
"""

from __future__ import annotations

from dangjian.clauses import catalogue

STREET = "街道、片区或共建单位层面的工作，记录库只记党组织的台账（street/ 中尚无相应的记录）"

UNENFORCED: dict[str, str] = {
    "QY-3": "园区企业党组织的党建指导员、专职党务工作者和党务后备人才：台账中没有这些岗位的记录",
    "QY-14": "片区党群E家会客厅的面积：台账中没有片区阵地的记录",
    "QY-15": "街道城市基层党建工作领导小组的汇报：" + STREET,
}


def rule_clauses() -> list[str]:
    """Clause ids the inventory marks as checkable by a rule, in inventory order."""
    return [cid for cid, entry in catalogue().items() if "rule" in entry["check"]]


def uncited(rules) -> list[str]:
    cited = {c for r in rules for c in r.clauses}
    return [cid for cid in rule_clauses() if cid not in cited]
