"""Every bound on what a record file may cost to read and report, in one place.

A hostile or broken file (a 5 MB line, a million list items, a 5,000-digit number, a FIFO
named *.yaml) must give a few located findings quickly, never a crash, a hang or gigabytes
of output. Each limit is named once here and imported where it is enforced.
"""

from __future__ import annotations

MAX_FILE_BYTES = 16 * 1024 * 1024  # larger files are refused with a finding, never parsed
EXCERPT_WIDTH = 120  # characters of a quoted line shown around a syntax error
SHOWN_CHARS = 40  # characters of a user's value quoted in a message
MAX_NUMBER_DIGITS = 100  # an unquoted number longer than this is a finding (Python's int() stops at 4,300)
MAX_PARAMETER = 10_000  # a count or quantity in 参数 of dangjian.yaml: 10,000 months still ends before year 9999
FINDINGS_PER_RULE = 50  # findings of one rule in one file before "另有 N 个同类问题"
FINDINGS_PER_FILE = 200  # findings of all rules in one file before the same summary


def shorten(text: str, width: int = SHOWN_CHARS) -> str:
    """`text` as quoted in a message: at most `width` characters, with "…" when cut."""
    return text if len(text) <= width else text[:width] + "…"
