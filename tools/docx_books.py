"""Word templates of the 三册四簿 (XZ-6.3) and the ZW-4 archives."""

from __future__ import annotations

from docx_builder import Builder


def roster() -> Builder:
    b = Builder(landscape=True)
    b.title()
    b.subtitle("{{ org.name }}　{{ period.label }}，共{{ count }}名党员（{{ sort_label }}排列）")
    b.table(["序号", "姓名", "性别", "民族", "出生日期", "学历", "入党日期", "转正日期", "党小组", "工作单位及职务",
             "身份证号", "手机号", "备注"], [7, 13, 7, 8, 24, 14, 24, 24, 17, 20, 31, 20, 14], "m in members",
            ["{{ m.no }}", "{{ m.name }}", "{{ m.gender }}", "{{ m.ethnicity }}", "{{ m.birth_cn }}", "{{ m.education }}",
             "{{ m.joined_cn }}", "{{ m.full_member_cn or m.status }}", "{{ m.group }}",
             "{{ m.workplace }}{% if m.position %} {{ m.position }}{% endif %}", "{{ m.id_number }}", "{{ m.phone }}",
             "{{ m.flags }}{% if m.flags and m.note %}；{% endif %}{{ m.note }}"], small=True)
    b.p("{%p if changes %}")
    b.h2("本年组织关系变动")
    b.table(["姓名", "类型", "日期", "转入自或转出到"], [2, 2, 3, 8], "c in changes",
            ["{{ c.name }}", "{{ c.kind }}", "{{ c.date_cn }}", "{{ c.counterpart }}"])
    b.p("{%p endif %}")
    b.notice()
    return b


def applicants() -> Builder:
    b = Builder(landscape=True)
    b.title()
    b.subtitle("{{ org.name }}　{{ period.label }}（{{ sort_label }}排列）")
    b.h1("一、发展对象")
    b.p("{%p if candidates %}")
    b.table(["序号", "姓名", "性别", "出生日期", "申请日期", "确定为积极分子", "确定为发展对象", "培养联系人", "培训学时",
             "政审日期", "入党介绍人", "下一步"], [7, 13, 7, 24, 24, 24, 24, 20, 10, 24, 20, 28],
            "a in candidates", ["{{ a.no }}", "{{ a.name }}", "{{ a.gender }}", "{{ a.birth_cn }}", "{{ a.applied_cn }}",
                                "{{ a.activist_cn }}", "{{ a.candidate_cn }}", "{{ a.mentors }}", "{{ a.training_hours }}",
                                "{{ a.vetted_cn }}", "{{ a.sponsors }}", "{{ a.next_step }}"], small=True)
    b.p("{%p else %}", "无。", "{%p endif %}")
    b.h1("二、入党积极分子")
    b.p("{%p if activists %}")
    b.table(["序号", "姓名", "性别", "出生日期", "申请日期", "确定为积极分子", "培养联系人", "下一步", "期限"],
            [1, 1.6, 1, 2.3, 2.3, 2.3, 2.4, 4, 2.3], "a in activists",
            ["{{ a.no }}", "{{ a.name }}", "{{ a.gender }}", "{{ a.birth_cn }}", "{{ a.applied_cn }}", "{{ a.activist_cn }}",
             "{{ a.mentors }}", "{{ a.next_step }}", "{{ a.next_due_cn }}"])
    b.p("{%p else %}", "无。", "{%p endif %}")
    b.h1("三、入党申请人")
    b.p("{%p if applicants %}")
    b.table(["序号", "姓名", "性别", "出生日期", "申请日期", "谈话日期", "下一步", "期限"], [1, 1.6, 1, 2.3, 2.3, 2.3, 4.5, 2.3],
            "a in applicants", ["{{ a.no }}", "{{ a.name }}", "{{ a.gender }}", "{{ a.birth_cn }}", "{{ a.applied_cn }}",
                                "{{ a.talked_cn }}", "{{ a.next_step }}", "{{ a.next_due_cn }}"])
    b.p("{%p else %}", "无。", "{%p endif %}")
    b.notice()
    return b


