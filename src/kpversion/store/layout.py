"""The on-disk layout of statements/: every path of a statement folder is named here once.

```
statements/
  kpversion.toml              the tree's settings
  <slug>/
    statement.toml            the statement's settings
    draft.md                  the working copy
    revisions/<version>.md    each published text, byte-exact
    ledger.jsonl              the hash-chained ledger
    notices/<version>.md      the notice of a material revision
    records/<version>.json    the retroactivity record of each revision
    .publish.lock             held while a publish runs (an operating-system lock)
    .publish.lock.owner       who holds it, for messages
    .publish-journal.json     the publish in flight (see transaction.py)
```

Names relative to a statement folder use `/`, as the publish journal and git record them.
Slugs are checked and joins stay inside their root: no path leaves statements/ or the output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kpversion.errors import KpversionError

STATEMENTS = "statements"
TREE_SETTINGS = "kpversion.toml"
SETTINGS = "statement.toml"
DRAFT = "draft.md"
LEDGER = "ledger.jsonl"
REVISIONS = "revisions"
NOTICES = "notices"
RECORDS = "records"
LOCK = ".publish.lock"
OWNER = ".owner"
"""Suffix of the file beside a lock that says who holds it (`.publish.lock.owner`)."""
JOURNAL = ".publish-journal.json"
PUBLISHED_FOLDERS = (REVISIONS, NOTICES, RECORDS)
"""The folders of files that, once written by a publish, are never rewritten."""

SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


BACKFILL_STAGING = re.compile(r"\.(?P<slug>[a-z0-9][a-z0-9-]{0,63})\.backfill-(?P<pid>\d+|old)")
"""A backfill's folder built aside (`.<slug>.backfill-<pid>`), or the folder it replaced
(`.<slug>.backfill-old`): never a statement, recovered or removed by the next command."""


def backfill_staging(slug: str, pid: int | str) -> str:
    return f".{slug}.backfill-{pid}"


def find_root(start: Path | str) -> Path | None:
    """start or its nearest parent that holds statements/ (or is a statements/ folder)."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / STATEMENTS).is_dir() or (folder / TREE_SETTINGS).exists():
            return folder
    return None


def tree_folder(root: Path) -> Path:
    """The statements/ folder of a root: the root itself when it holds kpversion.toml."""
    return root if (root / TREE_SETTINGS).exists() else root / STATEMENTS


def revision_name(version: object) -> str:
    return f"{REVISIONS}/{version}.md"


def notice_name(version: object) -> str:
    return f"{NOTICES}/{version}.md"


def record_name(version: object) -> str:
    return f"{RECORDS}/{version}.json"


@dataclass(frozen=True)
class Layout:
    """The paths of one statement folder."""

    folder: Path

    @property
    def settings(self) -> Path:
        return self.folder / SETTINGS

    @property
    def draft(self) -> Path:
        return self.folder / DRAFT

    @property
    def ledger(self) -> Path:
        return self.folder / LEDGER

    @property
    def revisions(self) -> Path:
        return self.folder / REVISIONS

    @property
    def notices(self) -> Path:
        return self.folder / NOTICES

    @property
    def records(self) -> Path:
        return self.folder / RECORDS

    @property
    def lock(self) -> Path:
        return self.folder / LOCK

    @property
    def journal(self) -> Path:
        return self.folder / JOURNAL

    def revision(self, version: object) -> Path:
        return self.folder / revision_name(version)

    def notice(self, version: object) -> Path:
        return self.folder / notice_name(version)

    def record(self, version: object) -> Path:
        return self.folder / record_name(version)


RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{name}{n}" for name in ("com", "lpt") for n in range(10)]
)
"""Names Windows reserves for devices: a folder so named cannot be checked out there."""


def check_slug(slug: str) -> str:
    """Return the slug if it is valid, else raise naming the problem."""
    if not SLUG_PATTERN.fullmatch(slug):
        raise KpversionError(
            f"invalid statement slug {slug!r}: use 1-64 of a-z, 0-9 and '-', starting with a "
            "letter or digit",
            f"{STATEMENTS}/{slug}",
        )
    if slug in RESERVED:
        raise KpversionError(
            f"invalid statement slug {slug!r}: a device name on Windows, where the statement's "
            "folder could not be checked out",
            f"{STATEMENTS}/{slug}",
        )
    return slug


def safe_join(root: Path, *parts: str) -> Path:
    """Join parts under root, refusing any result outside root."""
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and base not in target.parents:
        raise KpversionError(f"path {'/'.join(parts)!r} leaves {root}")
    return target
