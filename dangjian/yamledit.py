"""Small edits to ruamel round-trip data that keep comments where a person put them.

ruamel attaches a comment line to the end of the value before it. Inserting a key after
that value would put the new key below the comment, which was written about the next
key; these helpers move such comment lines to the new entry so they stay in place.
"""

from __future__ import annotations

from collections.abc import Sequence

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken


def _trailing_slot(node, key) -> tuple[list, int]:
    """The comment slot after `node[key]`, descending into block collections to their last element."""
    value = node[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        last = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        return _trailing_slot(value, last)
    items = node.ca.items.setdefault(key, [None, None, None, None])
    return items, 2 if isinstance(node, CommentedMap) else 0


def _detach(node, key) -> str:
    """Cut the whole-line comments and blank lines after `node[key]`, keeping its end-of-line comment."""
    items, slot = _trailing_slot(node, key)
    token = items[slot]
    if token is None:
        return ""
    first, _, rest = token.value.partition("\n")
    if not rest:
        return ""
    if first:
        token.value = first + "\n"
    else:
        items[slot] = None
    return rest


def _attach(node, key, text: str) -> None:
    if text:
        items, slot = _trailing_slot(node, key)
        items[slot] = CommentToken("\n" + text, CommentMark(0))


def put(mapping: CommentedMap, key, value, order: Sequence = ()) -> None:
    """Set `mapping[key]`; a new key goes where `order` puts it among the keys present (else last)."""
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping)
    rank = {k: i for i, k in enumerate(order)}
    index = len(keys)
    if key in rank:
        later = [i for i, k in enumerate(keys) if rank.get(k, -1) > rank[key]]
        index = later[0] if later else len(keys)
    moved = _detach(mapping, keys[index - 1]) if index > 0 else ""
    mapping.insert(index, key, value)
    _attach(mapping, key, moved)


def append(seq: CommentedSeq, value) -> None:
    """Append to a block sequence, below the comments that end the last item."""
    moved = _detach(seq, len(seq) - 1) if len(seq) else ""
    seq.append(value)
    _attach(seq, len(seq) - 1, moved)


def quoted(text: str, like=None):
    """A string scalar quoted as `like` was (single or double), double by default."""
    if isinstance(like, SingleQuotedScalarString):
        return SingleQuotedScalarString(text)
    return DoubleQuotedScalarString(text)


def block_map(pairs: Sequence[tuple] = ()) -> CommentedMap:
    out = CommentedMap()
    for k, v in pairs:
        out[k] = v
    return out


def block_seq(items: Sequence = ()) -> CommentedSeq:
    return CommentedSeq(items)
