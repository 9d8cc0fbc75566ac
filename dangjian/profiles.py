"""Profiles: the rulebook a repository is judged by, and how local values meet the national floor.

A profile is the table of parameters in dangjian/params.py: the national values (全国性规定),
and for `xz` and `wuhua` the local values laid over them, each with the clause it comes from.
dangjian.yaml picks a profile (规则集) and may override single parameters (参数).

National values with a bound are floors. A local value (of the profile or of 参数) that is
stricter replaces the national one; one that is looser does not apply — the national value
stays, and the pair is a conflict (`dangjian rules --conflicts`, `dangjian config show`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from dangjian.calendar import interval_months, periods
from dangjian.limits import MAX_PARAMETER
from dangjian.params import (
    BOUNDS,
    CHOICES,
    DIRECTIONS,
    LOCAL_CLAUSES,
    LOCAL_DEFAULTS,
    NATIONAL,
    ORDERED,
    PROFILE_TITLES,
    PROFILES,
    SHAPES,
    Effective,
)

SHIPPED = tuple(PROFILE_TITLES)
OVERRIDE = "dangjian.yaml 参数"


@dataclass(frozen=True)
class Conflict:
    profile: str
    name: str
    local: object
    local_source: str  # "规则集 xz（XZ-3.2）" or "dangjian.yaml 参数"
    national: object
    national_clause: str

    @property
    def where(self) -> str:
        """The local value's clause, or 参数 when it comes from dangjian.yaml."""
        return self.local_source.split("（")[-1].rstrip("）") if "（" in self.local_source else "参数"

    def describe(self) -> str:
        return (f"{self.local_source}定为 {show(self.local)}，宽于全国性规定（{self.national_clause}）的 "
                f"{show(self.national)}，按全国性规定检查")


DIRECTION_NAMES = {"min": "下限（只能更严）", "max": "上限（只能更严）", "cadence": "最长周期（只能更频繁）",
                   "fixed": "固定值（不能改动）", "free": "可按本地规定或惯例调整"}


def bound_of(name: str) -> str:
    """The direction of a parameter (see params.DIRECTIONS)."""
    param = NATIONAL.get(name)
    return DIRECTIONS.get(name) or (param.bound if param else "") or BOUNDS.get(name, "")


def default_source(name: str) -> str:
    """How the default value is labelled: 全国性规定 only when it is a national figure."""
    param = NATIONAL[name]
    return LOCAL_DEFAULTS.get(name) or f"全国性规定（{param.clause}）"


def show(value: object) -> str:
    """A parameter value as users write it."""
    if value is None:
        return "不检查"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(show(v) for v in value) or "（无）"
    if isinstance(value, dict):
        return "；".join(f"{k}: {show(v)}" for k, v in value.items()) or "（无）"
    return str(value)


def looser(name: str, local: object, national: object) -> bool:
    """True when `local` asks less than the national value (see params.DIRECTIONS)."""
    bound = bound_of(name)
    if not bound or bound == "free" or national is None or local == national:
        return False
    if local is None:
        return True
    if bound == "fixed":
        return True
    try:
        if name in ORDERED:
            order = ORDERED[name]
            return local in order and national in order and order.index(local) < order.index(national)
        if bound == "min" and isinstance(national, list):
            return not isinstance(local, list) or not set(national) <= set(local)
        if bound == "min" and isinstance(national, bool):
            return national and local is not True
        if bound in ("min", "max") and isinstance(national, str):  # money thresholds written as text
            ours, theirs = Decimal(str(local)), Decimal(national)
            return ours < theirs if bound == "min" else ours > theirs
        if bound == "min":
            return local < national
        if bound == "max":
            return local > national
        if bound == "cadence":
            ours, theirs = interval_months(local), interval_months(national)
            return ours is not None and theirs is not None and ours > theirs
    except (TypeError, InvalidOperation, ValueError):  # a malformed value: param-value reports it
        return False
    return False


def shape_of(name: str) -> str:
    if name in SHAPES:
        return SHAPES[name]
    if bound_of(name) == "cadence":
        return "cadence"
    value = NATIONAL[name].value
    if name in CHOICES:
        return "choices" if isinstance(value, list) else "choice"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "count"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "words"
    if isinstance(value, dict):
        return "mapping"
    return "text"


