"""The speed layer around the plain pipeline (engine.py): a cache of findings, and workers.

`validate` asks here for the findings of a repository. Without a cache this is the plain
pipeline itself (engine.run). With one, the answer is the same — the loader's problems, each
branch's findings (engine.branch_findings), the repository's rules (engine.repo_findings),
inline suppressions (engine.settle_with) — but whatever cannot have changed comes from the
cache and the rest is checked in worker processes. tests/test_differential.py proves the two
equal after random edits.

What a cached result depends on, and therefore its key:

- every entry: the code digest, the day checked, every file outside the organisation
  directories (dangjian.yaml with the profile, 规则级别 and 参数; holidays/; street/;
  templates/) and the repository's structure (its list of files except the branches' own
  records, so that a new plan file of another branch or a new holiday file is seen);
- a branch's findings: also every roster of the repository (rules look at other branches'
  members), the branch's own files, and — listed in the entry and checked on use — every
  file its rules asked for through the recording source (read, from the cache or missing)
  with the listing of each organisation they came from;
- the repository-wide rules' findings: every file except the branches' records, and the
  records those rules read, listed the same way;
- the whole run: the digest of every file.

Git already content-addresses files: a file's digest is its blob id (from the index for
`--staged`, computed and remembered by size and mtime for the work tree), so a key never
needs the tree hashed again. No module globals: one run's state lives in one `_Run`, and
worker processes receive the context through fork, never through a global.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Mapping

from dangjian import cache as store
from dangjian import engine, loader, suppress
from dangjian.context import RunContext
from dangjian.findings import Finding
from dangjian.sources import WorkTree

PARALLEL_MIN = 6  # branches to check before a second process pays for itself


def validate(run: RunContext, cache: store.Cache | None = None, select: set[str] | None = None,
             ignore: set[str] | None = None, in_scope=None, applied: list | None = None) -> list[Finding]:
    """The findings `validate` reports on `run`'s repository (its root and source), using and
    filling `cache` when one is given; without one, the plain pipeline.

    `in_scope(directory)` limits which branches are checked (the others' findings would be
    filtered out anyway); repository-wide rules always run. The inline suppressions that
    silenced a finding are appended to `applied`.
    """
    if cache is None:
        repo = loader.load_lazy(run.root, run.source, config=run.config)
        repo.load_problems[:0] = run.problems
        return engine.run(repo, run.day, select, ignore, applied, context=run, in_scope=in_scope)
    return _Run(run, cache).findings(select, ignore, in_scope, applied)


class Inputs:
    """The digests of a run's files, and what a cached result may depend on besides its own."""

    def __init__(self, files: list[str], digests: dict) -> None:
        self.files = set(files)
        self.digests = digests
        _dirs, self.owners = loader._layout(files)
        lazy = set(loader.KIND_OF_ATTR.values())

        def record(rel: str) -> bool:
            owner = self.owners.get(rel)
            return owner is not None and loader.kind_of(rel[len(owner) + 1:]) in lazy

        self.outside = [(f, digests.get(f)) for f in files if self.owners.get(f) is None]
        self.structure = [f for f in files if not record(f)]
        self.records = {f for f in files if record(f)}
        self.listing: dict[str, list[str]] = {}
        for rel, owner in self.owners.items():
            if owner is not None:
                self.listing.setdefault(owner, []).append(rel)

    def value(self, dep: str) -> str | None:
        """A file's digest (None: absent), or for "/DIR", the digest of DIR's list of files."""
        if dep.startswith("/"):
            return store.key("listing", sorted(self.listing.get(dep[1:], [])))
        return self.digests.get(dep)

    def holds(self, deps) -> bool:
        return all(self.value(name) == value for name, value in deps)

    def dependencies(self, read) -> list[tuple[str, str | None]] | None:
        """(name, value) for every file read and the listing of every directory read from;
        None when one of them could not be read (such a result is never cached)."""
        names = set(read) | {"/" + self.owners[rel] for rel in read if self.owners.get(rel)}
        deps = [(name, self.value(name)) for name in sorted(names)]
        if any(value is None and name in self.files for name, value in deps):
            return None
        return deps


class MemberIndex(Mapping):
    """engine.Context.member_index built from the cached roster layer (where each member id
    is): a branch's roster is read only when one of its members is looked up. Same keys,
    order and entries as the plain index."""

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


def member_ids(branches) -> dict[str, list[tuple[str, int]]]:
    """member id → (directory, position in its roster) for every member, in roster order."""
    ids: dict[str, list[tuple[str, int]]] = {}
    for branch in branches:
        for i, member in enumerate(branch.members):
            if member.id:
                ids.setdefault(member.id, []).append((branch.directory, i))
    return ids


