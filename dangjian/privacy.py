"""Personal numbers in what the tool prints: 身份证号 and 手机号 are masked everywhere.

Rules may put raw values into their messages; every output format goes through
`mask_findings` first, so text, JSON, SARIF and CI annotations (CI logs are widely
readable) show 前6后4 for ID numbers and 前3后4 for mobile numbers. `validate --unmasked`
is the only way around it, and it warns.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from dangjian.idnumber import check_digit, mask_id, mask_phone

# 18-character ID numbers (last may be X) and the old 15-digit form; 11-digit mobile numbers.
ID_PATTERN = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
MOBILE_PATTERN = re.compile(r"(?<!\d)(1[3-9]\d{9})(?!\d)")
UNMASKED_WARNING = ("dangjian：警告：--unmasked 使输出包含完整的身份证号和手机号。"
                    "请勿把这样的输出上传到 CI 日志、工单或聊天群，用完即删。")


def mask_text(text: str) -> str:
    """Every ID-shaped and mobile-shaped number in `text`, masked."""
    if not text or not any(c.isdigit() for c in text):
        return text
    text = ID_PATTERN.sub(lambda m: mask_id(m.group(1)), text)
    return MOBILE_PATTERN.sub(lambda m: mask_phone(m.group(1)), text)


def mask_findings(findings: list) -> list:
    """The findings with message and excerpt masked (a syntax-error excerpt quotes the line)."""
    out = []
    for f in findings:
        message, excerpt = mask_text(f.message), mask_text(f.excerpt)
        if message != f.message or excerpt != f.excerpt:
            f = dataclasses.replace(f, message=message, excerpt=excerpt)
        out.append(f)
    return out


def looks_like_id(number: str) -> bool:
    """A plausible GB 11643 number: valid birth month/day and check digit (15-digit: date only)."""
    if len(number) == 15:
        return number.isdigit() and 1 <= int(number[8:10]) <= 12 and 1 <= int(number[10:12]) <= 31
    if not number[:17].isdigit():
        return False
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    return (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31
            and check_digit(number[:17]) == number[17].upper())


def find_unmasked(text: str):
    """(line, column, kind, number) for each unmasked personal number in a document's text."""
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def where(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(line_starts, offset)
        return line, offset - line_starts[line - 1] + 1

    hits = []
    for match in ID_PATTERN.finditer(text):
        if len(match.group(1)) == 18 and looks_like_id(match.group(1)):
            hits.append((*where(match.start(1)), "身份证号", match.group(1)))
    for match in MOBILE_PATTERN.finditer(text):
        hits.append((*where(match.start(1)), "手机号", match.group(1)))
    return sorted(hits)
