"""Where record bytes come from: the work tree, the git index, or a git revision.

The loader reads only through a Source, so `validate --staged` and history commands
see exactly what git holds without checking anything out. A Source also gives each file's
content digest (git's blob id, or a hash remembered by size and mtime) so that the cache
can tell what changed without reading everything again.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from dangjian.limits import MAX_FILE_BYTES

# Generated documents that may carry personal numbers (checked by the privacy rule).
DOCUMENT_SUFFIXES = (".md", ".markdown", ".csv", ".txt", ".html", ".htm", ".docx", ".xlsx", ".tsv")


def _utf8(name: str) -> bool:
    return name.isascii() or not any("\udc80" <= c <= "\udcff" for c in name)


def shown_path(rel: str) -> str:
    """A path as text that can be shown and written: bytes that are not UTF-8 as \\xNN."""
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


def _visible(rel: str) -> bool:
    return not any(part.startswith(".") for part in rel.split("/"))


def is_record_candidate(rel: str) -> bool:
    """YAML files outside hidden directories (.git, .github, .dangjian …) and not hidden."""
    return rel.endswith((".yaml", ".yml")) and _visible(rel)


def is_document(rel: str) -> bool:
    return rel.lower().endswith(DOCUMENT_SUFFIXES) and _visible(rel)


class WorkTree:
    """Files under a directory on disk. Paths are POSIX, relative to the repository root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: list[str] | None = None
        self._documents: list[str] = []
        self.undecodable: list[str] = []  # names that are not UTF-8, escaped (see _walk)

    def _walk(self) -> None:
        out, docs, undecodable = [], [], []
        for dirpath, dirnames, filenames in os.walk(self.root):
            rel_dir = Path(dirpath).relative_to(self.root).as_posix()

            def rel_of(name: str, rel_dir: str = rel_dir) -> str:
                return name if rel_dir == "." else f"{rel_dir}/{name}"

            # A name that is not UTF-8 (os.walk gives its bytes as surrogates) can be neither shown,
            # nor written to a page, a report or the cache: it is named, escaped, as one finding.
            undecodable += [shown_path(rel_of(n)) for n in (*dirnames, *filenames)
                            if not n.startswith(".") and not _utf8(n) and (n in dirnames or is_record_candidate(n))]
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("node_modules",)
                                 and _utf8(d))
            for name in filenames:
                rel = rel_of(name)
                if not _utf8(name):
                    continue
                if is_record_candidate(rel):
                    out.append(rel)
                elif is_document(rel):
                    docs.append(rel)
        self._files, self._documents, self.undecodable = sorted(out), sorted(docs), sorted(undecodable)

    def files(self) -> list[str]:
        if self._files is None:
            self._walk()
        return list(self._files or [])

    def documents(self) -> list[str]:
        """Non-YAML documents that git would commit (ignored ones are left out when git can tell)."""
        if self._files is None:
            self._walk()
        docs = self._documents
        if docs and _inside_git(self.root):
            from dangjian.gitio import git_ignored

            skip = git_ignored(self.root, docs)
            docs = [d for d in docs if d not in skip]
        return docs

    def _checked(self, rel: str) -> Path:
        path = self.root / rel
        if path.is_symlink():
            # realpath, not Path.resolve(): a link to itself must be a finding, not a RuntimeError
            target = Path(os.path.realpath(path))
            if not target.is_relative_to(Path(os.path.realpath(self.root))):
                raise PermissionError("符号链接指向记录库之外，已拒绝读取")
        return path

    def read(self, rel: str) -> bytes:
        return read_regular(self._checked(rel))[0]

    def digests(self, rels: list[str], index=None) -> dict[str, str | None]:
        """Content digest per file (None for a file that cannot be read: it is never cached)."""
        from dangjian.cache import file_digest

        out: dict[str, str | None] = {}
        for rel in rels:
            try:
                path = self._checked(rel)
                st = path.stat()
                digest = index.lookup(rel, st) if index is not None and stat.S_ISREG(st.st_mode) else None
                if digest is None:
                    data, st = read_regular(path)
                    digest = file_digest(data)
                    if index is not None:
                        index.record(rel, st, digest)
                out[rel] = digest
            except OSError:  # unreadable, not a regular file, too large: never cached
                out[rel] = None
        return out


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its status, or OSError (with a Chinese message for what
    is not a regular file or is too large). A FIFO named *.yaml would block the open and the
    read for ever, and a device such as /dev/zero never ends: the kind and size are checked
    before anything is read, on the file actually opened (fstat), and no more than `limit`
    bytes are ever read, even from a file that grows meanwhile."""
    if not stat.S_ISREG(os.stat(path).st_mode):  # before opening: opening a device can act on it
        raise NotRegularFile(os.stat(path).st_mode)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                 | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped between the check and the open
            raise NotRegularFile(st.st_mode)
        if st.st_size > limit:
            raise FileTooLarge(st.st_size)
        chunks, total = [], 0
        while chunk := os.read(fd, min(limit + 1 - total, 1 << 20)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileTooLarge(total)
        return b"".join(chunks), st
    finally:
        os.close(fd)


class NotRegularFile(OSError):
    def __init__(self, mode: int) -> None:
        kind = ("命名管道（FIFO）" if stat.S_ISFIFO(mode) else "设备文件" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "目录" if stat.S_ISDIR(mode) else "套接字" if stat.S_ISSOCK(mode) else "特殊文件")
        super().__init__(f"这不是普通文件，而是{kind}，未读取；台账只能是普通的 YAML 文件")


class FileTooLarge(OSError):
    def __init__(self, size: int) -> None:
        super().__init__(f"文件过大（{size / 1024 / 1024:.1f} MB），超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限，"
                         "未读取；台账文件应按年份拆分")
        self.size = size


def _inside_git(root: Path) -> bool:
    return any((p / ".git").exists() for p in (root.resolve(), *root.resolve().parents))


class GitTree:
    """Files as git holds them: the index (`rev=None`) or a commit id (see gitio.resolve), read
    as blobs through one `git cat-file --batch`. A bare repository has no index: GitError."""

    def __init__(self, root: Path, rev: str | None = None) -> None:
        from dangjian import gitio

        self.root = root
        self.rev = rev
        self.top = gitio.work_tree(root) if rev is None else Path(
            gitio.git(root, "rev-parse", "--show-toplevel").strip())
        self.prefix = self.root.resolve().relative_to(self.top.resolve()).as_posix()
        self._blobs: dict[str, str] = {}
        self._docs: dict[str, str] = {}
        self.undecodable: list[str] = []  # names that are not UTF-8, escaped (as WorkTree)
        self._reader = gitio.BlobReader(root)
        if rev is None:
            listing = gitio.git(root, "ls-files", "-s", "-z", "--full-name", "--", ".")
            for entry in filter(None, listing.split("\0")):
                meta, path = entry.split("\t", 1)
                self._add(path, meta.split()[1])
        else:
            listing = gitio.git(root, "ls-tree", "-r", "-z", "--full-name", "--end-of-options",
                                gitio.resolve(root, rev), "--", ".")
            for entry in filter(None, listing.split("\0")):
                meta, path = entry.split("\t", 1)
                self._add(path, meta.split()[2])

    def _add(self, top_rel: str, sha: str) -> None:
        rel = top_rel if self.prefix == "." else top_rel[len(self.prefix) + 1:] \
            if top_rel.startswith(self.prefix + "/") else None
        if rel and not _utf8(rel):
            if is_record_candidate(rel):
                self.undecodable.append(shown_path(rel))
        elif rel and is_record_candidate(rel):
            self._blobs[rel] = sha
        elif rel and is_document(rel):
            self._docs[rel] = sha

    def files(self) -> list[str]:
        return sorted(self._blobs)

    def documents(self) -> list[str]:
        return sorted(self._docs)

    def digests(self, rels: list[str], index=None) -> dict[str, str | None]:
        table = {**self._docs, **self._blobs}
        return {rel: table.get(rel) for rel in rels}

    def read(self, rel: str) -> bytes:
        """A blob's bytes; a blob over the size limit is refused by its size, unread."""
        from dangjian.gitio import BlobTooLarge

        sha = self._blobs.get(rel) or self._docs[rel]
        try:
            return self._reader.read(sha, MAX_FILE_BYTES)
        except BlobTooLarge as exc:
            raise FileTooLarge(exc.size) from None

    def close(self) -> None:
        self._reader.close()

    def changed_since(self, rev: str | None) -> list[str]:
        """Paths (relative to the root) staged against HEAD (`rev=None`) or changed since `rev`."""
        from dangjian import gitio

        args = ["diff", "--name-only", "-z", "--diff-filter=ACMRD", "--relative"]
        if rev is None:
            try:
                gitio.resolve(self.root, "HEAD")
            except gitio.GitError:  # no commits yet: everything staged is new
                return self.files()
            args.append("--cached")
        else:
            args += ["--end-of-options", gitio.resolve(self.root, rev)]
        out = gitio.git(self.root, *args, "--", ".")
        return sorted(p if _utf8(p) else shown_path(p) for p in out.split("\0") if p and is_record_candidate(p))
