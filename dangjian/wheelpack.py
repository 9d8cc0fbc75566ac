"""A wheel of an installed distribution, for `dangjian init` to commit the running version
into a record repository (and for the wheel test to install dependencies offline).

A regular install is packed back from the files its RECORD lists; an editable install (a
source checkout) is built with pip from that checkout. Zip entries carry a fixed date, so
packing the same version twice gives the same bytes and git sees no change.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_SKIPPED_METADATA = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


class PackError(Exception):
    """The wheel could not be made; the message is for the user (Chinese)."""


def wheel_name(dist: metadata.Distribution) -> str:
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    return f"{name}-{dist.version}-{_tag(dist)}.whl"


def _tag(dist: metadata.Distribution) -> str:
    text = dist.read_text("WHEEL") or ""
    tags = [line.split(":", 1)[1].strip().split("-") for line in text.splitlines() if line.startswith("Tag:")]
    if not tags:
        return "py3-none-any"
    # Compressed tag set (PEP 425): py2.py3-none-any for a universal wheel.
    return "-".join(".".join(dict.fromkeys(tag[i] for tag in tags)) for i in range(3))


def editable_source(dist: metadata.Distribution) -> Path | None:
    """The source checkout of an editable install, else None."""
    text = dist.read_text("direct_url.json")
    if not text:
        return None
    info = json.loads(text)
    if not info.get("dir_info", {}).get("editable"):
        return None
    url = info.get("url", "")
    return Path(url.removeprefix("file://")) if url.startswith("file://") else None


def wheel_of(name: str, out_dir: Path) -> Path:
    """A wheel of the installed distribution NAME in OUT_DIR (made if not there yet)."""
    # An installed wheel has a WHEEL file; a stray *.egg-info of a source checkout on sys.path has not.
    dist = next((d for d in metadata.distributions(name=name) if d.read_text("WHEEL") is not None), None)
    if dist is None:
        raise PackError(f"找不到已安装的 {name}")
    out_dir.mkdir(parents=True, exist_ok=True)
    source = editable_source(dist)
    if source is not None:
        return _build(source, out_dir)
    return _repack(dist, out_dir / wheel_name(dist))


def _build(source: Path, out_dir: Path) -> Path:
    # SOURCE_DATE_EPOCH: the same source gives the same wheel bytes.
    env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
             "--wheel-dir", tmp, str(source)],
            capture_output=True, text=True, env=env, check=False)
        built = sorted(Path(tmp).glob("*.whl"))
        if done.returncode != 0 or not built:
            raise PackError("无法从源码目录生成 dangjian 的安装包（wheel）：" + (done.stderr.strip()[-400:] or "未知原因")
                            + "；可改用 --tool-source 指定 git 地址或软件源版本")
        target = out_dir / built[0].name
        target.write_bytes(built[0].read_bytes())
        return target


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def _repack(dist: metadata.Distribution, target: Path) -> Path:
    info_dir = ""
    entries: list[tuple[str, bytes]] = []
    for file in sorted(dist.files or [], key=str):
        rel = file.as_posix()
        if rel.startswith("..") or "__pycache__" in file.parts or rel.endswith(".pyc"):
            continue  # console scripts are made again from entry_points.txt at install
        if file.parts[0].endswith(".dist-info"):
            info_dir = file.parts[0]
            if file.name in _SKIPPED_METADATA:
                continue
        path = Path(dist.locate_file(file))
        if path.is_file():
            entries.append((rel, path.read_bytes()))
    record = "".join(f"{rel},{_record_hash(data)},{len(data)}\n" for rel, data in entries)
    record += f"{info_dir}/RECORD,,\n"
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel, data in [*entries, (f"{info_dir}/RECORD", record.encode())]:
            item = zipfile.ZipInfo(rel, FIXED_DATE)
            item.compress_type = zipfile.ZIP_DEFLATED
            item.external_attr = 0o644 << 16
            zf.writestr(item, data)
    os.replace(tmp, target)
    return target
