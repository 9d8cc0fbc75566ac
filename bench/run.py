"""`make bench`: generate the street (cached) and measure dangjian against its baselines.

Whole-process timings (start-up included), medians of n runs, all in one run so that the
ratios compare like with like on the same machine. Ratios are what we compare; absolute
seconds depend on the machine. Rows: start-up, the CSafeLoader floor, cold/warm validate, the
pre-commit cases (a meetings file, members.yaml, branch.yaml and dangjian.yaml edited and
staged, each against yamllint on that file) and every whole-repository command once with its
CPU and peak RSS. `--district [N]` (or BENCH_DISTRICT=N) adds a district of N branches
(default 1,000; a smaller N is projected linearly to 1,000 and says so). `--quick` runs each
row once and skips the tree-wide yamllint; `--branches N` makes a smaller street.

Writes the table to stdout and to bench/out/results.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import generate  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent
LOADS: list[float] = []  # the machine's load average when the run began and ended
# The pre-commit cases: one staged edit of one file, the rest of the street committed. Each edit
# is a real change of content (not only a comment), different every time it is made.
EDITS = {
    "meetings file": ("{branch}/meetings/2025.yaml", r"(纪要: [^\n]*?)(（补记\d+）)?\n", r"\1（补记{n}）\n"),
    "members.yaml (roster change)": ("{branch}/members.yaml", r'手机号: "1\d{10}"', '手机号: "1390000{n:04d}"'),
    "branch.yaml": ("{branch}/branch.yaml", r"地址: [^\n]*", "地址: 城南街道幸福路{n}号"),
    "dangjian.yaml": ("dangjian.yaml", r"组织名称: [^\n]*", "组织名称: 中共城南街道工作委员会{n}"),
}
LOAD_SCRIPT = """
import os, sys, yaml
for d, dirs, names in os.walk(sys.argv[1]):
    dirs.sort()
    for n in sorted(names):
        if n.endswith('.yaml'):
            with open(os.path.join(d, n), 'rb') as fh:
                try:
                    yaml.load(fh.read(), Loader=yaml.CSafeLoader)
                except Exception:
                    pass  # the planted 02-30 date: a bare ValueError
