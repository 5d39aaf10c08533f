"""Big inputs: `kpversion diff` on 1 MB and 5 MB pairs, and its refusal of a 10 MB pair, against
`git diff --no-index --word-diff=porcelain` on the same files; time and peak memory of each
process, as ratios. Below the limit time and memory should grow linearly with the size (the
per-MB columns stay flat); above it, the refusal is immediate and reads nothing whole.

Pairs are consecutive revisions of the GitHub privacy statement (corpus), concatenated until
the size is reached, so the changes are real edits spread through the text.

    .venv/bin/python bench/size_bench.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_paths import CORPUS as SHARED_CORPUS

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from kpversion.limits import MAX_TEXT_BYTES  # noqa: E402

CORPUS = SHARED_CORPUS / "github-site-policy" / "privacy-statement"
KPVERSION = Path(sys.executable).with_name("kpversion")
SIZES = (1_000_000, MAX_TEXT_BYTES - 100_000, 10_000_000)


def pair(size: int) -> tuple[str, str]:
    """old: revisions 1, 2, 3, ... concatenated; new: revisions 2, 3, 4, ...; about size bytes."""
    manifest = json.loads((CORPUS / "manifest.json").read_text("utf-8"))
    texts = [(CORPUS / entry["file"]).read_text("utf-8") for entry in manifest]
    old: list[str] = []
    new: list[str] = []
    index = 0
    while sum(len(t) + 2 for t in new) < size:
        old.append(texts[index % (len(texts) - 1)])
        new.append(texts[index % (len(texts) - 1) + 1])
        index += 1
    return "\n\n".join(old)[:size], "\n\n".join(new)[:size]


def measure(args: list[str]) -> tuple[float, float, int]:
    """Seconds, peak resident memory in MB, and exit status of one process."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, child.returncode


def main() -> None:
    print(f"{'pair':>10} {'kpversion':>10} {'git':>8} {'ratio':>6} {'s/MB':>6} "
          f"{'kp MB':>7} {'git MB':>7} {'MB/MB':>6}  exit")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            old, new = pair(size)
            a, b = Path(folder) / "old.md", Path(folder) / "new.md"
            a.write_text(old, "utf-8")
            b.write_text(new, "utf-8")
            ours = measure([str(KPVERSION), "diff", str(a), str(b), "--format", "json"])
            theirs = measure(["git", "diff", "--no-index", "--word-diff=porcelain", str(a), str(b)])
            megabytes = size / 1_000_000
            print(f"{megabytes:>8.1f}MB {ours[0]:>9.2f}s {theirs[0]:>7.2f}s "
                  f"{ours[0] / theirs[0]:>6.1f} {ours[0] / megabytes:>6.2f} {ours[1]:>7.0f} "
                  f"{theirs[1]:>7.0f} {ours[1] / megabytes:>6.0f}  {ours[2]}"
                  f"{' (refused: over the limit)' if ours[2] == 1 else ''}")  # fmt: skip


if __name__ == "__main__":
    main()
