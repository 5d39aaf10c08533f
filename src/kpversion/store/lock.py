"""The publish lock of a statement folder: one writer at a time, and who that writer is.

The lock is a file holding `<pid> <host>`, created whole through a hard link so no reader sees
it half written. A lock whose process is gone is stale and may be taken over.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

from kpversion.errors import StoreError
from kpversion.store import atomic
from kpversion.store.crashpoints import crashpoint
from kpversion.store.layout import LOCK


@dataclass(frozen=True)
class Owner:
    """The process holding a lock."""

    pid: int
    host: str

    def alive(self) -> bool:
        if self.host != socket.gethostname():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    @classmethod
    def read(cls, path: Path) -> Owner | None:
        try:
            pid, host = path.read_text(encoding="utf-8").split(" ", 1)
            return cls(int(pid), host.strip())
        except (OSError, ValueError):
            return None


def held_here(folder: Path) -> bool:
    """Whether a live process on this machine holds the folder's publish lock.

    A lock from another machine cannot be checked; it does not count, so a lock file copied or
    committed into a tree never makes a check skip anything."""
    owner = Owner.read(folder / LOCK)
    return owner is not None and owner.host == socket.gethostname() and owner.alive()


def acquire(folder: Path, display: str) -> None:
    """Take the folder's lock, or raise StoreError naming who holds it."""
    lock = folder / LOCK
    me = Owner(os.getpid(), socket.gethostname())
    tmp = folder / f"{LOCK}.{me.pid}.tmp"
    try:
        atomic.write_durably(tmp, f"{me.pid} {me.host}\n".encode())
    except OSError as exc:
        problem = f"cannot take the lock ({exc.strerror or exc})"
        raise StoreError(problem, f"{display}/{LOCK}") from None
    try:
        # A hard link is created whole or not at all, so no reader sees a half-written lock.
        os.link(tmp, lock)
    except FileExistsError:
        owner = Owner.read(lock)
        if owner is not None and (owner.alive() or owner == me):
            raise StoreError(
                f"another publish is running (pid {owner.pid} on {owner.host}); "
                "if it is not, remove the lock file",
                f"{display}/{LOCK}",
            ) from None
        os.replace(tmp, lock)
        if Owner.read(lock) != me:
            raise StoreError("another process took over the stale lock", display) from None
    finally:
        atomic.remove(tmp)
    crashpoint("lock taken")


def release(folder: Path) -> None:
    atomic.remove(folder / LOCK)


def sweep_temps(folder: Path) -> None:
    """Remove the temporary lock files that processes no longer alive left behind."""
    for tmp in folder.glob(f"{LOCK}.*.tmp"):
        owner = Owner.read(tmp)
        if owner is None or not owner.alive():
            atomic.remove(tmp)
