"""Benchmark `kpversion backfill` against `git log --follow -p` on the same repository.

The repository is built from the GitHub privacy statement's manifest (70 commits, two renames,
about 3.3 MB of revisions). `git log --follow -p` only reads the history; backfill reads it too,
then diffs and classifies every revision against the one before and writes revisions, notices,
records and the ledger. The ratio says what that costs.

    .venv/bin/python bench/backfill_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from shared_paths import CORPUS as SHARED_CORPUS

REPO = Path(__file__).resolve().parents[1]
CORPUS = SHARED_CORPUS / "github-site-policy" / "privacy-statement"
NEWEST = "Policies/privacy-policies/github-general-privacy-statement.md"
sys.path.insert(0, str(REPO))


def best_of(runs: int, job: Callable[[int], object]) -> tuple[float, float]:
    times = []
    for run in range(runs):
        start = time.perf_counter()
        job(run)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return 0
    from tests.corpus_repo import build_repo

    from kpversion import Store
    from kpversion.workflows.backfill import BackfillRequest, backfill

    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        build_repo(CORPUS, root / "upstream")

        def git_log(*options: str) -> Callable[[int], object]:
            command = ["git", "log", "--follow", *options, "-p", "--", NEWEST]
            return lambda _: subprocess.run(
                command, cwd=root / "upstream", check=True, capture_output=True
            )

        def kpversion_backfill(run: int) -> None:
            target = root / f"mine-{run}"
            Store.init(target)
            request = BackfillRequest(root / "upstream", NEWEST, "github-privacy")
            backfill(Store(target), request, dt.datetime.now(dt.UTC))
            shutil.rmtree(target)

        timings = {
            "git log --follow -p": best_of(runs, git_log()),
            # git's rename test misses the 2024 rewrite at 50%; at 10% it reaches all 70 commits.
            "git log --follow -M10% -p": best_of(runs, git_log("-M10%")),
            "kpversion backfill": best_of(runs, kpversion_backfill),
        }
    for name, (best, median) in timings.items():
        print(f"{name:<28} best {best * 1000:8.1f} ms  median {median * 1000:8.1f} ms")
    mine = timings["kpversion backfill"][0]
    for name in ("git log --follow -p", "git log --follow -M10% -p"):
        print(f"ratio backfill / {name}: {mine / timings[name][0]:.1f}x (best of {runs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
