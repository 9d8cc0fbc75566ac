"""A real branch's first week, end to end through the CLI (issue: a branch founded mid-year).

A community branch founded on 2026-08-20 with 12 members: `dangjian init`, its roster imported
from an .xlsx in the layout of the national Party member information system's export, its
September–November meetings from sign-in sheets, its dues assessed from an income sheet and
paid from collection sheets. Nothing before the founding may be judged: no 未召开, no arrears,
no 软弱涣散. A second repository simply starts its records in November.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import write_tree
from dangjian import __version__, idnumber

NAMES = ["张建国", "王秀英", "李国强", "刘淑芬", "陈晓东", "杨丽娟", "赵志刚", "黄美玲", "周文博", "吴雅婷", "徐海涛", "孙佳怡"]
IDS = [f"HP01-{n:03d}" for n in range(1, 13)]
BRANCH = """\
编号: HP01
名称: 中共测试街道和平社区支部委员会
简称: 和平社区党支部
类型: 党支部
领域: 社区
成立日期: 2026-08-20
批准文号: 测试工委〔2026〕8号
辖区人口: 3200
辖区户数: 1100
阵地面积: 600
年度工作经费: "20000.00"
主题党日: 每月10日
委员会:
  届次: 第一届
  选举日期: 2026-08-20
  任期年限: 5
  委员:
    - {党员: HP01-001, 职务: 书记}
    - {党员: HP01-002, 职务: 组织委员}
    - {党员: HP01-003, 职务: 宣传委员}
党小组: []
"""


def _save(rows: list[list], path: Path, title: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _birth(i: int) -> dt.date:
    return dt.date(1955 + 3 * i, 1 + i % 12, 3 + i)


def roster_export(path: Path) -> Path:
    """The member system's export: a title row, its headers, dates in three of the forms Excel gives."""
    rows = [["序号", "姓名", "性别", "公民身份号码", "民族", "出生日期", "学历", "人员类别", "入党时间",
             "转为正式党员日期", "工作岗位", "联系电话", "所在党支部", "党费类别"]]
    for i, name in enumerate(NAMES):
        born = _birth(i)
        number = idnumber.make("339901", born, 11 + 2 * i + (0 if i % 2 == 0 else 1))  # odd = 男
        joined = dt.date(1985 + i, 7, 1)
        full = dt.date(1986 + i, 7, 1)
        forms = [joined, f"{joined.year}.{joined.month}.{joined.day}", f"{joined.year}年{joined.month}月{joined.day}日"]
        rows.append([i + 1, name, "男" if i % 2 == 0 else "女", number, "汉族",
                     (born - dt.date(1899, 12, 30)).days,  # an Excel serial number
                     "本科" if i < 3 or i > 5 else "高中", "正式党员", forms[i % 3], full, "社区居民", f"1380000{i:04d}",
                     "和平社区党支部", "离退休" if i < 4 else ""])
    return _save(rows, path, title="党员信息（导出时间：2026-09-01）")


def sign_in(path: Path, present: list[int], absent: dict[int, str] | None = None) -> Path:
    rows = [["序号", "姓名", "签到", "请假原因"]]
    for n, i in enumerate(sorted([*present, *(absent or {})]), start=1):
        rows.append([n, NAMES[i], "√" if i in present else "请假", (absent or {}).get(i, "")])
    return _save(rows, path, title="和平社区党支部会议签到表")


def incomes(path: Path) -> Path:
    rows = [["姓名", "税后月收入（元）", "离退休费", "备注"]]
    for i, name in enumerate(NAMES):
        rows.append([name, "" if i < 4 else f"{5000 + 500 * i:,}.00元", 4000 if i < 4 else None, ""])
    return _save(rows, path)


def collection(path: Path, month: int, skip: tuple[int, ...] = ()) -> Path:
    rows = [["编号", "姓名", "应交", "实交", "交纳日期"]]
    for i, name in enumerate(NAMES):
        rows.append([IDS[i], name, "", None if i in skip else "=", f"2026/{month}/10"])
    return _save(rows, path, title=f"和平社区党支部2026年{month}月党费收缴表")


def _new_repo(cli, root: Path, start: str | None) -> Path:
    """`dangjian init --start START`; with START None, a repository with no 记录起始 written."""
    result = cli("init", root, "--name", "中共测试街道工作委员会", "--no-hook", "--start", start or "2026-01-01",
                 "--tool-source", f"dangjian=={__version__}")
    assert result.exit_code == 0, result.output
    config = root / "dangjian.yaml"
    text = config.read_text(encoding="utf-8")
    assert f"记录起始: {start or '2026-01-01'}" in text
    if start is None:
        config.write_text(re.sub(r"(?m)^记录起始:.*\n", "", text), encoding="utf-8")
    for sample in [p for p in root.iterdir() if p.is_dir() and (p / "branch.yaml").exists()]:
        shutil.rmtree(sample)
    write_tree(root, {"和平社区党支部/branch.yaml": BRANCH})
    return root


