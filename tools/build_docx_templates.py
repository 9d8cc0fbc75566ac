"""Build the Word templates in templates/*.docx (docxtpl: Jinja tags inside a .docx).

    python tools/build_docx_templates.py [OUTPUT_DIR]

The templates are ordinary Word documents that a 党务工作者 may open in Word or WPS, edit
and save into a record repository's templates/ folder. They are built here so that the
shipped ones are reproducible and reviewed as code; the page layout is in docx_layout.py.
Table rows repeat with `{%tr for … %}`; whole paragraphs come and go with `{%p if … %}`.
The variables are documented in docs/templates.md (the same as the Markdown templates').
Layout: docx_layout.py; vocabulary: docx_builder.py; content: docx_reports.py, docx_books.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import docx_books as books
import docx_reports as reports
from build_assessment_docx import assessment

OUT = Path(__file__).resolve().parent.parent / "templates"
TEMPLATES = {"monthly.docx": reports.monthly, "annual.docx": reports.annual, "summary.docx": reports.summary,
             "roster.docx": books.roster, "applicants.docx": books.applicants,
             "special-groups.docx": books.special_groups, "meetings.docx": books.meetings, "study.docx": books.study,
             "service.docx": books.service, "dues.docx": books.dues, "branch-archive.docx": books.branch_archive,
             "assessment.docx": assessment}


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    out.mkdir(parents=True, exist_ok=True)
    for name, build in TEMPLATES.items():
        build().save(out, name)
    print(f"{len(TEMPLATES)} 个 Word 模板已写入 {out.name}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
