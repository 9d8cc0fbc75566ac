"""Output file names that are safe whatever a branch is called.

Names come from records (a branch's 简称, its 编号), so they may hold path separators, `..`,
characters Windows refuses, or a reserved device name. The result is one plain file name in
the output directory, checked again after resolving.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from dangjian.report.sandbox import ReportError

FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_BYTES = 180  # of the stem, in UTF-8: file systems allow 255 bytes for the whole name


def safe_stem(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = FORBIDDEN.sub("_", text)
    text = re.sub(r"\.{2,}", "_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")  # no hidden files, no trailing dot or space (Windows)
    if not text:
        text = "_"
    if text.split(".")[0].upper() in WINDOWS_DEVICES:
        text = "_" + text
    while len(text.encode("utf-8")) > MAX_BYTES:
        text = text[:-1]
    return text


def output_path(out_dir: Path, stem: str, extension: str) -> Path:
    """out_dir/<safe stem>.<extension>, refusing anything that would land elsewhere."""
    path = out_dir / f"{safe_stem(stem)}.{extension}"
    if path.resolve().parent != out_dir.resolve():
        raise ReportError(f"输出文件名不安全：{stem}")
    return path


def unique(stems: list[str], ids: list[str]) -> list[str]:
    """Append the organisation's 编号 where two reports would get the same name."""
    counts: dict[str, int] = {}
    for stem in stems:
        key = safe_stem(stem)
        counts[key] = counts.get(key, 0) + 1
    return [f"{stem}-{id_}" if counts[safe_stem(stem)] > 1 else stem for stem, id_ in zip(stems, ids, strict=True)]
