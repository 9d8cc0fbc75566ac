"""The 2008 dues rules (DF-2 to DF-8) as a pure calculation: category and income → monthly amount.

`Decimal` throughout, never float. Tiers, rates, fixed amounts, the deductions allowed from
the base and the rounding are profile parameters (dangjian.params); the whole base is charged
at the rate of its tier (全额累进: 5100 → 76.50, 4900 → 49.00), a bound belonging to the lower
tier. No source fixes the rounding: the convention is to the fen, half up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal

from dangjian.model import DUES_CATEGORIES
from dangjian.params import Effective

# Categories charged a rate of their base, with the parameter holding the tiers and what the base is.
PERCENT = {
    "在职": ("在职党费比例", "DF-2", "月工资收入（税后）"),
    "年薪制": ("在职党费比例", "DF-2", "当月实际领取的薪酬（税后）"),
    "非按月收入": ("在职党费比例", "DF-2", "上季度月平均纯收入"),
    "离退休": ("离退休党费比例", "DF-5", "离退休费或养老金总额"),
}
FARMER = "农民"
BY_MONTH = "当月起按新基数"  # the DF-10 reading of 参数“党费基数年内变动”
# The parameters DuesRules reads.
PARAMS = ("在职党费比例", "离退休党费比例", "农民党费范围", "农民党费默认", "固定党费", "党费基数扣除项目",
          "党费舍入单位", "党费舍入方式", "大额党费", "党费基数年内变动")
FIXED = ("学生", "下岗失业", "抚恤救济", "低保")
ROUNDINGS = {"四舍五入": ROUND_HALF_UP, "向下": ROUND_DOWN, "向上": ROUND_UP, "银行家": ROUND_HALF_EVEN,
             ROUND_HALF_UP: ROUND_HALF_UP, ROUND_DOWN: ROUND_DOWN, ROUND_UP: ROUND_UP,
             ROUND_HALF_EVEN: ROUND_HALF_EVEN}


class DuesError(ValueError):
    """Bad input to the calculation; the message is Chinese and meant for the user."""


def to_decimal(value: object, what: str = "金额") -> Decimal:
    """An amount as a person writes it ("6500", "6,500.00", "６５００") → Decimal, by the one
    money rule (dangjian.money): finite, not negative, at most two decimal places, in range."""
    from dangjian.money import MoneyError, parse_money

    try:
        return parse_money(value, what, lenient=True)
    except MoneyError as exc:
        raise DuesError(str(exc)) from None


def to_rate(value: object) -> Decimal:
    """"1.5%" → 0.015; a bare number is already a fraction (dangjian.money.parse_rate)."""
    from dangjian.money import MoneyError, parse_rate

    try:
        return parse_rate(value)
    except MoneyError as exc:
        raise DuesError(str(exc)) from None


def format_money(amount: Decimal) -> str:
    """Two decimals, as on a receipt: 97.5 → "97.50"."""
    cents = amount.quantize(Decimal("0.01"))
    return f"{cents if cents == amount else amount:f}"


def format_rate(rate: Decimal) -> str:
    """0.015 → "1.5%"."""
    return f"{(rate * 100).normalize():f}%"


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}"


@dataclass(frozen=True)
class Tier:
    lower: Decimal | None  # exclusive
    upper: Decimal | None  # inclusive
    rate: Decimal

    @property
    def label(self) -> str:
        if self.lower is None:
            return f"{_plain(self.upper)}元以下（含）" if self.upper is not None else "全部"
        if self.upper is None:
            return f"{_plain(self.lower)}元以上"
        return f"{_plain(self.lower)}元以上至{_plain(self.upper)}元（含）"


def _tiers(spec: object, name: str) -> tuple[Tier, ...]:
    out: list[Tier] = []
    lower = None
    for entry in spec or ():
        upper_text, rate_text = entry
        upper = None if upper_text is None else to_decimal(upper_text, f"参数“{name}”的上限")
        out.append(Tier(lower, upper, to_rate(rate_text)))
        lower = upper
    if not out or out[-1].upper is not None:
        raise DuesError(f"参数“{name}”的最后一档须不设上限（写 null）")
    return tuple(out)


@dataclass(frozen=True)
class DuesRules:
    """The dues parameters of one profile, parsed once."""

    tiers: Mapping[str, tuple[Tier, ...]]
    farmer_range: tuple[Decimal, Decimal]
    farmer_default: Decimal
    fixed: Decimal
    deductions: tuple[str, ...]
    unit: Decimal
    rounding: str
    large_gift: Decimal
    base_by_month: bool  # a recorded 基数变动 changes the dues from its month (DF-10), or not (000 第八条)

    @classmethod
    def from_params(cls, params: Mapping[str, object]) -> DuesRules:
        """From parameter values (or dangjian.params.Effective objects) keyed by parameter name."""
        value = {k: getattr(v, "value", v) for k, v in params.items()}
        mode = value["党费舍入方式"]
        if mode not in ROUNDINGS:
            raise DuesError(f"参数“党费舍入方式”的值“{mode}”无效，可用：四舍五入、向下、向上、银行家")
        low, high = (to_decimal(x, "参数“农民党费范围”") for x in value["农民党费范围"])
        return cls(
            tiers={name: _tiers(value[name], name) for name in ("在职党费比例", "离退休党费比例")},
            farmer_range=(low, high),
            farmer_default=to_decimal(value["农民党费默认"], "参数“农民党费默认”"),
            fixed=to_decimal(value["固定党费"], "参数“固定党费”"),
            deductions=tuple(value["党费基数扣除项目"] or ()),
            unit=to_decimal(value["党费舍入单位"], "参数“党费舍入单位”"),
            rounding=ROUNDINGS[mode],
            large_gift=to_decimal(value["大额党费"], "参数“大额党费”"),
            base_by_month=value["党费基数年内变动"] == BY_MONTH,
        )

    @classmethod
    def from_accessor(cls, param: Callable[[str], object]) -> DuesRules:
        """From a run's parameter accessor (name → value)."""
        return cls.from_params({name: param(name) for name in PARAMS})

    def round(self, amount: Decimal) -> Decimal:
        return amount.quantize(self.unit, rounding=self.rounding)

    def tier_for(self, category: str, base: Decimal) -> Tier:
        table = self.tiers[PERCENT[category][0]]
        return next(t for t in table if t.upper is None or base <= t.upper)


