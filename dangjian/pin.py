"""Which dangjian a record repository is checked with: `.dangjian/tool.yaml`.

`dangjian init` writes it and `dangjian upgrade` replaces it; the generated CI files and
`.pre-commit-config.yaml` install exactly the requirement written there, and validate warns
when the running version differs. Three kinds of source (`--tool-source`):

- the running version's wheel, committed at .dangjian/tool/ (default: offline, intranet GitLab);
- a git URL with a tag, `git+https://git.example.org/dj/dangjian.git@v0.1.0`;
- a package index name with an exact version, `dangjian==0.1.0`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PIN_FILE = ".dangjian/tool.yaml"
WHEEL_DIR = ".dangjian/tool"
KIND_WHEEL, KIND_GIT, KIND_INDEX = "随库安装包", "git", "软件源"

_GIT = re.compile(r"^(?:git\+)?(?P<url>(?:https?|ssh|file)://\S+?|git@\S+?)@(?P<tag>[^@/\s]+)$")
_INDEX = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[0-9][0-9A-Za-z.+!-]*)$")


class PinError(Exception):
    """A bad --tool-source or pin file; the message is for the user (Chinese)."""


@dataclass(frozen=True)
class Pin:
    version: str
    kind: str  # KIND_WHEEL / KIND_GIT / KIND_INDEX
    requirement: str  # what `pip install` is given, relative to the repository root for a wheel
    git_url: str = ""  # the repository for pre-commit (git kind)
    git_tag: str = ""

    def text(self) -> str:
        lines = [
            "# 本记录库用哪个版本的 dangjian 校验（dangjian init 写入，dangjian upgrade 更新）。",
            "# CI 和 pre-commit 都按“安装”一行安装；与正在运行的版本不同时，dangjian validate 会提醒。",
            f"版本: {self.version}",
            f"来源: {self.kind}",
            f"安装: '{self.requirement}'",
        ]
        if self.kind == KIND_GIT:
            lines += [f"仓库: '{self.git_url}'", f"标签: '{self.git_tag}'"]
        return "\n".join(lines) + "\n"


def wheel_pin(wheel: Path, version: str) -> Pin:
    return Pin(version, KIND_WHEEL, f"./{WHEEL_DIR}/{wheel.name}")


def parse_source(source: str, running: str) -> Pin | None:
    """A git or index source as a Pin; None for the default (the running version's wheel)."""
    source = source.strip()
    if source in ("", "wheel", "随库安装包"):
        return None
    git = _GIT.match(source)
    if git:
        url, tag = git["url"], git["tag"]
        # A release tag names the version; a commit id (tags may not travel with a copy) pins the
        # running version's code.
        version = tag.removeprefix("v") if re.fullmatch(r"v?\d+(\.\d+)*", tag) else running
        return Pin(version, KIND_GIT, f"git+{url}@{tag}", url, tag)
    index = _INDEX.match(source)
    if index:
        return Pin(index["version"], KIND_INDEX, f"{index['name']}=={index['version']}")
    if source.startswith(("git+", "http://", "https://", "ssh://", "git@")):
        raise PinError(f"--tool-source 的 git 地址“{source}”没有写标签；请在末尾加 @标签，如 @v{running}")
    raise PinError(f"无法识别 --tool-source“{source}”：可用 wheel（默认，把安装包放入记录库）、"
                   f"git 地址加标签（如 git+https://git.example.org/dangjian.git@v{running}）、"
                   f"或软件源中的包名加确切版本（如 dangjian=={running}）")


def read(root: Path) -> Pin | None:
    """The repository's pin, or None when it has none (made before pins existed)."""
    path = root / PIN_FILE
    if not path.is_file():
        return None
    from ruamel.yaml import YAML

    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
    except Exception as exc:
        raise PinError(f"{PIN_FILE} 无法读取：{exc}") from None
    if not isinstance(data, dict) or not data.get("版本") or not data.get("安装"):
        raise PinError(f"{PIN_FILE} 缺少“版本”或“安装”；可用 dangjian upgrade 重新生成")
    return Pin(str(data["版本"]), str(data.get("来源", "")), str(data["安装"]),
               str(data.get("仓库", "")), str(data.get("标签", "")))


def mismatch_warning(root: Path, running: str) -> str | None:
    """A Chinese warning when the repository pins another version than the running one."""
    try:
        pin = read(root)
    except PinError as exc:
        return f"dangjian：警告：{exc}"
    if pin is None or pin.version == running:
        return None
    return (f"dangjian：警告：本记录库在 {PIN_FILE} 中指定用 dangjian {pin.version} 校验，"
            f"而正在运行的是 dangjian {running}，两者的规则可能不同，结果可能与 CI 不一致。"
            f"请安装 {pin.version}（pip install {pin.requirement}），"
            f"或在记录库中运行 dangjian upgrade 改用 {running}。")
