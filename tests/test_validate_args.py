"""The validate fast path (commands/validate.parse_fast, used before typer is imported) reads
every command line exactly as the typer command does, or declines and leaves it to typer."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dangjian.commands import validate as validate_cmd

SAMPLE = {str: ["json", "a,b", "-x", "", "2026-10-31", "含中文"], Path: ["out.txt", "-", "目录/结果.json"]}


def typer_arguments(argv: list[str], monkeypatch) -> dict | None:
    """The arguments typer passes to run_validate for ARGV; None when typer rejects ARGV."""
    from dangjian.cli import app

    seen: list[dict] = []

    def record(**kwargs) -> int:
        seen.append(kwargs)
        return 0

    monkeypatch.setattr(validate_cmd, "run_validate", record)
    result = CliRunner().invoke(app, ["validate", *argv], catch_exceptions=False)
    if not seen:
        assert result.exit_code == 2 or "--help" in argv, result.output
        return None
    assert result.exit_code == 0, result.output
    return seen[0]


def assert_same(argv: list[str], monkeypatch) -> None:
    fast = validate_cmd.parse_fast(argv)
    slow = typer_arguments(argv, monkeypatch)
    if fast is None:  # the fast path may decline anything; typer then decides alone
        return
    assert slow is not None, f"typer rejects {argv} but the fast path accepts it"
    assert fast == slow, argv


def _single_option_lines() -> list[list[str]]:
    lines: list[list[str]] = []
    for opt in validate_cmd.OPTIONS:
        for flag in opt.flags:
            if opt.kind is bool:
                lines.append([flag])
                lines.append([f"{flag}=1"])  # a flag given a value: both must refuse
                continue
            for value in SAMPLE[opt.kind]:
                lines.append([flag, value])
                if flag.startswith("--"):
                    lines.append([f"{flag}={value}"])
            lines.append([flag])  # the value is missing
    return lines


@pytest.mark.parametrize("argv", _single_option_lines(), ids=lambda a: " ".join(a) or "<empty>")
def test_every_option_alone(argv, monkeypatch) -> None:
    assert_same(argv, monkeypatch)


def test_every_option_is_understood_by_the_fast_path() -> None:
    """The fast path is not allowed to decline ordinary uses, or it would be dead code."""
    for opt in validate_cmd.OPTIONS:
        for flag in opt.flags:
            argv = [flag] if opt.kind is bool else [flag, SAMPLE[opt.kind][0]]
            assert validate_cmd.parse_fast(argv) is not None, argv


@pytest.mark.parametrize("pair", list(itertools.combinations(validate_cmd.OPTIONS, 2)),
                         ids=lambda p: "+".join(o.dest for o in p))
def test_every_pair_of_options_with_paths(pair, monkeypatch) -> None:
    argv = ["records"]
    for opt in pair:
        argv += [opt.flags[-1]] if opt.kind is bool else [opt.flags[-1], SAMPLE[opt.kind][0]]
    argv += ["records/CN01", "--", "-odd-name"]
    fast = validate_cmd.parse_fast(argv)
    assert fast is not None
    assert_same(argv, monkeypatch)


@pytest.mark.parametrize("argv", [
    [], ["records"], ["a", "b", "c"], ["--", "--strict"], ["-f", "json", "-f", "sarif"],
    ["--help"], ["--nope"], ["-fjson"], ["--strict", "--strict"], ["-"],
])
def test_special_command_lines(argv, monkeypatch) -> None:
    assert_same(argv, monkeypatch)


TOKENS = st.sampled_from(
    [flag for opt in validate_cmd.OPTIONS for flag in opt.flags]
    + ["records", "x.yaml", "--", "-", "json", "2026-10-31", "--format=text", "--as-of=2026-01-01", "--bad"])


@settings(max_examples=60, deadline=None)
@given(st.lists(TOKENS, max_size=7))
def test_random_command_lines(argv) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_same(argv, monkeypatch)


def test_help_lists_every_option_of_the_table(cli) -> None:
    out = cli("validate", "--help").output
    for opt in validate_cmd.OPTIONS:
        assert opt.help in out and all(flag in out for flag in opt.flags)
        assert opt.metavar is None or opt.metavar in out
