"""The one place that writes record files: atomic, and (for YAML) round-trip so that
comments, key order, quoting and layout survive. validate never comes here.

A round-trip edit loads the file with ruamel.yaml, lets the caller change the data, and
renders it again. ruamel normalises a few things on the way (spacing after colons, flow
lists, dates written as 2026-1-5); so that only the lines the edit touched differ, the
edit is taken as the difference between ruamel's rendering before and after the change
and applied to the original text. The file's BOM, line endings and indentation are kept.
"""

from __future__ import annotations

import difflib
import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from dangjian.decode import decode_record


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write beside the target and rename over it (see dangjian.emit.atomic_write): a write
    interrupted at any point leaves either the old file or the new one, never half."""
    from dangjian.emit import atomic_write

    atomic_write(Path(target), data)


def atomic_write_text(target: Path, text: str) -> None:
    atomic_write_bytes(target, text.encode("utf-8"))


class RoundTripError(ValueError):
    """A file that cannot be edited; the message is Chinese and meant for the user."""


@dataclass(frozen=True)
class TextStyle:
    """How a file is laid out on disk, so that a rewrite keeps it."""

    bom: bool = False
    newline: str = "\n"
    mapping: int = 2
    sequence: int = 4
    offset: int = 2


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_lines(lines: list[str]) -> list[tuple[int, str]]:
    return [(i, line) for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]


def detect_style(data: bytes, text: str) -> TextStyle:
    """BOM, newline and block indentation (mapping, sequence, dash offset) as the file uses them."""
    mapping = sequence = offset = None
    lines = _content_lines(text.split("\n"))
    for (_, line), (_, following) in itertools.pairwise(lines):
        body = re.sub(r"\s+#.*$", "", line).rstrip()
        if not body.endswith(":"):
            continue
        key_col = len(line) - len(line.lstrip(" -"))
        col = _indent_of(following)
        if col <= key_col and not (following.lstrip().startswith("- ") and col == key_col):
            continue
        if following.lstrip().startswith("- ") and offset is None:
            after_dash = following[col + 1:]
            offset = col - key_col
            sequence = offset + 1 + len(after_dash) - len(after_dash.lstrip(" "))
        elif not following.lstrip().startswith("- ") and mapping is None:
            mapping = col - key_col
    mapping = mapping or 2
    if offset is None or sequence is None or sequence < offset + 2:
        sequence, offset = (4, 2) if mapping == 2 else (mapping + 2, mapping)
    return TextStyle(bom=data.startswith(b"\xef\xbb\xbf"), newline=_newline(data), mapping=mapping,
                     sequence=sequence, offset=offset)


def _newline(data: bytes) -> str:
    """The line ending most lines use: CRLF (Windows), LF, or a lone CR (old Mac editors), which
    must come back as CR, not LF; a tie keeps CRLF, then LF."""
    crlf = data.count(b"\r\n")
    counts = {"\r\n": crlf, "\n": data.count(b"\n") - crlf, "\r": data.count(b"\r") - crlf}
    best = max(counts.values())
    return next(n for n in ("\r\n", "\n", "\r") if counts[n] == best) if best else "\n"


def _yaml(style: TextStyle):
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=style.mapping, sequence=style.sequence, offset=style.offset)
    return yaml


def _render(yaml, data) -> str:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _plain(node):
    """ruamel's commented containers and scalar strings → plain Python, for comparing content."""
    if isinstance(node, dict):
        return {_plain(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


class RoundTrip:
    """One YAML file opened for editing: change `.data`, then `render()` the new bytes."""

    def __init__(self, data: bytes, name: str = "") -> None:
        self.name = name
        self.original_bytes = data
        text, issues = decode_record(data)
        if text is None:
            raise RoundTripError(f"{name}：{issues[0].message}")
        self.text = text
        self.style = detect_style(data, text)
        self.yaml = _yaml(self.style)
        try:
            self.data = self.yaml.load(text)
        except Exception as exc:  # ruamel's parser and constructor errors, duplicate keys…
            raise RoundTripError(f"{name} 不是可以修改的 YAML：{str(exc).splitlines()[0]}") from None
        self.before = _render(self.yaml, self.data)

    @classmethod
    def open(cls, path: Path, name: str = "") -> RoundTrip:
        return cls(Path(path).read_bytes(), name or Path(path).name)

    def render(self) -> bytes:
        after = _render(self.yaml, self.data)
        merged = "\n".join(merge_edit(self.text.split("\n"), self.before.split("\n"), after.split("\n")))
        if merged != after and not self._same_content(merged):
            merged = after  # the merge could not place the edit: take ruamel's own rendering
        return encode(merged, self.style)

    def render_flow_insert(self, mapping, key, value_text: str) -> bytes | None:
        """New bytes with `key: value_text` written into a flow mapping ({1: …, 2: …}) of the original
        text, so that a mapping wrapped over several lines keeps its line breaks; None when that cannot
        be done. The caller has already put the key into `.data`, the check that the text says the same."""
        if not (hasattr(mapping, "fa") and mapping.fa.flow_style()) or key not in mapping:
            return None
        others = [k for k in mapping if k != key]
        lines = self.text.split("\n")
        try:
            later = next((k for k in others if k > key), None)
        except TypeError:  # keys that do not compare
            return None
        if not others:
            return None
        if later is not None:
            line, col = mapping.lc.key(later)
            insertion = f"{key}: {value_text}, "
        else:
            line, col = mapping.lc.value(others[-1])
            col = lines[line].find("}", col)
            insertion = f", {key}: {value_text}"
            if col < 0:
                return None
        lines[line] = lines[line][:col] + insertion + lines[line][col:]
        text = "\n".join(lines)
        return encode(text, self.style) if self._same_content(text) else None

    def _same_content(self, text: str) -> bool:
        try:
            return _plain(_yaml(self.style).load(text)) == _plain(self.data)
        except Exception:  # the merged text does not even parse
            return False


def encode(text: str, style: TextStyle) -> bytes:
    if style.newline != "\n":
        text = text.replace("\n", style.newline)
    return (b"\xef\xbb\xbf" if style.bom else b"") + text.encode("utf-8")


def dump_new(data, style: TextStyle | None = None) -> bytes:
    """A new file (nothing to keep) in the house style: 2-space mappings, `  - ` sequences."""
    style = style or TextStyle()
    return encode(_render(_yaml(style), data), style)


def merge_edit(original: list[str], before: list[str], after: list[str]) -> list[str]:
    """Apply the edit `before` → `after` to `original`, of which `before` is a re-rendering.

    Lines of `original` that the edit does not touch are kept byte for byte, even where
    the re-rendering differs from them.
    """
    if original == before:
        return after
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    starts: dict[int, list[tuple[int, int]]] = {}
    touched: set[int] = set()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            starts.setdefault(i1, []).append((j1, j2))
            touched.update(range(i1, i2))
    out: list[str] = []
    emitted: set[int] = set()

    def edits_at(i: int) -> None:
        if i not in emitted:
            emitted.add(i)
            for j1, j2 in starts.get(i, ()):
                out.extend(after[j1:j2])

    for tag, b1, b2, o1, o2 in difflib.SequenceMatcher(None, before, original, autojunk=False).get_opcodes():
        clean = not touched.intersection(range(b1, b2)) and not any(b1 < s < b2 for s in starts)
        if tag != "equal" and clean:
            edits_at(b1)
            out.extend(original[o1:o2])
            continue
        for i in range(b1, b2):
            edits_at(i)
            if i not in touched:
                out.append(original[o1 + i - b1] if tag == "equal" else before[i])
    edits_at(len(before))
    return out


def unified_diff(old: bytes, new: bytes, name: str) -> str:
    """What a write would change, as `diff -u` shows it (newlines normalised for display)."""
    def lines(data: bytes) -> list[str]:
        text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        return text.splitlines(keepends=True)

    return "".join(difflib.unified_diff(lines(old), lines(new), f"a/{name}", f"b/{name}"))
