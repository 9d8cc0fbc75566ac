"""Record text written into Markdown as text: reports, schedules, summaries.

Markdown is rendered by GitLab, editors and viewers, so a name or topic holding `<script>`, `|`,
`*`, `[` or a line break must not become HTML, a table cell, emphasis, a link or a heading.
Every place that writes record text into Markdown uses `md_text` (running text, headings) or
`md_cell` (table cells); ordinary text — Chinese, dates, 1~3月, A&B, masked numbers — is unchanged.
"""

from __future__ import annotations

import re
from typing import Any


class MarkdownText(str):
    """Text already escaped for Markdown (by `md_cell` or `md_text`): written as it is."""


# What starts Markdown or HTML syntax inside a line: emphasis, code, links, inline HTML such as
# <script>, table cells, escapes, `~~` strikethrough and entities (&lt;). A lone `&` or `~`
# (“1~3月”) starts nothing and is left alone, and so are the stars of a masked number
# (153****8637), which stand between digits (the first alternative): ordinary text is unchanged.
_MD_INLINE = re.compile(r"(\d\*+(?=\d))|([\\`*_\[\]<|]|~(?=~)|(?<=~)~|&(?=#?\w+;))")
# What makes a block when it starts a line: a heading, a quote, a list item, a numbered item.
_MD_LINE_START = re.compile(r"^([ \t]*)([#>+=-]|\d+(?=[.)](\s|$)))")


def md_text(value: Any) -> MarkdownText:
    """`value` as literal text in Markdown: syntax characters escaped with a backslash, line
    breaks as <br>, so a name or topic cannot become a heading, link, table or HTML."""
    if isinstance(value, MarkdownText):
        return value
    text = "" if value is None else str(value)
    text = _MD_INLINE.sub(lambda m: m.group(1) or "\\" + m.group(2), text)
    text = re.sub(r"\r\n|\r|\n", "<br>", text)
    return MarkdownText(_MD_LINE_START.sub(_escape_line_start, text, count=1))


def _escape_line_start(match: re.Match) -> str:
    space, mark = match.group(1), match.group(2)
    return f"{space}{mark}\\" if mark[0].isdigit() else f"{space}\\{mark}"


def md_cell(value: Any) -> MarkdownText:
    """Text safe inside a Markdown table cell (md_text, without surrounding spaces)."""
    if value is None:
        return MarkdownText("")
    return MarkdownText(md_text(str(value).strip()).strip())
