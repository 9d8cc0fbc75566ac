"""Everything the command line prints by itself is Chinese: every --help page and every usage
error, through the real entry point and in-process (dangjian/cli_locale.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

CJK = re.compile(r"[\u3400-\u9fff]")
# What typer/click would print in English; none of it may reach a user.
ENGLISH = re.compile(r"Usage|Options|Arguments|Commands|Error|Missing|Invalid|Possible|Did you mean|"
                     r"default:|required|Show this message|Try '|No such|Got unexpected|Aborted|requires|"
                     r"\bOPTIONS\b|\bCOMMAND\b|\bARGS\b|\bTEXT\b|\bPATH\b|\bINTEGER\b|\bFLOAT\b|"
                     r"<str>|<path>|<int>|<float>|<list|range>|x>=|x<=")


ENTRY_POINT = Path(sys.executable).parent / "dangjian"  # the console script pip installed


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    command = [str(ENTRY_POINT)] if ENTRY_POINT.exists() else [sys.executable, "-m", "dangjian"]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=cwd)


def command_paths() -> list[tuple[str, ...]]:
    from dangjian.cli import app

    def walk(command, path):
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, (*path, name))

    return list(walk(typer.main.get_command(app), ()))


def test_every_value_has_a_chinese_name() -> None:
    """Arguments and options that take a value show a Chinese metavar (用法 lines and --help)."""
    missing = [(" ".join(path), p.name) for path, command in command_paths() for p in command.params
               if (p.param_type_name == "argument" or not getattr(p, "is_flag", False))
               and not (p.metavar and CJK.search(p.metavar))]
    assert missing == []


@pytest.mark.parametrize("path", [p for p, _ in command_paths()], ids=lambda p: " ".join(p) or "dangjian")
def test_every_help_page_is_chinese(path, cli) -> None:
    result = cli(*path, "--help")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith(f"用法：dangjian{' ' if path else ''}{' '.join(path)} [选项]")
    assert "选项：" in out and "显示此帮助并退出" in out
    assert not ENGLISH.search(out), ENGLISH.search(out)


def test_help_shows_defaults_and_ranges_in_chinese(cli) -> None:
    out = cli("report", "--help").output
    assert "（默认：md）" in out and "默认：30.0；范围：1～" in out
    assert "（默认：12；范围：1～120）" in cli("site", "--help").output
    assert "（必填）" in cli("dues", "calc", "--help").output


def test_real_entry_point_help() -> None:
    done = run("--help")
    assert done.returncode == 0
    assert done.stdout.startswith("用法：dangjian [选项] 命令 [参数]...")
    assert "命令：" in done.stdout and "validate" in done.stdout
    assert not ENGLISH.search(done.stdout)
    bare = run()  # no command: the help page, on stderr, exit 2
    assert bare.returncode == 2 and "命令：" in bare.stderr and not ENGLISH.search(bare.stderr)


@pytest.mark.parametrize(("args", "command", "message"), [
    (["nosuch"], "dangjian", "没有名为“nosuch”的命令"),
    (["valdate"], "dangjian", "没有名为“valdate”的命令，是否想用 validate？"),
    (["validate", "--fromat", "json"], "dangjian validate", "没有选项 --fromat，是否想用 --format？"),
    (["validate", "--format"], "dangjian validate", "选项 --format 后面需要一个值"),
    (["rules", "--json=yes"], "dangjian rules", "选项 --json 是开关，不带值"),
    (["site", "--months", "abc"], "dangjian site", "选项 --months 的值无效（应为月数，在 1 至 120 之间）"),
    (["site", "--months", "0"], "dangjian site", "选项 --months 的值无效（应为月数，在 1 至 120 之间）"),
    (["report", "--time-limit", "0"], "dangjian report", "选项 --time-limit 的值无效（应为秒数，不小于 1）"),
    (["dues", "calc"], "dangjian dues calc", "缺少选项 --category"),
    (["dues", "pay", "--member", "CN01-001", "--month", "2026-10"], "dangjian dues pay", "缺少参数 记录库"),
    (["tree", "a", "b", "c"], "dangjian tree", "多余的参数：b c"),
    (["config", "nope"], "dangjian config", "没有名为“nope”的命令"),
])
def test_usage_errors_are_chinese_with_exit_2(args, command, message, cli) -> None:
    done = run(*args)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"dangjian：{message}\n用 {command} --help 查看用法。\n"
    assert not ENGLISH.search(done.stderr)
    in_process = cli(*args)  # the same through typer's CliRunner
    assert in_process.exit_code == 2 and message in in_process.output


def test_a_command_own_chinese_error_is_kept(cli) -> None:
    result = cli("schedule", "--year", "二〇二六")
    assert result.exit_code == 2 and "选项 --year 的值无效" in result.output and not ENGLISH.search(result.output)


def test_no_private_typer_internals() -> None:
    """The Chinese comes from subclassing typer's public classes, not from patching its modules."""
    source = (Path(__file__).resolve().parent.parent / "dangjian").rglob("*.py")
    offenders = [p.name for p in source if "typer._click" in p.read_text(encoding="utf-8")
                 or re.search(r"typer\.\w+\.\w+\s*=", p.read_text(encoding="utf-8"))]
    assert offenders == []
