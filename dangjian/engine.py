"""Run the enabled rules over a loaded repository and return sorted findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from dangjian import model, suppress
from dangjian.context import checking_day, parameters
from dangjian.findings import Finding, Problem, Severity
from dangjian.loader import Repository
from dangjian.located import Loc
from dangjian.params import Effective
from dangjian.rules import Rule, all_rules, get, is_rule
from dangjian.sources import WorkTree

OFF = "关闭"


@dataclass
class Context:
    repo: Repository
    as_of: dt.date
    params: dict[str, Effective] = field(default_factory=dict)

    def param(self, name: str):
        return self.params[name].value

    @cached_property
    def member_index(self) -> Mapping:
        """member id → list of (member, branch) — more than one entry is itself a finding."""
        ids = getattr(self.repo, "member_ids", None)
        if ids is not None:  # from the cache: only the rosters looked up are read
            return MemberIndex(ids, {b.directory: b for b in self.repo.branches})
        index: dict = {}
        for branch in self.repo.branches:
            for member in branch.members:
                if member.id:
                    index.setdefault(member.id, []).append((member, branch))
        return index


def member_ids(branches) -> dict[str, list[tuple[str, int]]]:
    """member id → (directory, position in its roster) for every member, in roster order."""
    ids: dict[str, list[tuple[str, int]]] = {}
    for branch in branches:
        for i, member in enumerate(branch.members):
            if member.id:
                ids.setdefault(member.id, []).append((branch.directory, i))
    return ids


class MemberIndex(Mapping):
    """Context.member_index built from member_ids: a branch's roster is read only when
    one of its members is looked up. Same keys, order and entries as the plain index."""

    def __init__(self, ids: dict[str, list[tuple[str, int]]], by_dir: dict) -> None:
        self._ids = ids
        self._by_dir = by_dir
        self._entries: dict = {}

    def __getitem__(self, member_id: str) -> list:
        entries = self._entries.get(member_id)
        if entries is None:
            entries = [(self._by_dir[d].members[i], self._by_dir[d]) for d, i in self._ids[member_id]]
            self._entries[member_id] = entries
        return entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def make_context(repo: Repository, as_of: dt.date) -> Context:
    return Context(repo, as_of, parameters(repo.config))


def severity_for(rule: Rule, repo: Repository) -> Severity | None:
    return severity_of(rule, repo.config)


def severity_of(rule: Rule, config) -> Severity | None:
    """A rule's severity under 规则级别 in dangjian.yaml; None when it is off (关闭)."""
    configured = (config.severities or {}).get(rule.id)
    if configured is None:
        return rule.severity
    if str(configured) == OFF:
        return None
    return Severity.parse(configured)


def _finding(rule: Rule, severity: Severity, problem: Problem) -> Finding:
    return Finding(problem.loc, rule.id, severity, problem.message, rule.clauses, problem.key,
                   problem.related, problem.excerpt)


def run(repo: Repository, as_of: dt.date, select: set[str] | None = None,
        ignore: set[str] | None = None, applied: list | None = None) -> list[Finding]:
    """Every finding on a loaded repository (reports, tests, history): the loader's problems,
    each branch's rules, the repository's rules, then inline suppressions (those that silenced
    a finding are appended to `applied` when given)."""
    ctx = make_context(repo, as_of)
    findings = stamp_problems(repo.load_problems, repo)
    for branch in repo.branches:
        findings.extend(_rules_on(branch, ctx, "branch"))
    findings.extend(_rules_on(repo, ctx, "repo"))
    source = getattr(repo, "source", None) or WorkTree(repo.root)
    return settle_with(_filtered(findings, select, ignore), suppress.reader(source), (), repo.config, select, ignore,
                       applied)


