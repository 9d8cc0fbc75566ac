"""The street's own records for the example street (records/street/), and the certification
programme's data that lives in the branches (创建评定, 述职评议 results). Used by make_example.py.

The story of the example, as `dangjian assess` tells it (docs/assessment.md checks it by hand):
CN01 and CN03 were named 最强党支部 in the 2025 round; CN04, CN05, CN08, CN09 and CN11 are
标准化规范化; CN05 applied for 最强 in 2025 and was turned down (党员评价优秀率 below 90%,
a negative department report); CN06 was found 软弱涣散 in 2025 and rectified the same year;
CN02 was found 软弱涣散 in February 2026 (its 2025 述职评议 was 一般, complaints confirmed) and
its certification was cancelled; CN06 and CN10 apply in the 2026 round. The weakness of CN02 is
the street's judgement in its evaluation records, not a gap in CN02's own records: the example
street must validate clean.

A separate random stream (seeded from the example's seed) keeps the branches' records unchanged.
"""

from __future__ import annotations

import datetime as dt
import math
import random

LEADERS = (("郑国华", "党工委书记", ("CN01", "CN08")), ("何丽萍", "党工委副书记、办事处主任", ("CN02", "CN05")),
           (None, "党工委委员、组织委员", ("CN03", "CN06")), ("蒋文涛", "党工委委员、宣传委员", ("CN04", "CN09")),
           (None, "党工委委员、武装部长", ("CN07", "CN10", "CN11")))
PARTNERS = (
    ("GJ01", "东湖区人民医院", "驻区单位", "中共东湖区人民医院委员会", ("CN01",), dt.date(2024, 3, 15)),
    ("GJ02", "城南实验小学", "事业单位", "中共城南实验小学支部委员会", ("CN02",), dt.date(2024, 3, 15)),
    ("GJ03", "清江银行城南支行", "国有企业", "中共清江银行城南支行支部委员会", ("CN08",), dt.date(2024, 4, 10)),
    ("GJ04", "东湖区税务局", "区直机关", "中共东湖区税务局机关委员会", ("CN08", "CN02"), dt.date(2024, 4, 10)),
    ("GJ05", "国网东湖供电公司", "国有企业", "中共国网东湖供电公司委员会", ("CN01",), dt.date(2024, 6, 18)),
    ("GJ06", "城南物业服务有限公司", "非公企业", "中共城南物业服务有限公司支部委员会", ("CN02",), dt.date(2025, 7, 1)),
)
# partner → (kind, project, need, resource) for 实事, 活动, 难题
PROJECTS = {
    "GJ01": (("实事", "家庭医生上门随访", "高龄独居老人就医不便", "医护志愿服务队"),
             ("活动", "健康讲座进社区", "居民慢病防治知识缺乏", "健康科普讲师"),
             ("难题", "社区卫生室设备更新", "社区卫生室设备老旧", "闲置医疗设备和技术指导")),
    "GJ02": (("实事", "“四点半课堂”", "双职工家庭孩子放学后无人照看", "教师志愿者和活动教室"),
             ("活动", "红色故事进校园", "青少年教育活动阵地少", "学校礼堂和少先队辅导员"),
             ("难题", "上下学时段交通疏导", "学校周边上下学时段交通拥堵", "家长志愿者护学岗")),
    "GJ03": (("实事", "反诈宣传进小区", "老年人金融诈骗风险高", "金融志愿者"),
             ("活动", "金融知识讲座", "居民理财知识缺乏", "理财经理宣讲团"),
             ("难题", "老年人移动支付使用难", "老年人不会使用手机支付", "网点“爱心窗口”和上门服务")),
    "GJ04": (("实事", "个税汇算上门辅导", "退休人员和灵活就业人员办税不便", "税务服务专员"),
             ("活动", "税法宣传月进社区", "居民税法知识缺乏", "税法宣讲员"),
             ("难题", "个体工商户办税难", "沿街个体工商户不会网上办税", "“税务管家”结对辅导")),
    "GJ05": (("实事", "老旧小区线路安全检查", "老旧小区线路老化", "供电抢修服务队"),
             ("活动", "安全用电宣传", "居民安全用电意识不强", "安全用电宣讲员"),
             ("难题", "电动自行车充电桩建设", "电动自行车充电难、飞线充电隐患大", "充电设施规划和技术支持")),
    "GJ06": (("实事", "楼道杂物清理", "楼道堆物影响消防通道", "物业保洁和维修人员"),
             ("活动", "邻里节", "新建小区邻里交往少", "小区活动场地"),
             ("难题", "小区停车位紧张", "夜间停车难、占用消防通道", "错时共享停车位")),
}
COMMUNITIES = ("CN01", "CN02", "CN08")
VISIT_TEXT = ("参加支部主题党日，听取支部工作汇报", "走访困难党员和群众，了解诉求", "督导支部标准化规范化建设",
              "进小区走访居民，听取对社区工作的意见", "参加支委会，研究解决支部工作难题")
