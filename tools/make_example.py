"""Write the example street (城南街道, fictional) into records/, deterministically.

    .venv/bin/python tools/make_example.py             # rewrites records/
    .venv/bin/python tools/make_example.py --out DIR   # writes somewhere else

Everything below the street is invented: people, ID and phone numbers, incomes, meetings.
One seeded random.Random and no clock: two runs write byte-identical files. The records
cover 2025-01-01 to 记录截至 (2026-10-31). The YAML is formatted by hand so that it reads like
what a 党务工作者 types, and the generator checks its own output against the cadences it
promises (学时, 谈心谈话, 志愿服务, attendance) before writing anything.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import example_street

from dangjian import idnumber
from dangjian.dates import add_years, years_between
from dangjian.layout import RESERVED_DIRS

SEED = 20261031
AS_OF = dt.date(2026, 10, 31)
YEARS = (2025, 2026)
STREET = "中共城南街道工作委员会"
STREET_SHORT = "城南街道党工委"
DISTRICT_ORG = "东湖区委组织部"
CITY_REGIONS = ("339902", "339903", "339904", "339921")  # one fictional city: three districts and a county
WEEKDAY_NAMES = "一二三四五六日"

# --- calendar ---------------------------------------------------------------------------------


def _span(first: str, last: str) -> list[dt.date]:
    a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]


# The State Council's arrangements (国务院办公厅 2023-10, 2024-11, 2025-11).
HOLIDAYS: dict[dt.date, str] = {
    day: name
    for name, first, last in (
        ("元旦", "2024-01-01", "2024-01-01"), ("春节", "2024-02-10", "2024-02-17"),
        ("清明节", "2024-04-04", "2024-04-06"), ("劳动节", "2024-05-01", "2024-05-05"),
        ("端午节", "2024-06-10", "2024-06-10"), ("中秋节", "2024-09-15", "2024-09-17"),
        ("国庆节", "2024-10-01", "2024-10-07"),
        ("元旦", "2025-01-01", "2025-01-01"), ("春节", "2025-01-28", "2025-02-04"),
        ("清明节", "2025-04-04", "2025-04-06"), ("劳动节", "2025-05-01", "2025-05-05"),
        ("端午节", "2025-05-31", "2025-06-02"), ("国庆节、中秋节", "2025-10-01", "2025-10-08"),
        ("元旦", "2026-01-01", "2026-01-03"), ("春节", "2026-02-15", "2026-02-23"),
        ("清明节", "2026-04-04", "2026-04-06"), ("劳动节", "2026-05-01", "2026-05-05"),
        ("端午节", "2026-06-19", "2026-06-21"), ("中秋节", "2026-09-25", "2026-09-27"),
        ("国庆节", "2026-10-01", "2026-10-07"),
    )
    for day in _span(first, last)
}
MAKEUP_DAYS: dict[dt.date, str] = {dt.date.fromisoformat(d): n for d, n in (
    ("2024-02-04", "春节"), ("2024-02-18", "春节"), ("2024-04-07", "清明节"), ("2024-04-28", "劳动节"),
    ("2024-05-11", "劳动节"), ("2024-09-14", "中秋节"), ("2024-09-29", "国庆节"), ("2024-10-12", "国庆节"),
    ("2025-01-26", "春节"), ("2025-02-08", "春节"), ("2025-04-27", "劳动节"), ("2025-09-28", "国庆节"),
    ("2025-10-11", "国庆节"), ("2026-01-04", "元旦"), ("2026-02-14", "春节"), ("2026-02-28", "春节"),
    ("2026-05-09", "劳动节"), ("2026-09-20", "国庆节"), ("2026-10-10", "国庆节"),
)}


def is_workday(day: dt.date) -> bool:
    """A working day, 调休 make-up weekends included."""
    return day in MAKEUP_DAYS or (day.weekday() < 5 and day not in HOLIDAYS)


def is_office_day(day: dt.date) -> bool:
    """Monday to Friday and not a holiday: when ordinary meetings are held."""
    return day.weekday() < 5 and day not in HOLIDAYS


def office_on_or_after(day: dt.date) -> dt.date:
    while not is_office_day(day):
        day += dt.timedelta(days=1)
    return day


def office_on_or_before(day: dt.date) -> dt.date:
    while not is_office_day(day):
        day -= dt.timedelta(days=1)
    return day


def add_office_days(day: dt.date, count: int) -> dt.date:
    step = 1 if count >= 0 else -1
    for _ in range(abs(count)):
        day = office_on_or_after(day + dt.timedelta(days=step)) if step > 0 else \
            office_on_or_before(day + dt.timedelta(days=step))
    return day


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def last_month(year: int) -> int:
    return AS_OF.month if year == AS_OF.year else 12


def year_end(year: int) -> dt.date:
    return min(dt.date(year, 12, 31), AS_OF)


def md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def day_label(day: dt.date) -> str:
    weekday = f"星期{WEEKDAY_NAMES[day.weekday()]}"
    if day in HOLIDAYS:
        return f"{weekday}，{HOLIDAYS[day]}假期"
    if day in MAKEUP_DAYS:
        return f"{weekday}，{MAKEUP_DAYS[day]}调休上班日"
    return weekday


def theme_date(rule: str, policy: str, year: int, month: int) -> tuple[dt.date, str | None]:
    """The month's 主题党日 and, when it is not on the fixed day, why."""
    if rule == "每月10日":
        fixed = dt.date(year, month, 10)
    elif rule == "每月第一个周五":
        fixed = dt.date(year, month, 1)
        fixed += dt.timedelta(days=(4 - fixed.weekday()) % 7)
    else:  # 每月最后一个周五
        fixed = month_end(year, month)
        fixed -= dt.timedelta(days=(fixed.weekday() - 4) % 7)
    fits = is_office_day if policy == "顺延至周一至周五" else is_workday
    if fits(fixed):
        return fixed, None
    step = -1 if policy == "提前" else 1
    day = fixed
    while not fits(day):
        day += dt.timedelta(days=step)
    verb = "提前至" if policy == "提前" else "顺延至"
    return day, f"固定日{md(fixed)}（{day_label(fixed)}），{verb}{md(day)}（{day_label(day)}）"


# --- people -----------------------------------------------------------------------------------

SURNAMES = ("王李张刘陈杨黄赵吴周" * 3 + "徐孙马朱胡郭何林高罗" * 2
            + "郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾夏韦方邹熊孟秦邱侯江尹薛段雷黎史陶贺毛郝顾龚邵钱严戴孔汤")
_GIVEN_TEXT = {
    ("男", "old"): "建国 国庆 建华 志刚 德明 振华 国强 文军 卫东 学文 永福 长林 保国 国华 庆山 树林 金生 德胜 福生 汉明 "
                   "世昌 家声 玉山 春林 新民 光明 兴华 瑞祥 忠诚 克勤 明 华 刚 忠",
    ("女", "old"): "秀英 桂兰 淑珍 玉兰 凤英 秀兰 桂英 素芬 美华 丽华 玉珍 翠兰 月娥 淑华 秀珍 玉梅 金凤 爱华 惠芳 建英 "
                   "桂芳 淑英 冬梅 秀云 素琴 玉琴 巧云 翠英 兰 芳",
    ("男", "mid"): "伟 强 军 勇 斌 磊 涛 海涛 志强 建军 国平 晓东 宏伟 永刚 立新 卫国 春生 明辉 俊峰 文斌 建平 红兵 志勇 "
                   "长江 海波 剑锋 晓峰 东升 建明 国栋",
    ("女", "mid"): "丽 敏 静 艳 红梅 丽娟 晓红 海燕 雪梅 秀芳 春燕 丽萍 建芬 玉红 晓燕 淑芳 慧敏 彩霞 卫红 小红 凤霞 美玲 "
                   "晓梅 丽君 秋菊 雅琴 红霞 亚萍",
    ("男", "young"): "浩 鹏 宇 超 杰 俊杰 子豪 浩然 宇航 志远 天宇 鑫 博文 晨阳 嘉豪 一鸣 思远 泽宇 皓轩 明轩 子轩 昊天 "
                     "文博 凯 帅 旭东 家乐 逸飞 睿 峻熙",
    ("女", "young"): "婷 洁 倩 雪 丹 佳怡 欣怡 思琪 雨婷 梦瑶 晓雯 诗涵 静怡 婉婷 雅琪 梓涵 心怡 子萱 晨曦 佳琪 悦 琳 璐 "
                     "颖 婧 思雨 若曦 可欣 梦洁 紫薇",
}
GIVEN = {key: text.split() for key, text in _GIVEN_TEXT.items()}
MINORITIES = ("畲族", "回族", "满族", "土家族", "壮族", "蒙古族")
PHONE_PREFIXES = ("133", "135", "136", "137", "138", "139", "150", "151", "153", "158", "159", "177", "180",
                  "181", "182", "187", "188", "189", "199")
COMPANIES = ("东湖区人民医院", "城南实验小学", "清江银行城南支行", "东湖区税务局", "城南物业服务有限公司",
             "清江燃气有限公司", "东湖区市场监督管理局", "城南中学", "清江日报社", "国网东湖供电公司",
             "东湖区人力资源和社会保障局", "城南邮政支局", "清江公交集团", "东湖区图书馆")
COMPANY_JOBS = ("职员", "教师", "会计", "工程师", "科员", "客户经理", "技术员", "护士", "驾驶员", "办事员")


@dataclass(frozen=True)
class Archetype:
    births: tuple[int, int]
    category: str
    income: tuple[int, int] | None  # 核定基数 range for 2025, yuan
    male_share: float
    join_gap: tuple[int, int]  # years after birth
    workplace: str | None = None
    positions: tuple[str, ...] = ()
    join_before: int = 2023  # joined no later than this year


ARCHETYPES: dict[str, Archetype] = {
    "retiree_old": Archetype((1936, 1950), "离退休", (2600, 5200), 0.55, (19, 26), join_before=1972),
    "retiree": Archetype((1953, 1964), "离退休", (3100, 7600), 0.5, (22, 40)),
    "community_worker": Archetype((1976, 1997), "在职", (3400, 6200), 0.35, (21, 33), "{community}居委会",
                                  ("居委会副主任", "社区专职工作者", "网格员", "社区党务工作者", "社区民政专干")),
    "resident_worker": Archetype((1968, 1996), "在职", (3800, 12500), 0.55, (21, 34)),
    "civil_servant": Archetype((1970, 2000), "在职", (5600, 13800), 0.5, (21, 31), "城南街道办事处",
                               ("党政办公室科员", "社会事务办公室科员", "城市管理办公室科员", "经济发展办公室科员",
                                "综合治理中心科员", "党建工作办公室科员", "财政所科员", "退役军人服务站科员")),
    "medic": Archetype((1970, 1998), "在职", (4600, 12800), 0.3, (21, 31), "城南街道社区卫生服务中心",
                       ("全科医生", "主管护师", "护士", "公共卫生医师", "药剂师", "检验师", "中医科医生", "康复治疗师")),
    "engineer": Archetype((1982, 2000), "在职", (4500, 17500), 0.65, (20, 30), "城南启航智能科技有限公司",
                          ("软件工程师", "硬件工程师", "测试工程师", "产品经理", "人力资源专员", "财务主管", "项目经理",
                           "销售经理")),
    "social_worker": Archetype((1972, 1998), "在职", (2800, 6400), 0.4, (20, 31), None,
                               ("社工", "项目主管", "护理员", "财务", "办公室主任")),
    "builder": Archetype((1970, 1991), "在职", (5200, 11800), 0.85, (21, 31), None,
                         ("施工员", "质检员", "资料员", "监理工程师", "技术负责人")),
    "farmer": Archetype((1958, 1966), "农民", None, 0.6, (22, 38)),
    "unemployed": Archetype((1972, 1980), "下岗失业", None, 0.6, (21, 30)),
    "dibao": Archetype((1966, 1974), "低保", None, 0.5, (22, 32)),
    "student": Archetype((2001, 2003), "学生", None, 0.5, (19, 21)),
}


@dataclass
class Transfer:
    kind: str
    date: dt.date
    unit: str
    letter: str


@dataclass
class Event:
    kind: str
    date: dt.date
    note: str


@dataclass(eq=False)
class Person:
    name: str
    gender: str
    birth: dt.date
    joined: dt.date
    archetype: str
    category: str
    ethnicity: str = "汉族"
    education: str = "高中"
    id: str = ""
    full: dt.date | None = None
    group: str | None = None
    flags: list[str] = field(default_factory=list)
    id_number: str | None = None
    phone: str | None = None
    workplace: str | None = None
    position: str | None = None
    transfers: list[Transfer] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    note: str | None = None
    base: dict[int, Decimal] = field(default_factory=dict)
    year_category: dict[int, str] = field(default_factory=dict)
    quarterly: str | None = None
    away: bool = False  # works or studies elsewhere: often misses meetings held in person

    @property
    def start(self) -> dt.date:
        came = [t.date for t in self.transfers if t.kind == "转入"]
        return came[0] if came else self.joined

    @property
    def end(self) -> dt.date | None:
        left = [t.date for t in self.transfers if t.kind == "转出"]
        return left[0] if left else None

    def on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def full_on(self, day: dt.date) -> bool:
        return self.full is not None and self.full <= day and self.on(day)

    def category_in(self, year: int) -> str:
        return self.year_category.get(year, self.category)

    def age(self, day: dt.date) -> int:
        return years_between(self.birth, day)


@dataclass
class Seat:
    person: Person
    role: str


@dataclass
class Committee:
    session: str
    elected: dt.date
    term: int
    approval: str
    seats: list[Seat]

    def ids(self) -> list[str]:
        return [s.person.id for s in self.seats]

    def holder(self, role: str) -> Person | None:
        return next((s.person for s in self.seats if s.role == role), None)