def special_groups() -> Builder:
    b = Builder(landscape=True)
    b.title()
    b.subtitle("{{ org.name }}　{{ period.label }}（{{ sort_label }}排列）")
    b.p("{%p for g in groups %}")
    b.h1("{{ loop.index }}. {{ g.name }}（{{ g.count }}人）")
    b.p("{%p if g.members %}")
    b.table(["序号", "姓名", "性别", "年龄", "党龄", "党小组", "手机号", "结对帮扶", "备注"], [1, 2, 1, 1, 1, 2.2, 2.6, 3.5, 3],
            "m in g.members", ["{{ m.no }}", "{{ m.name }}", "{{ m.gender }}", "{{ m.age }}", "{{ m.standing }}",
                               "{{ m.group }}", "{{ m.phone }}", "{{ m.pairing }}", "{{ m.note }}"])
    b.p("{%p else %}", "无。", "{%p endif %}", "{%p endfor %}")
    b.notice()
    return b


def meetings() -> Builder:
    b = Builder()
    b.title()
    b.subtitle("{{ org.name }}　{{ period.start_cn }}至{{ period.end_cn }}")
    b.p("共{{ count }}次{% for k in by_kind %}{{ '：' if loop.first else '，' }}{{ k.kind }}{{ k.count }}次{% endfor %}。")
    b.p("{%p for m in meetings %}")
    b.h1("{{ m.date_cn }}　{{ m.kinds }}{% if m.group %}（{{ m.group }}）{% endif %}")
    b.p("主题：{{ m.topic }}", "{%p if m.place %}", "地点：{{ m.place }}", "{%p endif %}",
        "主持人：{{ m.host or '未记录' }}；记录人：{{ m.recorder or '未记录' }}{% if m.lecturer %}；授课人：{{ m.lecturer }}"
        "{% endif %}", "应到{{ m.expected }}人，实到{{ m.present }}人，到会率{{ m.rate }}。", "缺席：{{ m.absent_text }}",
        "{%p if m.guests %}", "列席：{{ m.guests }}", "{%p endif %}", "{%p if m.adjusted_reason %}",
        "调整原因：{{ m.adjusted_reason }}", "{%p endif %}", "{%p for v in m.votes %}",
        "{{ v.kind }}：{{ v.matter }}（赞成{{ v.yes }}，反对{{ v.no }}，弃权{{ v.abstain }}）", "{%p endfor %}",
        "{%p if m.minutes %}", "{{ m.minutes }}", "{%p endif %}", "{%p else %}", "本期没有会议记录。", "{%p endfor %}")
    b.notice()
    return b


def study() -> Builder:
    b = Builder()
    b.title()
    b.subtitle("{{ org.name }}　{{ period.start_cn }}至{{ period.end_cn }}")
    b.h1("一、学习培训")
    b.p("{%p if sessions %}")
    b.table(["日期", "名称", "学时", "组织单位", "参加人数", "参加人员"], [10, 10, 3, 6, 4.5, 8.5], "s in sessions",
            ["{{ s.date_cn }}", "{{ s.title }}", "{{ s.hours }}", "{{ s.organiser }}", "{{ s.attendees }}", "{{ s.names }}"])
    b.p("合计{{ total_hours }}学时。", "{%p else %}", "本期没有学习培训记录。", "{%p endif %}")
    b.h1("二、党课")
    b.p("{%p if lectures %}")
    b.table(["日期", "主题", "授课人", "听课人数"], [10, 19, 6, 4.5], "l in lectures",
            ["{{ l.date_cn }}", "{{ l.topic }}", "{{ l.lecturer }}", "{{ l.present }}"])
    b.p("{%p else %}", "本期没有党课记录。", "{%p endif %}")
    b.h1("三、党员学时")
    b.table(["姓名", "参加次数", "学时"], [4, 3, 3], "m in members", ["{{ m.name }}", "{{ m.sessions }}", "{{ m.hours }}"])
    b.notice()
    return b


