"""Writers under fire: concurrent runs and kill -9 at random points lose nothing (issue 15).

Each round starts several writers at once on a copy of the example street — `dues pay` (two
members of one branch), `dues pay --from` (a collection sheet for the same ledger), `import
meetings --write`, `import members --write`, `dues assess --write`, `schedule --write` — and
kills some of them with SIGKILL at a random moment. After the round:

- every record file is either byte for byte what it was, or a complete file that parses;
- every write a writer acknowledged (exit status) is there, and stays there in later rounds;
- a killed writer's change is there whole or not at all (a sheet's payments: all or none);
- files no writer touches are unchanged; the next writer removes a killed one's temporary files.

The seed is fixed, so a failure is reproducible. `make test` runs a few rounds;
`make fuzz` runs many (DANGJIAN_WRITER_ROUNDS).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import EXAMPLE_STREET
from dangjian.yamlread import parse_text

EXAMPLE = EXAMPLE_STREET
ROUNDS = int(os.environ.get("DANGJIAN_WRITER_ROUNDS", "3"))
SEED = int(os.environ.get("DANGJIAN_WRITER_SEED", "20261207"))

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9 (POSIX)")


def _data(path: Path):
    """The file's content, or None when it is not a complete YAML document."""
    data, problems = parse_text(path.read_text(encoding="utf-8"), "fast")
    return None if problems else data


def _leaves(node, path: tuple = ()) -> set:
    """Every value with the keys leading to it (list positions left out): the writers here only
    add, so a new version holds every leaf of the old one — a file cut at a line break would not."""
    if isinstance(node, dict):
        return {leaf for k, v in node.items() for leaf in _leaves(v, (*path, str(k)))}
    if isinstance(node, list):
        return {leaf for v in node for leaf in _leaves(v, path)}
    return {(path, str(node))}


def _paid(root: Path, branch: str, member: str, month: int) -> bool:
    path = root / branch / "dues" / "2026.yaml"
    accounts = (_data(path) or {}).get("党员党费") or []
    return any(a.get("党员") == member and month in (a.get("交纳") or {}) for a in accounts)


@dataclass
class Job:
    """One writer: its command, the files it may change and how to see its change."""

    name: str
    argv: list[str]
    files: list[str]
    done: object  # root -> bool (the whole change is there)
    partial: object = None  # root -> bool (some of it is there), for all-or-nothing changes
    ok_codes: tuple[int, ...] = (0,)
    process: subprocess.Popen | None = None
    killed: bool = False
    code: int | None = None
    output: str = field(default="", repr=False)


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "dangjian", *map(str, args)]


