"""The compiled rules, kept across processes.

Parsing the two rules files and writing out the lexicon's 11,567 patterns cost every process
that classified about 75 ms of CPU, more than the diff of a short statement. A rule set's data
(merged with its overrides) and its lexicon's tables are kept in one file under the user's
cache folder (`$KPVERSION_CACHE_DIR`, else `$XDG_CACHE_HOME/kpversion`, else
`~/.cache/kpversion`; an empty `KPVERSION_CACHE_DIR` turns the cache off).

- The file is named by a hash of all it is built from: the rules files, the source of the
  modules that compile them (which is what the package version stands for here, and changes
  with every edit; reading the installed version needs importlib.metadata, slower than the
  rules), the overrides and this module's format. A changed rule or module is a new file.
- The format is msgpack, decoded by msgspec into a typed record: data only, nothing in it
  can run when it loads (unlike pickle). A file that does not decode, is not the record, or
  is for another key is ignored, and rebuilt.
- A file is read only from a folder and as a file that the user owns and no one else can
  write; a file is written atomically (temporary file, fsync, rename), so a reader sees a
  whole file or none. Any error of the system reading or writing it only skips the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from kpversion.materiality.lexicon import Tables

FORMAT = "kpversion.rules-cache/1"
ENV = "KPVERSION_CACHE_DIR"
PACKAGE = Path(__file__).parent
SOURCES = ("rules/default.toml", "rules/ontology.toml", "ruleset.py", "ontology.py",
           "lexicon.py", "wording.py", "rules_cache.py")  # fmt: skip
"""What a rule set's data and tables are built from, relative to this package."""
KEEP = 16
"""Cache files kept: one per rule set (the packaged rules, each statement's overrides)."""


class Compiled(msgspec.Struct, frozen=True):
    """One rule set as cached: its key, its merged data, its lexicon's tables."""

    key: str
    data: dict[str, Any]
    patterns: list[str]
    owners: list[tuple[str, str, bool]]

    @property
    def tables(self) -> Tables:
        return Tables(self.patterns, self.owners)


def folder() -> Path | None:
    """Where cache files go, or None when the cache is off."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kpversion"


def read(key: str) -> Compiled | None:
    """The cached rule set for key, or None (no file, or one not to be trusted or read)."""
    path = _path(key)
    if path is None or not _private(path.parent):
        return None
    try:
        blob = _read_private(path)
        compiled = msgspec.msgpack.decode(blob, type=Compiled)
    except (OSError, msgspec.DecodeError):
        return None
    return compiled if compiled.key == key else None


def write(key: str, data: Mapping[str, Any], built: Tables) -> None:
    """Keep a rule set for the next process; silently not, when it cannot be kept exactly."""
    path = _path(key)
    if path is None:
        return
    compiled = Compiled(key, dict(data), list(built.patterns), list(built.owners))
    try:
        blob = msgspec.msgpack.encode(compiled)
        if msgspec.msgpack.decode(blob, type=Compiled) != compiled:
            return  # a value msgpack changes (a TOML date read back as text): not cached
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if _private(path.parent):
            _write_atomic(path, blob)
            _prune(path.parent)
    except (OSError, msgspec.EncodeError, msgspec.DecodeError):
        return


def _path(key: str) -> Path | None:
    where = folder()
    if where is None or not hasattr(os, "getuid"):
        return None  # no owner to check where there are no user ids
    try:
        digest = hashlib.sha256(FORMAT.encode())
        for name in SOURCES:
            digest.update((PACKAGE / name).read_bytes())
    except OSError:
        return None
    digest.update(key.encode())
    return where / f"rules-{digest.hexdigest()[:32]}.msgpack"


def _private(path: Path) -> bool:
    """Owned by this user and writable by no one else (a file another user could write is
    data they chose)."""
    try:
        info = path.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read_private(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        owned = info.st_uid == os.getuid() and stat.S_ISREG(info.st_mode)
        if not owned or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise PermissionError(f"{path}: not a private cache file")
        return handle.read()


def _write_atomic(path: Path, blob: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".rules-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _prune(where: Path) -> None:
    """The oldest files past KEEP go: each edit of the rules leaves one behind."""
    files = sorted(where.glob("rules-*.msgpack"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