# The park circle (QY-1): the non-public enterprises among the partners, led by CN05; QY-2's joint
# meetings and QY-13's monthly visits are judged for it only.
CIRCLE = {"名称": "城南科创园党建共建圈", "成立日期": dt.date(2025, 7, 1), "核心党组织": "CN05", "成员单位": ["GJ06"]}
CIRCLE_VISITOR = "何丽萍"
EXTERNAL = (("宋立群", "GJ04", "CN08"), ("梁晓东", "GJ04", "CN02"), ("韩雅琴", "GJ01", "CN01"))

# The 2025 secretary's report to the 街道党工委 (述职评议) where the story needs a given result.
DUTY_RESULTS = {"CN01": "优秀", "CN02": "一般", "CN03": "优秀", "CN05": "优秀"}
CERTS: dict[str, list[dict]] = {
    "CN01": [{"年度": 2024, "等级": "标准化规范化党支部", "批准文号": "东湖组〔2025〕4号"},
             {"年度": 2025, "等级": "最强党支部", "党员评价优秀率": None, "批准文号": "东湖组〔2026〕6号"}],
    "CN02": [{"年度": 2023, "等级": "标准化规范化党支部", "批准文号": "东湖组〔2024〕3号", "取消日期": dt.date(2026, 2, 27),
              "取消原因": "2026年2月被街道党工委认定为软弱涣散党组织"}],
    "CN03": [{"年度": 2024, "等级": "标准化规范化党支部", "批准文号": "东湖组〔2025〕4号"},
             {"年度": 2025, "等级": "最强党支部", "党员评价优秀率": None, "批准文号": "东湖组〔2026〕6号"}],
    "CN04": [{"年度": 2025, "等级": "标准化规范化党支部", "批准文号": "东湖组〔2026〕6号"}],
    "CN05": [{"年度": 2024, "等级": "标准化规范化党支部", "批准文号": "东湖组〔2025〕4号"}],
    "CN08": [{"年度": 2025, "等级": "标准化规范化党支部", "批准文号": "东湖组〔2026〕6号"}],
    "CN09": [{"年度": 2024, "等级": "标准化规范化党支部", "批准文号": "东湖组〔2025〕4号"}],
    "CN11": [{"年度": 2024, "等级": "标准化规范化党支部", "批准文号": "东湖组〔2025〕4号"}],
}
# 2025 round: org → (level applied for, 组织评定, share of members rating the branch 优秀, department opinion)
ROUND_2025 = {"CN01": ("最强党支部", "优秀", 0.96, None), "CN03": ("最强党支部", "优秀", 0.94, None),
              "CN04": ("标准化规范化党支部", "良好", 0.82, None), "CN08": ("标准化规范化党支部", "良好", 0.86, None),
              "CN05": ("最强党支部", "优秀", 0.80, ("东湖区市场监督管理局", "年度检查发现的消防通道堵塞问题未按期整改"))}


