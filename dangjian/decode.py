"""Turn a record file's bytes into text, or say in Chinese why it cannot be read.

Files saved by Notepad or WPS arrive as GBK, UTF-16 or with a BOM; the YAML parsers'
own messages about them mean nothing to a 党务工作者.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DecodeIssue:
    rule: str
    line: int
    col: int
    message: str


def _line_col_of(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def decode_record(data: bytes) -> tuple[str | None, list[DecodeIssue]]:
    """Return the text (BOM stripped, newlines normalised to LF) or None with the issues."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) >= 2 and b"\x00" in data[:200]):
        return None, [DecodeIssue("file-encoding", 1, 1,
                                  "文件是 UTF-16 编码（或含有空字符），无法读取。请用记事本或 WPS“另存为”UTF-8 编码")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col_of(data, exc.start)
        try:
            data.decode("gb18030")
            msg = (f"第{line}行无法按 UTF-8 解码，看起来是 GBK 编码（记事本/WPS 的“ANSI”），"
                   "请另存为 UTF-8")
        except UnicodeDecodeError:
            msg = f"第{line}行含有无法识别的字节，文件不是 UTF-8 编码，请另存为 UTF-8"
        return None, [DecodeIssue("file-encoding", line, col, msg)]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    issues = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.lstrip(" ")
        if stripped.startswith("\t"):
            col = len(raw) - len(stripped) + 1
            issues.append(DecodeIssue("yaml-syntax", number, col,
                                      f"第{number}行用 Tab 键缩进，YAML 只允许空格缩进，请把 Tab 换成空格"))
            break
    if issues:
        return None, issues
    return text, []
