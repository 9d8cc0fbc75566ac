"""`dangjian template check`: syntax, undeclared variables, refused attributes, a trial render."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_report_fixture import report_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return report_repo(tmp_path)


def test_template_check(cli, repo: Path) -> None:
    folder = repo / "templates"
    folder.mkdir()
    (folder / "monthly.md.j2").write_text("# {{ title }}\n{{ meetngs }}\n{{ x.__class__ }}\n", encoding="utf-8")
    (folder / "annual.md.j2").write_text("# {{ title }}\n{{ org.nmae }}\n", encoding="utf-8")
    (folder / "roster.md.j2").write_text("# {{ title }}\n\n{% for m in members %}\n", encoding="utf-8")
    (folder / "study.md.j2").write_text("# {{ title }}\n{% for s in sessions %}{{ s.title }}{% endfor %}\n",
                                        encoding="utf-8")
    (folder / "notes.txt").write_text("x", encoding="utf-8")

    result = cli("template", "check", folder / "monthly.md.j2")
    assert result.exit_code == 1
    assert "monthly.md.j2:2: 错误 变量“meetngs”不存在" in result.stdout
    assert "monthly.md.j2:3: 错误 访问内部属性“__class__”" in result.stdout
    trial = cli("template", "check", folder / "annual.md.j2")
    assert trial.exit_code == 1 and "试渲染失败" in trial.stdout and "没有“nmae”这一项" in trial.stdout
    syntax = cli("template", "check", folder / "roster.md.j2")
    assert syntax.exit_code == 1 and "语法错误" in syntax.stdout
    good = cli("template", "check", folder / "study.md.j2")
    assert good.exit_code == 0 and "模板检查通过（已用记录库的台账试渲染）" in good.stdout
    assert cli("template", "check", folder / "notes.txt").exit_code == 2
    assert cli("template", "check", folder / "missing.md.j2").exit_code == 2


def test_every_shipped_template_passes_its_own_check(cli, repo: Path) -> None:
    from dangjian.report.templates import SHIPPED

    for path in sorted(SHIPPED.iterdir()):
        if path.name.startswith("_"):
            continue
        result = cli("template", "check", path, "--records", repo)
        assert result.exit_code == 0, (path.name, result.output)
        assert "已用记录库的台账试渲染" in result.stdout, path.name
