"""Regenerate dangjian/schemas/*.json from the model (tests fail when they are stale)."""

from pathlib import Path

from dangjian.schemas_gen import schema_texts

target = Path(__file__).resolve().parent.parent / "dangjian" / "schemas"
for name, text in schema_texts().items():
    (target / name).write_text(text, encoding="utf-8")
    print(name)
