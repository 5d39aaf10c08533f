"""Where the benchmarks find ../shared (or $KPVERSION_SHARED): one place for every bench script."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KPVERSION_SHARED") or REPO.parent / "shared")
CORPUS = SHARED / "corpus"
