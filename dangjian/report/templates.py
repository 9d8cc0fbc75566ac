"""Where templates come from: the record repository's own templates/ first, then the shipped ones.

A file in <记录库>/templates/ with the same name as a shipped template replaces it. A street
summary uses `<kind>-summary.<ext>` if there is one, else the shared `summary.<ext>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from dangjian.report.sandbox import LinkOutside, ReportError, check_contained

# Package data: dangjian/templates links to the project's templates/ in a checkout and holds a
# copy in the wheel; installed packages are plain directories, so a Path is safe.
SHIPPED = Path(str(resources.files("dangjian") / "templates"))
EXTENSIONS = {"md": ".md.j2", "docx": ".docx"}


@dataclass(frozen=True)
class Found:
    name: str  # file name
    path: Path
    origin: str  # 记录库 or 内置

    @property
    def shown(self) -> str:
        return f"templates/{self.name}（{self.origin}）"


def search_path(root: Path | None) -> list[tuple[Path, str]]:
    out = []
    if root is not None and (root / "templates").is_dir():
        out.append((root / "templates", "记录库"))
    out.append((SHIPPED, "内置"))
    return out


def candidates(kind: str, fmt: str, summary: bool = False) -> list[str]:
    ext = EXTENSIONS[fmt]
    return [f"{kind}-summary{ext}", f"summary{ext}"] if summary else [f"{kind}{ext}"]


def find(root: Path | None, kind: str, fmt: str, summary: bool = False) -> Found:
    for name in candidates(kind, fmt, summary):
        for folder, origin in search_path(root):
            if (folder / name).is_file():
                return Found(name, contained(folder / name, f"templates/{name}"), origin)
    wanted = "、".join(candidates(kind, fmt, summary))
    raise ReportError(f"找不到模板 {wanted}：记录库的 templates/ 和 dangjian 自带的模板中都没有")


def contained(path: Path, shown: str) -> Path:
    """`path`, or ReportError when it is a link leaving its record repository."""
    try:
        check_contained(path, shown)
    except LinkOutside as exc:
        raise ReportError(exc.message) from None
    return path


def listing(root: Path | None) -> list[Found]:
    """Every template in effect, with where it comes from; overridden shipped ones are left out."""
    seen: dict[str, Found] = {}
    for folder, origin in search_path(root):
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if path.is_file() and path.name.endswith(tuple(EXTENSIONS.values())) and path.name not in seen:
                seen[path.name] = Found(path.name, path, origin)
    return sorted(seen.values(), key=lambda f: f.name)


def kind_of(name: str) -> tuple[str | None, str | None, bool]:
    """`monthly.md.j2` → ("monthly", "md", False); `dues-summary.docx` → ("dues", "docx", True)."""
    for fmt, ext in EXTENSIONS.items():
        if name.endswith(ext):
            stem = name[: -len(ext)]
            if stem == "summary":
                return None, fmt, True
            if stem.endswith("-summary"):
                return stem[: -len("-summary")], fmt, True
            return stem, fmt, False
    return None, None, False
