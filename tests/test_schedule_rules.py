"""Plan against practice: plan-missing, plan-not-held, theme-day-off-schedule and the file rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from dangjian.cli import app
from dangjian.engine import run
from dangjian.loader import load_repository

D = dt.date
OURS = {"plan-missing", "plan-not-held", "theme-day-off-schedule", "theme-day-rule-invalid", "plan-file-invalid",
        "holiday-file-invalid"}
BRANCH = """编号: {id}
名称: 中共虚构街道{id}社区支部委员会
类型: 党支部
领域: 社区
成立日期: {founded}
委员会:
  选举日期: 2024-01-10
  任期年限: 5
  委员:
    - {{党员: {id}-001, 职务: 书记}}
"""
MEMBERS = """党员:
  - {{编号: {id}-001, 姓名: 虚构一, 性别: 男, 出生日期: 1970-01-01, 入党日期: 2000-07-01, 转正日期: 2001-07-01,
     状态: 正式党员, 党费类别: 在职}}
"""
PLAN_Q = """年度: 2026
党组织: {id}
计划:
  - 类型: 支部党员大会
    时段: 2026年第一季度
    日期: 2026-03-31
  - 类型: 支部党员大会
    时段: 2026年第二季度
    日期: 2026-06-30
  - 类型: 主题党日
    时段: 2026年3月
    日期: 2026-03-13
    固定日: 2026-03-10
    说明: 3月10日街道统一组织活动，经支委会研究改在13日
