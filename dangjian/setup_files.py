"""What `dangjian init` and `dangjian upgrade` put into a record repository besides the records:
the pin, the tool's wheel, schemas, CI files, hook configuration, .gitignore/.gitattributes.

A Plan computes every file's new content first (merging into files the user already has), so
a conflict stops the command before anything is written.
"""

from __future__ import annotations

import difflib
import io
import os
import tempfile
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from dangjian import ci_files, pin, scaffold

# Files the tool alone owns: replaced silently (they follow the pinned version).
TOOL_OWNED_PREFIXES = (".dangjian/schemas/", pin.WHEEL_DIR + "/")


class SetupError(Exception):
    """The files cannot be prepared; the message is for the user (Chinese)."""


@dataclass
class Plan:
    root: Path
    pin: pin.Pin
    files: dict[str, str | bytes] = field(default_factory=dict)  # path → full new content
    merged: set[str] = field(default_factory=set)  # paths whose new content merges the user's
    records: dict[str, str] = field(default_factory=dict)  # record files for a new repository
    stale_wheels: list[Path] = field(default_factory=list)

    def _changes(self) -> dict[str, str | bytes]:
        out = {}
        for rel, content in {**self.records, **self.files}.items():
            target = self.root / rel
            if not target.exists():
                out[rel] = content
                continue
            old = target.read_bytes()
            new = content.encode("utf-8") if isinstance(content, str) else content
            if old != new:
                out[rel] = content
        return out

    def conflicts(self) -> list[str]:
        """Unified diffs of the user's files that would be replaced, not merged."""
        diffs = []
        for rel, content in self._changes().items():
            target = self.root / rel
            if not target.exists() or rel in self.merged or rel.startswith(TOOL_OWNED_PREFIXES):
                continue
            if isinstance(content, bytes):
                diffs.append(f"--- {rel}（二进制文件，内容不同）")
                continue
            old = target.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
            diffs.append("".join(difflib.unified_diff(old, content.splitlines(keepends=True),
                                                      f"{rel}（现有）", f"{rel}（dangjian 生成）")))
        return diffs

    def write(self) -> list[str]:
        from dangjian.yamlio import atomic_write_text

        written = []
        umask = os.umask(0)
        os.umask(umask)
        for rel, content in self._changes().items():
            target = self.root / rel
            new = not target.exists()
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                tmp = target.with_name(target.name + ".tmp")
                tmp.write_bytes(content)
                tmp.replace(target)
            else:
                atomic_write_text(target, content)
            if new:
                target.chmod(0o666 & ~umask)  # a new file in a repository: readable like any other
            written.append(rel)
        for old in self.stale_wheels:
            old.unlink(missing_ok=True)
            written.append(f"删除 {old.relative_to(self.root).as_posix()}")
        schemas = [w for w in written if w.startswith(".dangjian/schemas/")]
        if schemas:
            written = [w for w in written if w not in schemas] + [f".dangjian/schemas/（{len(schemas)} 个）"]
        return written


def dependencies(dist_name: str = "dangjian") -> list[str]:
    """The running tool's own requirements, without extras (for pre-commit's wheel hook)."""
    return [r.split(";")[0].strip() for r in metadata.requires(dist_name) or [] if "extra ==" not in r]


def resolve_pin(root: Path, version: str, source: str) -> tuple[pin.Pin, dict[str, bytes]]:
    """The pin for SOURCE, and the wheel file to commit with it (for the wheel kind)."""
    parsed = None if source.endswith(".whl") else pin.parse_source(source, version)
    if parsed is not None:
        return parsed, {}
    if source.endswith(".whl"):
        wheel = Path(source)
        if not wheel.is_file():
            raise SetupError(f"找不到安装包文件 {wheel}")
        wheel_version = wheel.name.split("-")[1] if wheel.name.count("-") >= 2 else ""
        if wheel_version != version:
            raise SetupError(f"安装包 {wheel.name} 的版本（{wheel_version or '未知'}）与正在运行的 dangjian {version} 不同；"
                             f"请用 dangjian {wheel_version or '该版本'} 本身运行，或不指定 --tool-source")
        data = wheel.read_bytes()
    else:
        from dangjian import wheelpack

        with tempfile.TemporaryDirectory() as tmp:
            try:
                wheel = wheelpack.wheel_of("dangjian", Path(tmp))
            except wheelpack.PackError as exc:
                raise SetupError(str(exc)) from None
            data = wheel.read_bytes()
    made = pin.wheel_pin(wheel, version)
    return made, {f"{pin.WHEEL_DIR}/{wheel.name}": data}


