"""Hostile templates: string growth is refused before it allocates, links leaving the repository
are refused by report and template check (issue 15, item 13)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_report_fixture import report_repo

# Each of these allocated 1–100 GB before the size checks (or ran a C call no time limit stops).
GROWTH = [
    "{{ ('a'|center(10**9))|length }}",
    "{{ ('%2000000000d' % 1)|length }}",
    "{{ '%*d' % (2000000000, 1) }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ '{:{}}'.format(1, 999999999) }}",
    "{{ '{x:>999999999}'.format_map({'x': 1}) }}",
    "{{ 'x'.ljust(10**9) }}",
    "{{ 'x'.rjust(10**9) }}",
    "{{ 'x'.zfill(10**9) }}",
    "{{ 'x'.center(10**9) }}",
    "{{ 'x'.encode().center(10**9) }}",
    "{{ ('\t' * 1000).expandtabs(1000000) }}",
    "{{ ('a' * 1000000).replace('a', 'a' * 1000) }}",
    "{{ ('a' * 1000000)|replace('a', 'a' * 1000) }}",
    "{{ ('ab' * 400000).translate({97: 'x' * 1000}) }}",
    "{{ ('a' * 1000)|indent(10**9) }}",
    "{{ ('a\n' * 500000)|indent('x' * 1000) }}",
    "{{ ('a ' * 500000)|wordwrap(1, wrapstring='x' * 1000) }}",
    "{{ 'a'|wordwrap(10**9) }}",
    "{{ 'a'|truncate(10**9) }}",
    "{{ '%2000000000d'|format(1) }}",
    "{{ range(10**9)|list|length }}",
    "{{ range(100000)|join('x' * 100000) }}",
    "{{ ('x' * 1000000).join(range(100000)|map('string')) }}",
    "{{ [1]|batch(10**9, 'x')|list }}",
    "{{ ([[1] * 1000000] * 100)|sum(start=[]) }}",
    "{{ {'a': 1}|tojson(indent=10**9) }}",
    "{% set ns = namespace(s='a' * 1000000) %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "{% set ns = namespace(s='a' * 1000000) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "{% set big = 'a' * 1000000 %}{% for i in range(100000) %}{{ big }}{% endfor %}",
    "{% set big = 'a' * 1000000 %}{% set c %}{% for i in range(100000) %}{{ big }}{% endfor %}{% endset %}{{ c|length }}",
]

# Ordinary use of the same operations still works.
ORDINARY = ("{{ '%s %s'|format('a', 'b') }}|{{ 'x'|center(5) }}|{{ '{:>3}'.format(1) }}|{{ [1, 2]|join(',') }}|"
            "{{ range(3)|sum }}|{{ 'a\nb'|indent(2) }}|{{ 'a b c'|wordwrap(3) }}|{{ 'abcdefgh'|truncate(5, leeway=0) }}|"
            "{{ 'ab'.replace('a', 'x') }}|{{ '%05.1f' % 3.14159 }}|{{ [[1], [2]]|sum(start=[]) }}|{{ 'a' ~ 'b' }}")

# One child process renders every case under a 1.5 GB address-space limit: a case that tries
# to allocate gigabytes fails there (MemoryError) instead of taking the test machine down.
CHILD = textwrap.dedent("""
    import json, sys, tempfile
    from pathlib import Path
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024,) * 2)
    except (ImportError, ValueError, OSError):
        pass
    from dangjian.report import render
    from dangjian.report.sandbox import ReportError
    folder = Path(tempfile.mkdtemp())
    results = []
    for text in json.loads(sys.stdin.read()):
        (folder / "t.md.j2").write_text(text, encoding="utf-8")
        try:
            results.append(["ok", render.markdown([folder], "t.md.j2", {}, "t.md.j2", seconds=20)])
        except ReportError as exc:
            results.append(["error", str(exc)])
        except MemoryError:
            results.append(["memory", ""])
    print(json.dumps(results, ensure_ascii=False))
""")


@pytest.fixture(scope="module")
def rendered() -> list[list[str]]:
    done = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps([*GROWTH, ORDINARY]),
                          capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("index", range(len(GROWTH)), ids=[t[:40] for t in GROWTH])
def test_string_growth_is_refused_with_a_chinese_message(rendered, index: int) -> None:
    status, message = rendered[index]
    assert status == "error", (GROWTH[index], status, message[:100])
    assert "结果过大" in message and "已拒绝" in message and "模板 t.md.j2" in message


def test_ordinary_formatting_still_works(rendered) -> None:
    # (the values are then written as Markdown text: line breaks as <br>, brackets escaped)
    assert rendered[-1] == ["ok", "a b|  x  |  1|1,2|3|a<br>  b|a b<br>c|ab...|xb|003.1|\\[1, 2\\]|ab"]


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """A record repository whose templates/monthly.md.j2 links to a file outside it."""
    repo = report_repo(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET-CONTENT\n", encoding="utf-8")
    (repo / "templates").mkdir()
    (repo / "templates" / "monthly.md.j2").symlink_to(secret)
    return repo


def test_report_refuses_a_template_linking_outside_the_repository(cli, linked: Path, tmp_path: Path) -> None:
    result = cli("report", "monthly", linked, "--all", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "templates/monthly.md.j2 是指向记录库之外的符号链接，出于安全原因已拒绝读取" in result.stderr
    assert "SECRET-CONTENT" not in result.stdout + result.stderr
    written = [p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert not any("SECRET-CONTENT" in text for text in written)


def test_template_check_refuses_a_template_linking_outside_the_repository(cli, linked: Path) -> None:
    result = cli("template", "check", linked / "templates" / "monthly.md.j2")
    assert result.exit_code == 2
    assert "是指向记录库之外的符号链接，出于安全原因已拒绝读取" in result.stderr
    assert "SECRET-CONTENT" not in result.stdout + result.stderr


def test_an_included_template_linking_outside_is_refused(cli, linked: Path, tmp_path: Path) -> None:
    """`{% include %}` of a link goes through the same check as the report's own template."""
    folder = linked / "templates"
    (folder / "monthly.md.j2").unlink()
    (folder / "part.md.j2").symlink_to(tmp_path / "secret.txt")
    (folder / "monthly.md.j2").write_text("# {{ title }}\n{% include 'part.md.j2' %}\n", encoding="utf-8")
    result = cli("report", "monthly", linked, "--all", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "part.md.j2 是指向记录库之外的符号链接" in result.stderr
    assert "SECRET-CONTENT" not in result.stdout + result.stderr


def test_a_link_inside_the_repository_is_allowed(cli, linked: Path, tmp_path: Path) -> None:
    from dangjian.report.templates import SHIPPED

    folder = linked / "templates"
    (folder / "monthly.md.j2").unlink()
    (linked / "shared.md.j2").write_text((SHIPPED / "monthly.md.j2").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "monthly.md.j2").symlink_to(linked / "shared.md.j2")
    assert cli("template", "check", folder / "monthly.md.j2").exit_code == 0
