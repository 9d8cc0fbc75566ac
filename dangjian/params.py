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
