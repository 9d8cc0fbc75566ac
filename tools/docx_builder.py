"""A small vocabulary for writing the Word templates: title, headings, paragraphs, looped tables."""

from __future__ import annotations

from pathlib import Path

from docx_layout import SUBTITLE_STYLE, add_row, new_document, table

NOTICE = ("{%p if masked %}", "本文件由 dangjian 根据台账生成。身份证号、手机号已打码（前6后4、前3后4）。", "{%p else %}",
          "本文件含未打码的身份证号、手机号，属个人敏感信息，请妥善保管，用后删除，不要上传到互联网。", "{%p endif %}")


class Builder:
    def __init__(self, landscape: bool = False) -> None:
        self.doc = new_document(landscape)
        self.landscape = landscape

    def title(self, text: str = "{{ title }}") -> None:
        self.doc.add_paragraph(text, style="Title")

    def subtitle(self, text: str) -> None:
        self.doc.add_paragraph(text, style=SUBTITLE_STYLE)

    def h1(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Heading 1")

    def h2(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Heading 2")

    def p(self, *texts: str) -> None:
        for text in texts:
            self.doc.add_paragraph(text)

    def table(self, headers: list[str], widths: list[float], loop: str, cells: list[str],
              small: bool = False) -> None:
        """Header row (repeated on each page), then one row per item of `loop` ("m in meetings")."""
        made, twips = table(self.doc, headers, widths, self.landscape, small)
        add_row(self.doc, made, [f"{{%tr for {loop} %}}"] + [""] * (len(headers) - 1), twips, small)
        add_row(self.doc, made, cells, twips, small)
        add_row(self.doc, made, ["{%tr endfor %}"] + [""] * (len(headers) - 1), twips, small)

    def notice(self) -> None:
        self.p(*NOTICE)

    def save(self, folder: Path, name: str) -> None:
        self.doc.save(str(folder / name))


FINDINGS = (["级别", "问题", "位置", "依据"], [3, 17, 9, 13],
            "f in findings", ["{{ f.severity }}", "{{ f.message }}", "{{ f.file }} 第{{ f.line }}行", "{{ f.clauses }}"])
