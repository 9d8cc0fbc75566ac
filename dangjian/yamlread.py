"""Read YAML text into located values (LMap/LList), with YAML 1.2 core types.

Fast path: PyYAML's C parser composes nodes (which carry line marks) and we build the
values ourselves, so that duplicate keys, anchors, tags and impossible dates become
findings with a line instead of exceptions, and so that both parsers share one set of
type rules. The ruamel path composes with ruamel and goes through the same builder;
a test holds the two to the same findings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from dangjian.limits import EXCERPT_WIDTH, MAX_DEPTH, MAX_NUMBER_DIGITS, CappedList, more_message
from dangjian.located import LList, LMap

_TAG = "tag:yaml.org,2002:"
ALLOWED_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


@dataclass(frozen=True)
class ParseIssue:
    rule: str
    line: int
    col: int
    message: str
    excerpt: str = ""
    more: int = 0  # for a summary line: how many issues of this rule it stands for


class Resolver12(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema, as ruamel uses: `no` stays a string, `14:30` stays a string."""

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 - PyYAML's own class-level registry


Resolver12.add_implicit_resolver(
    _TAG + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Resolver12.add_implicit_resolver(
    _TAG + "int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
Resolver12.add_implicit_resolver(
    _TAG + "float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
               r"|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))
Resolver12.add_implicit_resolver(
    _TAG + "null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
Resolver12.add_implicit_resolver(
    _TAG + "timestamp",
    re.compile(r"^(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
               r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
               r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$"),
    list("0123456789"))


_SCALAR, _SEQUENCE = yaml.nodes.ScalarNode, yaml.nodes.SequenceNode
_FIRST_CHAR = Resolver12.yaml_implicit_resolvers


def _resolve(self, kind, value, implicit):
    """PyYAML's resolve without path resolvers: called by the C parser for every scalar."""
    if kind is _SCALAR:
        if implicit[0]:
            if not value:
                return _TAG + "null"
            for tag, regexp in _FIRST_CHAR.get(value[0], ()):
                if regexp.match(value):
                    return tag
        elif not implicit[1] and not value:  # a bare `!` on nothing: null, as ruamel reads it
            return _TAG + "null"
        return _TAG + "str"
    return _TAG + ("seq" if kind is _SEQUENCE else "map")


Resolver12.resolve = _resolve  # type: ignore[method-assign]


try:  # libyaml's C parser; PyYAML wheels ship it, a source build may not
    from yaml.cyaml import CParser as _Parser

    _PARSER_BASES: tuple = (_Parser,)
except ImportError:  # pragma: no cover - pure fallback, same results, slower
    _PARSER_BASES = (yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer)


class FastLoader(*_PARSER_BASES, Resolver12):  # type: ignore[misc]
    def __init__(self, stream: str) -> None:
        if len(_PARSER_BASES) == 1:
            _PARSER_BASES[0].__init__(self, stream)
        else:  # pragma: no cover
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
        Resolver12.__init__(self)


_SYNTAX_HINTS = (
    ("mapping values are not allowed", "这里不能出现“键: 值”：可能是冒号后少了空格、值里有冒号未加引号，或缩进不对"),
    ("could not find expected ':'", "缺少冒号“:”，或上一行的引号未闭合"),
    ("did not find expected key", "缩进不一致，或列表项“- ”与上下行没有对齐"),
    ("did not find expected '-' indicator", "列表项“- ”的缩进与上下行不一致"),
    ("found unexpected end of stream", "文件在引号或括号闭合之前就结束了"),
    ("found character that cannot start any token", "出现了不能作为开头的字符（如 Tab、@、`），请加引号"),
    ("found undefined alias", "使用了未定义的别名（*）；台账中不允许使用锚点和别名"),
    ("expected <block end>", "缩进不一致：这一行的缩进与同级的键不一致"),
    ("did not find expected node content", "此处缺少内容，请检查列表项或括号"),
    ("found unknown escape character", "双引号字符串里有无法识别的转义符“\\”，请改用单引号"),
    ("expected ',' or ']'", "方括号列表没有正确闭合，或缺少逗号"),
    ("expected ',' or '}'", "花括号没有正确闭合，或缺少逗号"),
    ("found a tab character", "用了 Tab 键缩进，请改用空格"),
)




def _window(line: str, start: int) -> str:
    """`line` from `start`, at most EXCERPT_WIDTH characters, cut between tokens."""
    end = min(len(line), start + EXCERPT_WIDTH)
    while 0 < end < len(line) and line[end - 1].isdigit() and line[end].isdigit():
        end -= 1
    return ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")


def _excerpt(text: str, line: int, col: int) -> str:
    """The error line and the one before it, with a caret; a long line is shown only around
    the error (a 5 MB line must not give 10 MB of output)."""
    lines = text.split("\n")
    bad = lines[line - 1] if 1 <= line <= len(lines) else ""
    start = 0
    if col > EXCERPT_WIDTH // 2 and len(bad) > EXCERPT_WIDTH:
        start = col - EXCERPT_WIDTH // 2
        while start < col - 1 and bad[start - 1].isdigit() and bad[start].isdigit():
            start += 1
    out = [f"{number:>5} | {_window(lines[number - 1], start if number == line else 0)}"
           for number in range(max(1, line - 1), min(len(lines), line) + 1)]
    out.append(" " * 5 + " | " + " " * max(col - 1 - start + (1 if start else 0), 0) + "^")
    return "\n".join(out)


# A key written with the full-width colon of a Chinese keyboard: 党费类别：离退休
_FULL_WIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:#'\"{}\[\],：]+\s*：")


def _full_width_colon(text: str, line: int) -> ParseIssue | None:
    """The parser trips a line or two after a `键：值`; name that line and its colon instead."""
    lines = text.split("\n")
    for number in range(min(line, len(lines)), max(1, line - 3) - 1, -1):
        match = _FULL_WIDTH_KEY.match(lines[number - 1])
        if match:
            col = match.end()
            return ParseIssue("yaml-syntax", number, col,
                              "YAML 语法错误：这一行的冒号是全角（中文）冒号“：”，应改为英文冒号“:”并在后面空一格，"
                              f"如 {lines[number - 1][:col - 1].strip().lstrip('- ')}: 值",
                              _excerpt(text, number, col))
    return None


def syntax_issue(exc: Exception, text: str) -> ParseIssue:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "end of stream" in str(getattr(exc, "problem", "")) and getattr(exc, "context_mark", None):
        mark = exc.context_mark  # an unclosed quote or bracket: point where it was opened
    line = (mark.line + 1) if mark is not None else 1
    col = (mark.column + 1) if mark is not None else 1
    colon = _full_width_colon(text, line)
    if colon is not None:
        return colon
    problem = f"{getattr(exc, 'problem', '') or ''} {getattr(exc, 'context', '') or ''}"
    hint = next((cn for en, cn in _SYNTAX_HINTS if en in problem), "请检查这一行的冒号、引号、缩进和括号")
    return ParseIssue("yaml-syntax", line, col, f"YAML 语法错误：{hint}", _excerpt(text, line, col))


def _find_anchors(text: str) -> list[ParseIssue]:
    issues = []
    for event in yaml.parse(text, Loader=FastLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            issues.append(ParseIssue(
                "yaml-anchor", mark.line + 1, mark.column + 1,
                "台账中不允许使用锚点（&）和别名（*）：请把内容直接写出来"))
            break  # one is enough; a bomb must never be walked
    return issues


_STR, _INT, _FLOAT, _BOOL, _NULL, _TIME = (_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))


def _scalar(node, tag: str, issues: list[ParseIssue]):
    value = node.value
    if tag == _STR:
        return value
    if tag == _INT:
        if len(value) > MAX_NUMBER_DIGITS:  # int() refuses 4,300 digits; str() of a huge hex too
            mark = node.start_mark
            issues.append(ParseIssue("invalid-value", mark.line + 1, mark.column + 1,
                                     f"数字过长（{len(value)} 位）：台账中的数字不超过 {MAX_NUMBER_DIGITS} 位；"
                                     "号码请加引号书写"))
            return value
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)
    if tag == _FLOAT:
        low = value.lower()
        if low.endswith("inf"):
            return float("-inf") if low.startswith("-") else float("inf")
        return float("nan") if low == ".nan" else float(value)
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _NULL:
        return None
    try:  # timestamp
        if len(value) <= 10:
            y, m, d = value.split("-")
            return dt.date(int(y), int(m), int(d))
        return dt.datetime.fromisoformat(value.replace("t", "T").replace(" ", "T", 1).replace("Z", "+00:00"))
    except ValueError:
        mark = node.start_mark
        issues.append(ParseIssue("invalid-date", mark.line + 1, mark.column + 1,
                                 f"日期“{value}”不存在（如 2月30日），请改正；改正前不检查这一日期所在时段的会议等记录，"
                                 "以免报出由它连带的问题"))
        return value


def _tag_of(node) -> str:
    tag = node.tag
    return tag if tag.__class__ is str else (getattr(tag, "value", tag) or "")


def build(node, issues: list[ParseIssue]):
    """Build located values from a composed node tree (PyYAML or ruamel nodes).

    This walk is the hot path of every cold run (a street has millions of scalars), so
    it dispatches on the node's `id` ('scalar', 'sequence', 'mapping', shared by PyYAML's
    and ruamel's nodes) and handles plain strings inline.
    """
    tag = node.tag
    if tag.__class__ is not str:
        tag = _tag_of(node)
    kind = node.id
    if kind == "scalar":
        if tag == _STR:
            return node.value
        if tag in ALLOWED_TAGS:
            return _scalar(node, tag, issues)
    mark = node.start_mark
    if tag not in ALLOWED_TAGS:
        issues.append(ParseIssue("yaml-tag", mark.line + 1, mark.column + 1,
                                 f"台账中不允许使用标签“{tag.replace(_TAG, '!!')}”：请去掉以“!”开头的标记"))
        return None
    pos = (mark.line + 1, mark.column + 1)
    if kind == "sequence":
        seq = LList(pos)
        item_pos = seq.item_pos
        for item in node.value:
            m = item.start_mark
            item_pos.append((m.line + 1, m.column + 1))
            seq.append(build(item, issues))
        return seq
    mapping = LMap(pos)
    key_pos, val_pos = mapping.key_pos, mapping.val_pos
    for key_node, value_node in node.value:
        km = key_node.start_mark
        key = key_node.value if key_node.id == "scalar" and key_node.tag == _STR else build(key_node, issues)
        if isinstance(key, (LMap, LList)) or (key is None and not _tag_of(key_node).endswith(":null")):
            issues.append(ParseIssue("yaml-syntax", km.line + 1, km.column + 1, "键必须是简单的文字"))
            continue
        if key in mapping:
            first = key_pos[key]
            issues.append(ParseIssue("duplicate-key", km.line + 1, km.column + 1,
                                     f"键“{key}”重复（第{first[0]}行已有），后一个会覆盖前一个，请删除或合并"))
            continue
        key_pos[key] = (km.line + 1, km.column + 1)
        vm = value_node.start_mark
        val_pos[key] = (vm.line + 1, vm.column + 1)
        mapping[key] = build(value_node, issues)
    return mapping


_ANCHOR_MESSAGE = "台账中不允许使用锚点（&）和别名（*）：请把内容直接写出来"
_DEEP = "文件嵌套层次过深，无法读取"


class _Refused(Exception):
    """An anchor or alias, or nesting beyond MAX_DEPTH: the whole file is one finding."""

    def __init__(self, issue: ParseIssue) -> None:
        self.issue = issue


def build_events(loader, issues: list[ParseIssue]):
    """The values of one document straight from the parser's events, as `build` makes them from
    nodes, with the same findings. No node tree is made: a 15 MB file costs its values only,
    not also two million nodes with their marks. An anchor or alias is refused as soon as it
    is seen (never expanded) and nesting deeper than MAX_DEPTH is refused (_Refused)."""
    get = loader.get_event
    get()  # StreamStart
    document = get()
    if isinstance(document, yaml.StreamEndEvent):
        return None
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    resolvers = _FIRST_CHAR
    # One frame per open collection: [container, is_map, key awaiting its value (or _NO_KEY), key pos].
    stack: list[list] = []
    result = None
    dropping = 0  # depth inside a collection that is dropped (a bad tag, a key that is a collection …)
    dropped_at = None  # where a dropped collection stood, when it still counts as a value (None)
    drop_next = False  # the next value is dropped whole (after a refused or duplicate key)
    while True:
        event = get()
        cls = event.__class__
        if cls is alias_event or getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            raise _Refused(ParseIssue("yaml-anchor", mark.line + 1, mark.column + 1, _ANCHOR_MESSAGE))
        if dropping:
            if cls in starts:
                dropping += 1
            elif cls in ends:
                dropping -= 1
                if not dropping and dropped_at is not None and stack:
                    _add(stack, None, dropped_at)
            continue
        if drop_next:
            drop_next = False
            if cls in starts:
                dropping, dropped_at = 1, None
            continue  # a scalar: gone
        if cls is scalar_event:
            mark = event.start_mark
            tag = event.tag
            value = event.value
            if tag is None or tag == "!":
                tag = _STR
                implicit = event.implicit
                if implicit[0]:
                    if not value:
                        tag = _NULL
                    else:
                        for candidate, regexp in resolvers.get(value[0], ()):
                            if regexp.match(value):
                                tag = candidate
                                break
                elif not implicit[1] and not value:
                    tag = _NULL
            if tag != _STR:
                if tag in ALLOWED_TAGS:
                    value = _scalar(event, tag, issues)
                else:
                    issues.append(_tag_issue(tag, mark))
                    value = None
            if stack and stack[-1][1] and stack[-1][2] is _NO_KEY:
                drop_next = not _key(stack[-1], value, tag, mark, issues)
            elif stack:
                _add(stack, value, mark)
            else:
                result = value
        elif cls in starts:
            mark = event.start_mark
            tag = event.tag
            as_key = bool(stack) and stack[-1][1] and stack[-1][2] is _NO_KEY
            bad_tag = tag is not None and tag != "!" and tag not in ALLOWED_TAGS
            if bad_tag:
                issues.append(_tag_issue(tag, mark))
            if as_key:  # a key that is a list or mapping (or has a bad tag): it and its value go
                issues.append(ParseIssue("yaml-syntax", mark.line + 1, mark.column + 1, "键必须是简单的文字"))
                dropping, dropped_at, drop_next = 1, None, True
                continue
            if bad_tag:
                dropping, dropped_at = 1, mark
                continue
            if len(stack) >= MAX_DEPTH:
                raise _Refused(ParseIssue("yaml-syntax", 1, 1, _DEEP))
            pos = (mark.line + 1, mark.column + 1)
            stack.append([LMap(pos) if cls is yaml.MappingStartEvent else LList(pos),
                          cls is yaml.MappingStartEvent, _NO_KEY, None])
        elif cls in ends:
            value = stack.pop()[0]
            if stack:
                _add(stack, value, None)
            else:
                result = value
        else:  # DocumentEnd: one document only, as get_single_node requires
            event = get()
            if not isinstance(event, yaml.StreamEndEvent):
                raise yaml.composer.ComposerError("expected a single document in the stream", document.start_mark,
                                                  "but found another document", event.start_mark)
            return result


_NO_KEY = object()


def _tag_issue(tag: str, mark) -> ParseIssue:
    return ParseIssue("yaml-tag", mark.line + 1, mark.column + 1,
                      f"台账中不允许使用标签“{tag.replace(_TAG, '!!')}”：请去掉以“!”开头的标记")


def _key(frame: list, key, tag: str, mark, issues: list) -> bool:
    """Take a scalar as the key awaiting a value in the mapping `frame`; False when the key is
    refused (not simple text, or a duplicate) and its value is to be dropped."""
    line, col = mark.line + 1, mark.column + 1
    if key is None and tag != _NULL:
        issues.append(ParseIssue("yaml-syntax", line, col, "键必须是简单的文字"))
        return False
    mapping = frame[0]
    if key in mapping:
        first = mapping.key_pos[key]
        issues.append(ParseIssue("duplicate-key", line, col,
                                 f"键“{key}”重复（第{first[0]}行已有），后一个会覆盖前一个，请删除或合并"))
        return False
    frame[2] = key
    frame[3] = (line, col)
    return True


def _add(stack: list, value, mark) -> None:
    """A complete value for the collection on top of the stack; `mark` is where it began
    (None: it is a collection, which knows its own position)."""
    frame = stack[-1]
    pos = (mark.line + 1, mark.column + 1) if mark is not None else value.pos
    if frame[1]:
        key = frame[2]
        frame[0].key_pos[key] = frame[3]
        frame[0].val_pos[key] = pos
        frame[0][key] = value
        frame[2] = _NO_KEY
    else:
        frame[0].item_pos.append(pos)
        frame[0].append(value)


def parse_text(text: str, engine: str = "fast") -> tuple[object, list[ParseIssue]]:
    """Parse one document. Returns (value or None, issues); never raises on bad input."""
    issues = CappedList()
    try:
        if engine == "ruamel":
            if "&" in text or "*" in text:  # cheap pre-check; only these files can hold anchors
                found = _find_anchors(text)
                if found:
                    return None, found
            node = _ruamel_compose(text)
            value = None if node is None else build(node, issues)
        else:
            loader = FastLoader(text)
            try:
                value = build_events(loader, issues)
            finally:
                loader.dispose()
    except _Refused as exc:
        return None, [exc.issue]
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_issue(exc, text)]
    except RecursionError:
        return None, [ParseIssue("yaml-syntax", 1, 1, _DEEP)]
    except Exception as exc:  # ruamel's errors and anything else a parser may raise
        if hasattr(exc, "problem_mark"):
            return None, [syntax_issue(exc, text)]
        return None, [ParseIssue("yaml-syntax", 1, 1, f"YAML 无法解析：{exc}")]
    return value, [*issues, *(ParseIssue(rule, first.line, first.col, more_message(count), more=count)
                              for rule, (first, count) in issues.dropped.items())]


def _ruamel_compose(text: str):
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    return y.compose(text)
