"""Where record bytes come from: the work tree, the git index, or a git revision.

The loader reads only through a Source, so `validate --staged` and history commands
see exactly what git holds without checking anything out. A Source also gives each file's
content digest (git's blob id, or a hash remembered by size and mtime) so that the cache
can tell what changed without reading everything again.
"""

from __future__ import annotations

import os
from pathlib import Path

from dangjian.limits import MAX_FILE_BYTES

# Generated documents that may carry personal numbers (checked by the privacy rule).
DOCUMENT_SUFFIXES = (".md", ".markdown", ".csv", ".txt", ".html", ".htm", ".docx", ".xlsx", ".tsv")


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

    def _walk(self) -> None:
        out, docs = [], []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("node_modules",))
            rel_dir = Path(dirpath).relative_to(self.root).as_posix()
            for name in filenames:
                rel = name if rel_dir == "." else f"{rel_dir}/{name}"
                if is_record_candidate(rel):
                    out.append(rel)
                elif is_document(rel):
                    docs.append(rel)
        self._files, self._documents = sorted(out), sorted(docs)

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
            target = path.resolve()
            if not target.is_relative_to(self.root.resolve()):
                raise PermissionError("符号链接指向记录库之外，已拒绝读取")
        return path

    def read(self, rel: str) -> bytes:
        path = self._checked(rel)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileTooLarge(size)
        return path.read_bytes()

    def digests(self, rels: list[str], index=None) -> dict[str, str | None]:
        """Content digest per file (None for a file that cannot be read: it is never cached)."""
        from dangjian.cache import file_digest

        out: dict[str, str | None] = {}
        for rel in rels:
            try:
                path = self._checked(rel)
                st = path.stat()
                digest = index.lookup(rel, st) if index is not None else None
                if digest is None:
                    if st.st_size > MAX_FILE_BYTES:
                        out[rel] = None
                        continue
                    digest = file_digest(path.read_bytes())
                    if index is not None:
                        index.record(rel, st, digest)
                out[rel] = digest
            except OSError:
                out[rel] = None
        return out


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
        if rel and is_record_candidate(rel):
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
        return sorted(p for p in out.split("\0") if p and is_record_candidate(p))
