"""Write a fictional record repository in dangjian's own format, for `make bench`.

Deterministic: the output depends only on the seed and the arguments. Every branch has its
own random stream, so the 100-branch street is exactly the first 100 branches of the
1,000-branch district. Standard library plus dangjian only. All people are fictional.

    python bench/generate.py --branches 100 --out bench/out/street
    python bench/generate.py --branches 1000 --out bench/out/district

As hard as a real street: every rule on (no 规则级别 in dangjian.yaml); rosters, meetings, dues,
trainings, talks, activities (志愿服务, 承诺, 思想汇报, 评议 …) and applicants for every branch;
street/ records, a holidays/ file and plan files (written by `dangjian schedule --write`).
A few deliberate defects are planted (listed in DEFECTS.txt at the root) so that the rules
have work to do; validate also reports what the simple generator gets wrong (its count is
printed by `make bench`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dangjian.idnumber import make as make_id

FORMAT_VERSION = 8  # bump when the output changes, so cached trees are regenerated
FIRST_YEAR, LAST_YEAR = 2022, 2026
RECORDS_UNTIL = dt.date(2026, 10, 31)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国华明丽芳军伟秀英敏静强磊洋艳勇杰娟涛超霞平刚桂兰玉梅志红海燕鹏飞文辉斌林峰琳宇晨欣怡浩然子轩梓涵思雨佳俊凯晓东春秋冬雪松柏永福德才贵荣庆祥瑞"
REGIONS = ("330102", "330105", "330106", "330108", "330110", "330122", "110105", "320102", "440106")
EDUCATION = ("研究生", "大学本科", "大学本科", "大学专科", "大学专科", "中专", "高中", "初中")
ETHNIC = ("汉族",) * 18 + ("回族", "满族")
TOPICS = ("学习贯彻党的二十大精神", "学习《中国共产党章程》", "学习习近平新时代中国特色社会主义思想",
          "开展党纪学习教育", "传承红色基因", "社区治理与为民服务", "垃圾分类志愿服务",
          "学习《中国共产党纪律处分条例》", "弘扬新时代雷锋精神", "安全生产与防汛准备",
          "开展主题教育专题研讨", "重温入党誓词", "学习全国两会精神", "敬老助老志愿服务")
SENTENCES = ("书记领学了有关文件精神，要求全体党员结合岗位实际抓好落实。",
             "与会党员围绕主题逐一发言，交流了学习体会。",
             "会议通报了上月工作完成情况，部署了本月重点任务。",
             "组织委员通报了党费收缴和发展党员工作情况。",
             "宣传委员介绍了近期理论学习安排。",
             "大家结合社区实际，就如何更好服务群众提出了意见建议。",
             "会议强调，要把学习成果转化为推动工作的实际成效。",
             "会后全体党员参加了志愿服务活动。",
             "支部书记对下一阶段工作提出了具体要求。")
ABSENCE = ("因病请假", "外出学习", "工作值班", "家中有事请假", "出差")
TRAINING = ("党员冬训", "学习强国专题学习", "党性教育专题培训", "网络党校在线学习", "基层党务工作者培训",
            "理论学习中心组学习")
SERVICES = ("春节前走访慰问困难群众", "“学雷锋”便民服务", "楼道清理和文明城市创建", "防范电信网络诈骗宣传",
            "关爱独居老人上门探访", "中秋邻里节志愿服务", "重阳节敬老慰问", "垃圾分类桶边督导")
PROMISES = ("带头参与垃圾分类和楼道清洁，每季度参加志愿服务不少于1次", "讲好红色故事，关心下一代成长",
            "立足岗位作表率，帮助身边困难群众", "参加社区网格服务，及时反映群众诉求")
TALK_REASON = ("谈心谈话", "谈心谈话", "谈心谈话", "工作变动", "遇困难挫折", "退休")
DUES_CATEGORY = ("在职",) * 11 + ("离退休",) * 6 + ("农民", "学生", "下岗失业")


@dataclass
class Person:
    id: str
    name: str
    gender: str
    birth: dt.date
    joined: dt.date
    full: dt.date | None
    category: str
    group: str
    id_number: str
    phone: str
    base: int
    left: dt.date | None = None
    extras: dict = field(default_factory=dict)

    def member_on(self, day: dt.date) -> bool:
        return self.joined <= day and (self.left is None or day < self.left)

    def full_on(self, day: dt.date) -> bool:
        return self.full is not None and self.full <= day and self.member_on(day)


def is_workday(day: dt.date) -> bool:
    try:
        from dangjian.schedule.holidays import is_workday as official
    except ImportError:  # the schedule module is optional for the generator
        return day.weekday() < 5
    return official(day)


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max((end - start).days, 1)))


def rate_for(person: Person) -> tuple[str, str]:
    """(比例, 月交额) under the 2008 rules, base in yuan."""
    if person.category in ("农民", "学生", "下岗失业"):
        return "", "0.20"
    base = person.base
    if person.category == "离退休":
        pct = "0.5%" if base <= 5000 else "1%"
    else:
        pct = "0.5%" if base <= 3000 else "1%" if base <= 5000 else "1.5%" if base <= 10000 else "2%"
    cents = round(base * float(pct.rstrip("%")))  # base × pct / 100, in cents
    return pct, f"{cents // 100}.{cents % 100:02d}"


class BranchWriter:
    def __init__(self, index: int, seed: int, defects: list[str]) -> None:
        self.index = index
        self.rng = random.Random(f"{seed}-{index}")
        self.id = f"B{index:04d}"
        self.dir = f"第{index:04d}社区党支部"
        self.defects = defects
        self.people: list[Person] = []
        self.groups: list[str] = []
        self.committee: list[tuple[Person, str]] = []

    # --- people ------------------------------------------------------------------------------
    def make_people(self) -> None:
        rng = self.rng
        count = rng.randint(28, 42)
        self.groups = [f"第{'一二三四'[i]}党小组" for i in range(rng.randint(2, 4))]
        for n in range(1, count + 1):
            gender = "男" if rng.random() < 0.55 else "女"
            category = rng.choice(DUES_CATEGORY)
            if category == "离退休":
                birth = rand_date(rng, dt.date(1940, 1, 1), dt.date(1964, 12, 31))
            elif category == "学生":
                birth = rand_date(rng, dt.date(2000, 1, 1), dt.date(2006, 6, 30))
            else:
                birth = rand_date(rng, dt.date(1965, 1, 1), dt.date(2000, 12, 31))
            eighteen = dt.date(birth.year + 18, birth.month, min(birth.day, 28))
            if rng.random() < 0.07:  # a recent member, admitted during the records' years
                joined = rand_date(rng, max(eighteen, dt.date(2022, 3, 1)), dt.date(2026, 9, 30)).replace(day=1)
            else:
                joined = rand_date(rng, eighteen, max(dt.date(2021, 12, 31), eighteen + dt.timedelta(days=400)))
                joined = min(joined, dt.date(2021, 12, 31))
            full = joined.replace(year=joined.year + 1) if (joined.month, joined.day) != (2, 29) \
                else dt.date(joined.year + 1, 3, 1)  # a year's probation, to the day
            if full > RECORDS_UNTIL:
                full = None
            seq = rng.randrange(1, 499) * 2 + (1 if gender == "男" else 0)
            person = Person(
                id=f"{self.id}-{n:03d}", name=rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2)))),
                gender=gender, birth=birth, joined=joined, full=full, category=category,
                group=self.groups[n % len(self.groups)],
                id_number=make_id(rng.choice(REGIONS), birth, seq % 1000),
                phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
                base=rng.randrange(2200, 16000, 50))
            if rng.random() < 0.03:  # transferred out during the records' years
                person.left = rand_date(rng, dt.date(2023, 1, 1), dt.date(2026, 6, 30)).replace(day=1)
            self.people.append(person)
        regulars = [p for p in self.people if p.full and p.full < dt.date(2017, 1, 1) and p.left is None]
        roles = ["书记", "组织委员", "宣传委员", "纪检委员", "青年委员"][: rng.choice((3, 5))]
        self.committee = list(zip(regulars, roles, strict=False))

    # --- files -------------------------------------------------------------------------------
    def branch_yaml(self) -> str:
        rng = self.rng
        elected = dt.date(2024, rng.randint(1, 6), rng.randint(1, 28))
        lines = [f"# {self.dir}：基本情况（虚构数据，由 bench/generate.py 生成）",
                 f"编号: {self.id}", f"名称: 中共城南街道第{self.index:04d}社区支部委员会",
                 f"简称: {self.dir}", "类型: 党支部", "领域: 社区",
                 f"成立日期: {rand_date(rng, dt.date(2000, 1, 1), dt.date(2015, 12, 31))}",
                 f"批准文号: 城南工委〔{rng.randint(2000, 2015)}〕{rng.randint(1, 60)}号",
                 "主题党日: 每月10日", f"地址: 城南街道幸福路{rng.randint(1, 400)}号",
                 f"邮政编码: \"{310000 + rng.randint(1, 99):06d}\"",
                 f"联系电话: \"0571-{rng.randrange(10**7, 10**8)}\"",
                 f"辖区人口: {rng.randrange(3000, 12000)}", "辖区户数: 2000", "年度工作经费: \"30000.00\"",
                 f"阵地面积: {rng.randrange(500, 900)}",
                 "委员会:", "  届次: 第三届", f"  选举日期: {elected}", "  任期年限: 5", "  委员:"]
        lines += [f"    - {{党员: {p.id}, 职务: {role}}}" for p, role in self.committee]
        lines += ["历届委员会:", "  - 届次: 第二届", f"    选举日期: {elected.replace(year=2019)}",
                  "    任期年限: 5", "    委员:"]
        lines += [f"      - {{党员: {p.id}, 职务: {role}}}" for p, role in self.committee]
        lines.append("党小组:")
        for i, name in enumerate(self.groups):
            leader = next(p for p in self.people[i + 1:] if p.group == name and p.left is None)
            lines.append(f"  - {{名称: {name}, 组长: {leader.id}}}")
        return "\n".join(lines) + "\n"

    def members_yaml(self) -> str:
        lines = [f"# {self.dir}：党员名册（虚构数据）", "党员:"]
        for p in self.people:
            id_number = p.id_number
            full = p.full
            if "id-check" in p.extras:
                id_number = id_number[:17] + ("0" if id_number[17] != "0" else "1")
            if "full-before-join" in p.extras:
                full = p.joined - dt.timedelta(days=30)
            lines += [f"  - 编号: {p.id}", f"    姓名: {p.name}", f"    性别: {p.gender}",
                      f"    民族: {self.rng.choice(ETHNIC)}", f"    出生日期: {p.birth}",
                      f"    学历: {self.rng.choice(EDUCATION)}", f"    入党日期: {p.joined}"]
            if full:
                lines.append(f"    转正日期: {full}")
            lines += [f"    状态: {'正式党员' if full else '预备党员'}", f"    党费类别: {p.category}",
                      f"    党小组: {p.group}"]
            if "unquoted-id" in p.extras:
                lines.append(f"    身份证号: {id_number}")
            else:
                lines.append(f"    身份证号: \"{id_number}\"")
            lines.append(f"    手机号: \"{p.phone}\"")
            if p.category == "离退休" and p.birth.year < 1956:
                lines.append("    标记: [老党员]")
            if p.left:
                lines += ["    组织关系:",
                          f"      - {{类型: 转出, 日期: {p.left}, 单位: 中共城北街道机关支部委员会}}"]
        return "\n".join(lines) + "\n"

    def _minutes(self) -> str:
        return "".join(self.rng.sample(SENTENCES, self.rng.randint(3, 6)))

    def meetings_yaml(self, year: int) -> str:
        rng = self.rng
        last = RECORDS_UNTIL if year == RECORDS_UNTIL.year else dt.date(year, 12, 31)
        months = range(1, last.month + 1)
        plan: list[tuple[dt.date, list[str], str | None]] = []
        for month in months:
            day = dt.date(year, month, 10)
            while not is_workday(day):  # 顺延 to the next working day, as the schedule rules expect
                day += dt.timedelta(days=1)
            plan.append((day, ["主题党日"], None))
            plan.append((dt.date(year, month, rng.randint(2, 8)), ["支委会"], None))
            for group in self.groups:  # every 党小组 meets monthly
                plan.append((dt.date(year, month, rng.randint(11, 20)), ["党小组会"], group))
            if month % 3 == 0:
                plan.append((dt.date(year, month, rng.randint(15, 20)), ["支部党员大会"], None))
                plan.append((dt.date(year, month, rng.randint(21, 27)), ["党课"], None))
                plan.append((dt.date(year, month, 28), ["委员民主生活会"], None))
        if last.month == 12:
            plan.append((dt.date(year, 12, rng.randint(20, 28)), ["组织生活会", "民主评议"], None))
        plan.sort(key=lambda x: x[0])
        secretary = self.committee[0][0]
        recorder = self.committee[1][0] if len(self.committee) > 1 else secretary
        lines = [f"# {self.dir}：{year}年会议记录（虚构数据）", "会议:"]
        for day, kinds, group in plan:
            if group:
                invited = [p for p in self.people if p.group == group and p.member_on(day)]
            elif kinds in (["支委会"], ["委员民主生活会"]):
                invited = [p for p, _ in self.committee if p.member_on(day)]
            else:
                invited = [p for p in self.people if p.member_on(day)]
            absent = [p for p in invited if rng.random() < 0.08]
            if len(absent) * 2 >= len(invited):  # a meeting held with a quorum
                absent = absent[:max(0, (len(invited) - 1) // 2)]
            present = [p.id for p in invited if p not in absent]
            if "stranger" in self.defects and year == 2025 and day.month == 3 and kinds == ["主题党日"]:
                present.append(f"{self.id}-999")
                self.defects.remove("stranger")
            kind_text = kinds[0] if len(kinds) == 1 else f"[{', '.join(kinds)}]"
            topic = "研究标准化规范化建设" if kinds == ["支委会"] and day.month == 3 else rng.choice(TOPICS)
            lines += [f"  - 日期: {day}", f"    类型: {kind_text}", f"    主题: {topic}"]
            if group:
                lines.append(f"    党小组: {group}")
            lines += [f"    地点: {rng.choice(('党群服务中心', '社区会议室', '党员活动室'))}",
                      f"    主持人: {secretary.id}", f"    记录人: {recorder.id}"]
            if kinds == ["党课"]:
                lines.append(f"    授课人: {secretary.id}")
            lines.append(f"    出席: [{', '.join(present)}]")
            if absent:
                lines.append("    缺席:")
                lines += [f"      - {{党员: {p.id}, 原因: {rng.choice(ABSENCE)}}}" for p in absent]
            if "duplicate-key" in self.defects and year == 2024 and day.month == 5:
                lines.append(f"    主题: {rng.choice(TOPICS)}")
                self.defects.remove("duplicate-key")
            lines.append(f"    纪要: {self._minutes()}")
        return "\n".join(lines) + "\n"

    def dues_yaml(self, year: int) -> str:
        rng = self.rng
        last_month = RECORDS_UNTIL.month if year == RECORDS_UNTIL.year else 12
        lines = [f"# {self.dir}：{year}年党费账（虚构数据）", f"年度: {year}",
                 f"核定日期: {dt.date(year, 1, rng.randint(5, 15))}", "党员党费:"]
        total = 0
        for p in self.people:
            months = [m for m in range(1, last_month + 1) if p.member_on(dt.date(year, m, 1))]
            if not months:
                continue
            pct, monthly = rate_for(p)
            paid = []
            for m in months:
                roll = rng.random()
                day = dt.date(year, m, rng.randint(5, 15))
                late = dt.date(year, m + 1, rng.randint(1, 10)) if m < 12 else day
                if roll < 0.03 and late <= RECORDS_UNTIL:
                    day = late  # paid in the following month
                if "bad-date" in self.defects and year == 2023 and m == 2:
                    paid.append("2: 2023-02-30")
                    self.defects.remove("bad-date")
                    continue
                paid.append(f"{m}: {day}")
                total += int(monthly.replace(".", ""))
            parts = [f"党员: {p.id}"]
            if pct:
                parts += [f"基数: \"{p.base}.00\"", f"比例: \"{pct}\""]
            parts += [f"月交额: \"{monthly}\"", f"交纳: {{{', '.join(paid)}}}"]
            lines.append(f"  - {{{', '.join(parts)}}}")
        lines += ["上缴:", f"  - {{日期: {dt.date(year, last_month, 20)}, 金额: \"{total // 100}.{total % 100:02d}\", "
                  "接收单位: 中共城南街道工作委员会}"]
        lines += ["公布:", f"  - {{日期: {dt.date(year, 1, 20)}, 范围: {year - 1}年度}}"]
        return "\n".join(lines) + "\n"

    def trainings_yaml(self, year: int) -> str:
        rng = self.rng
        last = RECORDS_UNTIL if year == RECORDS_UNTIL.year else dt.date(year, 12, 31)
        lines = [f"# {self.dir}：{year}年学习培训（虚构数据）", "培训:"]
        leaders = {p.id for p, _ in self.committee}
        missed: set[str] = set()  # each member misses at most one session: 40 of the 32 hours due
        sessions = 6 if last.month == 12 else 5
        for n in range(sessions):
            month = 1 + n * last.month // sessions
            day = dt.date(year, month, rng.randint(5, 25))
            who = []
            for p in self.people:
                if not p.member_on(day):
                    continue
                if p.id not in leaders and p.id not in missed and rng.random() < 0.15:
                    missed.add(p.id)
                    continue
                who.append(p.id)
            lines += [f"  - 日期: {day}", f"    名称: {rng.choice(TRAINING)}",
                      "    学时: 8", f"    参加: [{', '.join(who)}]",
                      "    组织单位: 城南街道党工委"]
        return "\n".join(lines) + "\n"

    def talks_yaml(self, year: int) -> str:
        rng = self.rng
        last = RECORDS_UNTIL if year == RECORDS_UNTIL.year else dt.date(year, 12, 31)
        lines = [f"# {self.dir}：{year}年谈心谈话（虚构数据）", "谈话:"]
        talkers = [p for p, _ in self.committee]
        pairs = [(a, b) for i, a in enumerate(talkers) for b in talkers[i + 1:]]  # every two 委员 yearly
        pairs += [(talkers[i % len(talkers)] if p is not talkers[i % len(talkers)] else talkers[(i + 1) % len(talkers)], p)
                  for i, p in enumerate(self.people) if p not in talkers]  # every member yearly
        talks = []
        for talker, talkee in pairs:
            first = max(dt.date(year, 1, 5), talkee.joined, talker.joined)
            end = min([last] + [x.left - dt.timedelta(days=1) for x in (talker, talkee) if x.left])
            if first > end:
                continue
            talks.append((rand_date(rng, first, end + dt.timedelta(days=1)), talker, talkee))
        for day, talker, talkee in sorted(talks, key=lambda t: t[0]):
            lines += [f"  - 日期: {day}", f"    谈话人: {talker.id}", f"    谈话对象: {talkee.id}",
                      f"    事由: {rng.choice(TALK_REASON)}", f"    内容: {self._minutes()}"]
        return "\n".join(lines) + "\n"

    def activities_yaml(self, year: int) -> str:
        """志愿服务, 结对帮扶, 公开承诺 and 述诺, 思想汇报, 工作报告, 民主评议, 星级评定, 述职."""
        rng = self.rng
        last = RECORDS_UNTIL if year == RECORDS_UNTIL.year else dt.date(year, 12, 31)
        on_roster = [p for p in self.people if p.member_on(dt.date(year, 1, 1))]
        secretary = self.committee[0][0]
        lines = [f"# {self.dir}：{year}年志愿服务、结对帮扶、公开承诺与评议（虚构数据）", "志愿服务:"]
        for month in sorted(rng.sample(range(1, last.month + 1), min(8, last.month))):
            day = dt.date(year, month, rng.randint(1, 28))
            who = [p.id for p in self.people if p.member_on(day) and rng.random() < 0.5]
            lines += [f"  - 日期: {day}", f"    名称: {rng.choice(SERVICES)}", f"    参加: [{', '.join(who)}]"]
        lines.append("结对帮扶:")
        lines += [f"  - {{党员: {p.id}, 帮扶对象: {rng.choice(SURNAMES)}某家庭, 开始日期: {year}-02-01}}"
                  for p in on_roster[: rng.randint(2, 6)]]
        lines.append("公开承诺:")
        lines += [f"  - {{党员: {p.id}, 日期: {year}-01-12, 内容: {rng.choice(PROMISES)}}}" for p in on_roster]
        quarters = [q for q in (3, 6, 9, 12) if dt.date(year, q, 10) <= last]
        lines.append("述诺:")
        lines += [f"  - {{党员: {p.id}, 日期: {year}-{q:02d}-10, 内容: 第{'一二三四'[q // 3 - 1]}季度述诺：已按承诺完成}}"
                  for p in on_roster for q in quarters if p.member_on(dt.date(year, q, 10))]
        lines.append("思想汇报:")
        lines += [f"  - {{党员: {p.id}, 日期: {year}-{q:02d}-{day:02d}, 方式: {rng.choice(('口头', '书面'))}, "
                  f"内容: 汇报本季度思想、工作和学习情况}}" for q in quarters for p in self.people
                  for day in (rng.randint(1, 28),) if p.member_on(dt.date(year, q, day))]
        lines += ["工作报告:",
                  f"  - {{日期: {year}-01-10, 报告对象: 支部党员大会, 报告人: {secretary.id}, 内容: 报告{year - 1}年度支部工作}}",
                  f"  - {{日期: {year}-06-26, 报告对象: 上级党组织, 报告人: {secretary.id}, 内容: 报送{year}年上半年党建工作总结}}",
                  f"  - {{日期: {year}-07-10, 报告对象: 支部党员大会, 报告人: {secretary.id}, 内容: 报告{year}年上半年支部工作}}"]
        if last.month == 12:
            lines.append(f"  - {{日期: {year}-12-26, 报告对象: 上级党组织, 报告人: {secretary.id}, "
                         f"内容: 报送{year}年度党建工作总结}}")
            members = [p for p in self.people if p.member_on(dt.date(year, 12, 15))]
            lines.append("民主评议:")
            lines += [f"  - {{党员: {p.id}, 日期: {year}-12-15, 等次: {rng.choice(('优秀', '合格', '合格'))}}}" for p in members]
            lines.append("星级评定:")
            lines += [f"  - {{党员: {p.id}, 日期: {year}-12-15, 星级: {rng.choice((3, 4, 4, 5))}}}" for p in members]
            lines += ["述职:", f"  - {{日期: {year}-12-15, 述职人: {secretary.id}, 对象: 支部党员大会, 评议结果: 优秀}}",
                      f"  - {{日期: {year}-12-24, 述职人: {secretary.id}, 对象: 上级党组织, 评议结果: 优秀}}"]
        return "\n".join(lines) + "\n"

    def applicants_yaml(self) -> str:
        """入党申请人 at every stage, from applying to 预备党员."""
        rng = self.rng
        lines = [f"# {self.dir}：发展党员台账（虚构数据）", "入党申请人:"]
        for n in range(1, rng.randint(2, 5) + 1):
            gender = rng.choice("男女")
            birth = rand_date(rng, dt.date(1985, 1, 1), dt.date(2003, 12, 31))
            applied = rand_date(rng, dt.date(2023, 1, 1), dt.date(2026, 6, 30))
            steps = [("申请日期", applied), ("谈话日期", applied + dt.timedelta(days=rng.randint(7, 25))),
                     ("积极分子日期", applied + dt.timedelta(days=rng.randint(40, 60)))]
            steps.append(("发展对象日期", steps[-1][1] + dt.timedelta(days=rng.randint(370, 420))))
            steps = [(k, d) for k, d in steps if d <= RECORDS_UNTIL]
            contacts = [p.id for p, _ in self.committee[:2]]
            lines += [f"  - 编号: {self.id}-S{n:02d}", f"    姓名: {rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(GIVEN)}",
                      f"    性别: {gender}", f"    出生日期: {birth}"]
            lines += [f"    {k}: {d}" for k, d in steps]
            if len(steps) >= 3:
                lines.append(f"    培养联系人: [{', '.join(contacts)}]")
            if len(steps) == 4:
                lines += ["    培训学时: 24", "    培训天数: 3"]
            lines.append(f"    状态: {('申请人', '申请人', '积极分子', '发展对象')[len(steps) - 1]}")
        return "\n".join(lines) + "\n"

    def files(self) -> dict[str, str]:
        self.make_people()
        if "id-check" in self.defects:
            self.people[2].extras["id-check"] = True
        if "full-before-join" in self.defects:
            self.people[3].extras["full-before-join"] = True
        if "unquoted-id" in self.defects:
            self.people[4].extras["unquoted-id"] = True
        out = {"branch.yaml": self.branch_yaml(), "members.yaml": self.members_yaml()}
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            out[f"meetings/{year}.yaml"] = self.meetings_yaml(year)
            out[f"dues/{year}.yaml"] = self.dues_yaml(year)
            out[f"trainings/{year}.yaml"] = self.trainings_yaml(year)
            out[f"talks/{year}.yaml"] = self.talks_yaml(year)
            out[f"activities/{year}.yaml"] = self.activities_yaml(year)
        if self.rng.random() < 0.6:
            out["applicants.yaml"] = self.applicants_yaml()
        return out


# Which branch gets which defect, and the finding it must give (rule id, file inside the branch).
DEFECTS = {
    3: ("id-check", "id-number-valid", "members.yaml"),
    7: ("full-before-join", "member-dates", "members.yaml"),
    11: ("stranger", "unknown-member", "meetings/2025.yaml"),
    13: ("duplicate-key", "duplicate-key", "meetings/2024.yaml"),
    17: ("bad-date", "invalid-date", "dues/2023.yaml"),
    19: ("unquoted-id", "number-should-be-quoted", "members.yaml"),
}


def config_yaml() -> str:
    """Every rule on, at its default level (no 规则级别): the bench street is judged as a real one."""
    return ("# 城南街道台账记录库（虚构数据，由 bench/generate.py 生成）\n"
            "组织名称: 中共城南街道工作委员会\n组织类型: 街道党工委\n规则集: xz\n"
            f"记录截至: {RECORDS_UNTIL}\n")


HOLIDAYS_2026 = """# 地方性假日（虚构），在软件自带的 2026 年安排上补充
年度: 2026
依据: 城南市人民政府关于城南建城纪念日放假的通知（虚构）
方式: 补充
放假:
  - {名称: 建城纪念日, 开始: 2026-05-18}
