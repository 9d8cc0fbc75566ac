"""The cache, the fast entry path, the private overlay and masking: same answers, faster."""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_loader import SECOND_BRANCH

from conftest import AS_OF, BASE, make_repo, validated
from dangjian import engine, incremental
from dangjian.cache import Cache
from dangjian.commands.validate import fast_main

BROKEN = {**SECOND_BRANCH, "B1/members.yaml": (BASE / "B1/members.yaml").read_text(encoding="utf-8")
          .replace('身份证号: "330102197204180012"', '身份证号: "330102197204180013"')}


def lines(found) -> list[str]:
    return [f"{f.loc.path}:{f.loc.line}:{f.loc.col} {f.rule} {f.message}" for f in found]


@pytest.fixture
def computed(monkeypatch) -> list:
    """The directories of the branches actually computed (not taken from the cache)."""
    seen: list = []
    real = incremental.compute

    def spy(branches, ctx, source):
        seen.extend(b.directory for b in branches)
        return real(branches, ctx, source)

    monkeypatch.setattr(incremental, "compute", spy)
    return seen


def test_cached_runs_agree_with_the_plain_engine(tmp_path, computed) -> None:
    from dangjian.loader import load_repository

    root = make_repo(tmp_path, BROKEN)
    cache = Cache(tmp_path / "cache")
    plain = lines(engine.run(load_repository(root), AS_OF))
    first = validated(root, cache)
    assert computed == ["B1", "B2"]
    second = validated(root, cache)
    assert lines(first) == lines(second) == plain
    assert computed == ["B1", "B2"]  # the whole run came from the cache
    assert any("id-number-valid" in x for x in plain)


def test_one_changed_file_recomputes_only_its_branch(tmp_path, computed) -> None:
    root = make_repo(tmp_path, BROKEN)
    cache = Cache(tmp_path / "cache")
    validated(root, cache)
    computed.clear()
    (root / "B2" / "applicants.yaml").write_text("入党申请人: []\n", encoding="utf-8")
    found = validated(root, cache)
    assert computed == ["B2"]
    assert lines(found) == lines(validated(root))


def test_roster_change_is_seen_by_other_branches(tmp_path) -> None:
    root = make_repo(tmp_path, SECOND_BRANCH)
    cache = Cache(tmp_path / "cache")
    assert not [f for f in validated(root, cache)
                if f.rule == "member-id-unique"]
    b2 = (root / "B2/members.yaml").read_text(encoding="utf-8").replace("B2-001", "B1-001")
    (root / "B2/members.yaml").write_text(b2, encoding="utf-8")
    found = validated(root, cache)
    assert [f.rule for f in found if f.rule == "member-id-unique"] == ["member-id-unique"]


def test_cache_is_never_inside_the_repository(tmp_path) -> None:
    root = make_repo(tmp_path)
    assert Cache.for_repository(root, root / ".cache") is None
    assert Cache.for_repository(root, tmp_path / "elsewhere") is not None


def test_validate_never_writes_into_the_repository_and_no_cache_writes_nothing(tmp_path, monkeypatch) -> None:
    root = make_repo(tmp_path, BROKEN)
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("DANGJIAN_CACHE_DIR", str(cache_dir))
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert fast_main([str(root), "--as-of", "2026-10-31", "--no-cache", "-f", "json"]) == 1
    assert not cache_dir.exists()
    assert fast_main([str(root), "--as-of", "2026-10-31", "-f", "json"]) == 1
    assert cache_dir.exists()
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_fast_path_and_typer_print_the_same(tmp_path, cli, capsys, monkeypatch) -> None:
    monkeypatch.setenv("DANGJIAN_CACHE_DIR", str(tmp_path / "cache"))
    root = make_repo(tmp_path, BROKEN)
    for fmt in ("text", "parsable", "json", "sarif", "github"):
        code = fast_main([str(root), "--as-of=2026-10-31", "-f", fmt])
        fast = capsys.readouterr().out
        slow = cli("validate", root, "--as-of", "2026-10-31", "-f", fmt)
        assert (code, fast) == (slow.exit_code, slow.output)


def test_fast_path_declines_what_it_does_not_know() -> None:
    assert fast_main(["--help"]) is None
    assert fast_main(["--no-such-option"]) is None
    assert fast_main(["--format"]) is None


def test_the_console_entry_point_validates_without_importing_typer(tmp_path) -> None:
    root = make_repo(tmp_path)
    code = ("import sys; sys.argv = ['dangjian', 'validate', sys.argv[1], '--as-of', '2026-10-31', '--no-cache']\n"
            "from dangjian.cli import main\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    print('typer' in sys.modules, exc.code)")
    done = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "False 0", done.stdout + done.stderr


ID = "330102197204180013"  # wrong check digit: the finding quotes it


