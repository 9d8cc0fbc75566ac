"""A district's view from its streets' summaries: `dangjian rollup 汇总/*.json -o 区`.

Each street's CI writes `dangjian assess --format json` (the street summary, format below);
the district reads only those files, never a street's records, so no member's personal data
leaves a street. The summary is versioned: SUMMARY_FORMAT names it and SUMMARY_VERSION rises
whenever a field the roll-up reads changes meaning (docs/rollup.md lists the fields).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

SUMMARY_FORMAT = "dangjian-street-summary"
SUMMARY_VERSION = 1


class RollupError(Exception):
    """A summary that cannot be read; the message names the file (Chinese)."""


def header() -> dict:
    """The keys `assess --format json` puts first, so a reader knows what it holds."""
    from dangjian import __version__

    return {"format": SUMMARY_FORMAT, "format_version": SUMMARY_VERSION, "tool_version": __version__}


@dataclass(frozen=True)
class StreetRow:
    source: str  # file name
    street: str
    year: int
    as_of: str
    tool_version: str
    organisations: int
    counted: int
    members: int
    standard: tuple[int, int]  # (count, total) of 标准化规范化党支部
    strongest: tuple[int, int]
    weak: int
    due: Decimal
    owed: Decimal
    average_hours: str

    @property
    def standard_percent(self) -> str:
        return _percent(*self.standard)

    @property
    def strongest_percent(self) -> str:
        return _percent(*self.strongest)

    @property
    def dues_rate(self) -> str:
        return _percent_money(self.due - self.owed, self.due)


def _percent(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%" if total else "—"


def _percent_money(part: Decimal, whole: Decimal) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def _money(value, where: str) -> Decimal:
    """A street summary's total, by the one money rule (NaN or 1e999999 in a hand-edited
    summary would otherwise reach the district table or raise in its arithmetic)."""
    from dangjian.money import MoneyError, parse_money

    try:
        return parse_money(value, f"{where} 的金额")
    except MoneyError as exc:
        raise RollupError(str(exc)) from None


def read_summary(path: Path) -> StreetRow:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise RollupError(f"找不到汇总文件 {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RollupError(f"{path} 不是可读的 JSON：{exc}") from None
    if not isinstance(data, dict) or data.get("format") != SUMMARY_FORMAT:
        raise RollupError(f"{path} 不是街道汇总（应由 dangjian assess --format json 生成，"
                          f"其中 format 为 {SUMMARY_FORMAT}）")
    version = data.get("format_version")
    if version != SUMMARY_VERSION:
        raise RollupError(f"{path} 的汇总格式版本是 {version}，本版 dangjian 读取版本 {SUMMARY_VERSION}；"
                          f"请用同一版本的 dangjian 重新生成各街道的汇总，或换用能读取它的 dangjian")
    def rate(word: str) -> tuple[int, int]:
        found = next(r for r in data["rates"] if word in r["label"])
        return int(found["count"]), int(found["total"])

    try:
        totals = data["totals"]
        return StreetRow(
            source=path.name, street=str(data["street"]), year=int(data["year"]), as_of=str(data["as_of"]),
            tool_version=str(data.get("tool_version", "")),
            organisations=int(totals["organisations"]), counted=int(totals["counted"]),
            members=int(totals["members"]),
            standard=rate("标准化规范化"), strongest=rate("最强党支部"),
            weak=len(totals["weak"]), due=_money(totals["due"], str(path)), owed=_money(totals["owed"], str(path)),
            average_hours=str(totals["average_hours"]))
    except StopIteration:
        raise RollupError(f"{path} 的 rates 中缺少标准化规范化或最强党支部的比率（格式见 docs/rollup.md）") from None
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise RollupError(f"{path} 缺少或写错了字段 {exc}（格式见 docs/rollup.md）") from None


@dataclass(frozen=True)
class District:
    name: str
    rows: list[StreetRow]

    @property
    def years(self) -> list[int]:
        return sorted({r.year for r in self.rows})

    def totals(self) -> dict:
        due = sum((r.due for r in self.rows), Decimal(0))
        owed = sum((r.owed for r in self.rows), Decimal(0))
        standard = (sum(r.standard[0] for r in self.rows), sum(r.standard[1] for r in self.rows))
        strongest = (sum(r.strongest[0] for r in self.rows), sum(r.strongest[1] for r in self.rows))
        return {
            "streets": len(self.rows),
            "organisations": sum(r.organisations for r in self.rows),
            "counted": sum(r.counted for r in self.rows),
            "members": sum(r.members for r in self.rows),
            "standard": f"{standard[0]}/{standard[1]}", "standard_percent": _percent(*standard),
            "strongest": f"{strongest[0]}/{strongest[1]}", "strongest_percent": _percent(*strongest),
            "weak": sum(r.weak for r in self.rows),
            "due": f"{due:.2f}", "owed": f"{owed:.2f}", "dues_rate": _percent_money(due - owed, due),
        }


def build(paths: list[Path], name: str) -> District:
    rows = [read_summary(p) for p in paths]
    seen: dict[str, str] = {}
    for row in rows:
        if row.street in seen:
            raise RollupError(f"{seen[row.street]} 和 {row.source} 都是 {row.street} 的汇总；每个街道只能给一份")
        seen[row.street] = row.source
    return District(name, sorted(rows, key=lambda r: r.street))


COLUMNS = ("街道", "年度", "截至", "党组织", "参评", "党员", "标准化规范化", "最强党支部", "软弱涣散", "党费收缴率", "人均学时")


def table_rows(district: District) -> list[list[str]]:
    rows = [[r.street, str(r.year), r.as_of, str(r.organisations), str(r.counted), str(r.members),
             f"{r.standard[0]}/{r.standard[1]}（{r.standard_percent}）",
             f"{r.strongest[0]}/{r.strongest[1]}（{r.strongest_percent}）", str(r.weak), r.dues_rate, r.average_hours]
            for r in district.rows]
    t = district.totals()
    rows.append(["合计", "、".join(map(str, district.years)), "", str(t["organisations"]), str(t["counted"]),
                 str(t["members"]), f"{t['standard']}（{t['standard_percent']}）",
                 f"{t['strongest']}（{t['strongest_percent']}）", str(t["weak"]), t["dues_rate"], ""])
    return rows


def markdown(district: District) -> str:
    from dangjian.markdown import md_cell as cell
    from dangjian.markdown import md_text

    lines = [f"# {md_text(district.name)}党支部建设汇总", "",
             f"由 {len(district.rows)} 个街道的评估汇总生成（dangjian rollup），不含任何党员个人信息。", "",
             "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table_rows(district)]
    if len(district.years) > 1:
        lines += ["", f"注意：各街道的汇总年度不同（{'、'.join(map(str, district.years))}），合计仅供参考。"]
    return "\n".join(lines) + "\n"


def as_json(district: District) -> str:
    from dangjian import __version__

    data = {"format": "dangjian-district-rollup", "format_version": 1, "tool_version": __version__,
            "district": district.name, "totals": district.totals(),
            "streets": [dict(zip(COLUMNS, row, strict=True)) for row in table_rows(district)[:-1]]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def html(district: District) -> str:
    from jinja2 import Environment

    env = Environment(autoescape=True)
    template = env.from_string(_PAGE)
    return template.render(district=district, columns=COLUMNS, rows=table_rows(district),
                           totals=district.totals())


_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ district.name }}党支部建设汇总</title>
<style>
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:2em;color:#222}
h1{color:#b00}.cards{display:flex;flex-wrap:wrap;gap:1em;margin:1em 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.8em 1.2em;min-width:9em}
.card b{display:block;font-size:1.6em}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.4em .6em;text-align:right}th{background:#f6f1f1}
td:first-child,th:first-child{text-align:left}tr:last-child{font-weight:bold;background:#fafafa}
.warn{color:#b00}
</style></head><body>
<h1>{{ district.name }}党支部建设汇总</h1>
<p>由 {{ district.rows|length }} 个街道的评估汇总生成，不含任何党员个人信息。</p>
<div class="cards">
<div class="card">街道<b>{{ totals.streets }}</b></div>
<div class="card">党组织<b>{{ totals.organisations }}</b></div>
<div class="card">党员<b>{{ totals.members }}</b></div>
<div class="card">标准化规范化<b>{{ totals.standard_percent }}</b></div>
<div class="card">最强党支部<b>{{ totals.strongest_percent }}</b></div>
<div class="card">软弱涣散<b{% if totals.weak %} class="warn"{% endif %}>{{ totals.weak }}</b></div>
<div class="card">党费收缴率<b>{{ totals.dues_rate }}</b></div>
</div>
<table><thead><tr>{% for c in columns %}<th>{{ c }}</th>{% endfor %}</tr></thead><tbody>
{% for row in rows %}<tr>{% for c in row %}<td>{{ c }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>
{% if district.years|length > 1 %}<p class="warn">各街道的汇总年度不同，合计仅供参考。</p>{% endif %}
</body></html>
"""