@dataclass
class Org:
    id: str
    path: str
    name: str
    short: str
    kind: str
    sector: str
    founded: dt.date
    approval: str
    theme_rule: str
    place: str
    address: str
    phone: str
    community: str = ""
    policy: str | None = None  # 节假日安排 written in branch.yaml
    units: list[str] = field(default_factory=list)
    ends: dt.date | None = None
    population: int | None = None
    households: int | None = None
    area: int | None = None
    funding: Decimal | None = None
    group_names: list[str] = field(default_factory=list)
    leaders: dict[str, Person] = field(default_factory=dict)
    committees: list[Committee] = field(default_factory=list)
    members: list[Person] = field(default_factory=list)
    applicants: list[dict] = field(default_factory=list)
    rota: list[tuple[str, list[Person]]] = field(default_factory=list)
    offset: int = 0  # spreads meeting days between organisations
    # generated records, per year
    meetings: dict[int, list[dict]] = field(default_factory=dict)
    trainings: dict[int, list[dict]] = field(default_factory=dict)
    talks: dict[int, list[dict]] = field(default_factory=dict)
    activities: dict[int, dict] = field(default_factory=dict)
    dues: dict[int, dict] = field(default_factory=dict)
    theme: dict[tuple[int, int], dict] = field(default_factory=dict)  # (year, month) → the 主题党日 meeting
    extra_topics: dict[dt.date, list[str]] = field(default_factory=dict)  # 支委会 agenda items by date

    @property
    def committee(self) -> Committee:
        return self.committees[-1]

    def committee_on(self, day: dt.date) -> Committee:
        """The committee in office on the day (the first one for earlier days)."""
        return ([c for c in self.committees if c.elected <= day] or self.committees[:1])[-1]

    def secretary_on(self, day: dt.date) -> Person:
        person = self.committee_on(day).holder("书记")
        assert person is not None
        return person

    def members_on(self, day: dt.date) -> list[Person]:
        return [p for p in self.members if p.on(day)]

    def full_on(self, day: dt.date) -> list[Person]:
        return [p for p in self.members if p.full_on(day)]

    def person(self, pid: str) -> Person:
        return next(p for p in self.members if p.id == pid)

    def recorder_on(self, day: dt.date) -> Person:
        committee = self.committee_on(day)
        for role in ("组织委员", "宣传委员", "副书记"):
            if committee.holder(role):
                return committee.holder(role)  # type: ignore[return-value]
        raise AssertionError(f"{self.id} has no recorder")

    def cadres_in(self, year: int) -> list[Person]:
        """Everyone who sat on the committee at some time in the year."""
        out: list[Person] = []
        for c in self.committees:
            following = [x.elected for x in self.committees if x.elected > c.elected]
            until = following[0] if following else dt.date.max
            if c.elected <= year_end(year) and until > dt.date(year, 1, 1):
                out.extend(s.person for s in c.seats if s.person not in out)
        return out


