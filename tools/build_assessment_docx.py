"""Build templates/assessment.docx, the Word template of `dangjian assess --format docx`.

    .venv/bin/python tools/build_assessment_docx.py [OUTPUT_DIR]

Same page layout (GB/T 9704, docx_layout.py) and vocabulary (docx_builder.py) as the report
templates of build_docx_templates.py; the variables are those of `dangjian assess --format json`
plus `attention` and `branch_of` (docs/assessment.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx_builder import Builder
from docx_layout import add_row, table

OUT = Path(__file__).resolve().parent.parent / "templates"
WEAK = '{{ "已认定" if b.designated and b.id in totals.weak else ("排查对象" if b.weak else "—") }}'


def loop_table(b: Builder, headers: list[str], widths: list[float], loop: str, cells: list[str]) -> None:
    made, twips = table(b.doc, headers, widths, b.landscape, True)
    blank = [""] * (len(headers) - 1)
    add_row(b.doc, made, [f"{{%tr for {loop} %}}", *blank], twips, True)
    add_row(b.doc, made, cells, twips, True)
    add_row(b.doc, made, ["{%tr endfor %}", *blank], twips, True)


def assessment() -> Builder:
    b = Builder(landscape=True)
    b.title()
    b.subtitle("{{ street }}　规则集 {{ profile }}　评估截至 {{ as_of|cn_date }}")
    b.h1("一、目标完成情况（CJ-1）")
    loop_table(b, ["项目", "数量", "比例", "目标", "结果"], [22, 7, 7, 12, 7], "r in rates",
               ["{{ r.label }}", "{{ r.count }}/{{ r.total }}", "{{ r.percent }}", "{{ r.target }}", "{{ r.met }}"])
    b.p("软弱涣散党组织（排查对象和未整顿完成的）{{ totals.weak|length }} 个，目标动态清零。计入比例的党组织 "
        "{{ totals.counted }} 个。“已评定并保持”：持有评定且当年台账仍达到标准、未被认定为软弱涣散（CJ-4.1）。")
    b.h1("二、各党组织")
    loop_table(b, ["编号", "名称", "计入", "台账评估", "评定", "保持", "最强党支部", "软弱涣散", "党费收缴率", "人均学时"],
               [5, 11, 3, 5, 8, 6, 6, 5, 5, 4], "b in branches",
               ["{{ b.id }}", "{{ b.name }}", '{{ "是" if b.counted else "否" }}', "{{ b.meets }}", '{{ b.level or "—" }}',
                '{{ b.keeps or "—" }}', "{{ b.model }}", WEAK, '{{ b.dues.rate or "—" }}', '{{ b.average_hours or "—" }}'])
    b.p("合计：党员 {{ totals.members }} 人，学时 {{ totals.hours }}，学时不足 {{ totals.short_hours }} 人；应交党费 "
        "{{ totals.due }} 元，欠交 {{ totals.owed }} 元，收缴率 {{ totals.rate }}。")
    b.p("{%p if attention %}")
    b.h1("三、需要关注")
    b.p("{%p for n in attention %}", "{{ loop.index }}. {{ n }}", "{%p endfor %}", "{%p endif %}", "{%p if regional %}")
    b.h1("四、区域化党建")
    b.p("{%p for n in regional %}", "{{ loop.index }}. {{ n }}", "{%p endfor %}", "{%p endif %}")
    b.p("{%p for card in cards %}")
    b.h1("{{ card.id }} {{ card.name }}")
    b.p("{% set s = branch_of[card.id] %}台账评估：{{ s.meets }}；评定：{{ s.level or '未评定' }} {{ s.keeps }}；"
        "最强党支部：{{ s.model }}{% if s.model_reasons %}（{{ s.model_reasons|join('；') }}）{% endif %}。")
    loop_table(b, ["项目", "内容", "结果", "依据（规则）"], [8, 20, 6, 26], "x in card.lines",
               ["{{ x.key }}", "{{ x.title }}", "{{ x.status }}", '{{ x.rules|join("、") or x.note }}'])
    b.p("待遇（CJ-4.2）：{{ branch_of[card.id].entitlements|join('；') }}", "{%p endfor %}")
    b.p("评估依据台账和 street/ 中的考评记录，评估标准见 docs/assessment.md。")
    b.notice(("{{ street }}", "{{ as_of|cn_date }}"))  # the street signs its own assessment
    return b


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    out.mkdir(parents=True, exist_ok=True)
    assessment().save(out, "assessment.docx")
    print(f"assessment.docx 已写入 {out.name}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