def plan(root: Path, version: str, source: str, ci_kinds: list[str]) -> Plan:
    made, wheel = resolve_pin(root, version, source)
    result = Plan(root, made)
    files = result.files
    files.update(wheel)
    files[pin.PIN_FILE] = made.text()
    wheel_dir = root / pin.WHEEL_DIR
    if wheel_dir.is_dir():
        result.stale_wheels = [p for p in wheel_dir.glob("*.whl") if f"{pin.WHEEL_DIR}/{p.name}" not in wheel]
    for entry in resources.files("dangjian").joinpath("schemas").iterdir():
        if entry.name.endswith(".json"):
            files[f".dangjian/schemas/{entry.name}"] = entry.read_text(encoding="utf-8")
    _merge_lines(result, ".gitignore", scaffold.GITIGNORE)
    _merge_lines(result, ".gitattributes", scaffold.GITATTRIBUTES)
    _merge_pre_commit(result, ci_files.pre_commit_config(made, dependencies()))
    if "gitlab" in ci_kinds:
        files[ci_files.GITLAB_INCLUDE] = ci_files.gitlab_jobs(made)
        _merge_gitlab(result)
    if "gitea" in ci_kinds:
        files[ci_files.GITEA_WORKFLOW] = ci_files.actions_workflow(made)
    if "github" in ci_kinds:
        files[ci_files.GITHUB_WORKFLOW] = ci_files.actions_workflow(made, github=True)
    return result


def _merge_lines(result: Plan, rel: str, ours: str) -> None:
    path = result.root / rel
    if not path.exists():
        result.files[rel] = ours
        return
    text = path.read_text(encoding="utf-8", errors="replace")
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in ours.splitlines() if line.strip() and not line.startswith("#")
               and line.strip() not in have]
    if missing:
        sep = "" if text.endswith("\n") or not text else "\n"
        result.files[rel] = text + sep + "# dangjian 需要的设置（dangjian init 加入）\n" + "\n".join(missing) + "\n"
        result.merged.add(rel)


def _yaml():
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _dump(y, data) -> str:
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue()


def _merge_pre_commit(result: Plan, ours: str) -> None:
    rel = ".pre-commit-config.yaml"
    path = result.root / rel
    if not path.exists():
        result.files[rel] = ours
        return
    text = path.read_text(encoding="utf-8", errors="replace")
    y = _yaml()
    try:
        theirs = y.load(text)
    except Exception:
        result.files[rel] = ours  # unreadable: shown as a conflict, replaced only with --force
        return
    mine = y.load(ours)["repos"][0]
    repos = theirs.get("repos") if isinstance(theirs, dict) else None
    if not isinstance(repos, list):
        result.files[rel] = ours
        return
    index = next((i for i, repo in enumerate(repos)
                  if any(isinstance(h, dict) and h.get("id") == ci_files.HOOK_ID for h in repo.get("hooks") or [])),
                 None)
    if index is None:
        repos.append(mine)
    else:
        repos[index] = mine  # the pinned tool's entry replaces the old one; the rest stays
    result.files[rel] = _dump(y, theirs)
    result.merged.add(rel)


def _merge_gitlab(result: Plan) -> None:
    rel = ".gitlab-ci.yml"
    path = result.root / rel
    if not path.exists():
        result.files[rel] = ci_files.gitlab_main()
        return
    text = path.read_text(encoding="utf-8", errors="replace")
    if ci_files.GITLAB_INCLUDE in text:
        return
    y = _yaml()
    try:
        data = y.load(text)
    except Exception:
        data = None
    if not isinstance(data, dict):
        result.files[rel] = ci_files.gitlab_main()  # a conflict the user decides on
        return
    entry = y.load(f"local: {ci_files.GITLAB_INCLUDE}\n")
    current = data.get("include")
    if current is None:
        data.insert(0, "include", [entry])
    elif isinstance(current, list):
        current.append(entry)
    else:
        data["include"] = [current, entry]
    result.files[rel] = _dump(y, data)
    result.merged.add(rel)
