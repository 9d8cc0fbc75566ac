"""The text of a .docx in reading order: paragraphs, and tables as rows of cells separated by " | ".

Used for the golden files of Word reports (the XML itself changes with every library
version) and by `dangjian template check` to show where an error is.
"""

from __future__ import annotations

from pathlib import Path


def extract(path: Path | str) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(str(path))
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            table = Table(block, document)
            lines.append("[表格]")
            for row in table.rows:
                lines.append(" | ".join(cell.text.replace("\n", "／") for cell in _unique_cells(row)))
            lines.append("[表格结束]")
    for section in document.sections:
        for footer in (section.footer, section.even_page_footer):
            text = "".join(p.text for p in footer.paragraphs).strip()
            if text:
                lines.append(f"[页脚] {text}")
    return "\n".join(lines).rstrip("\n") + "\n"


def _unique_cells(row):
    """Merged cells appear once per grid column in python-docx; keep each once."""
    seen = []
    for cell in row.cells:
        if not any(cell._tc is s._tc for s in seen):
            seen.append(cell)
    return seen
