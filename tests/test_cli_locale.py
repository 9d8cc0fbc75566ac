"""What typer prints by itself is in Chinese too (dangjian/cli_locale.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dangjian.cli_locale import translate


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dangjian", *args], capture_output=True, text=True)


def test_help_is_chinese() -> None:
    out = run("--help").stdout
    assert "用法：" in out and "dangjian" in out and "选项" in out and "命令" in out and "显示此帮助并退出" in out
    assert "Show this message" not in out and "Usage:" not in out


def test_unknown_command_is_explained_in_chinese_with_exit_2() -> None:
    done = run("nosuch")
    assert done.returncode == 2
    assert "没有名为“nosuch”的命令" in done.stderr and "dangjian --help" in done.stderr
    assert "Error" not in done.stderr


@pytest.mark.parametrize(("english", "chinese"), [
    ("No such option: --nope", "没有选项 --nope"),
    ("No such option: --fromat (Possible options: --format)", "没有选项 --fromat，是否想用 --format？"),
    ("Missing argument 'DIRECTORY'.", "缺少参数 DIRECTORY"),
    ("Option '--year' requires an argument.", "选项 --year 后面需要一个值"),
    ("Invalid value for '--year': Input should be a valid integer, unable to parse string as an integer",
     "'--year' 的值无效：应为整数"),
])
def test_translations(english: str, chinese: str) -> None:
    assert translate(english) == chinese
