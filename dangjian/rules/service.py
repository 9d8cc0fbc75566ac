"""联系服务群众：党员志愿服务（WH-3.6）和党员干部结对帮扶困难群众（WH-3.6、XZ-5.3）."""

from __future__ import annotations

from collections.abc import Iterator

from dangjian.findings import Problem, Severity
from dangjian.model import BranchRecords
from dangjian.periods import member_covers, missing_at, years
from dangjian.rules.registry import rule


@rule("volunteer-service", Severity.WARNING, ("WH-3.6",), params=("志愿服务年度次数", "志愿服务除外标记"))
def volunteer_service(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """有服务能力的党员每年至少参加 2 次志愿服务（五化建设；标记为老党员、困难党员的不要求）。

    通过：规则集 wuhua，2025 年每名全年在册的党员在“志愿服务”的“参加”中出现 2 次以上。
    违反：规则集 wuhua，B1-002 在 2025 年只参加了 1 次志愿服务。
    """
    needed = ctx.param("志愿服务年度次数")
    if not needed:
        return
    exempt = set(ctx.param("志愿服务除外标记") or [])
    for period in years(branch, ctx, "activities"):
        acts = branch.activities.get(period.year)
        services = acts.services if acts else []
        for m in branch.members:
            if not m.id or exempt & set(m.flags) or not member_covers(m, period):
                continue
            count = sum(1 for s in services if m.id in s.participants and period.contains(s.date))
            if count < needed:
                loc, advice = missing_at(branch, "activities", period.year)
                yield Problem(loc, f"{m.name}（{m.id}）{period.label}参加志愿服务 {count} 次，少于 {needed} 次，{advice}",
                              key=f"{period.label}{m.id}")


@rule("pairing-yearly", Severity.WARNING, ("WH-3.6", "XZ-5.3"), params=("结对帮扶标记",))
def pairing_yearly(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """社区干部（xz）、党员领导干部（wuhua）每年至少结对帮扶 1 户困难群众（“结对帮扶”）。

    通过：规则集 xz，标记为社区干部的 B1-002 在 activities/2025.yaml 的“结对帮扶”中有一项。
    违反：规则集 xz，标记为社区干部的 B1-002 在 2025 年没有结对帮扶。
    """
    flags = set(ctx.param("结对帮扶标记") or [])
    if not flags:
        return
    for period in years(branch, ctx, "activities"):
        acts = branch.activities.get(period.year)
        paired = {p.member for p in acts.pairings} if acts else set()
        for m in branch.members:
            if m.id and flags & set(m.flags) and m.id not in paired and member_covers(m, period):
                loc, advice = missing_at(branch, "activities", period.year)
                yield Problem(loc, f"{'、'.join(sorted(flags & set(m.flags)))}{m.name}（{m.id}）{period.label}没有结对帮扶"
                                   f"困难群众，{advice}", key=f"{period.label}{m.id}")
