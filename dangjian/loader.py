"""The one loader: a record repository → model objects plus findings for every bad file.

A file that cannot be read becomes a finding and never hides the other files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dangjian import model
from dangjian.decode import decode_record
from dangjian.findings import Problem
from dangjian.located import Loc
from dangjian.schema import Converter
from dangjian.yamlread import parse_text

CONFIG_FILE = "dangjian.yaml"
# Directories at the root kept for the street's own records, holiday files and templates.
RESERVED_DIRS = ("street", "holidays", "templates", "out")
YEAR_FILE = re.compile(r"^(meetings|dues|trainings|talks|activities|plan)/(\d{4})\.ya?ml$")
SINGLE_FILES = {"branch.yaml": model.Branch, "members.yaml": model.MembersFile,
                "applicants.yaml": model.ApplicantsFile}
YEAR_KINDS = {"meetings": model.MeetingsFile, "dues": model.DuesFile, "trainings": model.TrainingsFile,
              "talks": model.TalksFile, "activities": model.ActivitiesFile}


@dataclass
class Repository:
    root: Path
    config: model.RepoConfig
    branches: list[model.BranchRecords] = field(default_factory=list)
    load_problems: list[tuple[str, Problem]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def branch(self, branch_id: str) -> model.BranchRecords | None:
        return next((b for b in self.branches if b.id == branch_id), None)


def find_root(start: Path) -> Path | None:
    """The nearest directory at or above `start` holding dangjian.yaml."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for candidate in (here, *here.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate
    return None


def load_file(source, rel: str, cls, problems: list, engine: str = "fast"):
    """Read, decode, parse and convert one file; every failure becomes a (rule, Problem)."""
    try:
        data = source.read(rel)
    except (OSError, PermissionError) as exc:
        problems.append(("file-unreadable", Problem(Loc(rel), f"无法读取文件：{_reason(exc)}")))
        return None
    text, decode_issues = decode_record(data)
    for issue in decode_issues:
        problems.append((issue.rule, Problem(Loc(rel, issue.line, issue.col), issue.message)))
    if text is None:
        return None
    value, parse_issues = parse_text(text, engine)
    for issue in parse_issues:
        problems.append((issue.rule, Problem(Loc(rel, issue.line, issue.col), issue.message,
                                             excerpt=issue.excerpt)))
    if value is None:
        if not parse_issues:
            problems.append(("empty-file", Problem(Loc(rel), "文件是空的：请填写内容或删除此文件")))
        return None
    converter = Converter(rel, {(i.line, i.col) for i in parse_issues})
    obj = converter.record(cls, value, value.pos if hasattr(value, "pos") else (1, 1), "文件")
    for issue in converter.issues:
        problems.append((issue.rule, Problem(issue.loc, issue.message)))
    return obj


def _reason(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return "文件不存在"
    if isinstance(exc, IsADirectoryError):
        return "这是一个目录"
    return str(exc)


def load_repository(root: Path, source=None, engine: str = "fast") -> Repository:
    from dangjian.sources import WorkTree

    source = source or WorkTree(root)
    problems: list[tuple[str, Problem]] = []
    files = source.files()
    config = None
    if CONFIG_FILE in files:
        config = load_file(source, CONFIG_FILE, model.RepoConfig, problems, engine)
    config = config or model.RepoConfig(name="（未命名）", loc=Loc(CONFIG_FILE))
    branch_dirs = sorted({f.rsplit("/", 1)[0] if "/" in f else "" for f in files
                          if f == "branch.yaml" or f.endswith("/branch.yaml")})
    repo = Repository(root=root, config=config, load_problems=problems, files=files)
    by_dir = {d: model.BranchRecords(directory=d) for d in branch_dirs if d}
    for d, records in by_dir.items():
        parent_dir = _owner(d.rsplit("/", 1)[0] if "/" in d else "", by_dir)
        records.parent = parent_dir  # fixed up to an id below
    for rel in files:
        if rel == CONFIG_FILE or rel.split("/", 1)[0] in RESERVED_DIRS:
            continue
        owner = _owner(rel.rsplit("/", 1)[0] if "/" in rel else "", by_dir)
        if owner is None:
            problems.append(("unknown-file", Problem(
                Loc(rel), "此文件不属于任何党组织目录（同目录或上级目录中没有 branch.yaml），未被检查")))
            continue
        _load_into(by_dir[owner], rel, rel[len(owner) + 1:], source, problems, engine)
    for records in by_dir.values():
        if records.parent is not None:
            records.parent = by_dir[records.parent].id
    repo.branches = list(by_dir.values())
    return repo


def year_of_path(path: str) -> int | None:
    """The year a per-year file is for: `CN01/meetings/2025.yaml` → 2025."""
    match = re.search(r"/(\d{4})\.ya?ml$", "/" + path)
    return int(match.group(1)) if match else None


def _owner(directory: str, by_dir: dict) -> str | None:
    while directory:
        if directory in by_dir:
            return directory
        directory = directory.rsplit("/", 1)[0] if "/" in directory else ""
    return None


def _load_into(records: model.BranchRecords, rel: str, inner: str, source, problems, engine) -> None:
    records.files.append(rel)
    if inner in SINGLE_FILES:
        obj = load_file(source, rel, SINGLE_FILES[inner], problems, engine)
        if obj is None:
            if inner == "members.yaml":
                records.roster_ok = False
            return
        if inner == "branch.yaml":
            records.info = obj
        elif inner == "members.yaml":
            records.members = obj.members
        else:
            records.applicants = obj.applicants
        return
    match = YEAR_FILE.match(inner)
    if not match:
        problems.append(("unknown-file", Problem(
            Loc(rel), "无法识别的文件名：党组织目录下应为 branch.yaml、members.yaml、applicants.yaml，"
                      "或 meetings/、dues/、trainings/、talks/、activities/、plan/ 下的“年份.yaml”")))
        return
    kind, year = match.group(1), int(match.group(2))
    if kind == "plan":  # the schedule's own files; read by the schedule commands
        return
    obj = load_file(source, rel, YEAR_KINDS[kind], problems, engine)
    if obj is None:
        return
    if kind == "meetings":
        records.meetings.extend(obj.meetings)
        records.meeting_years.add(year)
    elif kind == "dues":
        records.dues[year] = obj
    elif kind == "trainings":
        records.trainings.extend(obj.trainings)
    elif kind == "talks":
        records.talks.extend(obj.talks)
    else:
        records.activities[year] = obj