class Maker:
    """Makes people: names unique across the street, valid ID numbers, plausible dates."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: set[str] = set()
        self.id_numbers: set[str] = set()

    def date_between(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))

    def name(self, gender: str, birth_year: int) -> str:
        era = "old" if birth_year <= 1958 else "mid" if birth_year <= 1984 else "young"
        while True:
            name = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN[(gender, era)])
            if name not in self.names:
                self.names.add(name)
                return name

    def education(self, archetype: str, birth_year: int) -> str:
        pools = {"civil_servant": ("大学本科",) * 4 + ("研究生",) * 2 + ("大学专科",),
                 "medic": ("大学本科",) * 4 + ("研究生", "大学专科", "大学专科"),
                 "engineer": ("大学本科",) * 4 + ("研究生",) * 2,
                 "student": ("大学本科",)}
        if archetype in pools:
            return self.rng.choice(pools[archetype])
        if birth_year < 1950:
            pool = ("小学及以下", "初中", "初中", "高中", "中专")
        elif birth_year < 1965:
            pool = ("初中", "高中", "高中", "中专", "大学专科", "大学本科")
        elif birth_year < 1980:
            pool = ("高中", "中专", "大学专科", "大学专科", "大学本科", "大学本科")
        else:
            pool = ("大学专科", "大学本科", "大学本科", "大学本科", "研究生")
        return self.rng.choice(pool)

    def id_number(self, birth: dt.date, gender: str) -> str:
        while True:
            region = self.rng.choice(CITY_REGIONS)
            sequence = self.rng.randrange(0, 500) * 2 + (1 if gender == "男" else 0)
            number = idnumber.make(region, birth, sequence)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number

    def phone(self) -> str:
        return self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randrange(10 ** 8):08d}"

    def base(self, archetype: Archetype) -> Decimal:
        assert archetype.income is not None
        low, high = archetype.income
        value = Decimal(self.rng.randrange(low // 10, high // 10) * 10)
        if self.rng.random() < 0.3:
            value += Decimal(self.rng.choice(("0.50", "5.30", "7.80", "3.40", "6.60")))
        return value

    def person(self, org: Org, archetype_key: str, *, gender: str | None = None, birth: dt.date | None = None,
               joined: dt.date | None = None, workplace: str | None = None,
               position: str | None = None, latest: int | None = None) -> Person:
        rng = self.rng
        arch = ARCHETYPES[archetype_key]
        gender = gender or ("男" if rng.random() < arch.male_share else "女")
        birth = birth or self.date_between(dt.date(arch.births[0], 1, 1), dt.date(arch.births[1], 12, 31))
        if joined is None:
            while True:
                first = add_years(birth, arch.join_gap[0])
                last = min(add_years(birth, arch.join_gap[1]), dt.date(latest or arch.join_before, 12, 31))
                joined = self.date_between(first, max(first, last))
                joined = office_on_or_before(joined) if joined >= dt.date(2024, 1, 1) else \
                    joined - dt.timedelta(days=max(joined.weekday() - 4, 0))
                # no one within the years where 党龄 50 would depend on the checking date
                if not dt.date(1973, 1, 1) <= joined <= dt.date(1977, 12, 31):
                    break
        person = Person(name=self.name(gender, birth.year), gender=gender, birth=birth, joined=joined,
                        archetype=archetype_key, category=arch.category)
        person.full = add_years(joined, 1) if add_years(joined, 1) <= AS_OF else None
        person.ethnicity = "汉族" if rng.random() < 0.93 else rng.choice(MINORITIES)
        person.education = self.education(archetype_key, birth.year)
        if rng.random() < 0.55:
            person.id_number = self.id_number(birth, gender)
        if rng.random() < 0.5 or arch.category == "在职":
            person.phone = self.phone() if rng.random() < 0.75 else None
        if arch.category == "在职":
            if workplace:
                person.workplace = workplace
            elif arch.workplace:
                person.workplace = arch.workplace.format(community=org.community)
            else:
                person.workplace = rng.choice(COMPANIES)
            person.position = position or (rng.choice(arch.positions) if arch.positions else rng.choice(COMPANY_JOBS))
        if arch.income is not None:
            base = self.base(arch)
            raise_by = Decimal(rng.choice(("1.00", "1.02", "1.02", "1.03", "1.05")))
            person.base = {2025: base, 2026: (base * raise_by).quantize(Decimal("0.01"))}
        if person.full and person.full <= dt.date(1974, 12, 31):
            person.flags.append("老党员")
        return person


# --- the organisations ------------------------------------------------------------------------


def _org(**kw) -> Org:
    return Org(**kw)


def build_orgs(rng: random.Random) -> list[Org]:
    maker = Maker(rng)
    orgs: list[Org] = []

    def populate(org: Org, recipe: Iterable[tuple[str, int]]) -> list[Person]:
        people = []
        for archetype, count in recipe:
            people.extend(maker.person(org, archetype) for _ in range(count))
        people.sort(key=lambda p: p.joined)
        return people

    def number(org: Org, people: list[Person]) -> None:
        for i, person in enumerate(people, start=1):
            person.id = f"{org.id}-{i:03d}"
        org.members = people

    def pick(people: list[Person], test: Callable[[Person], bool], taken: list[Person],
             senior: dt.date | None = None) -> Person:
        """A random eligible person; with `senior`, one of the three longest-standing of age then."""
        found = [p for p in people if test(p) and p not in taken and not p.transfers and "流动党员" not in p.flags]
        if senior is not None:
            found = sorted((p for p in found if p.age(senior) >= 38), key=lambda p: p.joined)[:3] or found
        assert found, "no candidate"
        chosen = rng.choice(found)
        taken.append(chosen)
        return chosen

    def seasoned(by: dt.date) -> Callable[[Person], bool]:
        return lambda p: p.full is not None and years_between(p.full, by) >= 1

    def of(*archetypes: str, by: dt.date) -> Callable[[Person], bool]:
        ok = seasoned(by)
        return lambda p: p.archetype in archetypes and ok(p) and p.age(by) < 75

    def committee(org: Org, session: str, elected: dt.date, term: int, approval: str,
                  roles: list[tuple[str, tuple[str, ...]]], previous: Committee | None = None,
                  change: tuple[str, ...] = ()) -> Committee:
        """A committee; after `previous`, everyone is re-elected except the roles in `change`."""
        taken: list[Person] = []
        seats: list[Seat] = []
        for role, archetypes in roles:
            holder = previous.holder(role) if previous else None
            if holder is not None and role not in change:
                taken.append(holder)
                seats.append(Seat(holder, role))
                continue
            exclude = previous.ids() if previous else []
            test = of(*archetypes, by=elected)
            person = pick(org.members, lambda p, t=test, x=exclude: t(p) and p.id not in x, taken,
                          senior=elected if role == "书记" else None)
            seats.append(Seat(person, role))
        return Committee(session, elected, term, approval, seats)

    # CN01 幸福社区党支部 ---------------------------------------------------------------------
    cn01 = _org(id="CN01", path="CN01", name="中共城南街道幸福社区支部委员会", short="幸福社区党支部", kind="党支部",
                sector="社区", founded=dt.date(2003, 6, 18), approval="城南工委〔2003〕11号", theme_rule="每月10日",
                place="幸福社区党群服务中心党员活动室", address="城南街道幸福路88号", phone="86251018",
                community="幸福社区", population=6280, households=2310, area=620, funding=Decimal("30000"),
                group_names=["幸福里党小组", "和园党小组", "锦绣苑党小组"], offset=0)
    people = populate(cn01, [("community_worker", 6), ("retiree_old", 5), ("retiree", 12), ("resident_worker", 5),
                             ("unemployed", 1)])
    mobile = maker.person(cn01, "resident_worker", gender="男", birth=dt.date(1986, 4, 17), joined=dt.date(2010, 6, 25),
                          workplace="宁海市恒通市政工程有限公司", position="施工员")
    mobile.flags.append("流动党员")
    mobile.away = True
    mobile.quarterly = "本人申请，{day}支委会研究同意按季交纳"
    mobile.note = "在外地务工，持《流动党员活动证》，按季交纳党费"
    people.insert(0, mobile)
    people.sort(key=lambda p: p.joined)
    fresh = maker.person(cn01, "resident_worker", gender="女", birth=dt.date(1998, 9, 23), joined=dt.date(2026, 7, 1),
                         workplace="城南实验小学", position="教师")
    number(cn01, [*people, fresh])
    roles5 = [("书记", ("community_worker",)), ("副书记", ("community_worker",)), ("组织委员", ("community_worker",)),
              ("宣传委员", ("resident_worker", "community_worker")), ("纪检委员", ("retiree",))]
    past = committee(cn01, "第四届", dt.date(2021, 3, 23), 5, "城南工委〔2021〕15号", roles5)
    now = committee(cn01, "第五届", dt.date(2026, 3, 18), 5, "城南工委〔2026〕18号",
                    [(r, a if r != "纪检委员" else ("community_worker", "resident_worker")) for r, a in roles5],
                    previous=past, change=("纪检委员",))
    cn01.committees = [past, now]
    for seat, title in zip(now.seats[:2], ("社区党支部书记、居委会主任", "社区党支部副书记、居委会副主任"), strict=True):
        seat.person.position = title
    orgs.append(cn01)

    # CN02 和平社区党支部 ---------------------------------------------------------------------
    cn02 = _org(id="CN02", path="CN02", name="中共城南街道和平社区支部委员会", short="和平社区党支部", kind="党支部",
                sector="社区", founded=dt.date(2008, 9, 12), approval="城南工委〔2008〕27号", theme_rule="每月10日",
                place="和平社区党群服务中心会议室", address="城南街道和平东路16号", phone="86253206",
                community="和平社区", population=4860, households=1750, area=540, funding=Decimal("20000"),
                group_names=["第一网格党小组", "第二网格党小组"], offset=1)
    people = populate(cn02, [("community_worker", 5), ("retiree_old", 3), ("retiree", 10), ("resident_worker", 3),
                             ("farmer", 2)])
    mobile = maker.person(cn02, "resident_worker", gender="男", birth=dt.date(1990, 11, 2), joined=dt.date(2014, 5, 20),
                          workplace="深川市华信电子有限公司", position="技术员")
    mobile.flags.append("流动党员")
    mobile.away = True
    mobile.note = "在外地务工，持《流动党员活动证》，通过线上方式参加组织生活"
    retiring = maker.person(cn02, "resident_worker", gender="男", birth=dt.date(1965, 7, 14), joined=dt.date(1992, 6, 26),
                            workplace="城南机械有限公司", position="车间主任")
    retiring.base = {2025: Decimal("6200.00"), 2026: Decimal("4350.00")}
    retiring.year_category = {2025: "在职"}
    retiring.category, retiring.workplace, retiring.position = "离退休", None, None
    retiring.events.append(Event("退休", dt.date(2025, 7, 31), "从城南机械有限公司车间主任岗位退休"))
    retiring.note = "2025年7月退休，2026年起按养老金核定党费"
    people = sorted([*people, mobile, retiring], key=lambda p: p.joined)
    moved_in = maker.person(cn02, "resident_worker", gender="女", birth=dt.date(1984, 3, 9), joined=dt.date(2007, 11, 16),
                            workplace="东湖区图书馆", position="馆员")
    moved_in.transfers.append(Transfer("转入", dt.date(2025, 4, 1), "中共东湖区城北街道锦华社区委员会",
                                       "东湖组转〔2025〕0412号"))
    moved_in.note = "2025年3月迁居和平社区，组织关系随迁转入"
    number(cn02, [*people, moved_in])
    roles5b = [("书记", ("community_worker",)), ("副书记", ("community_worker",)), ("组织委员", ("community_worker",)),
               ("宣传委员", ("retiree",)), ("纪检委员", ("retiree",))]
    past = committee(cn02, "第三届", dt.date(2021, 3, 24), 5, "城南工委〔2021〕16号", roles5b)
    now = committee(cn02, "第四届", dt.date(2026, 3, 19), 5, "城南工委〔2026〕19号", roles5b, previous=past,
                    change=("宣传委员",))
    cn02.committees = [past, now]
    for seat, title in zip(now.seats[:2], ("社区党支部书记、居委会主任", "社区党支部副书记、居委会副主任"), strict=True):
        seat.person.position = title
    orgs.append(cn02)

    # CN03 街道机关党支部 ---------------------------------------------------------------------
    cn03 = _org(id="CN03", path="CN03", name="中共城南街道办事处机关支部委员会", short="街道机关党支部", kind="党支部",
                sector="机关", founded=dt.date(1998, 4, 20), approval="东湖区委〔1998〕33号", theme_rule="每月第一个周五",
                policy="顺延至周一至周五", place="街道办事处三楼会议室", address="城南街道解放路120号",
                phone="86250001", group_names=["党政综合党小组", "社会事务党小组", "城市管理党小组"], offset=2)
    people = populate(cn03, [("civil_servant", 19)])
    developed = maker.person(cn03, "civil_servant", gender="男", birth=dt.date(1997, 2, 11), joined=dt.date(2024, 6, 20),
                             position="城市管理办公室科员")
    people = sorted([*people, developed], key=lambda p: p.joined)
    recruit = maker.person(cn03, "civil_servant", gender="女", birth=dt.date(2001, 8, 30), joined=dt.date(2022, 5, 27),
                           position="党政办公室科员")
    recruit.transfers.append(Transfer("转入", dt.date(2025, 7, 1), "中共清江大学公共管理学院研究生第二支部委员会",
                                      "清大组转〔2025〕0186号"))
    recruit.note = "2025年新录用公务员"
    number(cn03, [*people, recruit])
    roles3 = [("书记", ("civil_servant",)), ("组织委员", ("civil_servant",)), ("宣传委员", ("civil_servant",))]
    past = committee(cn03, "第八届", dt.date(2021, 9, 24), 3, "城南工委〔2021〕38号", roles3)
    now = committee(cn03, "第九届", dt.date(2024, 9, 20), 3, "城南工委〔2024〕41号", roles3, previous=past,
                    change=("宣传委员",))
    cn03.committees = [past, now]
    for person in rng.sample([p for p in cn03.members if p.full], 8):
        person.flags.append("在职党员报到")
    leaders = [p for p in cn03.members if p.age(AS_OF) >= 40 and p.id not in now.ids() + past.ids()]
    for person, post in zip(sorted(leaders, key=lambda p: p.birth)[:2], ("街道办事处副主任", "街道党工委委员、武装部长"),
                            strict=True):
        person.flags.append("党员领导干部")
        person.position = post
    secretary = now.holder("书记")
    assert secretary is not None
    secretary.position = "街道党工委委员、组织委员"
    secretary.flags.append("党员领导干部")
    cn03.members[4].base = {2025: Decimal("10000.00"), 2026: Decimal("10000.00")}  # on the tier bound
    mover = next(p for p in cn03.members if p.id not in now.ids() and "党员领导干部" not in p.flags and not p.transfers
                 and p.full and p.full < dt.date(2020, 1, 1))
    mover.events.append(Event("工作变动", dt.date(2026, 3, 16), "由党政办公室调整到社会事务办公室工作"))
    mover.position = "社会事务办公室科员"
    orgs.append(cn03)

    # CN04 社区卫生服务中心党支部 ---------------------------------------------------------------
    cn04 = _org(id="CN04", path="CN04", name="中共城南街道社区卫生服务中心支部委员会", short="社区卫生服务中心党支部",
                kind="党支部", sector="事业单位", founded=dt.date(2012, 5, 16), approval="城南工委〔2012〕19号",
                theme_rule="每月第一个周五", place="社区卫生服务中心四楼会议室", address="城南街道健康路9号",
                phone="86257120", group_names=["临床党小组", "公共卫生党小组"], offset=3)
    people = populate(cn04, [("medic", 17)])
    fresh04 = maker.person(cn04, "medic", gender="女", birth=dt.date(1997, 12, 5), joined=dt.date(2026, 4, 1),
                           position="护士")
    number(cn04, [*people, fresh04])
    roles3m = [("书记", ("medic",)), ("组织委员", ("medic",)), ("宣传委员", ("medic",))]
    cn04.committees = [committee(cn04, "第五届", dt.date(2024, 12, 18), 3, "城南工委〔2024〕52号", roles3m)]
    director = cn04.committee.holder("书记")
    assert director is not None
    director.position, director.flags = "中心主任", [*director.flags, "党员领导干部"]
    leaving = next(p for p in cn04.members if p.id not in cn04.committee.ids() and p.full
                   and p.full < dt.date(2018, 1, 1))
    leaving.events.append(Event("工作变动", dt.date(2025, 10, 9), "调入东湖区人民医院工作"))
    leaving.transfers.append(Transfer("转出", dt.date(2025, 10, 24), "中共东湖区人民医院委员会", "城南组转〔2025〕0317号"))
    leaving.note = "2025年10月调出，党费交至2025年9月"
    honoured = next(p for p in cn04.members if p.id not in cn04.committee.ids() and p is not leaving and p.full)
    honoured.events.append(Event("受表彰", dt.date(2025, 6, 30), "获评东湖区优秀共产党员"))
    for person in rng.sample([p for p in cn04.members if p.full and p is not leaving], 6):
        person.flags.append("在职党员报到")
    orgs.append(cn04)

    # CN05 启航科技党支部 ---------------------------------------------------------------------
    cn05 = _org(id="CN05", path="CN05", name="中共城南启航智能科技有限公司支部委员会", short="启航科技党支部", kind="党支部",
                sector="非公企业", founded=dt.date(2019, 6, 28), approval="城南工委〔2019〕24号",
                theme_rule="每月最后一个周五", policy="提前", place="公司党建活动室",
                address="城南街道创新路66号启航大厦8楼", phone="86259866", group_names=["研发党小组", "运营党小组"],
                offset=4)
    people = populate(cn05, [("engineer", 13)])
    fresh05 = maker.person(cn05, "engineer", gender="男", birth=dt.date(1999, 10, 19), joined=dt.date(2026, 7, 1),
                           position="测试工程师")
    hire = maker.person(cn05, "engineer", gender="女", birth=dt.date(1994, 5, 28), joined=dt.date(2016, 11, 11),
                        position="产品经理")
    hire.transfers.append(Transfer("转入", dt.date(2026, 4, 1), "中共清江市滨江区星河科技园区综合委员会",
                                   "滨江组转〔2026〕0093号"))
    hire.note = "2026年3月入职，组织关系转入"
    number(cn05, [*people, hire, fresh05])
    roles3e = [("书记", ("engineer",)), ("组织委员", ("engineer",)), ("宣传委员", ("engineer",))]
    past = committee(cn05, "第二届", dt.date(2022, 6, 28), 3, "城南工委〔2022〕26号", roles3e)
    now = committee(cn05, "第三届", dt.date(2025, 6, 26), 3, "城南工委〔2025〕29号", roles3e, previous=past,
                    change=("宣传委员",))
    cn05.committees = [past, now]
    boss = now.holder("书记")
    assert boss is not None
    boss.position = "副总经理"
    promoted = next(p for p in cn05.members if p.id not in now.ids() + past.ids() and p.full
                    and not p.transfers)
    promoted.events.append(Event("工作变动", dt.date(2025, 9, 1), "提任研发部技术主管"))
    promoted.position = "研发部技术主管"
    orgs.append(cn05)

    # CN06 社会组织联合党支部 ------------------------------------------------------------------
    units = ["城南街道颐康养老服务中心", "启明社会工作服务中心", "城南街道商会", "阳光助残服务社", "城南乐龄志愿者协会"]
    cn06 = _org(id="CN06", path="CN06", name="中共城南街道社会组织联合支部委员会", short="社会组织联合党支部",
                kind="联合党支部", sector="社会组织", founded=dt.date(2021, 5, 20), approval="城南工委〔2021〕22号",
                theme_rule="每月10日", place="城南街道社会组织服务中心", address="城南街道文化路31号",
                phone="86256031", units=units, offset=1)
    people = []
    for unit, count in zip(units, (2, 2, 2, 1, 1), strict=True):
        people.extend(maker.person(cn06, "social_worker", workplace=unit) for _ in range(count))
    people.sort(key=lambda p: p.joined)
    number(cn06, people)
    people[0].base = {2025: Decimal("3000.00"), 2026: Decimal("3000.00")}  # on the tier bound
    roles3s = [("书记", ("social_worker",)), ("组织委员", ("social_worker",)), ("宣传委员", ("social_worker",))]
    cn06.committees = [committee(cn06, "第二届", dt.date(2024, 7, 17), 3, "城南工委〔2024〕30号", roles3s)]
    orgs.append(cn06)

    # CN07 老旧小区改造工程临时党支部 -------------------------------------------------------------
    cn07 = _org(id="CN07", path="CN07", name="中共城南街道老旧小区改造工程临时支部", short="老旧小区改造临时党支部",
                kind="临时党支部", sector="其他", founded=dt.date(2024, 11, 15), approval="城南工委〔2024〕47号",
                ends=dt.date(2027, 6, 30), theme_rule="每月10日", place="改造工程项目部会议室",
                address="城南街道幸福路88号（项目部）", phone="86258077", offset=2)
    firms = ["宁海市远航建筑工程有限公司"] * 4 + ["清江正信工程监理有限公司"] * 2
    people = [maker.person(cn07, "builder", workplace=firm) for firm in firms]
    people.sort(key=lambda p: p.joined)
    number(cn07, people)
    roles2 = [("书记", ("builder",)), ("副书记", ("builder",))]
    cn07.committees = [committee(cn07, "第一届", dt.date(2024, 11, 15), 3, "城南工委〔2024〕47号", roles2)]
    for person in people:
        person.flags.append("流动党员")
        person.note = "组织关系在原单位，持《流动党员活动证》在临时党支部参加组织生活、交纳党费"
    manager, safety = cn07.committee.holder("书记"), cn07.committee.holder("副书记")
    assert manager is not None and safety is not None
    manager.position, manager.workplace = "项目经理", firms[0]
    chair = cn06.committee.holder("书记")
    assert chair is not None
    chair.position = "负责人"
    safety.position = "安全员" if safety.workplace == firms[0] else "总监理工程师"
    orgs.append(cn07)

    # CN08 光明社区党总支 and its three branches ----------------------------------------------------
    cn08 = _org(id="CN08", path="CN08", name="中共城南街道光明社区总支部委员会", short="光明社区党总支", kind="党总支",
                sector="社区", founded=dt.date(2023, 4, 18), approval="城南工委〔2023〕9号", theme_rule="每月10日",
                place="光明社区党群服务中心", address="城南街道光明路200号", phone="86252200", community="光明社区",
                population=8640, households=3210, area=860, funding=Decimal("45000"), offset=3)
    people = sorted((maker.person(cn08, "community_worker", latest=2020) for _ in range(7)), key=lambda p: p.joined)
    number(cn08, people)
    roles7 = [("书记", ("community_worker",)), ("副书记", ("community_worker",)), ("副书记", ("community_worker",)),
              ("组织委员", ("community_worker",)), ("宣传委员", ("community_worker",)),
              ("纪检委员", ("community_worker",)), ("委员", ("community_worker",))]
    taken: list[Person] = []
    seats = [Seat(pick(people, of(*a, by=dt.date(2023, 4, 18)), taken,
                       senior=dt.date(2023, 4, 18) if r == "书记" else None), r) for r, a in roles7]
    cn08.committees = [Committee("第一届", dt.date(2023, 4, 18), 5, "城南工委〔2023〕10号", seats)]
    titles = ["社区党总支书记、居委会主任", "社区党总支副书记", "社区党总支副书记、居务监督委员会主任", "居委会委员",
              "居委会委员", "居务监督委员会委员", "社区网格长"]
    for seat, title in zip(seats, titles, strict=True):
        seat.person.position = title
    cn08.rota = [("周一", [s.person for s in seats])] + [
        (day, [seat.person]) for day, seat in zip(("周二", "周三", "周四", "周五", "周六"), seats[:5], strict=True)]
    orgs.append(cn08)

    cn09 = _org(id="CN09", path="CN08/CN09", name="中共城南街道光明社区第一支部委员会", short="光明社区第一党支部",
                kind="党支部", sector="社区", founded=dt.date(2010, 3, 16), approval="城南工委〔2010〕8号",
                theme_rule="每月10日", place="光明社区党群服务中心党员活动室", address="城南街道光明路200号",
                phone="86252201", community="光明社区", group_names=["光明东苑党小组", "光明西苑党小组"], offset=4)
    people = populate(cn09, [("retiree", 9), ("resident_worker", 6), ("retiree_old", 1)])
    student = maker.person(cn09, "student", gender="女", birth=dt.date(2002, 4, 3), joined=dt.date(2023, 5, 26))
    student.flags.append("流动党员")
    student.away = True
    student.note = "在外地高校攻读硕士研究生，组织关系保留在社区，寒暑假参加组织生活"
    people = sorted([*people, student], key=lambda p: p.joined)
    settler = maker.person(cn09, "retiree", gender="男", birth=dt.date(1958, 8, 21), joined=dt.date(1984, 7, 1))
    settler.transfers.append(Transfer("转入", dt.date(2026, 6, 1), "中共清溪县溪口镇中心学校委员会",
                                      "清溪组转〔2026〕0058号"))
    settler.note = "原溪口镇中心学校退休教师，2026年5月随子女迁居光明社区，组织关系转入"
    number(cn09, [*people, settler])
    roles3c = [("书记", ("retiree", "resident_worker")), ("组织委员", ("resident_worker", "retiree")),
               ("宣传委员", ("retiree", "resident_worker"))]
    cn09.committees = [committee(cn09, "第四届", dt.date(2023, 4, 20), 5, "城南工委〔2023〕12号", roles3c)]
    orgs.append(cn09)

    cn10 = _org(id="CN10", path="CN08/CN10", name="中共城南街道光明社区第二支部委员会", short="光明社区第二党支部",
                kind="党支部", sector="社区", founded=dt.date(2016, 8, 23), approval="城南工委〔2016〕31号",
                theme_rule="每月10日", place="光明社区党群服务中心党员活动室", address="城南街道光明路200号",
                phone="86252202", community="光明社区", group_names=["滨河党小组", "枫林党小组"], offset=0)
    people = populate(cn10, [("retiree", 7), ("resident_worker", 7), ("retiree_old", 1), ("dibao", 1)])
    number(cn10, people)
    cn10.committees = [committee(cn10, "第三届", dt.date(2023, 4, 21), 5, "城南工委〔2023〕13号", roles3c)]
    poor = next(p for p in cn10.members if p.archetype == "dibao")
    poor.flags.append("困难党员")
    poor.note = "患慢性病，享受最低生活保障"
    departing = next(p for p in cn10.members if p.archetype == "resident_worker"
                     and p.id not in cn10.committee.ids())
    departing.transfers.append(Transfer("转出", dt.date(2026, 5, 26), "中共清江市滨江区春晓街道春晓社区委员会",
                                        "城南组转〔2026〕0121号"))
    departing.note = "2026年5月迁居滨江区，党费交至2026年4月"
    orgs.append(cn10)

    cn11 = _org(id="CN11", path="CN08/CN11", name="中共城南街道光明社区离退休党员支部委员会", short="光明社区离退休党支部",
                kind="党支部", sector="社区", founded=dt.date(2013, 6, 25), approval="城南工委〔2013〕21号",
                theme_rule="每月10日", place="光明社区老年活动中心", address="城南街道光明路200号",
                phone="86252203", community="光明社区", group_names=["第一党小组", "第二党小组"], offset=2)
    people = populate(cn11, [("retiree_old", 8), ("retiree", 8)])
    number(cn11, people)
    roles3r = [("书记", ("retiree",)), ("组织委员", ("retiree",)), ("宣传委员", ("retiree", "retiree_old"))]
    cn11.committees = [committee(cn11, "第四届", dt.date(2023, 4, 21), 5, "城南工委〔2023〕14号", roles3r)]
    sick = next(p for p in cn11.members if p.archetype == "retiree_old" and p.id not in cn11.committee.ids())
    sick.flags.append("困难党员")
    sick.note = "高龄独居，患有慢性病"
    orgs.append(cn11)

    # CN01: the 下岗失业 member is also 困难; one member meets hardship in 2025
    poor = next(p for p in cn01.members if p.archetype == "unemployed")
    poor.flags.append("困难党员")
    poor.note = "原城南纺织厂职工，下岗后打零工"
    troubled = next(p for p in cn01.members if p.archetype == "retiree" and p not in cn01.cadres_in(2026))
    troubled.events.append(Event("遇困难挫折", dt.date(2025, 10, 13), "配偶患重病住院，家庭负担加重"))
    honoured = next(p for p in cn11.members if p.archetype == "retiree_old" and p is not sick)
    honoured.events.append(Event("受表彰", dt.date(2025, 6, 30), "获“光荣在党50年”纪念章"))

    # boundaries of the dues tiers, shown on purpose
    worker = next(p for p in cn01.members if p.archetype == "community_worker" and p.category == "在职")
    worker.base = {2025: Decimal("5000.00"), 2026: Decimal("5000.00")}
    pensioner = next(p for p in cn11.members if p.archetype == "retiree")
    pensioner.base = {2025: Decimal("5000.00"), 2026: Decimal("5100.00")}

    for org in orgs:
        finish(org, rng)
    return orgs


def finish(org: Org, rng: random.Random) -> None:
    """Flags that follow from the roster, the 党小组, and a college graduate in every 社区 班子 (CJ-2.2)."""
    seats = [s.person for s in org.committee.seats]
    if org.sector == "社区" and not any(p.education in ("研究生", "大学本科", "大学专科") for p in seats):
        seats[0].education = "大学专科"
    for person in org.members:
        if org.sector == "社区" and person.archetype == "community_worker" and "社区干部" not in person.flags:
            person.flags.append("社区干部")
    if not org.group_names:
        return
    order = list(org.members)
    rng.shuffle(order)
    for i, person in enumerate(order):
        person.group = org.group_names[i % len(org.group_names)]
    secretary = org.committee.holder("书记")
    for name in org.group_names:
        candidates = [p for p in org.members if p.group == name and p.full and p.full < dt.date(2024, 1, 1)
                      and p.end is None and p.start < dt.date(2025, 1, 1) and p is not secretary
                      and p.age(AS_OF) < 78 and "流动党员" not in p.flags]
        org.leaders[name] = rng.choice(candidates)


# --- 发展党员 -----------------------------------------------------------------------------------


def committee_day(org: Org, year: int, month: int) -> dt.date:
    """The monthly 支委会: the first working day of January, else around the 20th."""
    if month == 1:
        return office_on_or_after(dt.date(year, 1, 2))
    day = office_on_or_after(dt.date(year, month, 20 + org.offset % 4))
    return day if day.month == month else office_on_or_before(dt.date(year, month, 20))


def group_day(org: Org, index: int, year: int, month: int) -> dt.date:
    return office_on_or_after(dt.date(year, month, 13 + 2 * index + org.offset % 2))


def build_applicants(orgs: list[Org], rng: random.Random) -> None:
    by_id = {o.id: o for o in orgs}
    maker_names = {p.name for o in orgs for p in o.members}

    def name(gender: str, year: int) -> str:
        era = "mid" if year <= 1984 else "young"
        while True:
            candidate = rng.choice(SURNAMES) + rng.choice(GIVEN[(gender, era)])
            if candidate not in maker_names:
                maker_names.add(candidate)
                return candidate

    def mentors(org: Org, day: dt.date, count: int = 2) -> list[str]:
        pool = [p for p in org.members if p.full_on(day) and p.end is None and p.age(day) < 70
                and p is not org.secretary_on(day)]
        return [p.id for p in rng.sample(pool, count)]

    form_numbers = [12, 19, 27]  # 《入党志愿书》 numbers issued by the street in 2026

    def note(org: Org, day: dt.date, text: str) -> None:
        org.extra_topics.setdefault(day, []).append(text)

    def admitted(org: Org, member: Person, applied: dt.date, activist: dt.date, candidate: dt.date,
                 vetted: dt.date, approved: dt.date) -> dict:
        who = mentors(org, activist)
        for year, month in ((candidate.year, candidate.month), (member.joined.year, member.joined.month - 1)):
            if year in YEARS and month >= 1:
                note(org, committee_day(org, year, month),
                     f"讨论确定{member.name}为发展对象" if month == candidate.month and year == candidate.year
                     else f"对发展对象{member.name}进行支部审查，报街道党工委预审")
        return {"编号": f"{org.id}-S01", "姓名": member.name, "性别": member.gender, "出生日期": member.birth,
                "申请日期": applied, "谈话日期": add_office_days(applied, 10), "积极分子日期": activist,
                "培养联系人": who, "发展对象日期": candidate, "培训学时": 24, "培训天数": 3, "政审日期": vetted,
                "入党介绍人": who, "支部大会日期": member.joined, "审批日期": approved,
                "志愿书编号": f"{member.joined.year}-CN-{form_numbers.pop(0):04d}", "党员编号": member.id,
                "状态": "预备党员"}

    def activist(org: Org, number: int, gender: str, birth: dt.date, applied: dt.date, decided: dt.date,
                 status: str = "积极分子", extra: dict | None = None) -> dict:
        note(org, decided, "研究确定{name}为入党积极分子")
        entry = {"编号": f"{org.id}-S{number:02d}", "姓名": name(gender, birth.year), "性别": gender, "出生日期": birth,
                 "申请日期": applied, "谈话日期": add_office_days(applied, 12), "积极分子日期": decided,
                 "培养联系人": mentors(org, decided, 1), "状态": status}
        topics = org.extra_topics[decided]
        topics[-1] = topics[-1].format(name=entry["姓名"])
        entry.update(extra or {})
        return entry

    cn01 = by_id["CN01"]
    fresh = cn01.members[-1]
    a01 = admitted(cn01, fresh, dt.date(2024, 3, 12), dt.date(2024, 4, 23), committee_day(cn01, 2025, 5),
                   dt.date(2026, 5, 19), dt.date(2026, 7, 21))
    cand = {"编号": "CN01-S02", "姓名": name("男", 1995), "性别": "男", "出生日期": dt.date(1995, 1, 27),
            "申请日期": dt.date(2024, 9, 3), "谈话日期": dt.date(2024, 9, 24), "积极分子日期": dt.date(2024, 10, 22),
            "培养联系人": mentors(cn01, dt.date(2024, 10, 22)), "发展对象日期": committee_day(cn01, 2025, 11),
            "培训学时": 24, "培训天数": 3, "政审日期": dt.date(2026, 9, 15), "状态": "发展对象"}
    note(cn01, cand["发展对象日期"], f"讨论确定{cand['姓名']}为发展对象")
    cn01.applicants = [
        a01, cand,
        activist(cn01, 3, "女", dt.date(2000, 6, 14), dt.date(2025, 2, 24), committee_day(cn01, 2025, 4)),
        {"编号": "CN01-S04", "姓名": name("男", 2003), "性别": "男", "出生日期": dt.date(2003, 2, 8),
         "申请日期": dt.date(2026, 9, 8), "谈话日期": dt.date(2026, 9, 29), "状态": "申请人"},
    ]

    cn03 = by_id["CN03"]
    done = next(p for p in cn03.members if p.joined == dt.date(2024, 6, 20))
    who = mentors(cn03, dt.date(2023, 3, 24))
    cn03.applicants = [
        {"编号": "CN03-S01", "姓名": done.name, "性别": done.gender, "出生日期": done.birth,
         "申请日期": dt.date(2022, 3, 7), "谈话日期": dt.date(2022, 3, 25), "积极分子日期": dt.date(2022, 4, 22),
         "培养联系人": who, "发展对象日期": dt.date(2023, 5, 26), "培训学时": 24, "培训天数": 3,
         "政审日期": dt.date(2024, 4, 16), "入党介绍人": who, "支部大会日期": done.joined,
         "审批日期": dt.date(2024, 7, 12), "志愿书编号": "2024-CN-0031", "党员编号": done.id,
         "备注": "预备期满，经2025年6月20日支部党员大会讨论，按期转为正式党员"},
        activist(cn03, 2, "女", dt.date(1999, 7, 2), dt.date(2025, 4, 14), committee_day(cn03, 2025, 6)),
    ]

    cn04 = by_id["CN04"]
    fresh = cn04.members[-1]
    cn04.applicants = [
        admitted(cn04, fresh, dt.date(2023, 10, 16), dt.date(2023, 12, 20), committee_day(cn04, 2025, 3),
                 dt.date(2026, 2, 10), dt.date(2026, 4, 24)),
        activist(cn04, 2, "男", dt.date(1996, 3, 30), dt.date(2025, 7, 15), committee_day(cn04, 2025, 9)),
    ]

    cn05 = by_id["CN05"]
    fresh = cn05.members[-1]
    cn05.applicants = [
        admitted(cn05, fresh, dt.date(2024, 5, 13), dt.date(2024, 6, 25), committee_day(cn05, 2025, 9),
                 dt.date(2026, 5, 12), dt.date(2026, 7, 23)),
        {"编号": "CN05-S02", "姓名": name("女", 1993), "性别": "女", "出生日期": dt.date(1993, 12, 1),
         "申请日期": dt.date(2023, 11, 6), "谈话日期": dt.date(2023, 11, 22), "积极分子日期": dt.date(2024, 3, 22),
         "培养联系人": mentors(cn05, dt.date(2024, 3, 22), 1), "状态": "已终止",
         "备注": "2025年8月离职，培养考察材料已转交其新单位党组织，培养时间可连续计算"},
        activist(cn05, 3, "男", dt.date(1998, 4, 16), dt.date(2025, 10, 20), committee_day(cn05, 2025, 12)),
    ]

    cn10 = by_id["CN10"]
    cn10.applicants = [
        activist(cn10, 1, "女", dt.date(1992, 9, 9), dt.date(2025, 8, 18), committee_day(cn10, 2025, 10)),
        {"编号": "CN10-S02", "姓名": name("男", 1989), "性别": "男", "出生日期": dt.date(1989, 1, 16),
         "申请日期": dt.date(2026, 10, 12), "谈话日期": dt.date(2026, 10, 27), "状态": "申请人"},
    ]


# --- meetings ---------------------------------------------------------------------------------

THEME_TOPICS: dict[tuple[int, int], str] = {
    (2025, 1): "学习《中国共产党章程》，重温入党誓词",
    (2025, 2): "学习中央八项规定及其实施细则精神，开展节后收心教育",
    (2025, 3): "深入贯彻中央八项规定精神学习教育动员部署，开展学雷锋志愿服务",
    (2025, 4): "深入贯彻中央八项规定精神学习教育：集中学习研讨",
    (2025, 5): "深入贯彻中央八项规定精神学习教育：观看警示教育片",
    (2025, 6): "安全生产月：学习安全生产知识，排查身边隐患",
    (2025, 7): "庆祝中国共产党成立104周年，为党员过政治生日",
    (2025, 8): "学习习近平总书记关于基层治理的重要论述，开展防汛防台知识学习",
    (2025, 9): "纪念中国人民抗日战争暨世界反法西斯战争胜利80周年",
    (2025, 10): "喜迎国庆、情暖重阳：走访慰问老党员",
    (2025, 11): "学习贯彻党的二十届四中全会精神",
    (2025, 12): "学习贯彻党的二十届四中全会精神，开展国家宪法日学习",
    (2026, 1): "学习贯彻中央经济工作会议精神，部署2026年支部工作",
    (2026, 2): "春节前走访慰问困难党员群众，开展文明过节宣传",
    (2026, 3): "学习贯彻全国两会精神和“十五五”规划纲要",
    (2026, 4): "全民国家安全教育日：学习《中华人民共和国国家安全法》",
    (2026, 5): "学习《中国共产党纪律处分条例》，开展警示教育",
    (2026, 6): "安全生产月：防范电信网络诈骗和消防安全宣传",
    (2026, 7): "庆祝中国共产党成立105周年，为党员过政治生日",
    (2026, 8): "学习党的创新理论，开展“我为群众办实事”实践活动",
    (2026, 9): "全民国防教育日：学习国防知识，开展邻里互助活动",
    (2026, 10): "喜迎国庆、情暖重阳：走访慰问老党员和困难群众",
}
STUDY: dict[tuple[int, int], str] = {
    (2025, 1): "《中国共产党章程》",
    (2025, 2): "中央八项规定及其实施细则",
    (2025, 3): "中央关于在全党开展深入贯彻中央八项规定精神学习教育的通知",
    (2025, 4): "习近平总书记关于加强党的作风建设的重要论述",
    (2025, 5): "违反中央八项规定精神典型问题通报",
    (2025, 6): "《中华人民共和国安全生产法》有关条款",
    (2025, 7): "党的光辉历程和优良传统",
    (2025, 8): "《中国共产党党员教育管理工作条例》",
    (2025, 9): "习近平总书记在纪念中国人民抗日战争暨世界反法西斯战争胜利80周年大会上的重要讲话",
    (2025, 10): "《中国共产党支部工作条例（试行）》",
    (2025, 11): "党的二十届四中全会公报",
    (2025, 12): "《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》和《中华人民共和国宪法》",
    (2026, 1): "中央经济工作会议精神",
    (2026, 2): "廉洁过节有关规定",
    (2026, 3): "政府工作报告和“十五五”规划纲要",
    (2026, 4): "《中华人民共和国国家安全法》",
    (2026, 5): "《中国共产党纪律处分条例》",
    (2026, 6): "安全生产和消防安全知识",
    (2026, 7): "党的光辉历程和入党誓词",
    (2026, 8): "习近平新时代中国特色社会主义思想有关篇目",
    (2026, 9): "《中华人民共和国国防教育法》",
    (2026, 10): "党的二十届四中全会精神（再学习）",
}
GROUP_TOPICS: dict[int, str] = {
    1: "学习支部年度工作安排，讨论本组全年学习计划",
    2: "学习中央八项规定精神，交流节日期间廉洁自律情况",
    3: "学习雷锋精神，商议本组志愿服务项目",
    4: "学习研讨作风建设，开展对照检查",
    5: "收集群众急难愁盼问题，梳理为民办实事清单",
    6: "学习安全知识，交流身边安全隐患排查情况",
    7: "重温入党誓词，交流入党初心",
    8: "学习党员教育管理有关规定，交流学习体会",
    9: "学习{study}，交流学习体会",
    10: "走访慰问本组老党员、困难党员，听取意见",
    11: "学习{study}，开展小组讨论",
    12: "对照党员标准开展自评互评，为民主评议党员作准备",
}
LECTURES: dict[tuple[int, int], str] = {
    (2025, 1): "深刻领悟“两个确立”的决定性意义，坚决做到“两个维护”",
    (2025, 2): "以严的基调强化作风建设，锲而不舍落实中央八项规定精神",
    (2025, 3): "铭记抗战历史，弘扬伟大抗战精神",
    (2025, 4): "学习贯彻党的二十届四中全会精神，奋力开启“十五五”新征程",
    (2026, 1): "锚定“十五五”目标任务，以党建引领基层治理",
    (2026, 2): "严守党的纪律规矩，做忠诚干净担当的共产党员",
    (2026, 3): "传承红色基因，赓续精神血脉",
    (2026, 4): "学习贯彻党的二十届四中全会精神，推进“十五五”开局之年各项工作",
}
GUEST_LECTURERS = ("林志明（街道党工委宣讲团）", "沈慧琴（东湖区委党校）", "许国梁（街道党工委宣讲团）")
COMMITTEE_TOPICS = {
    1: "核定{y}年度党员党费交纳基数，研究制定年度“三会一课”计划和学习计划",
    2: "研究走访慰问困难党员、老党员工作",
    3: "研究第一季度工作，召开委员民主生活会",
    4: "研究部署主题党日活动和学习教育安排",
    5: "研究党员志愿服务和联系服务群众工作",
    6: "研究上半年工作总结，召开委员民主生活会",
    7: "研究“七一”走访慰问老党员、困难党员",
    8: "专题研究标准化规范化党支部创建工作",
    9: "研究第三季度工作，召开委员民主生活会",
    10: "研究党费收缴情况和第四季度工作",
    11: "研究年度组织生活会和民主评议党员准备工作",
    12: "研究年度工作总结，召开委员民主生活会",
}
ABSENCE_REASONS = {
    "mobile": ("在外地务工，已通过线上方式补学", "在外地工作，会后补学"),
    "frail": ("年老体弱，已送学上门", "因病住院", "行动不便，会后送学上门"),
    "retired": ("外出探亲", "因病就医", "照顾生病家属"),
    "working": ("出差", "单位值班", "外出参加培训", "因病请假", "家中有事请假"),
}


class Attendance:
    """Who comes to a meeting; absences are rare, capped per person, never for the chair."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.count: dict[tuple[str, int], int] = {}

    def reason(self, person: Person, day: dt.date) -> str:
        if person.away:
            kind = "mobile"
        elif person.age(day) >= 78:
            kind = "frail"
        elif person.category == "离退休":
            kind = "retired"
        else:
            kind = "working"
        return self.rng.choice(ABSENCE_REASONS[kind])

    def take(self, people: list[Person], day: dt.date, keep: Iterable[Person], rate: float = 1.0,
             cap: int = 2) -> tuple[list[Person], list[tuple[Person, str]]]:
        present, absent = [], []
        must = list(keep)
        for person in people:
            chance = 0.035
            if person.away:
                chance = 0.3
            elif person.age(day) >= 80:
                chance = 0.1
            key = (person.id, day.year)
            recent = person.start.year == day.year and person.start > dt.date(day.year, 1, 1)
            if person not in must and not recent and self.count.get(key, 0) < cap \
                    and self.rng.random() < chance * rate:
                self.count[key] = self.count.get(key, 0) + 1
                absent.append((person, self.reason(person, day)))
            else:
                present.append(person)
        return present, absent


