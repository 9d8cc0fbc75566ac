"""`dangjian dues`: calc, assess, pay, status and summary through the CLI."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import AS_OF, FIXTURES
from dangjian.engine import run
from dangjian.loader import load_repository

DUES = FIXTURES / "dues"


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(DUES / "repo", root)
    return root


def changed(old: bytes, new: bytes) -> list[str]:
    """The lines a write added or removed, as `+line` / `-line`."""
    return [d[0] + d[2:] for d in difflib.ndiff(old.decode("utf-8-sig").splitlines(), new.decode("utf-8-sig").splitlines())
            if d[0] in "+-"]


# --- calc --------------------------------------------------------------------------------------

def test_calc_shows_base_tier_rate_and_amount(cli) -> None:
    result = cli("dues", "calc", "--category", "在职", "--income", "6500", "--deduct", "养老保险=520")
    assert result.exit_code == 0
    for text in ("5980.00", "5000元以上至10000元（含）", "1.5%", "89.70", "DF-2"):
        assert text in result.output


def test_calc_json_has_amounts_as_strings(cli) -> None:
    result = cli("dues", "calc", "--category", "在职", "--income", "6500", "--json")
    data = json.loads(result.output)
    assert data["amount"] == "97.50" and data["base"] == "6500.00" and data["rate"] == "1.5%"
    assert "在职" in result.output  # not \u escapes
    retired = json.loads(cli("dues", "calc", "--category", "离退休", "--income", "5000.01", "--json").output)
    assert retired["amount"] == "50.00"
    student = json.loads(cli("dues", "calc", "--category", "学生", "--json").output)
    assert student["amount"] == "0.20" and student["rate"] is None


@pytest.mark.parametrize(("args", "message"), [
    (("--category", "在职", "--income", "-100"), "不能为负数"),
    (("--category", "工人", "--income", "5000"), "未知的党费类别"),
    (("--category", "在职", "--income", "五千"), "应为数字"),
    (("--category", "在职", "--income", "5000", "--deduct", "养老保险"), "项目=金额"),
    (("--category", "在职", "--income", "5000", "--deduct", "餐补=100"), "不是本规则集允许"),
    (("--category", "农民", "--amount", "2"), "不在此范围内"),
    (("--category", "在职", "--income", "5000", "--profile", "shanghai"), "未知的规则集"),
])
def test_calc_bad_input_exits_2_with_a_chinese_message(cli, args: tuple, message: str) -> None:
    result = cli("dues", "calc", *args)
    assert result.exit_code == 2
    assert message in result.output


# --- assess ------------------------------------------------------------------------------------

def test_assess_shows_a_diff_and_writes_nothing_without_write(cli, repo) -> None:
    before = (repo / "B1/dues/2026.yaml").read_bytes()
    result = cli("dues", "assess", "--year", "2026", repo, "--incomes", DUES / "incomes.csv", "--date", "2026-01-15")
    assert result.exit_code == 0, result.output
    assert '+    基数: "6860.00"' in result.output and "--write" in result.output
    assert (repo / "B1/dues/2026.yaml").read_bytes() == before
    assert not (repo / "B2/dues").exists()


def test_assess_write_changes_only_the_assessed_values(cli, repo) -> None:
    target = repo / "B1/dues/2026.yaml"
    before = target.read_bytes()
    result = cli("dues", "assess", "--year", "2026", repo, "--incomes", DUES / "incomes.csv", "--date", "2026-01-15",
                 "--write")
    assert result.exit_code == 0, result.output
    assert sorted(changed(before, target.read_bytes())) == sorted([
        '-    基数: "6500.00"', '-    月交额: "97.50"', '+    基数: "6860.00"', '+    月交额: "102.90"',
        '-    基数: "4200.00"', "-    比例: \"1%\"", '-    月交额: "42.00"',
        '+    基数: "5100.00"', '+    比例: "1.5%"', '+    月交额: "76.50"',
        '-    基数: "3800.00"', '-    比例: "0.5%"', '-    月交额: "19.00"',
        '+    基数: "5200.00"', '+    比例: "1%"', '+    月交额: "52.00"',
    ])
    # B2 had no dues file: one is made, and the street's records now assess correctly
    new = (repo / "B2/dues/2026.yaml").read_text(encoding="utf-8")
    assert new.startswith("年度: 2026\n核定日期: 2026-01-15\n党员党费:\n  - 党员: B2-001\n")
    assert '月交额: "0.50"' in new and '基数: "3100.00"' in new and '月交额: "15.50"' in new
    findings = {f.rule for f in run(load_repository(repo), AS_OF)}
    assert not findings & {"dues-assessment-wrong", "dues-assessment-missing"}


def test_assess_reads_xlsx(cli, repo, tmp_path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "姓名", "月收入", "养老金", "住房公积金"])
    sheet.append(["B1-001", "周建华", 10000.01, None, None])
    sheet.append([None, "孙永福", None, 5000, None])
    sheet.append(["B1-002", None, 6000, None, 1000])
    path = tmp_path / "收入.xlsx"
    book.save(path)
    result = cli("dues", "assess", "--year", "2026", repo, "--incomes", path, "--date", "2026-01-15")
    assert result.exit_code == 1, result.output  # 刘长贵 (B2-002) is not in the sheet
    assert "B2-002 刘长贵（离退休）；没有收入数据，未核定" in result.output
    assert '+    月交额: "200.00"' in result.output  # 10000.01 × 2%
    assert '+    月交额: "25.00"' in result.output  # pension 5000 × 0.5%
    assert '+    月交额: "50.00"' in result.output  # 6000 − 1000 = 5000 × 1%


def test_assess_names_every_row_that_does_not_match(cli, repo) -> None:
    result = cli("dues", "assess", "--year", "2026", repo, "--incomes", DUES / "incomes-bad.csv")
    assert result.exit_code == 2
    assert "第2行：编号“B1-009”不在名册中" in result.output
    assert "第3行：名册中有 2 人叫“陈丽”（B1-002、B2-001），请填写编号" in result.output
    assert "第4行：姓名“张三”不在名册中" in result.output
    assert "第5行：编号“B1-003”在名册中是孙永福，与姓名“王五”不符" in result.output


def test_assess_rejects_bad_numbers_with_the_row(cli, repo, tmp_path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("编号,月收入\nB1-001,六千\nB1-002,-3\n", encoding="utf-8")
    result = cli("dues", "assess", "--year", "2026", repo, "--incomes", sheet)
    assert result.exit_code == 2
    assert "第2行B列（月收入）：金额应为数字（如 97.50），实际是“六千”" in result.output
    assert "第3行B列（月收入）：金额不能为负数" in result.output


# --- pay ---------------------------------------------------------------------------------------

def test_pay_adds_one_line_and_keeps_everything_else(cli, repo) -> None:
    target = repo / "B1/dues/2026.yaml"
    before = target.read_bytes()
    result = cli("dues", "pay", repo, "--member", "B1-001", "--month", "2026-10", "--date", "2026-10-10")
    assert result.exit_code == 0, result.output
    assert changed(before, target.read_bytes()) == ["+      10: 2026-10-10"]
    after = target.read_text(encoding="utf-8")
    assert after.index("10: 2026-10-10") < after.index("  - 党员: B1-002")


def test_pay_in_a_flow_mapping_changes_that_line_only(cli, repo) -> None:
    target = repo / "B1/dues/2026.yaml"
    before = target.read_bytes()
    assert cli("dues", "pay", repo, "--member", "B1-002", "--month", "2026-07", "--date", "2026-10-12").exit_code == 0
    lines = changed(before, target.read_bytes())
    assert len(lines) == 2 and lines[1].endswith("6: 2026-06-10, 7: 2026-10-12}")


def test_pay_with_another_amount_records_an_exception(cli, repo) -> None:
    result = cli("dues", "pay", repo, "--member", "B1-003", "--month", "2026-10", "--date", "2026-10-10",
                 "--amount", "1019", "--note", "自愿多交")
    assert result.exit_code == 0, result.output
    text = (repo / "B1/dues/2026.yaml").read_text(encoding="utf-8")
    assert '    例外:\n      - 月份: 10\n        金额: "1019.00"\n        日期: 2026-10-10\n        说明: 自愿多交\n' in text
    assert text.index("例外:") < text.index("  - 党员: B1-004")
    cli("dues", "pay", repo, "--member", "B1-001", "--month", "2026-10", "--amount", "5", "--note", "少交", "--date",
        "2026-10-10")
    text = (repo / "B1/dues/2026.yaml").read_text(encoding="utf-8")
    assert '        说明: 少交\n\n  - 党员: B1-002' in text  # the blank line stays above the next account


@pytest.mark.parametrize(("args", "message"), [
    (("--member", "B1-001", "--month", "2026-13"), "月份“2026-13”无效"),
    (("--member", "B1-001", "--month", "十月"), "应写成 YYYY-MM"),
    (("--member", "B1-001", "--month", "2026-10", "--amount", "九十"), "应为数字"),
    (("--member", "B1-001", "--month", "2026-10", "--amount", "-5"), "不能为负数"),
    (("--member", "B1-001", "--month", "2026-10", "--date", "2026-02-30"), "日期“2026-02-30”无效"),
    (("--member", "B9-001", "--month", "2026-10"), "没有编号为“B9-001”的党员"),
    (("--member", "B1-001", "--month", "2026-03"), "已有记录"),
    (("--member", "B2-001", "--month", "2026-03"), "请先用 dangjian dues assess"),
])
def test_pay_bad_input_exits_2(cli, repo, args: tuple, message: str) -> None:
    before = (repo / "B1/dues/2026.yaml").read_bytes()
    result = cli("dues", "pay", repo, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert (repo / "B1/dues/2026.yaml").read_bytes() == before


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_an_interrupted_write_leaves_the_old_file(cli, repo, monkeypatch, failing: str) -> None:
    target = repo / "B1/dues/2026.yaml"
    before = target.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    result = cli("dues", "pay", repo, "--member", "B1-001", "--month", "2026-10", "--date", "2026-10-10")
    assert result.exit_code == 2 and "未改动" in result.output
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["2026.yaml"]


@pytest.mark.parametrize(("newline", "bom"), [(b"\r\n", False), (b"\n", True), (b"\r\n", True)])
def test_crlf_and_bom_files_keep_their_style(cli, repo, newline: bytes, bom: bool) -> None:
    target = repo / "B1/dues/2026.yaml"
    original = (b"\xef\xbb\xbf" if bom else b"") + target.read_bytes().replace(b"\n", newline)
    target.write_bytes(original)
    assert cli("dues", "pay", repo, "--member", "B1-001", "--month", "2026-10", "--date", "2026-10-10").exit_code == 0
    assert cli("dues", "assess", "--year", "2026", repo, "--incomes", DUES / "incomes.csv", "--write").exit_code == 0
    new = target.read_bytes()
    assert new.startswith(b"\xef\xbb\xbf") == bom
    assert new.count(b"\n") == new.count(newline)
    assert b"      10: 2026-10-10" + newline in new
    assert new.count(b"#") == original.count(b"#")


# --- status and summary ------------------------------------------------------------------------

def test_status_lists_who_owes_since_when(cli, repo) -> None:
    result = cli("dues", "status", "--month", "2026-09", repo)
    assert result.exit_code == 1
    row = next(line for line in result.output.splitlines() if "B1-002" in line)
    assert "未交" in row and "126.00" in row and "2026-07" in row
    assert "已交 2026-09-10" in next(line for line in result.output.splitlines() if "B1-001" in line)
    data = json.loads(cli("dues", "status", "--month", "2026-09", repo, "--json").output)
    assert {d["member"]: d["owed"] for d in data}["B1-002"] == "126.00"


def test_status_is_clean_when_everyone_has_paid(cli, repo) -> None:
    result = cli("dues", "status", "--month", "2026-06", repo)
    assert result.exit_code == 0, result.output
    assert cli("dues", "status", "--month", "2026-13", repo).exit_code == 2


def test_summary_table_md_and_json(cli, repo) -> None:
    table = cli("dues", "summary", "--year", "2026", repo, "--as-of", "2026-10-31")
    assert table.exit_code == 0, table.output
    assert "2026年度党费收缴使用情况公布表" in table.output and "合计" in table.output
    assert "没有 2026 年党费账的党组织：测试村党支部" in table.output
    md = cli("dues", "summary", "--year", "2026", "--half", "1", repo, "--format", "md", "--as-of", "2026-10-31")
    assert md.output.startswith("# ") and "| 测试社区党支部" in md.output
    data = json.loads(cli("dues", "summary", "--year", "2026", repo, "--format", "json", "--as-of", "2026-10-31").output)
    branch = data["branches"][0]
    assert branch["due"] == "1427.50"  # 97.50×9 + 42×9 + 19×9 + 0.20×5: January to September
    assert branch["paid"] == "1301.50" and branch["owed"] == "126.00" and branch["remitted"] == "600.00"
    assert branch["balance"] == "701.50" and data["total"]["balance"] == "701.50"


@pytest.mark.parametrize("args", [("--half", "3"), ("--format", "pdf"), ("--year", "20266"), ("--year", "二〇二六")])
def test_summary_bad_options_exit_2(cli, repo, args: tuple) -> None:
    assert cli("dues", "summary", "--year", "2026", repo, *args).exit_code == 2


def test_assess_bad_year_exits_2(cli, repo) -> None:
    result = cli("dues", "assess", "--year", "0", repo)
    assert result.exit_code == 2 and "年份" in result.output


def test_a_branch_directory_limits_the_commands_to_that_branch(cli, repo) -> None:
    result = cli("dues", "assess", "--year", "2026", repo / "B1", "--incomes", DUES / "incomes.csv", "--write")
    assert result.exit_code == 0, result.output
    assert "B2" not in result.output and not (repo / "B2/dues").exists()
    status = cli("dues", "status", "--month", "2026-06", repo / "B2")
    assert status.exit_code == 0 and "B2-001" in status.output and "B1-001" not in status.output
    assert "未核定" in status.output
    assert cli("dues", "status", "--month", "2026-06", repo / "B1/dues/2026.yaml").output.count("B1-00") == 4


payments = st.lists(st.tuples(st.sampled_from(["B1-001", "B1-002", "B1-003", "B1-004"]), st.integers(7, 12),
                              st.sampled_from([None, "1000.00", "5.00"])), min_size=1, max_size=5,
                    unique_by=lambda p: p[:2])


@settings(max_examples=15, deadline=None)
@given(payments)
def test_any_payments_keep_comments_and_every_other_line(ops) -> None:
    import datetime as dt
    import tempfile
    from decimal import Decimal

    from dangjian.dues.calc import DuesError
    from dangjian.dues.pay import record

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(DUES / "repo", root)
        target = root / "B1/dues/2026.yaml"
        original = target.read_text(encoding="utf-8")
        for member, month, amount in ops:
            try:
                edit = record(load_repository(root), member, 2026, month, dt.date(2026, 10, 20),
                              Decimal(amount) if amount else None, "自愿多交" if amount else None)
            except DuesError:  # already recorded this month
                continue
            target.write_bytes(edit.new)
        final = target.read_text(encoding="utf-8")

    # Only flow-style 交纳 lines may change; everything added is a payment or an 例外 entry.
    allowed = re.compile(r"^\s+(\d+: \d{4}-\d\d-\d\d|例外:|- 月份: \d+|金额: \"[\d.]+\"|日期: [\d-]+|说明: .*)$")
    flow_tail = re.compile(r"^\s+(\d+: \d{4}-\d\d-\d\d(, |\}$|,$))+$")
    old, new = original.splitlines(), final.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert", "replace"), (tag, old[i1:i2])
        if tag == "replace":  # a flow 交纳, possibly wrapped over lines, gained an entry
            assert all("交纳: {" in line or flow_tail.match(line) for line in old[i1:i2]), old[i1:i2]
            new_lines = [x for x in new[j1:j2] if "交纳: {" not in x and not flow_tail.match(x)]
        else:
            new_lines = new[j1:j2] if tag == "insert" else []
        assert all(allowed.match(x) for x in new_lines), new_lines
        if tag == "equal":  # a blank or comment line still stands right above what it stood above
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                if (not old[i].strip() or old[i].lstrip().startswith("#")) and i + 1 < len(old):
                    assert new[j + 1] == old[i + 1], (old[i], old[i + 1], new[j + 1])
