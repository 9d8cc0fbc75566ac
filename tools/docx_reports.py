"""Word templates of the monthly and annual reports and of the street summary."""

from __future__ import annotations

from docx_builder import FINDINGS, Builder
from docx_layout import add_row, table


def monthly() -> Builder:
    b = Builder()
    b.title()
    b.subtitle("{{ org.name }}　{{ period.start_cn }}至{{ period.end_cn }}")
    b.p("本月底有党员{{ members.total }}名（正式党员{{ members.full }}名，预备党员{{ members.probationary }}名）"
        "{% if members.joined or members.left %}；本月转入或接收{{ members.joined }}名，转出等减少{{ members.left }}名"
        "{% endif %}。")
    b.h1("一、组织生活")
    b.p("{%p if meetings %}")
    b.table(["日期", "类型", "主题", "应到", "实到", "到会率", "缺席人员及原因"], [10, 6, 10, 2.5, 2.5, 3.5, 7.5],
            "m in meetings", ["{{ m.date_cn }}", "{{ m.kinds }}{% if m.group %}（{{ m.group }}）{% endif %}",
                              "{{ m.topic }}", "{{ m.expected }}", "{{ m.present }}", "{{ m.rate }}",
                              "{{ m.absent_text }}"])
    b.p("{%p else %}", "本月没有会议记录。", "{%p endif %}")
    b.h1("二、主题党日")
    b.p("{%p if theme_day.held %}",
        "本月主题党日于{{ theme_day.date_cn }}开展，主题：{{ theme_day.topic }}。{% if theme_day.adjusted_reason %}"
        "未在固定日开展的原因：{{ theme_day.adjusted_reason }}。{% endif %}{% if theme_day.note %}"
        "说明：{{ theme_day.note }}。{% endif %}",
        "{%p else %}", "本月未开展主题党日{% if theme_day.planned_cn %}（计划日期{{ theme_day.planned_cn }}）{% endif %}。",
        "{%p endif %}")
    b.h1("三、学习培训")
    b.p("{%p if training.sessions %}")
    b.table(["日期", "名称", "学时", "参加人数", "组织单位"], [10, 16, 3, 4.5, 8.5], "t in training.sessions",
            ["{{ t.date_cn }}", "{{ t.title }}", "{{ t.hours }}", "{{ t.attendees }}", "{{ t.organiser }}"])
    b.p("本月培训{{ training.total_hours }}学时，党员参加合计{{ training.member_hours }}人次学时，"
        "人均{{ training.per_member }}学时。", "{%p else %}", "本月没有学习培训记录。", "{%p endif %}")
    b.h1("四、党费收缴")
    b.p("{%p if dues.available %}",
        "本月应交{{ dues.due }}元，实交{{ dues.paid }}元，欠交{{ dues.owed }}元"
        "{% if dues.remitted != '0.00' %}；上缴{{ dues.remitted }}元{% endif %}"
        "{% if dues.spent != '0.00' %}；支出{{ dues.spent }}元{% endif %}。",
        "{%p if dues.arrears %}", "截至本月底欠交党费的党员：")
    b.table(["姓名", "欠交月份", "欠交金额（元）"], [3, 6, 3], "a in dues.arrears",
            ["{{ a.name }}", "{{ a.months }}", "{{ a.amount }}"])
    b.p("{%p else %}", "截至本月底无欠交党费。", "{%p endif %}", "{%p if dues.note %}", "说明：{{ dues.note }}。",
        "{%p endif %}", "{%p else %}", "{{ dues.note or '暂无党费数据' }}。", "{%p endif %}")
    b.h1("五、发展党员")
    b.p("{%p if development %}")
    b.table(["姓名", "阶段", "应办事项", "期限", "状态"], [5, 5, 14, 10, 8], "d in development",
            ["{{ d.name }}", "{{ d.stage }}", "{{ d.step }}", "{{ d.due_cn }}",
             "{{ d.status }}"])
    b.p("{%p else %}", "本月没有到期的发展党员工作。", "{%p endif %}")
    b.h1("六、谈心谈话")
    b.p("{%p if talks %}")
    b.table(["日期", "谈话人", "谈话对象", "事由"], [10, 6, 6, 20], "t in talks",
            ["{{ t.date_cn }}", "{{ t.talker }}", "{{ t.talkee }}", "{{ t.reason }}"])
    b.p("{%p else %}", "本月没有谈心谈话记录。", "{%p endif %}")
    b.h1("七、台账校验发现的问题")
    b.p("截至本月底，台账校验尚有错误{{ findings_open.errors }}项、警告{{ findings_open.warnings }}项、"
        "提示{{ findings_open.notes }}项。{% if findings %}其中本月新出现错误{{ findings_count.errors }}项、"
        "警告{{ findings_count.warnings }}项、提示{{ findings_count.notes }}项：{% else %}本月没有新出现的问题。{% endif %}",
        "{%p if findings %}")
    b.table(*FINDINGS)
    b.p("{%p endif %}")
    b.h1("八、{{ next_month.label }}工作安排")
    b.p("{%p if next_month.entries %}")
    b.table(["日期", "事项", "说明"], [11, 9, 22], "i in next_month.entries",
            ["{{ i.date_cn }}{% if i.provisional %}（待复核）{% endif %}", "{{ i.what }}", "{{ i.note }}"])
    b.p("{%p else %}", "暂无计划事项。", "{%p endif %}", "{%p if next_month.note %}", "说明：{{ next_month.note }}。",
        "{%p endif %}")
    b.notice()
    return b