def _number(value: object) -> bool:
    """A count or quantity a rule can compute with: finite, 0 to MAX_PARAMETER (a 5,000-digit
    month count would overflow the date arithmetic of the rule that uses it)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= MAX_PARAMETER


def _money(value: object) -> bool:
    from dangjian.money import MoneyError, parse_money

    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return False
    try:
        parse_money(value)
    except MoneyError:
        return False
    return True


def value_problem(name: str, value: object) -> str | None:
    """Why `value` cannot be used for parameter `name` (in Chinese), or None when it can."""
    if value is None:
        return None
    shape, choices = shape_of(name), CHOICES.get(name, ())
    if shape == "count" and not (isinstance(value, int) and _number(value)):
        return f"应为 0 至 {MAX_PARAMETER} 的整数"
    if shape == "number" and not _number(value):
        return f"应为 0 至 {MAX_PARAMETER} 的数"
    if shape == "percent" and not (_number(value) and value <= 100):
        return "应为 0 至 100 的百分数（只写数字）"
    if shape == "year" and not (isinstance(value, int) and not isinstance(value, bool) and 2000 <= value <= 2100):
        return "应为年份，如 2025"
    if shape == "bool" and not isinstance(value, bool):
        return "应为 是 或 否（true/false）"
    if shape == "cadence":
        try:
            periods(value, 2000)
        except (ValueError, TypeError):
            from dangjian.calendar import CADENCES

            return f"不是可识别的周期，可用：{'、'.join(CADENCES)}"
    if shape == "choice" and value not in choices:
        return f"应为{'、'.join(choices)}之一"
    if shape in ("choices", "words"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "应为列表，如 [甲, 乙]"
        wrong = [v for v in value if choices and v not in choices]
        if wrong:
            return f"“{'、'.join(wrong)}”不可用，每项应为{'、'.join(choices)}之一"
    if shape == "range" and not (isinstance(value, list) and len(value) == 2 and all(
            isinstance(v, int) and _number(v) for v in value) and value[0] <= value[1]):
        return "应为 [最少, 最多] 两个整数"
    if shape == "money" and not _money(value):
        return "应为金额（元），如 \"0.50\""
    if shape == "money-range" and not (isinstance(value, list) and len(value) == 2 and all(map(_money, value))
                                       and Decimal(str(value[0])) <= Decimal(str(value[1]))):
        return "应为 [最少, 最多] 两个金额（元）"
    if shape == "rates":
        return _rates_problem(name, value)
    if shape == "mapping" and not (isinstance(value, dict) and all(isinstance(v, str) for v in value.values())):
        return "应为若干“领域: 固定日”，如 社区: 每月10日"
    if shape == "targets" and not (isinstance(value, dict) and all(
            isinstance(k, int) and _number(v) and v <= 100 for k, v in value.items())):
        return "应为若干“年份: 百分比”，如 2025: 90"
    if shape == "text" and not isinstance(value, str):
        return "应为文字"
    return None


def _rates_problem(name: str, value: object) -> str | None:
    """A dues rate table: [[上限, 比例], …, [null, 比例]], bounds rising, rates above 0 and at most 100%."""
    from dangjian.dues.calc import DuesError, _tiers

    shape = "应为 [[上限, 比例], …, [null, 比例]]，上限递增、最后一档不设上限，比例如 \"1.5%\""
    if not isinstance(value, list) or not all(isinstance(e, list) and len(e) == 2 for e in value):
        return shape
    try:
        tiers = _tiers(value, name)
    except (DuesError, TypeError, ValueError, InvalidOperation):
        return shape
    uppers = [t.upper for t in tiers if t.upper is not None]
    if uppers != sorted(set(uppers)) or not all(Decimal(0) < t.rate <= Decimal(1) for t in tiers):
        return shape
    return None


def local_clause(profile: str, name: str) -> str:
    return LOCAL_CLAUSES.get(profile, {}).get(name, "")


def resolve(profile: str, overrides: dict | None = None) -> dict[str, Effective]:
    """Effective parameters: national, then the profile's values, then 参数, national floors kept."""
    out = {name: Effective(p.value, default_source(name), p.clause) for name, p in NATIONAL.items()}
    for conflict_free, (name, value, source, clause) in _layers(profile, overrides):
        national = NATIONAL.get(name)
        if national is not None and value_problem(name, value):
            continue  # a malformed value (param-value reports it): the default applies
        if national is not None and not conflict_free:
            out[name] = Effective(national.value, default_source(name), national.clause,
                                  conflict=Conflict(profile, name, value, source, national.value,
                                                    national.clause).describe())
        else:
            out[name] = Effective(value, source, clause)
    return out


def _layers(profile: str, overrides: dict | None):
    for name, value in PROFILES.get(profile, {}).items():
        clause = local_clause(profile, name)
        national = NATIONAL.get(name)
        ok = national is None or not looser(name, value, national.value)
        yield ok, (name, value, f"规则集 {profile}（{clause or (national.clause if national else '')}）", clause)
    for name, value in (overrides or {}).items():
        national = NATIONAL.get(name)
        ok = national is None or not looser(name, value, national.value)
        yield ok, (name, value, OVERRIDE, "")


def conflicts(profile: str, overrides: dict | None = None) -> list[Conflict]:
    """Local values looser than the national floor, in the order of the parameter table."""
    found = []
    for ok, (name, value, source, _clause) in _layers(profile, overrides):
        if not ok:
            national = NATIONAL[name]
            found.append(Conflict(profile, name, value, source, national.value, national.clause))
    return found


def profile_value(profile: str, name: str) -> tuple[object, str]:
    """A parameter's value in a shipped profile before floors, and the clause it comes from."""
    national = NATIONAL[name]
    if name in PROFILES.get(profile, {}):
        return PROFILES[profile][name], local_clause(profile, name)
    return national.value, national.clause