class Street:
    """The example street, the members still to pay for November, and fresh names."""

    def __init__(self, root: Path, tmp: Path) -> None:
        self.root, self.tmp = root, tmp
        self.unpaid: dict[str, list[str]] = {}
        for ledger in sorted(root.glob("CN0*/dues/2026.yaml")):
            accounts = _data(ledger).get("党员党费") or []
            # members who paid October are active and assessed: November is theirs to pay
            self.unpaid[ledger.parts[-3]] = [a["党员"] for a in accounts
                                             if 10 in (a.get("交纳") or {}) and 11 not in (a.get("交纳") or {})]
        self.branches = [b for b, members in self.unpaid.items() if len(members) >= 4]

    def pay(self, branch: str, member: str) -> Job:
        return Job(f"pay {member}", _command("dues", "pay", self.root, "--member", member, "--month", "2026-11",
                                             "--date", "2026-11-10"),
                   [f"{branch}/dues/2026.yaml"], lambda r: _paid(r, branch, member, 11))

    def pay_from(self, branch: str, members: list[str], n: int) -> Job:
        sheet = self.tmp / f"收缴-{n}.csv"
        sheet.write_text("编号,交纳日期\n" + "".join(f"{m},2026/11/12\n" for m in members), encoding="utf-8")
        return Job(f"pay --from {members}", _command("dues", "pay", self.root / branch, "--from", sheet,
                                                     "--month", "2026-11"),
                   [f"{branch}/dues/2026.yaml"], lambda r: all(_paid(r, branch, m, 11) for m in members),
                   lambda r: any(_paid(r, branch, m, 11) for m in members))

    def meeting(self, branch: str, n: int) -> Job:
        members = (_data(self.root / branch / "members.yaml") or {}).get("党员") or []
        sheet = self.tmp / f"签到-{n}.csv"
        sheet.write_text("序号,姓名,签到,请假原因\n" + "".join(f"{i},{m['姓名']},√,\n" for i, m in enumerate(members[:3], 1)),
                         encoding="utf-8")
        day = dt.date(2026, 11, 1) + dt.timedelta(days=n % 55)
        topic = f"压力测试党课第{n}次"

        def held(r: Path) -> bool:
            meetings = (_data(r / branch / "meetings" / "2026.yaml") or {}).get("会议") or []
            return any(m.get("主题") == topic for m in meetings)
        return Job(f"import meetings {topic}", _command("import", "meetings", sheet, "--repo", self.root,
                                                         "--branch", branch, "--date", day.isoformat(),
                                                         "--type", "党课", "--topic", topic, "--write"),
                   [f"{branch}/meetings/2026.yaml"], held)

    def member(self, branch: str, n: int) -> Job:
        name = "测" + "甲乙丙丁戊己庚辛壬癸"[n % 10] + "子丑寅卯辰巳午未申酉戌亥"[n // 10 % 12]
        sheet = self.tmp / f"名册-{n}.csv"
        sheet.write_text("姓名,性别,出生日期,入党日期,转正日期,党费类别\n"
                         f"{name},女,1995年5月{1 + n % 28}日,2020年7月1日,2021年7月1日,在职\n", encoding="utf-8")

        def listed(r: Path) -> bool:
            return any(m.get("姓名") == name for m in (_data(r / branch / "members.yaml") or {}).get("党员") or [])
        return Job(f"import members {name}", _command("import", "members", sheet, "--repo", self.root,
                                                       "--branch", branch, "--write"),
                   [f"{branch}/members.yaml"], listed)

    def assess(self, branch: str, year: int) -> Job:
        rel = f"{branch}/dues/{year}.yaml"
        return Job(f"assess {rel}", _command("dues", "assess", "--year", year, self.root / branch, "--write",
                                             "--date", f"{year - 1}-12-20"),
                   [rel], lambda r: (r / rel).is_file() and _data(r / rel).get("年度") == year, ok_codes=(0, 1))

    def schedule(self, branch: str, year: int) -> Job:
        rel = f"{branch}/plan/{year}.yaml"
        return Job(f"schedule {rel}", _command("schedule", self.root / branch, "--year", year, "--provisional",
                                               "--write", "--date", f"{year - 1}-12-20"),
                   [rel], lambda r: (r / rel).is_file() and bool(_data(r / rel)))


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.yaml")
            if p.is_file() and not p.name.startswith(".")}


def _round_jobs(street: Street, rng: random.Random, n: int) -> list[Job] | None:
    usable = [b for b in street.branches if len(street.unpaid[b]) >= 4]
    if not usable:
        return None  # every member has paid November: enough rounds
    branch = usable[n % len(usable)]
    members = street.unpaid[branch]
    picked = [members.pop(rng.randrange(len(members))) for _ in range(min(4, len(members)))]
    jobs = [street.pay(branch, picked[0]), street.pay(branch, picked[1]),
            street.pay_from(branch, picked[2:], n), street.meeting(branch, n)]
    other = street.branches[(n + 1) % len(street.branches)]
    jobs.append(rng.choice([street.member(other, n), street.assess(other, 2030 + n), street.schedule(other, 2030 + n)]))
    return jobs


