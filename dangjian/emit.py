"""The one place where text leaves the program: the screen (stdout, stderr, tracebacks
included) and every output file (`-o` of validate, report, site, schedule …).

- Masking: every ID-shaped and mobile-shaped number is masked here (dangjian.privacy.mask_text),
  whatever produced it — a finding, a report, a dashboard page, an error message, a
  traceback. `MASKING` is the run's masking policy; `--unmasked` turns it off for the run.
- Terminal safety: on the screen, control characters other than newline, tab and colour
  codes, and bidi controls, are written as visible escapes (`\\x1b`, `\\u202e`), so a record
  cannot clear the screen, forge a CI workflow command or reorder what is shown.
- Encoding: human text is written in the console's encoding with `\\xNN`-style escapes for
  what it cannot show (a GBK console never gives a traceback); machine formats (json, sarif,
  gitlab, parsable) are always UTF-8 bytes (`machine_stdout`).
- Files: written to a temporary file beside the target (named `.dangjian-tmp-*`, which the
  .gitignore of `dangjian init` covers) and renamed, so a full or read-only disk leaves no
  partial or empty file; an existing file is replaced only when this tool made it (or with
  --force), and never a record file inside the record repository.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dangjian.cachedir import default_dir

MACHINE_FORMATS = ("json", "sarif", "gitlab", "parsable", "ics")
TMP_PREFIX = ".dangjian-tmp-"
RECORD_SUFFIXES = (".yaml", ".yml", ".j2", ".docx.j2")


@dataclass
class MaskingPolicy:
    """Whether personal numbers are masked in what the program writes (the run's policy)."""

    mask: bool = True


MASKING = MaskingPolicy()


def set_masking(mask: bool) -> None:
    MASKING.mask = mask


@contextlib.contextmanager
def masking(mask: bool):
    """The masking policy for the duration of a command."""
    before = MASKING.mask
    MASKING.mask = mask
    try:
        yield
    finally:
        MASKING.mask = before


@contextlib.contextmanager
def guarded(mask: bool = True):
    """Stdout and stderr through the guard, and the masking policy, for one command."""
    saved = install()
    try:
        with masking(mask):
            yield
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
    finally:
        restore(saved)


def guard(text: str) -> str:
    """`text` as it may leave the program under the masking policy."""
    if not MASKING.mask:
        return text
    from dangjian.privacy import mask_text

    return mask_text(text)


# C0 controls but tab and newline, DEL, C1 controls; an SGR colour code is kept whole.
_SGR = r"\x1b\[[0-9;]*m"
_CONTROL = re.compile(rf"({_SGR})|[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match) -> str:
    if match.group(1):
        return match.group(1)
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def sanitize_terminal(text: str) -> str:
    """Control and bidi characters written as visible escapes; colour codes kept."""
    return _CONTROL.sub(_visible, text)


_FIELD_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_field(text: str, keep_newlines: bool = False) -> str:
    """A one-line field (a finding's message, a topic quoted in one) with every control and
    bidi character as a visible escape, newlines included unless `keep_newlines`."""
    if not text or not _FIELD_CONTROL.search(text):
        return text

    def one(match: re.Match) -> str:
        char = match.group(0)
        if keep_newlines and char == "\n":
            return char
        if char in _NAMED:
            return _NAMED[char]
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _FIELD_CONTROL.sub(one, text)


# --- the screen ------------------------------------------------------------------------------

class GuardedStream:
    """A text stream that masks, makes controls visible and encodes what it is given.

    Text is held until a newline, so that a number is never split between two writes and
    escapes unmasked; a very long line is passed on in pieces cut between tokens."""

    HOLD = 1 << 16

    def __init__(self, raw) -> None:
        self.raw = raw
        self.machine = False
        self._pending = ""

    # click checks these to decide whether it can write text to us directly
    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._pending += text
        if "\n" in text or len(self._pending) > self.HOLD:
            self._drain(final=False)
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def _drain(self, final: bool) -> None:
        text = self._pending
        if not final:
            cut = text.rfind("\n") + 1
            if cut == 0:
                cut = max(len(text) - 64, 0)
                while cut > 0 and text[cut - 1].isalnum():
                    cut -= 1
            text, self._pending = text[:cut], text[cut:]
        else:
            self._pending = ""
        if text:
            self._out(text)

    def _out(self, text: str) -> None:
        text = guard(text)
        if not self.machine:
            text = sanitize_terminal(text)
        buffer = getattr(self.raw, "buffer", None)
        if buffer is None:
            self.raw.write(text)
            return
        encoding = "utf-8" if self.machine else (getattr(self.raw, "encoding", None) or "utf-8")
        if not self.machine and os.linesep != "\n":
            text = text.replace("\n", os.linesep)
        self.raw.flush()
        buffer.write(text.encode(encoding, "backslashreplace"))

    def flush(self) -> None:
        self._drain(final=True)
        buffer = getattr(self.raw, "buffer", None)
        if buffer is not None:
            buffer.flush()
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def __getattr__(self, name: str):
        if name == "buffer":  # no way around the guard
            raise AttributeError(name)
        return getattr(self.raw, name)


def install() -> tuple:
    """Put the guard on stdout and stderr (idempotent); returns what to give `restore`."""
    saved = (sys.stdout, sys.stderr)
    if not isinstance(sys.stdout, GuardedStream):
        sys.stdout = GuardedStream(sys.stdout)
    if not isinstance(sys.stderr, GuardedStream):
        sys.stderr = GuardedStream(sys.stderr)
    return saved


def restore(saved: tuple) -> None:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, GuardedStream):
            with contextlib.suppress(Exception):
                stream.flush()
    sys.stdout, sys.stderr = saved


def machine_stdout(fmt: str) -> None:
    """For a machine format, stdout carries UTF-8 bytes whatever the console's encoding."""
    if fmt in MACHINE_FORMATS and isinstance(sys.stdout, GuardedStream):
        sys.stdout.flush()
        sys.stdout.machine = True


# --- files -----------------------------------------------------------------------------------

class OutputRefused(Exception):
    """An output file that must not be written; the message is Chinese and meant for the user."""


def _made_dir() -> Path:
    return default_dir().expanduser() / "made"


def _path_key(path: Path) -> str:
    return hashlib.blake2b(os.fsencode(str(path)), digest_size=16).hexdigest()


def _content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def made_by_us(path: Path) -> bool:
    """Whether `path` holds exactly what this tool last wrote there."""
    try:
        stored = (_made_dir() / _path_key(path)).read_text(encoding="ascii").strip()
        if path.stat().st_size > 256 * 1024 * 1024:
            return False
        return stored == _content_key(path.read_bytes())
    except (OSError, UnicodeDecodeError):
        return False


def _remember(path: Path, data: bytes) -> None:
    with contextlib.suppress(OSError):
        directory = _made_dir()
        directory.mkdir(parents=True, exist_ok=True)
        atomic_write(directory / _path_key(path), _content_key(data).encode("ascii"))


def find_repository(path: Path) -> Path | None:
    """The record repository (a directory with dangjian.yaml) holding `path`, if any."""
    for parent in [path, *path.parents]:
        with contextlib.suppress(OSError):
            if (parent / "dangjian.yaml").is_file():
                return parent
    return None


def check_output(target: Path, force: bool = False, root: Path | None = None) -> Path:
    """Refuse an output path that would damage records or someone else's file."""
    target = Path(target)
    where = target.parent.resolve() / target.name
    repo = root.resolve() if root is not None else None
    inside = repo is not None and where.is_relative_to(repo)
    repo = repo if inside else find_repository(where.parent)
    if repo is not None and (where.name.endswith(RECORD_SUFFIXES) or where.name == "dangjian.yaml"
                             or ".git" in where.relative_to(repo).parts):
        raise OutputRefused(f"{target} 在台账记录库 {repo.name}/ 中，是记录文件的位置；输出不能写在这里（请换一个文件名或目录）")
    if where.is_symlink() or (where.exists() and not where.is_file()):
        raise OutputRefused(f"{target} 已存在且不是普通文件，未覆盖；请换一个输出位置")
    if where.exists() and not force and not made_by_us(where):
        place = f"在台账记录库 {repo.name}/ 中，" if repo is not None else ""
        raise OutputRefused(f"{target} 已存在，{place}且不是本工具生成的，未覆盖；确需覆盖请加 --force")
    return where


def write_output(target: Path, data: str | bytes, force: bool = False, root: Path | None = None) -> Path:
    """Write one output file: guarded (masked) content, safety checks, atomically."""
    where = check_output(target, force, root)
    data = guard_bytes(data, where.suffix)
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(where, data)
    except OSError as exc:
        raise OutputRefused(disk_message(exc, target)) from None
    _remember(where, data)
    return where


def guard_bytes(data: str | bytes, suffix: str = "") -> bytes:
    """Content as it may be written to a file under the masking policy: text is masked whether it
    comes as str or as UTF-8 bytes (a rendered Markdown or JSON report); a Word file's XML parts
    are masked; other binary content (a PDF made from a masked Word file, an image) is left."""
    if isinstance(data, str):
        return guard(data).encode("utf-8")
    if not MASKING.mask:
        return data
    if suffix == ".docx" or data[:4] == b"PK\x03\x04":
        return _guard_docx(data) if _is_zip(data) else data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return guard(text).encode("utf-8")


def _is_zip(data: bytes) -> bool:
    import io
    import zipfile

    return zipfile.is_zipfile(io.BytesIO(data))


def _guard_docx(data: bytes) -> bytes:
    """A Word file with the text of its XML parts masked (the same rule as every other output)."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith(".xml"):
                content = guard(content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def disk_message(exc: OSError, target: Path) -> str:
    """A Chinese message for a failed write, naming the file."""
    if exc.errno == errno.ENOSPC:
        return f"磁盘空间已满，无法写入 {target}；已写的内容未保留，原文件（如有）未改动"
    if exc.errno == errno.EDQUOT:
        return f"超出磁盘配额，无法写入 {target}；原文件（如有）未改动"
    if exc.errno in (errno.EROFS,):
        return f"{target} 所在的磁盘是只读的，无法写入"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"没有权限写入 {target}（或其所在目录）"
    if exc.errno == errno.EISDIR:
        return f"{target} 是一个目录，不能作为输出文件"
    if exc.errno == errno.EEXIST:
        return f"{target} 已存在且不是目录；-o 应指定输出目录"
    if exc.errno == errno.ENOTDIR:
        return f"{target} 的上级路径中有一个不是目录的文件"
    return f"无法写入 {target}：{exc.strerror or exc}"


def atomic_write(target: Path, data: bytes) -> None:
    """Write to `.dangjian-tmp-*` beside the target, fsync, then rename over it.

    A write interrupted at any point leaves either the old file or the new one, never half;
    a failed write removes its temporary file."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