def test_id_numbers_are_masked_in_every_format_unless_unmasked(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("DANGJIAN_CACHE_DIR", str(tmp_path / "cache"))
    root = make_repo(tmp_path, {"B1/members.yaml": BROKEN["B1/members.yaml"]})
    from dangjian.findings import Finding
    from dangjian.located import Loc
    from dangjian.privacy import mask_findings

    raw = Finding(Loc("B1/members.yaml", 1, 1), "x", engine.Severity.ERROR, f"号码 {ID}，电话 13812345678",
                  excerpt=f"  1 | 身份证号: {ID}")
    (masked,) = mask_findings([raw])
    assert ID not in masked.message + masked.excerpt and "13812345678" not in masked.message
    assert "330102********0013" in masked.message and "138****5678" in masked.message
    for fmt in ("text", "parsable", "json", "sarif", "github", "gitlab"):
        fast_main([str(root), "--as-of", "2026-10-31", "-f", fmt])
        assert "330102197204180013" not in capsys.readouterr().out
    fast_main([str(root), "--as-of", "2026-10-31", "--unmasked"])
    out = capsys.readouterr()
    assert "--unmasked" in out.err


def test_private_overlay_is_merged_by_member_id(tmp_path) -> None:
    members = (BASE / "B1/members.yaml").read_text(encoding="utf-8").replace(
        '    身份证号: "330102197204180012"\n', "")
    private = '党员:\n  - 编号: B1-001\n    身份证号: "330102197204180013"\n    手机号: "13812345678"\n' \
              "  - 编号: B1-099\n    身份证号: \"330102197204180012\"\n  - 编号: B1-002\n    住址: 某路\n"
    root = make_repo(tmp_path, {"B1/members.yaml": members, "B1/members.private.yaml": private})
    found = validated(root)
    assert [f"{f.loc.path}:{f.loc.line} {f.rule}" for f in found] == [
        "B1/members.private.yaml:3 id-number-valid",
        "B1/members.private.yaml:5 invalid-value",
        "B1/members.private.yaml:8 unknown-key",
    ]


def test_staged_run_uses_the_index_and_matches_an_uncached_run(tmp_path, monkeypatch) -> None:
    from test_cli import git

    monkeypatch.setenv("DANGJIAN_CACHE_DIR", str(tmp_path / "cache"))
    root = make_repo(tmp_path, SECOND_BRANCH)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    (root / "B1/members.yaml").write_text(BROKEN["B1/members.yaml"], encoding="utf-8")
    git(root, "add", "B1/members.yaml")
    monkeypatch.chdir(root)
    for _ in range(2):  # the second run reads the cache
        assert fast_main(["--staged", "--as-of", "2026-10-31", "-f", "json"]) == 1
    assert fast_main(["--staged", "--as-of", "2026-10-31", "-f", "parsable", "-o", str(tmp_path / "a.txt")]) == 1
    assert fast_main(["--staged", "--as-of", "2026-10-31", "-f", "parsable", "--no-cache",
                      "-o", str(tmp_path / "b.txt")]) == 1
    a = (tmp_path / "a.txt").read_text(encoding="utf-8")
    assert a == (tmp_path / "b.txt").read_text(encoding="utf-8") and "id-number-valid" in a


def test_cached_staged_runs_match_uncached_cold_warm_and_after_an_edit(tmp_path, monkeypatch) -> None:
    """The pre-commit case: every cached run prints what --no-cache prints, and after an edit
    only the edited file is parsed again (the branch's other files come from the cache)."""
    from test_cli import git

    from dangjian import readfile

    monkeypatch.setenv("DANGJIAN_CACHE_DIR", str(tmp_path / "cache"))
    root = make_repo(tmp_path, BROKEN)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    monkeypatch.chdir(root)
    parsed: list[str] = []
    real = readfile._load_file

    def spy(source, rel, *args):
        parsed.append(rel)
        return real(source, rel, *args)

    monkeypatch.setattr(readfile, "_load_file", spy)

    def compare(*args: str) -> str:
        cached, plain = tmp_path / "cached.txt", tmp_path / "plain.txt"
        fast_main([*args, "--as-of", "2026-10-31", "-f", "parsable", "-o", str(cached)])
        fast_main([*args, "--as-of", "2026-10-31", "-f", "parsable", "--no-cache", "-o", str(plain)])
        assert cached.read_text(encoding="utf-8") == plain.read_text(encoding="utf-8")
        return cached.read_text(encoding="utf-8")

    meetings = root / "B1/meetings/2026.yaml"
    for edit in range(3):
        if edit:  # an attendee who is not on the roster, then one more comment line
            text = meetings.read_text(encoding="utf-8")
            text = text.replace("B1-003]", "B1-099]", 1) if edit == 1 else text + "# 修改\n"
            meetings.write_text(text, encoding="utf-8")
            git(root, "add", "B1/meetings/2026.yaml")
        for _ in range(2):  # cold or just edited, then warm
            staged = compare("--staged")
            assert ("unknown-member" in staged) == (edit > 0)
            assert compare() == compare(str(root))
    assert list((tmp_path / "cache").glob("file/*/*"))  # the branch's files were kept

    meetings.write_text(meetings.read_text(encoding="utf-8") + "# 再改\n", encoding="utf-8")
    git(root, "add", "B1/meetings/2026.yaml")
    parsed.clear()
    kinds: list[str] = []
    real_get = Cache.get
    monkeypatch.setattr(Cache, "get", lambda self, kind, k: kinds.append(kind) or real_get(self, kind, k))
    fast_main(["--staged", "--as-of", "2026-10-31", "-f", "parsable", "-o", str(tmp_path / "x.txt")])
    # The checked branch's roster is read again (the cache holds personal numbers only as
    # digests), and dangjian.yaml, which the run context is built from (one small file, read
    # once per command); everything else came from the cache.
    assert sorted(parsed) == ["B1/branch.yaml", "B1/meetings/2026.yaml", "B1/members.yaml", "dangjian.yaml"]
    assert kinds.count("members") == 0  # B2's roster stays on disk
    assert kinds.count("repo") == 1  # the repository-wide rules' findings came from the cache
