"""One table from record keys (Chinese, as written on paper) to the code's names.

Each model dataclass declares its fields with `key()`; from those declarations come the
conversion of parsed YAML into model objects (with findings for every bad value), the
JSON Schemas editors use, and the field tables in docs/records.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import re
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import ClassVar

from dangjian.limits import MAX_QUANTITY, CappedList, more_message, shorten
from dangjian.located import LList, LMap, Loc

# Keys holding a name (of a person, an organisation, a unit): what reports, file lists and
# the dashboard show as identifying someone, so invisible reordering marks are a finding.
NAME_KEYS = frozenset({"姓名", "名称", "简称", "组织名称", "单位", "工作单位", "主持人", "记录人", "授课人",
                       "谈话人", "报告人", "述职人", "联系人", "组长", "培养联系人", "入党介绍人"})
# Bidirectional-text controls (embeddings, overrides, isolates, marks): they make a name show
# as something else than it is ("王\u202e明建" is displayed reversed).
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# Kinds of string that YAML would silently turn into numbers when left unquoted.
QUOTED_KINDS = {"id-number": "身份证号", "phone": "电话号码", "postcode": "邮政编码", "money": "金额",
                "rate": "比例"}


def key(name: str, *, required: bool = False, choices: tuple[str, ...] = (), kind: str = "",
        doc: str = "", example: object = None, default=None):
    """Declare a record field: its key as users write it, and what it may hold."""
    meta = {"key": name, "required": required, "choices": choices, "kind": kind, "doc": doc,
            "example": example}
    if isinstance(default, (list, dict)):
        return field(default_factory=type(default), metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(kw_only=True)
class Record:
    """Base of every model object: it knows where it was written."""

    loc: Loc = field(default=Loc("?"), compare=False, repr=False)
    locs: dict = field(default_factory=dict, compare=False, repr=False)
    key_pos: dict = field(default_factory=dict, compare=False, repr=False)  # attr → (line, col) of its key

    # Fields written with a value the format rules refused (invalid-value, invalid-date …). Set on
    # the instance only when there are some: most records have none and share this empty one.
    refused: ClassVar[frozenset[str]] = frozenset()

    def at(self, attr: str) -> Loc:
        """Where the value of `attr` stands, or the record itself when the key is absent."""
        return self.locs.get(attr, self.loc)

    def missing(self, attr: str) -> bool:
        """`attr` has no value and none was written. A written value that was refused is already a
        finding of its own, so a rule asking for the field must not report it again as missing."""
        return getattr(self, attr) is None and attr not in self.refused

    def key_at(self, attr: str) -> Loc:
        pos = self.key_pos.get(attr)
        return Loc(self.loc.path, *pos) if pos else self.at(attr)


class KeyedDict(dict):
    """A free-form mapping (参数, 规则级别) that remembers where each of its keys was written."""

    key_locs: dict

    def key_loc(self, key: object, default: Loc) -> Loc:
        return getattr(self, "key_locs", {}).get(key, default)


@dataclass(frozen=True)
class Issue:
    rule: str
    loc: Loc
    message: str
    more: int = 0  # for a summary line: how many issues of this rule it stands for


def doc_title(cls) -> str:
    """The first line of a model class's own docstring ('' for dataclass' generated signature)."""
    doc = (cls.__doc__ or "").strip()
    if not doc or doc.startswith(f"{cls.__name__}("):
        return ""
    return doc.splitlines()[0]


def record_fields(cls) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(cls) if "key" in f.metadata]


_HINTS_CACHE: dict = {}


def _hints(cls) -> dict:
    if cls not in _HINTS_CACHE:
        _HINTS_CACHE[cls] = typing.get_type_hints(cls)
    return _HINTS_CACHE[cls]


def _type_name(tp, kind: str = "") -> str:
    if kind in QUOTED_KINDS:
        return f"带引号的{QUOTED_KINDS[kind]}"
    origin = typing.get_origin(tp)
    if origin in (list,):
        return "列表"
    if origin in (dict,):
        return "按月份的映射"
    if dataclasses.is_dataclass(tp):
        return "若干“键: 值”"
    return {str: "文字", int: "整数", Decimal: "数字", dt.date: "日期（YYYY-MM-DD）", bool: "是/否（true/false）",
            float: "数字", dict: "若干“键: 值”"}.get(
        tp, str(tp))


@dataclass(frozen=True)
class _Step:
    """How to convert the value of one key, worked out once per model class."""

    name: str
    shape: str  # scalar, record, month, list-record, list-scalar
    tp: object
    meta: dict
    kind: str


def _step_for(name: str, tp, meta) -> _Step:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    origin = typing.get_origin(tp)
    kind = meta.get("kind", "")
    if origin is list:
        (item,) = typing.get_args(tp)
        return _Step(name, "list-record" if dataclasses.is_dataclass(item) else "list-scalar", item, meta, kind)
    if origin is dict:
        return _Step(name, "month", tp, meta, kind)
    if dataclasses.is_dataclass(tp):
        return _Step(name, "record", tp, meta, kind)
    return _Step(name, "scalar", tp, meta, kind)


_PLANS: dict = {}
_REQUIRED: dict = {}


def _plan(cls) -> dict[str, _Step]:
    plan = _PLANS.get(cls)
    if plan is None:
        hints = _hints(cls)
        plan = _PLANS[cls] = {f.metadata["key"]: _step_for(f.name, hints[f.name], f.metadata)
                              for f in record_fields(cls)}
        _REQUIRED[cls] = tuple(f.metadata["key"] for f in record_fields(cls) if f.metadata["required"])
    return plan


def _required(cls) -> tuple[str, ...]:
    _plan(cls)
    return _REQUIRED[cls]


class Converter:
    """Converts located YAML values to model objects, collecting issues instead of raising."""

    def __init__(self, path: str, skip: set[tuple[int, int]] | None = None) -> None:
        self.path = path
        self.issues: list[Issue] = CappedList()  # a million bad items cost a few kilobytes
        self.skip = skip or set()  # positions the parser already reported (e.g. impossible dates)

    def all_issues(self) -> list[Issue]:
        """The issues kept, then one summary line per rule for those only counted."""
        return [*self.issues, *(Issue(rule, first.loc, more_message(count), count)
                                for rule, (first, count) in self.issues.dropped.items())]

    def loc(self, pos: tuple[int, int] | None) -> Loc:
        return Loc(self.path, *(pos or (1, 1)))

    def issue(self, rule: str, pos, message: str) -> None:
        if rule in ("wrong-type", "invalid-value") and pos in self.skip:
            return
        if not self.issues.bump(rule):
            self.issues.append(Issue(rule, self.loc(pos), message))

    def record(self, cls, value, pos=(1, 1), context: str = ""):
        if not isinstance(value, LMap):
            self.issue("wrong-type", pos, f"{context or '此处'}应为若干“键: 值”，实际是{_describe(value)}")
            return None
        plan = _plan(cls)
        kwargs: dict = {}
        locs: dict = {}
        key_pos: dict = {}
        refused: set[str] = set()
        path = self.path
        val_pos = value.val_pos
        for k, v in value.items():
            step = plan.get(k)
            if step is None:
                if self.issues.full("unknown-key"):  # only counted: no hint to compute
                    self.issue("unknown-key", value.key_pos.get(k), "")
                    continue
                guess = difflib.get_close_matches(str(k), list(plan), n=1, cutoff=0.4)
                hint = f"，是否想写“{guess[0]}”？" if guess else f"。可用的键：{'、'.join(plan)}"
                self.issue("unknown-key", value.key_pos.get(k), f"未知的键“{k}”{hint}")
                continue
            vpos = val_pos.get(k) or (1, 1)
            name = step.name
            locs[name] = Loc(path, vpos[0], vpos[1])
            key_pos[name] = value.key_pos.get(k)
            if v is None:
                continue
            converted = self.convert(step, v, vpos, k)
            if converted is not None:
                kwargs[name] = converted
            else:
                refused.add(name)
        for required in _required(cls):
            if required not in value:
                self.issue("missing-key", value.pos, f"{context or '此记录'}缺少必填的键“{required}”")
        obj = cls(**kwargs)
        obj.loc = Loc(path, *(value.pos or (1, 1)))
        obj.locs = locs
        obj.key_pos = key_pos
        if refused:
            obj.refused = frozenset(refused)
        return obj

    def convert(self, step: _Step, v, pos, name: str):
        shape = step.shape
        if shape == "scalar":
            return self._scalar(step.tp, v, pos, step.meta, name, step.kind)
        if shape == "record":
            return self.record(step.tp, v, pos, f"“{name}”")
        if shape == "month":
            return self._month_map(v, pos, name)
        item_tp = step.tp
        if not isinstance(v, LList):
            if shape == "list-record":
                self.issue("wrong-type", pos, f"“{name}”应为列表（每项以“- ”开头）")
                return None
            one = self._scalar(item_tp, v, pos, step.meta, name, step.kind)
            return None if one is None else [one]
        out = []
        for item, ipos in zip(v, v.item_pos, strict=True):
            if item is None:
                continue
            if shape == "list-record":
                obj = self.record(item_tp, item, ipos, f"“{name}”的一项")
            else:
                obj = self._scalar(item_tp, item, ipos, step.meta, name, step.kind)
            if obj is not None:
                out.append(obj)
        return out

    def value(self, tp, v, pos, meta, name: str):
        """Convert one value of type `tp` (kept for callers outside the record walk)."""
        if v is None:
            return None
        return self.convert(_step_for("", tp, meta), v, pos, name)

    def _month_map(self, v, pos, name):
        if not isinstance(v, LMap):
            self.issue("wrong-type", pos, f"“{name}”应为按月份写的“月份: 日期”")
            return None
        out = {}
        for month, day in v.items():
            kpos = v.key_pos.get(month)
            if not isinstance(month, int) or not 1 <= month <= 12:
                self.issue("invalid-value", kpos, f"“{name}”中的月份“{month}”应为 1 到 12 的整数")
                continue
            if isinstance(day, dt.date):
                out[month] = (day, self.loc(v.val_pos.get(month)))
            elif day is not None:
                self.issue("wrong-type", v.val_pos.get(month), f"{month}月的交纳日期应为日期（YYYY-MM-DD）")
        return out

    def _scalar(self, tp, v, pos, meta, name, kind):
        choices = meta.get("choices") or ()
        if tp is dict:  # free-form settings (参数, 规则级别): checked by their users
            if isinstance(v, LMap):
                out = KeyedDict(v)
                out.key_locs = {k: Loc(self.path, *p) for k, p in v.key_pos.items() if p}
                return out
            self.issue("wrong-type", pos, f"“{name}”应为若干“键: 值”，实际是{_describe(v)}")
            return None
        if tp is str:
            if isinstance(v, (bool, LMap, LList)):
                self.issue("wrong-type", pos, f"“{name}”应为{_type_name(tp, kind)}，实际是{_describe(v)}")
                return None
            if isinstance(v, (int, float)) and kind in QUOTED_KINDS:
                example = "\"按原号码书写\"" if kind == "postcode" else f"\"{v}\""
                self.issue("number-should-be-quoted", pos,
                           f"“{name}”被 YAML 读成了数字{_lost_zero(kind)}，请加引号，如 {name}: {example}")
                return None
            text = v.isoformat() if isinstance(v, dt.date) else str(v)
            if name in NAME_KEYS and BIDI_CONTROLS.search(text):
                marks = "、".join(sorted({f"U+{ord(c):04X}" for c in BIDI_CONTROLS.findall(text)}))
                self.issue("name-bidi-control", pos,
                           f"“{name}”中有不可见的文字方向控制字符（{marks}），会使显示的内容与实际不同，请删除后重新输入")
            if choices and text not in choices:
                guess = difflib.get_close_matches(text, list(choices), n=1, cutoff=0.3)
                hint = f"，是否想写“{guess[0]}”？" if guess else ""
                self.issue("invalid-value", pos, f"“{name}”的值“{text}”不在可选范围（{'、'.join(choices)}）内{hint}")
                return None
            return text
        if tp is Decimal:
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                self.issue("number-should-be-quoted", pos,
                           f"{QUOTED_KINDS.get(kind, '金额')}“{name}”请加引号书写，如 {name}: \"{v}\"，以免精度丢失")
                return None
            if kind in ("money", "rate"):
                from dangjian.money import MoneyError, parse_money, parse_rate

                try:
                    return parse_money(v, f"“{name}”的值") if kind == "money" else parse_rate(v, f"“{name}”的值")
                except MoneyError as exc:
                    self.issue("invalid-value", pos, str(exc))
                    return None
            shown = shorten(str(v))
            try:
                text = str(v).strip().rstrip("%")
                number = Decimal(text) / (100 if str(v).strip().endswith("%") else 1) if len(text) <= 40 else None
            except (InvalidOperation, ValueError):
                number = None
            if number is None or not number.is_finite() or abs(number.adjusted()) > 12:
                self.issue("invalid-value", pos, f"“{name}”的值“{shown}”不是有效的数字")
                return None
            return number
        if tp is int:
            if isinstance(v, int) and not isinstance(v, bool):
                return v
        elif tp is float:
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                if not math.isfinite(v) or abs(v) > MAX_QUANTITY:  # .inf 学时 would make every total inf
                    self.issue("invalid-value", pos, f"“{name}”的值“{shorten(str(v))}”不是有效的数量"
                                                     f"（应为有限的数，不超过 {MAX_QUANTITY}）")
                    return None
                return float(v)
        elif tp is bool:
            if isinstance(v, bool):
                return v
            if v in ("是", "否"):
                return v == "是"
        elif tp is dt.date:
            if isinstance(v, dt.datetime):
                return v.date()
            if isinstance(v, dt.date):
                return v
        self.issue("wrong-type", pos, f"“{name}”应为{_type_name(tp, kind)}，实际是{_describe(v)}")
        return None


def _lost_zero(kind: str) -> str:
    return "（开头的 0 已经丢失）" if kind == "postcode" else ""


def _describe(v) -> str:
    if isinstance(v, LMap):
        return "若干“键: 值”"
    if isinstance(v, LList):
        return "列表"
    if isinstance(v, bool):
        return f"是/否值“{'true' if v else 'false'}”"
    if isinstance(v, dt.date):
        return f"日期“{v.isoformat()}”"
    return f"“{v}”"


# --- JSON Schema ---------------------------------------------------------------------------

def json_schema(cls, title: str = "") -> dict:
    hints = _hints(cls)
    props: dict = {}
    required = []
    for f in record_fields(cls):
        props[f.metadata["key"]] = _json_type(hints[f.name], f.metadata)
        if f.metadata["required"]:
            required.append(f.metadata["key"])
    schema: dict = {"type": "object", "properties": props, "additionalProperties": False}
    if title:
        schema["title"] = title
    if doc_title(cls):
        schema["description"] = doc_title(cls)
    if required:
        schema["required"] = required
    return schema


def _json_type(tp, meta) -> dict:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    out: dict
    origin = typing.get_origin(tp)
    if origin is list:
        (item,) = typing.get_args(tp)
        inner = json_schema(item) if dataclasses.is_dataclass(item) else _json_type(item, meta)
        out = {"type": "array", "items": inner}
        if not dataclasses.is_dataclass(item):
            out = {"anyOf": [out, inner]}
    elif tp is dict:
        out = {"type": "object"}
    elif origin is dict:
        out = {"type": "object", "patternProperties": {"^([1-9]|1[0-2])$": {"type": "string", "format": "date"}},
               "additionalProperties": False}
    elif dataclasses.is_dataclass(tp):
        out = json_schema(tp)
    elif tp is dt.date:
        out = {"type": "string", "format": "date"}
    elif tp is int:
        out = {"type": "integer"}
    elif tp is float:
        out = {"type": "number"}
    elif tp is bool:
        out = {"type": "boolean"}
    else:
        out = {"type": "string"}
        if meta.get("choices"):
            out["enum"] = list(meta["choices"])
    if meta.get("doc"):
        out["description"] = meta["doc"]
    return out