"""


def make(tmp_path: Path, files: dict[str, str], branches: dict[str, str] | None = None) -> Path:
    root = tmp_path / "repo"
    all_files = {"dangjian.yaml": "组织名称: 中共虚构街道工作委员会\n规则集: xz\n"}
    for bid, founded in (branches or {"A1": "2015-03-01"}).items():
        all_files[f"{bid}/branch.yaml"] = BRANCH.format(id=bid, founded=founded)
        all_files[f"{bid}/members.yaml"] = MEMBERS.format(id=bid)
    all_files.update(files)
    for rel, text in all_files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def findings(root: Path, as_of: dt.date) -> list[tuple[str, str, int]]:
    return [(f.rule, f.loc.path, f.loc.line) for f in run(load_repository(root), as_of, select=OURS)]


def meetings(*rows: str) -> str:
    return "会议:\n" + "".join(rows)


def meeting(day: str, kinds: str, reason: str = "") -> str:
    text = f"  - 日期: {day}\n    类型: [{kinds}]\n    主题: 虚构的主题\n"
    return text + (f"    调整原因: {reason}\n" if reason else "")


def test_plan_not_held_only_after_the_period_has_ended(tmp_path: Path) -> None:
    root = make(tmp_path, {"A1/plan/2026.yaml": PLAN_Q.format(id="A1"),
                           "A1/meetings/2026.yaml": meetings(meeting("2026-03-13", "主题党日"))})
    assert findings(root, D(2026, 3, 31)) == []  # the quarter's last day has not ended yet
    assert findings(root, D(2026, 4, 1)) == [("plan-not-held", "A1/plan/2026.yaml", 6)]
    assert findings(root, D(2026, 7, 1)) == [("plan-not-held", "A1/plan/2026.yaml", 6),
                                             ("plan-not-held", "A1/plan/2026.yaml", 9)]


def test_plan_not_held_is_satisfied_by_a_meeting_in_the_period(tmp_path: Path) -> None:
    root = make(tmp_path, {"A1/plan/2026.yaml": PLAN_Q.format(id="A1"), "A1/meetings/2026.yaml": meetings(
        meeting("2026-02-03", "支部党员大会"), meeting("2026-03-13", "主题党日"), meeting("2026-04-08", "支部党员大会"))})
    assert findings(root, D(2026, 7, 1)) == []


def test_nothing_is_judged_before_the_branch_was_founded(tmp_path: Path) -> None:
    root = make(tmp_path, {"B2/plan/2026.yaml": PLAN_Q.format(id="B2")},
                branches={"B2": "2026-05-01"})
    assert findings(root, D(2026, 7, 1)) == [("plan-not-held", "B2/plan/2026.yaml", 9)]  # Q2 only


def test_theme_day_follows_the_plan_file_when_there_is_one(tmp_path: Path) -> None:
    plan = {"A1/plan/2026.yaml": PLAN_Q.format(id="A1")}
    on_plan = make(tmp_path / "a", {**plan, "A1/meetings/2026.yaml": meetings(
        meeting("2026-03-13", "主题党日"), meeting("2026-03-20", "支部党员大会"))})
    assert findings(on_plan, D(2026, 4, 1)) == []
    on_fixed_day = make(tmp_path / "b", {**plan, "A1/meetings/2026.yaml": meetings(
        meeting("2026-03-10", "主题党日"), meeting("2026-03-20", "支部党员大会"))})
    # held in the month, so the plan item counts as held; but not on the day the plan set
    assert findings(on_fixed_day, D(2026, 4, 1)) == [("theme-day-off-schedule", "A1/meetings/2026.yaml", 2)]


def test_theme_day_without_plan_uses_the_fixed_day_and_holiday_policy(tmp_path: Path) -> None:
    root = make(tmp_path, {"A1/meetings/2026.yaml": meetings(
        meeting("2026-01-12", "主题党日"),  # 1-10 Saturday → 1-12
        meeting("2026-02-11", "主题党日"),  # off by a day
        meeting("2026-03-12", "主题党日", "3月10日全体党员参加街道统一培训"),  # explained
        meeting("2026-10-12", "主题党日"),  # 10-10 is a make-up working Saturday: the day was 10-10
        meeting("2026-11-12", "主题党日"))})  # November has not ended
    result = findings(root, D(2026, 11, 20))
    assert result == [("theme-day-off-schedule", "A1/meetings/2026.yaml", 5),
                      ("theme-day-off-schedule", "A1/meetings/2026.yaml", 12)]
    messages = [f.message for f in run(load_repository(root), D(2026, 11, 20), select={"theme-day-off-schedule"})]
    assert "本月应在2026-10-10（每月10日）" in messages[1] and "调整原因" in messages[1]


def test_theme_day_in_an_unknown_year_is_not_guessed(tmp_path: Path) -> None:
    root = make(tmp_path, {"A1/meetings/2027.yaml": meetings(meeting("2027-02-11", "主题党日"))})
    assert findings(root, D(2027, 6, 1)) == []


def test_plan_missing_only_when_the_repository_uses_plans(tmp_path: Path) -> None:
    without = make(tmp_path / "a", {}, branches={"A1": "2015-03-01", "A2": "2015-03-01"})
    assert findings(without, D(2026, 11, 1)) == []
    with_plans = make(tmp_path / "b", {"A1/plan/2026.yaml": "年度: 2026\n党组织: A1\n计划: []\n"},
                      branches={"A1": "2015-03-01", "A2": "2015-03-01", "A3": "2026-03-01"})
    assert findings(with_plans, D(2026, 1, 31)) == []  # 年初: January has not ended
    assert findings(with_plans, D(2026, 2, 1)) == [("plan-missing", "A2/branch.yaml", 1)]  # A3 founded later


def test_written_plan_is_clean_and_plan_missing_goes_away(tmp_path: Path) -> None:
    root = make(tmp_path, {"A1/plan/2025.yaml": "年度: 2025\n党组织: A1\n计划: []\n"})
    assert findings(root, D(2026, 2, 2)) == [("plan-missing", "A1/branch.yaml", 1)]
    result = CliRunner().invoke(app, ["schedule", str(root), "--year", "2026", "--write"])
    assert result.exit_code == 0, result.output
    assert findings(root, D(2026, 1, 2)) == []


def test_bad_files_are_findings(tmp_path: Path) -> None:
    root = make(tmp_path, {
        "A1/plan/2026.yaml": "年度: 2025\n党组织: A9\n计划:\n  - {类型: 党课, 时段: 2026年第五季度, 日期: 2026-12-31}\n"
                             "  - {类型: 茶话会, 时段: 2026年1月, 日期: 2026-01-31}\n",
        "holidays/2027.yaml": "年度: 2027\n依据: 虚构\n放假:\n  - {名称: 春节, 开始: 2026-02-05, 结束: 2027-02-11}\n",
        "holidays/notes.yaml": "说明: 不是年份文件\n"})
    result = findings(root, D(2026, 2, 1))
    assert ("plan-file-invalid", "A1/plan/2026.yaml", 1) in result  # year differs from the file name
    assert ("plan-file-invalid", "A1/plan/2026.yaml", 2) in result  # another branch's id
    assert ("plan-file-invalid", "A1/plan/2026.yaml", 4) in result  # 第五季度
    assert ("plan-file-invalid", "A1/plan/2026.yaml", 5) in result  # unknown kind
    assert ("holiday-file-invalid", "holidays/2027.yaml", 4) in result
    assert ("holiday-file-invalid", "holidays/notes.yaml", 1) in result


def test_bad_theme_day_text_is_a_finding(tmp_path: Path) -> None:
    root = make(tmp_path, {"A1/branch.yaml": BRANCH.format(id="A1", founded="2015-03-01") + "主题党日: 每月上旬\n"})
    assert findings(root, D(2026, 2, 1)) == [("theme-day-rule-invalid", "A1/branch.yaml", 11)]


def test_plan_and_holiday_files_are_read_through_the_source(tmp_path: Path) -> None:
    import subprocess

    from dangjian.sources import GitTree

    root = make(tmp_path, {"A1/plan/2026.yaml": PLAN_Q.format(id="A1"),
                           "A1/meetings/2026.yaml": meetings(meeting("2026-03-13", "主题党日")),
                           "holidays/2027.yaml": "年度: 2027\n依据: 虚构\n调休上班:\n  - {名称: 春节, 日期: 2027-02-17}\n"})
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    (root / "A1/plan/2026.yaml").write_text("年度: 2026\n党组织: A1\n计划: []\n", encoding="utf-8")
    (root / "holidays/2027.yaml").write_text("年度: 2027\n依据: 虚构\n", encoding="utf-8")
    staged = run(load_repository(root, GitTree(root)), D(2026, 4, 1), select=OURS)
    assert [(f.rule, f.loc.line) for f in staged] == [("plan-not-held", 6), ("holiday-file-invalid", 4)]
    # the work tree has neither problem, and its empty plan no longer moves March's 主题党日 to the 13th
    assert findings(root, D(2026, 4, 1)) == [("theme-day-off-schedule", "A1/meetings/2026.yaml", 2)]
