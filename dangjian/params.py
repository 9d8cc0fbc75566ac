"""Every regulation number in one place, each with the clause it comes from.

A profile is data: the national values are the floor; `xz` (the city rules) and `wuhua`
(the five standardisations) add or tighten. A record repository may override single
parameters in dangjian.yaml under 参数. Rules read parameters from here, never literals.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Param:
    name: str  # the key users write under 参数 in dangjian.yaml
    value: object
    clause: str
    doc: str
    # How a local value compares with the national one (dangjian/profiles.py): "min" (a floor the
    # records must reach), "max" (a limit they must not pass), "cadence" (the longest interval), or "".
    bound: str = ""


def _p(name: str, value: object, clause: str, doc: str) -> Param:
    return Param(name, value, clause, doc)


# Parameter code name → national value.
NATIONAL: dict[str, Param] = {p.name: p for p in (
    _p("支部最少正式党员", 3, "TL-4", "正式党员达到此数应成立党支部；不足则成立联合党支部"),
    _p("支部一般最多党员", 50, "TL-4", "党支部党员人数一般不超过此数"),
    _p("设支委会正式党员数", 7, "TL-20", "正式党员达到此数应设立支部委员会"),
    _p("支委会最少委员", 3, "TL-20", "支部委员会最少人数"),
    _p("支委会最多委员", 7, "TL-20", "支部委员会一般最多人数"),
    _p("党总支最少党员", 51, "XZ-1.1", "党员人数超过 50 人可设党总支"),
    _p("党委最少党员", 100, "XZ-1.1", "党员人数 100 人以上设党委"),
    _p("任期最短年限", 3, "DZ-31", "每届任期最短年限"),
    _p("任期最长年限", 5, "DZ-31", "每届任期最长年限"),
    _p("村社区任期年限", 5, "TL-21", "村、社区党支部每届任期的年数（条例第二十一条，不带“一般”）"),
    Param("延期换届最长月数", 12, "XJ-3", "经上级批准延期换届的，延长期限一般不超过的月数", "max"),
    _p("换届提醒月数", 6, "WH-1.6", "任期届满前多少个月开始提醒换届"),
    _p("书记最少党龄年数", 1, "TL-23", "党支部书记一般应具有的党龄"),
    _p("党小组最少人数", None, "WH-1.3", "党小组原则上不少于此人数（未设则不检查）"),
    _p("社区人口分界", 3000, "XZ-2.1", "社区党组织班子人数按辖区人口区分的分界"),
    _p("社区班子人数（人口少）", None, "XZ-2.1", "辖区人口低于分界时社区党组织班子人数范围"),
    _p("社区班子人数（人口多）", None, "XZ-2.1", "辖区人口达到分界时社区党组织班子人数范围"),
)}

DEFAULT_PROFILE = "xz"  # the profile of a dangjian.yaml that names none (规则集)
PROFILES: dict[str, dict[str, object]] = {
    "national": {},
    "xz": {
        "社区班子人数（人口少）": [5, 7],
        "社区班子人数（人口多）": [5, 9],
    },
    "wuhua": {
        "党小组最少人数": 3,
    },
    "zw": {},
}

PROFILE_TITLES = {
    "national": "全国性党内法规",
    "xz": "《街道、社区基层党组织规范化建设细则》（在全国性规定之上）",
    "wuhua": "《五化建设》（在全国性规定之上）",
    "zw": "《镇委推进党组织建设指导意见》（农村社区党总支，在全国性规定之上）",
}


@dataclass(frozen=True)
class Effective:
    value: object
    source: str  # where the value came from, in Chinese
    clause: str = ""  # the clause the value comes from
    conflict: str = ""  # a looser local value that the national floor overrode, in Chinese


# --- Party dues (党费规定 2008, DF) ----------------------------------------------------------------
# Amounts and rates are strings so that they become exact Decimals; a tier is [upper bound, rate]
# with the bound inclusive (it belongs to the lower tier) and None for "above the last bound".
NATIONAL.update({p.name: p for p in (
    _p("在职党费比例", [["3000", "0.5%"], ["5000", "1%"], ["10000", "1.5%"], [None, "2%"]], "DF-2",
       "在职党员（年薪制、非按月收入同）按月基数分档交纳的比例：[上限（含）, 比例]；全额按所在档计算，不累进"),
    _p("离退休党费比例", [["5000", "0.5%"], [None, "1%"]], "DF-5",
       "离退休党员按离退休费或养老金总额分档交纳的比例：[上限（含）, 比例]"),
    _p("农民党费范围", ["0.20", "1.00"], "DF-6", "农民党员每月交纳党费的范围（元），具体数额由党支部确定"),
    _p("农民党费默认", "0.50", "DF-6", "党支部未另定时农民党员每月交纳的数额（元）；规定未定，惯例值"),
    _p("固定党费", "0.20", "DF-6", "学生、下岗失业、依靠抚恤或救济、领取最低生活保障金的党员每月交纳的数额（元）"),
    _p("党费基数扣除项目", ["养老保险", "职业年金", "住房公积金", "医疗保险", "失业保险"], "DF-2",
       "从税后月收入中扣除后作为基数的项目；规定只定“税后”，各地口径不同，可按本地调整（如只扣个税则写 []）"),
    _p("党费舍入单位", "0.01", "DF-2", "月交额舍入到的单位（元）；规定未定，惯例到分"),
    _p("党费舍入方式", "四舍五入", "DF-2", "四舍五入、向下、向上或银行家舍入；规定未定，惯例四舍五入"),
    _p("大额党费", "1000", "DF-11", "一次自愿多交达到此数（元）的，全部上缴中央"),
    _p("补交最多月数", 6, "DF-12", "补交党费一般不超过的月数"),
    _p("连续不参加组织生活月数", 6, "DZ-9", "没有正当理由连续此数个月不参加党的组织生活的，按自行脱党处理"),
    _p("连续未交月数", 6, "DF-13", "无正当理由连续此数个月不交纳党费的，按自行脱党处理（党章第九条）"),
    _p("党费公布周期", "年", "XZ-3.6", "党费收缴使用情况的公布周期：年 或 半年"),
    _p("党费公布期限月数", 3, "XZ-3.6", "公布期结束后几个月内须公布；规定只说“年初”，惯例为一个季度"),
)})
PROFILES["wuhua"]["党费公布周期"] = "半年"  # WH-3.4：每半年公布 1 次党费收缴情况


# --- Schedule: 主题党日 and the yearly 三会一课 plan (dangjian schedule) ----------------------------
# A cadence is one of 每月、每季度、每半年、每年、上半年、下半年、第一季度…第四季度、1月…12月, or None
# (not planned). Meetings are planned "within the period, at the latest on its last working day".
NATIONAL.update({p.name: p for p in (
    _p("主题党日固定日", {}, "TL-16",
       "各领域主题党日的默认固定日，如 {社区: 每月10日}；支部在 branch.yaml 写了“主题党日”的以支部为准。"
       "全国性规定只说“每月相对固定1天”"),
    _p("主题党日节假日安排", "顺延", "TL-16",
       "固定日遇节假日或休息日时：顺延（至下一个工作日，含调休上班日）、顺延至周一至周五、提前、不调整；"
       "全国性规定未定，各单位惯例“遇节假日顺延”"),
    _p("支委会周期", "每月", "TL-12", "支部委员会会议的周期（委员 3 人以上的支部）"),
    _p("党员大会周期", "每季度", "TL-11", "支部党员大会的周期"),
    _p("党小组会周期", "每月", "TL-13", "每个党小组开会的周期"),
    _p("党课周期", "每年", "TL-16", "党课的周期；全国性规定只要求书记每年至少讲 1 次党课"),
    _p("组织生活会周期", "第四季度", "TL-17", "组织生活会的周期（全国性规定：一般每年 1 次，多在第四季度）"),
    _p("民主评议周期", "第四季度", "TL-18", "民主评议党员的周期（一般每年 1 次，可结合组织生活会）"),
    _p("书记述职周期", None, "XZ-5.4", "党组织书记述职的周期；全国性规定未定，不安排"),
    _p("党费核定周期", "1月", "XZ-3.3", "年初核定党员月交党费数额的时段"),
    _p("党费基数年内变动", "当月起按新基数", "DF-10",
       "名册记录了年内“基数变动”而没有写明调整后的月交额时，党费账怎样算：当月起按新基数（DF-10：从按新工资计发"
       "当月起以新基数交纳）或 年初核定不变（000 第八条：每年初按上年度收入核定一次）"),
    _p("年度计划制定月数", 1, "WH-2.4", "年初制定三会一课年度计划：每年前几个月内应制定当年计划（只在记录库使用计划文件时检查）"),
)})
PROFILES["xz"].update({
    "主题党日固定日": {"机关": "每月第一个周五", "事业单位": "每月第一个周五", "社区": "每月10日"},  # XZ-4.9
    "党课周期": "每季度",  # XZ-4.4：每季度至少 1 次党课
    "民主评议周期": "12月",  # XZ-4.5：每年底民主评议党员
    "书记述职周期": "12月",  # XZ-5.4：年底书记述职评议
})
PROFILES["wuhua"].update({
    "党课周期": "每半年",  # WH-2.3：党课每半年至少 1 次
    "组织生活会周期": "每半年",  # WH-2.5：组织生活会每半年至少 1 次
    "民主评议周期": "下半年",  # WH-2.5：结合组织生活会每年民主评议 1 次
    "书记述职周期": "每年",  # WH-4.2：书记每年向上级和支部党员大会述职
})


# --- The rule catalogue: cadences, hours, thresholds of dangjian/rules/ ----------------------------
# A cadence here means "at least once in every such period"; a cadence naming one part of the year
# (第四季度, 12月, 下半年) asks for once a year, due by the end of that part. None = not checked.
def _r(name: str, value: object, clause: str, doc: str, bound: str = "") -> Param:
    return Param(name, value, clause, doc, bound)


NATIONAL.update({p.name: p for p in (
    _r("主题党日周期", "每月", "TL-16", "每月相对固定 1 天开展主题党日（日期由 theme-day-off-schedule 检查）", "cadence"),
    _r("书记党课周期", "每年", "TL-16", "党支部书记每年至少讲 1 次党课（授课人为书记）", "cadence"),
    _r("委员民主生活会周期", None, "XZ-4.7", "委员每季度召开 1 次民主生活会；全国性规定没有，只是本地做法", "cadence"),
    _r("专题研究周期", None, "CJ-5.1", "每年至少专题研究一次标准化规范化建设（会议主题写明“标准化规范化”）", "cadence"),
    _r("思想汇报周期", None, "XZ-4.10", "党员向党支部汇报思想、工作、学习和生活情况的周期", "cadence"),
    _r("党员大会报告工作周期", None, "XZ-4.11", "党支部向支部党员大会报告工作的周期", "cadence"),
    _r("向上级报告工作周期", None, "WH-2.4", "党支部向上一级党组织报告工作的周期", "cadence"),
    _r("书记述职对象", [], "WH-4.2", "书记述职的对象：上级党组织、支部党员大会（周期见“书记述职周期”）"),
    _r("书记述职党组织", None, "XZ-5.4", "要求书记述职的党组织：社区党组织（XZ-5.4）或 全部（WH-4.2 双述双评）"),
    _r("谈心谈话周期", "每年", "TL-19", "每名党员参加谈心谈话的周期", "cadence"),
    _r("委员谈心谈话周期", "每年", "TL-19", "支部委员之间两两谈心谈话的周期", "cadence"),
    _r("书记与委员谈话周期", None, "WH-2.6", "书记与每名班子成员谈心谈话的周期", "cadence"),
    _r("书记与党员谈话周期", None, "WH-2.6", "书记与每名党员谈心谈话的周期", "cadence"),
    _r("委员与联系党员谈话周期", None, "WH-2.6", "班子成员与所联系党员谈心谈话的周期（branch.yaml 的“联系党员”）", "cadence"),
    _r("六必谈期限天数", None, "XZ-3.11", "重要事项前后多少天内应有谈话；文件只说“时必谈”，30 天为惯例", "max"),
    _r("党员年度学时", 32, "JG-20", "党员每年集中学习培训的最少学时；年中入党、转入、转出的按在册天数折算", "min"),
    _r("书记年度学时", None, "XZ-2.4",
       "党支部书记每年参加上级党组织组织的党务培训的最少学时；全国性规定没有书记的学时数（《2019—2023年全国党员"
       "教育培训工作规划》的 56 学时已到期，需要时在“参数”中写 56）", "min"),
    _r("班子成员年度学时", None, "XZ-2.4",
       "支部委员（书记以外）每年培训的最少学时；没有条款规定，不检查（需要按已到期的 2019—2023 年规划检查时写 56）",
       "min"),
    _r("书记年度培训次数", None, "XZ-2.4", "党支部书记每年至少参加上级党组织组织的党务培训的次数", "min"),
    _r("社区干部年度学时", None, "XZ-2.3", "标记为“社区干部”的党员每年参加培训的最少学时", "min"),
    _r("预备期培训次数", 1, "JG-20", "预备党员在预备期内参加集中培训的最少次数（出自 2019—2023 年规划）", "min"),
    _r("入党最低年龄", 18, "FZ-5", "递交入党申请书时应年满的岁数", "min"),
    _r("申请谈话期限月数", 1, "FZ-7", "收到入党申请书后几个月内派人谈话", "max"),
    _r("积极分子培养最少月数", 12, "FZ-13", "确定为入党积极分子后至少培养考察几个月才能列为发展对象", "min"),
    _r("发展对象培训最少天数", 3, "FZ-17", "发展对象集中培训的最少天数（与学时满足其一即可）", "min"),
    _r("发展对象培训最少学时", 24, "FZ-17", "发展对象集中培训的最少学时（与天数满足其一即可）", "min"),
    _r("入党介绍人人数", 2, "FZ-14", "入党介绍人（正式党员）的人数", "min"),
    _r("志愿书编号管理", None, "WH-3.1", "接收为预备党员的须填写《入党志愿书》编号，且编号不重复（是/否）"),
    _r("审批期限月数", 3, "FZ-23", "支部大会通过后上级党委审批的期限；超过的须写明“审批延长原因”", "max"),
    _r("审批最长月数", 6, "FZ-23", "特殊情况延长后审批的最长期限", "max"),
    _r("预备期月数", 12, "DZ-7", "预备期的长度", "min"),
    _r("延长预备期最短月数", 6, "DZ-7", "延长预备期的最短月数（细则：不少于半年）"),
    _r("延长预备期最长月数", 12, "DZ-7", "延长预备期的最长月数（党章：不超过一年）", "max"),
    _r("转正办理期限月数", 3, "FZ-34", "预备期满后几个月内应讨论转正并记入名册：党章第七条只说期满“及时讨论”，"
       "3 个月是发展党员工作细则给上级党委审批转正的期限（细则的数，不是党章的）", "max"),
    _r("组织关系衔接天数", 92, "XZ-3.7", "记录库内转出与转入两条记录的日期最多相差的天数（介绍信一般 3 个月有效）", "max"),
    _r("公开承诺周期", None, "XZ-3.9", "党员公开承诺的周期（年初）", "cadence"),
    _r("星级评定周期", None, "XZ-3.9", "党员星级评定的周期（年底）", "cadence"),
    _r("评议等次周期", None, "XZ-4.5", "民主评议后为每名党员认定等次的周期", "cadence"),
    _r("志愿服务年度次数", None, "WH-3.6", "有服务能力的党员每年参加志愿服务的最少次数", "min"),
    _r("志愿服务除外标记", ["老党员", "困难党员"], "WH-3.6", "带有这些标记的党员视为无服务能力，不要求志愿服务"),
    _r("结对帮扶标记", [], "XZ-5.3", "带有这些标记的党员每年应结对帮扶至少 1 户困难群众"),
    _r("党群服务中心最小面积", None, "XZ-6.1", "社区党群服务中心的最小面积（平方米）", "min"),
    _r("社区服务设施每百户面积", None, "QY-10", "社区服务设施每百户的最小面积（平方米）", "min"),
    _r("社区服务设施最小面积", None, "QY-10", "社区服务设施的最小面积（平方米）", "min"),
    _r("社区工作经费每户", None, "XZ-7.1", "社区每年每户的最少工作经费（元）", "min"),
    _r("三册四簿", None, "XZ-6.3", "每个完整年度都有会议、培训、活动和党费的记录文件（是/否）"),
    _r("班子大专以上最少人数", None, "CJ-2.2", "村、社区党组织班子中大专以上学历的最少人数", "min"),
    _r("最强党支部优秀率", None, "CJ-3.2", "评为最强党支部须达到的党员评价“优秀”比例（%）", "min"),
    _r("联合党支部最多单位", 5, "TL-5", "一个联合党支部所含单位的最多数目", "max"),
)})

# Bounds of parameters declared above this block, for comparing local values with the national ones.
BOUNDS: dict[str, str] = {
    "支部最少正式党员": "min", "支委会最少委员": "min", "支委会周期": "cadence", "党员大会周期": "cadence",
    "党小组会周期": "cadence", "党课周期": "cadence", "组织生活会周期": "cadence", "民主评议周期": "cadence",
    "书记述职周期": "cadence",
}

# The clause each local value comes from: profile → parameter → clause id.
LOCAL_CLAUSES: dict[str, dict[str, str]] = {
    "xz": {"社区班子人数（人口少）": "XZ-2.1", "社区班子人数（人口多）": "XZ-2.1", "主题党日固定日": "XZ-4.9",
           "党课周期": "XZ-4.4", "民主评议周期": "XZ-4.5", "书记述职周期": "XZ-5.4"},
    "wuhua": {"党小组最少人数": "WH-1.3", "党费公布周期": "WH-3.4", "党课周期": "WH-2.3", "组织生活会周期": "WH-2.5",
              "民主评议周期": "WH-2.5", "书记述职周期": "WH-4.2"},
}


def _local(profile: str, clause: str, values: dict[str, object]) -> None:
    PROFILES[profile].update(values)
    LOCAL_CLAUSES.setdefault(profile, {}).update({name: clause for name in values})


# xz: the city rules (seed 000) and the street's programmes that concern a branch's records (001, 002).
_local("xz", "XZ-3.3", {"党费基数年内变动": "年初核定不变"})  # 000 第八条：每年初核定一次
_local("xz", "XZ-3.2", {"党员年度学时": 24})  # looser than JG-20's 32: a conflict, 32 applies
_local("xz", "XZ-2.4", {"书记年度学时": 32, "书记年度培训次数": 1})  # 基层党支部书记每年至少参加一次党务培训，不少于 32 学时
_local("xz", "XZ-2.3", {"社区干部年度学时": 40})
_local("xz", "XZ-4.7", {"委员民主生活会周期": "每季度"})
_local("xz", "XZ-4.10", {"思想汇报周期": "每季度"})
_local("xz", "XZ-4.11", {"党员大会报告工作周期": "每半年"})
_local("xz", "XZ-5.4", {"书记述职对象": ["上级党组织"], "书记述职党组织": "社区党组织"})
_local("xz", "XZ-3.11", {"六必谈期限天数": 30})
_local("xz", "XZ-3.9", {"公开承诺周期": "每年", "星级评定周期": "每年"})
_local("xz", "XZ-4.5", {"评议等次周期": "每年"})
_local("xz", "XZ-5.3", {"结对帮扶标记": ["社区干部"]})
_local("xz", "XZ-6.1", {"党群服务中心最小面积": 500})
_local("xz", "QY-10", {"社区服务设施每百户面积": 20, "社区服务设施最小面积": 300})
_local("xz", "XZ-7.1", {"社区工作经费每户": 10})
_local("xz", "XZ-6.3", {"三册四簿": True})
_local("xz", "CJ-5.1", {"专题研究周期": "每年"})
_local("xz", "CJ-2.2", {"班子大专以上最少人数": 1})
_local("xz", "CJ-3.2", {"最强党支部优秀率": 90})
# wuhua: the five standardisations (seed 003).
_local("wuhua", "WH-3.2", {"党员年度学时": 32})
_local("wuhua", "WH-3.1", {"志愿书编号管理": True})
_local("wuhua", "WH-2.4", {"向上级报告工作周期": "每半年"})
_local("wuhua", "WH-2.6", {"书记与委员谈话周期": "每半年", "书记与党员谈话周期": "每年", "委员与联系党员谈话周期": "每年"})
_local("wuhua", "WH-4.2", {"书记述职对象": ["上级党组织", "支部党员大会"], "书记述职党组织": "全部"})
_local("wuhua", "WH-3.6", {"志愿服务年度次数": 2, "结对帮扶标记": ["社区干部", "党员领导干部"]})


# --- The street's certification programme (dangjian assess) and regional party building ----------
# Targets are {year: percent}; a year not listed takes the nearest earlier year's target, and
# “达到 N% 以上” includes N (以上包括本数). None = no target (the national profile has none).
# The regional cadences judge the records in street/ (dangjian/rules/regional.py).
NATIONAL.update({p.name: p for p in (
    _r("标准化规范化目标", None, "CJ-1", "每年底全街道标准化规范化党支部应达到的比例（%），如 {2022: 40, 2025: 90}；"
                                     "未列的年份按此前最近一年"),
    _r("最强党支部目标", None, "CJ-1", "每年底“最强党支部”应达到的比例（%），如 {2023: 40, 2025: 50}"),
    _r("软弱涣散目标数", 0, "CJ-1", "软弱涣散党组织动态清零：年底应为 0 个"),
    _r("创建参评类型", ["党支部", "联合党支部", "党总支"], "CJ-1", "计入创建比例的党组织类型（临时党支部不计）"),
    _r("软弱涣散组织生活未达标项数", 2, "CJ-2.5",
       "三会、党课、主题党日、组织生活会和民主评议四项中未达标的达到此数，列为软弱涣散排查对象"),
    _r("党建联席会议周期", None, "QY-6", "街道“大工委”与共建单位的党建联席会议（书记联席会议）的周期", "cadence"),
    _r("联合组织生活会周期", None, "QY-2", "园区党建共建圈联合召开组织生活会的周期（只对登记的园区共建圈检查）", "cadence"),
    _r("互学互检互评周期", None, "QY-2", "园区党建共建圈互学互检互评的周期（只对登记的园区共建圈检查）", "cadence"),
    _r("成员企业走访周期", None, "QY-13", "园区党建共建圈走访成员企业的周期", "cadence"),
    _r("社区联席会议周期", None, "QY-17", "社区党委（党总支）与结对共建单位的联席会议（通报工作计划）的周期", "cadence"),
    _r("联系点走访周期", None, "QY-11", "街道班子成员到联系点的周期", "cadence"),
    _r("报到党员年度义务", [], "QY-8", "到社区报到的在职党员每年至少各做一次的事：参加组织生活、座谈、调研、认领微心愿、志愿服务"),
    _r("共建年度三个一", [], "QY-18", "“三个一”：街道与辖区单位在目标年度内办一件实事、搞一次活动、解一个难题（项目类型）"),
    _r("三个一年度", None, "QY-18", "“三个一”目标所在的年度，如 2025；方案只说“就今年而言”，未写年度，不填则不检查"),
)})
for _profile in ("xz", "wuhua"):
    _local(_profile, "CJ-1", {"标准化规范化目标": {2022: 40, 2023: 60, 2024: 80, 2025: 90},
                              "最强党支部目标": {2023: 40, 2025: 50}})
_local("wuhua", "CJ-3.2", {"最强党支部优秀率": 90})
_local("xz", "QY-6", {"党建联席会议周期": "每季度"})
_local("xz", "QY-2", {"联合组织生活会周期": "每年", "互学互检互评周期": "每半年"})
_local("xz", "QY-13", {"成员企业走访周期": "每月"})
_local("xz", "QY-17", {"社区联席会议周期": "每月"})
_local("xz", "QY-11", {"联系点走访周期": "每月"})
_local("xz", "QY-8", {"报到党员年度义务": ["参加组织生活", "座谈", "调研", "认领微心愿", "志愿服务"]})
_local("xz", "QY-18", {"共建年度三个一": ["实事", "活动", "难题"]})


# --- How each parameter may be changed, and where its default comes from ---------------------------
# Direction of a local value (profile or dangjian.yaml 参数) against the default:
#   "min"     a floor: a local value may only be higher (a list must keep every default item, 是 stays 是);
#   "max"     a ceiling: a local value may only be lower;
#   "cadence" the longest interval between two records: a local cadence may only be shorter;
#   "fixed"   the national value itself: any other value is refused;
#   "free"    the national rules set no figure here (a convention, a seed's own figure, a local
#             reading): any well-formed value is accepted.
# A value that goes the other way is a loosening: refused (param-looser), the national value applies.
DIRECTIONS: dict[str, str] = {
    "支部最少正式党员": "min", "支部一般最多党员": "max", "设支委会正式党员数": "max", "支委会最少委员": "min",
    "支委会最多委员": "max", "党总支最少党员": "free", "党委最少党员": "free", "任期最短年限": "min",
    "任期最长年限": "max", "村社区任期年限": "fixed", "换届提醒月数": "free", "书记最少党龄年数": "min",
    "党小组最少人数": "min", "社区人口分界": "free", "社区班子人数（人口少）": "free", "社区班子人数（人口多）": "free",
    "在职党费比例": "free", "离退休党费比例": "free", "农民党费范围": "fixed", "农民党费默认": "free", "固定党费": "fixed",
    "党费基数扣除项目": "free", "党费舍入单位": "free", "党费舍入方式": "free", "大额党费": "max", "补交最多月数": "max",
    "连续未交月数": "max", "连续不参加组织生活月数": "max", "党费公布周期": "min", "党费公布期限月数": "free", "主题党日固定日": "free",
    "主题党日节假日安排": "free", "党费核定周期": "free", "党费基数年内变动": "free", "年度计划制定月数": "free",
    "书记述职对象": "min",
    "书记述职党组织": "free", "入党介绍人人数": "fixed", "志愿书编号管理": "min", "预备期月数": "fixed",
    "延长预备期最短月数": "min", "组织关系衔接天数": "free", "志愿服务除外标记": "free", "结对帮扶标记": "min",
    "三册四簿": "min", "标准化规范化目标": "free", "最强党支部目标": "free", "软弱涣散目标数": "max",
    "创建参评类型": "free", "软弱涣散组织生活未达标项数": "free", "报到党员年度义务": "min", "共建年度三个一": "min",
    "三个一年度": "free",
}
# Why a rates table is "free": 党费规定 lets a province publish its own table (DF-2), which must be well formed.

# Defaults that are not a national figure, and how to label them instead of “全国性规定”.
LOCAL_DEFAULTS: dict[str, str] = {
    "党总支最少党员": "本地规定（XZ-1.1；全国性规定只说须经上级批准）",
    "党委最少党员": "本地规定（XZ-1.1；全国性规定只说须经上级批准）",
    "换届提醒月数": "惯例（上级一般提前 6 个月提醒，条文出处未定）",
    "社区人口分界": "本地规定（XZ-2.1）",
    "党费基数扣除项目": "本地口径（全国性规定只定“税后”，即扣除个人所得税；本默认另扣社保、公积金）",
    "农民党费默认": "惯例（规定只定 0.2 至 1 元的范围）",
    "党费舍入单位": "惯例（规定未定舍入）",
    "党费舍入方式": "惯例（规定未定舍入）",
    "党费公布周期": "本地规定（XZ-3.6：每年初公布上年度）",
    "党费公布期限月数": "惯例（XZ-3.6 只说“年初”）",
    "党费核定周期": "本地规定（XZ-3.3：年初核定）",
    "组织关系衔接天数": "惯例（介绍信一般 3 个月有效）",
    "年度计划制定月数": "本地规定（WH-2.4：年初制定）",
    "主题党日节假日安排": "惯例（遇节假日顺延）",
    "志愿服务除外标记": "惯例",
    "软弱涣散组织生活未达标项数": "本地规定（CJ-2.5）",
    "创建参评类型": "本地规定（CJ-1）",
    "软弱涣散目标数": "本地规定（CJ-1）",
}

# A "min" parameter whose values are words: later in the tuple is stricter.
ORDERED: dict[str, tuple] = {"党费公布周期": ("年", "半年")}

# Values a parameter (or each item of a list parameter) may take.
CHOICES: dict[str, tuple] = {
    "党费公布周期": ("年", "半年"),
    "党费舍入方式": ("四舍五入", "向下", "向上", "银行家"),
    "党费基数年内变动": ("当月起按新基数", "年初核定不变"),
    "主题党日节假日安排": ("顺延", "顺延至周一至周五", "提前", "不调整"),
    "书记述职对象": ("上级党组织", "支部党员大会"),
    "书记述职党组织": ("社区党组织", "全部"),
    "志愿服务除外标记": ("流动党员", "困难党员", "老党员", "在职党员报到", "党员领导干部", "社区干部"),
    "结对帮扶标记": ("流动党员", "困难党员", "老党员", "在职党员报到", "党员领导干部", "社区干部"),
    "创建参评类型": ("党委", "党总支", "党支部", "联合党支部", "临时党支部"),
    "报到党员年度义务": ("参加组织生活", "座谈", "调研", "认领微心愿", "志愿服务"),
    "共建年度三个一": ("实事", "活动", "难题"),
}

# The shape of a value, where the national default does not tell it (None, or a structure).
SHAPES: dict[str, str] = {
    "党小组最少人数": "count", "社区班子人数（人口少）": "range", "社区班子人数（人口多）": "range",
    "在职党费比例": "rates", "离退休党费比例": "rates", "农民党费范围": "money-range", "农民党费默认": "money",
    "固定党费": "money", "党费舍入单位": "money", "大额党费": "money", "主题党日固定日": "mapping",
    "党费核定周期": "cadence", "书记年度学时": "number", "班子成员年度学时": "number", "书记年度培训次数": "count",
    "社区干部年度学时": "number", "六必谈期限天数": "count", "志愿书编号管理": "bool", "三册四簿": "bool",
    "志愿服务年度次数": "count", "党群服务中心最小面积": "number", "社区服务设施每百户面积": "number",
    "社区服务设施最小面积": "number", "社区工作经费每户": "number", "班子大专以上最少人数": "count",
    "最强党支部优秀率": "percent", "标准化规范化目标": "targets", "最强党支部目标": "targets", "三个一年度": "year",
    "党员年度学时": "number",
}


# --- Where the seed documents and the national rules disagree (national.md, “Seed vs national”) -----
# Every row of that table: what the seed says, what the national rule says, and what the tool does.
# `dangjian rules --conflicts` lists them after the parameter conflicts of the shipped profiles.
SEED_NATIONAL: tuple[tuple[str, str, str, str], ...] = (
    ("党员年度集中学习培训", "≥24 学时（XZ-3.2，000 第七条）", "≥32 学时（JG-20）",
     "冲突：24 是已废止的 2014—2018 年规划数；按 32 检查（training-hours），xz 的 24 列为参数冲突"),
    ("书记年度培训", "≥1 次党务培训、≥32 学时（XZ-2.4）；每年 1 次（CJ-2.2）", "≥56 学时（2019—2023 年规划，已到期）",
     "全国性规定没有现行学时数：按 XZ-2.4 检查书记 32 学时（training-leaders）；56 只在参数中写明时检查"),
    ("组织生活会", "每年 1—2 次（XZ-4.6）；每半年至少 1 次（WH-2.5）", "每年至少 1 次，一般第四季度（TL-17）",
     "相容：wuhua 更严，按每半年检查"),
    ("党课", "每季度至少 1 次（XZ-4.4）；每半年至少 1 次（WH-2.3）", "未定频次；书记每年至少讲 1 次（TL-16）",
     "相容：两个规则集各按本地频次检查"),
    ("书记讲党课", "每年≥1 次（XZ-4.4、WH-2.3）", "每年≥1 次（TL-16）", "一致"),
    ("党员大会", "每月或每季度 1 次（XZ-4.1）", "一般每季度 1 次（TL-11）", "相容：按每季度检查"),
    ("党小组会", "每月 1—2 次（XZ-4.3）", "一般每月 1 次（TL-13）", "相容：按每月检查"),
    ("主题党日固定日", "机关事业单位每月第一个周五、社区每月 10 日（XZ-4.9）", "每月相对固定 1 天（TL-16）",
     "相容：xz 按领域给出默认固定日"),
    ("谈心谈话", "书记与班子成员每半年≥1 次（WH-2.6）", "每年一般≥1 次（TL-19）", "相容：wuhua 更严"),
    ("委员民主生活会", "委员每季度 1 次（XZ-4.7）", "民主生活会是县以上领导班子的制度",
     "本地做法：只在 xz 下检查（committee-life-meeting），不推广"),
    ("社区党组织班子人数", "5—7 人 / 5—9 人（XZ-2.1，社区党委、总支）", "支委会 3—5 人，一般≤7（TL-20）",
     "只对社区党委、党总支检查，作提醒；普通党支部按 TL-20"),
    ("党组织设置门槛", "3 人设支部；>50 <100 设总支；≥100 设党委（XZ-1.1）", "3 人设支部，一般≤50（TL-4）",
     "相容：50 人整仍为支部；总支、党委门槛标为本地规定"),
    ("任期", "3—5 年（XZ-2.2）", "3—5 年（DZ-31）；村、社区党支部 5 年（TL-21）", "一致：村、社区党支部按 5 年检查"),
    ("党费基数年度", "每年初按上年度收入核定（000 第八条，XZ-3.3）", "新工资当月起按新基数（DF-10）",
     "冲突：两种读法都保留，由参数“党费基数年内变动”选择党费账采用哪一种（xz 年初核定不变，其余当月起按新基数）；"
     "记录了“基数变动”而没有写明采用的月交额、两种读法算出的数额又不同的，dues-base-change 提醒两者的差额"),
    ("党费公布", "每年初公布上年度（XZ-3.6）；每半年 1 次（WH-3.4）", "每年至少 1 次（全国性出处未定）",
     "相容：wuhua 更严，按每半年检查"),
    ("按季交纳", "本人申请、支部批准（XZ-3.4）", "经党支部同意（DF-12）", "相容"),
    ("少交免交", "支部研究、上一级党委批准（XZ-3.5）", "同（DF-7）", "一致"),
    ("党小组人数", "≥3 人（WH-1.3）", "未定（TL-13）", "本地增加：只在 wuhua 下检查"),
    ("工作报告", "每半年向党员大会（XZ-4.11）；每半年向上级（WH-2.4）", "未定", "本地增加：各按本规则集检查"),
    ("党员汇报", "每季度（XZ-4.10）", "正式党员无此要求", "本地增加：只在 xz 下检查"),
    ("民主评议时间", "每年底（XZ-4.5）", "一般每年 1 次，结合组织生活会（TL-18）", "相容"),
)


# --- zw: the town's rural community 党总支 (seed 004) -----------------------------------------------
NATIONAL.update({p.name: p for p in (
    _r("社区党总支批准文号", None, "ZW-1", "社区党总支成立须书面请示、镇党委批准：branch.yaml 写明“批准文号”（是/否）", "min"),
    _r("总支委员含下属支部书记", None, "ZW-1", "社区党总支的委员会包括所辖各党支部的书记（是/否）", "min"),
)})
DIRECTIONS.update({"社区党总支批准文号": "min", "总支委员含下属支部书记": "min"})
SHAPES.update({"社区党总支批准文号": "bool", "总支委员含下属支部书记": "bool"})
_local("zw", "ZW-1", {"社区党总支批准文号": True, "总支委员含下属支部书记": True})
