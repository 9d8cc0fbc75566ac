"""`dangjian report` and `dangjian template check` as users call them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_report_fixture import report_repo

from dangjian.report.docx_text import extract


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return report_repo(tmp_path)


def out_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(("args", "message"), [
    (["nonsense"], "未知的报告种类“nonsense”"),
    (["monthly", "--branch", "B1", "--month", "2026-13"], "--month 的值“2026-13”无效，应写成 YYYY-MM"),
    (["monthly", "--branch", "B1", "--year", "2026"], "monthly 报告按月生成，请用 --month"),
    (["annual", "--branch", "B1", "--month", "2026-10"], "annual 报告按年生成，请用 --year"),
    (["annual", "--branch", "B1", "--year", "26"], "--year 的值“26”无效"),
    (["monthly", "--branch", "B1", "--format", "pdf"], "未知的输出格式“pdf”"),
    (["roster", "--branch", "B1", "--sort", "random"], "未知的排序方式“random”"),
    (["monthly", "--branch", "B1", "--all"], "--branch 和 --all 只能用一个"),
    (["monthly"], "请用 --branch 指定党组织编号（B1、B2）"),
    (["monthly", "--branch", "B9"], "记录库中没有编号为“B9”的党组织；可用的编号：B1（测试社区党支部）"),
    ([], "请指定报告种类"),
])
def test_bad_arguments_exit_2_with_a_chinese_message(cli, repo: Path, tmp_path: Path, args, message) -> None:
    where = [repo] if args else []
    result = cli("report", *args[:1], *where, *args[1:], "-o", tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.startswith("dangjian：")


def test_not_a_record_repository(cli, tmp_path: Path) -> None:
    result = cli("report", "monthly", tmp_path, "--branch", "B1")
    assert result.exit_code == 2 and "不是台账记录库" in result.stderr


def test_all_writes_one_file_per_branch_and_a_summary(cli, repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("report", "monthly", repo, "--all", "--month", "2026-10", "--format", "md,docx", "-o", out)
    assert result.exit_code == 0, result.output
    assert out_files(out) == sorted([
        "测试社区党支部2026年10月工作月报.md", "测试社区党支部2026年10月工作月报.docx",
        "机关党支部2026年10月工作月报.md", "机关党支部2026年10月工作月报.docx",
        "中共测试街道工作委员会2026年10月工作月报汇总.md", "中共测试街道工作委员会2026年10月工作月报汇总.docx"])
    assert "已生成" in result.stdout and "工作月报汇总.docx" in result.stdout
    summary = (out / "中共测试街道工作委员会2026年10月工作月报汇总.md").read_text(encoding="utf-8")
    assert "| 测试社区党支部 | 7 | 3 | 2026年10月10日 |" in summary
    assert "| 合计 | 10 | 3 |" in summary


def test_file_names_are_safe_whatever_a_branch_is_called(cli, repo: Path, tmp_path: Path) -> None:
    evil = repo / "B3"
    evil.mkdir()
    (evil / "branch.yaml").write_text(
        '编号: "../../etc"\n名称: "CON"\n简称: "../../etc/passwd:*?<>|"\n类型: 党支部\n领域: 其他\n成立日期: 2020-01-01\n',
        encoding="utf-8")
    (evil / "members.yaml").write_text("党员: []\n", encoding="utf-8")
    out = tmp_path / "deep" / "out"
    result = cli("report", "roster", repo, "--branch", "../../etc", "-o", out)
    assert result.exit_code == 0, result.output
    assert [p.parent for p in out.iterdir()] == [out]
    [name] = out_files(out)
    assert "/" not in name and ".." not in name and not set('\\:*?"<>|') & set(name)
    assert not (tmp_path / "etc").exists() and not (tmp_path / "deep" / "etc").exists()


def test_safe_stem_rules() -> None:
    from dangjian.report.filenames import output_path, safe_stem

    assert safe_stem("../../etc") == "____etc"
    assert safe_stem("CON") == "_CON"
    assert safe_stem(" .hidden. ") == "hidden"
    assert safe_stem("a\x00b\nc") == "a_b_c"
    assert len(safe_stem("长" * 300).encode("utf-8")) <= 180
    assert output_path(Path("out"), "../x", "md") == Path("out") / "__x.md"


def test_list_templates_shows_where_each_comes_from(cli, repo: Path) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "monthly.md.j2").write_text("# {{ title }}\n", encoding="utf-8")
    result = cli("report", "--list-templates", repo)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(line.split()[:2] == ["monthly.md.j2", "记录库"] for line in lines)
    assert any(line.split()[:2] == ["monthly.docx", "内置"] for line in lines)
    assert "roster          党员基本信息名册（三册之一）" in result.stdout


def test_a_repositorys_own_templates_replace_the_shipped_ones(cli, repo: Path, tmp_path: Path) -> None:
    from docx import Document

    (repo / "templates").mkdir()
    (repo / "templates" / "monthly.md.j2").write_text(
        "# 本街道格式：{{ title }}\n{% for m in meetings %}- {{ m.date_cn }} {{ m.topic }}\n{% endfor %}",
        encoding="utf-8")
    document = Document()
    document.add_paragraph("本街道格式：{{ title }}（{{ meetings|length }} 次会议）")
    document.save(str(repo / "templates" / "monthly.docx"))
    out = tmp_path / "out"
    result = cli("report", "monthly", repo, "--branch", "B1", "--month", "2026-10", "--format", "md,docx", "-o", out)
    assert result.exit_code == 0, result.output
    text = (out / "测试社区党支部2026年10月工作月报.md").read_text(encoding="utf-8")
    assert text.startswith("# 本街道格式：测试社区党支部2026年10月工作月报\n- 2026年10月10日 学习贯彻")
    assert extract(out / "测试社区党支部2026年10月工作月报.docx") == \
        "本街道格式：测试社区党支部2026年10月工作月报（3 次会议）\n"


def test_sandbox_refusal_and_time_limit_reach_the_user(cli, repo: Path, tmp_path: Path) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "roster.md.j2").write_text("{{ title.__class__.__mro__ }}\n", encoding="utf-8")
    (repo / "templates" / "study.md.j2").write_text(
        "{% for i in range(99999) %}{% for j in range(99999) %}{{ j }}{% endfor %}{% endfor %}", encoding="utf-8")
    refused = cli("report", "roster", repo, "--branch", "B1", "-o", tmp_path / "out")
    assert refused.exit_code == 2
    assert "templates/roster.md.j2（记录库） 第 1 行试图访问 Python 内部属性“__class__”" in refused.stderr
    looping = cli("report", "study", repo, "--branch", "B1", "--time-limit", "1", "-o", tmp_path / "out")
    assert looping.exit_code == 2
    assert "渲染超过 1 秒仍未完成" in looping.stderr


def test_numbers_are_masked_unless_unmasked_is_given(cli, repo: Path, tmp_path: Path) -> None:
    from test_report_fixture import _id

    full = _id("1972-04-18", 11)
    masked = cli("report", "roster", repo, "--branch", "B1", "-o", tmp_path / "a")
    text = next((tmp_path / "a").iterdir()).read_text(encoding="utf-8")
    assert masked.exit_code == 0 and full not in text and f"{full[:6]}********{full[-4:]}" in text
    assert "13800000011" not in text and "138****0011" in text
    assert "警告" not in masked.stderr
    unmasked = cli("report", "roster", repo, "--branch", "B1", "--unmasked", "-o", tmp_path / "b")
    text = next((tmp_path / "b").iterdir()).read_text(encoding="utf-8")
    assert unmasked.exit_code == 0 and full in text and "13800000011" in text
    assert "警告：--unmasked 输出未打码的身份证号和手机号" in unmasked.stderr
    assert "本文件含未打码的身份证号、手机号" in text


def test_roster_sort_options(cli, repo: Path, tmp_path: Path) -> None:
    def names(*extra: str) -> list[str]:
        out = tmp_path / "_".join(extra or ("default",))
        cli("report", "roster", repo, "--branch", "B1", "--format", "json", "-o", out, *extra)
        context = json.loads(next(out.iterdir()).read_text(encoding="utf-8"))
        return [m["name"] for m in context["members"]]

    assert names() == ["于敏", "田富", "田大利", "孙永福", "陈丽", "周建华", "曾小华"]
    assert names("--sort", "stroke-full") == ["于敏", "田大利", "田富", "孙永福", "陈丽", "周建华", "曾小华"]
    assert names("--sort", "pinyin") == ["陈丽", "孙永福", "田大利", "田富", "于敏", "曾小华", "周建华"]


def test_json_format_shows_the_template_context(cli, repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("report", "dues", repo, "--branch", "B1", "--year", "2026", "--format", "json", "-o", out).exit_code == 0
    context = json.loads((out / "测试社区党支部2026年度党费收缴使用账簿.json").read_text(encoding="utf-8"))
    # October has not ended before the checking day (记录截至 2026-10-31): owed are August and September
    assert context["totals"]["paid"] == "2655.00" and context["totals"]["owed"] == "156.00"
    assert [m["text"] for m in context["accounts"][1]["months"]][6:10] == ["78.00", "欠交", "欠交", ""]


def test_one_branch_repository_needs_no_branch_option(cli, tmp_path: Path) -> None:
    repo = report_repo(tmp_path)
    shutil.rmtree(repo / "B2")
    result = cli("report", "monthly", repo, "--month", "2026-10", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert out_files(tmp_path / "out") == ["测试社区党支部2026年10月工作月报.md"]


def test_pdf_without_libreoffice_says_so(cli, repo: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    out = tmp_path / "out"
    result = cli("report", "monthly", repo, "--branch", "B1", "--month", "2026-10", "--pdf", "-o", out)
    assert result.exit_code == 2
    assert "未安装 LibreOffice（找不到 soffice 命令），无法生成 PDF；Word 文件已生成" in result.stderr
    assert out_files(out) == ["测试社区党支部2026年10月工作月报.docx", "测试社区党支部2026年10月工作月报.md"]


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice (soffice) is not installed")
def test_pdf_through_libreoffice(cli, repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("report", "monthly", repo, "--branch", "B1", "--month", "2026-10", "--format", "docx", "--pdf",
                 "-o", out)
    assert result.exit_code == 0, result.output
    pdf = out / "测试社区党支部2026年10月工作月报.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_special_characters_in_records_survive_in_both_formats(cli, tmp_path: Path) -> None:
    from test_report_fixture import MEMBERS

    note = '欠条<2份> & "口头"承诺'
    members = MEMBERS.replace("    姓名: 陈丽\n", f"    姓名: 陈丽\n    备注: '{note}'\n")
    repo = report_repo(tmp_path, {"B1/members.yaml": members})
    out = tmp_path / "out"
    result = cli("report", "roster", repo, "--branch", "B1", "--format", "md,docx", "-o", out)
    assert result.exit_code == 0, result.output
    markdown = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert f"| {note.replace('<', chr(92) + '<')} |" in markdown  # `<` escaped: Markdown shows it as written
    assert f" | {note}\n" in extract(next(out.glob("*.docx")))


@pytest.mark.parametrize("kind", ["monthly", "annual", "roster", "applicants", "special-groups", "meetings", "study",
                                  "service", "dues", "branch-archive"])
def test_every_kind_renders_for_a_branch_with_almost_no_records(cli, tmp_path: Path, kind: str) -> None:
    from conftest import write_tree

    repo = write_tree(tmp_path / "repo", {
        "dangjian.yaml": "组织名称: 中共空白街道工作委员会\n记录截至: 2026-10-31\n",
        "X1/branch.yaml": "编号: X1\n名称: 中共空白支部委员会\n类型: 党支部\n领域: 其他\n成立日期: 2026-01-01\n",
        "X1/members.yaml": "党员: []\n"})
    out = tmp_path / "out"
    result = cli("report", kind, repo, "--all", "--format", "md,docx", "-o", out)
    assert result.exit_code == 0, result.output
    assert len(out_files(out)) == 4
