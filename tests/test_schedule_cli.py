"""`dangjian schedule` end to end on small repositories written inline (all data fictional)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dangjian.cli import app

FIXTURE_2027 = Path(__file__).parent / "fixtures" / "schedule" / "holidays-2027.yaml"

CONFIG = "组织名称: 中共虚构街道工作委员会\n规则集: {profile}\n"
COMMUNITY = """编号: SQ01
名称: 中共虚构街道和平社区支部委员会
简称: 和平社区党支部
类型: 党支部
领域: 社区
成立日期: 2015-03-01
地址: 虚构市和平路1号
委员会:
  届次: 第二届
  选举日期: 2021-06-30
  任期年限: 5
  委员:
    - {党员: SQ01-001, 职务: 书记}
    - {党员: SQ01-002, 职务: 组织委员}
    - {党员: SQ01-003, 职务: 宣传委员}
党小组:
  - {名称: 第一党小组, 组长: SQ01-002}
  - {名称: 第二党小组, 组长: SQ01-003}
"""
MEMBERS = """党员:
  - {编号: SQ01-001, 姓名: 林晓东, 性别: 男, 出生日期: 1970-03-02, 入党日期: 2001-07-01, 转正日期: 2002-07-01,
     状态: 正式党员, 党费类别: 在职, 党小组: 第一党小组}
  - {编号: SQ01-002, 姓名: 何静, 性别: 女, 出生日期: 1982-05-06, 入党日期: 2006-03-15, 转正日期: 2007-03-15,
     状态: 正式党员, 党费类别: 在职, 党小组: 第一党小组}
  - {编号: SQ01-003, 姓名: 郑海, 性别: 男, 出生日期: 1979-09-09, 入党日期: 2010-07-20, 转正日期: 2011-07-20,
     状态: 正式党员, 党费类别: 在职, 党小组: 第二党小组}
  - {编号: SQ01-004, 姓名: 吴小燕, 性别: 女, 出生日期: 1998-01-01, 入党日期: 2025-09-01,
     状态: 预备党员, 党费类别: 在职, 党小组: 第二党小组}
"""
OFFICE = """编号: JG01
名称: 中共虚构街道机关支部委员会
类型: 党支部
领域: 机关
成立日期: 2026-05-01
委员会:
  选举日期: 2026-05-01
  任期年限: 3
  委员:
    - {党员: JG01-001, 职务: 书记}
"""
OFFICE_MEMBERS = """党员:
  - {编号: JG01-001, 姓名: 马群, 性别: 男, 出生日期: 1975-02-02, 入党日期: 2000-06-01, 转正日期: 2001-06-01,
     状态: 正式党员, 党费类别: 在职}
"""
GENERAL = """编号: ZZ01
名称: 中共虚构镇东片社区总支部委员会
类型: 党总支
领域: 村
成立日期: 2023-07-01
值班安排:
  - {星期: 周一, 值班人员: [SQ01-001, SQ01-002]}
  - {星期: 周二, 值班人员: [SQ01-001]}
  - {星期: 周六, 值班人员: [SQ01-003]}