def _run(jobs: list[Job], rng: random.Random, env: dict) -> None:
    kills = {id(j): rng.uniform(0.05, 2.5) for j in jobs if rng.random() < 0.4}
    started = time.monotonic()
    for job in jobs:
        job.process = subprocess.Popen(job.argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    while any(j.process.poll() is None for j in jobs):
        now = time.monotonic() - started
        for job in jobs:
            if id(job) in kills and now >= kills[id(job)] and job.process.poll() is None:
                job.process.send_signal(signal.SIGKILL)
                job.killed = True
        if now > 300:
            for job in jobs:
                job.process.kill()
            pytest.fail("writers did not finish in 300 s")
        time.sleep(0.01)
    for job in jobs:
        job.code = job.process.wait()
        job.output = job.process.stdout.read().decode("utf-8", "replace")
        job.process.stdout.close()


def test_concurrent_and_killed_writers_lose_nothing(tmp_path: Path) -> None:
    root = tmp_path / "street"
    shutil.copytree(EXAMPLE, root)
    street = Street(root, tmp_path)
    assert len(street.branches) >= 2
    rng = random.Random(SEED)
    env = {**os.environ, "DANGJIAN_LOCK_TIMEOUT": "120", "DANGJIAN_CACHE_DIR": str(tmp_path / "cache")}
    acknowledged: list[Job] = []
    for n in range(ROUNDS):
        before = _snapshot(root)
        jobs = _round_jobs(street, rng, n)
        if jobs is None:
            break
        _run(jobs, rng, env)
        mine = {rel for j in jobs for rel in j.files}
        after = _snapshot(root)
        for rel, data in after.items():
            if rel not in mine:
                assert before.get(rel) == data, f"round {n} (seed {SEED}): {rel} changed, though no writer of this round writes it"
            elif before.get(rel) != data:
                new = _data(root / rel)
                assert new is not None, f"round {n} (seed {SEED}): {rel} is not a complete file"
                if rel in before:
                    old = parse_text(before[rel].decode("utf-8"), "fast")[0]
                    lost = _leaves(old) - _leaves(new)
                    assert not lost, f"round {n} (seed {SEED}): {rel} lost {sorted(lost)[:5]}"
        assert set(before) <= set(after), f"round {n} (seed {SEED}): a record file disappeared"
        for job in jobs:
            if job.killed and job.code == -signal.SIGKILL:
                if job.partial is not None:
                    assert job.done(root) or not job.partial(root), f"round {n} (seed {SEED}): half of {job.name} was written"
                continue
            assert job.code in job.ok_codes, f"round {n} (seed {SEED}): {job.name} exited {job.code}:\n{job.output[-3000:]}"
            acknowledged.append(job)
        for job in acknowledged:
            assert job.done(root), f"round {n} (seed {SEED}): the acknowledged write {job.name} was lost"
    # The next writer clears what killed ones left behind; no temporary file stays for git to add.
    branch = next(b for b in street.branches if street.unpaid[b])
    last = street.pay(branch, street.unpaid[branch][0])
    assert subprocess.run(last.argv, env=env, capture_output=True).returncode == 0
    assert not [p for p in root.rglob(".dangjian-tmp-*")]
    assert all(job.done(root) for job in acknowledged)


def test_every_writer_waits_for_the_lock_then_fails_clearly(tmp_path: Path) -> None:
    """While another writer holds the repository, each writer waits, then gives up writing nothing."""
    from dangjian.writelock import record_lock

    root = tmp_path / "street"
    shutil.copytree(EXAMPLE, root)
    street = Street(root, tmp_path)
    branch = street.branches[0]
    jobs = [street.pay(branch, street.unpaid[branch][0]), street.pay_from(branch, street.unpaid[branch][1:3], 0),
            street.meeting(branch, 0), street.member(branch, 0), street.assess(branch, 2031),
            street.schedule(branch, 2031)]
    env = {**os.environ, "DANGJIAN_LOCK_TIMEOUT": "0.5", "DANGJIAN_CACHE_DIR": str(tmp_path / "cache")}
    before = _snapshot(root)
    with record_lock(root):
        for job in jobs:
            done = subprocess.run(job.argv, env=env, capture_output=True)
            err = done.stderr.decode("utf-8", "replace")
            assert done.returncode == 2, (job.name, done.returncode, err[-2000:])
            assert "另一个 dangjian 命令一直在修改记录库" in err and "Traceback" not in err, (job.name, err)
    assert _snapshot(root) == before


@pytest.mark.parametrize("newline", [b"\r", b"\r\n"])
def test_a_payment_keeps_the_ledgers_line_endings(tmp_path: Path, newline: bytes) -> None:
    """A ledger saved with CR (old Mac editors) or CRLF line endings keeps them after `dues pay`."""
    root = tmp_path / "street"
    shutil.copytree(EXAMPLE, root)
    street = Street(root, tmp_path)
    branch = street.branches[0]
    ledger = root / branch / "dues" / "2026.yaml"
    before = ledger.read_bytes().replace(b"\n", newline)
    ledger.write_bytes(before)
    job = street.pay(branch, street.unpaid[branch][0])
    env = {**os.environ, "DANGJIAN_CACHE_DIR": str(tmp_path / "cache")}
    assert subprocess.run(job.argv, env=env, capture_output=True).returncode == 0
    after = ledger.read_bytes()
    assert job.done(root)
    assert after.count(newline) == before.count(newline) and after.replace(newline, b"").count(b"\n") == 0
