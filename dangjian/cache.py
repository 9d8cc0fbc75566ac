"""A content-addressed cache of findings, outside the record repository.

What is cached: findings per branch, per run and of the repository-wide rules; the roster
files (branch.yaml and where each member id is, in one entry; each branch's members in
its own, read only when used); dangjian.yaml; and — written only by runs that check a
few branches, such as a pre-commit `--staged` run — each converted file's model objects
(FileModels), so that a branch with one changed file parses only that file again. A cold
run of the whole repository does not write them. Every key includes the code digest (the
tool's version and the source of every rule), so changing either invalidates everything.

Entries are JSON (see cacheformat: no pickle, personal numbers only as keyed digests), and
the cache is used only when its directory is the user's own and writable by no one else.
It lives in $DANGJIAN_CACHE_DIR, else $XDG_CACHE_HOME/dangjian, else ~/.cache/dangjian,
never inside the record repository (`validate` must not write into the records).
`dangjian cache clear` and `make clean` remove it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import secrets
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path

from dangjian.cachedir import default_dir

FORMAT = b"dangjian-cache-3"
KINDS = ("config", "run", "rosters", "members", "branch", "repo", "file", "index")
SECRET_FILE = "digest-key"  # keys the digests of personal numbers; never leaves the cache


@functools.cache  # the code does not change while the program runs
def code_digest() -> str:
    """The tool's version and every source and data file of the package, hashed."""
    from dangjian import __version__

    package = Path(__file__).resolve().parent
    h = hashlib.blake2b(FORMAT + __version__.encode(), digest_size=16)
    for dirpath, dirnames, filenames in os.walk(package):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".py", ".json", ".yaml")):
                path = Path(dirpath, name)
                h.update(path.relative_to(package).as_posix().encode() + b"\0")
                h.update(path.read_bytes())
    return h.hexdigest()


