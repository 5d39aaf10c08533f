"""The output folder, replaced whole: a build writes into a fresh folder beside it and swaps it
in, so readers (and a build killed halfway) never see old and new pages mixed.

The fresh folder starts as a copy of the old one made of hard links (the unchanged pages cost
a link each, not a copy), so an incremental build stays cheap. Pages are written as new files,
never in place, so the old folder's files are untouched until the swap. On Linux the swap is
one atomic `renameat2(RENAME_EXCHANGE)`; elsewhere two renames, and the next build puts back
an old folder a kill left aside. A background process then deletes the old folder. Files are
0666 and folders 0777 less the umask (0644 and 0755 under the usual 022), whatever an earlier
build left.

An output folder that is a mount point (a container's volume, a mounted web root) cannot be
renamed: there the pages are replaced in place, each file atomically (written beside itself,
then renamed over), and the manifest is removed first and written last, so a build killed
halfway is redone whole by the next one.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from kpversion.store.atomic import fsync_dir

RENAME_EXCHANGE = 2
AT_FDCWD = -100
DELETE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


class Staging:
    """A fresh copy of out to build into, then swapped in (`commit`) or dropped."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve() if out.is_symlink() else out
        self.fresh = self.out.with_name(f".{self.out.name}.kpversion-new")
        self.retired = self.out.with_name(f".{self.out.name}.kpversion-old")
        self.trash_prefix = f".{self.out.name}.kpversion-trash-"
        mask = os.umask(0)
        os.umask(mask)
        self.file_mode = 0o666 & ~mask
        self.folder_mode = 0o777 & ~mask
        self.mend = True
        """Whether files linked from out may need their mode mended (an older build's)."""
        self.in_place = self.out.is_dir() and os.path.ismount(self.out)
        if self.in_place:
            self.fresh = self.out

    def recover(self) -> None:
        """Undo what a killed build left: a half-made fresh folder, or the old folder set
        aside between the two renames of a swap."""
        if self.in_place:
            return
        if self.retired.exists() and not self.out.exists():
            os.rename(self.retired, self.out)
        for leftover in (self.fresh, self.retired):
            if leftover.exists():
                shutil.rmtree(leftover)
        for trash in self.out.parent.glob(f"{self.trash_prefix}*"):
            shutil.rmtree(trash, ignore_errors=True)  # its deleter may be at it too

    def start(self, skip: Iterable[str], marker: str) -> None:
        """The fresh folder: every file of out linked into it, except the paths in skip.

        marker is a file every build writes last (the manifest): when it has the mode this
        build gives files, so do the others, and they are not looked at one by one."""
        if self.in_place:
            for relative in sorted({*skip, marker}):
                with contextlib.suppress(FileNotFoundError):
                    self.path(relative).unlink()
            return
        self.out.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(self.fresh)
        os.chmod(self.fresh, self.folder_mode)
        if self.out.is_dir():
            self.mend = not self._has_mode(self.out / marker)
            self._clone(self.out, self.fresh, set(skip), "")

    def _has_mode(self, path: Path) -> bool:
        try:
            return stat.S_IMODE(path.stat().st_mode) == self.file_mode
        except OSError:
            return False

    def _clone(self, source: Path, target: Path, skip: set[str], prefix: str) -> None:
        with os.scandir(source) as entries:
            for entry in entries:
                name = f"{prefix}{entry.name}"
                destination = target / entry.name
                if entry.is_symlink():
                    os.symlink(os.readlink(entry.path), destination)
                elif entry.is_dir():
                    os.mkdir(destination, self.folder_mode)
                    self._clone(Path(entry.path), destination, skip, f"{name}/")
                elif name not in skip:
                    self._link(entry, destination)

    def _link(self, entry: os.DirEntry[str], destination: Path) -> None:
        try:
            os.link(entry.path, destination)
        except OSError:  # a file system without hard links
            shutil.copy2(entry.path, destination)
        if self.mend and entry.stat(follow_symlinks=False).st_mode & 0o777 != self.file_mode:
            os.chmod(destination, self.file_mode)

    def path(self, relative: str) -> Path:
        return self.fresh.joinpath(*relative.split("/"))

    def write(self, relative: str, data: bytes) -> None:
        """A new file at relative (never writing into a linked one), synced to disk (a sync of
        the whole system instead would wait for every other program's writes too)."""
        final = self.path(relative)
        self._folders(final.parent)
        # In place, the file is written beside itself and renamed over: a reader sees the old
        # page or the new one.
        target = final.with_name(f".{final.name}.kpversion-tmp") if self.in_place else final
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, self.file_mode)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if os.stat(target).st_mode & 0o777 != self.file_mode:
                os.chmod(target, self.file_mode)
            if target != final:
                os.replace(target, final)
        except BaseException as exc:
            if target != final:
                with contextlib.suppress(OSError):
                    target.unlink()
            if isinstance(exc, OSError) and exc.filename is None:  # a full disk on write
                raise OSError(exc.errno, exc.strerror, str(final)) from None
            raise

    def _folders(self, folder: Path) -> None:
        missing = []
        while not folder.is_dir():
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            os.mkdir(path, self.folder_mode)
            os.chmod(path, self.folder_mode)

    def commit(self) -> None:
        """Swap the fresh folder in and delete the old one."""
        if self.in_place:
            fsync_dir(self.out)
            return
        old: Path | None = None
        if not self.out.exists():
            os.rename(self.fresh, self.out)
        elif _exchange(self.fresh, self.out):
            old = self.fresh
        else:
            os.rename(self.out, self.retired)
            os.rename(self.fresh, self.out)
            old = self.retired
        fsync_dir(self.out.parent)
        if old is not None:
            self._discard(old)

    def _discard(self, folder: Path) -> None:
        """Delete the old folder in the background: the new site is live already, and a large
        site's thousands of files take seconds to unlink. One a kill left is deleted by the
        next build (`recover`)."""
        trash = self.out.with_name(f"{self.trash_prefix}{os.getpid()}-{time.time_ns()}")
        os.rename(folder, trash)
        try:
            subprocess.Popen(
                [sys.executable, "-c", DELETE, str(trash)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            shutil.rmtree(trash, ignore_errors=True)

    def abandon(self) -> None:
        if not self.in_place:  # in place, the pages written are whole; no manifest says so
            shutil.rmtree(self.fresh, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux's renameat2); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return bool(result == 0)