def _amounts(path: Path, dues_file: Path) -> Path:
    """Fill the collection sheet's 实交 with each member's assessed amount (a sheet printed from the ledger)."""
    from openpyxl import load_workbook

    text = dues_file.read_text(encoding="utf-8")
    amounts = dict(re.findall(r"党员: (HP01-\d{3})\n(?:.*\n)*?\s+月交额: \"([\d.]+)\"", text))
    book = load_workbook(path)
    sheet = book.active
    for row in sheet.iter_rows(min_row=3):
        if row[3].value == "=":
            row[3].value = float(amounts[row[0].value])
    book.save(path)
    return path


def _meetings(cli, root: Path, tmp: Path, months: list[int]) -> None:
    everyone = list(range(12))
    for month in months:
        sheet = sign_in(tmp / f"支委会{month}.xlsx", [0, 1, 2])
        result = cli("import", "meetings", sheet, "--repo", root, "--date", f"2026-{month:02d}-05", "--type", "支委会",
                     "--topic", f"研究{month}月工作", "--host", NAMES[0], "--recorder", NAMES[1], "--write")
        assert result.exit_code == 0, result.output
        sheet = sign_in(tmp / f"主题党日{month}.xlsx", everyone[:-1], {11: "外出务工"})
        result = cli("import", "meetings", sheet, "--repo", root, "--date", f"2026-{month:02d}-10",
                     "--type", "支部党员大会,主题党日", "--topic", f"{month}月主题党日", "--host", NAMES[0],
                     "--recorder", NAMES[1], "--place", "和平社区党群服务中心", "--write")
        assert result.exit_code == 0, result.output
        assert "出席 11 人，缺席 1 人" in result.output


def _dues(cli, root: Path, tmp: Path, months: list[int]) -> None:
    result = cli("dues", "assess", "--year", "2026", root, "--incomes", incomes(tmp / "收入.xlsx"),
                 "--date", f"2026-{months[0]:02d}-03", "--write")
    assert result.exit_code == 0, result.output
    assert "找到的列" in result.output and "税后月收入（元）→月收入" in result.output
    dues_file = root / "和平社区党支部/dues/2026.yaml"
    for month in months:
        sheet = _amounts(collection(tmp / f"收缴{month}.xlsx", month), dues_file)
        result = cli("dues", "pay", root, "--from", sheet, "--month", f"2026-{month:02d}")
        assert result.exit_code == 0, result.output
        assert "已登记 和平社区党支部/dues/2026.yaml：12 笔" in result.output


def _no_early_period(findings: list[dict], first_month: int) -> None:
    early = [f"2026年{m}月" for m in range(1, first_month)] + [f"2026-{m:02d}" for m in range(1, first_month)]
    early += ["第一季度", "第二季度", "第三季度", "上半年"] if first_month > 7 else ["第一季度", "第二季度", "上半年"]
    for finding in findings:
        assert not any(label in finding["message"] for label in early), finding