def service() -> Builder:
    b = Builder()
    b.title()
    b.subtitle("{{ org.name }}　{{ period.start_cn }}至{{ period.end_cn }}")
    b.h1("一、志愿服务")
    b.p("{%p if services %}")
    b.table(["日期", "名称", "参加人数", "参加人员"], [10, 13, 4.5, 14.5], "s in services",
            ["{{ s.date_cn }}", "{{ s.title }}", "{{ s.participants }}", "{{ s.names }}"])
    b.p("{%p else %}", "本期没有志愿服务记录。", "{%p endif %}")
    b.h1("二、结对帮扶")
    b.p("{%p if pairings %}")
    b.table(["党员", "帮扶对象", "开始日期"], [8, 24, 10], "p in pairings", ["{{ p.member }}", "{{ p.household }}", "{{ p.since_cn }}"])
    b.p("{%p else %}", "本期没有结对帮扶记录。", "{%p endif %}")
    b.h1("三、在职党员到社区报到")
    b.p("{%p if registered %}")
    b.table(["姓名", "工作单位"], [3, 8], "r in registered", ["{{ r.name }}", "{{ r.workplace }}"])
    b.p("{%p else %}", "无。", "{%p endif %}")
    b.h1("四、党员参加志愿服务次数")
    b.table(["姓名", "次数"], [4, 3], "m in members", ["{{ m.name }}", "{{ m.count }}"])
    b.notice()
    return b


def dues() -> Builder:
    b = Builder(landscape=True)
    b.title()
    b.subtitle("{{ org.name }}　账目截至{{ as_of_cn }}{% if assessed_cn %}；{{ assessed_cn }}核定月交额{% endif %}")
    b.h1("一、党员党费交纳明细")
    b.p("{%p if accounts %}")
    months = [f"{n}月" for n in range(1, 13)]
    b.table(["序号", "姓名", "类别", "基数", "比例", "月交额", *months, "实交", "欠交"],
            [6, 12, 12, 14, 8, 12, *[11.3] * 12, 14, 11], "a in accounts",  # millimetres of the 225 mm 版心
            ["{{ a.no }}", "{{ a.name }}", "{{ a.category }}", "{{ a.base }}", "{{ a.rate }}", "{{ a.monthly }}",
             *[f"{{{{ a.months[{n}].text }}}}" for n in range(12)], "{{ a.paid }}", "{{ a.owed }}"], small=True)
    b.p("月份栏：金额为已交；“欠交”为已到期未交；“—”为该月不在本支部。", "{%p else %}",
        "{{ totals.note or '本年度没有党费账' }}。", "{%p endif %}")
    b.h1("二、党费收缴使用情况公布表")
    b.p("{%p if totals.available %}")
    b.table(["期间", "应交（元）", "实交（元）", "欠交（元）", "上缴（元）", "支出（元）", "结余（元）", "其中应上缴中央（元）"],
            [3, 2, 2, 2, 2, 2, 2, 2.6], "p in publication",
            ["{{ p.label }}", "{{ p.due }}", "{{ p.paid }}", "{{ p.owed }}", "{{ p.remitted }}", "{{ p.spent }}",
             "{{ p.balance }}", "{{ p.central }}"])
    b.p("{%p if totals.note %}", "说明：{{ totals.note }}。", "{%p endif %}", "{%p else %}",
        "{{ totals.note or '暂无党费数据' }}。", "{%p endif %}",
        "{%p if remittances %}", "上缴记录：{% for r in remittances %}{{ r.date_cn }}{{ r.amount }}元{% if r.to %}（{{ r.to }}）"
        "{% endif %}{{ '；' if not loop.last else '。' }}{% endfor %}", "{%p endif %}",
        "{%p if spending %}", "支出记录：{% for s in spending %}{{ s.date_cn }}{{ s.amount }}元{% if s.note %}（{{ s.note }}）"
        "{% endif %}{{ '；' if not loop.last else '。' }}{% endfor %}", "{%p endif %}",
        "公布情况：{% if published %}{% for p in published %}{{ p.date_cn }}公布{{ p.period }}"
        "{{ '；' if not loop.last else '。' }}{% endfor %}{% else %}尚未公布。{% endif %}")
    b.notice()
    return b


