"""The compiled rules, kept across processes.

Parsing the two rules files and writing out the lexicon's 7,843 patterns cost every process
that classified about 75 ms of CPU, more than the diff of a short statement. A rule set's data
(merged with its overrides) and its lexicon's tables are kept in one file under the user's
cache folder (`$KPVERSION_CACHE_DIR`, else `$XDG_CACHE_HOME/kpversion`, else
`~/.cache/kpversion`; an empty `KPVERSION_CACHE_DIR` turns the cache off).

- The file is named by a hash of all it is built from: the rules files, the source of the
  modules that compile them (which is what the package version stands for here, and changes
  with every edit; reading the installed version needs importlib.metadata, slower than the
  rules), the overrides and this module's format. A changed rule or module is a new file.
- The format is JSON: data only, nothing in it can run when it loads (unlike pickle). The
  json module is loaded anyway, where msgspec's msgpack cost an import of 13 ms and decoded no
  faster. A file that does not parse, does not have the record's shape, or is for another key
  is ignored, and rebuilt.
- A file is read only from a folder and as a file that the user owns and no one else can
  write; a file is written atomically (temporary file, fsync, rename), so a reader sees a
  whole file or none. Any error of the system reading or writing it only skips the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpversion.materiality.lexicon import Tables
from kpversion.replacing import replace_file

FORMAT = "kpversion.rules-cache/1"
ENV = "KPVERSION_CACHE_DIR"
PACKAGE = Path(__file__).parent
SOURCES = ("rules/default.toml", "rules/ontology.toml", "ruleset.py", "ontology.py",
           "lexicon.py", "wording.py", "rules_cache.py")  # fmt: skip
"""What a rule set's data and tables are built from, relative to this package."""
KEEP = 16
"""Cache files kept: one per rule set (the packaged rules, each statement's overrides)."""


@dataclass(frozen=True)
class Compiled:
    """One rule set as cached: its merged data and its lexicon's tables."""

    data: dict[str, Any]
    tables: Tables


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
    if path is None or not private(path.parent):
        return None
    try:
        return _decode(read_private(path), key)
    except (OSError, ValueError, TypeError, KeyError):
        return None  # unreadable, not JSON (a torn or corrupt file), or not the record


def write(key: str, data: Mapping[str, Any], built: Tables) -> None:
    """Keep a rule set for the next process; silently not, when it cannot be kept exactly."""
    path = _path(key)
    if path is None:
        return
    record = {"format": FORMAT, "key": key, "data": data, **built._asdict()}
    try:
        blob = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
        if _decode(blob, key) != Compiled(dict(data), built):
            return  # a value JSON changes: not cached
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if private(path.parent):
            replace_file(path, blob, prefix=".rules-")
            _prune(path.parent)
    except (OSError, ValueError, TypeError):
        return  # a TOML date in the rules (no JSON value), or a folder it cannot write


def _decode(blob: bytes, key: str) -> Compiled | None:
    record = json.loads(blob)
    if not isinstance(record, dict) or record.get("format") != FORMAT or record["key"] != key:
        return None
    data, patterns, owners = record["data"], record["patterns"], record["owners"]
    if not (isinstance(data, dict) and isinstance(patterns, list) and isinstance(owners, list)):
        return None
    if len(patterns) != len(owners) or not all(type(p) is str for p in patterns):
        return None
    owned = [(str(kind), str(name), prefix is True) for kind, name, prefix in owners]
    return Compiled(data, Tables(patterns, owned))


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
    return where / f"rules-{digest.hexdigest()[:32]}.json"


def private(path: Path) -> bool:
    """Owned by this user and writable by no one else (a file another user could write is
    data they chose)."""
    try:
        info = path.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_private(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        owned = info.st_uid == os.getuid() and stat.S_ISREG(info.st_mode)
        if not owned or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise PermissionError(f"{path}: not a private cache file")
        return handle.read()


def _prune(where: Path) -> None:
    """The oldest files past KEEP go: each edit of the rules leaves one behind."""
    files = sorted(where.glob("rules-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
