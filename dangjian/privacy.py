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
    """Every ID-shaped and mobile-shaped number in `text`, masked — also inside a longer token
    (`ID339903193702238811`, `8615381149647`: a digit run holding a mobile or ID number)."""
    if not text or not any(c.isdigit() for c in text):
        return text
    return _RUN.sub(_mask_run, text)


# A run of 11 or more digits, with the check character X an 18-digit ID number may end in.
_RUN = re.compile(r"\d{11,}[Xx]?")
_MOBILE = re.compile(r"1[3-9]\d{9}")


def _mask_run(match: re.Match) -> str:
    run = match.group(0)
    if run[-1] in "Xx" and len(run) != 18:
        return _mask_run_digits(run[:-1]) + run[-1]
    return _mask_run_digits(run)


def _mask_run_digits(run: str) -> str:
    if len(run) > 4096:  # a huge number (a fuzzed record): keep only its ends
        return run[:3] + "*" * (len(run) - 7) + run[-4:]
    if len(run) in (15, 18):
        return mask_id(run)
    if len(run) == 11:
        return mask_phone(run) if _MOBILE.fullmatch(run) else run
    # a longer run: mask each window that is a valid ID number, then each mobile-shaped one
    chars = list(run)
    hidden = [False] * len(run)
    for start in range(len(run) - 17):
        if looks_like_id(run[start:start + 18]):
            for i in range(start + 6, start + 14):
                chars[i], hidden[i] = "*", True
    for start in range(len(run) - 10):
        window = run[start:start + 11]
        if _MOBILE.fullmatch(window) and not any(hidden[start + 3:start + 7]):
            for i in range(start + 3, start + 7):
                chars[i], hidden[i] = "*", True
    return "".join(chars)


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
