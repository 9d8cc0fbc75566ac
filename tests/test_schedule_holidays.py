"""The holiday calendar: packaged 2026 data, unknown years, and holidays/<year>.yaml files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dangjian.schedule.holidayfile import HolidayFileError, check_holiday_file
from dangjian.schedule.holidays import HolidayCalendar, UnknownYear

D = dt.date
FIXTURE_2027 = Path(__file__).parent / "fixtures" / "schedule" / "holidays-2027.yaml"


def span(start: dt.date, end: dt.date) -> set[dt.date]:
    return {start + dt.timedelta(days=n) for n in range((end - start).days + 1)}


def test_2026_matches_the_notice() -> None:
    data = HolidayCalendar().year(2026)
    off = (span(D(2026, 1, 1), D(2026, 1, 3)) | span(D(2026, 2, 15), D(2026, 2, 23))
           | span(D(2026, 4, 4), D(2026, 4, 6)) | span(D(2026, 5, 1), D(2026, 5, 5))
           | span(D(2026, 6, 19), D(2026, 6, 21)) | span(D(2026, 9, 25), D(2026, 9, 27))
           | span(D(2026, 10, 1), D(2026, 10, 7)))
    assert set(data.off) == off
    assert set(data.makeup) == {D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20),
                                D(2026, 10, 10)}
    assert data.off[D(2026, 2, 18)] == "春节" and data.makeup[D(2026, 10, 10)] == "国庆节"
    assert not data.provisional


@pytest.mark.parametrize(("day", "works"), [
    (D(2026, 1, 2), False), (D(2026, 1, 4), True), (D(2026, 1, 5), True), (D(2026, 1, 10), False),
    (D(2026, 2, 14), True), (D(2026, 2, 23), False), (D(2026, 2, 28), True), (D(2026, 5, 9), True),
    (D(2026, 9, 20), True), (D(2026, 10, 10), True), (D(2026, 10, 8), True), (D(2026, 10, 11), False)])
def test_is_workday_2026(day: dt.date, works: bool) -> None:
    assert HolidayCalendar().is_workday(day) is works


def test_a_year_nobody_has_published_raises_with_a_chinese_explanation() -> None:
    with pytest.raises(UnknownYear) as caught:
        HolidayCalendar().is_workday(D(2027, 3, 1))
    message = str(caught.value)
    assert "2027 年的节假日安排尚未收录" in message and "holidays/2027.yaml" in message
    assert "--provisional" in message and caught.value.year == 2027


def test_provisional_year_is_weekends_only_and_marked() -> None:
    cal = HolidayCalendar(provisional=True)
    assert cal.is_workday(D(2027, 2, 8)) and not cal.is_workday(D(2027, 2, 6))
    assert cal.describe(D(2027, 2, 8)).provisional and cal.is_provisional(D(2027, 2, 8))
    assert not cal.is_provisional(D(2026, 2, 18))  # a known year stays exact


def repo_with(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "holidays").mkdir(exist_ok=True)
    (tmp_path / "holidays" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_override_file_adds_a_year(tmp_path: Path) -> None:
    (tmp_path / "holidays").mkdir()
    shutil.copyfile(FIXTURE_2027, tmp_path / "holidays" / "2027.yaml")
    cal = HolidayCalendar(tmp_path)
    assert not cal.is_workday(D(2027, 2, 10))  # 春节, a Wednesday
    assert cal.is_workday(D(2027, 2, 20))  # make-up Saturday
    assert cal.describe(D(2027, 10, 9)).kind == "调休上班"
    assert "holidays/2027.yaml" in cal.year(2027).source and not cal.year(2027).provisional


def test_override_file_replaces_a_packaged_year(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "2026.yaml", """年度: 2026
依据: 某次临时调整的通知（虚构）
放假:
  - {名称: 元旦, 开始: 2026-01-01, 结束: 2026-01-09}
""")
    cal = HolidayCalendar(root)
    assert not cal.is_workday(D(2026, 1, 8))
    assert cal.is_workday(D(2026, 2, 18))  # the whole year is the file's: no 春节 in it
    assert not cal.is_workday(D(2026, 1, 4))  # nor the packaged make-up Sunday


def test_supplement_mode_adds_local_days(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "2026.yaml", """年度: 2026
依据: 自治区人民政府关于壮族三月三放假的通知（虚构）
方式: 补充
放假:
  - {名称: 壮族三月三, 开始: 2026-04-20, 结束: 2026-04-21}
""")
    cal = HolidayCalendar(root)
    assert not cal.is_workday(D(2026, 4, 20)) and cal.describe(D(2026, 4, 20)).name == "壮族三月三"
    assert not cal.is_workday(D(2026, 2, 18)) and cal.is_workday(D(2026, 1, 4))  # packaged data kept


def test_supplementing_an_unknown_year_is_refused(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "2030.yaml", "年度: 2030\n依据: 虚构\n方式: 补充\n放假: []\n")
    with pytest.raises(HolidayFileError, match="方式: 替换"):
        HolidayCalendar(root).year(2030)


BAD = """年度: 2027
依据: 虚构的通知
放假:
  - {名称: 春节, 开始: 2027-02-05, 结束: 2027-02-11}
  - {名称: 元宵, 开始: 2027-02-10, 结束: 2027-02-12}
  - {名称: 元旦, 开始: 2026-12-31, 结束: 2027-01-01}
  - {名称: 清明节, 开始: 2027-04-05, 结束: 2027-04-03}
调休上班:
  - {名称: 春节, 日期: 2027-02-17}
  - {名称: 春节, 日期: 2027-02-06}
  - {名称: 春节, 日期: 2027-02-20}
  - {名称: 春节, 日期: 2027-02-20}
"""


def test_validation_reports_each_problem_with_its_line() -> None:
    _, problems = check_holiday_file(BAD.encode("utf-8"), "holidays/2027.yaml", 2027)
    found = [(loc.line, message) for loc, message in problems]
    lines = [line for line, _ in found]
    assert lines == [5, 6, 7, 9, 10, 12]
    text = "\n".join(message for _, message in found)
    assert "2月10日与第4行的春节放假重叠" in text  # overlapping ranges
    assert "2026-12-31 不在 2027 年内" in text
    assert "早于“开始”" in text
    assert "2027-02-17 是星期三" in text  # a make-up day must be a weekend day
    assert "2月6日与第4行的春节放假重叠" in text  # a make-up day inside a break
    assert "2月20日与第11行的春节调休上班日重叠" in text  # twice the same make-up day


def test_year_in_file_must_match_its_name_and_source_is_required() -> None:
    _, problems = check_holiday_file("年度: 2028\n放假: []\n".encode(), "holidays/2027.yaml", 2027)
    messages = [m for _, m in problems]
    assert any("缺少必填的键“依据”" in m for m in messages)
    assert any("与文件名 2027.yaml 不符" in m for m in messages)


def test_a_bad_file_stops_the_calendar_with_file_and_line(tmp_path: Path) -> None:
    root = repo_with(tmp_path, "2027.yaml", BAD)
    with pytest.raises(HolidayFileError) as caught:
        HolidayCalendar(root).year(2027)
    assert "holidays/2027.yaml 第9行：调休上班日 2027-02-17 是星期三" in str(caught.value)


def test_gbk_file_is_explained(tmp_path: Path) -> None:
    _, problems = check_holiday_file("年度: 2027\n依据: 通知\n".encode("gbk"), "holidays/2027.yaml", 2027)
    assert problems and "GBK" in problems[0][1]
