"""The one exit point (dangjian.emit): masking, visible control characters, the console's
encoding, and output files that never damage records or someone else's file. Each case
reproduces a defect of the hardening issue on a copy of the example street."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE_STREET

EXAMPLE = EXAMPLE_STREET
FULL_ID, FULL_PHONE = "339903193702238811", "15381149647"


def dangjian(*args, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The installed program as a user runs it (main(): the guard on stdout and stderr)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "dangjian", *map(str, args)], capture_output=True,
                          env=full_env, cwd=cwd, timeout=300)


@pytest.fixture
def street(tmp_path: Path) -> Path:
    root = tmp_path / "r"
    shutil.copytree(EXAMPLE, root)
    return root


def test_numbers_inside_longer_tokens_are_masked() -> None:
    from dangjian.privacy import mask_text

    assert mask_text("ID339903193702238811") == "ID339903********8811"
    assert mask_text("8615381149647") == "86153****9647"
    assert mask_text("x11010519491231002Xy") == "x110105********002Xy"
    assert mask_text("电话15381149647。") == "电话153****9647。"
    assert mask_text("2026-10-31 第 12 行 20261031") == "2026-10-31 第 12 行 20261031"  # dates stay


def test_a_syntax_error_excerpt_quoting_embedded_numbers_is_masked(street: Path) -> None:
    (street / "CN01" / "applicants.yaml").write_text(
        "x: ID339903193702238811 8615381149647: [\n", encoding="utf-8")
    done = dangjian("validate", street, "--no-cache")
    out = done.stdout.decode("utf-8")
    assert done.returncode == 1 and "yaml-syntax" in out
    assert FULL_ID not in out and FULL_PHONE not in out and "ID339903********8811" in out


def test_a_traceback_is_masked() -> None:
    code = "from dangjian import emit; emit.install(); raise ValueError('身份证号 339903193702238811')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    err = done.stderr.decode("utf-8")
    assert "Traceback" in err and FULL_ID not in err and "339903********8811" in err


def test_site_and_assess_mask_an_unquoted_number(street: Path, tmp_path: Path) -> None:
    members = street / "CN01" / "members.yaml"
    members.write_text(members.read_text(encoding="utf-8").replace(f'"{FULL_ID}"', FULL_ID), encoding="utf-8")
    out = tmp_path / "s"
    assert dangjian("site", street, "-o", out).returncode == 0
    pages = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "339903********8811" in pages and FULL_ID not in pages
    for fmt in ("table", "md", "json"):
        done = dangjian("assess", street, "--all", "--format", fmt)
        assert FULL_ID not in done.stdout.decode("utf-8") + done.stderr.decode("utf-8")


def test_json_is_utf8_on_a_gbk_console_and_text_does_not_crash(street: Path) -> None:
    meetings = street / "CN01" / "meetings" / "2026.yaml"
    text = meetings.read_text(encoding="utf-8")
    # a character GBK cannot encode, in a value a finding quotes
    (street / "CN01" / "applicants.yaml").write_text("入党申请人: [\n  - 姓名: 㐀\U0002a6a5\n", encoding="utf-8")
    done = dangjian("validate", street, "--format", "json", env={"PYTHONIOENCODING": "gbk"})
    doc = json.loads(done.stdout.decode("utf-8"))
    assert doc["findings"] and "错误" in done.stdout.decode("utf-8")
    done = dangjian("validate", street, env={"PYTHONIOENCODING": "gbk"})
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    shown = done.stdout.decode("gbk")
    assert "\\U0002a6a5" in shown and "错误" in shown
    assert meetings.read_text(encoding="utf-8") == text


def _topic_finding_repo(street: Path) -> None:
    meetings = street / "CN01" / "meetings" / "2026.yaml"
    text = meetings.read_text(encoding="utf-8")
    forged = '"x\\n::error file=a::forged\\e[2J\\u202e"'
    # a 主题 that is not a string-like value gives a finding quoting it; use an unknown key instead
    text = text.replace("会议:\n", f"会议:\n  - 日期: 2026-10-30\n    类型: [党小组会]\n    {forged}: 1\n", 1)
    meetings.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "parsable", "github"])
def test_control_characters_in_a_record_cannot_forge_output(street: Path, fmt: str) -> None:
    _topic_finding_repo(street)
    done = dangjian("validate", street, "--format", fmt, env={"FORCE_COLOR": "1"} if fmt == "text" else None)
    out = done.stdout.decode("utf-8")
    assert done.returncode == 1 and "forged" in out
    assert not any(line.startswith("::error file=a") for line in out.splitlines())
    assert "\x1b[2J" not in out and "\u202e" not in out
    assert "\\x1b[2J" in out


def test_validate_output_never_replaces_a_record(street: Path) -> None:
    members = street / "CN01" / "members.yaml"
    before = members.read_bytes()
    done = dangjian("validate", street, "-o", members)
    assert done.returncode == 2 and "记录" in done.stderr.decode("utf-8")
    assert members.read_bytes() == before
    done = dangjian("validate", street, "-o", members, "--force")  # not even with --force
    assert done.returncode == 2 and members.read_bytes() == before


def test_output_never_replaces_a_file_the_tool_did_not_make(street: Path, tmp_path: Path) -> None:
    mine = tmp_path / "notes.txt"
    mine.write_text("我的笔记\n", encoding="utf-8")
    done = dangjian("validate", street, "-o", mine)
    assert done.returncode == 2 and "--force" in done.stderr.decode("utf-8")
    assert mine.read_text(encoding="utf-8") == "我的笔记\n"
    made = tmp_path / "result.json"
    assert dangjian("validate", street, "--format", "json", "-o", made).returncode in (0, 1)
    assert dangjian("validate", street, "--format", "json", "-o", made).returncode in (0, 1)  # its own: fine
    assert dangjian("validate", street, "-o", mine, "--force").returncode in (0, 1)
    assert "我的笔记" not in mine.read_text(encoding="utf-8")


def test_report_to_an_existing_file_is_a_message_not_a_traceback(street: Path, tmp_path: Path) -> None:
    existing = tmp_path / "out.md"
    existing.write_text("x\n", encoding="utf-8")
    done = dangjian("report", "monthly", street, "--branch", "CN01", "--month", "2026-10", "-o", existing)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and "Traceback" not in err and "不是目录" in err
    assert existing.read_text(encoding="utf-8") == "x\n"


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "磁盘空间已满"), (errno.EROFS, "只读")])
def test_a_full_or_read_only_disk_leaves_no_partial_file(tmp_path: Path, monkeypatch, code, words) -> None:
    from dangjian import emit

    def fail(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(emit.os, "fsync", fail)
    target = tmp_path / "index.html"
    with pytest.raises(emit.OutputRefused, match=words):
        emit.write_output(target, "<p>x</p>")
    assert list(tmp_path.iterdir()) == []  # neither a 0-byte file nor a temporary one
    old = tmp_path / "old.md"
    old.write_text("旧\n", encoding="utf-8")
    with pytest.raises(emit.OutputRefused):
        emit.write_output(old, "新", force=True)
    assert old.read_text(encoding="utf-8") == "旧\n" and len(list(tmp_path.iterdir())) == 1


def test_report_on_a_full_disk_is_a_clear_message(street: Path, tmp_path: Path, cli, monkeypatch) -> None:
    from dangjian import emit

    def fail(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(emit.os, "fsync", fail)
    out = tmp_path / "out"
    result = cli("report", "monthly", street, "--branch", "CN01", "--month", "2026-10", "-o", out)
    assert result.exit_code == 2 and "磁盘空间已满" in result.output
    assert not [p for p in out.rglob("*") if p.is_file()]


def test_init_ignores_the_temporary_files_and_the_lock() -> None:
    from dangjian.scaffold import GITIGNORE

    assert ".dangjian-tmp-*" in GITIGNORE.splitlines() and ".dangjian-lock" in GITIGNORE.splitlines()


def test_temporary_files_are_named_for_the_gitignore(tmp_path: Path, monkeypatch) -> None:
    from dangjian import emit

    seen = []
    real = os.replace
    monkeypatch.setattr(emit.os, "replace", lambda a, b: (seen.append(Path(a).name), real(a, b)))
    emit.atomic_write(tmp_path / "2026.yaml", b"x: 1\n")
    assert seen and seen[0].startswith(".dangjian-tmp-2026.yaml.")


# --- writers: one at a time, nothing lost ----------------------------------------------------

def _pay(street: Path, member: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dangjian", "dues", "pay", str(street), "--member", member,
                             "--month", "2026-11", "--date", "2026-11-10"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, **(env or {})})


def test_two_payments_at_once_are_both_kept(street: Path) -> None:
    ledger = street / "CN01" / "dues" / "2026.yaml"
    for _attempt in range(3):
        first, second = _pay(street, "CN01-003"), _pay(street, "CN01-004")
        assert first.wait(120) == 0 and second.wait(120) == 0, (first.stderr.read(), second.stderr.read())
        from dangjian.yamlread import parse_text

        data, _ = parse_text(ledger.read_text(encoding="utf-8"), "fast")
        paid = {a["党员"]: a.get("交纳") or {} for a in data["党员党费"]}
        assert 11 in paid["CN01-003"] and 11 in paid["CN01-004"]
        shutil.copy(EXAMPLE / "CN01" / "dues" / "2026.yaml", ledger)


def test_a_second_writer_waits_then_fails_clearly(street: Path) -> None:
    from dangjian.writelock import record_lock

    ledger = street / "CN01" / "dues" / "2026.yaml"
    before = ledger.read_bytes()
    with record_lock(street):
        waiting = _pay(street, "CN01-003", {"DANGJIAN_LOCK_TIMEOUT": "0.5"})
        assert waiting.wait(120) == 2
    err = waiting.stderr.read().decode("utf-8")
    assert "另一个 dangjian 命令" in err and "Traceback" not in err
    assert ledger.read_bytes() == before


def test_a_killed_writers_temporary_file_is_removed_by_the_next(street: Path) -> None:
    left = street / "CN01" / "dues" / ".dangjian-tmp-2026.yaml.k1ll3d"
    left.write_bytes(b"half a ledger")
    assert _pay(street, "CN01-003").wait(120) == 0
    assert not left.exists()
