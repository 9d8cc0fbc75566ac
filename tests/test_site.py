"""`dangjian site`: the static dashboard — its pages, their file names, and that nothing on them
runs a script or reaches the network."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import BASE, EXAMPLE_STREET
from dangjian.site.names import page_names

RECORDS = EXAMPLE_STREET
EXTERNAL = re.compile(r"""(?:src|href|xlink:href)\s*=\s*["']?\s*(?:https?:|//|ftp:)|@import|url\(""", re.I)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from dangjian.cli import app

    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(app, ["site", str(RECORDS), "-o", str(out), "--as-of", "2026-11-22"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "已生成 12 个网页" in result.output
    return out


def pages(site: Path) -> list[Path]:
    return [site / "index.html", *sorted((site / "branches").glob("*.html"))]


def test_one_overview_and_one_page_per_organisation(site: Path) -> None:
    assert [p.name for p in pages(site)[1:]] == [f"CN{n:02d}.html" for n in range(1, 12)]
    index = (site / "index.html").read_text(encoding="utf-8")
    for n in range(1, 12):
        assert f'href="branches/CN{n:02d}.html"' in index
    assert "70.0%" in index and "90%以上" in index and "软弱涣散" in index


def test_no_script_and_nothing_fetched(site: Path) -> None:
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html.lower(), page.name
        assert not EXTERNAL.search(html), page.name
        assert '<meta name="viewport"' in html and "<style>" in html and "<link" not in html


def test_charts_are_inline_svg(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count("<svg") == 3  # the rates over time, meetings per month, dues per month
    branch = (site / "branches" / "CN02.html").read_text(encoding="utf-8")
    assert branch.count("<svg") == 2 and "2026-02-27 已取消" in branch and "认定（" in branch


def test_page_names_are_safe_whatever_the_id() -> None:
    ids = ["CN01", "cn01", "幸福社区", "../../etc", "a b", "CON", "x" * 60, "B-2_a"]
    names = page_names(ids)
    assert names["B-2_a"] == "B-2_a.html"
    assert len(set(names.values())) == len(ids)
    assert len({n.lower() for n in names.values()}) == len(ids), "unique also on case-insensitive file systems"
    for name in names.values():
        assert re.fullmatch(r"[A-Za-z0-9_-]+\.html", name), name


def test_odd_ids_and_markup_in_the_records_are_escaped(tmp_path: Path, cli) -> None:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    branch = root / "B1" / "branch.yaml"
    text = branch.read_text(encoding="utf-8").replace("编号: B1", "编号: 幸福/一支部").replace(
        "名称: 中共测试社区支部委员会", "名称: \"<script>alert(1)</script>支部\"")
    branch.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    assert cli("site", root, "-o", out, "--as-of", "2026-11-22").exit_code == 0
    (page,) = (out / "branches").glob("*.html")
    assert page.name.startswith("b-")
    for html in (page.read_text(encoding="utf-8"), (out / "index.html").read_text(encoding="utf-8")):
        assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_repository_outside_git_gets_the_current_point(tmp_path: Path, cli) -> None:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    out = tmp_path / "site"
    assert cli("site", root, "-o", out, "--as-of", "2026-11-22").exit_code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "只有当前的一个点" in index or "每月最后一次提交" in index
