"""Record text goes into Markdown reports as text, never as Markdown or HTML (issue 15, item 14).

GitLab and editors render the reports, so an organisation name with `<script>`, a topic with
`|` or a member name with `*`, `[`, or a line break must not become HTML, a table cell, a
heading or a link. Ordinary text (Chinese, dates, 1~3月, A&B, masked numbers) is unchanged,
which the report goldens check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_report_fixture import report_repo

from dangjian.report.sandbox import md_cell, md_text

markdown_it = pytest.importorskip("markdown_it")


def parser():
    return markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])


@pytest.mark.parametrize(("text", "escaped"), [
    ("<script>alert(1)</script>", "\\<script>alert(1)\\</script>"),
    ("a|b", "a\\|b"),
    ("*粗体* _斜体_ `代码`", "\\*粗体\\* \\_斜体\\_ \\`代码\\`"),
    ("[链接](http://x) ![图](y)", "\\[链接\\](http://x) !\\[图\\](y)"),
    ("第一行\n# 假标题\r\n第三行", "第一行<br># 假标题<br>第三行"),
    ("# 标题", "\\# 标题"),
    ("- 列表", "\\- 列表"),
    ("> 引用", "\\> 引用"),
    ("1. 编号", "1\\. 编号"),
    ("~~删除~~", "\\~\\~删除\\~\\~"),
    ("&lt; &#60;", "\\&lt; \\&#60;"),
    ("a\\b", "a\\\\b"),
    # ordinary text stays as it is
    ("中共城南街道幸福社区支部委员会", "中共城南街道幸福社区支部委员会"),
    ("学习贯彻党的二十届四中全会精神 & “邻里守望”志愿服务", "学习贯彻党的二十届四中全会精神 & “邻里守望”志愿服务"),
    ("1~3月 95.0% 2026-10-31 a > b", "1~3月 95.0% 2026-10-31 a > b"),
    ("153****8637 339902********4321", "153****8637 339902********4321"),
])
def test_md_text(text: str, escaped: str) -> None:
    assert md_text(text) == escaped


def test_md_cell_trims_and_escapes() -> None:
    assert md_cell("  a|b\nc  ") == "a\\|b<br>c"
    assert md_cell(None) == ""


PIECES = list("王建国党支部 abcXYZ019") + list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + [
    "&lt;", "&#60;", "<br>", "<b>", "**", "~~", "    ", "1. ", "- ", "http://x.cn"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


@given(TEXT)
def test_any_text_renders_as_that_text(text: str) -> None:
    """Whatever the value, rendered Markdown shows one paragraph with exactly its characters."""
    text = text.strip()
    if not text or re.search(r"\d\*+\d", text):  # masked-number stars are deliberately kept
        return
    tokens = parser().parse(md_text(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children
    assert {c.type for c in children} <= {"text", "softbreak"}
    assert "".join(c.content for c in children) == text


HOSTILE = "<script>alert(1)</script>|*粗*[链](http://x)\\n# 假标题 ~~删~~ `码` &lt;"


def _hostile_repo(tmp_path: Path, hostile: bool, member: bool = True) -> Path:
    """The report fixture; hostile: names and a topic full of Markdown and HTML (the member's name
    only with `member`: a name with a line break also brings a name-inner-space finding)."""
    repo = report_repo(tmp_path / ("hostile" if hostile else "plain"))
    if hostile:
        for rel, old in (("B1/branch.yaml", "名称: 中共测试社区支部委员会"), ("B1/branch.yaml", "简称: 测试社区党支部"),
                         ("B1/members.yaml", "姓名: 周建华"), ("B1/meetings/2026.yaml", "主题: 研究第四季度工作"),
                         ("dangjian.yaml", "组织名称: 中共测试街道工作委员会")):
            if rel.endswith("members.yaml") and not member:
                continue
            path = repo / rel
            text = path.read_text(encoding="utf-8")
            assert old in text
            key = old.split(":")[0]
            path.write_text(text.replace(old, f'{key}: "{old.split(": ")[1]}{HOSTILE}"', 1), encoding="utf-8")
    return repo


def _blocks(markdown: str) -> list[str]:
    """The block structure of a Markdown document: headings, paragraphs, tables and their cells."""
    return [t.type + (f":{t.tag}" if t.type.endswith("_open") else "") for t in parser().parse(markdown)
            if t.type != "inline"]


@pytest.mark.parametrize("kind", ["monthly", "roster", "meetings", "branch-archive"])
def test_hostile_names_keep_the_report_structure(cli, tmp_path: Path, kind: str) -> None:
    documents = {}
    for hostile in (False, True):
        repo = _hostile_repo(tmp_path, hostile)
        out = tmp_path / f"out-{hostile}-{kind}"
        result = cli("report", kind, repo, "--branch", "B1", "--format", "md", "-o", out,
                     *(["--month", "2026-10"] if kind == "monthly" else []))
        assert result.exit_code == 0, result.stdout + result.stderr
        [path] = list(out.rglob("*.md"))
        documents[hostile] = path.read_text(encoding="utf-8")
    plain, hostile = documents[False], documents[True]
    assert _blocks(hostile) == _blocks(plain)  # no new heading, table, cell, list or HTML block
    html = parser().render(hostile)
    assert "<script>" not in html and "<a " not in html and "<em>" not in html and "<code>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "假标题" in hostile


@pytest.mark.parametrize("args", [
    ["schedule", "{repo}", "--year", "2026", "--all", "-f", "md"],
    ["dues", "summary", "--year", "2026", "{repo}", "--format", "md"],
    ["assess", "{repo}", "-f", "md"],
    ["rollup", "{out}/assess.json", "-o", "{out}/rollup"],
], ids=["schedule", "dues-summary", "assess", "rollup"])
def test_other_markdown_outputs_write_names_as_text(cli, tmp_path: Path, args: list[str]) -> None:
    documents = {}
    for hostile in (False, True):
        repo = _hostile_repo(tmp_path / str(hostile), hostile, member=False)
        out = tmp_path / f"out-{hostile}"
        out.mkdir()
        assert cli("assess", repo, "-f", "json", "-o", out / "assess.json").exit_code in (0, 1)
        result = cli(*[a.format(repo=repo, out=out) for a in args])
        assert result.exit_code in (0, 1), result.stdout + result.stderr
        documents[hostile] = (out / "rollup" / "汇总.md").read_text(encoding="utf-8") if args[0] == "rollup" \
            else result.stdout
    plain, hostile = documents[False], documents[True]
    assert "假标题" in hostile
    assert _blocks(hostile) == _blocks(plain)
    html = parser().render(hostile)
    assert "<script>" not in html and "<a " not in html and "<em>" not in html and "<code>" not in html
