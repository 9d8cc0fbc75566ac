"""No full ID or mobile number leaves the program, whatever the command or format (issue 15).

A copy of the example street is planted with numbers where masking used to miss them — an ID
written unquoted, an ID and a mobile number inside longer tokens in a meeting topic, the same in
a file with a syntax error, in a file name and in a sign-in sheet — and then EVERY command is
run in EVERY output format, as a user runs it (`python -m dangjian`, through main()). No
personal number of the records may appear in full anywhere: stdout, stderr (error messages,
tracebacks), the files written (Word files unzipped), or the cache directory.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import EXAMPLE_STREET, needs_example_street

EXAMPLE = EXAMPLE_STREET
ID, PHONE = "339903193702238811", "15381149647"  # CN01-001's ID, CN01-002's mobile (fictional)
KINDS = ("monthly", "annual", "roster", "applicants", "special-groups", "meetings", "study", "service", "dues",
         "branch-archive")

pytestmark = needs_example_street


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def plant(root: Path) -> None:
    _replace(root / "CN01" / "members.yaml", f'身份证号: "{ID}"', f"身份证号: {ID}")  # unquoted
    _replace(root / "CN01" / "meetings" / "2026.yaml", "主题: 学习贯彻中央经济工作会议精神，部署2026年支部工作",
             f"主题: 学习贯彻中央经济工作会议精神ID{ID}，联系86{PHONE}")
    (root / "CN02" / "talks").mkdir(exist_ok=True)
    (root / "CN02" / "talks" / "2027.yaml").write_text(f"谈话:\n  - 对象: ID{ID} 86{PHONE}: [\n", encoding="utf-8")
    (root / "CN03" / "meetings" / f"{PHONE}.yaml").write_text("会议: []\n", encoding="utf-8")
    _replace(root / "dangjian.yaml", "规则集:", f"# 联系电话 {PHONE}\n规则集:")


def personal_numbers(root: Path) -> set[str]:
    """Every ID-shaped and mobile-shaped number written anywhere in the records."""
    found: set[str] = set()
    for path in root.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8", errors="replace")
        found.update(re.findall(r"(?<!\d)\d{17}[\dXx](?![\dXx])", text))
        found.update(re.findall(r"(?<!\d)1[3-9]\d{9}(?!\d)", text))
    return found


def commands(root: Path, out: Path, sheets: dict[str, Path]) -> list[list[str]]:
    r = str(root)
    runs: list[list[str]] = []
    for fmt in ("text", "parsable", "json", "sarif", "github", "gitlab"):
        runs.append(["validate", r, "-f", fmt])
    runs += [["validate", r, "-f", fmt, "--no-cache", "--strict"] for fmt in ("text", "json")]
    runs += [
        ["validate", r, "-f", "json", "-o", str(out / "validate.json")],
        ["validate", r, "--staged"],
        ["validate", f"{r}/CN01/{ID}.yaml"],  # a path that does not exist, quoted in the message
        ["rules", "number-should-be-quoted"],
        ["tree", r],
        ["config", "show", r],
        ["config", "show", r, "--json"],
        ["dues", "status", r, "--month", "2026-10"],
        ["dues", "status", r, "--month", "2026-10", "--json"],
        ["dues", "assess", "--year", "2027", r, "--date", "2026-12-20"],
        ["dues", "calc", "--category", "在职", "--income", "5000"],
        ["import", "members", str(sheets["members"]), "--repo", r, "--branch", "CN01"],
        ["import", "meetings", str(sheets["meetings"]), "--repo", r, "--branch", "CN01", "--date", "2026-10-20",
         "--type", "党课", "--topic", f"党课ID{ID}"],
        ["dues", "pay", r, "--from", str(sheets["collection"]), "--month", "2026-11"],
        ["dues", "pay", r, "--member", "CN01-001", "--month", "2026-11", "--date", "2026-11-10"],
        ["template", "check", str(root / "templates" / "monthly.md.j2")],
        ["assess", r, "--trend"],
        ["assess", r, "--at", "HEAD", "--all"],
        ["assess", r, "--branch", "CN01", "-f", "docx", "-o", str(out / "assess.docx")],
        ["site", r, "-o", str(out / "site")],
        ["schedule", r, "--year", "2026", "--all", "-o", str(out / "schedule.ics")],
        ["schedule", r, "--year", "2027", "--all", "--provisional", "--write", "--date", "2026-12-20"],
        ["hook", "--all-files"],
    ]
    for fmt in ("table", "md", "json"):
        runs.append(["dues", "summary", "--year", "2026", r, "--format", fmt])
        runs.append(["assess", r, "--all", "-f", fmt])
        runs.append(["schedule", r, "--year", "2026", "--all", "-f", fmt])
    runs.append(["assess", r, "--all", "-f", "json", "-o", str(out / "assess.json")])
    runs.append(["rollup", str(out / "assess.json"), "-o", str(out / "rollup")])  # after the line above
    for kind in KINDS:
        period = ["--year", "2025"] if kind in ("annual", "service") else ["--month", "2026-10"] \
            if kind == "monthly" else []
        runs.append(["report", kind, r, "--all", "--format", "md,docx,json", "-o", str(out / f"report-{kind}"),
                     *period])
    return runs


def _sheets(tmp: Path) -> dict[str, Path]:
    members = tmp / "名册.csv"
    members.write_text("姓名,性别,出生日期,入党日期,转正日期,党费类别,身份证号,手机号码\n"
                       f"林华,男,1937-02-23,1956-04-26,1957-04-26,离退休,{ID},86{PHONE}\n"
                       f"新党员,女,1995年5月6日,2020年7月1日,2021年7月1日,在职,,{PHONE}\n", encoding="utf-8")
    meetings = tmp / "签到.csv"
    meetings.write_text(f"序号,姓名,签到,请假原因\n1,林华,√,\n2,贾月娥,,外出 电话{PHONE}\n", encoding="utf-8")
    collection = tmp / "收缴.csv"
    collection.write_text(f"编号,实交,交纳日期,备注\nCN01-002,22.54,2026/11/10,手机{PHONE}\nID{ID},30,2026/11/10,\n",
                          encoding="utf-8")
    return {"members": members, "meetings": meetings, "collection": collection}


def _texts(folder: Path):
    """(name, text) of every file under `folder`, Word and other zip files unpacked."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        yield str(path.relative_to(folder)), path.name
        if data[:2] == b"PK":
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    yield f"{path.name}:{name}", archive.read(name).decode("utf-8", "replace")
        else:
            yield str(path.relative_to(folder)), data.decode("utf-8", "replace")


