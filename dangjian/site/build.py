"""`dangjian site`: a static dashboard — one overview page for the street and one page per
organisation — from the same assessment as `dangjian assess`. When the record repository is in
git, the rate is drawn month by month from its history (dangjian.street.history.trend); otherwise
the chart has the current point only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup

from dangjian.context import RunContext
from dangjian.emit import made_by_us, write_output
from dangjian.site import svg
from dangjian.site.names import page_names
from dangjian.site.templates import STYLE, environment
from dangjian.street.context import context, rate_row
from dangjian.street.history import HistoryError, trend
from dangjian.street.rollup import assess
from dangjian.street.text import attention

BRANCH_DIR = "branches"


def monthly_dues(figures, branch, year: int) -> tuple[list[float], list[float]]:
    """应交 (of months ended before the checking day) and 实收 (money received) per month, in yuan."""
    months = figures.dues_by_month(branch, year)
    return [float(due) for due, _ in months], [float(paid) for _, paid in months]


def _months(as_of: dt.date, year: int) -> int:
    """How many months of the year to draw: through the checking day's month."""
    return 12 if as_of.year > year else max(as_of.month - (1 if as_of.day == 1 else 0), 1)


def trend_chart(points: list, current) -> tuple[Markup, str]:
    if points:
        labels = [p.month for p in points]
        rates = [p.assessment.rates for p in points]
        note = (f"每月最后一次提交时的台账（{points[0].month} 至 {points[-1].month}，共 {len(points)} 个月；"
                "没有提交的月份沿用此前的台账）")
    else:
        labels = [str(current.year)]
        rates = [current.rates]
        note = "记录库不在 git 中（或还没有提交），只有当前的一个点"
    series = [("标准化规范化", [r[0].percent for r in rates], False), ("最强党支部", [r[1].percent for r in rates], False)]
    for name, k in (("标准化规范化目标", 0), ("最强党支部目标", 1)):
        targets = [r[k].target for r in rates]
        if any(t is not None for t in targets):
            series.append((name, [float(t) if t is not None else None for t in targets], True))
    last = rate_row(rates[-1][0])
    return Markup(svg.line_chart(f"标准化规范化和最强党支部比例（标准化规范化最新 {last['percent']}，目标 {last['target']}）", labels,
                                 series)), note


def build(repo, run: RunContext, out: Path, months: int = 12, force: bool = False) -> list[Path]:
    """The dashboard of a loaded repository; `run` is the command's run context."""
    root = repo.root
    result = assess(repo, run.day.year, run)
    ids = [s.card.branch_id for s in result.standings]
    data = context(result, repo, ids)
    try:
        points = trend(root, months, run.today)
    except HistoryError:
        points = []
    env = environment()
    names = page_names(ids)
    year, as_of = result.year, result.run.as_of
    shown = _months(as_of, year)
    labels = [f"{m}月" for m in range(1, shown + 1)]
    by_id = {b.id: b for b in repo.branches}
    dues = {}
    for i in ids:  # one branch's dues at a time (see street.rollup.assess)
        branch = by_id[i]
        loaded = getattr(branch, "loaded", True)
        dues[i] = monthly_dues(result.book, branch, year)
        result.book.done_with(branch, loaded)
    common = {"style": Markup(STYLE), "generated": f"评估截至 {as_of.isoformat()}"}
    written = []
    out.mkdir(parents=True, exist_ok=True)
    (out / BRANCH_DIR).mkdir(exist_ok=True)
    chart, note = trend_chart(points, result)
    street_due = [sum(dues[i][0][m] for i in ids) for m in range(shown)]
    street_paid = [sum(dues[i][1][m] for i in ids) for m in range(shown)]
    index = env.get_template("index").render(
        **common, page_title=data["title"], heading=data["title"],
        subheading=f"规则集 {data['profile']}；评估截至 {data['as_of']}；计入比例的党组织 {data['totals']['counted']} 个",
        c=data, pages=names, trend_chart=chart, trend_note=note, attention=attention(data), regional=data["regional"],
        meetings_chart=Markup(svg.bar_chart(f"{year}年各月会议次数（全街道）", labels,
                                            [("会议", [float(n) for n in data["totals"]["meetings"][:shown]])], "次")),
        dues_chart=Markup(svg.bar_chart(f"{year}年各月党费（全街道，元）", labels,
                                        [("应交", street_due), ("实收", street_paid)])))
    write = _writer(root, force)
    written.append(write(out / "index.html", index))
    rows = {b["id"]: b for b in data["branches"]}
    for card in data["cards"]:
        b = rows[card["id"]]
        due, paid = dues[card["id"]]
        page = env.get_template("branch").render(
            **common, page_title=f"{b['name']} {year}年评估", heading=f"{b['name']}（{b['id']}）",
            subheading=f"{data['street']} {year}年党支部标准化规范化建设评估", b=b, card=card,
            meetings_chart=Markup(svg.bar_chart(f"{year}年各月会议次数", labels,
                                                [("会议", [float(n) for n in b["meetings"][:shown]])], "次")),
            dues_chart=Markup(svg.bar_chart(f"{year}年各月党费（元）", labels,
                                            [("应交", due[:shown]), ("实收", paid[:shown])])))
        written.append(write(out / BRANCH_DIR / names[card["id"]], page))
    keep = {p.name for p in written}
    for stale in (out / BRANCH_DIR).glob("*.html"):
        if stale.name not in keep and made_by_us(stale):  # a page of a branch since removed
            stale.unlink()
    return written


def _writer(root: Path, force: bool):
    def write(path: Path, text: str) -> Path:
        write_output(path, text, force, root)
        return path
    return write
