"""The publish lock and the repository lock: the kernel's locks, with an owner record.

A lock held by a live process stops a second writer, naming it; the same lock dies with its
process however it is killed; a PID reused by another process holds nothing; and a takeover
never lets two processes hold a lock at once (bench/lock_bench.py runs it longer).
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kpversion import Store
from kpversion.errors import KpversionError, StoreError
from kpversion.site.build import build_site
from kpversion.store import lock, transaction
from kpversion.store.history import in_progress
from kpversion.workflows.publish import PublishRequest, publish

from .statement_repo import NOW, bundled_repo, edit_draft

SLUG = "privacy-statement"
HOLDER = """
import sys, time
from pathlib import Path
from kpversion.store import lock
folder = Path(sys.argv[1])
with lock.statement_locked(folder, folder.name):
    if len(sys.argv) > 2:
        (folder / ".publish-journal.json").write_text(sys.argv[2])
    print("holding", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def repo(tmp_path: Path, git_repo: Callable[[Path], Path]) -> Path:
    return bundled_repo(tmp_path, git_repo)


@pytest.fixture
def holder(repo: Path) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Start a process that holds the statement's lock (and, given one, writes a journal)."""
    started: list[subprocess.Popen[str]] = []

    def start(*journal: str) -> subprocess.Popen[str]:
        folder = repo / "statements" / SLUG
        child = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(folder), *journal],
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(child)
        assert child.stdout is not None and child.stdout.readline() == "holding\n"
        return child

    yield start
    for child in started:
        child.kill()
        child.wait()


def test_a_live_holder_stops_a_second_publish_and_is_named(
    repo: Path, holder: Callable[..., subprocess.Popen[str]]
) -> None:
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    child = holder()
    who = f"pid {child.pid} on {socket.gethostname()}"
    with pytest.raises(StoreError) as refused:
        publish(Store(repo), PublishRequest(SLUG, git=False), NOW)
    assert refused.value.message == (
        f"statements/{SLUG}/.publish.lock: another publish is running ({who}); "
        "try again when it ends"
    )


def test_the_lock_dies_with_its_process_when_killed(
    repo: Path, holder: Callable[..., subprocess.Popen[str]]
) -> None:
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    child = holder()
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert (repo / "statements" / SLUG / ".publish.lock").exists()  # the file, not the lock
    publish(Store(repo), PublishRequest(SLUG, git=False), NOW)
    assert not (repo / "statements" / SLUG / ".publish.lock").exists()


def test_a_lock_naming_a_live_process_does_not_hide_history_from_check(repo: Path) -> None:
    folder = repo / "statements" / SLUG
    (folder / ".publish.lock").write_text(f"1 {socket.gethostname()}\n")
    (folder / ".publish.lock.owner").write_text(f"1 {socket.gethostname()}\n")
    (folder / ".publish-journal.json").write_text("{}")
    assert not in_progress(folder)


def test_build_refuses_while_a_publish_holds_its_journal(
    repo: Path, holder: Callable[..., subprocess.Popen[str]], tmp_path: Path
) -> None:
    step = {"final": "ledger.jsonl", "sha256": "0" * 64, "existed": True}
    child = holder(json.dumps({"steps": [step], "git": None}))
    with pytest.raises(KpversionError) as refused:
        build_site(Store(repo), tmp_path / "site", NOW.date())
    assert refused.value.message == (
        f"statements/{SLUG}: a publish is in progress; the site is not built "
        "(build again when it ends)"
    )
    assert not (tmp_path / "site").exists()
    child.kill()
    child.wait()
    build_site(Store(repo), tmp_path / "site", NOW.date())  # the kill is recovered first
    assert (tmp_path / "site" / SLUG / "index.html").exists()


HOLD = 0.02


def _race(folder: Path, log: Path, barrier: multiprocessing.synchronize.Barrier) -> None:
    barrier.wait()
    try:
        with transaction.locked(folder, folder.name):
            entered = time.monotonic()
            time.sleep(HOLD)
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(f"{entered} {time.monotonic()}\n")
    except KpversionError:
        pass


@pytest.mark.slow
def test_taking_over_a_dead_processs_lock_never_gives_it_two_holders(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    folder = tmp_path / "statement"
    folder.mkdir()
    for number in range(40):
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)  # fmt: skip
        (folder / ".publish.lock").write_text(f"{dead.stdout.strip()} {socket.gethostname()}\n")
        log = tmp_path / f"holders-{number}.log"
        barrier = context.Barrier(4)
        racers = [context.Process(target=_race, args=(folder, log, barrier)) for _ in range(4)]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join()
        spans = sorted(tuple(map(float, line.split())) for line in log.read_text().splitlines())
        assert all(b[0] >= a[1] for a, b in itertools.pairwise(spans)), number


def test_held_is_true_only_while_a_process_holds_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "a.lock"
    assert not lock.held(path)
    with lock.hold(path, "busy", "a.lock"):
        assert lock.held(path)
        busy = rf"a.lock: busy \(pid {os.getpid()} on "
        with pytest.raises(StoreError, match=busy), lock.hold(path, "busy", "a.lock"):
            pass  # pragma: no cover
    assert not lock.held(path) and not path.exists()


FLICKER = """
import sys
from pathlib import Path
from kpversion.store import lock
folder = Path(sys.argv[1])
for _ in range(int(sys.argv[2])):
    with lock.statement_locked(folder, folder.name, 5.0):
        pass
"""


@pytest.mark.slow
def test_a_probe_of_a_lock_another_publish_holds_never_fails_the_prober(tmp_path: Path) -> None:
    """Every command probes the statements' locks for abandoned publishes. One held when it is
    probed is live, even if it is released a moment later: a publish of another statement
    once failed on it, because the prober asked again whether the lock was held and by then
    it no longer was."""
    folder = tmp_path / "other-statement"
    folder.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", FLICKER, str(folder), "150"])
    failures = []
    try:
        while holder.poll() is None:
            try:
                transaction.recover_if_abandoned(folder)
            except StoreError as exc:
                failures.append(str(exc))
    finally:
        holder.wait(timeout=60)
    assert holder.returncode == 0
    assert failures == []