def meeting(day: dt.date, kinds: list[str], topic: str, org: Org, host: Person, recorder: Person,
            present: list[Person], absent: list[tuple[Person, str]], minutes: str, **extra) -> dict:
    record = {"日期": day, "类型": kinds, "主题": topic}
    if extra.get("group"):
        record["党小组"] = extra["group"]
    record["地点"] = extra.get("place") or org.place
    record["主持人"] = host.id
    record["记录人"] = recorder.id
    if extra.get("lecturer"):
        record["授课人"] = extra["lecturer"]
    record["出席"] = [p.id for p in present]
    if absent:
        record["缺席"] = [{"党员": p.id, "原因": why} for p, why in absent]
    if extra.get("votes"):
        record["表决"] = extra["votes"]
    if extra.get("reason"):
        record["调整原因"] = extra["reason"]
    record["纪要"] = minutes
    return record


def lecturer_for(org: Org, year: int, quarter: int, day: dt.date, rng: random.Random) -> tuple[str, str]:
    """(授课人 as written, name for the minutes)."""
    committee = org.committee_on(day)
    secretary = org.secretary_on(day)
    if quarter == 1 or (quarter == 4 and year == 2025):
        return secretary.id, f"书记{secretary.name}"
    if quarter == 2:
        for role in ("组织委员", "宣传委员", "副书记"):
            holder = committee.holder(role)
            if holder:
                return holder.id, f"{role}{holder.name}"
    veterans = [p for p in org.members_on(day) if "老党员" in p.flags and p.age(day) < 85]
    if quarter == 3 and veterans:
        veteran = rng.choice(veterans)
        return veteran.id, f"老党员{veteran.name}"
    if quarter == 3:
        guest = GUEST_LECTURERS[org.offset % len(GUEST_LECTURERS)]
        return guest, guest
    holder = committee.holder("宣传委员") or secretary
    return holder.id, f"{'宣传委员' if holder is not secretary else '书记'}{holder.name}"