class _Run:
    """One cached run: the files' digests, the recording source and the cache entries."""

    def __init__(self, run: RunContext, cache: store.Cache) -> None:
        self.run, self.cache, self.root = run, cache, run.root
        source = run.source
        self.files = source.files()
        self.documents = source.documents() if hasattr(source, "documents") else []
        everything = self.files + self.documents
        index = store.StatIndex(cache, self.root) if isinstance(source, WorkTree) else None
        self.digests = source.digests(everything, index)
        if index is not None:
            index.save()
        self.code = store.code_digest()
        self.cacheable = all(self.digests.get(f) for f in everything)
        self.source = store.Recording(source)  # every file a computation asks for joins its entry
        self.as_of = run.day
        self.fresh: set[str] = set()  # branches computed in this run: rosters read with numbers in clear

    def findings(self, select, ignore, in_scope, applied) -> list[Finding]:
        run_key = store.key("run", self.code, self.as_of, sorted(self.digests.items()))
        whole = self.cacheable and in_scope is None
        if whole:
            hit = self.cache.get("run", run_key)
            if isinstance(hit, list):
                return self._settled(hit, select, ignore, applied)
        repo, index = self._load()
        inputs = Inputs(self.files, self.digests)
        env = store.key("environment", self.code, self.as_of, inputs.structure, inputs.outside)
        ctx = engine.make_context(repo, self.as_of, self.run, index)
        found = engine.stamp_problems(engine.base_problems(repo), repo)
        found += self._branches(repo, ctx, inputs, env, in_scope)
        repo.lazy_loads.clear()
        found += self._repo_rules(repo, ctx, inputs, env)
        result = sorted(set(found), key=Finding.sort_key)
        if whole:
            self.cache.put("run", run_key, result)
        return self._settled(result, select, ignore, applied)

    def _settled(self, findings, select, ignore, applied) -> list[Finding]:
        """Inline `# dangjian: ignore[…] 原因` comments, applied after the cache (they are cheap).
        Only files with findings are read: unusable comments were reported when loading."""
        return engine.settle_with(engine.filtered(findings, select, ignore), suppress.reader(self.source), (),
                                  self.run.config, select, ignore, applied)

    # --- loading: rosters from the cache when they are unchanged ------------------------------

    def _load(self) -> tuple[loader.Repository, MemberIndex | None]:
        cache, digests = self.cache, self.digests
        branch_dirs = [d for d in loader.organisation_dirs(self.files) if d]
        names = {(f"{d}/{n}" if d else n) for d in branch_dirs for n in loader.ROSTER_FILES}
        roster_files = [f for f in self.files if f in names]
        self.roster_key = store.key("rosters", self.code, branch_dirs, [(f, digests.get(f)) for f in roster_files])
        # The rosters are cached as one small layer (branch.yaml, problems, where each member
        # id is) and one entry of members per branch, read only when a rule asks for them.
        layer = cache.get("rosters", self.roster_key)
        rosters = ids = None
        if isinstance(layer, tuple) and len(layer) == 2:
            rosters, ids = {}, layer[1]
            for d, (info, roster_ok, problems) in layer[0].items():
                rosters[d] = (info, self._members_getter(d), roster_ok, problems)
        self.models = store.FileModels(cache, self.code, digests, write=False, seen=self.source.note)
        repo = loader.load_lazy(self.root, self.source, config=self.run.config, rosters=rosters,
                                models=self.models)
        repo.load_problems[:0] = self.run.problems
        if rosters is None and all(digests.get(f) for f in roster_files):
            ids = member_ids(repo.branches)
            for b in repo.branches:
                cache.put("members", store.key("members", self.roster_key, b.directory), b.members)
            cache.put("rosters", self.roster_key, ({b.directory: (b.info, b.roster_ok, b.roster_problems)
                                                    for b in repo.branches}, ids))
        index = MemberIndex(ids, {b.directory: b for b in repo.branches}) if ids is not None else None
        return repo, index

    def _members_getter(self, directory: str):
        """A cached roster holds personal numbers only as digests: enough for other branches'
        rules (which compare them), not for the branch's own (which check them)."""
        def get():
            if directory in self.fresh:
                return None  # read from the records again
            members = self.cache.get("members", store.key("members", self.roster_key, directory))
            return members if isinstance(members, list) else None
        return get

    # --- each branch's findings ---------------------------------------------------------------

    def _branches(self, repo, ctx, inputs: Inputs, env: str, in_scope) -> list[Finding]:
        cache = self.cache
        found: list[Finding] = []
        keys: dict[str, str | None] = {}
        todo = []
        for branch in repo.branches:
            if in_scope is not None and not in_scope(branch.directory):
                continue
            own = [(f, self.digests.get(f)) for f in branch.files]
            k = keys[branch.directory] = store.key("branch", env, self.roster_key, own) \
                if all(d for _f, d in own) else None
            hit = cache.get("branch", k) if k else None
            if isinstance(hit, tuple) and len(hit) == 2 and inputs.holds(hit[0]):
                found += hit[1]
            else:
                todo.append(branch)
                self.fresh.add(branch.directory)
        # Few branches to check (a pre-commit run, an edit since the last run): keep their
        # files' model objects, so that the next edit re-parses only the file it touched.
        self.models.write = len(todo) < PARALLEL_MIN
        for directory, (result, read) in compute(todo, ctx, self.source).items():
            found += result
            deps = inputs.dependencies(read)
            if keys.get(directory) and deps is not None:
                cache.put("branch", keys[directory], (deps, result))
        return found

    # --- the repository-wide rules ------------------------------------------------------------

    def _repo_rules(self, repo, ctx, inputs: Inputs, env: str) -> list[Finding]:
        """Cached by every file except the branches' records (meetings, dues …): those the
        rules read are listed in the entry, as for a branch."""
        branches = [b for b in repo.branches if hasattr(b, "watch")]
        if len(branches) != len(repo.branches):
            return engine.repo_findings(ctx)
        fixed = [(f, self.digests.get(f)) for f in repo.files + self.documents if f not in inputs.records]
        k = store.key("repo", env, self.documents, fixed) if all(d for _f, d in fixed) else None
        hit = self.cache.get("repo", k) if k else None
        if isinstance(hit, tuple) and len(hit) == 2 and inputs.holds(hit[0]):
            return hit[1]
        self.source.take()
        for b in branches:
            b.watch(True)
        try:
            found = engine.repo_findings(ctx)
        finally:
            kinds = {b.directory: b.watch(False) for b in branches}
        read = {rel for b in branches if kinds[b.directory] for rel in b.files
                if loader.kind_of(rel[len(b.directory) + 1:] if b.directory else rel) in kinds[b.directory]}
        deps = inputs.dependencies(read | self.source.take())
        if k and deps is not None:
            self.cache.put("repo", k, (deps, found))
        return found


