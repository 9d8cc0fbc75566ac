"""How cache entries are written: JSON with tagged types, never pickle.

Only plain data and the tool's own record classes (the dataclasses of `model`, `Finding`,
`Problem`, `Loc`, `Severity`) can be written or read back, so a file planted in the cache
directory can at worst be a wrong entry — it never runs code. Personal numbers never reach
the disk in clear: 身份证号 and 手机号 fields (kind "id-number"/"phone") are stored as keyed
digests (equal numbers give equal digests, which is all a cross-branch check of a cached
roster needs). Any other text holding a run of 11 or more digits — a finding quoting an
unquoted number, a syntax-error excerpt — is stored sealed: each such run enciphered with a
keystream of the cache's secret and a fresh nonce, written as letters. It must come back
exactly (output is masked, or not, at the exit point), so a digest would not do; and one
finding quoting a number must not cost every later run of the repository its cache.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import re
import secrets
from decimal import Decimal

PERSONAL_KINDS = ("id-number", "phone")
LONG_NUMBER = re.compile(r"\d{11}")  # an ID or mobile number, alone or inside a longer token
_HEX = re.compile(r"[0-9a-f]{32,64}")
DIGEST_PREFIX = "摘要:"
_LETTERS = str.maketrans("0123456789", "ghijklmnop")
_FROM_LETTERS = str.maketrans("ghijklmnop", "0123456789")
_RUN = re.compile(r"([0-9]{11,})")  # what is sealed: every whole run of 11 or more ASCII digits


class NotStorable(Exception):
    """A value the cache does not write (an unknown type, or a personal number in clear)."""


def _classes() -> dict[str, type]:
    from dangjian import findings, located, model

    out: dict[str, type] = {}
    for module in (model, findings, located):
        for name, obj in vars(module).items():
            if isinstance(obj, type) and obj.__module__ == module.__name__ \
                    and (dataclasses.is_dataclass(obj) or issubclass(obj, enum.Enum) or name == "Loc"):
                out[name] = obj
    return out


class Codec:
    """Encodes and decodes entries; `secret` keys the digests of personal numbers."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret
        self.classes = _classes()
        self._personal: dict[type, frozenset[str]] = {}
        self._digests: dict[str, str] = {}

    # --- writing ------------------------------------------------------------------------

    def dumps(self, value) -> bytes:
        return json.dumps(self._enc(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def _digest(self, number: str) -> str:
        hit = self._digests.get(number)
        if hit is None:
            h = hashlib.blake2b(number.encode("utf-8"), key=self.secret, digest_size=16)
            # hex written with letters only: a digest never looks like a number
            hit = self._digests[number] = DIGEST_PREFIX + h.hexdigest().translate(_LETTERS)
        return hit

    def _keystream(self, nonce: bytes, length: int) -> list[int]:
        out: list[int] = []
        block = 0
        while len(out) < length:
            h = hashlib.blake2b(nonce + block.to_bytes(4, "big"), key=self.secret, digest_size=64)
            out.extend(b % 10 for b in h.digest())
            block += 1
        return out

    def _seal(self, text: str) -> list:
        """[nonce, plain, sealed, plain, …]: the digit runs enciphered and written as letters."""
        nonce = secrets.token_bytes(8)
        parts = _RUN.split(text)
        if any(LONG_NUMBER.search(x) for x in parts[::2]):
            raise NotStorable(text)  # other digits (full-width …): not sealed, not stored
        stream = iter(self._keystream(nonce, sum(len(x) for x in parts[1::2])))
        for i in range(1, len(parts), 2):
            parts[i] = "".join(str((int(d) + next(stream)) % 10) for d in parts[i]).translate(_LETTERS)
        return [nonce.hex().translate(_LETTERS), *parts]

    def _unseal(self, sealed: list) -> str:
        nonce, *parts = sealed
        runs = parts[1::2]
        stream = iter(self._keystream(bytes.fromhex(nonce.translate(_FROM_LETTERS)), sum(len(x) for x in runs)))
        for i in range(1, len(parts), 2):
            digits = parts[i].translate(_FROM_LETTERS)
            parts[i] = "".join(str((int(d) - next(stream)) % 10) for d in digits)
        return "".join(parts)

    def _personal_fields(self, cls: type) -> frozenset[str]:
        names = self._personal.get(cls)
        if names is None:
            names = frozenset(f.name for f in dataclasses.fields(cls) if f.metadata.get("kind") in PERSONAL_KINDS)
            self._personal[cls] = names
        return names

    def _enc(self, v):  # one branch per stored type
        t = type(v)
        if v is None or t is bool or t is int or t is float:
            return v
        if t is str:
            if LONG_NUMBER.search(v) and not _HEX.fullmatch(v):  # a blob id is not a number
                return {"x": self._seal(v)}
            return v
        if t is list:
            return [self._enc(x) for x in v]
        if t is dict:
            flat: list = []
            for k, x in v.items():
                flat += (self._enc(k), self._enc(x))
            return {"m": flat}
        if t is tuple:
            return {"t": [self._enc(x) for x in v]}
        if t is set or t is frozenset:
            return {"s": [self._enc(x) for x in v]}
        if t is Decimal:
            return {"d": str(v)}
        if t is dt.date:
            return {"D": v.isoformat()}
        if t is dt.datetime:
            return {"T": v.isoformat()}
        if t is dt.time:
            return {"H": v.isoformat()}
        name = t.__name__
        if self.classes.get(name) is not t:
            raise NotStorable(name)
        if name == "Loc":
            return {"L": [self._enc(v.path), v.line, v.col]}
        if isinstance(v, enum.Enum):
            return {"e": [name, v.name]}
        personal = self._personal_fields(t)
        flat = [name]
        for k, x in vars(v).items():
            if k in personal and type(x) is str:
                flat += (k, {"p": self._digest(x)})
            else:
                flat += (k, self._enc(x))
        return {"c": flat}

    # --- reading ------------------------------------------------------------------------

    def loads(self, data: bytes):
        return json.loads(data, object_hook=self._hook)

    def _hook(self, obj: dict):
        if len(obj) != 1:
            raise ValueError("not a cache entry")
        (tag, v), = obj.items()
        if tag == "L":
            return self.classes["Loc"](*v)
        if tag == "c":
            cls = self.classes[v[0]]
            if isinstance(cls, enum.EnumMeta) or not dataclasses.is_dataclass(cls):
                raise ValueError(v[0])
            made = object.__new__(cls)
            it = iter(v[1:])
            made.__dict__.update(zip(it, it, strict=True))
            return made
        if tag == "m":
            it = iter(v)
            return dict(zip(it, it, strict=True))
        if tag == "t":
            return tuple(v)
        if tag == "p":
            return v
        if tag == "x":
            return self._unseal(v)
        if tag == "d":
            return Decimal(v)
        if tag == "D":
            return dt.date.fromisoformat(v)
        if tag == "s":
            return set(v)
        if tag == "e":
            cls = self.classes[v[0]]
            if not isinstance(cls, enum.EnumMeta):
                raise ValueError(v[0])
            return cls[v[1]]
        if tag == "T":
            return dt.datetime.fromisoformat(v)
        if tag == "H":
            return dt.time.fromisoformat(v)
        raise ValueError(f"unknown tag {tag}")
