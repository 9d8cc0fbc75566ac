"""Build dangjian/data/strokes.json: the stroke data for sorting names 按姓氏笔画 (GF 3003-1999).

Inputs (neither is needed at run time; only the extracted table is shipped):

- the npm package `cnchar-order` (MIT, © theajack), fetched with `npm pack cnchar-order`:
  stroke sequences of 6 939 characters as letters;
- `Unihan_IRGSources.txt.bz2` from Unicode (Debian package `unicode-data`): kTotalStrokes,
  the stroke count of every CJK character, for characters that cnchar-order lacks.

Usage:
    python tools/build_stroke_table.py cnchar-order-3.2.6.tgz Unihan_IRGSources.txt.bz2

The table keeps the five stroke classes of GF 3003-1999 only: 1 横 (提 counts as 横), 2 竖
(竖钩 counts as 竖), 3 撇, 4 点 (捺 counts as 点), 5 折 (every other turning stroke).
"""

from __future__ import annotations

import bz2
import json
import re
import sys
import tarfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "dangjian" / "data" / "strokes.json"
# cnchar-order letters → GF 3003 classes. d is ㇀ "点2", written like 提: 横 (as the shared notes say).
CLASSES = {"j": "1", "i": "1", "d": "1", "f": "2", "g": "2", "s": "3", "k": "4", "l": "4"}
# Basic block of CJK Unified Ideographs, where almost every name character lives.
BLOCK = (0x4E00, 0x9FFF)


def read_cnchar(tgz: Path) -> tuple[dict[str, str], str, str]:
    with tarfile.open(tgz) as archive:
        source = archive.extractfile("package/cnchar.order.min.js").read().decode("utf-8")
        licence = archive.extractfile("package/LICENSE").read().decode("utf-8")
        version = json.loads(archive.extractfile("package/package.json").read())["version"]
    match = re.search(r"JSON\.parse\('((?:[^'\\]|\\.)*)'\)", source)
    if match is None:
        raise SystemExit("cnchar-order: stroke table not found in cnchar.order.min.js")
    # The JavaScript string literal holds plain JSON (no backslashes in this version); undo \x27 just in case.
    letters = json.loads(match.group(1).replace("\\'", "'"))
    return letters, licence, version


def read_unihan(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with bz2.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if "\tkTotalStrokes\t" in line:
                code, _, value = line.rstrip("\n").split("\t")
                # The first value is the preferred count for zh-Hans (范: "8 9").
                counts[chr(int(code[2:], 16))] = int(value.split()[0])
    return counts


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    letters, licence, version = read_cnchar(Path(argv[0]))
    unihan = read_unihan(Path(argv[1]))
    order = {char: "".join(CLASSES.get(c, "5") for c in seq) for char, seq in sorted(letters.items())
             if len(char) == 1 and seq}
    # One character per code point of the block: chr(48 + count), "0" when Unihan has no count.
    counts = "".join(chr(48 + unihan.get(chr(cp), 0)) for cp in range(BLOCK[0], BLOCK[1] + 1))
    table = {
        "about": "姓氏笔画排序用的笔画数据（GF 3003-1999 五种笔形：1横 2竖 3撇 4点 5折）。"
                 f"笔顺取自 npm 包 cnchar-order {version}（MIT 许可，见 order_licence）；"
                 "笔画数取自 Unicode Unihan 数据库 kTotalStrokes（Unicode 许可），用于笔顺表中没有的字。"
                 "由 tools/build_stroke_table.py 生成，请勿手改。",
        "order_source": f"cnchar-order {version} (https://github.com/theajack/cnchar)",
        "order_licence": licence,
        "counts_source": "Unicode 15.0 Unihan_IRGSources.txt, kTotalStrokes (https://www.unicode.org/license.txt)",
        "counts_first": BLOCK[0],
        "counts": counts,
        "order": order,
    }
    OUT.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(order)} stroke sequences, {sum(c != '0' for c in counts)} stroke counts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
