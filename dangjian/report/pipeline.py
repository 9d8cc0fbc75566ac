"""The development pipeline (发展党员, FZ): each applicant's stage and the next step with its date.

Deadlines from 《中国共产党发展党员工作细则》 (clause ids of dangjian/data/clauses.json): talk
to an applicant within a month of the application (FZ-7); an activist may be considered as a
发展对象 after a year of training (FZ-13); a 发展对象 needs collective training of at least
three days or 24 hours (FZ-17) and a political review (细则第十六条); the higher committee
approves within three months of the 支部大会 (FZ-23); a 预备党员's probation ends after a
year (DZ-7).
"""

from __future__ import annotations

import datetime as dt

from dangjian.dates import add_months, add_years
from dangjian.model import Applicant, BranchRecords
from dangjian.report.common import Source, cn

TRAINING_HOURS = 24


def stage(applicant: Applicant) -> str:
    if applicant.status:
        return applicant.status
    for attr, name in (("approved", "预备党员"), ("admitted", "预备党员"), ("candidate", "发展对象"),
                       ("activist", "积极分子")):
        if getattr(applicant, attr):
            return name
    return "申请人"


# Steps that may be taken from a date (not a deadline): reaching the date is no delay.
FROM_DATE = ("培养考察满一年，可列为发展对象",)


def next_steps(applicant: Applicant) -> list[tuple[str, dt.date | None]]:
    """(what is to be done next, by or from when); an empty list when nothing is pending."""
    current = stage(applicant)
    if current == "已终止":
        return []
    if applicant.admitted and not applicant.approved:
        return [("报上级党委审批（支部大会后三个月内）", add_months(applicant.admitted, 3))]
    if current == "申请人":
        if not applicant.talked and applicant.applied:
            return [("党组织派人谈话（申请后一个月内）", add_months(applicant.applied, 1))]
        return [("确定为入党积极分子", None)]
    if current == "积极分子" and applicant.activist:
        return [("培养考察满一年，可列为发展对象", add_years(applicant.activist, 1))]
    if current == "发展对象":
        steps: list[tuple[str, dt.date | None]] = []
        if (applicant.training_hours or 0) < TRAINING_HOURS and (applicant.training_days or 0) < 3:
            steps.append(("集中培训（不少于三天或 24 学时）", None))
        if not applicant.vetted:
            steps.append(("政治审查", None))
        if not steps:
            steps.append(("支部大会讨论接收为预备党员", None))
        return steps
    return []


def steps_due(source: Source, branch: BranchRecords, start: dt.date, end: dt.date) -> list[dict]:
    """Dated steps falling due in [start, end] or overdue before it, and 转正 of 预备党员."""
    rows = []
    for applicant in branch.applicants:
        for step, due in next_steps(applicant):
            if due is None or due > end:
                continue
            rows.append(_row(applicant.name or applicant.id or "", stage(applicant), step, due, start,
                             step not in FROM_DATE))
    for member in branch.members:
        if member.status != "预备党员" or member.full_member or member.joined is None:
            continue
        due = add_years(member.joined, 1)
        if due <= end:
            rows.append(_row(source.name(member.id), "预备党员", "预备期满，支部大会讨论转正", due, start, True))
    rows.sort(key=lambda r: (r["due"], r["name"]))
    return rows


def _row(name: str, current: str, step: str, due: dt.date, start: dt.date, deadline: bool) -> dict:
    overdue = deadline and due < start
    status = ("已逾期" if overdue else "本月到期") if deadline else ("可以办理" if due < start else "本月起可以办理")
    return {"name": name, "stage": current, "step": step, "due": due.isoformat(), "due_cn": cn(due),
            "overdue": overdue, "status": status}


def counts(branch: BranchRecords, start: dt.date, end: dt.date) -> dict:
    """How many reached each step within [start, end], and how many stand at each stage at `end`."""
    def within(attr: str) -> int:
        return sum(1 for a in branch.applicants if getattr(a, attr) and start <= getattr(a, attr) <= end)

    def standing(name: str) -> int:
        return sum(1 for a in branch.applicants if stage(a) == name and (a.applied or dt.date.min) <= end)

    full = sum(1 for m in branch.members if m.full_member and start <= m.full_member <= end
               and m.joined and m.joined < m.full_member)
    return {"applied": within("applied"), "activists": within("activist"), "candidates": within("candidate"),
            "admitted": within("admitted"), "approved": within("approved"), "confirmed": full,
            "standing_applicants": standing("申请人"), "standing_activists": standing("积极分子"),
            "standing_candidates": standing("发展对象")}