def _v(value) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_v(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if any(c in text for c in ",[]{}:#\"'") or text[:1] in "-?!&*|>%@`":
        return '"' + text.replace('"', '\\"') + '"'
    return text


def flow(item: dict) -> str:
    return "{" + ", ".join(f"{k}: {_v(v)}" for k, v in item.items() if v is not None) + "}"


def excellent_count(members: int, share: float) -> int:
    return math.ceil(members * share)


class StreetMaker:
    def __init__(self, orgs: list, seed: int, helpers) -> None:
        self.orgs = {o.id: o for o in orgs}
        self.rng = random.Random(seed + 1)
        self.h = helpers  # make_example: calendar helpers, AS_OF, NOTICE
        self.names = {p.name for o in orgs for p in o.members}

    def office_day(self, year: int, month: int, first: int = 1, last: int = 28) -> dt.date:
        days = [dt.date(year, month, d) for d in range(first, last + 1)]
        days = [d for d in days if self.h.is_office_day(d) and d <= self.h.AS_OF]
        return self.rng.choice(days)

    def months(self):
        for year in self.h.YEARS:
            for month in range(1, self.h.last_month(year) + 1):
                yield year, month

    def leaders(self) -> list[tuple[str, str, tuple[str, ...]]]:
        cn03 = self.orgs["CN03"]
        by_post = {"党工委委员、组织委员": cn03.committee.holder("书记").name,
                   "党工委委员、武装部长": next(p.name for p in cn03.members if p.position == "街道党工委委员、武装部长")}
        return [(name or by_post[post], post, places) for name, post, places in LEADERS]

    def files(self) -> dict[str, str]:
        notice = self.h.NOTICE
        files = {"street/street.yaml": self.street_yaml(notice), "street/partners.yaml": self.partners_yaml(notice)}
        for year in self.h.YEARS:
            files[f"street/meetings/{year}.yaml"] = self.meetings_yaml(year, notice)
            files[f"street/visits/{year}.yaml"] = self.visits_yaml(year, notice)
            files[f"street/lists/{year}.yaml"] = self.lists_yaml(year, notice)
            files[f"street/registrations/{year}.yaml"] = self.registrations_yaml(year, notice)
            files[f"street/evaluations/{year}.yaml"] = self.evaluations_yaml(year, notice)
        return files

    # --- street.yaml and partners.yaml -----------------------------------------------------------

    def street_yaml(self, notice: str) -> str:
        lines = ["# 城南街道党工委基本情况和班子成员联系点（QY-11）", f"# {notice}",
                 f"名称: {self.h.STREET}", "记录起始: 2025-01-01", "班子成员:"]
        lines += [f"  - {flow({'姓名': n, '职务': p, '联系点': list(c)})}" for n, p, c in self.leaders()]
        lines += ["园区共建圈:", f"  - {flow(CIRCLE)}"]
        return "\n".join(lines) + "\n"

    def partners_yaml(self, notice: str) -> str:
        lines = ["# 共建单位和共建协议", f"# {notice}", "共建单位:"]
        for pid, name, kind, org, paired, joined in PARTNERS:
            lines += [f"  - 编号: {pid}", f"    名称: {name}", f"    类型: {kind}", f"    党组织: {org}",
                      f"    结对党组织: {_v(list(paired))}", f"    加入日期: {joined.isoformat()}", "    共建协议:"]
            expires = dt.date(joined.year + 3, joined.month, joined.day) - dt.timedelta(days=1)
            lines.append("      - " + flow({"编号": f"城南共建〔{joined.year}〕{int(pid[2:])}号", "签订日期": joined,
                                            "到期日期": expires, "内容": "组织共建、资源共享、活动共办、事务共商"}))
        return "\n".join(lines) + "\n"

    def active(self, day: dt.date) -> list[str]:
        return [p[0] for p in PARTNERS if p[5] <= day]

    # --- meetings ---------------------------------------------------------------------------------

    def attendance(self, units: list[str], day: dt.date) -> tuple[list[str], list[dict]]:
        present, absent = [], []
        for unit in units:
            if unit.startswith("GJ") and self.rng.random() < 0.08:
                absent.append({"单位": unit, "原因": self.rng.choice(("单位有重要任务", "负责人外出学习", "抗洪值守"))})
            else:
                present.append(unit)
        return present, absent

    def meeting(self, day: dt.date, kind: str, topic: str, units: list[str], org: str | None = None) -> str:
        present, absent = self.attendance(units, day)
        host = self.leaders()[0][0] if org is None else self.orgs[org].secretary_on(day).name
        item = {"日期": day, "类型": [kind], "主题": topic, "党组织": org, "主持人": host, "出席单位": present}
        if not absent:
            return "  - " + flow(item)
        lines = [f"    {k}: {_v(v)}" for k, v in item.items() if v is not None]
        lines[0] = "  - " + lines[0].lstrip()
        return "\n".join([*lines, "    缺席单位:", *(f"      - {flow(a)}" for a in absent)])

    def meetings_yaml(self, year: int, notice: str) -> str:
        items: list[tuple[dt.date, str]] = []
        for _y, month in (m for m in self.months() if m[0] == year):
            for org in COMMUNITIES:
                day = self.office_day(year, month, 3, 9)
                paired = [p[0] for p in PARTNERS if org in p[4] and p[5] <= day]
                if paired:
                    items.append((day, self.meeting(day, "社区联席会议", f"通报{month}月工作计划和活动安排，征询共建意见",
                                                    paired, org)))
            if month in (3, 6, 9, 12):
                day = self.office_day(year, month, 15, 24)
                units = self.active(day) + list(COMMUNITIES)
                items.append((day, self.meeting(day, "党建联席会议", f"{year}年第{'一二三四'[month // 3 - 1]}季度党建联席会议："
                                                "通报共建项目进展，协调解决“三张清单”事项", units)))
            if month in (6, 11):
                day = self.office_day(year, month, 20, 27)
                items.append((day, self.meeting(day, "互学互检互评", f"{year}年{'上' if month == 6 else '下'}半年互学互检互评",
                                                self.active(day) + list(COMMUNITIES))))
            if month == 12:
                day = self.office_day(year, 12, 22, 26)
                items.append((day, self.meeting(day, "联合组织生活会", f"{year}年度区域化党建联合组织生活会",
                                                self.active(day) + list(COMMUNITIES))))
        items.sort(key=lambda x: x[0])
        head = [f"# {year}年街道党建联席会议、社区联席会议、联合组织生活会和互学互检互评", f"# {notice}", "会议:"]
        return "\n".join(head + [text for _d, text in items]) + "\n"

    def visits_yaml(self, year: int, notice: str) -> str:
        lines = [f"# {year}年街道班子成员走访联系点记录", f"# {notice}", "走访:"]
        items = []
        for _y, month in (m for m in self.months() if m[0] == year):
            for name, _post, places in self.leaders():
                for place in places:
                    day = self.office_day(year, month)
                    items.append({"日期": day, "班子成员": name, "联系点": place, "内容": self.rng.choice(VISIT_TEXT)})
        circle = random.Random(year)  # its own stream: the leaders' visits stay as they were
        for _y, month in (m for m in self.months() if m[0] == year):
            for unit in CIRCLE["成员单位"]:
                days = [dt.date(year, month, d) for d in range(1, 29)]
                days = [d for d in days if self.h.is_office_day(d) and CIRCLE["成立日期"] <= d <= self.h.AS_OF]
                if days:
                    items.append({"日期": circle.choice(days), "班子成员": CIRCLE_VISITOR, "联系点": unit,
                                  "内容": "走访园区共建圈成员企业，宣讲政策，收集困难和需求"})
        items.sort(key=lambda x: (x["日期"], x["联系点"]))
        return "\n".join(lines + [f"  - {flow(x)}" for x in items]) + "\n"

    # --- three lists ------------------------------------------------------------------------------

    def lists_yaml(self, year: int, notice: str) -> str:
        needs, resources, projects = [], [], []
        for pid, _name, _kind, _org, paired, joined in PARTNERS:
            if joined > dt.date(year, 12, 31):
                continue
            start = max(joined, dt.date(year, 2, 1))
            for i, (kind, title, need, resource) in enumerate(PROJECTS[pid], start=1):
                n, r = f"XQ{year}-{pid[2:]}{i}", f"ZY{year}-{pid[2:]}{i}"
                needs.append({"编号": n, "内容": need, "提出党组织": paired[0], "日期": start})
                resources.append({"编号": r, "内容": resource, "提供单位": pid, "日期": start})
                begin = self.h.office_on_or_after(start + dt.timedelta(days=20 + 7 * i))
                done = self.h.office_on_or_after(begin + dt.timedelta(days=60 + 30 * i))
                item = {"编号": f"XM{year}-{pid[2:]}{i}", "名称": title, "类型": kind, "需求": [n], "资源": [r],
                        "承办单位": [pid, paired[0]], "开始日期": begin}
                if done <= self.h.AS_OF:
                    item["完成日期"] = done
                projects.append(item)
        lines = [f"# {year}年区域化党建“三张清单”：需求清单、资源清单、项目清单", f"# {notice}", f"年度: {year}"]
        for key, items in (("需求清单", needs), ("资源清单", resources), ("项目清单", projects)):
            lines.append(f"{key}:")
            lines += [f"  - {flow(x)}" for x in items]
        return "\n".join(lines) + "\n"

    # --- dual registration ------------------------------------------------------------------------

    def registered(self) -> list[dict]:
        people = []
        cn04 = self.orgs["CN04"]
        for person in cn04.members:
            if "在职党员报到" in person.flags:
                people.append({"姓名": person.name, "党员": person.id, "单位": person.workplace,
                               "报到党组织": COMMUNITIES[len(people) % 3], "报到日期": dt.date(2024, 3, 5 + len(people))})
        for name, unit, org in EXTERNAL:
            people.append({"姓名": name, "单位": unit, "报到党组织": org, "报到日期": dt.date(2024, 4, 9)})
        return people

    def registrations_yaml(self, year: int, notice: str) -> str:
        duties = ("参加组织生活", "座谈", "调研", "认领微心愿", "志愿服务")
        lines = [f"# {year}年在职党员到社区报到和履职（QY-8）", f"# {notice}", f"年度: {year}", "报到党员:"]
        for person in self.registered():
            lines.append(f"  - 姓名: {_v(person['姓名'])}")
            lines += [f"    {k}: {_v(v)}" for k, v in person.items() if k != "姓名"]
            lines.append("    履职:")
            months = self.rng.sample(range(2, self.h.last_month(year) + 1), len(duties))
            done = sorted((self.office_day(year, m), duty) for m, duty in zip(months, duties, strict=True))
            lines += [f"      - {flow({'日期': d, '类型': duty})}" for d, duty in done]
        return "\n".join(lines) + "\n"

    # --- evaluations ------------------------------------------------------------------------------

    def evaluations_yaml(self, year: int, notice: str) -> str:
        lines = [f"# {year}年标准化规范化党支部创建考评（四评）和软弱涣散党组织整顿", f"# {notice}", f"年度: {year}"]
        if year == 2025:
            lines.append("创建考评:")
            for org_id, (level, rating, share, opinion) in ROUND_2025.items():
                lines += self.evaluation(org_id, level, rating, share, opinion)
            lines += ["软弱涣散:", "  - 党组织: CN06", "    认定日期: 2025-04-18",
                      "    原因: [组织生活不经常，联合单位党员参加率低, 党员教育管理薄弱]",
                      "    整顿措施: 街道党工委班子成员包联，选派党建指导员驻点指导，调整完善联合单位党员活动安排",
                      "    整顿完成日期: 2025-11-20"]
        else:
            lines += ["创建考评:", "  - {党组织: CN10, 申报等级: 标准化规范化党支部, 申请日期: 2026-09-15}",
                      "  - {党组织: CN06, 申报等级: 标准化规范化党支部, 申请日期: 2026-10-12}",
                      "软弱涣散:", "  - 党组织: CN02", "    认定日期: 2026-02-25",
                      "    原因: [2025年度述职评议考核为一般, 群众反映的楼道管理问题经查证属实2件, 班子凝聚力不强]",
                      "    整顿措施: 街道党工委副书记包联，选派党建指导员驻点整顿，结对共建单位协助解决楼道管理问题"]
        return "\n".join(lines) + "\n"

    def appraised(self, org_id: str) -> tuple[int, int]:
        org = self.orgs[org_id]
        share = ROUND_2025[org_id][2]
        total = len(org.full_on(dt.date(2025, 12, 15)))
        return total, excellent_count(total, share)

    def evaluation(self, org_id: str, level: str, rating: str, share: float, opinion) -> list[str]:
        total, excellent = self.appraised(org_id)
        review_ok = opinion is None
        public = {"参与人数": 60 + total * 2, "满意": 56 + total * 2, "基本满意": 4, "不满意": 0, "不满意属实": 0}
        out = [f"  - 党组织: {org_id}", f"    申报等级: {level}", "    申请日期: 2025-09-15", f"    组织评定: {rating}",
               f"    参评党员: {total}", f"    评价优秀: {excellent}", f"    群众评判: {flow(public)}", "    社会评价:"]
        department = opinion[0] if opinion else "东湖区民政局"
        out.append("      - " + flow({"部门": department, "意见": "不符合" if opinion else "符合", "日期": dt.date(2025, 11, 20),
                                      "说明": opinion[1] if opinion else None}))
        note = None if review_ok else "不符合最强党支部评定条件，保留标准化规范化党支部"
        out.append("    街道考评: " + flow({"日期": dt.date(2025, 12, 16), "结论": "通过" if review_ok else "不通过",
                                           "文号": "城南工委〔2025〕58号", "说明": note}))
        if review_ok:
            out.append("    区委验收: " + flow({"日期": dt.date(2026, 1, 22), "结论": "通过", "文号": "东湖组〔2026〕6号"}))
        return out


def certifications(maker: StreetMaker, org_id: str) -> list[dict]:
    """The 创建评定 of one organisation, with the 党员评价优秀率 of its 最强 round."""
    out = []
    for cert in CERTS.get(org_id, []):
        cert = dict(cert)
        if "党员评价优秀率" in cert:
            total, excellent = maker.appraised(org_id)
            cert["党员评价优秀率"] = excellent * 100 // total
        out.append(cert)
    return out
