"""The regional party building figures of a year from street/: partner units and agreements,
the three lists and how many needs projects answered, joint meetings and their attendance,
dual registration and the leaders' visits."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from dangjian.dates import add_months


def summary(repo, year: int, as_of: dt.date) -> list[str]:
    street = getattr(repo, "street", None)
    if street is None:
        return []
    day = min(dt.date(year, 12, 31), as_of)
    active = [p for p in street.partners if p.joined and p.joined <= day and (p.left is None or p.left > day)]
    out = [f"共建单位 {len(active)} 个：" + "、".join(f"{p.name}（{p.id}）" for p in active) if active else "没有共建单位"]
    for p in active:
        ends = [a.expires for a in p.agreements if a.expires]
        if not ends or max(ends) < day:
            out.append(f"{p.name}的共建协议{'已到期' if ends else '没有登记到期日期'}，应续签")
        elif max(ends) <= add_months(day, 6):
            out.append(f"{p.name}的共建协议 {max(ends).isoformat()} 到期，应准备续签")
    lists = street.lists.get(year)
    if lists is not None:
        answered = {n for project in lists.projects for n in project.needs}
        done = sum(1 for project in lists.projects if project.done and project.done <= day)
        out.append(f"三张清单：需求 {len(lists.needs)} 项（已有项目对接 {sum(1 for n in lists.needs if n.id in answered)} 项），"
                   f"资源 {len(lists.resources)} 项，项目 {len(lists.projects)} 个（已完成 {done} 个）")
    meetings = [m for m in street.meetings if m.date and m.date.year == year and m.date <= day]
    if meetings:
        kinds = Counter(k for m in meetings for k in m.kinds)
        present = sum(len(m.units) for m in meetings)
        absent = sum(len(m.absent) for m in meetings)
        rate = f"，单位出席率 {100 * present / (present + absent):.1f}%" if present + absent else ""
        out.append("会议：" + "、".join(f"{k} {n} 次" for k, n in sorted(kinds.items())) + rate)
    regs = street.registrations.get(year)
    if regs is not None and regs.registrations:
        duties = sum(len({d.kind for d in r.duties if d.date and d.date <= day}) for r in regs.registrations)
        out.append(f"在职党员双报到 {len(regs.registrations)} 人，已履职 {duties} 项（每人每年五类）")
    visits = [v for v in street.visits if v.date and v.date.year == year and v.date <= day]
    partners = {p.id for p in street.partners}
    to_orgs = [v for v in visits if v.place not in partners]
    if to_orgs:
        out.append(f"班子成员走访联系点 {len(to_orgs)} 次")
    if len(to_orgs) < len(visits):  # QY-13: visits to the park circle's member enterprises
        out.append(f"走访园区共建圈成员企业 {len(visits) - len(to_orgs)} 次")
    return out
