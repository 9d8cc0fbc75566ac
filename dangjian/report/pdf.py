"""PDF through LibreOffice, when it is installed: a preview, not the document of record.

The shipped templates use a lines-only grid that LibreOffice lays out as Word and WPS do; a
user's own template may still have a character grid, which LibreOffice reads differently (a
16 pt character in two grid cells, 14 characters a line), so the conversion works on a copy
whose grid counts lines only. The 公文 fonts are usually not installed: the font names are
mapped to free fonts when they are present. LibreOffice runs with its own profile directory
so that parallel runs and CI do not share one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from dangjian.report.sandbox import ReportError

ALIASES = {"仿宋_GB2312": "AR PL SungtiL GB", "仿宋": "AR PL SungtiL GB", "楷体_GB2312": "AR PL KaitiM GB",
           "楷体": "AR PL KaitiM GB", "黑体": "Noto Sans CJK SC", "方正小标宋简体": "Noto Serif CJK SC",
           "宋体": "Noto Serif CJK SC"}
MISSING = ("未安装 LibreOffice（找不到 soffice 命令），无法生成 PDF；Word 文件已生成。"
           "如需 PDF，请安装 LibreOffice（如 apt-get install libreoffice-writer），或用 Word、WPS 打开后另存为 PDF")
SECONDS = 180
SYSTEM_FONTS = "/etc/fonts/fonts.conf"  # fontconfig's standard main file, included before our aliases


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _fonts_conf(folder: Path) -> Path:
    aliases = "".join(f'<alias binding="same"><family>{a}</family><prefer><family>{b}</family></prefer></alias>'
                      for a, b in ALIASES.items())
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f'<include ignore_missing="yes">{SYSTEM_FONTS}</include>{aliases}</fontconfig>',
                    encoding="utf-8")
    return conf


def _preview_copy(source: Path, target: Path) -> None:
    """The .docx with every document grid switched to `lines` (LibreOffice's reading of the
    28-character grid squeezes lines to 14 characters)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                text = re.sub(r'(<w:docGrid\b[^>]*?)w:type="linesAndChars"', r'\1w:type="lines"', text)
                data = text.encode("utf-8")
            new.writestr(item, data)


def convert(docx_files: list[Path], out_dir: Path) -> list[Path]:
    program = soffice()
    if program is None:
        raise ReportError(MISSING)
    made = []
    with tempfile.TemporaryDirectory(prefix="dangjian-pdf-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "FONTCONFIG_FILE": str(_fonts_conf(folder))}
        copies = []
        for docx in docx_files:
            copy = folder / docx.name
            _preview_copy(docx, copy)
            copies.append(copy)
        command = [program, "--headless", "--norestore", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--convert-to", "pdf", "--outdir", str(folder / "pdf"), *map(str, copies)]
        try:
            subprocess.run(command, env=env, capture_output=True, timeout=SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise ReportError(f"LibreOffice 转换 PDF 超过 {SECONDS} 秒仍未完成，已中止") from None
        for docx in docx_files:
            produced = folder / "pdf" / (docx.stem + ".pdf")
            if not produced.is_file():
                raise ReportError(f"LibreOffice 未能把 {docx.name} 转换为 PDF")
            target = out_dir / produced.name
            shutil.copyfile(produced, target)
            made.append(target)
    return made
