"""The variable tables of docs/templates.md, generated from the declarations of each report kind.

    python -m dangjian.report.docs docs/templates.md    # rewrite the generated part
"""

from __future__ import annotations

import sys
from pathlib import Path

from dangjian.report.kinds import KINDS
from dangjian.report.spec import COMMON, SUMMARY, table

START = "<!-- 变量表开始：由 dangjian.report.docs 生成，请勿手改 -->"
END = "<!-- 变量表结束 -->"


def variables_markdown() -> str:
    out = ["### 每种报告都有的变量", "", "| 变量 | 说明 |", "|---|---|", *table(COMMON), ""]
    for kind in KINDS.values():
        own = {k: v for k, v in kind.variables.items() if k not in COMMON}
        out += [f"### {kind.name}：{kind.title}", "", f"{kind.description}。模板文件：`{kind.name}.md.j2`、"
                f"`{kind.name}.docx`。", "", "| 变量 | 说明 |", "|---|---|", *table(own), ""]
    own = {k: v for k, v in SUMMARY.items() if k not in COMMON}
    out += ["### 街道汇总（--all）", "", "各种报告共用 `summary.md.j2`、`summary.docx`；某种报告可另写 "
            "`<种类>-summary.md.j2`、`<种类>-summary.docx`。`org` 为空。", "", "| 变量 | 说明 |", "|---|---|",
            *table(own), ""]
    return "\n".join(out)


def replace_block(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n\n{variables_markdown()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else Path("docs/templates.md")
    path.write_text(replace_block(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
