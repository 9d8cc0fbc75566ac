"""Report contexts: declared shape, plain data, the figures themselves, and graceful degradation."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from test_report_fixture import report_repo

from dangjian import calendar
from dangjian.context import RunContext
from dangjian.loader import load_repository
from dangjian.report import kinds, run
from dangjian.report.common import Source
from dangjian.report.docs import END, START, variables_markdown
from dangjian.report.spec import SUMMARY, shape_errors

DOCS = Path(__file__).resolve().parent.parent / "docs" / "templates.md"
PERIODS = {"month": calendar.month(2026, 10), "annual": calendar.whole(2026), "year": calendar.whole(2026),
           "year-or-month": calendar.whole(2026), "day": calendar.up_to(dt.date(2026, 10, 31))}


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return load_repository(report_repo(tmp_path_factory.mktemp("ctx")))


def context(repo, kind: str, branch: str = "B1", period=None) -> dict:
    report = kinds.KINDS[kind]
    source = Source(repo, period or PERIODS[report.period], RunContext.of(repo.config, root=repo.root))
    return report.build(source, repo.branch(branch))


@pytest.mark.parametrize("kind", list(kinds.KINDS))
@pytest.mark.parametrize("branch", ["B1", "B2"])
def test_contexts_hold_exactly_the_documented_variables(repo, kind: str, branch: str) -> None:
    built = context(repo, kind, branch)
    assert shape_errors(built, kinds.KINDS[kind].variables) == []
    assert json.loads(json.dumps(built, ensure_ascii=False)) == built  # plain data only


@pytest.mark.parametrize("kind", list(kinds.KINDS))
def test_street_summary_context(repo, kind: str) -> None:
    report = kinds.KINDS[kind]
    source = Source(repo, PERIODS[report.period], RunContext.of(repo.config, root=repo.root))
    contexts = [report.build(source, b) for b in repo.branches]
    summary = run.summary_context(source, report, contexts)
    assert shape_errors(summary, SUMMARY) == []
    assert all(len(row) == len(summary["columns"]) for row in [*summary["rows"], summary["totals"]] if row)


def test_no_variable_is_shadowed_by_a_dict_method() -> None:
    """Jinja looks up `x.items` as the dict method before the key: such keys would be unusable."""
    def keys(spec):
        for key, entry in spec.items():
            yield key
            if isinstance(entry, tuple):
                yield from keys(entry[1])

    for report in kinds.KINDS.values():
        assert not set(keys(report.variables)) & set(dir(dict)), report.name


def test_docs_list_the_variables_of_every_kind() -> None:
    text = DOCS.read_text(encoding="utf-8")
    block = text.split(START, 1)[1].split(END, 1)[0]
    assert block.strip() == variables_markdown().strip(), "run: python -m dangjian.report.docs docs/templates.md"


def test_monthly_figures(repo) -> None:
    c = context(repo, "monthly")
    assert c["members"] == {"total": 7, "full": 6, "probationary": 1, "joined": 0, "left": 0}
    first = c["meetings"][0]
    assert (first["expected"], first["present"], first["rate"]) == (7, 5, "71.4%")
    assert first["absent"] == [{"name": "田富", "reason": "外出务工（流动党员）"},
                               {"name": "田大利", "reason": "未记录出缺席"}]
    committee = c["meetings"][1]
    assert (committee["kinds"], committee["expected"], committee["present"]) == ("支委会", 3, 2)
    group = c["meetings"][2]
    assert (group["group"], group["expected"], group["rate"]) == ("第一党小组", 3, "100.0%")
    assert c["theme_day"]["held"] and c["theme_day"]["date_cn"] == "2026年10月10日"
    assert c["training"]["total_hours"] == "6.5" and c["training"]["member_hours"] == "21"
    # 记录截至 2026-10-31 is the checking day: October has not ended before it (as validate's dues
    # rules judge it), so its money received counts and nothing of it is due or owed yet.
    assert c["dues"]["due"] == "0.00" and c["dues"]["paid"] == "213.70" and c["dues"]["owed"] == "0.00"
    assert c["dues"]["arrears"] == [{"name": "田富", "months": "8月、9月", "amount": "156.00"}]
    assert "尚未全部结束" in c["dues"]["note"]
    september = context(repo, "monthly", period=calendar.month(2026, 9))
    assert september["dues"]["owed"] == "78.00" and not september["dues"]["note"]
    assert [(d["name"], d["status"]) for d in c["development"]] == [("白雪", "本月起可以办理"), ("丁一", "本月到期")]
    assert [(t["talker"], t["talkee"]) for t in c["talks"]] == [("周建华", "田大利"), ("陈丽", "于敏")]
    assert any(f["rule"] == "dues-unpaid" and f["file"] == "dues/2026.yaml" for f in c["findings"])
    assert c["next_month"]["label"] == "2026年11月"
    assert c["next_month"]["entries"][0]["what"] == "主题党日"
    assert c["next_month"]["entries"][0]["date_cn"] == "2026年11月10日"


def test_annual_figures(repo) -> None:
    c = context(repo, "annual")
    rows = {r["kind"]: r for r in c["cadences"]}
    assert (rows["支委会"]["required"], rows["支委会"]["held"]) == (10, 1)  # January to October
    assert rows["主题党日"]["missing"].startswith("1月、2月")
    assert c["election"]["status"] == "即将届满" and c["election"]["expires_cn"] == "2026年12月15日"
    assert c["dues"]["paid"] == "2655.00" and c["dues"]["remitted"] == "1200.00" and c["dues"]["balance"] == "1155.00"
    assert c["pipeline"]["applied"] == 1 and c["pipeline"]["standing_candidates"] == 1


def test_rosters(repo) -> None:
    roster = context(repo, "roster")
    assert [m["name"] for m in roster["members"]] == ["于敏", "田富", "田大利", "孙永福", "陈丽", "周建华", "曾小华"]
    assert [m["no"] for m in roster["members"]] == list(range(1, 8))
    groups = {g["name"]: [m["name"] for m in g["members"]] for g in context(repo, "special-groups")["groups"]}
    assert groups["老党员"] == ["孙永福"] and groups["流动党员"] == ["田富"] and groups["困难党员"] == ["田大利"]
    applicants = context(repo, "applicants")
    assert [a["name"] for a in applicants["candidates"]] == ["林森"]
    assert applicants["candidates"][0]["next_step"] == "支部大会讨论接收为预备党员"


def test_dues_book_and_archive(repo) -> None:
    dues = context(repo, "dues")
    yu = next(a for a in dues["accounts"] if a["name"] == "于敏")
    assert [m["text"] for m in yu["months"]][:3] == ["—", "—", "14.00"]
    assert dues["publication"][0]["label"] == "2026年度"
    archive = context(repo, "branch-archive")
    assert [c["session"] for c in archive["committees"]] == ["第二届", "第一届"]
    zhou = next(m for m in archive["members"] if m["name"] == "周建华")
    assert zhou["training_hours"] == "6.5" and zhou["meetings_attended"] == 5


def test_the_dues_book_shows_a_base_change_from_its_month(tmp_path) -> None:
    from test_report_fixture import DUES

    changed = DUES.replace('月交额: "42.00", 交纳:', '月交额: "42.00", 基数变动: [{月份: 7, 基数: "7200.00", 月交额: "108.00"}], 交纳:')
    assert changed != DUES
    dues = context(load_repository(report_repo(tmp_path, {"B1/dues/2026.yaml": changed})), "dues")
    row = next(a for a in dues["accounts"] if a["monthly"].startswith("42.00"))
    assert row["monthly"] == "42.00（7月起108.00）"
    assert [m["text"] for m in row["months"]][5:7] == ["42.00", "108.00"]


def test_an_error_in_the_figures_fails_the_report_loudly(repo, monkeypatch) -> None:
    """No fallback turns a programming error into approximate figures in an official report."""
    import dangjian.figures

    def broken(*args, **kwargs):
        raise TypeError("broken ledger")

    monkeypatch.setattr(dangjian.figures, "branch_ledger", broken)
    with pytest.raises(TypeError, match="broken ledger"):
        context(repo, "monthly")
    with pytest.raises(TypeError, match="broken ledger"):
        context(repo, "dues")


def test_a_year_without_a_dues_file_says_so(repo) -> None:
    c = context(repo, "monthly", "B2")
    assert not c["dues"]["available"] and c["dues"]["note"] == "未建立 2026 年党费账（dues/2026.yaml）"