def rules_for(params: Mapping[str, Effective]) -> DuesRules:
    """The dues rules of a run's effective parameters (context.parameters)."""
    return DuesRules.from_params(params)


@dataclass(frozen=True)
class Assessment:
    """The monthly amount for one member and how it was reached."""

    category: str
    income: Decimal | None
    deductions: tuple[tuple[str, Decimal], ...]
    base: Decimal | None
    tier: str
    rate: Decimal | None
    amount: Decimal
    clause: str
    base_label: str = ""


def check_category(category: str | None) -> str:
    if category not in DUES_CATEGORIES:
        raise DuesError(f"未知的党费类别“{category}”，可用：{'、'.join(DUES_CATEGORIES)}")
    return category


def calculate(category: str, income: object = None, deductions: Mapping[str, object] | None = None, *,
              rules: DuesRules, amount: object = None) -> Assessment:
    """The monthly dues for `category`.

    `income` is the after-tax monthly income the category's base is taken from (在职: wage;
    年薪制: the month's actual pay; 非按月收入: last quarter's monthly average; 离退休: pension).
    `deductions` are further items the profile allows to subtract. `amount` is the branch's
    own figure for 农民 (within the profile's range).
    """
    check_category(category)
    if category in PERCENT:
        return _percent(category, income, deductions or {}, rules)
    if deductions:
        raise DuesError(f"党费类别“{category}”按固定数额交纳，不扣除任何项目")
    if category == FARMER:
        low, high = rules.farmer_range
        value = rules.farmer_default if amount is None else to_decimal(amount, "月交额")
        if not low <= value <= high:
            raise DuesError(f"农民党员每月交纳 {format_money(low)} 元至 {format_money(high)} 元，"
                            f"“{format_money(value)}”不在此范围内")
        return Assessment(category, None, (), None, f"{format_money(low)}至{format_money(high)}元，由党支部确定",
                          None, value, "DF-6")
    if amount is not None and to_decimal(amount, "月交额") != rules.fixed:
        raise DuesError(f"党费类别“{category}”每月交纳 {format_money(rules.fixed)} 元，不能另定数额")
    return Assessment(category, None, (), None, "固定数额", None, rules.fixed, "DF-6")


def _percent(category: str, income: object, deductions: Mapping[str, object], rules: DuesRules) -> Assessment:
    _, clause, label = PERCENT[category]
    if income is None:
        raise DuesError(f"党费类别“{category}”须提供{label}")
    gross = to_decimal(income, label)
    if gross < 0:
        raise DuesError(f"{label}不能为负数：{gross}")
    taken: list[tuple[str, Decimal]] = []
    for name, raw in deductions.items():
        if name not in rules.deductions:
            allowed = "、".join(rules.deductions) or "无"
            raise DuesError(f"“{name}”不是本规则集允许从基数中扣除的项目（允许：{allowed}）")
        value = to_decimal(raw, f"扣除项“{name}”")
        if value < 0:
            raise DuesError(f"扣除项“{name}”不能为负数：{value}")
        taken.append((name, value))
    base = gross - sum((v for _, v in taken), Decimal(0))
    if base < 0:
        raise DuesError(f"扣除项合计 {format_money(gross - base)} 元超过{label} {format_money(gross)} 元")
    tier = rules.tier_for(category, base)
    return Assessment(category, gross, tuple(taken), base, tier.label, tier.rate, rules.round(base * tier.rate),
                      clause, label)