# --- computing branches: here, or in worker processes --------------------------------------------

def jobs() -> int:
    if os.environ.get("DANGJIAN_JOBS", "").isdigit():
        return max(1, int(os.environ["DANGJIAN_JOBS"]))
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 8))
    except AttributeError:  # not Linux
        return 1


def _unload_all(repo) -> None:
    """Drop every branch's loaded records: memory stays flat however many branches a run
    checks, and the next branch's lazy loads show every other branch's file it reads."""
    for b in repo.branches:
        unload = getattr(b, "unload", None)
        if unload is not None:
            unload()


def tracked(branch, ctx, source) -> tuple[list[Finding], list[str]]:
    """engine.branch_findings of one branch, and every file read while computing them (through
    the recording source, or loaded lazily from another branch), which the result depends on."""
    source.take()
    ctx.repo.lazy_loads.clear()
    found = engine.branch_findings(branch, ctx)
    return found, sorted(set(ctx.repo.lazy_loads) | source.take())


def compute(branches: list, ctx, source) -> dict[str, tuple[list[Finding], list[str]]]:
    """`tracked` for each branch, in worker processes when there are enough."""
    count = jobs()
    if count > 1 and len(branches) >= PARALLEL_MIN:
        import multiprocessing

        try:
            fork = multiprocessing.get_context("fork")
        except ValueError:  # no fork on this system
            fork = None
        if fork is not None:
            return _in_workers(fork, branches, ctx, source, min(count, len(branches)))
    out: dict[str, tuple[list[Finding], list[str]]] = {}
    enabled = gc.isenabled()
    gc.disable()  # loading allocates many objects and frees few: collections only cost time
    try:
        for branch in branches:
            out[branch.directory] = tracked(branch, ctx, source)
            if len(branches) > 1:
                _unload_all(ctx.repo)
    finally:
        if enabled:
            gc.enable()
    return out


def _worker(ctx, source, tasks, results) -> None:
    """A forked process: it inherits the loaded repository and the context (fork copies the
    parent; nothing is pickled on the way in) and sends back each branch's findings and the
    files they depend on."""
    gc.disable()  # a short-lived worker: collections would only cost time
    by_dir = {b.directory: b for b in ctx.repo.branches}
    try:
        for directory in iter(tasks.get, None):
            found, read = tracked(by_dir[directory], ctx, source)
            _unload_all(ctx.repo)
            results.put((directory, found, read))
    except BaseException as exc:  # tell the parent instead of leaving it waiting
        results.put((None, f"{type(exc).__name__}: {exc}", []))


def _in_workers(fork, branches: list, ctx, source, count: int) -> dict[str, tuple[list[Finding], list[str]]]:
    import queue

    tasks, results = fork.SimpleQueue(), fork.Queue()
    for b in branches:
        tasks.put(b.directory)
    for _ in range(count):
        tasks.put(None)
    gc.freeze()  # the roster layer is shared with the workers, untouched
    workers = [fork.Process(target=_worker, args=(ctx, source, tasks, results), daemon=True) for _ in range(count)]
    out: dict[str, tuple[list[Finding], list[str]]] = {}
    try:
        for w in workers:
            w.start()
        while len(out) < len(branches):
            try:
                directory, found, read = results.get(timeout=1)
            except queue.Empty:
                if any(w.exitcode not in (None, 0) for w in workers):
                    raise RuntimeError("校验的工作进程意外退出") from None
                continue
            if directory is None:
                raise RuntimeError(f"校验的工作进程出错：{found}")
            out[directory] = (found, read)
    finally:
        for w in workers:
            w.join(timeout=5)
            if w.is_alive():
                w.kill()
        gc.unfreeze()
    return out
