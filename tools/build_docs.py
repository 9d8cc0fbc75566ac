"""Refresh the generated parts of the docs (a test fails when they are stale)."""

from __future__ import annotations

import re
from pathlib import Path

from dangjian.schemas_gen import field_tables

ROOT = Path(__file__).resolve().parent.parent
START = "<!-- 字段表开始：由 dangjian.schemas_gen.field_tables() 生成，请勿手改 -->"
END = "<!-- 字段表结束 -->"


def refreshed(text: str) -> str:
    return re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: f"{START}\n\n{field_tables()}\n{END}",
                  text, flags=re.S)


if __name__ == "__main__":
    path = ROOT / "docs" / "records.md"
    path.write_text(refreshed(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(path.name)