def test_a_branch_founded_mid_year_adopts_the_tool(cli, tmp_path) -> None:
    # Records from 1 January: the founding on 2026-08-20 is what keeps January–August out.
    root = _new_repo(cli, tmp_path / "repo", "2026-01-01")
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    export = roster_export(sheets / "名册.xlsx")
    preview = cli("import", "members", export, "--repo", root, "--dues-category", "在职")
    assert preview.exit_code == 0, preview.output
    assert "公民身份号码→身份证号" in preview.output and "入党时间→入党日期" in preview.output
    assert not (root / "和平社区党支部/members.yaml").exists()  # nothing written without --write
    written = cli("import", "members", export, "--repo", root, "--dues-category", "在职", "--write")
    assert written.exit_code == 0, written.output and "新增 12 人" in written.output
    roster = (root / "和平社区党支部/members.yaml").read_text(encoding="utf-8")
    assert "编号: HP01-012" in roster and "入党日期: 1986-07-01" in roster and "学历: 大学本科" in roster
    again = cli("import", "members", export, "--repo", root, "--dues-category", "在职")
    assert "无改动" in again.output and "新增 0 人，更新 0 人" in again.output

    _meetings(cli, root, sheets, [9, 10, 11])
    _dues(cli, root, sheets, [9, 10, 11])

    result = cli("validate", root, "--as-of", "2026-12-06", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    _no_early_period(findings, 9)
    assert not [f for f in findings if f["rule"].startswith("dues-")], findings
    assert result.exit_code == 0, result.stdout

    status = cli("dues", "status", "--month", "2026-11", root)
    assert status.exit_code == 0 and "共 12 名党员，0 人欠交" in status.output
    earlier = cli("dues", "status", "--month", "2026-07", root)
    assert earlier.exit_code == 0 and "未记录" in earlier.output

    out = tmp_path / "out"
    report = cli("report", "annual", root, "--year", "2026", "-o", out)
    assert report.exit_code == 0, report.output
    text = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "本年首届选举" in text and "本年已换届" not in text
    assert "1月、2月" not in text and "欠交党员" not in text and "欠交 0.00 元" in text
    assert "台账自2026年8月20日起记录" in text

    assessed = cli("assess", root, "--as-of", "2026-12-06", "--format", "json")
    assert assessed.exit_code in (0, 1), assessed.output
    assert "软弱涣散" not in json.dumps(_screening(json.loads(assessed.stdout)), ensure_ascii=False)
    site = cli("site", root, "-o", tmp_path / "site", "--as-of", "2026-12-06")
    assert site.exit_code == 0, site.output
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html"))
    assert "排查对象" not in pages and "未召开" not in pages


def _screening(data: dict) -> list:
    """The assessment's 软弱涣散 screening entries that name a branch."""
    found = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("weak", "screening", "weak_reasons") and value:
                    found.append(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return found


@pytest.mark.parametrize("written", [True, False], ids=["记录起始 written", "inferred"])
def test_records_that_start_in_november(cli, tmp_path, written: bool) -> None:
    root = _new_repo(cli, tmp_path / "repo", "2026-11-01" if written else None)
    older = BRANCH.replace("成立日期: 2026-08-20", "成立日期: 2015-06-01").replace("第一届", "第三届")
    write_tree(root, {"和平社区党支部/branch.yaml": older.replace("选举日期: 2026-08-20", "选举日期: 2025-06-01")})
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    assert cli("import", "members", roster_export(sheets / "名册.xlsx"), "--repo", root, "--dues-category", "在职",
               "--write").exit_code == 0
    _meetings(cli, root, sheets, [11])
    _dues(cli, root, sheets, [11])
    result = cli("validate", root, "--as-of", "2026-12-06", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    _no_early_period(findings, 11)
    assert result.exit_code == 0, result.stdout
    status = cli("dues", "status", "--month", "2026-11", root)
    assert status.exit_code == 0 and "0 人欠交" in status.output


TRAININGS = """\
培训:
  - {日期: 2026-09-15, 名称: 党章学习, 学时: 4, 组织单位: 和平社区党支部, 参加: [%(all)s]}
  - {日期: 2026-10-15, 名称: 党的二十届四中全会精神学习, 学时: 4, 组织单位: 和平社区党支部, 参加: [%(all)s]}
  - {日期: 2026-11-16, 名称: 基层治理专题学习, 学时: 4, 组织单位: 和平社区党支部, 参加: [%(most)s]}
"""


def test_training_hours_of_a_branch_founded_mid_year_are_pro_rated_alike(cli, tmp_path, monkeypatch) -> None:
    """Founded on 2026-08-20, the branch owes 32 × 134/365 = 11.7 学时 a member for 2026: the
    training-hours rule, the annual report and assess all say so (dangjian.figures.hours_needed).
    Everyone attends 12 hours; 孙佳怡 (HP01-012) misses the November session and has 8."""
    import dangjian.context

    monkeypatch.setattr(dangjian.context, "now", lambda: dt.datetime(2027, 1, 15, 9, tzinfo=dangjian.context.SHANGHAI))
    root = _new_repo(cli, tmp_path / "repo", "2026-01-01")
    assert cli("import", "members", roster_export(tmp_path / "名册.xlsx"), "--repo", root, "--dues-category", "在职",
               "--write").exit_code == 0
    write_tree(root, {"和平社区党支部/trainings/2026.yaml": TRAININGS % {
        "all": ", ".join(IDS), "most": ", ".join(IDS[:-1])}})

    result = cli("validate", root, "--format", "json")
    short = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "training-hours"]
    assert [(Path(f["path"]).relative_to(root).as_posix(), "孙佳怡（HP01-012）" in f["message"]) for f in short] == [
        ("和平社区党支部/trainings/2026.yaml", True)], short
    assert "8 学时，少于 11.7 学时（2026年在册 134 天，按全年 32 学时折算）" in short[0]["message"]

    out = tmp_path / "out"
    assert cli("report", "annual", root, "--year", "2026", "-o", out).exit_code == 0
    text = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "未达到的 1 人" in text and "| 孙佳怡 | 8 | 否 |" in text and "| 张建国 | 12 | 是 |" in text

    assessed = json.loads(cli("assess", root, "--year", "2026", "--format", "json").stdout)
    assert [b["short_hours"] for b in assessed["branches"] if b["id"] == "HP01"] == [1]
