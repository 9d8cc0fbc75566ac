"""What a newcomer types wrong first: a full-width colon, a date that does not exist."""

from __future__ import annotations

from conftest import make_repo


def test_a_full_width_colon_is_named_on_its_own_line(cli, tmp_path) -> None:
    repo = make_repo(tmp_path)
    roster = repo / "B1/members.yaml"
    lines = roster.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "党费类别: 在职" in line)
    lines[at] = lines[at].replace("党费类别: 在职", "党费类别：在职")
    roster.write_text("\n".join(lines), encoding="utf-8")
    result = cli("validate", repo, "--as-of", "2026-10-31")
    assert result.exit_code == 1
    assert f"B1/members.yaml\n  {at + 1}:" in result.output
    assert "冒号是全角（中文）冒号“：”，应改为英文冒号“:”并在后面空一格，如 党费类别: 值" in result.output


def test_a_meeting_date_that_does_not_exist_brings_no_knock_on_findings(cli, tmp_path) -> None:
    repo = make_repo(tmp_path)
    meetings = repo / "B1/meetings/2026.yaml"
    meetings.write_text(meetings.read_text(encoding="utf-8").replace("日期: 2026-04-10", "日期: 2026-04-31"),
                        encoding="utf-8")
    result = cli("validate", repo, "--as-of", "2026-10-31")
    assert "日期“2026-04-31”不存在" in result.output and "改正前不检查这一日期所在时段" in result.output
    assert "2026年4月" not in result.output and "第二季度" not in result.output, result.output


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_refused_value_is_not_reported_again_as_missing(cli, tmp_path) -> None:
    """A written value the format rules refuse (NaN 基数, 2009-02-30 转正日期, a 40-digit 阵地面积) is one
    finding: the rules that need the field do not add “没有填写…” for it."""
    repo = make_repo(tmp_path)
    _edit(repo / "B1/dues/2026.yaml", '基数: "6500.00"', '基数: "NaN"')
    _edit(repo / "B1/members.yaml", "转正日期: 2009-05-04", "转正日期: 2009-02-30")
    _edit(repo / "B1/branch.yaml", "阵地面积: 520", "阵地面积: " + "9" * 400)
    result = cli("validate", repo, "--as-of", "2026-10-31")
    assert result.exit_code == 1
    assert "NaN" in result.output and "2009-02-30" in result.output and "数字过长" in result.output
    assert "没有填写“基数”" not in result.output, result.output
    assert "没有填写“转正日期”" not in result.output, result.output
    assert "应在 branch.yaml 填写“阵地面积”" not in result.output, result.output


def test_an_empty_value_is_still_reported_as_missing(cli, tmp_path) -> None:
    repo = make_repo(tmp_path)
    _edit(repo / "B1/dues/2026.yaml", '基数: "6500.00"', "基数:")
    _edit(repo / "B1/members.yaml", "转正日期: 2009-05-04", "转正日期:")
    _edit(repo / "B1/branch.yaml", "阵地面积: 520", "阵地面积:")
    result = cli("validate", repo, "--as-of", "2026-10-31")
    assert "没有填写“基数”" in result.output
    assert "没有填写“转正日期”" in result.output
    assert "应在 branch.yaml 填写“阵地面积”" in result.output
