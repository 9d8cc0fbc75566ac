"""One file's bytes → a model object, with a (rule id, Problem) for every way it can fail.

Every reader of record-like files (the loader, street/, plans, holiday files) comes here.
This module knows nothing of the rule registry: an ignore comment naming a rule id is
checked against the registry where findings are stamped (engine.stamp_problems).
"""

from __future__ import annotations

import errno

from dangjian.decode import decode_record
from dangjian.findings import Problem
from dangjian.limits import MAX_CACHED_FILE_BYTES
from dangjian.located import Loc
from dangjian.schema import Converter
from dangjian.suppress import directives, unchecked
from dangjian.yamlread import parse_text


def load_file(source, rel: str, cls, problems: list, engine: str = "fast", models=None):
    """Read, decode, parse and convert one file; every failure becomes a (rule, Problem).
    `models` (cache.FileModels) gives the result of an earlier load of the same bytes."""
    if models is None:
        return _load_file(source, rel, cls, problems, engine)
    hit = models.get(rel, cls, engine)
    if hit is not None:
        obj, found = hit
        problems.extend(found)
        return obj
    before = len(problems)
    sizes: list[int] = []
    obj = _load_file(source, rel, cls, problems, engine, sizes)
    if sum(sizes) <= MAX_CACHED_FILE_BYTES:  # a huge file's models cost more to store than to parse
        models.put(rel, cls, engine, (obj, problems[before:]))
    return obj


def _load_file(source, rel: str, cls, problems: list, engine: str, sizes: list | None = None):
    data = read(source, rel, problems)
    if data is None:
        return None
    if sizes is not None:
        sizes.append(len(data))
    return convert_bytes(data, rel, cls, problems, engine, record=True)


def convert_bytes(data: bytes, rel: str, cls, problems: list, engine: str = "fast", record: bool = False):
    """Decode, parse and convert one file's bytes into `cls`; failures go to `problems` as
    (rule, Problem). Every reader of record-like files (plans, holiday files) comes here."""
    issues_before = len(problems)
    value = parse(data, rel, problems, engine, record)
    if value is None:
        return None
    skip = {(p.loc.line, p.loc.col) for _rule, p in problems[issues_before:]}
    converter = Converter(rel, skip)
    obj = converter.record(cls, value, value.pos if hasattr(value, "pos") else (1, 1), "文件")
    for issue in converter.all_issues():
        problems.append((issue.rule, Problem(issue.loc, issue.message, more=issue.more)))
    return obj


def read(source, rel: str, problems: list) -> bytes | None:
    try:
        return source.read(rel)
    except OSError as exc:
        problems.append(("file-unreadable", Problem(Loc(rel), f"无法读取文件：{_reason(exc)}")))
        return None


def parse(data: bytes, rel: str, problems: list, engine: str = "fast", record: bool = True):
    """Decode and parse; None (with the reason in `problems`) when there is nothing to convert."""
    text, decode_issues = decode_record(data)
    for issue in decode_issues:
        problems.append((issue.rule, Problem(Loc(rel, issue.line, issue.col), issue.message)))
    if text is None:
        return None
    if "dangjian" in text:  # ignore comments: an unusable one is a finding of this file
        lines = text.split("\n")
        # A record's every rule id is reported, for the engine to settle (see the module doc);
        # a plan or holiday file is not a record: its comments are judged where it has findings.
        problems.extend(unchecked(rel, lines) if record else directives(rel, lines)[1])
    value, parse_issues = parse_text(text, engine)
    for issue in parse_issues:
        problems.append((issue.rule, Problem(Loc(rel, issue.line, issue.col), issue.message,
                                             excerpt=issue.excerpt, more=issue.more)))
    if value is None and not parse_issues:
        problems.append(("empty-file", Problem(Loc(rel), "文件是空的：请填写内容或删除此文件")))
    return value


_REASONS = {errno.ENOENT: "文件不存在", errno.EISDIR: "这是一个目录", errno.EACCES: "没有读取权限",
            errno.EPERM: "没有读取权限", errno.ELOOP: "符号链接循环指向自身，找不到真正的文件",
            errno.ENAMETOOLONG: "文件名过长"}


def _reason(exc: Exception) -> str:
    """Why a file could not be read, in Chinese (the system's own words are English)."""
    reason = _REASONS.get(getattr(exc, "errno", None) or 0)
    if reason is not None:
        return reason
    if isinstance(exc, OSError) and exc.errno is None and exc.args:
        return str(exc.args[0])  # ours (too large, not a regular file, a link leaving the repository)
    return f"{getattr(exc, 'strerror', None) or exc}"
