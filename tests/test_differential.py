"""The speed layer proven equal to the plain path: random sequences of edits to a record
repository, and after each one a normal (cached) `validate` prints exactly what
`--no-cache` prints — on the work tree, on the git index (`--staged`) and for one branch.

CI runs a fixed, modest set of examples (derandomized); `make fuzz` runs many more
(DANGJIAN_FUZZ_EXAMPLES, new random ones each time).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from conftest import BASE
from dangjian.commands.validate import run_validate

FUZZ = int(os.environ.get("DANGJIAN_FUZZ_EXAMPLES", "0"))
DAYS = ("2026-10-31", "2026-03-15", "2025-12-31", "2027-02-01")
PROFILES = ("xz", "national", "wuhua")
LEVELS = ("关闭", "提示", "警告", "错误")
SOME_RULES = ("life-meeting-cadence", "theme-day-monthly", "org-kind-by-size", "id-number-valid",
              "dues-amount", "plan-missing", "theme-day-off-schedule", "member-id-unique", "unknown-member")
HOLIDAY = ("年度: 2026\n依据: 虚构的地方节日\n方式: 补充\n放假:\n"
           "  - {{名称: 地方节日, 开始: 2026-{month:02d}-10, 结束: 2026-{month:02d}-10}}\n")
GIT_ENV = {"GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.invalid"}

# Text edits on a branch's files: (file inside the branch, old, new). An edit whose old text is
# absent does nothing.
EDITS = (
    ("members.yaml", '"330102197204180012"', '"330102197204180013"'),  # bad check digit
    ("members.yaml", "姓名: 陈丽", "姓名: 陈丽丽"),
    ("members.yaml", "状态: 正式党员", "状态: 预备党员"),
    ("members.yaml", "入党日期: 2008-05-04", "入党日期: 2026-09-04"),
    ("members.yaml", "党员:\n", "党员:\n  - 编号: B1-001\n    姓名: 重号\n"),  # a duplicate id
    ("meetings/2026.yaml", "出席: [B1-001, B1-002, B1-003]", "出席: [B1-001, B1-099]"),
    ("meetings/2026.yaml", "  - 日期: 2026-02-10\n", "  - 日期: 2026-02-11\n"),
    ("meetings/2026.yaml", "会议:\n", "会议:\n  - 日期: 2026-02-30\n"),
    ("meetings/2025.yaml", "类型: [支部党员大会", "类型: [党小组会"),
    ("dues/2026.yaml", '月交额: "97.50"', '月交额: "90.00"'),
    ("dues/2026.yaml", "10: 2026-10-10}", "}"),
    ("branch.yaml", "类型: 党支部", "类型: 党总支"),
    ("branch.yaml", "主题党日: 每月10日", "主题党日: 每月第一个周五"),
    ("branch.yaml", "任期年限: 5", "任期年限: 3"),
)


def _branch_files(branch: str) -> dict[str, str]:
    """Branch B1 of the base fixture under another id (B2, B3 …): a clean copy."""
    out = {}
    for path in sorted((BASE / "B1").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8").replace("编号: B1", f"编号: {branch}").replace("B1-", f"{branch}-")
        out[path.relative_to(BASE / "B1").as_posix()] = text.replace("330102197204180012", f"3301021972041800{branch[1]}0")
    return out


@pytest.fixture(scope="module")
def plan_text(tmp_path_factory) -> str:
    """A plan file as `schedule --write` makes it, for branches to gain and lose."""
    from typer.testing import CliRunner

    from dangjian.cli import app

    root = tmp_path_factory.mktemp("plan") / "r"
    shutil.copytree(BASE, root)
    result = CliRunner().invoke(app, ["schedule", str(root), "--branch", "B1", "--year", "2026", "--write"])
    assert result.exit_code == 0, result.output
    return (root / "B1/plan/2026.yaml").read_text(encoding="utf-8")


class CacheEqualsPlain(RuleBasedStateMachine):
    plan = ""

    @initialize()
    def make_repository(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="dangjian-diff-"))
        self.root = self.tmp / "r"
        shutil.copytree(BASE, self.root)
        for rel, text in _branch_files("B2").items():
            self._write(f"B2/{rel}", text)
        self.cache = self.tmp / "cache"
        self.day = DAYS[0]
        self._git("init", "-q")
        self._git("add", "-A")
        self._git("commit", "-qm", "初始")

    def teardown(self) -> None:
        shutil.rmtree(getattr(self, "tmp", "/nonexistent"), ignore_errors=True)

    # --- helpers -----------------------------------------------------------------------------

    def _git(self, *args: str) -> None:
        subprocess.run(["git", *args], cwd=self.root, check=True, capture_output=True, env={**os.environ, **GIT_ENV})

    def _write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def _branches(self) -> list[str]:
        return sorted(p.parent.name for p in self.root.glob("*/branch.yaml"))

    def _config(self) -> str:
        return (self.root / "dangjian.yaml").read_text(encoding="utf-8")

    def _set_config(self, key: str, block: str) -> None:
        """Replace the top-level `key:` block of dangjian.yaml (or add it)."""
        lines = self._config().split("\n")
        out, skipping = [], False
        for line in lines:
            if line.startswith(f"{key}:"):
                skipping = True
                continue
            if skipping and line.startswith(" "):
                continue
            skipping = False
            out.append(line)
        text = "\n".join(out).rstrip("\n") + "\n" + block
        (self.root / "dangjian.yaml").write_text(text, encoding="utf-8")

    def _output(self, *args: str, cache: bool) -> tuple[int, str]:
        out = self.tmp / "out.txt"
        paths = [self.root / "B1"] if "B1" in args else [self.root]
        code = run_validate(paths, output_format="parsable", staged="--staged" in args, as_of=self.day,
                            output=out, no_cache=not cache)
        return code, out.read_text(encoding="utf-8")

    # --- edits -------------------------------------------------------------------------------

    @rule(branch=st.sampled_from(("B1", "B2", "B3")), edit=st.sampled_from(EDITS), undo=st.booleans())
    def edit_record(self, branch: str, edit: tuple[str, str, str], undo: bool) -> None:
        rel, old, new = edit
        path = self.root / branch / rel
        if not path.is_file():
            return
        old, new = (old.replace("B1", branch), new.replace("B1", branch))
        if undo:
            old, new = new, old
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    @rule(profile=st.sampled_from(PROFILES))
    def set_profile(self, profile: str) -> None:
        self._set_config("规则集", f"规则集: {profile}\n")

    @rule(levels=st.dictionaries(st.sampled_from(SOME_RULES), st.sampled_from(LEVELS), max_size=3))
    def set_levels(self, levels: dict[str, str]) -> None:
        self._set_config("规则级别", "规则级别:\n" + "".join(f"  {k}: {v}\n" for k, v in levels.items())
                         if levels else "")

    @rule(most=st.sampled_from((None, 2, 3, 50)))
    def set_parameter(self, most: int | None) -> None:
        self._set_config("参数", f"参数:\n  支部一般最多党员: {most}\n" if most else "")

    @rule(month=st.sampled_from((None, 2, 3, 9)))
    def set_holidays(self, month: int | None) -> None:
        path = self.root / "holidays/2026.yaml"
        if month is None:
            shutil.rmtree(path.parent, ignore_errors=True)
        else:
            self._write("holidays/2026.yaml", HOLIDAY.format(month=month))

    @rule(branch=st.sampled_from(("B1", "B2", "B3")), kind=st.sampled_from(("good", "bad", None)))
    def set_plan(self, branch: str, kind: str | None) -> None:
        if not (self.root / branch / "branch.yaml").is_file():
            return
        path = self.root / branch / "plan/2026.yaml"
        if kind is None:
            path.unlink(missing_ok=True)
        else:
            text = self.plan.replace("B1", branch) if kind == "good" else "年度: 2026\n计划: 1\n"
            self._write(f"{branch}/plan/2026.yaml", text)

    @rule(present=st.booleans())
    def third_branch(self, present: bool) -> None:
        if present:
            for rel, text in _branch_files("B3").items():
                self._write(f"B3/{rel}", text)
        else:
            shutil.rmtree(self.root / "B3", ignore_errors=True)

    @rule(branch=st.sampled_from(("B1", "B2", "B3")),
          rel=st.sampled_from(("talks/2025.yaml", "trainings/2026.yaml", "applicants.yaml", "meetings/2024.yaml")))
    def add_or_delete_file(self, branch: str, rel: str) -> None:
        if not (self.root / branch / "branch.yaml").is_file():
            return
        path = self.root / branch / rel
        if path.exists():
            path.unlink()
        elif rel == "applicants.yaml":
            self._write(f"{branch}/{rel}", "入党申请人: []\n")
        else:
            source = _branch_files(branch).get(rel.replace("2024", "2025"), "")
            self._write(f"{branch}/{rel}", source.replace("2025-", "2024-").replace("年度: 2025", "年度: 2024"))

    @rule()
    def stage(self) -> None:
        self._git("add", "-A")

    @rule(day=st.sampled_from(DAYS))
    def set_day(self, day: str) -> None:
        self.day = day

    # --- the property ------------------------------------------------------------------------

    @invariant()
    def cached_equals_plain(self) -> None:
        if not hasattr(self, "root"):
            return
        for args in ((), ("--staged",), ("B1",)):
            cached = self._output(*args, cache=True)
            assert cached == self._output(*args, cache=False), args
            assert self._output(*args, cache=True) == cached, args  # and warm again


@pytest.fixture
def _machine(plan_text, monkeypatch, tmp_path):
    monkeypatch.setenv("DANGJIAN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DANGJIAN_JOBS", "1")
    CacheEqualsPlain.plan = plan_text


def test_cached_validate_equals_no_cache_after_every_edit(_machine) -> None:
    from hypothesis.stateful import run_state_machine_as_test

    options = dict(deadline=None, database=None, suppress_health_check=list(HealthCheck))
    if FUZZ:
        chosen = settings(max_examples=FUZZ, stateful_step_count=25, derandomize=False, **options)
    else:
        chosen = settings(max_examples=5, stateful_step_count=8, derandomize=True, **options)
    run_state_machine_as_test(CacheEqualsPlain, settings=chosen)
