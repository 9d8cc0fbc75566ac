"""`dangjian assess` on the example street: golden files for the text, Markdown and Word output,
and the usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLE_STREET, check_golden

RECORDS = EXAMPLE_STREET
GOLDEN = Path(__file__).parent / "golden" / "assess"
TODAY = "2026-11-22"  # after the example's 记录截至 (2026-10-31): the figures do not depend on the clock


@pytest.mark.parametrize(("name", "args"), [
    ("rollup-2026.txt", []),
    ("rollup-2025.txt", ["--year", "2025"]),
    ("card-CN02.txt", ["--branch", "CN02"]),
    ("card-CN05-2025.txt", ["--branch", "CN05", "--year", "2025"]),
    ("report-CN01.md", ["--branch", "CN01", "--format", "md"]),
])
def test_output_matches_its_golden_file(cli, update_goldens, name: str, args: list[str]) -> None:
    result = cli("assess", RECORDS, "--as-of", TODAY, *args)
    assert result.exit_code == 0, result.output
    check_golden(GOLDEN / name, result.stdout, update_goldens)


def test_json_is_the_whole_assessment(cli) -> None:
    result = cli("assess", RECORDS, "--as-of", TODAY, "--format", "json", "--branch", "CN01")
    data = json.loads(result.stdout)
    assert data["year"] == 2026 and data["as_of"] == "2026-10-31"
    assert [(r["count"], r["total"], r["target"]) for r in data["rates"][:2]] == [(7, 10, "90%以上"), (2, 10, "50%以上")]
    (card,) = data["cards"]
    assert card["id"] == "CN01" and {x["status"] for x in card["lines"]} == {"达标"}
    assert all(x["rules"] or x["note"] for x in card["lines"]), "every criterion is traced to rules or a computation"


def test_word_report_is_rendered_from_the_template(cli, tmp_path: Path) -> None:
    from dangjian.report.docx_text import extract

    target = tmp_path / "评估.docx"
    result = cli("assess", RECORDS, "--as-of", TODAY, "--format", "docx", "-o", target)
    assert result.exit_code == 0, result.output
    text = str(extract(target))
    assert "2026年党支部标准化规范化建设评估" in text and "CN02 | 和平社区党支部" in text
    from docx import Document

    document = Document(str(target))  # GB/T 9704: ends with the street as 落款 and the date
    assert [p.text for p in document.paragraphs][-3:] == ["", "中共城南街道工作委员会", "2026年10月31日"]  # 记录截至
    assert "dangjian" not in text.split("评估标准见")[0] and document.core_properties.comments.startswith("由 dangjian")


@pytest.mark.parametrize(("args", "message"), [
    (["--branch", "CN99"], "没有编号为“CN99”的党组织"),
    (["--branch", "CN01", "--all"], "只能用一个"),
    (["--year", "2030"], "晚于台账记录截至"),
    (["--format", "html"], "未知的输出格式"),
    (["--format", "docx"], "须用 -o 指定输出文件"),
    (["--trend", "--at", "HEAD"], "只能用一个"),
])
def test_usage_errors_exit_2_in_chinese(cli, args: list[str], message: str) -> None:
    result = cli("assess", RECORDS, "--as-of", TODAY, *args)
    assert result.exit_code == 2
    assert message in result.output


def test_all_lists_every_card_after_the_rollup(cli) -> None:
    out = cli("assess", RECORDS, "--as-of", TODAY, "--all").stdout
    assert out.count("五化建设") == 11 and out.index("一、目标完成情况") < out.index("CN01 幸福社区党支部（党支部，社区）")
