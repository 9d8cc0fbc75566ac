"""The dashboard in a real headless Chromium: a screenshot of each page kind at a phone's and a
desktop's width, and no console error. Skipped when Chromium is not installed (CI needs the
Debian package `chromium`; see docs/assessment.md)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE_STREET

RECORDS = EXAMPLE_STREET
BROWSER = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed (apt-get install chromium)")
# Console messages Chromium writes with --enable-logging=stderr --v=0, and page errors.
PAGE_ERROR = re.compile(r"CONSOLE[:(]\d+|Uncaught|Failed to load resource|net::ERR_", re.I)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from dangjian.cli import app

    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(app, ["site", str(RECORDS), "-o", str(out), "--as-of", "2026-11-22"])
    assert result.exit_code == 0, result.output
    return out


def shoot(page: Path, png: Path, size: str, profile: Path) -> str:
    """Screenshot `page`; return what Chromium logged."""
    args = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
            f"--user-data-dir={profile}", f"--window-size={size}", f"--screenshot={png}", page.as_uri()]
    env = dict(os.environ, HOME=str(profile))
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr


@pytest.mark.parametrize("kind", ["index.html", "branches/CN02.html"])
@pytest.mark.parametrize("size", ["390,1800", "1280,2400"])
def test_page_renders_without_errors(site: Path, tmp_path: Path, kind: str, size: str) -> None:
    png = tmp_path / "shot.png"
    log = shoot(site / kind, png, size, tmp_path / "profile")
    errors = [line for line in log.splitlines() if PAGE_ERROR.search(line)]
    assert errors == []
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == tuple(int(n) for n in size.split(","))
    assert len(data) > 20_000, "a blank page compresses to almost nothing"
