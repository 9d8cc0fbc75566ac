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
