"""Every git call of the tool goes through here.

Rules that keep a user's argument from ever becoming a git option: a revision a user gives
is checked as a revision (`rev-parse --verify --end-of-options`) and reaches other git
commands only as the object id it resolved to; paths always come after `--`; commands are
argument lists, never a shell line.

Blobs are read by one long-lived `git cat-file --batch` per process; its header gives a
blob's size, so a blob over the limit is refused before any of it is read. Measured against
GitPython's persistent reader (docs/performance.md), this path reads the example street's
150 blobs about 4× faster and saves GitPython's import (about 0.4 s on the bench machine),
which a pre-commit run cannot afford; GitPython serves the commit history (street/history.py).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path


class GitError(Exception):
    """git cannot give what was asked (no git, not a work tree, unknown revision); in Chinese."""


def git(root: Path, *args: str, input: bytes | None = None) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, input=input, timeout=600)
    except FileNotFoundError:
        raise GitError("找不到 git 程序") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} 超时") from None
    if done.returncode != 0:
        raise GitError(f"git 出错：{done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout.decode("utf-8", "surrogateescape")


def work_tree(root: Path) -> Path:
    """The top of the git work tree holding `root`; GitError (in Chinese) when there is none."""
    try:
        bare, inside = git(root, "rev-parse", "--is-bare-repository", "--is-inside-work-tree").split()
    except (GitError, ValueError):
        raise GitError(f"{root} 不在 git 仓库中") from None
    if bare == "true" or inside != "true":
        raise GitError(f"{root} 所在的是没有工作区的 git 仓库（裸仓库），没有暂存区可查")
    return Path(git(root, "rev-parse", "--show-toplevel").strip())


def resolve(root: Path, rev: str) -> str:
    """The commit id a user's revision names; GitError when it names none."""
    if not rev or rev.startswith("-") or "\0" in rev:
        raise GitError(f"版本“{rev}”无效：应为提交号、分支名或标签，如 HEAD~1、main")
    try:
        return git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").strip()
    except GitError:
        raise GitError(f"git 中没有版本“{rev}”") from None


def git_ignored(root: Path, paths: list[str]) -> set[str]:
    """Which of `paths` git ignores (none when git cannot tell); paths go through stdin."""
    try:
        done = subprocess.run(["git", "check-ignore", "-z", "--stdin"], cwd=root, capture_output=True,
                              input="\0".join(paths).encode("utf-8") + b"\0", timeout=30)
    except (OSError, subprocess.SubprocessError):
        return set()
    return {p.decode("utf-8", "replace") for p in done.stdout.split(b"\0") if p}


class BlobTooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class BlobReader:
    """One `git cat-file --batch` per process (a pre-commit run reads a few dozen blobs, and a
    process per blob would cost more than parsing them)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._proc: subprocess.Popen | None = None
        self._pid = 0

    def read(self, sha: str, limit: int) -> bytes:
        """The blob's bytes; BlobTooLarge (nothing read) when it is over `limit` bytes."""
        if self._proc is None or self._pid != os.getpid():
            self._proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.root,
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            self._pid = os.getpid()
        proc = self._proc
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(sha.encode("ascii") + b"\n")
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            raise FileNotFoundError(sha)
        size = int(header[2])
        if size > limit:
            self.close(kill=True)  # its content is left unread in the pipe
            raise BlobTooLarge(size)
        data = proc.stdout.read(size)
        proc.stdout.read(1)  # the newline after the content
        return data

    def close(self, kill: bool = False) -> None:
        proc, self._proc = self._proc, None
        if proc is None or self._pid != os.getpid():
            return
        if kill:
            proc.kill()
        with contextlib.suppress(OSError):  # killed: the pipe may be broken
            proc.stdin.close()  # type: ignore[union-attr]
        proc.wait()
        proc.stdout.close()  # type: ignore[union-attr]