def birthdays(people: list[Person], year: int, month: int) -> list[Person]:
    return [p for p in people if p.joined.month == month and p.joined.year < year]


def build_meetings(org: Org, rng: random.Random, attendance: Attendance) -> None:
    for year in YEARS:
        records: list[dict] = []
        for month in range(1, last_month(year) + 1):
            records.extend(_month_meetings(org, year, month, rng, attendance))
        records.extend(_special_meetings(org, year, rng, attendance))
        records.sort(key=lambda r: (r["日期"], _order(r)))
        org.meetings[year] = records


def _order(record: dict) -> int:
    kinds = record["类型"]
    for i, kind in enumerate(("支委会", "支部党员大会", "主题党日", "组织生活会", "党小组会")):
        if kind in kinds:
            return i
    return 9


def _month_meetings(org: Org, year: int, month: int, rng: random.Random, attendance: Attendance) -> list[dict]:
    out = []
    day, reason = theme_date(org.theme_rule, org.policy or "顺延", year, month)
    committee = org.committee_on(day)
    secretary, recorder = org.secretary_on(day), org.recorder_on(day)
    kinds = ["主题党日"]
    if month in (1, 4, 7, 10):
        kinds.insert(0, "支部党员大会")
    quarter = (month - 1) // 3 + 1
    lecture = month in (2, 5, 8, 11) or (year == AS_OF.year and month == AS_OF.month)
    lecturer, lecturer_name = ("", "")
    if lecture:
        kinds.append("党课")
        lecturer, lecturer_name = lecturer_for(org, year, quarter, day, rng)
    keep = [secretary, recorder] + [p for p in org.members if p.id == lecturer]
    present, absent = attendance.take(org.members_on(day), day, keep)
    topic = THEME_TOPICS[(year, month)]
    if month == 7 and len(committee.seats) < 3:  # no 支委会 to study it (CJ-5.1)
        topic += "；专题研究支部标准化规范化建设"
    parts = []
    body = "总支委员会" if org.kind == "党总支" else "支部委员会"
    if "支部党员大会" in kinds:
        if month == 1:
            parts.append(f"书记{secretary.name}代表{body}报告{year - 1}年度工作，部署{year}年工作")
        elif month == 7:
            parts.append(f"书记{secretary.name}代表{body}报告上半年工作")
        else:
            parts.append("通报支部近期工作，征求党员意见建议")
    parts.append(f"集中学习{STUDY[(year, month)]}")
    if lecture:
        parts.append(f"{lecturer_name}讲专题党课《{LECTURES[(year, quarter)]}》")
        topic = f"{topic}；专题党课《{LECTURES[(year, quarter)]}》"
    celebrated = birthdays([p for p in present if p.start < day], year, month)
    if celebrated and month in (1, 4, 7, 10):
        parts.append("为" + "、".join(p.name for p in celebrated[:4]) + "等同志过政治生日")
    parts.append(f"收缴{month}月份党费")
    out.append(meeting(day, kinds, topic, org, secretary, recorder, present, absent, "；".join(parts) + "。",
                       lecturer=lecturer, reason=reason))
    org.theme[(year, month)] = {"date": day, "absent": {p.id for p, _ in absent}}
    # 支委会 (committees of three or more)
    if len(committee.seats) >= 3:
        cday = committee_day(org, year, month)
        committee = org.committee_on(cday)
        seats = [s.person for s in committee.seats if s.person.on(cday)]
        sec, rec = org.secretary_on(cday), org.recorder_on(cday)
        here, away = attendance.take(seats, cday, [sec, rec], rate=0.6, cap=1)
        items = [COMMITTEE_TOPICS[month].format(y=year), *org.extra_topics.get(cday, [])]
        ckinds = ["支委会"] + (["委员民主生活会"] if month in (3, 6, 9, 12) else [])
        text = "会议" + "；".join(items) + "，形成一致意见。"
        if "委员民主生活会" in ckinds:
            text += "委员逐一对照检查，开展批评与自我批评。"
        out.append(meeting(cday, ckinds, "；".join(items), org, sec, rec, here, away, text))
    # 党小组会
    for index, name in enumerate(org.group_names):
        gday = group_day(org, index, year, month)
        group = [p for p in org.members_on(gday) if p.group == name]
        leader = org.leaders[name]
        here, away = attendance.take(group, gday, [leader])
        rec = next((p for p in here if p is not leader and p.age(gday) < 75), None) or \
            next(p for p in here if p is not leader)
        gtopic = GROUP_TOPICS[month].format(study=STUDY[(year, month)])
        if month == 12 and year == AS_OF.year:
            gtopic = "年度学习总结"
        said = rng.choice(("组员结合工作生活逐一发言", "大家结合自身实际交流体会", "组员围绕主题开展讨论"))
        out.append(meeting(gday, ["党小组会"], gtopic, org, leader, rec, here, away,
                           f"组长{leader.name}主持，{said}，收集意见建议{rng.randrange(2, 7)}条，会后报支部委员会。",
                           group=name))
    return out


def _votes_for(org: Org, day: dt.date, present: list[Person]) -> int:
    return sum(1 for p in present if p.full_on(day))


