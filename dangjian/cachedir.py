"""Where the cache lives: outside every record repository, chosen by the environment.

Its own module because both the cache and the output ledger (emit) need it, and the cache
imports the record types that themselves use emit."""

from __future__ import annotations

import os
from pathlib import Path


def default_dir() -> Path:
    if os.environ.get("DANGJIAN_CACHE_DIR"):
        return Path(os.environ["DANGJIAN_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "dangjian"
    return Path.home() / ".cache" / "dangjian"
