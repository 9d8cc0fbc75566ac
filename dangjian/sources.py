"""Where record bytes come from: the work tree, the git index, or a git revision.

The loader reads only through a Source, so `validate --staged` and history commands
see exactly what git holds without checking anything out.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def is_record_candidate(rel: str) -> bool:
    """YAML files outside hidden directories (.git, .github, .dangjian …) and not hidden."""
    return rel.endswith((".yaml", ".yml")) and not any(part.startswith(".") for part in rel.split("/"))


class WorkTree:
    """Files under a directory on disk. Paths are POSIX, relative to the repository root."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def files(self) -> list[str]:
        out = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("node_modules",))
            rel_dir = Path(dirpath).relative_to(self.root).as_posix()
            for name in filenames:
                rel = name if rel_dir == "." else f"{rel_dir}/{name}"
                if is_record_candidate(rel):
                    out.append(rel)
        return sorted(out)

    def read(self, rel: str) -> bytes:
        path = self.root / rel
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(self.root.resolve()):
                raise PermissionError("符号链接指向记录库之外，已拒绝读取")
        return path.read_bytes()


class GitTree:
    """Files as git holds them: the index (`rev=None`) or a revision, read as blobs."""

    def __init__(self, root: Path, rev: str | None = None) -> None:
        self.root = root
        self.rev = rev
        top = self._git("rev-parse", "--show-toplevel").strip()
        self.top = Path(top)
        self.prefix = self.root.resolve().relative_to(self.top.resolve()).as_posix()
        self._blobs: dict[str, str] = {}
        if rev is None:
            listing = self._git("ls-files", "-s", "-z", "--", ".")
            for entry in filter(None, listing.split("\0")):
                meta, path = entry.split("\t", 1)
                self._add(path, meta.split()[1])
        else:
            listing = self._git("ls-tree", "-r", "-z", rev, "--", ".")
            for entry in filter(None, listing.split("\0")):
                meta, path = entry.split("\t", 1)
                self._add(path, meta.split()[2])

    def _add(self, top_rel: str, sha: str) -> None:
        rel = top_rel if self.prefix == "." else top_rel[len(self.prefix) + 1:] \
            if top_rel.startswith(self.prefix + "/") else None
        if rel and is_record_candidate(rel):
            self._blobs[rel] = sha

    def _git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.root, check=True, capture_output=True,
                              text=True, encoding="utf-8").stdout

    def files(self) -> list[str]:
        return sorted(self._blobs)

    def read(self, rel: str) -> bytes:
        return subprocess.run(["git", "cat-file", "blob", self._blobs[rel]], cwd=self.root, check=True,
                              capture_output=True).stdout

    def changed_since(self, rev: str | None) -> list[str]:
        """Paths (relative to the root) staged against HEAD (`rev=None`) or changed since `rev`."""
        args = ["diff", "--name-only", "-z", "--diff-filter=ACMRD", "--relative"]
        args += ["--cached"] if rev is None else [rev]
        try:
            out = self._git(*args, "--", ".")
        except subprocess.CalledProcessError:  # no commits yet: everything staged is new
            return self.files()
        return sorted(p for p in out.split("\0") if p and is_record_candidate(p))