def key(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass") + b"\x1f")
    return h.hexdigest()


def file_digest(data: bytes) -> str:
    """Git's blob id of the bytes, so that work-tree runs and `--staged` runs share entries."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def unsafe_reason(directory: Path) -> str | None:
    """Why a cache directory must not be trusted (None: it is the user's own and private)."""
    if not hasattr(os, "getuid"):
        return None
    try:
        st = directory.lstat()
    except OSError:
        return None  # created by us, private
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        return "不是普通目录"
    if st.st_uid != os.getuid():
        return "不属于当前用户"
    if st.st_mode & 0o022:
        return "其他用户可以写入"
    return None


def clear(directory: Path | None = None) -> int:
    """Remove the cache's own entries (never anything else in the directory); files removed."""
    directory = (directory or default_dir()).expanduser()
    removed = 0
    for name in (*KINDS, SECRET_FILE):
        path = directory / name
        if path.is_dir() and not path.is_symlink():
            removed += sum(len(files) for _d, _s, files in os.walk(path))
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists() or path.is_symlink():
            path.unlink()
            removed += 1
    with contextlib.suppress(OSError):
        directory.rmdir()  # only when nothing else is left in it
    return removed


class Cache:
    """JSON values under hex keys, written atomically; a broken or foreign entry is a miss."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.writes = 0
        self._codec = None

    @classmethod
    def for_repository(cls, root: Path, directory: Path | None = None) -> Cache | None:
        """The cache for a repository, or None when it would sit inside the repository or
        its directory is not the user's own (then it is not used, with a warning)."""
        directory = (directory or default_dir()).expanduser()
        try:
            if directory.resolve().is_relative_to(root.resolve()):
                return None
        except OSError:
            return None
        reason = unsafe_reason(directory)
        if reason is not None:
            print(f"dangjian：缓存目录 {directory} {reason}，本次不使用缓存", file=sys.stderr)
            return None
        return cls(directory)

    @property
    def codec(self):
        if self._codec is None:
            from dangjian.cacheformat import Codec

            self._codec = Codec(self._secret())
        return self._codec

    def _secret(self) -> bytes:
        path = self.dir / SECRET_FILE
        try:
            data = path.read_bytes()
            if len(data) == 32:
                return data
        except OSError:
            pass
        data = secrets.token_bytes(32)
        try:
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError:
            pass  # no cache can be written either: the key is only for this run
        return data

    def _path(self, kind: str, k: str) -> Path:
        return self.dir / kind / k[:2] / k[2:]

    def get(self, kind: str, k: str):
        try:
            with open(self._path(kind, k), "rb") as fh:
                return self.codec.loads(fh.read())
        except Exception:  # missing, truncated by a crash, foreign or from an older version
            return None

    def put(self, kind: str, k: str, value) -> None:
        from dangjian.cacheformat import NotStorable

        try:
            data = self.codec.dumps(value)
        except (NotStorable, RecursionError):
            return  # holds a personal number (or a type the cache does not store): recomputed next time
        target = self._path(kind, k)
        try:
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            self.writes += 1
        except OSError:
            pass  # a read-only or full disk only costs speed


class Recording:
    """A Source that logs every file asked for — read, missing or unreadable — so that a
    cached result can list every file it depended on (see incremental.py)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.log: set[str] = set()

    def read(self, rel: str) -> bytes:
        self.log.add(rel)
        return self.inner.read(rel)

    def note(self, rel: str) -> None:
        """A file whose content was taken from the cache instead of being read."""
        self.log.add(rel)

    def take(self) -> set[str]:
        """The files asked for since the last take."""
        log, self.log = self.log, set()
        return log

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


class FileModels:
    """One file's model object and load problems by the file's digest (see loader.load_file).

    Reading is always allowed; `write` is set only when few branches are recomputed, so a
    cold run of the whole repository does not pay for pickling every document."""

    def __init__(self, cache: Cache, code: str, digests: dict[str, str | None], write: bool,
                 seen=None) -> None:
        self.cache = cache
        self.code = code
        self.digests = digests
        self.write = write
        self.seen = seen  # told of every file whose model comes from the cache

    def _key(self, rel: str, cls: type, engine: str) -> str | None:
        digest = self.digests.get(rel)
        return key("file", self.code, rel, digest, cls.__qualname__, engine) if digest else None

    def get(self, rel: str, cls: type, engine: str) -> tuple | None:
        k = self._key(rel, cls, engine)
        hit = self.cache.get("file", k) if k else None
        if not (isinstance(hit, tuple) and len(hit) == 2):
            return None
        if self.seen is not None:
            self.seen(rel)
        return hit

    def put(self, rel: str, cls: type, engine: str, value: tuple) -> None:
        k = self._key(rel, cls, engine)
        if k and self.write:
            self.cache.put("file", k, value)


class StatIndex:
    """Remembers (size, mtime, ctime, inode) → digest per file, as git's index does, so that
    an unchanged work tree is not read again. A file modified within the last two seconds
    of the index being written is hashed again (a racy edit could keep its mtime)."""

    RACY_NS = 2_000_000_000

    def __init__(self, cache: Cache | None, root: Path) -> None:
        self.cache = cache
        self.key = key("stat-index", str(root.resolve()))
        self.entries: dict = {}
        self.written_ns = 0
        if cache is not None:
            stored = cache.get("index", self.key)
            if isinstance(stored, tuple) and len(stored) == 2:
                self.written_ns, self.entries = stored
        self.fresh: dict = {}
        self.changed = False

    def lookup(self, rel: str, st: os.stat_result) -> str | None:
        signature = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        entry = self.entries.get(rel)
        if entry and entry[0] == signature and st.st_mtime_ns < self.written_ns - self.RACY_NS:
            self.fresh[rel] = entry
            return entry[1]
        return None

    def record(self, rel: str, st: os.stat_result, digest: str) -> None:
        self.fresh[rel] = ((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino), digest)
        self.changed = True

    def save(self) -> None:
        if self.cache is not None and (self.changed or len(self.fresh) != len(self.entries)):
            self.cache.put("index", self.key, (time.time_ns(), self.fresh))
