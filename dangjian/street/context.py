"""The assessment as plain data: what the table, the JSON, the Markdown report and the site show.

Only strings, numbers, lists and dicts, so that the JSON output is the context itself and a
template never reaches into model objects.
"""

from __future__ import annotations

from decimal import Decimal

from dangjian.dues.calc import format_money
from dangjian.params import PROFILE_TITLES
from dangjian.street.criteria import CJ_AREAS, CJ_CLAUSES, CJ_SECTIONS, FAIL, FAIR, NA, PASS, WH_AREAS
from dangjian.street.regional import summary
from dangjian.street.rollup import Assessment, Figures, Rate
from dangjian.street.standing import Standing

ORDER = {FAIL: 3, FAIR: 2, PASS: 1, NA: 0}


def percent(value: float) -> str:
    return f"{value:.1f}%"


def rate_row(r: Rate) -> dict:
    met = "" if r.met is None else ("达到" if r.met else "未达到")
    return {"label": r.label, "count": r.count, "total": r.total, "percent": percent(r.percent),
            "target": f"{r.target}%以上" if r.target is not None else "未定", "met": met}


def worst(statuses: list[str]) -> str:
    applicable = [s for s in statuses if s != NA]
    return max(applicable, key=ORDER.__getitem__) if applicable else NA


def _finding(f) -> dict:
    return {"severity": f.severity.label, "rule": f.rule, "message": f.message, "path": f.loc.path, "line": f.loc.line}


def card_context(s: Standing) -> dict:
    lines = [{"key": x.criterion.key, "title": x.criterion.title, "wh": x.criterion.wh,
              "wh_title": WH_AREAS[x.criterion.wh], "cj": CJ_SECTIONS[x.criterion.cj],
              "cj_title": CJ_AREAS[x.criterion.cj], "status": x.status, "rules": list(x.criterion.rules),
              "findings": [_finding(f) for f in x.findings], "records": x.records, "note": x.note}
             for x in s.card.lines]
    wh = [{"area": f"WH-{n}", "title": title, "status": worst([x["status"] for x in lines if x["wh"] == n])}
          for n, title in WH_AREAS.items()]
    cj = [{"area": CJ_SECTIONS[n], "title": CJ_AREAS[n], "clause": CJ_CLAUSES[n],
           "status": worst([x["status"] for x in lines if x["cj"] == CJ_SECTIONS[n]])} for n in range(1, 6)]
    cj.append({"area": CJ_SECTIONS[6], "title": CJ_AREAS[6], "clause": CJ_CLAUSES[6], "status": s.model})
    cj.append({"area": CJ_SECTIONS[7], "title": CJ_AREAS[7], "clause": CJ_CLAUSES[7],
               "status": "已认定" if s.designated_open else ("排查对象" if s.weak else "否")})
    return {"id": s.card.branch_id, "name": s.card.name, "lines": lines, "wh": wh, "cj": cj}


def _money(value: Decimal | None) -> str:
    return format_money(value) if value is not None else ""


def _dues(f: Figures) -> dict:
    if not f.dues:
        return {"due": "", "paid": "", "owed": "", "rate": ""}
    due, owed = f.dues["due"], f.dues["owed"]
    rate = percent(float((due - owed) * 100 / due)) if due else ""
    return {"due": _money(due), "paid": _money(f.dues["paid"]), "owed": _money(owed), "rate": rate}


def branch_row(s: Standing, f: Figures, counted: bool) -> dict:
    meets = "无台账" if not s.card.covered else ("达标" if s.card.meets else "未达标")
    keeps = "" if not s.level else ("保持" if s.keeps else "应取消")
    level = s.level or ""
    if not level and s.cancelled:
        level, keeps = s.cancelled[-1].level or "", f"{s.cancelled[-1].cancelled.isoformat()} 已取消"
    e = s.evaluation
    evaluation = None
    if e is not None:
        evaluation = {"level": e.level, "applied": e.applied.isoformat() if e.applied else "",
                      "rating": e.rating or "", "excellent": f"{e.excellent}/{e.appraised}" if e.appraised else "",
                      "review": _step(e.review), "acceptance": _step(e.acceptance)}
    return {
        "id": s.card.branch_id, "name": s.card.name, "kind": s.kind, "sector": s.sector, "counted": counted,
        "meets": meets, "failed": len(s.card.failed), "fair": sum(1 for x in s.card.lines if x.status == FAIR),
        "level": level, "keeps": keeps, "decertify": s.decertify, "model": s.model,
        "model_reasons": s.model_reasons, "weak": s.weak,
        "designated": ({"date": s.designated.designated.isoformat(), "reasons": s.designated.reasons,
                        "rectified": s.designated.rectified.isoformat() if s.designated.rectified else ""}
                       if s.designated else None),
        "entitlements": s.entitlements, "notes": s.notes, "evaluation": evaluation,
        "term_end": f.term_end.isoformat() if f.term_end else "", "term_state": f.term_state,
        "dues": _dues(f), "members": f.members, "hours": f"{f.hours:g}",
        "average_hours": f"{f.hours / f.trained:.1f}" if f.trained else "", "short_hours": f.short_hours,
        "meetings": [f.meetings.get(m, 0) for m in range(1, 13)],
    }


def _step(step) -> str:
    return f"{step.date.isoformat()} {step.verdict}" if step is not None and step.date else ""


def context(a: Assessment, repo, cards_for: list[str] | None = None) -> dict:
    """The whole assessment; `cards_for` picks whose full score cards to include (None: nobody)."""
    config = repo.config
    counted = {s.card.branch_id for s in a.counted}
    rows = [branch_row(s, a.figures[s.card.branch_id], s.card.branch_id in counted) for s in a.standings]
    mine = [r for r in rows if r["counted"]]
    due = sum((a.figures[r["id"]].dues.get("due", Decimal(0)) for r in rows), Decimal(0))
    owed = sum((a.figures[r["id"]].dues.get("owed", Decimal(0)) for r in rows), Decimal(0))
    members = sum(r["members"] for r in rows)
    hours = sum(a.figures[r["id"]].hours for r in rows)
    trained = sum(a.figures[r["id"]].trained for r in rows)
    totals = {
        "organisations": len(rows), "counted": len(mine), "members": members, "hours": f"{hours:g}",
        "average_hours": f"{hours / trained:.1f}" if trained else "", "due": _money(due), "owed": _money(owed),
        "rate": percent(float((due - owed) * 100 / due)) if due else "",
        "meetings": [sum(r["meetings"][m] for r in rows) for m in range(12)],
        "terms_due": [r["id"] for r in rows if r["term_state"]],
        "weak": [s.card.branch_id for s in a.weak],
        "short_hours": sum(r["short_hours"] for r in rows),
    }
    wanted = set(cards_for or [])
    return {
        "title": f"{config.name or ''}{a.year}年党支部标准化规范化建设评估",
        "street": config.name or "", "year": a.year, "as_of": a.run.as_of.isoformat(),
        "profile": a.run.ctx.run.profile, "profile_title": PROFILE_TITLES.get(a.run.ctx.run.profile, ""),
        "rates": [rate_row(r) for r in a.rates], "weak_target": a.weak_target, "totals": totals,
        "branches": rows, "cards": [card_context(s) for s in a.standings if s.card.branch_id in wanted],
        "street_findings": [_finding(f) for f in a.street_findings],
        "regional": summary(repo, a.year, a.run.as_of),
    }
