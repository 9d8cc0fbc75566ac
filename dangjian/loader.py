"""The one loader: a record repository → model objects plus findings for every bad file.

A file that cannot be read becomes a finding and never hides the other files.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from dangjian import model
from dangjian.context import read_config
from dangjian.findings import Problem
from dangjian.layout import (
    PRIVATE_MEMBERS,
    ROSTER_FILES,
    branch_year_file,
    dir_of,
    kind_of,
    organisation_dirs,
    owner,
    reserved,
    year_out_of_range,
)
from dangjian.limits import FIRST_YEAR, LAST_YEAR
from dangjian.located import Loc
from dangjian.readfile import load_file, parse, read
from dangjian.schema import Converter
from dangjian.sources import WorkTree
from dangjian.street.load import load_street  # street/: regional records, certification evaluations

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
    source: object = field(default=None, compare=False, repr=False)
    # Files whose records a rule pulled in lazily since the engine last cleared it (LazyBranch):
    # what a cached result depends on beyond its own branch.
    lazy_loads: list[str] = field(default_factory=list, compare=False, repr=False)

    def documents(self) -> list[str]:
        """Generated documents (Markdown, CSV, Word …) that git would commit."""
        return self.source.documents() if hasattr(self.source, "documents") else []

    def branch(self, branch_id: str) -> model.BranchRecords | None:
        return next((b for b in self.branches if b.id == branch_id), None)


PRIVATE_KEYS = {"身份证号": "id_number", "手机号": "phone"}


def _layout(files: list[str]) -> tuple[list[str], dict[str, str | None]]:
    """Organisation directories (those holding branch.yaml) and the owner of every file."""
    branch_dirs = organisation_dirs(files)
    dirs = {d for d in branch_dirs if d}
    owners: dict[str, str | None] = {}
    for rel in files:
        if reserved(rel):
            continue
        owners[rel] = owner(dir_of(rel), dirs)
    return [d for d in branch_dirs if d], owners


def load_repository(root: Path, source=None, engine: str = "fast") -> Repository:
    """Load every file of the repository (what reports, dues and schedule commands use)."""
    repo = load_lazy(root, source, engine)
    for records in repo.branches:
        records.load_rest()
        repo.load_problems.extend(records.rest_problems)
    repo.lazy_loads.clear()
    return repo


def load_lazy(root: Path, source=None, engine: str = "fast", config: model.RepoConfig | None = None,
              rosters: dict | None = None, models=None) -> Repository:
    """Load dangjian.yaml and every branch's roster (branch.yaml, members.yaml); the rest of a
    branch (meetings, dues, …) is read the first time anything asks for it. `config` and
    `rosters` ({directory: (info, members, roster_ok, problems)}) may come from the cache, and
    so may the rest of a branch, file by file (`models`, a cache.FileModels). A cached
    roster's `members` may be a function of no arguments that returns the list (or None
    when it is gone from the cache: the roster is then read again) on first use."""
    source = source or WorkTree(root)
    problems: list[tuple[str, Problem]] = []
    files = source.files()
    for shown in getattr(source, "undecodable", ()):
        problems.append(("file-unreadable", Problem(Loc(shown), "文件名或目录名不是 UTF-8 编码，无法显示，其中的记录未检查："
                                                                  "请用中文、字母或数字重新命名")))
    if config is None:
        config = read_config(source, files, problems, engine)  # the one reader of dangjian.yaml
    branch_dirs, owners = _layout(files)
    repo = Repository(root=root, config=config, load_problems=problems, files=files)
    repo.source = source
    repo.street = load_street(source, files, problems, engine)
    by_dir: dict[str, LazyBranch] = {d: LazyBranch(d) for d in branch_dirs}
    for d, records in by_dir.items():
        records.parent = owner(dir_of(d), by_dir)
    for rel, belongs in owners.items():
        if belongs is None:
            problems.append(("unknown-file", Problem(
                Loc(rel), "此文件不属于任何党组织目录（同目录或上级目录中没有 branch.yaml），未被检查")))
        else:
            by_dir[belongs].files.append(rel)
    for d, records in by_dir.items():
        cached = (rosters or {}).get(d)
        if cached is not None:
            records.info, members, records.roster_ok, records.roster_problems = cached
            if callable(members):
                records.__dict__["_fetch_members"] = (members, source, engine)
            else:
                records.members = members
            problems.extend(records.roster_problems)
        else:
            before = len(problems)
            load_roster(records, source, problems, engine)
            records.roster_problems = problems[before:]
        records.arm(source, problems, engine, models, repo.lazy_loads)
    for records in by_dir.values():
        if records.parent is not None:
            records.parent = by_dir[records.parent].id
    repo.branches = list(by_dir.values())
    return repo


def load_roster(records: model.BranchRecords, source, problems: list, engine: str = "fast") -> None:
    """branch.yaml, members.yaml and the private overlay of one organisation directory."""
    prefix = f"{records.directory}/" if records.directory else ""
    present = set(records.files)
    if prefix + "branch.yaml" in present:
        records.info = load_file(source, prefix + "branch.yaml", model.Branch, problems, engine)
    if prefix + "members.yaml" in present:
        roster = load_file(source, prefix + "members.yaml", model.MembersFile, problems, engine)
        if roster is None:
            records.roster_ok = False
        else:
            records.members = roster.members
    if prefix + PRIVATE_MEMBERS in present:
        _merge_private(records, source, prefix + PRIVATE_MEMBERS, problems, engine)


def _merge_private(records: model.BranchRecords, source, rel: str, problems: list, engine: str) -> None:
    """Lay 身份证号 and 手机号 from members.private.yaml over the roster, by 编号."""
    data = read(source, rel, problems)
    if data is None:
        return
    value = parse(data, rel, problems, engine)
    if value is None:
        return
    items = value.get("党员") if hasattr(value, "get") else None
    if not hasattr(items, "item_pos"):
        problems.append(("wrong-type", Problem(Loc(rel, *getattr(value, "pos", (1, 1))),
                                               "私密名册应为“党员:”下的列表，每项写 编号 和 身份证号、手机号")))
        return
    fields = {f.name: f for f in dataclasses.fields(model.Member)}
    by_id = {m.id: m for m in records.members if m.id}
    converter = Converter(rel)
    for item, pos in zip(items, items.item_pos, strict=True):
        if not hasattr(item, "key_pos"):
            problems.append(("wrong-type", Problem(Loc(rel, *pos), "私密名册的每一项应为若干“键: 值”")))
            continue
        member = by_id.get(item.get("编号"))
        if member is None:
            problems.append(("invalid-value", Problem(
                Loc(rel, *item.val_pos.get("编号", pos)),
                f"私密名册中的党员编号“{item.get('编号')}”不在 members.yaml 中")))
            continue
        for key_name, raw in item.items():
            if key_name == "编号":
                continue
            attr = PRIVATE_KEYS.get(key_name)
            if attr is None:
                problems.append(("unknown-key", Problem(
                    Loc(rel, *item.key_pos[key_name]), f"私密名册只能写 编号、身份证号、手机号，不能写“{key_name}”")))
                continue
            vpos = item.val_pos.get(key_name)
            converted = converter.value(str, raw, vpos, fields[attr].metadata, key_name)
            if converted is not None:
                setattr(member, attr, converted)
                member.locs[attr] = Loc(rel, *(vpos or pos))
    for issue in converter.all_issues():
        problems.append((issue.rule, Problem(issue.loc, issue.message, more=issue.more)))


def _load_into(records: model.BranchRecords, rel: str, inner: str, source, problems, engine,
               models=None) -> None:
    """Load one non-roster file of an organisation directory into its records."""
    if inner in ROSTER_FILES:
        return
    if inner == "applicants.yaml":
        obj = load_file(source, rel, model.ApplicantsFile, problems, engine, models)
        if obj is not None:
            records.applicants = obj.applicants
        return
    match = branch_year_file(inner)
    if not match and year_out_of_range(inner) is not None:
        problems.append(("unknown-file", Problem(
            Loc(rel), f"文件名中的年份 {year_out_of_range(inner):04d} 不在 {FIRST_YEAR} 至 {LAST_YEAR} 年之间，"
                      "此文件未被检查：请改为记录所属的年份，如 meetings/2026.yaml")))
        return
    if not match:
        problems.append(("unknown-file", Problem(
            Loc(rel), "无法识别的文件名：党组织目录下应为 branch.yaml、members.yaml、applicants.yaml，"
                      "或 meetings/、dues/、trainings/、talks/、activities/、plan/ 下的“年份.yaml”")))
        return
    kind, year = match
    if kind == "plan":  # the schedule's own files; read by the schedule commands
        return
    obj = load_file(source, rel, YEAR_KINDS[kind], problems, engine, models)
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


# Which attribute of a branch each kind of file fills; a lazy branch loads one kind at a time.
KIND_OF_ATTR = {"applicants": "applicants", "meetings": "meetings", "meeting_years": "meetings",
                "dues": "dues", "trainings": "trainings", "talks": "talks", "activities": "activities"}


def _lazy(name: str) -> property:
    slot, kind = "_" + name, KIND_OF_ATTR[name]

    def get(self):
        pending = self.__dict__.get("_pending")
        if pending is not None and kind in pending[3]:
            self.load_kind(kind)
        watch = self.__dict__.get("_watch")
        if watch is not None:
            watch.add(kind)
        return self.__dict__[slot]

    def put(self, value) -> None:
        self.__dict__[slot] = value

    return property(get, put)


_LAZY_KINDS = ("applicants", "meetings", "dues", "trainings", "talks", "activities", "other")
_LAZY_DEFAULTS = {"applicants": list, "meetings": list, "dues": dict, "trainings": list, "talks": list,
                  "activities": dict, "meeting_years": set}


class LazyBranch(model.BranchRecords):
    """An organisation whose roster is loaded and whose other records load on first use.

    `validate` needs every roster (for member ids across the repository) but only the
    meetings, dues … of the branches it actually checks; anything else that asks for them
    reads them through these properties as if they had been loaded from the start, and
    the repository's `lazy_loads` tells the cache which files that made a result depend on.
    """

    applicants = _lazy("applicants")
    meetings = _lazy("meetings")
    dues = _lazy("dues")
    trainings = _lazy("trainings")
    talks = _lazy("talks")
    activities = _lazy("activities")
    meeting_years = _lazy("meeting_years")

    @property
    def members(self) -> list[model.Member]:
        """The roster's members; a cached roster is read on first use (see load_lazy)."""
        fetch = self.__dict__.pop("_fetch_members", None)
        if fetch is not None:
            get, source, engine = fetch
            members = get()
            if members is None:  # gone from the cache: read the roster again
                again = model.BranchRecords(self.directory, files=self.files)
                load_roster(again, source, [], engine)
                members = again.members
            self.__dict__["_members"] = members
        return self.__dict__["_members"]

    @members.setter
    def members(self, value: list[model.Member]) -> None:
        self.__dict__.pop("_fetch_members", None)
        self.__dict__["_members"] = value

    def watch(self, on: bool) -> set[str]:
        """Start (on) or stop recording which kinds of records are read; returns those read."""
        seen = self.__dict__.pop("_watch", None) or set()
        if on:
            self.__dict__["_watch"] = set()
        return seen

    def arm(self, source, problems: list, engine: str, models=None, loads: list | None = None) -> None:
        self.rest_problems: list = []
        kinds = set(_LAZY_KINDS)
        self.__dict__["_pending"] = (source, problems, engine, kinds)
        self.__dict__["_armed"] = (source, problems, engine)
        self.__dict__["_models"] = models
        self.__dict__["_loads"] = loads if loads is not None else []

    def _inner(self, rel: str) -> str:
        return rel[len(self.directory) + 1:] if self.directory else rel

    def load_kind(self, kind: str) -> None:
        pending = self.__dict__.get("_pending")
        if pending is None or kind not in pending[3]:
            return
        source, _problems, engine, kinds = pending
        kinds.discard(kind)
        if not kinds:
            self.__dict__["_pending"] = None
        files = [rel for rel in self.files if kind_of(self._inner(rel)) == kind]
        self.__dict__["_loads"].extend(files)
        models = self.__dict__.get("_models")
        for rel in files:
            _load_into(self, rel, self._inner(rel), source, self.rest_problems, engine, models)

    def load_rest(self) -> None:
        pending = self.__dict__.get("_pending")
        for kind in sorted(pending[3]) if pending is not None else ():
            self.load_kind(kind)

    def unload(self) -> None:
        """Forget the loaded meetings, dues … (they load again on next use), so that a run
        over a district holds one branch's records at a time, not all of them."""
        pending = self.__dict__.get("_pending")
        if pending is not None and len(pending[3]) == len(_LAZY_KINDS):
            return  # nothing loaded
        source, problems, engine = self.__dict__["_armed"]
        for name, empty in _LAZY_DEFAULTS.items():
            self.__dict__["_" + name] = empty()
        self.arm(source, problems, engine, self.__dict__.get("_models"), self.__dict__["_loads"])

    @property
    def loaded(self) -> bool:
        return self.__dict__.get("_pending") is None
