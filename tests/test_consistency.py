"""One truth per figure: the same quantity, read from every output that shows it, is equal.

Each value is taken from what the user gets — the rendered report's JSON context, the CLI's JSON
output, the dashboard's HTML, the record files themselves — never from dangjian.figures, so that
an output computing a figure of its own makes this test fail. The example street is copied and
one member's 2025 training is removed so that "members short of training hours" is not zero.
"""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from conftest import EXAMPLE_STREET, needs_example_street
from dangjian.cli import app

RECORDS = EXAMPLE_STREET
AS_OF = "2026-11-22"  # after 记录截至 (2026-10-31): every output is taken on the same checking day
SHORT = "CN01-007"  # attends no training in 2025 in the copy

pytestmark = needs_example_street


@pytest.fixture(scope="module")
def street(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("street") / "records"
    shutil.copytree(RECORDS, root)
    trainings = root / "CN01" / "trainings" / "2025.yaml"
    text = trainings.read_text(encoding="utf-8")
    trainings.write_text(re.sub(rf"{SHORT},\s*|,\s*{SHORT}(?=\])", "", text), encoding="utf-8")
    assert SHORT not in trainings.read_text(encoding="utf-8")
    return root


def run(*args) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


def report_json(street: Path, out: Path, *args) -> dict[str, dict]:
    """Each JSON context the report command wrote, by organisation id (the summary under "合计")."""
    run("report", *args, street, "--all", "--format", "json", "-o", out)
    found = {}
    for path in out.glob("*.json"):
        context = json.loads(path.read_text(encoding="utf-8"))
        found["合计" if context.get("org") is None else context["org"]["id"]] = context
    return found


def bars(html: str, caption: str) -> dict[str, list[Decimal]]:
    """The values of a bar chart on a dashboard page: series in order, one value per month."""
    svg = next(s for s in html.split("<svg")[1:] if caption in s.split("</title>", 1)[0])
    values = [Decimal(v) for v in re.findall(r"<rect [^>]*><title>\d+月 ([\d.]+)", svg)]
    names = re.findall(r'class="tick">([^<]+)</text>', svg.split("</rect>")[-1])
    half = len(values) // len(names)
    return {name: values[k * half:(k + 1) * half] for k, name in enumerate(names)}


@pytest.fixture(scope="module")
def monthly(street, tmp_path_factory) -> dict[str, dict]:
    return report_json(street, tmp_path_factory.mktemp("monthly"), "monthly", "--month", "2026-10")


@pytest.fixture(scope="module")
def site(street, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    run("site", street, "-o", out, "--as-of", AS_OF)
    return out


def test_october_dues_agree_in_the_monthly_report_dues_summary_and_dashboard(street, monthly, site) -> None:
    summary = monthly["合计"]
    paid_column = summary["columns"].index("党费实交")
    report_paid = Decimal(summary["totals"][paid_column])
    report_due = sum(Decimal(c["dues"]["due"]) for key, c in monthly.items() if key != "合计" and c["dues"]["available"])
    table = json.loads(run("dues", "summary", street, "--year", "2026", "--month", "2026-10", "--format", "json",
                           "--as-of", AS_OF))
    chart = bars((site / "index.html").read_text(encoding="utf-8"), "各月党费（全街道")
    assert report_paid == Decimal("18385.54")  # what the members paid for October, as recorded
    assert Decimal(table["total"]["paid"]) == report_paid == chart["实收"][9]
    assert Decimal(table["total"]["due"]) == report_due == chart["应交"][9]
    for key, context in monthly.items():
        if key == "合计" or not context["dues"]["available"]:
            continue
        row = next(r for r in table["branches"] if r["name"] == context["org"]["short_name"])
        assert (row["due"], row["paid"], row["owed"]) == \
            (context["dues"]["due"], context["dues"]["paid"], context["dues"]["owed"]), key


def test_september_dues_agree_too(street, tmp_path_factory, site) -> None:
    """A month that has ended: 应交 is not zero, so the comparison means something."""
    contexts = report_json(street, tmp_path_factory.mktemp("september"), "monthly", "--month", "2026-09")
    due = sum(Decimal(c["dues"]["due"]) for key, c in contexts.items() if key != "合计" and c["dues"]["available"])
    table = json.loads(run("dues", "summary", street, "--year", "2026", "--month", "2026-09", "--format", "json",
                           "--as-of", AS_OF))
    chart = bars((site / "index.html").read_text(encoding="utf-8"), "各月党费（全街道")
    assert due > 0
    assert Decimal(table["total"]["due"]) == due == chart["应交"][8]
    assert Decimal(table["total"]["paid"]) == chart["实收"][8]


def test_members_short_of_training_hours_agree_in_assess_and_the_annual_report(street, tmp_path_factory) -> None:
    annual = report_json(street, tmp_path_factory.mktemp("annual"), "annual", "--year", "2025")
    assessed = json.loads(run("assess", street, "--year", "2025", "--format", "json", "--as-of", AS_OF))
    by_id = {b["id"]: b for b in assessed["branches"]}
    for key, context in annual.items():
        if key == "合计":
            continue
        assert by_id[key]["short_hours"] == context["training"]["below"], key
        assert Decimal(by_id[key]["average_hours"]) == Decimal(context["training"]["per_member"]), key
    assert assessed["totals"]["short_hours"] == sum(c["training"]["below"] for k, c in annual.items() if k != "合计")
    assert by_id["CN01"]["short_hours"] == 1  # the member whose training the copy removed
    # validate, the regulation's judge, finds the same members short (JG-20, pro-rated)
    found = json.loads(run("validate", street, "--format", "json", "--as-of", AS_OF))
    findings = found["findings"] if isinstance(found, dict) else found
    short = [f for f in findings if f["rule"] == "training-hours" and "2025年" in f["message"]]
    assert len(short) == assessed["totals"]["short_hours"]


def test_cn01_meetings_in_october_agree_in_the_monthly_report_assess_site_and_records(street, monthly, site) -> None:
    records = YAML(typ="safe").load((street / "CN01" / "meetings" / "2026.yaml").read_text(encoding="utf-8"))
    held = [m for m in records["会议"] if str(m["日期"]).startswith("2026-10")]
    assessed = json.loads(run("assess", street, "--year", "2026", "--format", "json", "--as-of", AS_OF))
    cn01 = next(b for b in assessed["branches"] if b["id"] == "CN01")
    page = bars((site / "branches" / "CN01.html").read_text(encoding="utf-8"), "各月会议次数")
    assert len(held) == 5
    assert len(monthly["CN01"]["meetings"]) == len(held) == cn01["meetings"][9] == page["会议"][9]
