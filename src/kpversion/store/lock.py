"""Locks: one writer at a time per statement (`.publish.lock`) and per git repository (around
every git step of a publish or its recovery), and who that writer is.

A lock is the operating system's (`flock` on POSIX, `LockFileEx` on Windows, through
`filelock`): the kernel drops it when its process dies, however it dies (SIGKILL, the OOM
killer, a power cut). So no lock is ever stale, a PID reused by another process means nothing,
and taking over an abandoned lock cannot race: there is nothing to take over. Who holds a lock
is written beside it (`<lock>.owner`: pid and host) for the message a second process shows,
and is never trusted for anything else.

The lock file is removed while still held, just before it is released; a process that was
waiting then holds a file no longer in the folder, which `filelock` notices and retries on the
new one, so a released lock leaves nothing in the folder.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kpversion.errors import StoreError
from kpversion.store import atomic, files
from kpversion.store.crashpoints import crashpoint
from kpversion.store.layout import LOCK, OWNER

GIT_WAIT = 120.0
"""Seconds a publish waits for another kpversion to finish its git step in the same repository."""


@dataclass(frozen=True)
class Owner:
    """The process that says it holds a lock (read from `<lock>.owner`; diagnostics only)."""

    pid: int
    host: str

    def __str__(self) -> str:
        return f"pid {self.pid} on {self.host}"

    @classmethod
    def me(cls) -> Owner:
        return cls(os.getpid(), socket.gethostname())

    @classmethod
    def read(cls, path: Path) -> Owner | None:
        try:
            text = files.read_text(path, path.parent)
            pid, host = text.split(" ", 1)
            return cls(int(pid), host.strip())
        except (OSError, ValueError, StoreError):
            return None


def owner_path(lock: Path) -> Path:
    return lock.with_name(f"{lock.name}{OWNER}")


class LockBusy(StoreError):
    """A live process held the lock when it was asked for."""


@contextlib.contextmanager
def hold(lock: Path, busy: str, display: str, timeout: float = 0) -> Iterator[None]:
    """Hold lock for the block; after timeout seconds (0: at once) raise StoreError saying
    `busy` and who holds it. display names the lock in that message."""
    import filelock

    file_lock = filelock.FileLock(str(lock), timeout=timeout)
    try:
        file_lock.acquire()
    except filelock.Timeout:
        owner = Owner.read(owner_path(lock))
        who = f" ({owner})" if owner else ""
        raise LockBusy(f"{busy}{who}; try again when it ends", display) from None
    except OSError as exc:
        problem = f"cannot take the lock ({exc.strerror or exc})"
        raise StoreError(problem, display) from None
    try:
        _write_owner(lock)
        crashpoint("lock taken")
        yield
    finally:
        # Windows refuses to remove an open file; there the lock file stays, which is harmless.
        for path in (owner_path(lock), lock):
            with contextlib.suppress(OSError):
                os.unlink(path)
        file_lock.release()


def _write_owner(lock: Path) -> None:
    me = Owner.me()
    with contextlib.suppress(OSError):  # only a message would miss it; the lock is held
        atomic.write_bytes(owner_path(lock), f"{me.pid} {me.host}\n".encode())


def held(lock: Path) -> bool:
    """Whether a live process, this one included, holds lock now."""
    if not lock.exists():
        return False
    import filelock

    probe = filelock.FileLock(str(lock), timeout=0)
    try:
        probe.acquire()
    except filelock.Timeout:
        return True
    except OSError:
        return False
    probe.release()
    return False


def statement_lock(folder: Path) -> Path:
    return folder / LOCK


def held_here(folder: Path) -> bool:
    """Whether a live process holds the folder's publish lock.

    A lock file copied or committed into a tree is only a file: no process holds it, so it
    never makes a check skip anything."""
    return held(statement_lock(folder))


PEER_WAIT = 5.0
"""Seconds a publish waits for its statement's lock. Every command that opens the store takes
each lock file it finds for a moment, to prove whether a publish is running or was abandoned
(`held`, `transaction.recover_if_abandoned`): that moment must not make a publish of that
statement fail. A lock still held after the wait is held by another publish."""


@contextlib.contextmanager
def statement_locked(folder: Path, display: str, timeout: float = 0) -> Iterator[None]:
    """Hold the statement's publish lock, waiting up to timeout seconds (0: a probe, which
    never waits), or raise StoreError naming who holds it."""
    lock = statement_lock(folder)
    with hold(lock, "another publish is running", f"{display}/{LOCK}", timeout):
        yield


@contextlib.contextmanager
def repository_locked(git_dir: Path, display: str) -> Iterator[None]:
    """Hold the repository's kpversion lock around a git step; waits up to GIT_WAIT seconds.

    Two publishes of different statements share git's index: without it, one could commit or
    reset what the other staged."""
    busy = "another kpversion is committing in this repository"
    with hold(git_dir / "kpversion.lock", busy, display, GIT_WAIT):
        yield


def sweep_temps(folder: Path) -> None:
    """Remove the temporary files that atomic writes of the lock's owner record left behind
    when killed (a new write never reuses their names)."""
    for tmp in folder.glob(f".{LOCK}{OWNER}.*.tmp"):
        atomic.remove(tmp)
