"""One writer at a time per record repository.

Every command that reads a record file, changes it and writes it back (dues pay, dues assess
--write, schedule --write, the imports) does so inside `record_lock(root)`: an exclusive lock
on `.dangjian-lock` in the repository, taken before the records are read, so that the file
is read again under the lock and two writers cannot both start from the same old version
(one payment would be lost). A second writer waits for the first (up to
DANGJIAN_LOCK_TIMEOUT seconds, default 60) and then fails with a Chinese message.

Holding the lock, no other writer is running, so temporary files (`.dangjian-tmp-*.yaml.*`)
beside record files are what a killed writer left: they are removed.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

from dangjian.emit import TMP_PREFIX

LOCK_NAME = ".dangjian-lock"


class LockTimeout(Exception):
    """Another writer held the repository too long; the message is Chinese."""


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _timeout() -> float:
    try:
        return float(os.environ.get("DANGJIAN_LOCK_TIMEOUT", "60"))
    except ValueError:
        return 60.0


@contextlib.contextmanager
def record_lock(root: Path):
    """Hold the repository's write lock; wait for another writer, then fail clearly."""
    path = Path(root) / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd):
            print("dangjian：另一个 dangjian 命令正在修改此记录库，等待它完成……", file=sys.stderr)
            deadline = time.monotonic() + _timeout()
            while not _try_lock(fd):
                if time.monotonic() > deadline:
                    raise LockTimeout(f"另一个 dangjian 命令一直在修改记录库（{path.parent}），等待超时，本次未写入任何内容；"
                                      f"请等它完成后重试（如确认没有其他命令在运行，可删除 {LOCK_NAME} 后重试）")
                time.sleep(0.05)
        remove_leftovers(Path(root))
        yield
    finally:
        os.close(fd)  # closing releases the lock


def remove_leftovers(root: Path) -> int:
    """Remove temporary copies of record files that a killed writer left behind."""
    removed = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != ".git"]
        for name in filenames:
            if name.startswith(TMP_PREFIX) and ".yaml." in name:
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(dirpath, name))
                    removed += 1
    return removed
