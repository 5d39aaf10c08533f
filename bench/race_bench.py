"""Publishes of different statements in one repository at once, many rounds.

Each round edits every statement's draft and releases that many forked publishes together.
A round survives when every publish succeeds, nothing is left staged or untracked, and the
tree verifies. Prints tried / survived / lost for 2 and for 5 at once.

    .venv/bin/python bench/race_bench.py [--rounds N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.race_tree import FIRST, index_is_clean, publish_at_once, race_repo  # noqa: E402

from kpversion import Store  # noqa: E402
from kpversion.store.verify import verify_store  # noqa: E402


def git_repo(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for args in (["init", "-q", "-b", "main"], ["config", "user.name", "Bench"],
                 ["config", "user.email", "bench@example.org"]):  # fmt: skip
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)
    return folder


def rounds(at_once: int, count: int, scratch: Path) -> tuple[int, list[str]]:
    root = scratch / f"repo-{at_once}"
    slugs = race_repo(root, git_repo, at_once)
    survived, lost = 0, []
    for number in range(1, count + 1):
        errors = publish_at_once(root, slugs, FIRST + dt.timedelta(days=number))
        clean = index_is_clean(root)
        verified = not verify_store(Store(root)).problems
        if not errors and clean and verified:
            survived += 1
        else:
            lost.append(
                f"round {number}: {errors or ('index not clean' if not clean else 'verify')}"
            )
    return survived, lost


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for at_once in (2, 5):
            survived, lost = rounds(at_once, args.rounds, Path(folder))
            print(f"{at_once} publishes at once: tried {args.rounds} / survived {survived} / "
                  f"lost {args.rounds - survived}")  # fmt: skip
            for line in lost[:5]:
                print(f"  lost {line}")


if __name__ == "__main__":
    main()
