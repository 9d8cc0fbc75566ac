"""The assessment as a report: Markdown from templates/assessment.md.j2 and Word from
templates/assessment.docx, rendered through the reports machinery (dangjian.report.render:
sandboxed Jinja with a time limit; a record repository's templates/ may replace either file).
"""

from __future__ import annotations

from pathlib import Path

from dangjian.street.text import attention

TEMPLATE = "assessment"


def report_context(context: dict) -> dict:
    """The JSON context plus what a template needs to look things up (by id) and to list."""
    return {**context, "attention": attention(context), "branch_of": {b["id"]: b for b in context["branches"]},
            "masked": True}


def markdown(root: Path, context: dict) -> str:
    from dangjian.report import render, templates

    found = templates.find(root, TEMPLATE, "md")
    return render.markdown([p for p, _origin in templates.search_path(root)], found.name, report_context(context),
                           found.shown)


def word(root: Path, context: dict) -> bytes:
    from dangjian.report import render, templates

    found = templates.find(root, TEMPLATE, "docx")
    return render.docx(found.path, report_context(context), found.shown)
