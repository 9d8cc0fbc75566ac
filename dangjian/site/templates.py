"""The dashboard's pages: one layout with its stylesheet inline, the street's overview and a
branch page. Jinja with autoescape: every value from the records is escaped; the charts are
SVG made by dangjian.site.svg and passed in as markup. No script anywhere."""

from __future__ import annotations

STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;
  color:#222;background:#f6f4f0;line-height:1.6;font-size:16px}
header{background:#b3131b;color:#fff;padding:14px 16px}
header h1{margin:0;font-size:1.25rem}
header p{margin:4px 0 0;font-size:.9rem;opacity:.9}
header a{color:#fff}
main{max-width:1100px;margin:0 auto;padding:12px}
section{background:#fff;border-radius:8px;padding:12px 14px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:1.1rem;margin:0 0 8px;border-left:4px solid #b3131b;padding-left:8px}
h3{font-size:1rem;margin:12px 0 6px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px}
.tile{border:1px solid #e4ddd3;border-radius:6px;padding:8px 10px}
.tile .n{font-size:1.6rem;font-weight:bold}
.tile .t{font-size:.85rem;color:#555}
.ok{color:#2e7d32}.bad{color:#b3131b}.warn{color:#a06a00}.na{color:#777}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:.85rem;background:#eee;margin:2px 2px 2px 0}
.badge.ok{background:#e3f1e4}.badge.bad{background:#fbe4e4}.badge.warn{background:#fff1d6}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #eee;padding:6px 6px;text-align:left;vertical-align:top}
th{background:#faf7f2;white-space:nowrap}
td.num{text-align:right;white-space:nowrap}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
svg.chart{width:100%;max-width:760px;height:auto;background:#fff}
svg .grid{stroke:#e6e6e6;stroke-width:1}
svg .tick{font-size:12px;fill:#555}
svg .caption{font-size:14px;fill:#222;font-weight:bold}
ul{margin:4px 0;padding-left:20px}
.basis{font-size:.78rem;color:#666;overflow-wrap:anywhere}
td.key,td.status{white-space:nowrap}
footer{font-size:.8rem;color:#666;text-align:center;padding:16px}
@media (max-width:600px){body{font-size:15px}th,td{padding:5px 4px}.tile .n{font-size:1.3rem}}
@media print{header{background:#fff;color:#000}section{box-shadow:none}}
"""

LAYOUT = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="dangjian">
<title>{{ page_title }}</title>
<style>{{ style }}</style>
</head>
<body>
<header><h1>{{ heading }}</h1><p>{{ subheading }}</p></header>
<main>
{% block body %}{% endblock %}
</main>
<footer>由 dangjian 根据台账生成（{{ generated }}）。本页不含脚本，离线可看；评估标准见 docs/assessment.md。</footer>
</body>
</html>
"""

CLASSES = {"达标": "ok", "保持": "ok", "具备评定条件": "ok", "达到": "ok", "否": "ok",
           "基本达标": "warn", "待评": "warn", "排查对象": "warn",
           "未达标": "bad", "不具备评定条件": "bad", "未达到": "bad", "应取消": "bad", "已认定": "bad"}


def status_class(status: str) -> str:
    """The CSS class of a status word (ok, warn, bad; na for anything else)."""
    if status.endswith("已取消"):
        return "bad"
    return CLASSES.get(status, "na")


INDEX = """{% extends "layout" %}{% block body %}
<section><h2>目标完成情况（CJ-1）</h2>
<div class="tiles">
{% for r in c.rates %}<div class="tile"><div class="n {{ cls(r.met) }}">{{ r.percent }}</div>
<div class="t">{{ r.label }}：{{ r.count }}/{{ r.total }}；目标 {{ r.target }}{% if r.met %}，{{ r.met }}{% endif %}</div></div>
{% endfor %}
<div class="tile"><div class="n {{ 'ok' if c.totals.weak|length <= c.weak_target else 'bad' }}">{{ c.totals.weak|length }} 个</div>
<div class="t">软弱涣散党组织（目标：动态清零）</div></div>
</div></section>
<section><h2>比例的变化</h2>{{ trend_chart }}
<p class="t">{{ trend_note }}</p></section>
<section><h2>各党组织</h2><div class="scroll"><table>
<tr><th>编号</th><th>名称</th><th>台账评估</th><th>评定</th><th>保持</th><th>最强党支部</th><th>软弱涣散</th><th>党费收缴率</th><th>人均学时</th></tr>
{% for b in c.branches %}<tr><td>{{ b.id }}</td><td><a href="branches/{{ pages[b.id] }}">{{ b.name }}</a>{% if not b.counted %}（不计入比例）{% endif %}</td>
<td class="{{ cls(b.meets) }}">{{ b.meets }}</td><td>{{ b.level or "—" }}</td><td class="{{ cls(b.keeps) }}">{{ b.keeps or "—" }}</td>
<td class="{{ cls(b.model) }}">{{ b.model }}</td>
<td>{{ "已认定" if b.designated and b.id in c.totals.weak else ("排查对象" if b.weak else "—") }}</td>
<td class="num">{{ b.dues.rate or "—" }}</td><td class="num">{{ b.average_hours or "—" }}</td></tr>
{% endfor %}</table></div></section>
<section><h2>会议和党费</h2><div class="charts"><div>{{ meetings_chart }}</div><div>{{ dues_chart }}</div></div>
<p>合计：党员 {{ c.totals.members }} 人，学时 {{ c.totals.hours }}（人均 {{ c.totals.average_hours or "—" }}）；
应交党费 {{ c.totals.due or "—" }} 元，欠交 {{ c.totals.owed or "—" }} 元，收缴率 {{ c.totals.rate or "—" }}。</p></section>
{% if attention %}<section><h2>需要关注</h2><ul>{% for n in attention %}<li>{{ n }}</li>{% endfor %}</ul></section>{% endif %}
{% if regional %}<section><h2>区域化党建</h2><ul>{% for n in regional %}<li>{{ n }}</li>{% endfor %}</ul>
{% if c.street_findings %}<h3>街道层面的台账问题</h3><ul>{% for f in c.street_findings %}
<li>{{ f.severity }} [{{ f.rule }}] {{ f.message }}（{{ f.path }} 第{{ f.line }}行）</li>{% endfor %}</ul>{% endif %}
</section>{% endif %}
{% endblock %}"""

BRANCH = """{% extends "layout" %}{% block body %}
<section><h2>{{ b.name }}（{{ b.kind }}，{{ b.sector }}）</h2>
<p><span class="badge {{ cls(b.meets) }}">台账评估：{{ b.meets }}</span>
<span class="badge">评定：{{ b.level or "未评定" }}</span>{% if b.keeps %}<span class="badge {{ cls(b.keeps) }}">{{ b.keeps }}</span>{% endif %}
<span class="badge {{ cls(b.model) }}">最强党支部：{{ b.model }}</span>
{% if b.term_state %}<span class="badge warn">换届：{{ b.term_end }} {{ b.term_state }}</span>{% endif %}</p>
<div class="charts"><div><h3>五化建设</h3><table>{% for a in card.wh %}<tr><td>{{ a.area }} {{ a.title }}</td>
<td class="{{ cls(a.status) }}">{{ a.status }}</td></tr>{% endfor %}</table></div>
<div><h3>创建内容（CJ-2）</h3><table>{% for a in card.cj %}<tr><td>{{ a.area }} {{ a.title }}</td>
<td class="{{ cls(a.status) }}">{{ a.status }}</td></tr>{% endfor %}</table></div></div></section>
<section><h2>评估项目</h2><div class="scroll"><table>
<tr><th>项目</th><th>内容和依据</th><th>结果</th></tr>
{% for x in card.lines %}<tr><td class="key">{{ x.key }}</td><td>{{ x.title }}
{% for f in x.findings %}<br><span class="{{ 'bad' if f.severity == '错误' else 'warn' }}">{{ f.severity }}：{{ f.message }}（{{ f.path }} 第{{ f.line }}行）</span>{% endfor %}
<div class="basis">规则：{{ x.rules|join("、") or ("计算：" ~ x.note) }}{% if x.records %}；台账：{{ x.records|join("、") }}{% endif %}</div></td>
<td class="{{ cls(x.status) }} status">{{ x.status }}</td></tr>
{% endfor %}</table></div></section>
<section><h2>会议和党费</h2><div class="charts"><div>{{ meetings_chart }}</div><div>{{ dues_chart }}</div></div></section>
<section><h2>评定、排查和待遇</h2><ul>
{% if b.decertify %}<li class="bad">应取消评定（CJ-4.1）：{{ b.decertify|join("；") }}</li>{% endif %}
<li>最强党支部（CJ-3.2）：{{ b.model }}{% if b.model_reasons %}——{{ b.model_reasons|join("；") }}{% endif %}</li>
{% if b.evaluation %}<li>创建考评（CJ-3.1）：申报{{ b.evaluation.level }}，申请 {{ b.evaluation.applied or "—" }}，组织评定 {{ b.evaluation.rating or "—" }}，
街道考评 {{ b.evaluation.review or "—" }}，区委验收 {{ b.evaluation.acceptance or "—" }}</li>{% endif %}
{% if b.designated %}<li class="bad">软弱涣散（CJ-2.5）：{{ b.designated.date }} 认定（{{ b.designated.reasons|join("；") }}）{% if b.designated.rectified %}，{{ b.designated.rectified }} 整顿完成{% endif %}</li>
{% elif b.weak %}<li class="warn">软弱涣散排查（CJ-2.5）：{{ b.weak|join("；") }}</li>{% endif %}
{% for n in b.notes %}<li>{{ n }}</li>{% endfor %}
</ul><h3>待遇（CJ-4.2）</h3><ul>{% for e in b.entitlements %}<li>{{ e }}</li>{% endfor %}</ul></section>
<p><a href="../index.html">← 返回街道总览</a></p>
{% endblock %}"""


def environment():
    from jinja2 import DictLoader, Environment, StrictUndefined

    env = Environment(loader=DictLoader({"layout": LAYOUT, "index": INDEX, "branch": BRANCH}), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["cls"] = status_class
    return env