def annual() -> Builder:
    b = Builder()
    b.title()
    b.subtitle("{{ org.name }}　统计截至{{ as_of_cn }}")
    b.p("年初有党员{{ members.start }}名，年末{{ members.end }}名（正式党员{{ members.full }}名，预备党员"
        "{{ members.probationary }}名）；本年转入或接收{{ members.joined }}名，转出等减少{{ members.left }}名。")
    b.h1("一、“三会一课”等制度落实情况")
    b.p("{%p if records_note %}", "说明：{{ records_note }}。", "{%p endif %}")
    b.table(["项目", "规定周期", "应开", "按期召开", "全年次数", "未召开的期间"], [6, 5, 3, 4.5, 4.5, 19],
            "c in cadences", ["{{ c.kind }}", "{{ c.cadence }}", "{{ c.required }}", "{{ c.held }}",
                              "{{ c.meetings }}", "{{ c.missing or '无' }}"])
    b.p("{%p if groups %}")
    b.table(["党小组", "应开", "按期召开", "未召开的期间"], [3, 1.5, 1.8, 7], "g in groups",
            ["{{ g.name }}", "{{ g.required }}", "{{ g.held }}", "{{ g.missing or '无' }}"])
    b.p("{%p endif %}",
        "组织生活会：{% if life_meeting.count %}召开{{ life_meeting.count }}次（{{ life_meeting.dates }}）"
        "{% else %}本年未召开{% endif %}。",
        "民主评议党员：{% if appraisal.done %}已开展{% if appraisal.dates %}（{{ appraisal.dates }}）{% endif %}，"
        "评定等次{{ appraisal.graded }}人{% for g in appraisal.grades %}{{ '：' if loop.first else '，' }}{{ g.grade }}"
        "{{ g.count }}人{% endfor %}{% else %}本年未开展{% endif %}。",
        "谈心谈话：{{ talks }}次。")
    b.h1("二、发展党员")
    b.p("本年递交入党申请{{ pipeline.applied }}人，确定入党积极分子{{ pipeline.activists }}人，确定发展对象"
        "{{ pipeline.candidates }}人，接收预备党员{{ pipeline.admitted }}人，预备党员转正{{ pipeline.confirmed }}人。"
        "年末有入党申请人{{ pipeline.standing_applicants }}人、入党积极分子{{ pipeline.standing_activists }}人、"
        "发展对象{{ pipeline.standing_candidates }}人。")
    b.h1("三、党费收缴、上缴和使用")
    b.p("{%p if dues.available %}",
        "全年应交{{ dues.due }}元，实交{{ dues.paid }}元，欠交{{ dues.owed }}元；上缴{{ dues.remitted }}元，"
        "支出{{ dues.spent }}元，结余{{ dues.balance }}元。", "{%p if dues.arrears %}")
    b.table(["欠交党员", "欠交月份", "欠交金额（元）"], [3, 6, 3], "a in dues.arrears",
            ["{{ a.name }}", "{{ a.months }}", "{{ a.amount }}"])
    b.p("{%p endif %}", "{%p if dues.note %}", "说明：{{ dues.note }}。", "{%p endif %}", "{%p else %}",
        "{{ dues.note or '暂无党费数据' }}。", "{%p endif %}")
    b.h1("四、学习培训")
    b.p("全年培训{{ training.sessions }}次，共{{ training.total_hours }}学时；党员人均{{ training.per_member }}学时"
        "{% if training.required %}，年度要求{{ training.required }}学时，未达到的{{ training.below }}人{% endif %}。")
    b.table(["姓名", "学时", "达到要求"], [4, 3, 3], "m in training.members",
            ["{{ m.name }}", "{{ m.hours }}", "{{ m.ok or '—' }}"])
    b.h1("五、承诺与评定")
    b.p("公开承诺{{ ratings.commitments }}人，述诺{{ ratings.reports }}人次。", "{%p if ratings.stars %}")
    b.table(["姓名", "星级", "等次"], [4, 3, 3], "s in ratings.stars", ["{{ s.name }}", "{{ s.stars }}", "{{ s.grade }}"])
    b.p("{%p else %}", "本年没有星级评定记录。", "{%p endif %}")
    b.h1("六、班子换届")
    b.p("{%p if election.status == '未记录' %}", "台账未记录本届委员会。", "{%p else %}",
        "本届（{{ election.session or '本届' }}）委员会于{{ election.elected_cn }}选举产生，任期{{ election.term_years }}年，"
        "{{ election.expires_cn }}届满。状态：{{ election.status }}。", "{%p endif %}")
    b.h1("七、台账校验发现的问题")
    b.p("{%p if findings %}", "错误{{ findings_count.errors }}项，警告{{ findings_count.warnings }}项，"
        "提示{{ findings_count.notes }}项。")
    b.table(*FINDINGS)
    b.p("{%p else %}", "台账校验未发现问题。", "{%p endif %}")
    b.notice()
    return b


