"""Charts as inline SVG: no script, no web font, nothing fetched. Each chart scales with its
container (viewBox, width 100%) and carries a <title> and a text summary for screen readers.
"""

from __future__ import annotations

import math
from html import escape

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 30, 44
COLOURS = ("#c8102e", "#1f5fa8", "#8a6d00", "#3a7d44")


def _frame(title: str, body: list[str], summary: str) -> str:
    caption = f'<text x="{LEFT}" y="16" class="caption">{escape(title)}</text>'
    return (f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(summary)}" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{caption}' + "".join(body) + "</svg>")


def _x(i: int, n: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span * (i + 0.5) / n if n else span / 2)


def _y(value: float, top: float) -> float:
    span = HEIGHT - TOP - BOTTOM
    return HEIGHT - BOTTOM - (span * value / top if top else 0)


def _axes(labels: list[str], top: float, unit: str) -> list[str]:
    out = []
    for k in range(5):
        value = top * k / 4
        y = _y(value, top)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" class="grid"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">{value:g}{escape(unit)}</text>')
    step = max(1, len(labels) // 8)
    for i, label in enumerate(labels):
        if i % step == 0 or i == len(labels) - 1:
            out.append(f'<text x="{_x(i, len(labels)):.1f}" y="{HEIGHT - BOTTOM + 18}" class="tick" '
                       f'text-anchor="middle">{escape(label)}</text>')
    return out


def _legend(names: list[tuple[str, str, bool]]) -> list[str]:
    out, x = [], LEFT
    for name, colour, dashed in names:
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        out.append(f'<line x1="{x}" y1="{HEIGHT - 10}" x2="{x + 18}" y2="{HEIGHT - 10}" stroke="{colour}" '
                   f'stroke-width="3"{dash}/>')
        out.append(f'<text x="{x + 24}" y="{HEIGHT - 6}" class="tick">{escape(name)}</text>')
        x += 28 + 13 * len(name)
    return out


def line_chart(title: str, labels: list[str], series: list[tuple[str, list[float | None], bool]],
               unit: str = "%", top: float = 100.0) -> str:
    """Lines over the labels; a series is (name, values, dashed); None leaves a gap."""
    body = _axes(labels, top, unit)
    legend = []
    for k, (name, values, dashed) in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        legend.append((name, colour, dashed))
        points = [(_x(i, len(labels)), _y(v, top)) for i, v in enumerate(values) if v is not None]
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        if dashed and len(points) == 1:  # a target with one point: a level across the chart
            points = [(LEFT, points[0][1]), (WIDTH - RIGHT, points[0][1])]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"{dash}/>')
        if not dashed:
            body += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>' for x, y in points]
    body += _legend(legend)
    last = [f"{name} {values[-1]:g}{unit}" for name, values, _d in series if values and values[-1] is not None]
    return _frame(title, body, f"{title}：" + "，".join(last))


def bar_chart(title: str, labels: list[str], series: list[tuple[str, list[float]]], unit: str = "") -> str:
    """Grouped bars, one group per label."""
    top = max([v for _n, values in series for v in values] + [1])
    top = _nice(top)
    body = _axes(labels, top, unit)
    n, groups = len(series), len(labels)
    slot = (WIDTH - LEFT - RIGHT) / max(groups, 1)
    width = slot * 0.7 / max(n, 1)
    for k, (_name, values) in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        for i, value in enumerate(values):
            x = LEFT + slot * i + slot * 0.15 + width * k
            y = _y(value, top)
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{HEIGHT - BOTTOM - y:.1f}" '
                        f'fill="{colour}"><title>{escape(labels[i])} {_exact(value)}{escape(unit)}</title></rect>')
    body += _legend([(name, COLOURS[k % len(COLOURS)], False) for k, (name, _v) in enumerate(series)])
    totals = "，".join(f"{name}合计 {_exact(sum(values))}{unit}" for name, values in series)
    return _frame(title, body, f"{title}：{totals}")


def _exact(value: float) -> str:
    """A bar's value as the records have it: counts whole, money to the fen (18385.54, not 18385.5)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _nice(value: float) -> float:
    """A round axis maximum at or above `value` (a multiple of 4 for small counts: whole ticks)."""
    if value <= 40:
        return float(4 * math.ceil(value / 4))
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude
