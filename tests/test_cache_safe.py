"""The cache is data, never code, holds no personal number in clear, and can be removed."""

from __future__ import annotations

import os
import pickle
import re

import pytest
from test_cache import BROKEN, lines

from conftest import AS_OF, make_repo, validated
from dangjian.cache import Cache

# A meeting topic with numbers embedded in longer tokens (not a personal-number field).
EMBEDDED = "ID339903193702238811 手机8615381149647"


def numbers_in(root) -> set[str]:
    """Every ID and phone number written in the repository's records."""
    found: set[str] = set()
    for path in root.rglob("*.yaml"):
        found |= set(re.findall(r"\d{11,17}[\dXx]?", path.read_text(encoding="utf-8")))
    return {n for n in found if len(n) >= 11}


def cache_bytes(directory) -> bytes:
    return b"".join(p.read_bytes() for p in directory.rglob("*") if p.is_file())


@pytest.fixture
def repo(tmp_path):
    root = make_repo(tmp_path, BROKEN)
    meetings = root / "B1/meetings/2026.yaml"
    text = meetings.read_text(encoding="utf-8")
    topic = re.search(r"主题: (.+)", text).group(1)
    meetings.write_text(text.replace(topic, f"{topic}（{EMBEDDED}）", 1), encoding="utf-8")
    return root


def test_no_personal_number_reaches_the_cache(repo, tmp_path) -> None:
    cache = Cache(tmp_path / "cache")
    plain = lines(validated(repo))
    assert lines(validated(repo, cache)) == plain
    # An edit in one branch: the run that follows keeps its files' model objects too.
    (repo / "B1/applicants.yaml").write_text("入党申请人: []\n", encoding="utf-8")
    validated(repo, cache)
    assert lines(validated(repo, cache)) \
        == lines(validated(repo))
    numbers = numbers_in(repo) | {"339903193702238811", "8615381149647", "15381149647"}
    assert {"330102197204180012", "330102197204180013"} <= numbers
    stored = cache_bytes(tmp_path / "cache")
    assert len(stored) > 1000 and list((tmp_path / "cache").glob("members/*/*"))
    assert not [n for n in numbers if n.encode() in stored]


class Payload:
    """Unpickling this would create a file: proof that a planted file ran code."""

    def __init__(self, marker) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_planted_files_run_no_code_and_change_no_answer(repo, tmp_path) -> None:
    directory = tmp_path / "cache"
    validated(repo, Cache(directory))
    marker = tmp_path / "ran"
    planted = [p for p in directory.rglob("*") if p.is_file() and p.parent != directory]
    assert len(planted) > 5
    for i, path in enumerate(planted):
        path.write_bytes(pickle.dumps(Payload(marker)) if i % 2 else
                         b'{"c":["Popen","args",{"t":["touch","x"]}]}')
    found = validated(repo, Cache(directory))
    assert not marker.exists()
    assert lines(found) == lines(validated(repo))


def test_a_directory_others_can_write_is_not_used(repo, tmp_path, capsys) -> None:
    directory = tmp_path / "shared"
    directory.mkdir()
    directory.chmod(0o777)
    assert Cache.for_repository(repo, directory) is None
    assert "其他用户可以写入" in capsys.readouterr().err
    directory.chmod(0o700)
    assert Cache.for_repository(repo, directory) is not None


def test_cache_clear_removes_only_the_cache(repo, tmp_path, monkeypatch, cli) -> None:
    directory = tmp_path / "cache"
    monkeypatch.setenv("DANGJIAN_CACHE_DIR", str(directory))
    assert cli("validate", str(repo), "--as-of", AS_OF.isoformat()).exit_code == 1
    assert list(directory.glob("run/*/*"))
    (directory / "notes.txt").write_text("mine", encoding="utf-8")
    result = cli("cache", "clear")
    assert result.exit_code == 0 and "已清除缓存" in result.output
    assert [p.name for p in directory.iterdir()] == ["notes.txt"]
    (directory / "notes.txt").unlink()
    assert cli("cache", "clear").exit_code == 0 and not directory.exists()


def test_a_finding_quoting_a_number_is_cached_sealed(repo, tmp_path, monkeypatch) -> None:
    """An unquoted ID number gives a finding that quotes it. The run is cached all the same, with the
    number sealed: the next run computes nothing, answers the same, and the cache holds no number
    in clear (before, such an entry was not stored, so every later run recomputed it)."""
    roster = repo / "B1/members.yaml"
    text = roster.read_text(encoding="utf-8")
    number = re.search(r'身份证号: "(\d{17}[\dX])"', text).group(1)
    roster.write_text(text.replace(f'身份证号: "{number}"', f"身份证号: {number}", 1), encoding="utf-8")
    from dangjian import incremental

    computed: list = []
    real = incremental.compute
    monkeypatch.setattr(incremental, "compute", lambda branches, *a: computed.extend(branches) or real(branches, *a))
    cache = Cache(tmp_path / "cache")
    first = lines(validated(repo, cache))
    assert any(number in line for line in first)  # masked only where it leaves the program
    assert computed
    computed.clear()
    assert lines(validated(repo, cache)) == first == lines(validated(repo))
    assert computed == []  # the whole run came from the cache
    assert number.encode() not in cache_bytes(tmp_path / "cache")


def test_sealing_gives_back_the_exact_text() -> None:
    from dangjian.cacheformat import Codec

    codec = Codec(b"k" * 32)
    for text in ("ID339903193702238811 手机8615381149647", "12345678901", "a1234567890123456789012345b",
                 "号码 330102197204180012X 与 13800000000", "只有 1234567890 十位"):
        data = codec.dumps(text)
        assert codec.loads(data) == text
        assert not re.search(rb"\d{11}", data)