def settle_with(findings: list[Finding], read_lines, files, config, select: set[str] | None = None,
                ignore: set[str] | None = None, applied: list | None = None) -> list[Finding]:
    """Apply the inline suppressions, add their problems as findings (severities from `config`,
    the RepoConfig) and return the findings sorted; the suppressions applied go to `applied`."""
    result = suppress.apply(findings, read_lines, files, {r.id for r in all_rules()})
    out = list(result.kept)
    for rule_id, problem in result.problems:
        rule = get(rule_id)
        if (select and rule_id not in select) or (ignore and rule_id in ignore):
            continue
        severity = severity_of(rule, config)
        if severity is not None:
            out.append(Finding(problem.loc, rule_id, Severity(severity), problem.message, rule.clauses, problem.key))
    if applied is not None:
        applied.extend(result.applied)
    return sorted(set(out), key=Finding.sort_key)


# --- the incremental run `validate` uses -----------------------------------------------------
#
# Findings are cached per branch, keyed by the code digest, the day checked, the digest of
# every roster in the repository (rules may look at other branches' rosters: member ids,
# sub-branches) and the digests of the branch's own files; a whole run is cached by the
# digests of all files. A branch rule that reads another branch's meetings, dues … still
# works (the records load lazily); the files it read are listed in the entry. The
# repository-wide rules' findings are cached the same way, by every file but the branches'
# records (_repo_findings), so a run that checks one branch reads only that branch's
# members (MemberIndex) instead of the whole repository's rosters.

PARALLEL_MIN = 6  # branches to check before a second process pays for itself


def _jobs() -> int:
    import os

    if os.environ.get("DANGJIAN_JOBS", "").isdigit():
        return max(1, int(os.environ["DANGJIAN_JOBS"]))
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 8))
    except AttributeError:  # not Linux
        return 1


def _filtered(findings, select: set[str] | None, ignore: set[str] | None) -> list[Finding]:
    def keep(f: Finding) -> bool:
        rule_id = f.key if f.rule == "rule-crash" else f.rule
        return not ((select and rule_id not in select) or (ignore and rule_id in ignore))

    return sorted({f for f in findings if keep(f)}, key=Finding.sort_key)


def stamp_problems(problems, repo: Repository) -> list[Finding]:
    out = []
    for rule_id, problem in problems:
        if rule_id == suppress.INVALID and problem.key and is_rule(problem.key):
            continue  # the file reader cannot know the registry: an id it flagged names a rule
        rule = get(rule_id)
        severity = severity_for(rule, repo)
        if severity is not None:
            out.append(_finding(rule, severity, problem))
    return out


def _rules_on(target, ctx: Context, scope: str) -> list[Finding]:
    out: list[Finding] = []
    repo = ctx.repo
    for rule in all_rules():
        severity = severity_for(rule, repo)
        if severity is None or rule.func is None or rule.scope != scope:
            continue
        if scope == "branch" and (target.info is None or (not target.roster_ok and rule.needs_roster)):
            continue
        try:
            out.extend(_finding(rule, severity, problem) for problem in rule.func(target, ctx))
        except Exception as exc:  # a rule must never take the run down with it
            crash = get("rule-crash")
            where = getattr(getattr(target, "info", None), "loc", None) or repo.config.loc
            out.append(_finding(crash, Severity.ERROR, Problem(
                where, f"规则 {rule.id} 运行出错（{type(exc).__name__}: {exc}），请把此信息报告给维护者",
                key=rule.id)))
    return out


def branch_findings(branch, ctx: Context) -> tuple[list[Finding], list[str]]:
    """Every finding of one branch: its files' load problems and its rules. Also returns every
    file read while computing them (through a recording source), which the result depends on."""

    source = ctx.repo.source
    if hasattr(source, "take"):
        source.take()
    branch.load_rest()
    own = list(getattr(branch, "roster_problems", [])) + list(getattr(branch, "rest_problems", []))
    ctx.repo.lazy_loads.clear()
    problems = ctx.repo.load_problems
    base = len(problems)
    problems.extend(own)  # some rules look there for problems in their own branch's files
    try:
        found = stamp_problems(own, ctx.repo) + _rules_on(branch, ctx, "branch")
    finally:
        del problems[base:]
    read = set(ctx.repo.lazy_loads) | (source.take() if hasattr(source, "take") else set())
    return found, sorted(read)


_WORK: dict = {}