"""


def make(tmp_path: Path, profile: str = "xz", extra: dict[str, str] | None = None) -> Path:
    files = {"dangjian.yaml": CONFIG.format(profile=profile), "SQ01/branch.yaml": COMMUNITY,
             "SQ01/members.yaml": MEMBERS, "JG01/branch.yaml": OFFICE, "JG01/members.yaml": OFFICE_MEMBERS,
             "ZZ01/branch.yaml": GENERAL, **(extra or {})}
    root = tmp_path / "repo"
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def run(*args):
    return CliRunner().invoke(app, ["schedule", *map(str, args)], catch_exceptions=False)


def entries(root: Path, *args) -> list[dict]:
    result = run(root, "--year", 2026, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["entries"]


def by_kind(found: list[dict], branch: str, kind: str) -> list[dict]:
    return [e for e in found if e["branch"] == branch and e["kind"] == kind]


def test_json_has_stable_fields_and_iso_dates(tmp_path: Path) -> None:
    result = run(make(tmp_path), "--all", "--year", 2026, "--format", "json")
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["year"] == 2026 and data["provisional"] is False
    assert "和平社区" in result.stdout  # ensure_ascii=False
    for entry in data["entries"]:
        assert set(entry) == {"branch", "branch_name", "kind", "title", "period", "date", "fixed_date", "reason",
                              "provisional", "group", "members", "uid"}
        dt.date.fromisoformat(entry["date"])


def test_community_theme_days_default_to_the_tenth_with_reasons(tmp_path: Path) -> None:
    days = by_kind(entries(make(tmp_path), "--branch", "SQ01"), "SQ01", "theme-day")
    assert [d["date"][5:] for d in days] == ["01-12", "02-10", "03-10", "04-10", "05-11", "06-10", "07-10", "08-10",
                                             "09-10", "10-10", "11-10", "12-10"]
    assert "顺延至1月12日" in days[0]["reason"] and days[0]["fixed_date"] == "2026-01-10"
    assert days[1]["reason"] == "" and "照常举行" in days[9]["reason"]


def test_branch_policy_key_overrides_the_profile(tmp_path: Path) -> None:
    root = make(tmp_path, extra={"SQ01/branch.yaml": COMMUNITY + "节假日安排: 顺延至周一至周五\n"})
    days = by_kind(entries(root, "--branch", "SQ01"), "SQ01", "theme-day")
    assert days[9]["date"] == "2026-10-12"


def test_office_first_friday_only_after_founding(tmp_path: Path) -> None:
    found = entries(make(tmp_path), "--branch", "JG01")
    days = by_kind(found, "JG01", "theme-day")
    assert [d["date"] for d in days][:2] == ["2026-05-06", "2026-06-05"]  # 5-1 劳动节 → 5-6
    assert all(e["date"] >= "2026-05-01" for e in found)
    assert not by_kind(found, "JG01", "committee-meeting")  # only a secretary, no committee of 3


def test_yearly_plan_items_for_xz(tmp_path: Path) -> None:
    found = entries(make(tmp_path), "--branch", "SQ01")
    count = {k: len(by_kind(found, "SQ01", k)) for k in (
        "committee-meeting", "general-meeting", "group-meeting", "party-lecture", "life-meeting", "appraisal",
        "secretary-report", "dues-assessment", "dues-publication")}
    assert count == {"committee-meeting": 12, "general-meeting": 4, "group-meeting": 24, "party-lecture": 4,
                     "life-meeting": 1, "appraisal": 1, "secretary-report": 1, "dues-assessment": 1,
                     "dues-publication": 1}
    q1 = by_kind(found, "SQ01", "general-meeting")[0]
    assert (q1["period"], q1["date"]) == ("2026-Q1", "2026-03-31")
    february = next(e for e in by_kind(found, "SQ01", "committee-meeting") if e["period"] == "2026-02")
    assert february["date"] == "2026-02-28"  # the 春节 make-up Saturday is the month's last working day
    assert by_kind(found, "SQ01", "dues-assessment")[0]["date"] == "2026-01-30"


def test_wuhua_lectures_and_life_meetings_are_half_yearly(tmp_path: Path) -> None:
    found = entries(make(tmp_path, profile="wuhua"), "--branch", "SQ01")
    assert [e["period"] for e in by_kind(found, "SQ01", "party-lecture")] == ["2026-H1", "2026-H2"]
    assert [e["period"] for e in by_kind(found, "SQ01", "life-meeting")] == ["2026-H1", "2026-H2"]
    assert [e["period"] for e in by_kind(found, "SQ01", "dues-publication")] == ["2025-H2", "2026-H1"]


def test_people_items(tmp_path: Path) -> None:
    found = entries(make(tmp_path), "--branch", "SQ01")
    births = by_kind(found, "SQ01", "political-birthday")
    assert [(b["period"], b["date"], b["members"]) for b in births] == [
        ("2026-03", "2026-03-10", ["SQ01-002"]), ("2026-07", "2026-07-10", ["SQ01-001", "SQ01-003"]),
        ("2026-09", "2026-09-10", ["SQ01-004"])]
    assert "林晓东（2001年入党，25周年）" in births[1]["reason"]
    probation = by_kind(found, "SQ01", "probation-due")
    assert [(p["date"], p["members"]) for p in probation] == [("2026-09-01", ["SQ01-004"])]
    election = by_kind(found, "SQ01", "election-due")
    assert [e["date"] for e in election] == ["2026-06-30"] and "任期5年" in election[0]["reason"]


def test_duty_rota(tmp_path: Path) -> None:
    duty = by_kind(entries(make(tmp_path), "--branch", "ZZ01"), "ZZ01", "duty")
    days = {e["date"]: e["reason"] for e in duty}
    assert days["2026-01-05"] == "集中办公：林晓东、何静"
    assert days["2026-01-10"] == "轮流值班：郑海"  # an ordinary Saturday
    assert "2026-01-03" not in days and "2026-10-03" not in days  # Saturdays inside a break
    assert "2026-01-07" not in days  # Wednesday: nobody on the rota
    # 52 Mondays, Tuesdays and Saturdays each, less those inside a break: Mondays 2-16, 2-23, 4-6, 5-4,
    # 10-5; Tuesdays 2-17, 5-5, 10-6; Saturdays 1-3, 2-21, 4-4, 5-2, 6-20, 9-26, 10-3
    assert len(duty) == 3 * 52 - 5 - 3 - 7
    assert not by_kind(entries(make(tmp_path), "--branch", "ZZ01"), "ZZ01", "theme-day")  # no members of its own


def test_2027_without_arrangement_stops_with_exit_2(tmp_path: Path) -> None:
    result = run(make(tmp_path), "--all", "--year", 2027)
    assert result.exit_code == 2
    assert "2027 年的节假日安排尚未收录" in result.stderr and "holidays/2027.yaml" in result.stderr
    assert result.stdout == ""


def test_2027_with_an_override_file(tmp_path: Path) -> None:
    root = make(tmp_path)
    (root / "holidays").mkdir()
    shutil.copyfile(FIXTURE_2027, root / "holidays" / "2027.yaml")
    result = run(root, "--branch", "SQ01", "--year", 2027, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    days = [e for e in data["entries"] if e["kind"] == "theme-day"]
    assert days[1]["date"] == "2027-02-12" and "春节假期" in days[1]["reason"]  # 2-10 inside the break
    assert days[0]["date"] == "2027-01-11"  # 1-10 is a Sunday
    assert not data["provisional"] and result.stderr == ""


def test_2027_provisional_marks_every_date(tmp_path: Path) -> None:
    result = run(make(tmp_path), "--all", "--year", 2027, "--format", "json", "--provisional")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["provisional"] and all(e["provisional"] for e in data["entries"])
    assert "待国务院公布放假安排后复核" in result.stderr and "警告" in result.stderr
    assert data["warnings"]
    table = run(make(tmp_path / "t"), "--all", "--year", 2027, "--provisional")
    assert "待国务院公布放假安排后复核" in table.stdout


def test_bad_holiday_file_exits_2_with_file_and_line(tmp_path: Path) -> None:
    root = make(tmp_path, extra={"holidays/2027.yaml": "年度: 2027\n依据: 虚构\n调休上班:\n  - {名称: 春节, 日期: 2027-02-17}\n"})
    result = run(root, "--all", "--year", 2027)
    assert result.exit_code == 2 and "holidays/2027.yaml 第4行" in result.stderr


def test_table_and_markdown(tmp_path: Path) -> None:
    root = make(tmp_path)
    table = run(root, "--branch", "SQ01", "--year", 2026)
    assert table.exit_code == 0 and "和平社区党支部（SQ01）2026年主题党日和三会一课计划" in table.stdout
    assert "2026-01-12  星期一" in table.stdout
    md = run(root, "--branch", "SQ01", "--year", 2026, "--format", "md")
    assert md.stdout.startswith("# 2026年") and "| 2026-01-12 | 星期一 | 主题党日 |" in md.stdout


def test_ics_parses_has_shanghai_times_alarms_and_stable_uids(tmp_path: Path) -> None:
    from icalendar import Calendar

    root = make(tmp_path)
    out = tmp_path / "plan.ics"
    assert run(root, "--all", "--year", 2026, "-o", out).exit_code == 0
    first = Calendar.from_ical(out.read_bytes())
    assert first.walk("VTIMEZONE")[0]["TZID"] == "Asia/Shanghai"
    events = first.walk("VEVENT")
    assert len(events) == len(entries(root, "--all"))
    for event in events:
        start = event.decoded("DTSTART")
        assert isinstance(start, dt.datetime) and start.tzinfo is not None
        assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
        assert event.walk("VALARM")[0].decoded("TRIGGER") == dt.timedelta(days=-1)
    theme = next(e for e in events if e["UID"] == "SQ01-theme-day-2026-01@dangjian")
    assert theme.decoded("DTSTART") == dt.datetime(2026, 1, 12, 9, 0, tzinfo=start.tzinfo)
    assert "DTSTART;TZID=Asia/Shanghai:20260112T090000" in out.read_text(encoding="utf-8")
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    again = run(root, "--all", "--year", 2026, "--format", "ics")
    assert [str(e["UID"]) for e in Calendar.from_ical(again.stdout_bytes).walk("VEVENT")] == uids


def test_revised_plan_keeps_uids_of_moved_events(tmp_path: Path) -> None:
    root = make(tmp_path)
    before = {(e["kind"], e["period"]): (e["uid"], e["date"]) for e in entries(root, "--branch", "SQ01")}
    (root / "SQ01" / "branch.yaml").write_text(COMMUNITY + "主题党日: 每月最后一个周五\n", encoding="utf-8")
    after = {(e["kind"], e["period"]): (e["uid"], e["date"]) for e in entries(root, "--branch", "SQ01")}
    assert after[("theme-day", "2026-03")][0] == before[("theme-day", "2026-03")][0]
    assert after[("theme-day", "2026-03")][1] != before[("theme-day", "2026-03")][1]


def test_write_stores_plan_files_and_reads_back(tmp_path: Path) -> None:
    from dangjian.loader import load_repository
    from dangjian.profiles import resolve
    from dangjian.schedule import plan as planning
    from dangjian.schedule import planfile
    from dangjian.schedule.holidays import HolidayCalendar

    root = make(tmp_path)
    result = run(root, "--all", "--year", 2026, "--write", "--date", "2026-01-02")
    assert result.exit_code == 0 and "已写入" in result.stdout
    text = (root / "SQ01" / "plan" / "2026.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 中共虚构街道和平社区支部委员会 2026年“三会一课”年度计划")
    assert "值班" not in text.split("\n", 4)[-1]
    repo = load_repository(root)
    branch = repo.branch("SQ01")
    built = planning.build(branch, 2026, HolidayCalendar(root), resolve("xz"), planning.member_names(repo.branches))
    read, problems = planfile.read(text.encode("utf-8"), "SQ01/plan/2026.yaml", 2026, "SQ01")
    assert problems == []
    assert [entry for entry, _ in read.entries] == [e for e in built.entries if e.kind != "duty"]
    again = run(root, "--all", "--year", 2026, "--write")
    assert again.exit_code == 1 and "已存在" in again.stderr
    assert run(root, "--all", "--year", 2026, "--write", "--force").exit_code == 0


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    root = make(tmp_path)
    assert run(root, "--branch", "XX", "--year", 2026).exit_code == 2
    assert run(root, "--branch", "SQ01", "--all").exit_code == 2
    assert run(root, "--format", "pdf").exit_code == 2
    assert run(tmp_path / "nowhere").exit_code == 2


def test_path_inside_a_branch_selects_it(tmp_path: Path) -> None:
    root = make(tmp_path)
    data = json.loads(run(root / "SQ01", "--year", 2026, "-f", "json").stdout)
    assert {e["branch"] for e in data["entries"]} == {"SQ01"}


def test_bad_theme_day_text_is_reported_and_exits_1(tmp_path: Path) -> None:
    root = make(tmp_path, extra={"SQ01/branch.yaml": COMMUNITY + "主题党日: 每月初\n"})
    result = run(root, "--all", "--year", 2026)
    assert result.exit_code == 1 and "SQ01/branch.yaml 第19行" in result.stderr
    assert "JG01" in result.stdout  # the other branches are still planned


@pytest.mark.parametrize("fmt", ["table", "md", "json", "ics"])
def test_output_file_is_written(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run(make(tmp_path), "--all", "--year", 2026, "--format", fmt, "-o", out)
    assert result.exit_code == 0 and out.stat().st_size > 0 and result.stdout == ""


def test_bad_default_rule_from_parameters_names_its_origin(tmp_path: Path) -> None:
    config = CONFIG.format(profile="xz") + "参数:\n  主题党日固定日: {社区: 每月初}\n"
    result = run(make(tmp_path, extra={"dangjian.yaml": config}), "--branch", "SQ01", "--year", 2026)
    assert result.exit_code == 1 and "规则集参数“主题党日固定日”中社区的默认值" in result.stderr


def test_provisional_plan_keeps_off_the_fixed_statutory_days(tmp_path: Path) -> None:
    """2027-01-01 is a Friday: a provisional plan must not put 每月第一个周五 on 元旦 (nor 10-1)."""
    first_friday = COMMUNITY.replace("地址:", "主题党日: 每月第一个周五\n地址:")
    result = run(make(tmp_path, extra={"SQ01/branch.yaml": first_friday}), "--branch", "SQ01", "--year", 2027,
                 "--format", "json", "--provisional")
    assert result.exit_code == 0, result.output
    days = [e["date"] for e in json.loads(result.stdout)["entries"] if e["kind"] == "theme-day"]
    assert days[0] != "2027-01-01" and days[0].startswith("2027-01")
    assert not {"2027-01-01", "2027-05-01", "2027-10-01"} & set(days)


def test_a_plan_written_late_in_the_year_leaves_out_the_periods_already_over(tmp_path: Path) -> None:
    root = make(tmp_path)
    result = run(root, "--branch", "SQ01", "--year", 2026, "--write", "--date", "2026-12-07")
    assert result.exit_code == 0 and "在今天以前已结束，未列入" in result.stdout
    text = (root / "SQ01" / "plan" / "2026.yaml").read_text(encoding="utf-8")
    assert "制定日期（2026-12-07）以前已经结束的时段不列入本计划" in text
    assert "时段: 2026年11月" not in text and "时段: 2026年12月" in text
    assert "第三季度" not in text