def _special_meetings(org: Org, year: int, rng: random.Random, attendance: Attendance) -> list[dict]:
    out = []
    # elections held in the year
    for committee in org.committees[1:]:
        day = committee.elected
        if day.year != year:
            continue
        host = org.secretary_on(day - dt.timedelta(days=1))
        rec = org.recorder_on(day - dt.timedelta(days=1))
        present, absent = attendance.take(org.members_on(day), day, [host, rec], rate=0.2)
        yes = _votes_for(org, day, present)
        votes = []
        elected = [s.person for s in committee.seats]
        runner = rng.choice([p for p in org.full_on(day) if p not in elected and p.age(day) < 60 and not p.away])
        # each ballot marks at most as many names as there are seats
        lost = {p.id: 0 for p in elected}
        runner_votes = rng.randrange(2, yes // 3 + 1)
        for _ in range(runner_votes):
            lost[rng.choice(sorted(i for i, n in lost.items() if n < yes // 4))] += 1
        for person in sorted(elected, key=lambda p: p.id):
            got = yes - lost[person.id]
            votes.append({"事项": f"选举{person.name}为{committee.session}支部委员会委员", "类型": "选举",
                          "赞成": got, "反对": 0, "弃权": yes - got})
        # the runner-up of the 差额 election is recorded too, as not elected
        votes.append({"事项": f"选举{runner.name}为{committee.session}支部委员会委员", "类型": "选举",
                      "赞成": runner_votes, "反对": 0, "弃权": yes - runner_votes, "结果": "未当选"})
        secretary = committee.holder("书记")
        assert secretary is not None
        minutes = (f"应到有选举权的党员{len(org.full_on(day))}名，实到{yes}名，符合规定人数。以无记名投票方式从"
                   f"{len(elected) + 1}名候选人中差额选举产生{committee.session}支部委员会委员{len(elected)}名，{runner.name}"
                   f"得{runner_votes}票未当选；随后召开的委员会第一次全体会议选举{secretary.name}为书记，报街道党工委审批。")
        out.append(meeting(day, ["支部党员大会"], f"换届选举{committee.session}支部委员会", org, host, rec, present, absent,
                           minutes, votes=votes))
    for applicant in org.applicants:
        admitted_on = applicant.get("支部大会日期")
        if not admitted_on or admitted_on.year != year:
            continue
        host, rec = org.secretary_on(admitted_on), org.recorder_on(admitted_on)
        present, absent = attendance.take(org.members_on(admitted_on), admitted_on, [host, rec], rate=0.5)
        yes = _votes_for(org, admitted_on, present)
        sponsors = "、".join(org.person(i).name for i in applicant["入党介绍人"])
        out.append(meeting(admitted_on, ["支部党员大会"], f"讨论接收{applicant['姓名']}为中共预备党员", org, host, rec,
                           present, absent,
                           f"发展对象{applicant['姓名']}汇报入党动机和培养情况，入党介绍人{sponsors}介绍其情况；"
                           f"应到有表决权的正式党员{len(org.full_on(admitted_on))}名，实到{yes}名，举手表决一致同意接收，报街道党工委审批。",
                           votes=[{"事项": f"接收{applicant['姓名']}为中共预备党员", "类型": "表决", "赞成": yes,
                                   "反对": 0, "弃权": 0}]))
    for person in org.members:
        if person.full and person.full.year == year and person.joined.year == year - 1 and person.full >= dt.date(2025, 1, 1):
            day = person.full
            host, rec = org.secretary_on(day), org.recorder_on(day)
            present, absent = attendance.take(org.members_on(day), day, [host, rec, person], rate=0.5)
            yes = _votes_for(org, day, [p for p in present if p is not person])
            out.append(meeting(day, ["支部党员大会"], f"讨论{person.name}同志预备党员转正", org, host, rec, present, absent,
                               f"预备党员{person.name}汇报预备期表现，党小组和入党介绍人介绍考察情况；与会正式党员{yes}名举手"
                               "表决，一致同意其按期转为正式党员，报街道党工委审批。",
                               votes=[{"事项": f"{person.name}同志按期转为正式党员", "类型": "表决", "赞成": yes,
                                       "反对": 0, "弃权": 0}]))
    if year == 2025:
        day = office_on_or_after(dt.date(2025, 12, 15 + org.offset))
        host, rec = org.secretary_on(day), org.recorder_on(day)
        present, absent = attendance.take(org.members_on(day), day, [host, rec], rate=0.5)
        org.activities.setdefault(2025, {})["appraisal_day"] = day
        out.append(meeting(day, ["组织生活会", "民主评议"], "2025年度组织生活会暨民主评议党员、书记抓党建工作述职",
                           org, host, rec, present, absent,
                           f"会前开展谈心谈话、征求意见；书记{host.name}述职并代表班子对照检查，党员逐一开展批评与自我批评，"
                           "进行民主测评，评议结果在支部内公示。"))
    return out


# --- trainings, talks, activities -------------------------------------------------------------


def build_trainings(org: Org, rng: random.Random, attendance: Attendance) -> None:
    for year in YEARS:
        out = []
        for month in range(1, last_month(year) + 1):
            info = org.theme[(year, month)]
            day = info["date"]
            people = [p for p in org.members_on(day) if p.id not in info["absent"]]
            out.append({"日期": day, "名称": f"主题党日集中学习：{STUDY[(year, month)]}", "学时": 4,
                        "组织单位": org.short, "参加": [p.id for p in people]})
        rounds = {2025: (dt.date(2025, 11, 18), "学习贯彻党的二十届四中全会精神党员集中轮训（2天）"),
                  2026: (dt.date(2026, 6, 16), "2026年度党员集中轮训（2天）")}
        day, title = rounds[year]
        day = add_office_days(day, org.offset % 2)
        present, _ = attendance.take(org.members_on(day), day, [], rate=0.5, cap=1)
        out.append({"日期": day, "名称": title, "学时": 16, "组织单位": STREET_SHORT, "参加": [p.id for p in present]})
        cadres = {2025: dt.date(2025, 5, 20), 2026: dt.date(2026, 5, 19)}[year]
        seats = [p for p in org.cadres_in(year) if p.on(cadres)]
        out.append({"日期": cadres, "名称": "基层党组织书记、委员和后备干部示范培训班（3天）", "学时": 24,
                    "组织单位": f"{DISTRICT_ORG}、{STREET_SHORT}", "参加": [p.id for p in seats]})
        newcomers = [p for p in org.members if p.full is None and p.joined.year == year]
        if newcomers:
            day = dt.date(2026, 7, 27)
            out.append({"日期": day, "名称": "新发展党员集中培训（3天）", "学时": 24, "组织单位": STREET_SHORT,
                        "参加": [p.id for p in newcomers]})
        out.sort(key=lambda t: t["日期"])
        org.trainings[year] = out


def random_office_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date | None:
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    days = [d for d in days if is_office_day(d)]
    return rng.choice(days) if days else None


TALK_TEXT = {
    "member": ("了解思想、工作和生活情况，交流学习体会，听取对支部工作的意见建议",
               "交流近期思想状况，鼓励立足岗位发挥先锋模范作用",
               "谈心谈话，了解家庭和身体情况，征求对支部班子的意见"),
    "elderly": ("上门看望，了解身体和生活情况，听取对社区工作的意见", "上门送学，交流学习体会，了解生活需求"),
    "cadre1": ("交流分管工作推进情况，相互提醒、共同提高", "沟通上半年工作，交流思想，查找不足"),
    "cadre2": ("组织生活会前谈心，相互提出批评意见和改进建议", "交流下半年工作，征求对班子和本人的意见"),
    "peer": ("委员之间交流思想和分管工作，互相提醒", "相互谈心，沟通工作配合，交换意见建议"),
    "linked": ("联系党员谈心：了解思想、工作和家庭情况，听取对支部工作的意见建议",
               "走访所联系的党员，交流学习体会，了解困难和需求"),
}


def links(org: Org) -> list[tuple[Person, list[Person]]]:
    """Who each member of today's committee is linked to (WH-2.6, branch.yaml 联系党员): the other
    members on the roster, dealt out in turn."""
    seats = [s.person for s in org.committee.seats if s.person.on(AS_OF)]
    others = [p for p in org.members_on(AS_OF) if p not in seats]
    dealt: list[tuple[Person, list[Person]]] = [(cadre, []) for cadre in seats]
    for i, person in enumerate(others):
        dealt[i % len(dealt)][1].append(person)
    return [(cadre, linked) for cadre, linked in dealt if linked]


def link_talks(org: Org, year: int, out: list[dict]) -> None:
    """A yearly talk between each committee member and each member linked to them (WH-2.6), unless
    the two talked already. Its own random stream: the rest of the example stays as it was."""
    rng = random.Random(f"{SEED}-{org.id}-{year}-links")
    talk = _talk_recorder(out)
    held = {frozenset((t["谈话人"], t["谈话对象"])) for t in out}
    for cadre, linked in links(org):
        for person in linked:
            if frozenset((cadre.id, person.id)) in held:
                continue
            ends = [e - dt.timedelta(days=1) for e in (cadre.end, person.end) if e]
            first = max(dt.date(year, 1, 1), cadre.start, person.start + dt.timedelta(days=7))
            day = random_office_day(rng, first, min([year_end(year), dt.date(year, 11, 30), *ends]))
            if day is not None:
                talk(day, cadre, person, "谈心谈话", rng.choice(TALK_TEXT["linked"]))
EVENT_TALK = {
    "退休": "退休谈话，感谢多年工作付出，勉励退休不褪色、继续发挥作用",
    "工作变动": "岗位调整谈话，勉励尽快适应新岗位、继续发挥党员作用",
    "受表彰": "表彰后谈话，勉励戒骄戒躁、再接再厉",
    "遇困难挫折": "了解家庭困难情况，送去组织关怀，协调申请临时救助",
}


def _talk_recorder(out: list[dict]) -> Callable[[dt.date, Person, Person, str, str], None]:
    def talk(day: dt.date, talker: Person, talkee: Person, reason: str, text: str) -> None:
        out.append({"日期": day, "谈话人": talker.id, "谈话对象": talkee.id, "事由": reason, "内容": text})
    return talk


def build_talks(org: Org, rng: random.Random) -> None:
    for year in YEARS:
        start, end = dt.date(year, 1, 1), year_end(year)
        out: list[dict] = []
        talk = _talk_recorder(out)

        cadres = org.cadres_in(year)
        for person in org.members:
            first, last = max(start, person.start), min(end, (person.end or dt.date.max) - dt.timedelta(days=1))
            if first > last:
                continue
            if person in cadres:
                halves = [(max(first, start), min(last, dt.date(year, 6, 30))),
                          (max(first, dt.date(year, 7, 1)), min(last, dt.date(year, 11, 30)))]
                for half, (a, b) in enumerate(halves, start=1):
                    day = random_office_day(rng, a, b)
                    if day is None:
                        continue
                    secretary = org.secretary_on(day)
                    if secretary is person:
                        continue
                    key = "cadre1" if half == 1 else "cadre2"
                    talk(day, secretary, person, "谈心谈话", rng.choice(TALK_TEXT[key]))
                continue
            day = random_office_day(rng, first + dt.timedelta(days=7) if person.start.year == year else first,
                                    min(last, dt.date(year, 11, 30)))
            assert day is not None
            key = "elderly" if person.age(day) >= 75 else "member"
            talk(day, org.secretary_on(day), person, "谈心谈话", rng.choice(TALK_TEXT[key]))
        for i, a in enumerate(cadres):
            for b in cadres[i + 1:]:
                secretary = org.secretary_on(year_end(year))
                if secretary in (a, b):
                    continue
                first = max(start, a.start, b.start)
                day = random_office_day(rng, first, min(end, dt.date(year, 11, 30)))
                assert day is not None
                talk(day, a, b, "谈心谈话", rng.choice(TALK_TEXT["peer"]))
        for person in org.members:
            for event in person.events:
                if event.date.year != year:
                    continue
                day = add_office_days(event.date, rng.randrange(3, 8))
                if person.end and day >= person.end:
                    day = office_on_or_before(person.end - dt.timedelta(days=2))
                talk(day, org.secretary_on(day), person, event.kind, EVENT_TALK[event.kind])
        link_talks(org, year, out)
        out.sort(key=lambda t: (t["日期"], t["谈话对象"]))
        org.talks[year] = out


SEASONAL_SERVICES = {
    1: "春节前走访慰问困难群众", 3: "“学雷锋”便民服务", 4: "清明文明祭扫宣传", 5: "防范电信网络诈骗宣传",
    6: "防汛隐患排查", 7: "夏季“送清凉”慰问一线人员", 8: "防汛防台值守", 9: "中秋邻里节志愿服务",
    10: "重阳节敬老慰问", 12: "冬季消防安全宣传",
}
SECTOR_SERVICES = {
    "社区": {4: "楼道清理和文明城市创建", 6: "垃圾分类桶边督导", 8: "关爱独居老人上门探访", 12: "爱心义剪和家电维修"},
    "机关": {3: "下沉社区开展创城志愿服务", 4: "文明交通劝导", 6: "无偿献血", 9: "“政策宣讲进社区”"},
    "事业单位": {3: "“学雷锋”义诊进社区", 4: "老年人健康体检志愿服务", 5: "慢病健康讲座进社区",
              6: "急救知识培训进社区", 8: "家庭医生上门随访", 10: "重阳节义诊", 12: "冬季流感防治宣传"},
    "非公企业": {3: "科技助老：智能手机使用培训", 5: "“四点半课堂”编程启蒙", 7: "无偿献血", 9: "关爱留守儿童"},
    "社会组织": {3: "助老餐桌志愿服务", 5: "“四点半课堂”", 7: "助残康复陪护", 9: "社区公益集市"},
    "其他": {3: "改造工地周边环境清洁", 4: "入户征求居民改造意见", 7: "为居民义务维修水电", 8: "雨季排水管网巡查",
           10: "改造完工楼栋回访"},
}
SERVICE_MONTHS = {2025: (3, 4, 5, 6, 7, 9, 10, 12), 2026: (1, 3, 4, 5, 7, 8, 9, 10)}
HOUSEHOLDS = ("独居老人{s}某", "低保户{s}某家庭", "残疾人{s}某家庭", "失独老人{s}某", "困难退役军人{s}某家庭",
              "留守儿童{s}某家庭", "重病患者{s}某家庭")
COMMITMENTS = {
    "community_worker": "做好网格走访，每月入户走访不少于20户，及时回应居民诉求",
    "retiree": "带头参与垃圾分类和楼道清洁，每季度参加志愿服务不少于1次",
    "retiree_old": "讲好红色故事，关心下一代成长，力所能及参加组织生活",
    "resident_worker": "立足岗位作贡献，到居住地社区报到，参加志愿服务不少于2次",
    "civil_servant": "践行“马上就办”，提高办事效率，服务群众零距离",
    "medic": "做好家庭医生签约服务，优化就诊流程，全年无医疗差错",
    "engineer": "攻坚关键技术，带头完成年度研发任务",
    "social_worker": "做好为老助残服务项目，每月开展服务不少于2次",
    "builder": "严守安全生产红线，确保工程质量和进度，做到文明施工",
    "farmer": "遵守党的纪律，带头参与社区环境整治",
    "unemployed": "积极参加技能培训，力所能及参加社区志愿服务",
    "dibao": "遵守党的纪律，按时交纳党费，力所能及参加组织生活",
    "student": "刻苦学习专业知识，寒暑假回社区参加志愿服务",
}


def _weekend_or_office(rng: random.Random, year: int, month: int) -> dt.date:
    days = [dt.date(year, month, d) for d in range(3, 27)]
    days = [d for d in days if d not in HOLIDAYS and d <= AS_OF]
    return rng.choice(days)


def build_activities(org: Org, rng: random.Random) -> None:
    for year in YEARS:
        acts = org.activities.setdefault(year, {})
        services: list[dict] = []
        for month in SERVICE_MONTHS[year]:
            day = _weekend_or_office(rng, year, month)
            title = SECTOR_SERVICES[org.sector].get(month) or SEASONAL_SERVICES[month]
            people = org.members_on(day)
            share = rng.uniform(0.35, 0.6)
            chosen = [p for p in people if rng.random() < share]
            services.append({"日期": day, "名称": title, "参加": chosen})
        for person in org.members:
            joined = [s for s in services if person in s["参加"]]
            open_ = [s for s in services if person.on(s["日期"]) and person not in s["参加"]]
            rng.shuffle(open_)
            while len(joined) < 2 and open_:
                service = open_.pop()
                service["参加"].append(person)
                joined.append(service)
        for service in services:
            service["参加"] = [p.id for p in sorted(service["参加"], key=lambda p: p.id)]
        acts["志愿服务"] = services
        # 结对帮扶: 社区干部 and the cadres of organisations that serve residents
        pairings = []
        if org.sector in ("社区", "机关", "事业单位"):
            helpers = [p for p in org.members if p in org.cadres_in(year) or "社区干部" in p.flags]
            for person in helpers:
                if not person.on(year_end(year)):
                    continue
                seed = sum(ord(ch) for ch in person.id)
                since = max(person.start, dt.date(2024, 1 + seed % 6, 1))
                for c in org.committees:
                    if person in [s.person for s in c.seats]:
                        since = max(since, c.elected)
                        break
                household = HOUSEHOLDS[seed % len(HOUSEHOLDS)].format(s=SURNAMES[seed % len(SURNAMES)])
                place = org.community or "幸福社区"
                pairings.append({"党员": person.id, "帮扶对象": f"{household}（{place}）", "开始日期": since})
        acts["结对帮扶"] = pairings
        # 公开承诺 in January (or the first 主题党日 after joining), 述诺 every quarter
        commitments, reports = [], []
        for person in org.members:
            months = [m for m in range(1, last_month(year) + 1) if person.on(org.theme[(year, m)]["date"])]
            if not months:
                continue
            day = org.theme[(year, months[0])]["date"]
            text = COMMITMENTS[person.archetype]
            commitments.append({"党员": person.id, "日期": day, "内容": text})
            for quarter_month in (3, 6, 9, 12):
                if quarter_month > last_month(year) or quarter_month < months[0]:
                    continue
                qday = org.theme[(year, quarter_month)]["date"]
                if not person.on(qday):
                    continue
                label = {3: "第一季度", 6: "第二季度", 9: "第三季度", 12: "年终"}[quarter_month]
                state = rng.choice(("已按承诺完成", "已按承诺完成", "完成较好", "基本完成，下阶段加强"))
                reports.append({"党员": person.id, "日期": qday, "内容": f"{label}述诺：{state}"})
        acts["公开承诺"] = commitments
        acts["述诺"] = reports
        acts["思想汇报"] = thought_reports(org, year, rng)
        acts["工作报告"] = work_reports(org, year)
        if year == 2025:
            day = acts.pop("appraisal_day")
            stars, grades = [], []
            cadres = org.cadres_in(2025)
            for person in org.members_on(day):
                excellent = rng.random() < (0.55 if person in cadres else 0.22)
                grades.append({"党员": person.id, "日期": day, "等次": "优秀" if excellent else "合格"})
                stars.append({"党员": person.id, "日期": day, "星级": 5 if excellent else rng.choice((4, 4, 4, 3))})
            acts["星级评定"] = stars
            acts["民主评议"] = grades
            secretary = org.secretary_on(day)
            acts["述职"] = [
                {"日期": day, "述职人": secretary.id, "对象": "支部党员大会", "评议结果": "优秀"},
                {"日期": dt.date(2025, 12, 24), "述职人": secretary.id, "对象": "上级党组织",
                 "评议结果": example_street.DUTY_RESULTS.get(org.id, rng.choice(("优秀", "优秀", "良好")))},
            ]
        acts["参政议政"] = deliberations(org, year)


# 参政议政 for the ZW-4 个人档案: (内容, 身份) by sector.
DELIBERATIONS = {
    "社区": (("参加居民议事会，就老旧小区加装电梯提出建议", "居民代表"),
           ("列席社区“两委”联席会议，反映小区停车难问题", "居民代表"),
           ("参加社区协商议事会，讨论垃圾分类督导安排", "议事会成员"),
           ("就背街小巷路灯维修向社区提出书面建议", None)),
    "机关": (("参加机关民主恳谈会，对年度工作计划提出意见", None),
           ("作为区人大代表参加代表小组活动，走访联系选民", "区人大代表")),
}
OTHER_DELIBERATIONS = (("参加职工代表大会，审议年度工作报告", "职工代表"),
                       ("参加党员议事会，对党组织年度工作提出建议", None))


def deliberations(org: Org, year: int) -> list[dict]:
    """A few members' 参政议政 a year (ZW-4). Its own random stream: the rest stays as it was."""
    rng = random.Random(f"{SEED}-{org.id}-{year}-deliberations")
    out = []
    for content, capacity in DELIBERATIONS.get(org.sector, OTHER_DELIBERATIONS):
        day = random_office_day(rng, dt.date(year, 3, 1), min(year_end(year), dt.date(year, 11, 30)))
        people = [p for p in org.members_on(day)] if day else []
        if not people:
            continue
        record = {"党员": rng.choice(people).id, "日期": day, "内容": content}
        if capacity:
            record["身份"] = capacity
        out.append(record)
    out.sort(key=lambda r: (r["日期"], r["党员"]))
    return out


def thought_reports(org: Org, year: int, rng: random.Random) -> list[dict]:
    """Every member reports to the branch once a quarter (XZ-4.10), near the end of the quarter."""
    out = []
    for person in org.members:
        for quarter in range(4):
            first, last = dt.date(year, 3 * quarter + 1, 1), month_end(year, 3 * quarter + 3)
            if last >= AS_OF:
                continue
            until = min(last, (person.end or dt.date.max) - dt.timedelta(days=1))
            late = max(person.start, dt.date(year, 3 * quarter + 3, 1))
            day = random_office_day(rng, late, until) or random_office_day(rng, max(first, person.start), until)
            if day is None:
                continue
            study = STUDY[(year, 3 * quarter + 3)]
            if person.age(day) >= 75:
                form, text = "口头", "送学上门时汇报学习体会和身体、生活情况"
            elif person.away:
                form, text = "书面", f"通过网上党支部提交书面汇报，汇报在外工作学习情况和学习{study}的体会"
            else:
                form = rng.choice(("书面", "书面", "口头"))
                text = rng.choice((f"汇报本季度思想、工作情况和学习{study}的体会",
                                   "汇报本季度思想、工作和学习情况，提出改进打算",
                                   f"汇报学习{study}的体会和参加志愿服务情况"))
            out.append({"党员": person.id, "日期": day, "方式": form, "内容": text})
    out.sort(key=lambda r: (r["日期"], r["党员"]))
    return out


def work_reports(org: Org, year: int) -> list[dict]:
    """The branch reports to its 支部党员大会 and to the 街道党工委 every half year (XZ-4.11, WH-2.4)."""
    out = []
    body = "总支" if org.kind == "党总支" else "支部"
    for month, what in ((1, f"报告{year - 1}年度{body}工作和{year}年工作打算"), (7, f"报告{year}年上半年{body}工作")):
        day = org.theme[(year, month)]["date"]
        if day <= AS_OF:
            out.append({"日期": day, "报告对象": "支部党员大会", "报告人": org.secretary_on(day).id, "内容": what})
    for month, what in ((6, f"向街道党工委报送{year}年上半年党建工作总结"), (12, f"向街道党工委报送{year}年度党建工作总结")):
        day = office_on_or_before(dt.date(year, month, 26))
        if day <= AS_OF:
            out.append({"日期": day, "报告对象": "上级党组织", "报告人": org.secretary_on(day).id, "内容": what})
    return sorted(out, key=lambda r: r["日期"])

# --- dues -------------------------------------------------------------------------------------


def dues_rate(category: str, base: Decimal) -> Decimal:
    if category == "离退休":
        return Decimal("0.005") if base <= 5000 else Decimal("0.01")
    if base <= 3000:
        return Decimal("0.005")
    if base <= 5000:
        return Decimal("0.01")
    return Decimal("0.015") if base <= 10000 else Decimal("0.02")


FIXED_DUES = {"学生": Decimal("0.20"), "下岗失业": Decimal("0.20"), "低保": Decimal("0.20"), "农民": Decimal("0.50")}


def rate_text(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def build_dues(org: Org, rng: random.Random) -> None:
    for year in YEARS:
        accounts, by_month = [], {m: Decimal(0) for m in range(1, 13)}
        assessed = committee_day(org, year, 1)
        for person in org.members:
            months = [m for m in range(1, last_month(year) + 1) if person.on(month_end(year, m))]
            if not months:
                continue
            category = person.category_in(year)
            account: dict = {"党员": person.id}
            if category != person.category:
                account["党费类别"] = category
            if category in FIXED_DUES:
                monthly = FIXED_DUES[category]
            else:
                base = person.base[year]
                rate = dues_rate(category, base)
                monthly = (base * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
                account["基数"] = f"{base:.2f}"
                account["比例"] = rate_text(rate)
            account["月交额"] = f"{monthly:.2f}"
            paid: dict[int, dt.date] = {}
            for month in months:
                info = org.theme[(year, month)]
                day = info["date"]
                if person.quarterly:
                    day = org.theme[(year, (month - 1) // 3 * 3 + 1)]["date"]
                elif person.id in info["absent"]:
                    moved = add_office_days(day, -rng.randrange(1, 3) if org.policy == "提前" else rng.randrange(2, 6))
                    day = moved if moved.month == month and moved <= AS_OF else day
                paid[month] = day
                by_month[month] += monthly
            if person.quarterly:
                account["按季交纳批准"] = person.quarterly.format(day=f"{year}年{md(assessed)}")
            account["交纳"] = paid
            if "老党员" in person.flags and year == 2025 and org.id == "CN11" and "受表彰" in \
                    [e.kind for e in person.events]:
                gift = Decimal("500.00")
                account["例外"] = [{"月份": 7, "金额": f"{gift:.2f}", "日期": org.theme[(2025, 7)]["date"],
                                   "说明": "纪念建党104周年自愿多交党费"}]
                by_month[7] += gift - monthly
                # the 例外 is the whole payment for July: take July out of the ordinary column
                del paid[7]
            accounts.append(account)
        remittances = []
        for quarter in range(4):
            months = range(quarter * 3 + 1, quarter * 3 + 4)
            if months[-1] > last_month(year):
                continue
            total = sum((by_month[m] for m in months), Decimal(0))
            day = office_on_or_after(dt.date(year, months[-1], 25))
            remittances.append({"日期": day, "金额": f"{total:.2f}", "接收单位": STREET,
                                "说明": f"上缴{year}年第{'一二三四'[quarter]}季度党费"})
        publications = [{"日期": office_on_or_after(dt.date(year, 7, 14 + org.offset % 3)), "范围": f"{year}年上半年"}]
        if year < AS_OF.year:
            publications.append({"日期": office_on_or_after(dt.date(year + 1, 1, 14 + org.offset % 3)),
                                 "范围": f"{year}年度"})
        org.dues[year] = {"年度": year, "核定日期": assessed, "党员党费": accounts, "上缴": remittances,
                          "公布": publications}


# --- self-check -------------------------------------------------------------------------------


def self_check(orgs: list[Org]) -> list[str]:
    """What the example promises, checked on the generated data; returns problems in English."""
    problems: list[str] = []
    for org in orgs:
        for year in YEARS:
            end = year_end(year)
            hours: dict[str, float] = {}
            for t in org.trainings[year]:
                for pid in t["参加"]:
                    hours[pid] = hours.get(pid, 0) + t["学时"]
            cadres = [s.person for s in org.committee_on(end).seats]
            for person in org.members_on(end):
                need = 56 if person in cadres else 32
                if hours.get(person.id, 0) < need:
                    problems.append(f"{org.id} {year} {person.id} has {hours.get(person.id, 0)} hours (< {need})")
            served: dict[str, int] = {}
            for s in org.activities[year]["志愿服务"]:
                for pid in s["参加"]:
                    served[pid] = served.get(pid, 0) + 1
            for person in org.members_on(end):
                if served.get(person.id, 0) < 2:
                    problems.append(f"{org.id} {year} {person.id} volunteered {served.get(person.id, 0)} times")
            talked = {(t["谈话人"], t["谈话对象"], t["日期"].month <= 6) for t in org.talks[year]}
            secretary = org.secretary_on(end)
            for person in org.members_on(end):
                if person is secretary:
                    continue
                if not any(t[0] == secretary.id and t[1] == person.id for t in talked):
                    problems.append(f"{org.id} {year}: no talk with {person.id}")
            for person in cadres:
                if person is secretary:
                    continue
                for first_half in (True, False):
                    if not any(t[:2] == (secretary.id, person.id) and t[2] == first_half for t in talked):
                        problems.append(f"{org.id} {year}: cadre {person.id} half {first_half}")
            for record in org.meetings[year]:
                day = record["日期"]
                ids = set(record["出席"]) | {a["党员"] for a in record.get("缺席", [])}
                kinds = record["类型"]
                if "党小组会" in kinds:
                    expected = {p.id for p in org.members_on(day) if p.group == record["党小组"]}
                elif kinds == ["支委会"] or "委员民主生活会" in kinds:
                    expected = {s.person.id for s in org.committee_on(day).seats if s.person.on(day)}
                else:
                    expected = {p.id for p in org.members_on(day)}
                if ids != expected:
                    problems.append(f"{org.id} {day} {kinds}: attendance incomplete")
                if {record["主持人"], record["记录人"]} - set(record["出席"]):
                    problems.append(f"{org.id} {day}: chair or recorder absent")
                if "支部党员大会" in kinds:
                    full = [p for p in org.full_on(day)]
                    came = [p for p in full if p.id in record["出席"]]
                    if len(came) * 2 <= len(full):
                        problems.append(f"{org.id} {day}: no quorum")
    return problems


# --- writing YAML by hand ---------------------------------------------------------------------


class Q(str):
    """A string that is always written in double quotes (money, rates, ID and phone numbers)."""


_SPECIAL_START = set("-?:,[]{}#&*!|>'\"%@` ")
_RESOLVES = re.compile(r"^(?:[-+]?[0-9][0-9_.]*(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+"
                       r"|\d{4}-\d{1,2}-\d{1,2}.*|true|false|null|~|yes|no|on|off|\.inf|\.nan)$", re.I)


def scalar(value: object, flow: bool = False) -> str:
    if isinstance(value, Q):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        raise TypeError("no booleans in the records")
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    plain = (text and text[0] not in _SPECIAL_START and not text.endswith((" ", ":")) and ": " not in text
             and " #" not in text and "\n" not in text and not _RESOLVES.match(text)
             and not (flow and any(c in text for c in ",[]{}")))
    return text if plain else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_map(pairs: dict) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in pairs.items()) + "}"


def flow_list(items: list, indent: int, per_line: int = 10) -> str:
    if not items:
        return "[]"
    rows = [", ".join(scalar(i, flow=True) for i in items[n:n + per_line]) for n in range(0, len(items), per_line)]
    return "[" + (",\n" + " " * (indent + 2)).join(rows) + "]"


class Doc:
    """Lines of one YAML file."""

    def __init__(self, *comments: str) -> None:
        self.lines = [f"# {c}" for c in comments]

    def kv(self, indent: int, key: str, value: object, dash: bool = False) -> None:
        prefix = " " * indent + ("- " if dash else "")
        if isinstance(value, list) and all(not isinstance(v, dict) for v in value):
            self.lines.append(f"{prefix}{key}: {flow_list(value, len(prefix))}")
        elif isinstance(value, dict) and all(isinstance(k, int) for k in value):
            self.lines.append(f"{prefix}{key}: {flow_map(value)}")
        else:
            self.lines.append(f"{prefix}{key}: {scalar(value)}")

    def record(self, indent: int, record: dict) -> None:
        """One item of a block list: `- key: value` then the other keys."""
        first = True
        for key, value in record.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                self.lines.append(" " * (indent + (0 if first else 2)) + ("- " if first else "") + f"{key}:")
                for item in value:
                    self.lines.append(" " * (indent + 4) + "- " + flow_map(item))
            else:
                self.kv(indent if first else indent + 2, key, value, dash=first)
            first = False

    def blank(self) -> None:
        self.lines.append("")

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


NOTICE = "示例数据：城南街道及其中的人物、身份证号、手机号、收入均为虚构"


def branch_yaml(org: Org, certs: list[dict]) -> str:
    doc = Doc(f"{org.short} 基本情况", NOTICE)
    info = {"编号": org.id, "名称": org.name, "简称": org.short, "类型": org.kind, "领域": org.sector,
            "成立日期": org.founded, "批准文号": org.approval}
    if org.ends:
        info["结束日期"] = org.ends
    if org.units:
        info["联合单位"] = org.units
    if org.population:
        info.update({"辖区人口": org.population, "辖区户数": org.households, "阵地面积": org.area,
                     "年度工作经费": Q(f"{org.funding:.2f}")})
    info["主题党日"] = org.theme_rule
    if org.policy:
        info["节假日安排"] = org.policy
    info.update({"地址": org.address, "联系电话": Q(org.phone)})
    for key, value in info.items():
        if key == "联合单位":
            doc.lines.append(f"{key}:")
            doc.lines.extend(f"  - {scalar(u)}" for u in value)
        else:
            doc.kv(0, key, value)

    def committee(c: Committee, indent: int, dash: bool) -> None:
        pad = " " * indent
        doc.lines.append(f"{pad}{'- ' if dash else ''}届次: {c.session}")
        inner = pad + ("  " if dash else "")
        doc.lines.append(f"{inner}选举日期: {c.elected.isoformat()}")
        doc.lines.append(f"{inner}任期年限: {c.term}")
        doc.lines.append(f"{inner}批复文号: {scalar(c.approval)}")
        doc.lines.append(f"{inner}委员:")
        for seat in c.seats:
            doc.lines.append(f"{inner}  - {flow_map({'党员': seat.person.id, '职务': seat.role})}"
                             f"   # {seat.person.name}")

    doc.lines.append("委员会:")
    committee(org.committee, 2, False)
    if len(org.committees) > 1:
        doc.lines.append("历届委员会:")
        for c in reversed(org.committees[:-1]):
            committee(c, 2, True)
    if org.group_names:
        doc.lines.append("党小组:")
        for name in org.group_names:
            leader = org.leaders[name]
            doc.lines.append(f"  - {flow_map({'名称': name, '组长': leader.id})}   # 组长 {leader.name}")
    if org.rota:
        doc.lines.append("值班安排:   # 周一集中办公，周二至周六轮流值班")
        for day, people in org.rota:
            doc.lines.append(f"  - {flow_map({'星期': day})[:-1]}, 值班人员: {flow_list([p.id for p in people], 4)}}}")
    doc.kv(0, "活动场所", org.place)  # last, so that the lines above keep their numbers
    doc.kv(0, "阵地管理员", org.recorder_on(AS_OF).id)
    if certs:
        doc.lines.append("创建评定:   # 标准化规范化党支部、最强党支部（考评验收记录在 street/evaluations/）")
        doc.lines.extend(f"  - {flow_map({k: v for k, v in c.items() if v is not None})}" for c in certs)
    pairs = links(org)
    if pairs:
        doc.lines.append("联系党员:   # 班子成员各自联系的党员，每年至少谈心谈话 1 次（WH-2.6）")
        for cadre, linked in pairs:
            doc.lines.append(f"  - {{委员: {cadre.id}, 党员: {flow_list([p.id for p in linked], 4)}}}   # {cadre.name}")
    return doc.text()


def members_yaml(org: Org) -> str:
    doc = Doc(f"{org.short} 党员名册", NOTICE)
    doc.lines.append("党员:")
    for p in org.members:
        rec: dict = {"编号": p.id, "姓名": p.name, "性别": p.gender, "民族": p.ethnicity, "出生日期": p.birth,
                     "学历": p.education, "入党日期": p.joined}
        if p.full:
            rec["转正日期"] = p.full
        rec["状态"] = "正式党员" if p.full else "预备党员"
        rec["党费类别"] = p.category
        if p.group:
            rec["党小组"] = p.group
        if p.flags:
            rec["标记"] = p.flags
        if p.id_number:
            rec["身份证号"] = Q(p.id_number)
        if p.phone:
            rec["手机号"] = Q(p.phone)
        if p.workplace:
            rec["工作单位"] = p.workplace
        if p.position:
            rec["职务"] = p.position
        doc.record(2, rec)
        if p.transfers:
            doc.lines.append("    组织关系:")
            for t in p.transfers:
                doc.lines.append("      - " + flow_map({"类型": t.kind, "日期": t.date, "单位": t.unit,
                                                       "介绍信编号": t.letter}))
        if p.events:
            doc.lines.append("    重要事项:")
            for e in p.events:
                doc.lines.append("      - " + flow_map({"类型": e.kind, "日期": e.date, "说明": e.note}))
        if p.note:
            doc.kv(4, "备注", p.note)
    return doc.text()


def applicants_yaml(org: Org) -> str:
    doc = Doc(f"{org.short} 发展党员台账（入党申请人、积极分子、发展对象）", NOTICE)
    doc.lines.append("入党申请人:")
    for a in org.applicants:
        doc.record(2, a)
    return doc.text()


def meetings_yaml(org: Org, year: int) -> str:
    doc = Doc(f"{org.short} {year}年会议记录（三会一课、主题党日、组织生活会）", NOTICE)
    doc.lines.append("会议:")
    for m in org.meetings[year]:
        doc.record(2, m)
    return doc.text()


def dues_yaml(org: Org, year: int) -> str:
    data = org.dues[year]
    doc = Doc(f"{org.short} {year}年党费收缴台账（交纳：月份: 交纳日期）", NOTICE)
    doc.kv(0, "年度", data["年度"])
    doc.kv(0, "核定日期", data["核定日期"])
    doc.lines.append("党员党费:")
    for acc in data["党员党费"]:
        rec = {k: (Q(v) if k in ("基数", "比例", "月交额") else v) for k, v in acc.items() if k != "例外"}
        doc.record(2, rec)
        if "例外" in acc:
            doc.lines.append("    例外:")
            for e in acc["例外"]:
                doc.lines.append("      - " + flow_map({**e, "金额": Q(e["金额"])}))
    for key in ("上缴", "公布"):
        doc.lines.append(f"{key}:")
        for item in data[key]:
            doc.lines.append("  - " + flow_map({k: (Q(v) if k == "金额" else v) for k, v in item.items()}))
    return doc.text()


def trainings_yaml(org: Org, year: int) -> str:
    doc = Doc(f"{org.short} {year}年学习培训记录（学时：半天4学时，一天8学时）", NOTICE)
    doc.lines.append("培训:")
    for t in org.trainings[year]:
        doc.record(2, t)
    return doc.text()


def talks_yaml(org: Org, year: int) -> str:
    doc = Doc(f"{org.short} {year}年谈心谈话记录", NOTICE)
    doc.lines.append("谈话:")
    for t in org.talks[year]:
        doc.record(2, t)
    return doc.text()


def activities_yaml(org: Org, year: int) -> str:
    acts = org.activities[year]
    doc = Doc(f"{org.short} {year}年志愿服务、结对帮扶、公开承诺与评议", NOTICE)
    doc.lines.append("志愿服务:")
    for s in acts["志愿服务"]:
        doc.record(2, s)
    for key in ("结对帮扶", "公开承诺", "述诺", "思想汇报", "工作报告", "述职", "星级评定", "民主评议", "参政议政"):
        if key not in acts:
            continue
        doc.lines.append(f"{key}:" + ("" if acts[key] else " []"))
        for item in acts[key]:
            doc.lines.append("  - " + flow_map(item))
    return doc.text()


def config_yaml() -> str:
    doc = Doc("记录库设置：城南街道党工委的台账（" + NOTICE + "）")
    doc.kv(0, "组织名称", STREET)
    doc.kv(0, "组织类型", "街道党工委")
    doc.kv(0, "规则集", "xz")
    doc.kv(0, "记录截至", AS_OF)
    return doc.text()


def render(orgs: list[Org], street: example_street.StreetMaker) -> dict[str, str]:
    files = {"dangjian.yaml": config_yaml()}
    for org in orgs:
        files[f"{org.path}/branch.yaml"] = branch_yaml(org, example_street.certifications(street, org.id))
        files[f"{org.path}/members.yaml"] = members_yaml(org)
        if org.applicants:
            files[f"{org.path}/applicants.yaml"] = applicants_yaml(org)
        for year in YEARS:
            files[f"{org.path}/meetings/{year}.yaml"] = meetings_yaml(org, year)
            files[f"{org.path}/dues/{year}.yaml"] = dues_yaml(org, year)
            files[f"{org.path}/trainings/{year}.yaml"] = trainings_yaml(org, year)
            files[f"{org.path}/talks/{year}.yaml"] = talks_yaml(org, year)
            files[f"{org.path}/activities/{year}.yaml"] = activities_yaml(org, year)
    files.update(street.files())
    return files


def generate() -> dict[str, str]:
    rng = random.Random(SEED)
    orgs = build_orgs(rng)
    build_applicants(orgs, rng)
    attendance = Attendance(rng)
    for org in orgs:
        build_meetings(org, rng, attendance)
        build_trainings(org, rng, attendance)
        build_talks(org, rng)
        build_activities(org, rng)
        build_dues(org, rng)
    problems = self_check(orgs)
    if problems:
        raise SystemExit("示例数据自检未通过：\n" + "\n".join(problems))
    return render(orgs, example_street.StreetMaker(orgs, SEED, sys.modules[__name__]))


def write(files: dict[str, str], out: Path) -> None:
    """Replace everything in `out` except the reserved directories the generator does not write
    (holidays/, templates/ …); street/ is the example's own."""
    out.mkdir(parents=True, exist_ok=True)
    for entry in sorted(out.iterdir()):
        if (entry.name in RESERVED_DIRS and entry.name != "street") or entry.name.startswith("."):
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for rel, text in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成示例台账（虚构的城南街道）")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "records",
                        help="输出目录（默认：仓库中的 records/）")
    args = parser.parse_args(argv)
    files = generate()
    write(files, args.out)
    size = sum(len(t.encode("utf-8")) for t in files.values())
    print(f"已写入 {len(files)} 个文件，共 {size} 字节")
    return 0


if __name__ == "__main__":
    sys.exit(main())
