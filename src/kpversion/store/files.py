"""Files under statements/: every one kpversion reads or writes is a regular file inside it.

Git stores symbolic links, so a pull request can make `draft.md` a link to `../../.git/config`
(whose token the CI's redline comment would then post) or to `/proc/self/environ`, or make
`records/` a link that sends publish's writes out of the tree. So every read and write of a
statement's files goes through here: the statement folder and each folder below it down to the
file are checked with lstat (a link is never followed), and the file is opened with
`O_NOFOLLOW` and `O_NONBLOCK` (a FIFO never hangs a command) and must be a regular file. Reads
are bounded: a file larger than the caller's limit is refused before it is read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from kpversion.errors import StoreError

LINKED = "is a symbolic link; kpversion reads and writes only regular files inside statements/"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class LinkRefused(StoreError):
    """A file or folder under statements/ is a symbolic link (or not a regular file)."""


def check_path(path: Path, inside: Path, display: str | None = None) -> None:
    """Refuse path unless inside, and every part of path below it that exists, is a real
    folder or file (not a link). path need not exist: a write creates it."""
    for part in _parts(path, inside):
        if part.is_symlink():
            raise LinkRefused(LINKED, _shown(part, path, display))


def _parts(path: Path, inside: Path) -> Iterator[Path]:
    base, relative = _below(path, inside)
    yield base
    current = base
    for name in relative.parts:
        current = current / name
        yield current


def _below(path: Path, inside: Path) -> tuple[Path, Path]:
    """inside, and path relative to it. Either may be relative to the working folder, and
    path may come resolved (`safe_join`) while inside does not: inside itself may then be
    resolved, never a part below it (those are what the check is for)."""
    absolute = Path(os.path.abspath(path))
    for base, target in ((inside, path), (Path(os.path.abspath(inside)), absolute),
                         (inside.resolve(), absolute)):  # fmt: skip
        try:
            return base, target.relative_to(base)
        except ValueError:
            continue
    raise StoreError(f"is not inside {inside}", str(path))


def _shown(part: Path, path: Path, display: str | None) -> str:
    """part as the message names it: display names path, so a parent drops its last parts."""
    if display is None:
        return str(part)
    extra = len(path.parts) - len(part.parts)
    return "/".join(display.split("/")[: len(display.split("/")) - extra] or [display])


def read_bytes(
    path: Path, inside: Path, display: str | None = None, limit: int | None = None
) -> bytes:
    """path's bytes, refused (one line) if any part from inside down is a link, if it is not
    a regular file, or if it is larger than limit bytes. FileNotFoundError if it is missing."""
    check_path(path, inside, display)
    shown = display or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY)
    except OSError as exc:
        if exc.errno is not None and path.is_symlink():  # made a link since the check
            raise LinkRefused(LINKED, shown) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise LinkRefused("is not a regular file", shown)
        if limit is not None and info.st_size > limit:
            raise too_large(info.st_size, limit, shown)
        data = handle.read() if limit is None else handle.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise too_large(len(data), limit, shown)
    return data


def read_text(path: Path, inside: Path, display: str | None = None) -> str:
    """path as UTF-8 text (see read_bytes); a decoding error is the caller's to report."""
    return read_bytes(path, inside, display).decode("utf-8")


def too_large(size: int, limit: int, shown: str) -> StoreError:
    from kpversion.limits import describe_limit

    return StoreError(f"is {size:,} bytes, {describe_limit(limit)}", shown)


def links(folder: Path) -> list[Path]:
    """Every symbolic link in folder and below (folder itself included), not followed."""
    if folder.is_symlink():
        return [folder]
    found = []
    for parent, folders, names in os.walk(folder):
        for name in (*folders, *names):
            if (Path(parent) / name).is_symlink():
                found.append(Path(parent) / name)
    return sorted(found)
