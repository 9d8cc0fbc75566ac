"""Plans as text: a table for the terminal, Markdown, and JSON with stable field names."""

from __future__ import annotations

import json

from dangjian.schedule.fixedday import POLICY_TEXT, WEEKDAY_NAMES
from dangjian.schedule.holidays import PROVISIONAL_NOTE
from dangjian.schedule.plan import BranchPlan

HEADERS = ("日期", "星期", "事项", "说明", "复核")
JSON_VERSION = 1


def _name(plan: BranchPlan) -> str:
    info = plan.branch.info
    return info.short_name or info.name or plan.branch.id


def _rows(plan: BranchPlan) -> list[list[str]]:
    return [[e.date.isoformat(), WEEKDAY_NAMES[e.date.weekday()], e.title, e.reason,
             PROVISIONAL_NOTE if e.provisional else ""] for e in plan.entries]


def _heading(plan: BranchPlan) -> str:
    return f"{_name(plan)}（{plan.branch.id}）{plan.year}年主题党日和三会一课计划"


def _rule_line(plan: BranchPlan) -> str:
    if plan.rule is None:
        return "主题党日：未设定固定日（branch.yaml 未填写“主题党日”，规则集也没有本领域的默认固定日）"
    return f"主题党日：{plan.rule_source}；节假日安排：{plan.policy}（{POLICY_TEXT[plan.policy]}）"


def table(plans: list[BranchPlan]) -> str:
    from tabulate import tabulate

    parts = []
    for plan in plans:
        body = tabulate(_rows(plan), headers=HEADERS, disable_numparse=True) if plan.entries else "（本年度没有计划项）"
        parts.append(f"{_heading(plan)}\n{_rule_line(plan)}\n\n{body}\n")
    return "\n".join(parts)


def _cell(text: str) -> str:
    from dangjian.markdown import md_cell

    return md_cell(text)


def markdown(plans: list[BranchPlan]) -> str:
    from dangjian.markdown import md_text

    year = plans[0].year if plans else ""
    parts = [f"# {year}年主题党日和三会一课计划\n"]
    for plan in plans:
        parts.append(f"## {md_text(_heading(plan))}\n\n{md_text(_rule_line(plan))}\n")
        if not plan.entries:
            parts.append("本年度没有计划项。\n")
            continue
        lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in _rows(plan)]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def as_json(plans: list[BranchPlan], year: int, warnings: list[str]) -> str:
    data = {
        "version": JSON_VERSION,
        "year": year,
        "provisional": any(e.provisional for p in plans for e in p.entries),
        "warnings": warnings,
        "branches": [{"branch": p.branch.id, "name": _name(p), "theme_day": p.rule.text if p.rule else None,
                      "holiday_policy": p.policy} for p in plans],
        "entries": [e.as_json(_name(p)) for p in plans for e in p.entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
