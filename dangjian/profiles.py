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

from dangjian.calendar import interval_months
from dangjian.params import BOUNDS, LOCAL_CLAUSES, NATIONAL, PROFILE_TITLES, PROFILES, Effective

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


def bound_of(name: str) -> str:
    param = NATIONAL.get(name)
    return (param.bound if param else "") or BOUNDS.get(name, "")


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
    """True when `local` asks less than the national value of a bounded parameter."""
    bound = bound_of(name)
    if not bound or national is None or local == national:
        return False
    if local is None:
        return True
    try:
        if bound == "min":
            return local < national
        if bound == "max":
            return local > national
        if bound == "cadence":
            ours, theirs = interval_months(local), interval_months(national)
            return ours is not None and theirs is not None and ours > theirs
    except TypeError:  # a value of the wrong type: config-valid reports it
        return False
    return False


def local_clause(profile: str, name: str) -> str:
    return LOCAL_CLAUSES.get(profile, {}).get(name, "")


def resolve(profile: str, overrides: dict | None = None) -> dict[str, Effective]:
    """Effective parameters: national, then the profile's values, then 参数, national floors kept."""
    out = {name: Effective(p.value, f"全国性规定（{p.clause}）", p.clause) for name, p in NATIONAL.items()}
    for conflict_free, (name, value, source, clause) in _layers(profile, overrides):
        national = NATIONAL.get(name)
        if national is not None and not conflict_free:
            out[name] = Effective(national.value, f"全国性规定（{national.clause}）", national.clause,
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