"""


def street_files(branches: int) -> dict[str, str]:
    """street/: the example street's own records (班子成员联系点, 共建圈, 报到, 联席会议, 考评),
    its organisation ids mapped onto the first branches here (CN01 → B0001 …)."""
    example = Path(__file__).resolve().parent.parent / "records" / "street"
    if not example.is_dir():
        return {}
    out = {}
    for path in sorted(example.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\bCN(\d\d)(?=\b|-)", lambda m: f"B{min(int(m.group(1)), branches):04d}", text)
        out[f"street/{path.relative_to(example).as_posix()}"] = text
    return out


def write_plans(out: Path, year: int) -> None:
    """plan/<year>.yaml for every branch, written by dangjian itself (schedule --write), as a
    street that plans its year has them; made on the year's first working days."""
    dj = Path(sys.executable).parent / "dangjian"
    if not dj.exists():
        return
    env = {**os.environ, "DANGJIAN_CACHE_DIR": str(out.parent / ".plan-cache")}
    subprocess.run([str(dj), "schedule", str(out), "--all", "--year", str(year), "--write", "--date",
                    f"{year}-01-05"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    shutil.rmtree(out.parent / ".plan-cache", ignore_errors=True)


def generate(out: Path, branches: int, seed: int = 1) -> dict:
    """Write the repository to `out` (replacing it) and return a summary."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "dangjian.yaml").write_text(config_yaml(), encoding="utf-8")
    files, size, members = 1, len(config_yaml().encode()), 0
    defect_lines = []
    for index in range(1, branches + 1):
        planted = [DEFECTS[index][0]] if index in DEFECTS else []
        writer = BranchWriter(index, seed, planted)
        for rel, text in writer.files().items():
            target = out / writer.dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            target.write_bytes(data)
            files += 1
            size += len(data)
        members += len(writer.people)
        if index in DEFECTS:
            defect_lines.append(f"{DEFECTS[index][1]}\t{writer.dir}/{DEFECTS[index][2]}")
    extra = {"holidays/2026.yaml": HOLIDAYS_2026, **street_files(branches)}
    for rel, text in extra.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    write_plans(out, RECORDS_UNTIL.year)
    files = sum(1 for _ in out.rglob("*.yaml"))
    size = sum(p.stat().st_size for p in out.rglob("*.yaml"))
    (out / "DEFECTS.txt").write_text(
        "# 有意放入的问题：规则编号<TAB>文件（validate 应报告每一项）\n" + "\n".join(defect_lines) + "\n",
        encoding="utf-8")
    summary = {"format": FORMAT_VERSION, "branches": branches, "seed": seed, "files": files, "bytes": size,
               "members": members}
    (out / ".generated.json").write_text(json.dumps(summary), encoding="utf-8")
    return summary


def cached(out: Path, branches: int, seed: int = 1) -> dict:
    """Generate unless `out` already holds this exact tree (same parameters and format)."""
    marker = out / ".generated.json"
    if marker.exists():
        summary = json.loads(marker.read_text(encoding="utf-8"))
        if (summary.get("format"), summary.get("branches"), summary.get("seed")) == (FORMAT_VERSION, branches, seed):
            return summary
    return generate(out, branches, seed)


def main() -> None:
    parser = argparse.ArgumentParser(description="生成虚构的台账记录库（性能测量用）")
    parser.add_argument("--branches", type=int, default=100, help="党支部数（街道 100，区 1000）")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(json.dumps(cached(args.out, args.branches, args.seed), ensure_ascii=False))


if __name__ == "__main__":
    main()
