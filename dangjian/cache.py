"""A content-addressed cache of findings, outside the record repository.

What is cached: findings per branch, per run and of the repository-wide rules; the roster
files (branch.yaml and where each member id is, in one entry; each branch's members in
its own, unpickled only when used); dangjian.yaml; and — written only by runs that check a
few branches, such as a pre-commit `--staged` run — each converted file's model objects
(FileModels), so that a branch with one changed file parses only that file again. A cold
run of the whole repository does not write them: unpickling a street's meetings and dues
costs more than a cached run is allowed to take, and pickling them would slow the cold run.
Every key includes the code digest (the tool's version and the source of every rule), so
changing either invalidates everything.

The cache lives in $DANGJIAN_CACHE_DIR, else $XDG_CACHE_HOME/dangjian, else
~/.cache/dangjian. It is never placed inside the record repository: a cache directory
there is ignored, because `validate` must not write into the records.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from pathlib import Path

FORMAT = b"dangjian-cache-2"
_CODE_DIGEST: str | None = None


def default_dir() -> Path:
    if os.environ.get("DANGJIAN_CACHE_DIR"):
        return Path(os.environ["DANGJIAN_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "dangjian"
    return Path.home() / ".cache" / "dangjian"


def code_digest() -> str:
    """The tool's version and every source and data file of the package, hashed."""
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
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
        _CODE_DIGEST = h.hexdigest()
    return _CODE_DIGEST


def key(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass") + b"\x1f")
    return h.hexdigest()


def file_digest(data: bytes) -> str:
    """Git's blob id of the bytes, so that work-tree runs and `--staged` runs share entries."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class Cache:
    """Pickled values under hex keys, written atomically; a broken entry is a miss."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.writes = 0

    @classmethod
    def for_repository(cls, root: Path, directory: Path | None = None) -> Cache | None:
        """The cache for a repository, or None when it would sit inside the repository."""
        directory = (directory or default_dir()).expanduser()
        try:
            if directory.resolve().is_relative_to(root.resolve()):
                return None
        except OSError:
            return None
        return cls(directory)

    def _path(self, kind: str, k: str) -> Path:
        return self.dir / kind / k[:2] / k[2:]

    def get(self, kind: str, k: str):
        try:
            with open(self._path(kind, k), "rb") as fh:
                return pickle.load(fh)
        except Exception:  # missing, truncated by a crash, or from an incompatible version
            return None

    def put(self, kind: str, k: str, value) -> None:
        target = self._path(kind, k)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            self.writes += 1
        except OSError:
            pass  # a read-only or full disk only costs speed


class Recording:
    """A Source that logs every file asked for — read, missing or unreadable — so that a
    cached result can list every file it depended on (see engine.validate_repository)."""

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
