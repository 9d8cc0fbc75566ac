"""Personal data and safe names: what a repository may hold in plain sight.

Generated documents (Markdown, CSV, Word, Excel) committed to the record repository must not
carry unmasked ID or mobile numbers; those belong in members.yaml or, better, in the
git-ignored members.private.yaml. Ids become file names in reports, so they must be plain.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from io import BytesIO

from dangjian.findings import Problem, Severity
from dangjian.located import Loc
from dangjian.privacy import find_unmasked
from dangjian.rules.registry import rule

SAFE_ID = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z\u4e00-\u9fff_-]{0,63}$")
_XML_TEXT = re.compile(r"<[^>]+>")


def _document_text(rel: str, data: bytes) -> str:
    if rel.lower().endswith((".docx", ".xlsx")):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                parts = [n for n in archive.namelist() if n.endswith(".xml")
                         and (n.startswith("word/") or n.startswith("xl/"))]
                return "\n".join(_XML_TEXT.sub(" ", archive.read(n)[:20_000_000].decode("utf-8", "replace"))
                                 for n in parts)
        except (zipfile.BadZipFile, OSError, ValueError):
            return ""
    return data.decode("utf-8", "replace")


@rule("unmasked-personal-number", Severity.ERROR, (), scope="repo", category="隐私", needs_roster=False)
def unmasked_personal_number(repo, ctx) -> Iterator[Problem]:
    """记录库中生成的文件（Markdown、CSV、Word、Excel 等）不能含有未打码的身份证号和手机号。

    通过：
      | 姓名 | 身份证号 |
      | 周建华 | 330102********0012 |
    违反：
      | 周建华 | 330102197204180012 |
    """
    source = repo.source
    for rel in repo.documents():
        try:
            text = _document_text(rel, source.read(rel))
        except OSError:
            continue
        docx = rel.lower().endswith((".docx", ".xlsx"))
        for line, col, kind, number in find_unmasked(text):
            where = Loc(rel) if docx else Loc(rel, line, col)
            yield Problem(where, f"文件中有未打码的{kind}“{number}”：生成给他人看的文件应打码"
                                 "（身份证号前6后4、手机号前3后4），或不要提交到记录库", key=f"{kind}@{line}")


@rule("unsafe-id", Severity.ERROR, (), category="格式", needs_roster=False)
def unsafe_id(branch, ctx) -> Iterator[Problem]:
    """党组织和党员的编号只用字母、数字、汉字、短横线和下划线（编号会用作报告的文件名）。

    通过：
      编号: CN01-001
    违反：
      编号: ../../etc
    """
    info = branch.info
    if info and info.id and not SAFE_ID.match(info.id):
        yield Problem(info.at("id"), f"党组织编号“{info.id}”含有不能用于文件名的字符（如 / \\ . 空格），"
                                     "请只用字母、数字、汉字、短横线和下划线", key=info.id)
    for member in branch.members:
        if member.id and not SAFE_ID.match(member.id):
            yield Problem(member.at("id"), f"党员编号“{member.id}”含有不能用于文件名的字符，"
                                           "请只用字母、数字、汉字、短横线和下划线", key=member.id)