def branch_archive() -> Builder:
    b = Builder(landscape=True)
    b.title()
    b.h1("一、支部档案")
    b.h2("（一）基本情况")
    b.p("名称：{{ branch.name }}（{{ branch.kind }}，{{ branch.sector }}）",
        "成立日期：{{ branch.founded_cn or '未记录' }}{% if branch.approval %}，批准文号：{{ branch.approval }}{% endif %}",
        "书记：{{ branch.secretary or '未记录' }}；上级党组织：{{ branch.parent }}",
        "{%p if branch.address %}", "地址：{{ branch.address }}", "{%p endif %}",
        "{%p for g in branch.groups %}", "{{ g.name }}：组长{{ g.leader or '未记录' }}，{{ g.size }}人", "{%p endfor %}")
    b.h2("（二）人员构成（截至{{ as_of_cn }}）")
    b.p("党员{{ composition.total }}名。",
        "{%p for part, label in [(composition.gender, '性别'), (composition.status, '类别'), (composition.age, '年龄'), "
        "(composition.education, '学历'), (composition.flags, '特殊群体')] if part %}",
        "{{ label }}：{% for c in part %}{{ c.label }}{{ c.count }}人{{ '，' if not loop.last else '' }}{% endfor %}",
        "{%p endfor %}")
    b.h2("（三）委员会")
    b.p("{%p if committees %}")
    b.table(["届次", "选举日期", "任期（年）", "委员"], [3, 3, 2, 10], "c in committees",
            ["{{ c.session or '—' }}{% if c.current %}（本届）{% endif %}", "{{ c.elected_cn }}", "{{ c.term_years }}",
             "{{ c.seats }}"])
    b.p("{%p else %}", "台账未记录委员会。", "{%p endif %}")
    b.h2("（四）历年发展党员情况")
    b.p("{%p if development %}")
    b.table(["年份", "确定积极分子", "接收预备党员", "转正"], [2, 3, 3, 3], "d in development",
            ["{{ d.year }}", "{{ d.activists }}", "{{ d.admitted }}", "{{ d.confirmed }}"])
    b.p("{%p else %}", "台账没有发展党员记录。", "{%p endif %}")
    b.h2("（五）后备干部")
    b.p("{{ reserve_note }}。")
    b.h1("二、党员个人档案（{{ period.label }}）")
    b.h2("（一）参加会议、学习培训和评议")
    b.table(["姓名", "基本情况", "参加会议", "缺席及原因", "学习培训", "谈心谈话", "志愿服务与帮扶", "评议、星级"],
            [1.5, 3.6, 2, 3, 1.8, 3, 2.3, 2.5], "m in members",
            ["{{ m.name }}", "{{ m.gender }}，{{ m.birth_cn }}出生，{{ m.joined_cn }}入党{% if m.group %}，{{ m.group }}{% endif %}"
             "{% if m.flags %}，{{ m.flags }}{% endif %}",
             "应{{ m.meetings_expected }}次，实{{ m.meetings_attended }}次，{{ m.attendance_rate }}", "{{ m.absences or '无' }}",
             "{{ m.training_sessions }}次，{{ m.training_hours }}学时", "{{ m.talks or '无' }}",
             "{{ m.services }}次{% if m.pairings %}；帮扶{{ m.pairings }}{% endif %}",
             "{{ m.appraisal or '—' }}{% if m.stars %} {{ m.stars }}星{% endif %}"])
    # ZW-4 also asks for 参政议政, 思想动态 and 奖励: their own table, each saying so when nothing is recorded.
    b.h2("（二）参政议政、思想动态和受奖励")
    b.table(["姓名", "参政议政", "思想动态（思想汇报）", "受奖励"], [1.5, 6, 8, 4], "m in members",
            ["{{ m.name }}", "{{ m.deliberations }}", "{{ m.thoughts }}", "{{ m.awards }}"])
    b.notice()
    return b
