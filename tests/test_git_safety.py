"""What a user gives to git stays a revision or a path, and git input is bounded."""

from __future__ import annotations

import shutil
import tracemalloc

import pytest
from test_cli import git

from conftest import make_repo
from dangjian import gitio
from dangjian.commands.validate import fast_main
from dangjian.sources import MAX_FILE_BYTES, FileTooLarge, GitTree


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = make_repo(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("since", ["--output=B1/members.yaml", "-p", "--", ""])
def test_since_is_checked_as_a_revision(repo, capsys, since) -> None:
    roster = (repo / "B1/members.yaml").read_bytes()
    assert fast_main([f"--since={since}", "--as-of", "2026-10-31"]) == 2
    err = capsys.readouterr().err
    assert "--since 无法使用" in err and "版本" in err
    assert (repo / "B1/members.yaml").read_bytes() == roster
    assert git(repo, "status", "--porcelain").stdout == ""


def test_since_through_typer_is_checked_too(repo, cli) -> None:
    roster = (repo / "B1/members.yaml").read_bytes()
    result = cli("validate", "--since=--output=B1/members.yaml")
    assert result.exit_code == 2 and "版本" in result.output
    assert (repo / "B1/members.yaml").read_bytes() == roster


def test_since_an_unknown_revision_is_a_usage_error(repo, capsys) -> None:
    assert fast_main(["--since", "no-such-branch"]) == 2
    assert "git 中没有版本“no-such-branch”" in capsys.readouterr().err
    assert fast_main(["--since", "HEAD", "--as-of", "2026-10-31"]) == 0


def test_resolve_refuses_options_and_accepts_revisions(repo) -> None:
    head = git(repo, "rev-parse", "HEAD").stdout.strip()
    assert gitio.resolve(repo, "HEAD") == head
    for bad in ("--all", "-h", "HEAD\0x", "nothing"):
        with pytest.raises(gitio.GitError):
            gitio.resolve(repo, bad)


def test_staged_in_a_bare_repository_is_a_usage_error(repo, tmp_path, capsys, monkeypatch) -> None:
    git(repo, "config", "core.bare", "true")
    assert fast_main(["--staged"]) == 2
    assert "裸仓库" in capsys.readouterr().err
    bare = tmp_path / "bare"
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(bare))
    shutil.copy(repo / "dangjian.yaml", bare / "dangjian.yaml")
    monkeypatch.chdir(bare)
    assert fast_main(["--staged"]) == 2
    assert "裸仓库" in capsys.readouterr().err


def test_a_huge_staged_blob_is_refused_by_its_size_unread(repo, capsys) -> None:
    big = repo / "B1/trainings/2024.yaml"
    with big.open("wb") as fh:
        fh.write(b"# " + b"x" * (MAX_FILE_BYTES + 1024 * 1024) + b"\n")
    git(repo, "add", "B1/trainings/2024.yaml")
    big.write_text("培训: []\n", encoding="utf-8")  # the work tree is fine; the index is not
    tree = GitTree(repo)
    tracemalloc.start()
    try:
        with pytest.raises(FileTooLarge):
            tree.read("B1/trainings/2024.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024  # the 17 MB were never read into memory
    assert tree.read("B1/branch.yaml").startswith("编号".encode())  # the reader starts again
    tree.close()
    assert fast_main(["--staged", "--as-of", "2026-10-31", "-f", "parsable"]) == 1
    out = capsys.readouterr().out
    assert "B1/trainings/2024.yaml" in out and "file-unreadable" in out and "过大" in out
