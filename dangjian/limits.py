"""Every bound on what a record file may cost to read and report, in one place.

A hostile or broken file (a 5 MB line, a million list items, a 5,000-digit number, a FIFO
named *.yaml) must give a few located findings quickly, never a crash, a hang or gigabytes
of output. Each limit is named once here and imported where it is enforced.
"""

from __future__ import annotations

MAX_FILE_BYTES = 16 * 1024 * 1024  # larger files are refused with a finding, never parsed
MAX_CACHED_FILE_BYTES = 1024 * 1024  # larger files are parsed on every run rather than stored as models in the cache
EXCERPT_WIDTH = 120  # characters of a quoted line shown around a syntax error
MESSAGE_MAX = 400  # characters of a finding's message; a value quoted in it is cut beyond this
EXCERPT_LINE_MAX = 160  # characters of each line of a finding's excerpt
EXCERPT_LINES = 8  # lines of a finding's excerpt
SHOWN_CHARS = 40  # characters of a user's value quoted in a message
MAX_DEPTH = 100  # nesting of lists and mappings in a record file (records need fewer than 10)
MAX_NUMBER_DIGITS = 100  # an unquoted number longer than this is a finding (Python's int() stops at 4,300)
MAX_QUANTITY = 100_000  # hours, days or square metres written as a decimal number in a record
MAX_PARAMETER = 10_000  # a count or quantity in 参数 of dangjian.yaml: 10,000 months still ends before year 9999
FIRST_YEAR, LAST_YEAR = 1921, 2999  # a year file or --year outside these is refused (dates must stay computable)
FINDINGS_PER_RULE = 50  # findings of one rule in one file before "另有 N 个同类问题"
FINDINGS_PER_FILE = 200  # findings of all rules in one file before the same summary


def shorten(text: str, width: int = SHOWN_CHARS) -> str:
    """`text` as quoted in a message: at most `width` characters, with "…" when cut."""
    return text if len(text) <= width else text[:width] + "…"


def more_message(count: int) -> str:
    """The line that stands for findings not listed (one per rule and file)."""
    return (f"另有 {count} 个同类问题未列出（每个文件每条规则最多列出 {FINDINGS_PER_RULE} 个，"
            f"每个文件最多列出 {FINDINGS_PER_FILE} 个）")


class CappedList(list):
    """A list of issues that keeps the first FINDINGS_PER_RULE of each rule and only counts
    the rest, so that a file of a million bad items costs a few kilobytes, not a gigabyte.
    `rule_of(item)` names an item's rule; `dropped` is rule → (first dropped item, count)."""

    def __init__(self, rule_of=lambda item: item.rule) -> None:
        super().__init__()
        self.rule_of = rule_of
        self.counts: dict[str, int] = {}
        self.dropped: dict[str, list] = {}

    def append(self, item) -> None:
        rule = self.rule_of(item)
        seen = self.counts[rule] = self.counts.get(rule, 0) + 1
        if seen <= FINDINGS_PER_RULE:
            super().append(item)
        elif rule in self.dropped:
            self.dropped[rule][1] += 1
        else:
            self.dropped[rule] = [item, 1]

    def bump(self, rule: str) -> bool:
        """Count one more item of `rule` without making it, when it would only be counted."""
        dropped = self.dropped.get(rule)
        if dropped is None:
            return False
        dropped[1] += 1
        self.counts[rule] += 1
        return True

    def full(self, rule: str) -> bool:
        """True once `rule` has all the items it may list: the caller may skip composing a message."""
        return self.counts.get(rule, 0) >= FINDINGS_PER_RULE

    def extend(self, items) -> None:
        for item in items:
            self.append(item)
