"""street/: how the street's own records load, and that the regional rules judge only what they
may: nothing without street/, nothing for a period still running, nothing from an unreadable file."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import AS_OF, BASE, EXAMPLE_STREET, write_tree
from dangjian.engine import run
from dangjian.loader import load_repository

RECORDS = EXAMPLE_STREET
STREET_RULES = {"joint-meeting-quarterly", "joint-life-meeting", "mutual-review", "community-joint-meeting", "circle-visit-monthly",
                "leader-visit-monthly", "partner-member-duties", "partner-three-ones", "project-needs-resources",
                "street-references", "certification-steps", "model-branch-exclusions", "weak-branch-rectified",
                "decertify-weak"}
LEADER = "名称: 测试街道党工委\n记录起始: 2026-01-01\n班子成员:\n  - {姓名: 赵明远, 联系点: [B1]}\n"


def visits(months) -> str:
    return "走访:\n" + "".join(f"  - {{日期: 2026-{m:02d}-12, 班子成员: 赵明远, 联系点: B1}}\n" for m in months)


def repo_with(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    return write_tree(root, files)


def findings(root: Path, as_of: dt.date = AS_OF, rules=None) -> list[str]:
    return [f"{f.loc.path}:{f.loc.line} {f.rule}" for f in run(load_repository(root), as_of, select=rules)]


def test_a_repository_without_street_has_no_street_records() -> None:
    assert load_repository(BASE).street is None


def test_street_files_are_read_and_strays_reported(tmp_path: Path) -> None:
    root = repo_with(tmp_path, {"street/street.yaml": LEADER, "street/visits/2026.yaml": visits(range(1, 10)),
                                "street/notes.yaml": "备注: 随手记\n",
                                "street/visits/2025.yaml": "走访:\n  - {日期: 2026-01-05, 班子成员: 赵明远, 联系点: B1}\n"})
    repo = load_repository(root)
    assert repo.street.info.leaders[0].contacts == ["B1"]
    assert len(repo.street.visits) == 10
    assert findings(root) == ["street/notes.yaml:1 unknown-file", "street/visits/2025.yaml:2 record-year-mismatch"]


def test_an_unreadable_street_file_hides_nothing_else_and_is_not_judged(tmp_path: Path) -> None:
    root = repo_with(tmp_path, {"street/street.yaml": LEADER, "street/visits/2026.yaml": "走访:\n  - {日期: [\n"})
    assert findings(root) == ["street/visits/2026.yaml:3 yaml-syntax"]


def test_a_month_still_running_is_never_judged(tmp_path: Path) -> None:
    root = repo_with(tmp_path, {"street/street.yaml": LEADER, "street/visits/2026.yaml": visits(range(1, 4))})
    assert findings(root, dt.date(2026, 4, 30), STREET_RULES) == []
    assert findings(root, dt.date(2026, 5, 1), STREET_RULES) == ["street/visits/2026.yaml:1 leader-visit-monthly"]


def test_regional_cadences_belong_to_the_xz_profile(tmp_path: Path) -> None:
    root = repo_with(tmp_path, {"street/street.yaml": LEADER})
    assert len(findings(root, rules=STREET_RULES)) == 9  # January to September 2026
    config = root / "dangjian.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("规则集: xz", "规则集: national"), encoding="utf-8")
    assert findings(root, rules=STREET_RULES) == []


def test_the_example_street_shows_the_regional_rules_working(tmp_path: Path) -> None:
    street = tmp_path / "records"
    shutil.copytree(RECORDS, street)
    path = street / "street" / "visits" / "2026.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    march = [i for i, line in enumerate(lines) if "2026-03-" in line and "联系点: CN05" in line]
    path.write_text("".join(x for i, x in enumerate(lines) if i not in march), encoding="utf-8")
    meetings = street / "street" / "meetings" / "2026.yaml"
    text = meetings.read_text(encoding="utf-8")
    meetings.write_text(text.replace("类型: [互学互检互评]", "类型: [专题会议]"), encoding="utf-8")
    got = findings(street, dt.date(2026, 10, 31), STREET_RULES)
    assert got == ["street/meetings/2026.yaml:1 mutual-review", "street/visits/2026.yaml:1 leader-visit-monthly"]


def test_every_street_key_is_described_in_the_records_doc() -> None:
    from dangjian import model
    from dangjian.schema import record_fields

    doc = (Path(__file__).resolve().parent.parent / "docs" / "records.md").read_text(encoding="utf-8")
    classes = (model.StreetFile, model.StreetLeader, model.ParkCircle, model.PartnersFile, model.PartnerUnit, model.Agreement,
               model.ListsFile, model.Need, model.Resource, model.Project, model.StreetMeetingsFile, model.StreetMeeting,
               model.UnitAbsence, model.VisitsFile, model.Visit, model.RegistrationsFile, model.Registration,
               model.DutyDone, model.EvaluationsFile, model.Evaluation, model.PublicJudgement, model.DepartmentOpinion,
               model.Step, model.WeakBranch)
    section = doc[doc.index("### street/"):doc.index("## 四、全部字段")]
    missing = [f"{cls.__name__}.{f.metadata['key']}" for cls in classes for f in record_fields(cls)
               if f.metadata["key"] not in section]
    assert missing == [], "describe these street/ keys in docs/records.md"
