"""Profiles (national floors, local values with their clauses, 参数 overrides) and the periods
the cadence rules judge."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest

from conftest import make_repo
from dangjian.calendar import interval_months, periods
from dangjian.params import LOCAL_CLAUSES, NATIONAL, PROFILES
from dangjian.periods import judged, member_share
from dangjian.profiles import SHIPPED, conflicts, looser, resolve


def test_every_local_value_cites_its_own_clause() -> None:
    from dangjian.clauses import catalogue

    for profile, values in PROFILES.items():
        for name in values:
            clause = LOCAL_CLAUSES.get(profile, {}).get(name)
            assert clause, f"{profile}: {name} has no clause in LOCAL_CLAUSES"
            assert clause in catalogue(), f"{profile}: {name} cites unknown clause {clause}"
            assert name in NATIONAL, f"{profile}: {name} is not a declared parameter"


def test_xz_training_hours_conflict_keeps_the_national_floor() -> None:
    found = {(c.name, c.local, c.national) for c in conflicts("xz")}
    assert found == {("党员年度学时", 24, 32)}  # 书记 32 学时 (XZ-2.4) has no national figure to be looser than
    params = resolve("xz")
    assert params["党员年度学时"].value == 32 and "XZ-3.2" in params["党员年度学时"].conflict
    assert conflicts("national") == [] and conflicts("wuhua") == []


def test_stricter_local_values_replace_the_national_ones() -> None:
    wuhua = resolve("wuhua")
    assert (wuhua["党课周期"].value, wuhua["党课周期"].clause) == ("每半年", "WH-2.3")
    assert resolve("national")["党课周期"].value == "每年"
    assert resolve("xz")["委员民主生活会周期"].value == "每季度" and resolve("national")["委员民主生活会周期"].value is None


def test_overrides_apply_but_never_below_the_floor() -> None:
    params = resolve("xz", {"党员年度学时": 40, "党课周期": "每月", "谈心谈话周期": "每两年", "组织生活会周期": "每年"})
    assert (params["党员年度学时"].value, params["党员年度学时"].source) == (40, "dangjian.yaml 参数")
    assert params["党课周期"].value == "每月"
    assert params["组织生活会周期"].value == "每年"  # 第四季度 and 每年 ask the same: once a year
    assert params["谈心谈话周期"].value == "每年"  # unreadable: param-value reports it, the default applies
    lowered = resolve("national", {"党员年度学时": 20, "党员大会周期": "每半年"})
    assert lowered["党员年度学时"].value == 32 and lowered["党员年度学时"].conflict
    assert lowered["党员大会周期"].value == "每季度"
    assert [c.name for c in conflicts("national", {"党员年度学时": 20})] == ["党员年度学时"]


@pytest.mark.parametrize(("name", "local", "looser_than_national"), [
    ("党员年度学时", 24, True), ("党员年度学时", 40, False), ("审批期限月数", 4, True), ("审批期限月数", 2, False),
    ("党员大会周期", "每半年", True), ("党员大会周期", "每月", False), ("党员大会周期", None, True),
    ("换届提醒月数", 1, False),  # no bound: a convention, freely adjusted
])
def test_looser(name, local, looser_than_national) -> None:
    assert looser(name, local, NATIONAL[name].value) is looser_than_national


def test_bounded_cadences_are_readable_in_every_profile() -> None:
    for profile in SHIPPED:
        for name, eff in resolve(profile).items():
            if NATIONAL[name].bound == "cadence" and eff.value is not None:
                assert interval_months(eff.value), f"{profile}: {name} = {eff.value}"


def test_periods_of_each_cadence() -> None:
    assert [p.label for p in periods("每季度", 2026)] == ["2026年第一季度", "2026年第二季度", "2026年第三季度",
                                                           "2026年第四季度"]
    assert len(periods("每月", 2026)) == 12 and periods(None, 2026) == []
    (q4,) = periods("第四季度", 2026)  # once a year, due at the end of the fourth quarter
    assert (q4.start, q4.end, q4.due) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2026, 12, 31))
    (first_half,) = periods("上半年", 2026)
    assert first_half.due == dt.date(2026, 6, 30) and first_half.end == dt.date(2026, 12, 31)
    with pytest.raises(ValueError, match="无法识别的周期"):
        periods("每两年", 2026)


def _branch(founded, ends=None, dissolved=None, files=("B1/meetings/2025.yaml",), members=()):
    info = SimpleNamespace(founded=founded, ends=ends, dissolved=dissolved, records_from=None)
    return SimpleNamespace(info=info, files=list(files), members=list(members), directory="B1", meetings=[],
                           trainings=[], talks=[], dues={}, activities={})


def _ctx(as_of, records_from=None):
    return SimpleNamespace(as_of=as_of, repo=SimpleNamespace(config=SimpleNamespace(records_from=records_from)))


@pytest.mark.parametrize(("branch", "ctx", "labels"), [
    # the running quarter is not judged; records start with the first year file
    (_branch(dt.date(2015, 3, 1)), _ctx(dt.date(2025, 10, 31)), ["2025年第一季度", "2025年第二季度", "2025年第三季度"]),
    # founded mid-quarter: that quarter is not judged
    (_branch(dt.date(2025, 5, 15)), _ctx(dt.date(2025, 12, 31)), ["2025年第三季度"]),
    # dissolved or ended mid-quarter: that quarter is not judged
    (_branch(dt.date(2015, 3, 1), dissolved=dt.date(2025, 8, 15)), _ctx(dt.date(2026, 3, 1)),
     ["2025年第一季度", "2025年第二季度"]),
    (_branch(dt.date(2015, 3, 1), ends=dt.date(2025, 6, 30)), _ctx(dt.date(2026, 3, 1)),
     ["2025年第一季度", "2025年第二季度"]),
    # 记录起始 wins over the year files; no year file and no 记录起始: not judged at all
    (_branch(dt.date(2015, 3, 1)), _ctx(dt.date(2025, 10, 31), dt.date(2025, 4, 1)), ["2025年第二季度", "2025年第三季度"]),
    (_branch(dt.date(2015, 3, 1), files=()), _ctx(dt.date(2025, 10, 31)), []),
])
def test_judged_periods(branch, ctx, labels) -> None:
    assert [p.label for p in judged(branch, ctx, "每季度")] == labels


def test_member_share_counts_the_days_in_the_branch() -> None:
    from dangjian.model import Member, Transfer

    joined = Member(joined=dt.date(2000, 1, 1), transfers=[Transfer(kind="转入", date=dt.date(2025, 7, 1))])
    (year,) = periods("每年", 2025)
    share = member_share(joined, _branch(dt.date(2015, 3, 1), members=[joined]), _ctx(dt.date(2026, 1, 5)), year)
    assert share == pytest.approx(184 / 365)


def test_rules_conflicts_command(cli) -> None:
    result = cli("rules", "--conflicts")
    assert result.exit_code == 0
    assert "党员年度学时" in result.output and "24（XZ-3.2）" in result.output and "32（JG-20）" in result.output
    doc = json.loads(cli("rules", "--conflicts", "--json").output)
    assert {(c["profile"], c["param"]) for c in doc if c["profile"]} == {("xz", "党员年度学时")}
    from dangjian.params import SEED_NATIONAL

    listed = [c["param"] for c in doc if c["profile"] is None]
    assert listed == [row[0] for row in SEED_NATIONAL] and "党费基数年度" in listed  # 000 第八条 vs DF-10
    assert "党费基数年度" in result.output


def test_config_show_says_where_each_value_comes_from(cli, tmp_path) -> None:
    root = make_repo(tmp_path, {"dangjian.yaml": "组织名称: 测试\n规则集: wuhua\n参数:\n  党员年度学时: 20\n  换届提醒月数: 3\n"})
    out = cli("config", "show", root).output
    assert "规则集：wuhua" in out
    assert "规则集 wuhua（WH-2.3）" in out  # 党课周期 每半年
    assert "dangjian.yaml 参数" in out  # 换届提醒月数
    assert "党员年度学时：dangjian.yaml 参数定为 20，宽于全国性规定（JG-20）的 32，按全国性规定检查" in out
    doc = json.loads(cli("config", "show", root, "--json").output)
    hours = next(p for p in doc["parameters"] if p["name"] == "党员年度学时")
    assert hours["value"] == 32 and hours["conflict"]


def test_every_parameter_has_a_direction_and_a_well_formed_value_in_every_profile() -> None:
    from dangjian.profiles import bound_of, value_problem

    for name in NATIONAL:
        assert bound_of(name) in ("min", "max", "cadence", "fixed", "free"), name
    for profile in SHIPPED:
        for name, eff in resolve(profile).items():
            assert value_problem(name, eff.value) is None, f"{profile}: {name} = {eff.value}"


@pytest.mark.parametrize(("name", "value"), [
    ("连续未交月数", 12), ("书记最少党龄年数", 0), ("任期最短年限", 1), ("任期最长年限", 8), ("延长预备期最短月数", 1),
    ("预备期月数", 18), ("入党介绍人人数", 1), ("大额党费", "2000"), ("补交最多月数", 12),
])
def test_a_loosening_in_dangjian_yaml_keeps_the_national_value(name, value) -> None:
    params = resolve("national", {name: value})
    assert params[name].value == NATIONAL[name].value and params[name].conflict
    assert [c.name for c in conflicts("national", {name: value})] == [name]


@pytest.mark.parametrize(("name", "value"), [
    ("党费公布周期", "两年"), ("连续未交月数", "六"), ("在职党费比例", [["3000", "0.5%"]]), ("农民党费范围", ["1", "0.2"]),
    ("书记述职对象", ["街道"]), ("社区班子人数（人口少）", [7, 5]),
])
def test_a_malformed_value_is_reported_and_not_applied(name, value) -> None:
    from dangjian.profiles import value_problem

    assert value_problem(name, value)
    assert resolve("national", {name: value})[name].value == NATIONAL[name].value


def test_a_provincial_rate_table_is_accepted() -> None:
    table = [["3500", "0.5%"], ["5000", "1%"], ["10000", "1.5%"], [None, "2%"]]
    assert resolve("national", {"在职党费比例": table})["在职党费比例"].value == table


def test_seed_figures_are_not_labelled_national() -> None:
    params = resolve("national")
    for name in ("党总支最少党员", "党委最少党员", "换届提醒月数", "党费公布周期", "党费核定周期", "组织关系衔接天数",
                 "年度计划制定月数", "党费基数扣除项目"):
        assert not params[name].source.startswith("全国性规定"), name


LONGER = {"每月": "每季度", "每季度": "每半年", "每半年": "每年"}  # a cadence that asks less


def _loosened(name: str, national: object) -> object:
    """A value shaped like the national one that asks less than it; None (不检查) where no such
    value exists (a yearly cadence, a floor of 0)."""
    from decimal import Decimal, InvalidOperation

    from dangjian.params import CHOICES, ORDERED
    from dangjian.profiles import bound_of

    bound = bound_of(name)
    if isinstance(national, bool):
        return False
    if name in ORDERED:
        order = ORDERED[name]
        return order[order.index(national) - 1] if order.index(national) else None
    if isinstance(national, int | float):
        return national - 1 if bound == "min" and national >= 1 else None if bound == "min" else national + 1
    if isinstance(national, list):
        if bound == "min":
            return national[:-1] or None
        return [str(Decimal(str(national[0])) / 2), *national[1:]] if national and national[0] else None
    if isinstance(national, str):
        if bound == "cadence":
            return LONGER.get(national)
        if name in CHOICES:
            return next(c for c in CHOICES[name] if c != national)
        try:
            money = Decimal(national)
        except InvalidOperation:
            return None
        return str(money - 1 if bound == "min" else money + 1)
    return None




def test_every_national_parameter_refuses_a_loosening_in_dangjian_yaml(tmp_path) -> None:
    """Issue 12's last floor: each of the national parameters that has a direction, loosened in
    dangjian.yaml (by a value of its own shape, or set to null = 不检查), gives a finding at its
    own line of dangjian.yaml, and the national value still applies."""
    import shutil

    from conftest import AS_OF, BASE
    from dangjian.engine import run
    from dangjian.loader import load_repository
    from dangjian.profiles import bound_of, value_problem

    names = [n for n, p in NATIONAL.items() if p.value is not None and bound_of(n) != "free"]
    assert len(names) >= 40
    values = {n: _loosened(n, NATIONAL[n].value) for n in names}
    for name, value in values.items():
        kept = resolve("national", {name: value})[name]
        assert kept.value == NATIONAL[name].value and (kept.conflict or value_problem(name, value)), (name, value)
        if value is not None:  # a value of the parameter's own shape: refused as looser, not as malformed
            assert value_problem(name, value) is None and looser(name, value, NATIONAL[name].value), (name, value)
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    config = root / "dangjian.yaml"
    text = config.read_text(encoding="utf-8") + "参数:\n"
    lines = {}
    for name, value in values.items():
        text += f"  {name}: {json.dumps(value, ensure_ascii=False)}\n"
        lines[name] = text.count("\n")
    config.write_text(text, encoding="utf-8")
    found = {(f.loc.line, f.rule) for f in run(load_repository(root), AS_OF) if f.loc.path == "dangjian.yaml"}
    assert {line for line, rule in found if rule in ("param-looser", "param-value")} == set(lines.values())