def _work(directory: str):
    import gc

    gc.disable()  # a short-lived worker: collections would only cost time
    ctx = _WORK["ctx"]
    branch = next(b for b in ctx.repo.branches if b.directory == directory)
    found, depends = branch_findings(branch, ctx)
    _unload_all(ctx.repo)
    return directory, found, depends


def _unload_all(repo: Repository) -> None:
    """Drop every branch's loaded records: memory stays flat however many branches a run checks."""
    for b in repo.branches:
        unload = getattr(b, "unload", None)
        if unload is not None:
            unload()


def _compute(branches: list, ctx: Context) -> dict[str, tuple[list[Finding], list[str]]]:
    import gc

    out: dict[str, tuple[list[Finding], list[str]]] = {}
    jobs = _jobs()
    if jobs > 1 and len(branches) >= PARALLEL_MIN:
        import multiprocessing

        try:
            pool_ctx = multiprocessing.get_context("fork")
        except ValueError:
            pool_ctx = None
        if pool_ctx is not None:
            _WORK["ctx"] = ctx
            gc.freeze()  # the roster layer is shared with the workers, untouched
            try:
                with pool_ctx.Pool(min(jobs, len(branches))) as pool:
                    for directory, found, depends in pool.imap_unordered(
                            _work, [b.directory for b in branches], chunksize=2):
                        out[directory] = (found, depends)
            finally:
                _WORK.clear()
                gc.unfreeze()
            return out
    enabled = gc.isenabled()
    gc.disable()
    try:
        for branch in branches:
            out[branch.directory] = branch_findings(branch, ctx)
            if len(branches) > 1:
                _unload_all(ctx.repo)
    finally:
        if enabled:
            gc.enable()
    return out


def _roster_files(branch_dirs: list[str], files: list[str]) -> list[str]:
    from dangjian.loader import ROSTER_FILES

    names = {(f"{d}/{n}" if d else n) for d in branch_dirs for n in ROSTER_FILES}
    return [f for f in files if f in names]