def summary() -> Builder:
    b = Builder(landscape=True)
    b.title()
    b.subtitle("{{ street }}　{{ period.label }}，共{{ rows|length }}个党组织")
    # Columns vary by report kind: a {%tc %} loop makes one cell per column (docxtpl needs the loop
    # tags in cells of their own, which it removes).
    made, twips = table(b.doc, ["{%tc for c in columns %}", "{{ c }}", "{%tc endfor %}"], [1, 1, 1], True)
    add_row(b.doc, made, ["{%tr for r in rows %}", "", ""], twips)
    add_row(b.doc, made, ["{%tc for cell in r %}", "{{ cell }}", "{%tc endfor %}"], twips)
    add_row(b.doc, made, ["{%tr endfor %}", "", ""], twips)
    add_row(b.doc, made, ["{%tr if totals %}", "", ""], twips)
    add_row(b.doc, made, ["{%tc for cell in totals %}", "{{ cell }}", "{%tc endfor %}"], twips)
    add_row(b.doc, made, ["{%tr endif %}", "", ""], twips)
    b.p("{%p if notes %}", "说明：", "{%p for n in notes %}", "{{ loop.index }}. {{ n }}", "{%p endfor %}", "{%p endif %}",
        "{%p if findings %}", "记录库层面的校验问题：")
    made, twips = table(b.doc, FINDINGS[0], FINDINGS[1], True)
    add_row(b.doc, made, ["{%tr for f in findings %}", "", "", ""], twips)
    add_row(b.doc, made, FINDINGS[3], twips)
    add_row(b.doc, made, ["{%tr endfor %}", "", "", ""], twips)
    b.p("{%p endif %}")
    b.notice()
    return b