"""


def timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None,
          prepare=None) -> tuple[float, int, int]:
    """(seconds, peak RSS in KB of the process tree, exit code) of one whole-process run."""
    if prepare:
        prepare()
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    start = time.perf_counter()
    done = subprocess.run(timer + cmd, env={**BASE_ENV, **(env or {})}, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    rss = 0
    if timer:
        lines = [x for x in done.stderr.strip().splitlines() if x.strip().isdigit()]
        rss = int(lines[-1]) if lines else 0
    return seconds, rss, done.returncode


def median_of(n: int, cmd: list[str], **kwargs) -> dict:
    runs = [timed(cmd, **kwargs) for _ in range(n)]
    return {"n": n, "median": statistics.median(r[0] for r in runs), "min": min(r[0] for r in runs),
            "max": max(r[0] for r in runs), "rss_kb": max(r[1] for r in runs), "exit": runs[-1][2]}


# Measure as a user's machine runs: some sandboxes set PYTHONDONTWRITEBYTECODE, which makes
# every process recompile the package (~0.1–0.2 s) and would be charged to dangjian.
BASE_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def git_copy(tree: Path, summary: dict) -> Path:
    """The street committed into a git repository once (cached by the generator's summary)."""
    repo = OUT / f"{tree.name}-git"
    marker = repo / ".git" / "bench-summary.json"
    if marker.exists() and json.loads(marker.read_text()) == summary:
        git(repo, "reset", "-q", "--hard", "HEAD")
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(tree, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "street")
    marker.write_text(json.dumps(summary))
    return repo


def cpu_timed(cmd: list[str], env: dict | None = None) -> tuple[float, int, int]:
    """(user + system CPU seconds, peak RSS in KB, exit code) of one whole-process run."""
    done = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", *cmd], env={**BASE_ENV, **(env or {})},
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    last = done.stderr.strip().splitlines()[-1].split()
    return float(last[0]) + float(last[1]), int(last[2]), done.returncode


COMMANDS = (  # every command that reads the whole repository, as a street office runs them
    ("validate (cold, empty cache)", ["validate", "-f", "parsable", "{root}"]),
    ("dues status --month 2026-10", ["dues", "status", "{root}", "--month", "2026-10"]),
    ("schedule --all --year 2026", ["schedule", "{root}", "--all", "--year", "2026"]),
    ("report monthly --all --format md,docx", ["report", "monthly", "{root}", "--all", "--month", "2026-10",
                                               "--format", "md,docx", "-o", "{out}/reports"]),
    ("assess", ["assess", "{root}"]),
    ("site", ["site", "{root}", "-o", "{out}/site"]),
)


def every_command_rows(dj: list[str], root: Path, scale: str, branches: int, out: Path, fresh_cache, row,
                       warm_env: dict | None = None) -> None:
    """Each command once: wall time, CPU, peak RSS (target < 2 GB at 1,000 branches), and for the
    report issue 11's figure, CPU seconds per branch (target ≤ 0.15 s)."""
    if not Path("/usr/bin/time").exists():
        return
    for label, args in COMMANDS:
        env = warm_env if (warm_env is not None and label.startswith("validate")) else fresh_cache()
        start = time.perf_counter()
        cpu, rss, code = cpu_timed([*dj, *[a.format(root=root, out=out) for a in args]], env)
        wall = time.perf_counter() - start
        note = f"{cpu:.1f} s CPU"
        if label.startswith("report"):
            note += f", {cpu / branches:.3f} s CPU per branch (target ≤ 0.15)"
        row(f"{label} ({scale}, {branches} branches)", {"n": 1, "median": wall, "min": wall, "max": wall,
                                                        "rss_kb": rss, "exit": code, "cpu": cpu}, note)


def has_command(name: str) -> bool:
    done = subprocess.run([str(BIN / "dangjian"), "--help"], capture_output=True, text=True)
    return f"  {name} " in done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description="dangjian 性能测量")
    parser.add_argument("--district", type=int, nargs="?", const=1000,
                        default=int(os.environ["BENCH_DISTRICT"]) if os.environ.get("BENCH_DISTRICT", "").isdigit() else None,
                        help="also measure a district of N branches (default 1000; BENCH_DISTRICT=N)")
    parser.add_argument("--branches", type=int, default=100, help="branches of the street (default 100)")
    parser.add_argument("--quick", action="store_true",
                        help="one repetition of each row and no tree-wide yamllint: a few minutes on 2 cores")
    args = parser.parse_args()
    reps = 1 if args.quick else None
    OUT.mkdir(exist_ok=True)
    rows: list[tuple[str, dict | None, str]] = []
    notes: list[str] = []

    started = time.perf_counter()
    LOADS.append(os.getloadavg()[0])
    street = OUT / ("street" if args.branches == 100 else f"street-{args.branches}")
    summary = generate.cached(street, args.branches)
    print(f"street: {summary['files']} files, {summary['bytes'] / 1e6:.1f} MB, {summary['members']} members "
          f"({time.perf_counter() - started:.1f} s incl. generation if needed)", file=sys.stderr)
    dj = [str(BIN / "dangjian")]
    cache_root = Path(tempfile.mkdtemp(prefix="dangjian-bench-cache-"))
    try:
        def fresh_cache() -> dict:
            d = tempfile.mkdtemp(dir=cache_root)
            return {"DANGJIAN_CACHE_DIR": d}

        def row(label: str, result: dict | None, note: str = "") -> None:
            rows.append((label, result, note))
            if result:
                print(f"  {label}: {result['median']:.3f} s (n={result['n']})", file=sys.stderr)

        row("python -c pass", median_of(reps or 10, [PY, "-c", "pass"]))
        row("PyYAML CSafeLoader load of the tree (floor)", median_of(reps or 3, [PY, "-c", LOAD_SCRIPT, str(street)]))
        cold = []
        for _ in range(reps or 3):
            cold.append(timed([*dj, "validate", "-f", "parsable", str(street)], env=fresh_cache()))
        row("validate street, cold (empty cache)", {
            "n": len(cold), "median": statistics.median(c[0] for c in cold), "min": min(c[0] for c in cold),
            "max": max(c[0] for c in cold), "rss_kb": max(c[1] for c in cold), "exit": cold[-1][2]})
        row("validate street, --no-cache, one process (DANGJIAN_JOBS=1)", median_of(1, [*dj, "validate", "-f", "parsable", "--no-cache", str(street)], env={"DANGJIAN_JOBS": "1"}))
        warm_env = fresh_cache()
        timed([*dj, "validate", "-f", "parsable", str(street)], env=warm_env)
        row("validate street, warm, nothing changed", median_of(reps or 10, [*dj, "validate", "-f", "parsable", str(street)], env=warm_env))
        found = subprocess.run([*dj, "validate", "-f", "json", str(street)], env={**BASE_ENV, **warm_env},
                               capture_output=True, text=True)
        try:
            counts = json.loads(found.stdout)["summary"]
            notes.append(f"validate reports {counts['errors']} errors, {counts['warnings']} warnings and "
                         f"{counts['notes']} notes on the street (DEFECTS.txt plants "
                         f"{len((street / 'DEFECTS.txt').read_text(encoding='utf-8').splitlines()) - 1}).")
        except (ValueError, KeyError):
            notes.append("validate --format json did not give a summary")

        # The pre-commit cases: one staged edit of one file, the whole street in the repository,
        # each compared with yamllint on that same file in this run.
        repo = git_copy(street, summary)
        counter = iter(range(1, 1_000_000))
        yamllint = BIN / "yamllint"
        if not yamllint.exists():
            notes.append("yamllint is not installed (pip install -e '.[test]'): its rows are skipped.")
        branch = f"第{min(42, summary['branches']):04d}社区党支部"  # one branch in the middle of the street
        for label, (rel, pattern, replacement) in EDITS.items():
            rel = rel.format(branch=branch)
            target = repo / rel
            original = target.read_text(encoding="utf-8")

            def edit_and_stage(target=target, original=original, rel=rel, pattern=pattern,
                               replacement=replacement) -> None:
                changed = re.sub(pattern, replacement.format(n=next(counter)), original, count=1)
                assert changed != original, rel
                target.write_text(changed, encoding="utf-8")
                git(repo, "add", rel)

            precommit_env = fresh_cache()
            git(repo, "reset", "-q", "--hard", "HEAD")
            timed([*dj, "validate", "--staged"], env=precommit_env, cwd=repo)  # the cache as after the last commit
            row(f"pre-commit: validate --staged, {label} edited (cache warm)",
                median_of(reps or 5, [*dj, "validate", "--staged"], env=precommit_env, cwd=repo,
                          prepare=edit_and_stage))
            if yamllint.exists():
                row(f"yamllint -d relaxed on the {label}", median_of(reps or 5, [str(yamllint), "-d", "relaxed", str(target)]))
            target.write_text(original, encoding="utf-8")
            git(repo, "add", rel)
        first = []
        rel, pattern, replacement = EDITS["meetings file"]
        rel = rel.format(branch=branch)
        for _ in range(reps or 3):
            def edit_meetings() -> None:
                text = (repo / rel).read_text(encoding="utf-8")
                (repo / rel).write_text(re.sub(pattern, replacement.format(n=next(counter)), text, count=1),
                                        encoding="utf-8")
                git(repo, "add", rel)
            first.append(timed([*dj, "validate", "--staged"], env=fresh_cache(), cwd=repo, prepare=edit_meetings)[0])
        row("pre-commit: validate --staged, meetings file edited, empty cache",
            {"n": len(first), "median": statistics.median(first), "min": min(first), "max": max(first),
             "rss_kb": 0, "exit": 0})
        git(repo, "reset", "-q", "--hard", "HEAD")
        if yamllint.exists() and not args.quick:
            subset = OUT / "street-10"
            if not (subset / ".done").exists() or json.loads((subset / ".done").read_text() or "{}") != summary:
                shutil.rmtree(subset, ignore_errors=True)
                subset.mkdir()
                for d in sorted(p for p in street.iterdir() if p.is_dir() and p.name.startswith("第"))[:10]:
                    shutil.copytree(d, subset / d.name)
                (subset / ".done").write_text(json.dumps(summary))
            part = median_of(1, [str(yamllint), "-d", "relaxed", "-f", "parsable", str(subset)])
            sub_bytes = sum(p.stat().st_size for p in subset.rglob("*.yaml"))
            scaled = dict(part, median=part["median"] * summary["bytes"] / sub_bytes)
            row("yamllint -d relaxed on the tree (10-branch subset, scaled by bytes)", scaled,
                f"subset {part['median']:.1f} s for {sub_bytes / 1e6:.1f} MB")

        day = "2026-10"
        reports = Path(tempfile.mkdtemp(dir=cache_root))
        every_command_rows(dj, street, "street", summary["branches"], reports / "street", fresh_cache, row)
        example = HERE.parent / "records"
        row("report monthly --all (example street records/, Markdown and Word)",
            median_of(reps or 3, [*dj, "report", "monthly", str(example), "--all", "--month", day,
                                  "--format", "md,docx", "-o", str(reports / "example")]))
        row("schedule --all --year 2026 (example street records/)",
            median_of(reps or 5, [*dj, "schedule", str(example), "--all", "--year", "2026"]))

        if args.district:
            begun = time.perf_counter()
            district = OUT / f"district-{args.district}"
            dsummary = generate.cached(district, args.district)
            notes.append(f"district: {args.district} branches, {dsummary['files']} files, {dsummary['bytes'] / 1e6:.0f} MB, "
                         f"{dsummary['members']} members; generated or reused in {time.perf_counter() - begun:.0f} s")
            if args.district != 1000:
                notes.append(f"district rows measured at {args.district} branches, not 1,000: the peak RSS at "
                             f"1,000 is projected linearly from the street ({summary['branches']}) and this size.")
            denv = fresh_cache()
            every_command_rows(dj, district, "district", args.district, Path(tempfile.mkdtemp(dir=cache_root)),
                               fresh_cache, row, warm_env=denv)
            row("validate district, warm, nothing changed",
                median_of(3, [*dj, "validate", "-f", "parsable", str(district)], env=denv))
            row("PyYAML CSafeLoader load of the district (floor)", median_of(1, [PY, "-c", LOAD_SCRIPT,
                                                                                 str(district)]))
            notes.append(f"district rows took {time.perf_counter() - begun:.0f} s")
    finally:
        shutil.rmtree(cache_root, ignore_errors=True)

    LOADS.append(os.getloadavg()[0])
    table = render(rows, notes, summary, time.perf_counter() - started)
    (OUT / "results.md").write_text(table, encoding="utf-8")
    print(table)