def validate_repository(root, source, day: dt.date, cache=None, select: set[str] | None = None,
                        ignore: set[str] | None = None, in_scope=None,
                        applied: list | None = None) -> tuple[list[Finding], Repository | None]:
    """The findings `validate` reports, using and filling the cache when one is given.

    `in_scope(directory)` limits which branches are checked (the others' findings would be
    filtered out anyway); repository-wide rules always run. Returns the findings and the
    repository as far as it was loaded (None when the whole run came from the cache).
    """
    from dangjian import cache as store
    from dangjian import loader
    files = source.files()
    documents = source.documents() if hasattr(source, "documents") else []
    index = store.StatIndex(cache, root) if cache is not None and isinstance(source, WorkTree) else None
    digests = source.digests(files + documents, index) if cache is not None else {}
    if index is not None:
        index.save()
    code = store.code_digest() if cache is not None else ""
    cacheable = cache is not None and all(digests.get(f) for f in files + documents)
    if cache is not None:
        source = store.Recording(source)  # every file a computation asks for joins its entry

    config_entry = None
    config_key = store.key("config", code, digests.get(loader.CONFIG_FILE))
    if cache is not None and digests.get(loader.CONFIG_FILE):
        config_entry = cache.get("config", config_key)
    if config_entry is None:
        config_problems: list = []
        config = None
        if loader.CONFIG_FILE in files:
            config = loader.load_file(source, loader.CONFIG_FILE, model.RepoConfig, config_problems)
        config = config or model.RepoConfig(name="（未命名）", loc=Loc(loader.CONFIG_FILE))
        config_entry = (config, config_problems)
        if cache is not None and digests.get(loader.CONFIG_FILE):
            cache.put("config", config_key, config_entry)
    config, config_problems = config_entry
    as_of = checking_day(config, day)

    everything = sorted(digests.items())
    run_key = store.key("run", code, as_of, everything)
    if cacheable and in_scope is None:
        hit = cache.get("run", run_key)
        if hit is not None:
            return _settled(_filtered(hit, select, ignore), source, config, select, ignore, applied), None

    branch_dirs = [d for d in loader.organisation_dirs(files) if d]
    roster_key = store.key("rosters", code, branch_dirs, [(f, digests.get(f)) for f in _roster_files(branch_dirs, files)])
    # The rosters are cached as one small layer (branch.yaml, problems, where each member id
    # is) and one entry of members per branch, read only when a rule asks for them.
    layer = cache.get("rosters", roster_key) if cache is not None else None
    rosters = ids = None
    fresh: set[str] = set()  # branches to compute: their rosters are read again, numbers in clear
    if isinstance(layer, tuple) and len(layer) == 2:
        rosters, ids = {}, layer[1]
        for d, (info, roster_ok, problems) in layer[0].items():
            rosters[d] = (info, _members_getter(cache, roster_key, d, fresh), roster_ok, problems)
    models = store.FileModels(cache, code, digests, write=False, seen=source.note) if cache is not None else None
    repo = loader.load_lazy(root, source, config=config, rosters=rosters, models=models)
    repo.load_problems[:0] = config_problems
    if rosters is None and cache is not None and all(digests.get(f) for f in _roster_files(branch_dirs, files)):
        ids = member_ids(repo.branches)
        for b in repo.branches:
            cache.put("members", store.key("members", roster_key, b.directory), b.members)
        cache.put("rosters", roster_key, ({b.directory: (b.info, b.roster_ok, b.roster_problems)
                                           for b in repo.branches}, ids))
    repo.member_ids = ids
    state = _State(files, digests)
    env = store.key("environment", code, as_of, state.structure, state.outside)
    in_rosters = {id(p) for b in repo.branches for p in b.roster_problems}
    base_problems = [p for p in repo.load_problems if id(p) not in in_rosters]
    # Only the repository-level problems stay in the shared list; each branch adds its own
    # while its rules run (some rules look there for problems in their own files).
    repo.load_problems[:] = base_problems
    ctx = make_context(repo, as_of)

    findings: list[Finding] = stamp_problems(base_problems, repo)
    wanted = [b for b in repo.branches if in_scope is None or in_scope(b.directory)]
    keys: dict[str, str | None] = {}
    todo = []
    for branch in wanted:
        own = [(f, digests.get(f)) for f in branch.files]
        keys[branch.directory] = store.key("branch", env, roster_key, own) \
            if cache is not None and all(d for _f, d in own) else None
        hit = cache.get("branch", keys[branch.directory]) if keys[branch.directory] else None
        # An entry lists the other branches' files its rules read; it holds while they are unchanged.
        if hit is not None and all(state.value(rel) == digest for rel, digest in hit[0]):
            findings.extend(hit[1])
        else:
            todo.append(branch)
            fresh.add(branch.directory)
    if models is not None:
        # Few branches to check (a pre-commit run, an edit since the last run): keep their
        # files' model objects, so that the next edit re-parses only the file it touched.
        models.write = len(todo) < PARALLEL_MIN
    for directory, (found, depends) in _compute(todo, ctx).items():
        findings.extend(found)
        deps = state.dependencies(depends)
        if keys.get(directory) and deps is not None:
            cache.put("branch", keys[directory], (deps, found))
    ctx.repo.lazy_loads.clear()
    findings.extend(_repo_findings(repo, ctx, cache, digests, documents, env))
    result = sorted(set(findings), key=Finding.sort_key)
    if cacheable and in_scope is None:
        cache.put("run", run_key, result)
    return _settled(_filtered(result, select, ignore), source, config, select, ignore, applied), repo


def _members_getter(cache, roster_key: str, directory: str, fresh: set[str]):
    """A cached roster holds personal numbers only as digests: enough for other branches'
    rules (which compare them), not for the branch's own (which check them)."""
    from dangjian import cache as store

    def get():
        if directory in fresh:
            return None  # read from the records again
        members = cache.get("members", store.key("members", roster_key, directory))
        return members if isinstance(members, list) else None
    return get