def test_no_command_or_format_shows_a_full_personal_number(tmp_path: Path) -> None:
    root = tmp_path / "r"
    shutil.copytree(EXAMPLE, root)
    (root / "templates").mkdir(exist_ok=True)
    from dangjian.report.templates import SHIPPED

    shutil.copy(SHIPPED / "monthly.md.j2", root / "templates" / "monthly.md.j2")
    plant(root)
    git = ["git", "-c", "user.name=测试", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", f"台账 {PHONE}"], cwd=root, check=True)
    secrets = personal_numbers(root) | {ID, PHONE}
    assert len(secrets) > 20
    out, cache = tmp_path / "out", tmp_path / "cache"
    env = {**os.environ, "DANGJIAN_CACHE_DIR": str(cache), "DANGJIAN_LOCK_TIMEOUT": "120", "COLUMNS": "200"}
    runs = commands(root, out, _sheets(tmp_path))

    def run(args: list[str]) -> tuple[list[str], int, str]:
        done = subprocess.run([sys.executable, "-m", "dangjian", *args], capture_output=True, env=env, cwd=root,
                              timeout=600)
        text = done.stdout.decode("utf-8", "replace") + "\n" + done.stderr.decode("utf-8", "replace")
        return args, done.returncode, text

    # The writers (pay, schedule --write) change records: they run one at a time, after the readers.
    writers = [a for a in runs if "--write" in a or a[:2] == ["dues", "pay"] or a[0] == "rollup"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, [a for a in runs if a not in writers]))
    results += [run(a) for a in writers]

    leaks = []
    for args, code, text in results:
        assert "Traceback" not in text or all(s not in text for s in secrets), (args, text[-3000:])
        assert code in (0, 1, 2), (args, code, text[-3000:])
        leaks += [f"{' '.join(args)}: {s}" for s in secrets if s in text]
    assert out.is_dir() and cache.is_dir()
    for folder in (out, cache, root / "CN01" / "plan"):
        for name, text in _texts(folder):
            leaks += [f"{folder.name}/{name}: {s}" for s in secrets if s in text]
    assert not leaks, "\n".join(leaks[:40])
    # the program did run: reports, site, schedule and the cache were written
    assert len(list(out.rglob("*.docx"))) >= len(KINDS) and (out / "site" / "index.html").is_file()
    assert any(cache.rglob("*"))
