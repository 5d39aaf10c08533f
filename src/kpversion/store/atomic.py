"""Atomic file writes: temp file in the same folder, fsync, rename; and the durable steps a
publish is made of, each followed by a crash point (see crashpoints.py)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from kpversion.replacing import replace_file
from kpversion.store.crashpoints import crashpoint


def write_bytes(path: Path, data: bytes) -> None:
    """Replace path with data so readers see the old file or the new one, never a mix. An
    error of the system names path (a full disk says which file it could not write)."""
    with naming(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, data, prefix=f".{path.name}.")
    fsync_dir(path.parent)


@contextlib.contextmanager
def naming(path: Path) -> Iterator[None]:
    """An OSError raised inside without a file name gets path as its file name."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def append_line(path: Path, line: str) -> None:
    """Append one line by rewriting the file atomically (ledgers are small)."""
    old = path.read_bytes() if path.exists() else b""
    if old and not old.endswith(b"\n"):
        old += b"\n"
    write_bytes(path, old + line.rstrip("\n").encode("utf-8") + b"\n")


def fsync_dir(folder: Path) -> None:
    """Make a rename durable by syncing its folder (a no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_durably(path: Path, data: bytes) -> None:
    """Create path holding data, synced to disk; a crash point after each step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    half = len(data) // 2
    with naming(path), open(path, "wb") as handle:
        crashpoint(f"created {path.name}")
        handle.write(data[:half])
        handle.flush()
        crashpoint(f"half written {path.name}")
        handle.write(data[half:])
        handle.flush()
        os.fsync(handle.fileno())
        crashpoint(f"synced {path.name}")


def rename_durably(source: Path, target: Path) -> None:
    """Rename source onto target and sync the folder; a crash point after each step."""
    os.replace(source, target)
    crashpoint(f"renamed {target.name}")
    fsync_dir(target.parent)
    crashpoint(f"synced the folder of {target.name}")


def remove(path: Path) -> None:
    """Delete path if it exists."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