def render(rows, notes, summary, total: float) -> str:
    by = {label: r for label, r, _ in rows if r}

    def get(prefix: str) -> float | None:
        return next((r["median"] for label, r in by.items() if label.startswith(prefix)), None)

    commit = subprocess.run(["git", "-C", str(HERE.parent), "log", "-1", "--format=%h %s"], capture_output=True,
                            text=True).stdout.strip()[:80]
    load = " / ".join(f"{a:.1f}" for a in LOADS)
    lines = [f"Commit measured: {commit}. Load average (1 min) at start / end: {load}.", "",
             f"Measured {dt.date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} CPUs, "
             f"Python {platform.python_version()}, {platform.system()}; street = {summary['files']} files, "
             f"{summary['bytes'] / 1e6:.1f} MB, {summary['members']} members. `make bench` took {total:.0f} s.", "",
             "| row | n | median | min–max | peak RSS | note |", "|---|---|---|---|---|---|"]
    for label, r, note in rows:
        if r is None:
            continue
        rss = f"{r['rss_kb'] / 1024:.0f} MB" if r.get("rss_kb") else ""
        lines.append(f"| {label} | {r['n']} | {r['median']:.3f} s | {r['min']:.2f}–{r['max']:.2f} | {rss} | {note} |")
    ratios = []
    floor, cold, warm = get("PyYAML CSafeLoader load of the tree"), get("validate street, cold"), get(
        "validate street, warm")
    for label in EDITS:
        pre, lint = get(f"pre-commit: validate --staged, {label} edited (cache warm)"), get(
            f"yamllint -d relaxed on the {label}")
        if pre and lint:
            ratios.append(f"| `validate --staged`, {label} ÷ yamllint on that file | {pre / lint:.2f} | ≤ 0.5 |")
    pre_empty, lint = get("pre-commit: validate --staged, meetings file edited, empty"), get(
        "yamllint -d relaxed on the meetings file")
    if pre_empty and lint:
        ratios.append(f"| `validate --staged`, meetings file, empty cache ÷ yamllint | {pre_empty / lint:.2f} | – |")
    if warm:
        ratios.append(f"| nothing changed (warm validate of the street) | {warm:.2f} s | ≤ 0.3 s |")
    if floor and cold:
        ratios.append(f"| cold street ÷ one-process CSafeLoader load | {cold / floor:.2f} | ≤ 0.6 |")
    for label, r in by.items():
        if label.startswith("report monthly --all --format md,docx (") and r.get("cpu"):
            branches = int(label.rsplit(", ", 1)[1].split()[0])
            ratios.append(f"| {label}: CPU per branch | {r['cpu'] / branches:.3f} s | ≤ 0.15 s |")
    scales = {}
    for label, r in by.items():
        if "branches)" in label and r.get("rss_kb") and label.split(" (")[0] in {c for c, _ in COMMANDS}:
            command, rest = label.split(" (", 1)
            branches = int(rest.split(", ")[1].split()[0])
            scales.setdefault(command, []).append((branches, r["rss_kb"] / 1024))
    for command, points in scales.items():
        points.sort()
        big = points[-1]
        if big[0] >= 1000:
            ratios.append(f"| {command}: peak RSS at {big[0]} branches | {big[1]:.0f} MB | < 2048 MB |")
        elif len(points) > 1 and points[0][0] != big[0]:
            slope = (big[1] - points[0][1]) / (big[0] - points[0][0])
            projected = big[1] + slope * (1000 - big[0])
            ratios.append(f"| {command}: peak RSS at 1,000 branches, projected from {points[0][0]} and {big[0]} "
                          f"({slope:.2f} MB per branch) | {projected:.0f} MB | < 2048 MB |")
    dcold, dfloor = get("validate (cold, empty cache) (district"), get("PyYAML CSafeLoader load of the district")
    if dcold and dfloor:
        ratios.append(f"| district cold validate ÷ its CSafeLoader load | {dcold / dfloor:.2f} | ≤ 0.6 |")
    lines += ["", "| ratio | value | target |", "|---|---|---|", *ratios]
    if notes:
        lines += ["", *[f"- {n}" for n in notes]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
