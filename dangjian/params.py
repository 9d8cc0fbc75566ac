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
    _p("换届提醒月数", 6, "WH-1.6", "任期届满前多少个月开始提醒换届"),
    _p("书记最少党龄年数", 1, "TL-23", "党支部书记一般应具有的党龄"),
    _p("党小组最少人数", None, "WH-1.3", "党小组原则上不少于此人数（未设则不检查）"),
    _p("社区人口分界", 3000, "XZ-2.1", "社区党组织班子人数按辖区人口区分的分界"),
    _p("社区班子人数（人口少）", None, "XZ-2.1", "辖区人口低于分界时社区党组织班子人数范围"),
    _p("社区班子人数（人口多）", None, "XZ-2.1", "辖区人口达到分界时社区党组织班子人数范围"),
)}

PROFILES: dict[str, dict[str, object]] = {
    "national": {},
    "xz": {
        "社区班子人数（人口少）": [5, 7],
        "社区班子人数（人口多）": [5, 9],
    },
    "wuhua": {
        "党小组最少人数": 3,
    },
}

PROFILE_TITLES = {
    "national": "全国性党内法规",
    "xz": "《街道、社区基层党组织规范化建设细则》（在全国性规定之上）",
    "wuhua": "《五化建设》（在全国性规定之上）",
}


@dataclass(frozen=True)
class Effective:
    value: object
    source: str  # where the value came from, in Chinese


def effective(profile: str, overrides: dict | None = None) -> dict[str, Effective]:
    out = {name: Effective(p.value, f"全国性规定（{p.clause}）") for name, p in NATIONAL.items()}
    for name, value in PROFILES.get(profile, {}).items():
        out[name] = Effective(value, f"规则集 {profile}（{NATIONAL[name].clause}）")
    for name, value in (overrides or {}).items():
        out[name] = Effective(value, "dangjian.yaml 参数")
    return out


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
