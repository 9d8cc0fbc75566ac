"""Reading sheets: dates and amounts as people type them, headers by synonym, and the errors of
`dangjian import members/meetings` and `dues pay --from`, each naming sheet, row and column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_repo, write_tree
from dangjian.imports.sheet import Cell, SheetError, Table, find_header, load_mapping, to_amount, to_date


def cell(value) -> Cell:
    return Cell("名册", 5, 2, "入党日期", value)


@pytest.mark.parametrize(("value", "day"), [
    (dt.date(2026, 3, 5), dt.date(2026, 3, 5)),
    (dt.datetime(2026, 3, 5, 0, 0), dt.date(2026, 3, 5)),
    (46086, dt.date(2026, 3, 5)),
    (46086.0, dt.date(2026, 3, 5)),
    ("2026-03-05", dt.date(2026, 3, 5)),
    ("2026.3.5", dt.date(2026, 3, 5)),
    ("2026/3/5", dt.date(2026, 3, 5)),
    ("2026年3月5日", dt.date(2026, 3, 5)),
    ("2026年3月5", dt.date(2026, 3, 5)),
    ("20260305", dt.date(2026, 3, 5)),
    ("2026-03-05 00:00:00", dt.date(2026, 3, 5)),
])
def test_dates_in_every_form_excel_gives(value, day) -> None:
    assert to_date(cell(value)) == day


@pytest.mark.parametrize(("value", "words"), [
    ("3/5/2026", "无法确定"), ("26.3.5", "无法确定"), ("2026.3", "只有年和月"), ("2026年2月30日", "不存在"),
    (46086.5, "不是日期"), ("明天", "无法确定"), (0, "不是日期"),
])
def test_ambiguous_or_bad_dates_are_refused_with_the_cell(value, words) -> None:
    with pytest.raises(SheetError) as caught:
        to_date(cell(value))
    assert "工作表“名册”第5行C列（入党日期）" in str(caught.value) and words in str(caught.value)


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2199, 12, 31)))
def test_every_date_survives_each_of_its_forms(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    for form in (day, serial, day.isoformat(), f"{day.year}.{day.month}.{day.day}", f"{day.year}/{day.month}/{day.day}",
                 f"{day.year}年{day.month}月{day.day}日"):
        assert to_date(cell(form)) == day


@pytest.mark.parametrize(("value", "amount"), [
    (97.5, "97.50"), (30, "30.00"), ("97.50", "97.50"), ("97.50元", "97.50"), ("¥1,234.50", "1234.50"),
    ("1,234,567", "1234567.00"), (" 6 500.00 ", "6500.00"),
])
def test_amounts_with_yuan_and_thousands_separators(value, amount) -> None:
    assert to_amount(cell(value)) == Decimal(amount)


@pytest.mark.parametrize(("value", "words"), [
    ("1,23.50", "应为数字"), ("1.234,50", "应为数字"), ("-3", "负数"), ("九十", "应为数字"), ("97.505", "两位小数"),
])
def test_unreadable_amounts_are_refused(value, words) -> None:
    with pytest.raises(SheetError, match=words):
        to_amount(cell(value))


def test_header_found_below_a_title_by_synonyms(tmp_path) -> None:
    table = Table("Sheet1", [["党员信息导出"], [], ["序号", "党员姓名", "公民身份号码", "入党时间（年月日）", "籍贯"]])
    synonyms = {"姓名": ("党员姓名",), "身份证号": ("公民身份号码",), "入党日期": ("入党时间",)}
    header = find_header(table, synonyms)
    assert header is not None and header.row == 2
    assert header.columns == {"姓名": 1, "身份证号": 2, "入党日期": 3}
    assert "未使用的列：序号、籍贯" in header.describe(table)


def test_a_mapping_file_adds_headers_and_rejects_unknown_fields(tmp_path) -> None:
    mapping = write_tree(tmp_path, {"列名.yaml": "身份证号: 证件号\n姓名: [名字, 党员]\n"}) / "列名.yaml"
    merged = load_mapping(mapping, {"姓名": ("党员姓名",), "身份证号": ()})
    assert merged["身份证号"] == ("证件号",) and merged["姓名"][:2] == ("名字", "党员")
    bad = write_tree(tmp_path, {"坏.yaml": "籍贯: 出生地\n"}) / "坏.yaml"
    with pytest.raises(SheetError, match="籍贯"):
        load_mapping(bad, {"姓名": ()})


def _csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_members_names_every_bad_cell_and_writes_nothing(cli, tmp_path) -> None:
    repo = make_repo(tmp_path)
    before = (repo / "B1/members.yaml").read_bytes()
    sheet = _csv(tmp_path, "名册.csv", "姓名,性别,出生日期,入党时间,转正时间,党费类别\n"
                 "欧阳晨,男,1990/2/30,2015.7.1,2016.7.1,在职\n"
                 "林一,女,1991-01-01,7/1/2015,,学生\n")
    result = cli("import", "members", sheet, "--repo", repo, "--branch", "B1", "--write")
    assert result.exit_code == 2
    assert "工作表“名册”第2行C列（出生日期）：日期“1990/2/30”不存在" in result.output
    assert "工作表“名册”第3行D列（入党时间）：无法确定“7/1/2015”是哪一天" in result.output
    assert (repo / "B1/members.yaml").read_bytes() == before


def test_import_members_merges_keeping_comments_and_numbers_new_members(cli, tmp_path) -> None:
    repo = make_repo(tmp_path)
    roster = repo / "B1/members.yaml"
    roster.write_text("# 名册的说明，导入后仍在\n" + roster.read_text(encoding="utf-8"), encoding="utf-8")
    from dangjian.loader import load_repository

    first = load_repository(repo).branches[0].members[0]
    sheet = _csv(tmp_path, "名册.csv", "姓名,性别,出生日期,入党日期,转正日期,党费类别,手机号码\n"
                 f"{first.name},{first.gender},{first.birth},{first.joined},{first.full_member},{first.dues_category},13900001111\n"
                 "新党员,女,1995年5月6日,2020年7月1日,2021年7月1日,在职,\n")
    result = cli("import", "members", sheet, "--repo", repo, "--branch", "B1", "--write")
    assert result.exit_code == 0, result.output
    assert "新增 1 人，更新 1 人" in result.output
    text = roster.read_text(encoding="utf-8")
    assert text.startswith("# 名册的说明，导入后仍在\n")
    assert '手机号: "13900001111"' in text and "姓名: 新党员" in text and "出生日期: 1995-05-06" in text
    ids = [m.id for m in load_repository(repo).branches[0].members]
    assert len(set(ids)) == len(ids) and ids[-1].startswith("B1-")


def test_sign_in_sheet_with_unknown_or_shared_names_is_refused(cli, tmp_path) -> None:
    repo = make_repo(tmp_path)
    sheet = _csv(tmp_path, "签到.csv", "序号,姓名,签到,请假原因\n1,查无此人,√,\n")
    result = cli("import", "meetings", sheet, "--repo", repo, "--branch", "B1", "--date", "2026-10-20",
                 "--type", "党课", "--topic", "党课")
    assert result.exit_code == 2 and "第2行：姓名“查无此人”不在本支部名册中" in result.output


def test_collection_sheet_rows_that_cannot_be_recorded_write_nothing(cli, tmp_path) -> None:
    repo = make_repo(tmp_path)
    dues = repo / "B1/dues/2026.yaml"
    before = dues.read_bytes() if dues.exists() else None
    sheet = _csv(tmp_path, "收缴.csv", "编号,实交,交纳日期\nB1-001,97.50元,2026/11/10\nB1-999,30,2026/11/10\n")
    result = cli("dues", "pay", repo, "--from", sheet, "--month", "2026-11")
    assert result.exit_code == 2 and "第3行：编号“B1-999”不在本支部名册中" in result.output
    assert (dues.read_bytes() if dues.exists() else None) == before
