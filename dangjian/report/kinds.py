"""The report kinds: what each covers, how its context is built, and its line in a street summary."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from dangjian.model import BranchRecords
from dangjian.report import ctx_annual, ctx_archive, ctx_books, ctx_dues, ctx_monthly, ctx_rosters
from dangjian.report.common import Source
from dangjian.report.spec import Spec


@dataclass(frozen=True)
class ReportKind:
    name: str  # the KIND argument, also the template file name
    title: str  # as in file names and the summary title
    period: str  # month, annual, year, year-or-month or day: see dangjian.report.periods
    description: str
    build: Callable[[Source, BranchRecords], dict]
    variables: Spec
    columns: tuple[str, ...]  # the street summary table, first column 党组织
    row: Callable[[dict], list]
    summed: tuple[int, ...] = ()  # columns with a 合计


def _monthly_row(c: dict) -> list:
    theme = c["theme_day"]
    return [c["org"]["short_name"], c["members"]["total"], len(c["meetings"]),
            theme["date_cn"] if theme["held"] else "未开展", c["training"]["total_hours"],
            c["dues"]["paid"] if c["dues"]["available"] else "—", len(c["dues"]["arrears"]),
            len(c["development"]), c["findings_count"]["errors"], c["findings_count"]["warnings"]]


def _annual_row(c: dict) -> list:
    required = sum(r["required"] for r in c["cadences"])
    held = sum(r["held"] for r in c["cadences"])
    return [c["org"]["short_name"], c["members"]["end"], f"{held}/{required}", c["life_meeting"]["count"],
            "是" if c["appraisal"]["done"] else "否", c["pipeline"]["admitted"],
            c["dues"]["paid"] if c["dues"]["available"] else "—", c["training"]["per_member"],
            c["election"]["status"], c["findings_count"]["errors"]]


def _groups_row(c: dict) -> list:
    counts = {g["name"]: g["count"] for g in c["groups"]}
    return [c["org"]["short_name"], *(counts.get(n, 0) for n in ctx_rosters.SPECIAL_GROUPS)]


def _dues_row(c: dict) -> list:
    t = c["totals"]
    return [c["org"]["short_name"], *((t[k] if t["available"] else "—")
                                      for k in ("due", "paid", "owed", "remitted", "spent", "balance"))]


def _archive_row(c: dict) -> list:
    counts = {g["label"]: g["count"] for g in c["composition"]["gender"]}
    current = next((x for x in c["committees"] if x["current"]), None)
    return [c["org"]["short_name"], c["composition"]["total"], counts.get("男", 0), counts.get("女", 0),
            current["session"] if current else "", sum(d["admitted"] for d in c["development"])]


KINDS: dict[str, ReportKind] = {k.name: k for k in (
    ReportKind("monthly", ctx_monthly.TITLE, "month", "工作月报：会议、主题党日、学习、党费、发展党员、谈话、校验问题和下月计划",
               ctx_monthly.build, ctx_monthly.VARIABLES,
               ("党组织", "党员", "会议", "主题党日", "培训学时", "党费实交", "欠交人数", "发展党员待办", "错误", "警告"),
               _monthly_row, (1, 2, 4, 5, 6, 7, 8, 9)),
    ReportKind("annual", ctx_annual.TITLE, "annual", "年度工作报告：各项制度应开与实开、组织生活会、民主评议、发展党员、党费、学时、评定、换届",
               ctx_annual.build, ctx_annual.VARIABLES,
               ("党组织", "年末党员", "按期召开", "组织生活会", "民主评议", "接收预备党员", "党费实交", "人均学时", "换届", "错误"),
               _annual_row, (1, 3, 5, 6, 9)),
    ReportKind("roster", ctx_rosters.ROSTER_TITLE, "day", "党员基本信息名册（三册之一）",
               ctx_rosters.roster, ctx_rosters.ROSTER_VARIABLES, ("党组织", "党员人数"),
               lambda c: [c["org"]["short_name"], c["count"]], (1,)),
    ReportKind("applicants", ctx_rosters.APPLICANTS_TITLE, "day", "入党积极分子和发展对象名册（三册之一）",
               ctx_rosters.applicants, ctx_rosters.APPLICANTS_VARIABLES, ("党组织", "积极分子", "发展对象", "入党申请人"),
               lambda c: [c["org"]["short_name"], len(c["activists"]), len(c["candidates"]), len(c["applicants"])],
               (1, 2, 3)),
    ReportKind("special-groups", ctx_rosters.SPECIAL_TITLE, "day", "老党员、流动党员、困难党员等特殊群体名册（三册之一）",
               ctx_rosters.special_groups, ctx_rosters.SPECIAL_VARIABLES, ("党组织", *ctx_rosters.SPECIAL_GROUPS),
               _groups_row, (1, 2, 3)),
    ReportKind("meetings", ctx_books.MEETINGS_TITLE, "year-or-month", "组织生活记实簿（四簿之一）：每次会议的出席、缺席和内容",
               ctx_books.meetings_book, ctx_books.MEETINGS_VARIABLES, ("党组织", "会议次数"),
               lambda c: [c["org"]["short_name"], c["count"]], (1,)),
    ReportKind("study", ctx_books.STUDY_TITLE, "year-or-month", "学习工作记录簿（四簿之一）：学习培训、党课和每名党员的学时",
               ctx_books.study_book, ctx_books.STUDY_VARIABLES, ("党组织", "培训次数", "培训学时", "党课次数"),
               lambda c: [c["org"]["short_name"], len(c["sessions"]), c["total_hours"], len(c["lectures"])], (1, 2, 3)),
    ReportKind("service", ctx_books.SERVICE_TITLE, "year-or-month", "联系服务群众记录簿（四簿之一）：志愿服务、结对帮扶、在职党员报到",
               ctx_books.service_book, ctx_books.SERVICE_VARIABLES, ("党组织", "志愿服务", "结对帮扶", "在职党员报到"),
               lambda c: [c["org"]["short_name"], len(c["services"]), len(c["pairings"]), len(c["registered"])],
               (1, 2, 3)),
    ReportKind("dues", ctx_dues.TITLE, "year", "党费收缴使用账簿（四簿之一）和收缴使用情况公布表",
               ctx_dues.build, ctx_dues.VARIABLES, ("党组织", "应交", "实交", "欠交", "上缴", "支出", "结余"),
               _dues_row, (1, 2, 3, 4, 5, 6)),
    ReportKind("branch-archive", ctx_archive.TITLE, "year", "支部档案和党员个人档案（ZW-4）",
               ctx_archive.build, ctx_archive.VARIABLES, ("党组织", "党员", "男", "女", "本届委员会", "历年接收预备党员"),
               _archive_row, (1, 2, 3, 5)),
)}


def totals(kind: ReportKind, rows: list[list]) -> list:
    """The 合计 row: sums of the summed columns (numbers or money text), blank elsewhere."""
    if not kind.summed or not rows:
        return []
    out: list = ["合计"] + [""] * (len(kind.columns) - 1)
    for index in kind.summed:
        try:
            values = [Decimal(str(r[index])) for r in rows if str(r[index]) not in ("", "—")]
        except InvalidOperation:
            continue
        total = sum(values, Decimal(0))
        money = bool(values) and all(re.fullmatch(r"-?\d+\.\d\d", str(r[index])) for r in rows
                                     if str(r[index]) not in ("", "—"))
        out[index] = f"{total:.2f}" if money else f"{total.normalize():f}"
    return out
