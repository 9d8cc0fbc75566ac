"""plan/<year>.yaml: the year's 三会一课 plan as a record (WH-2.4), written and read back.

The writer formats the YAML by hand (a Chinese comment header, one item per block, keys in
a fixed order) and writes atomically. The reader needs no loader: it takes the file's bytes
and returns the entries with their lines, plus Chinese problems for anything it cannot use.
The duty rota is not part of the plan file: it stands in branch.yaml.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from dangjian import calendar as P
from dangjian.located import Loc
from dangjian.readfile import convert_bytes
from dangjian.schedule.entries import BY_TITLE, KINDS, Entry
from dangjian.schedule.fixedday import POLICY_TEXT
from dangjian.schema import Record, key
from dangjian.yamlio import atomic_write_text

PLAN_DIR = "plan"
TITLES = tuple(k.title for k in KINDS.values() if k.code != "duty")


@dataclass(kw_only=True)
class PlanItem(Record):
    """计划中的一项。"""

    kind: str | None = key("类型", required=True, choices=TITLES, example="主题党日")
    period: str | None = key("时段", required=True, doc="如：2026年3月、2026年第一季度、2026年上半年、2026年度")
    date: dt.date | None = key("日期", required=True, doc="主题党日为举行日期；其他为最迟日期")
    fixed_date: dt.date | None = key("固定日", doc="主题党日因节假日调整时的原固定日")
    group: str | None = key("党小组")
    members: list[str] = key("党员", default=[])
    reason: str | None = key("说明")
    provisional: bool | None = key("待复核", doc="按临时安排推算、待国务院公布放假安排后复核的，写 是")


@dataclass(kw_only=True)
class PlanFile(Record):
    """三会一课年度计划（plan/<年>.yaml）。"""

    year: int | None = key("年度", required=True)
    branch: str | None = key("党组织", required=True, doc="党组织编号")
    made: dt.date | None = key("制定日期")
    items: list[PlanItem] = key("计划", default=[])


@dataclass(frozen=True)
class ReadPlan:
    year: int
    entries: list[tuple[Entry, Loc]]  # each with where its 日期 stands


def plan_path(branch_dir: str, year: int) -> str:
    return f"{branch_dir}/{PLAN_DIR}/{year}.yaml" if branch_dir else f"{PLAN_DIR}/{year}.yaml"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def period_label(code: str) -> str:
    return P.from_code(code).label  # 2026年度, 2026年上半年, 2026年第一季度, 2026年3月


def ahead(plan, made: dt.date) -> list[Entry]:
    """The plan's items (duty left out) whose period or deadline has not passed before `made`
    (a publication of last year's dues falls due this year)."""
    return [e for e in plan.entries if e.kind != "duty" and max(P.from_code(e.period).end, e.date) >= made]


def render(plan, branch_name: str, made: dt.date) -> str:
    """The plan file text for a BranchPlan (duty entries left out)."""
    lines = [f"# {branch_name} {plan.year}年“三会一课”年度计划（五化建设 WH-2.4：年初制定三会一课年度计划）",
             f"# 由 dangjian schedule --write 于 {made.isoformat()} 生成。可以手工调整“日期”，调整后请在“说明”中写明原因；",
             "# 校验时，已过时段内没有相应会议记录的计划项、未在计划日举行且未写调整原因的主题党日会被指出。"]
    if plan.rule:
        lines.append(f"# 主题党日：{plan.rule_source}；{plan.policy}（{POLICY_TEXT[plan.policy]}）")
    lines += [f"年度: {plan.year}", f"党组织: {_q(plan.branch.id)}", f"制定日期: {made.isoformat()}", "计划:"]
    # A plan is made for what is still ahead: periods already over on the day it is made are left
    # out (a plan written in December does not pretend January was planned).
    items = ahead(plan, made)
    if len(items) < sum(1 for e in plan.entries if e.kind != "duty"):
        lines.insert(3, f"# 制定日期（{made.isoformat()}）以前已经结束的时段不列入本计划。")
    if not items:
        lines[-1] = "计划: []"
    for e in items:
        lines.append(f"  - 类型: {KINDS[e.kind].title}")
        lines.append(f"    时段: {period_label(e.period)}")
        lines.append(f"    日期: {e.date.isoformat()}")
        if e.fixed_date and e.fixed_date != e.date:
            lines.append(f"    固定日: {e.fixed_date.isoformat()}")
        if e.group:
            lines.append(f"    党小组: {_q(e.group)}")
        if e.members:
            lines.append(f"    党员: [{', '.join(_q(m) for m in e.members)}]")
        if e.reason:
            lines.append(f"    说明: {_q(e.reason)}")
        if e.provisional:
            lines.append("    待复核: 是")
    return "\n".join(lines) + "\n"


def write(root: Path, plan, branch_name: str, made: dt.date) -> str:
    """Write plan/<year>.yaml; items of periods that ended before `made` are left out (see render)."""
    rel = plan_path(plan.branch.directory, plan.year)
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, render(plan, branch_name, made))
    return rel


def _parse_period(year: int, text: str) -> P.Period:
    match = re.fullmatch(r"\s*(\d{4})年(.+)", text)
    y, label = (int(match.group(1)), match.group(2)) if match else (year, text)
    return P.from_part(y, "全年" if label.strip() == "度" else label)


def read(data: bytes, rel: str, year: int, branch_id: str) -> tuple[ReadPlan | None, list[tuple[Loc, str]]]:
    """Entries of a plan file; the problem list says what could not be used (file and line)."""
    found: list = []
    obj = convert_bytes(data, rel, PlanFile, found)
    problems: list[tuple[Loc, str]] = [
        (p.loc, "计划文件是空的：请用 dangjian schedule --write 重新生成，或删除此文件" if rule == "empty-file"
         else p.message) for rule, p in found]
    if obj is None:
        return None, problems
    if obj.year is not None and obj.year != year:
        problems.append((obj.at("year"), f"“年度”写的是 {obj.year}，与文件名 {year}.yaml 不符"))
    if obj.branch is not None and obj.branch != branch_id:
        problems.append((obj.at("branch"), f"“党组织”写的是 {obj.branch}，但此文件在 {branch_id} 的目录中"))
    entries = []
    for item in obj.items:
        if item.kind is None or item.period is None or item.date is None:
            continue
        try:
            period = _parse_period(year, item.period)
        except ValueError:
            problems.append((item.at("period"), f"无法识别的时段“{item.period}”，应写成 {year}年3月、{year}年第一季度、"
                                                f"{year}年上半年 或 {year}年度"))
            continue
        kind = BY_TITLE[item.kind]
        key_text = item.group or (item.members[0] if kind.code == "probation-due" and item.members else "")
        fixed = item.fixed_date or (item.date if kind.code == "theme-day" else None)  # 无“固定日”：就在固定日
        entries.append((Entry(branch_id, kind.code, period.code, item.date, item.reason or "", bool(item.provisional),
                              fixed, item.group, tuple(item.members), key_text), item.at("date")))
    return ReadPlan(year, entries), problems