class _State:
    """What a cached result may depend on besides its own files.

    Every entry's key holds the environment: the code, the day checked, every file outside
    the organisation directories (dangjian.yaml with the profile, 规则级别 and 参数;
    holidays/; street/; templates/) and the repository's structure — its list of files
    except the branches' own records (meetings, dues …), so that a new plan file of another
    branch (plan-missing) or a new holiday file is seen. An entry also lists every file its
    computation asked for (read, from the cache, or missing) with its digest, and for each
    other organisation it read from, that organisation's list of files (a new meetings
    file there changes what a rule reading its meetings sees)."""

    def __init__(self, files: list[str], digests: dict) -> None:
        from dangjian.loader import KIND_OF_ATTR, _layout, kind_of

        self.files = set(files)
        self.digests = digests
        _dirs, self.owners = _layout(files)
        lazy = set(KIND_OF_ATTR.values())

        def record(rel: str) -> bool:
            owner = self.owners.get(rel)
            return owner is not None and kind_of(rel[len(owner) + 1:]) in lazy

        self.outside = [(f, digests.get(f)) for f in files if self.owners.get(f) is None]
        self.structure = [f for f in files if not record(f)]
        self.listing: dict[str, list[str]] = {}
        for rel, owner in self.owners.items():
            if owner is not None:
                self.listing.setdefault(owner, []).append(rel)

    def value(self, dep: str) -> str | None:
        """A file's digest (None: absent), or for "/DIR", the digest of DIR's list of files."""
        if dep.startswith("/"):
            from dangjian import cache as store

            return store.key("listing", sorted(self.listing.get(dep[1:], [])))
        return self.digests.get(dep)

    def dependencies(self, read) -> list[tuple[str, str | None]] | None:
        """(name, value) for every file read and the listing of every directory read from;
        None when one of them could not be read (such a result is never cached)."""
        names = set(read) | {"/" + self.owners[rel] for rel in read if self.owners.get(rel)}
        deps = [(name, self.value(name)) for name in sorted(names)]
        if any(value is None and name in self.files for name, value in deps):
            return None
        return deps


def _repo_findings(repo: Repository, ctx: Context, cache, digests: dict, documents: list[str],
                   env: str) -> list[Finding]:
    """The repository-wide rules' findings, cached by every file except the branches' records
    (meetings, dues …): those the rules read are listed in the entry, as for a branch."""
    from dangjian import cache as store
    from dangjian.loader import KIND_OF_ATTR, kind_of

    branches = [b for b in repo.branches if hasattr(b, "watch")]
    if cache is None or len(branches) != len(repo.branches):
        return _rules_on(repo, ctx, "repo")
    owners = {rel: b.directory for b in branches for rel in b.files}

    def inner(rel: str, owner: str) -> str:
        return rel[len(owner) + 1:] if owner else rel

    lazy = set(KIND_OF_ATTR.values())

    def records(rel: str) -> bool:  # a branch's file read through a lazy attribute (meetings …)
        owner = owners.get(rel)
        return owner is not None and kind_of(inner(rel, owner)) in lazy

    fixed = [(f, digests.get(f)) for f in repo.files + documents if not records(f)]
    k = store.key("repo", env, documents, fixed) if all(d for _f, d in fixed) else None
    hit = cache.get("repo", k) if k else None
    if isinstance(hit, tuple) and all(digests.get(rel) == digest for rel, digest in hit[0]):
        return hit[1]
    source = repo.source
    if hasattr(source, "take"):
        source.take()
    for b in branches:
        b.watch(True)
    try:
        found = _rules_on(repo, ctx, "repo")
    finally:
        read = {b.directory: b.watch(False) for b in branches}
    deps = [(rel, digests.get(rel)) for b in branches if read[b.directory] for rel in b.files
            if kind_of(inner(rel, b.directory)) in read[b.directory]]
    known = set(repo.files) | set(documents)
    deps += [(rel, digests.get(rel)) for rel in sorted(source.take() if hasattr(source, "take") else ())]
    if k and all(d or rel not in known for rel, d in deps):
        cache.put("repo", k, (deps, found))
    return found


def _settled(findings, source, config, select, ignore, applied) -> list[Finding]:
    """Inline `# dangjian: ignore[…] 原因` comments, applied after the cache (they are cheap)."""
    # Only files with findings are read: unusable comments were already reported when loading.
    return settle_with(findings, suppress.reader(source), (), config, select, ignore, applied)
