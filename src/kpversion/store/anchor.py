"""The site's integrity file, `integrity.json`: every revision's sha256, every ledger line's
hash and each ledger's head, as published. Anyone who kept an earlier copy of the site holds
an anchor outside the repository: `kpversion verify --against FOLDER-or-URL` compares the
store with it, so a history rewritten whole (revisions, ledger and tags made consistent again)
still shows.

```json
{"kpversion_integrity": 1,
 "statements": {"<slug>": {"ledger_head": "<sha256 of the last ledger line>", "lines": 2,
   "revisions": [{"version": "2023-01-24", "sha256": "...", "entry": "<sha256 of its line>",
                  "published_at": "2023-01-24", "effective": "2023-01-24"}]}}}
```
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

import msgspec

from kpversion.errors import InputError
from kpversion.store.layout import LEDGER, Layout
from kpversion.store.ledger import line_hash, read_ledger
from kpversion.store.verify import Problem

INTEGRITY = "integrity.json"
FORMAT = 1
MAX_BYTES = 20_000_000
"""The largest integrity file read from a URL (a store of thousands of revisions is far less)."""
TIMEOUT = 30


class SavedRevision(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    version: str
    sha256: str
    entry: str
    published_at: str
    effective: str


class SavedStatement(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    ledger_head: str | None
    lines: int
    revisions: tuple[SavedRevision, ...]


class Integrity(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    kpversion_integrity: int
    statements: dict[str, SavedStatement]


class StoreLike(Protocol):
    folder: Path

    def slugs(self) -> list[str]: ...

    def display(self, path: Path) -> str: ...


def integrity(store: StoreLike) -> dict[str, Any]:
    """The integrity file of the store as it is now (what `kpversion build` publishes)."""
    statements = {}
    for slug in store.slugs():
        lines = read_ledger(Layout(store.folder / slug).ledger)
        statements[slug] = {
            "ledger_head": line_hash(lines[-1][0]) if lines else None,
            "lines": len(lines),
            "revisions": [
                {"version": e.version, "sha256": e.sha256, "entry": line_hash(line),
                 "published_at": e.published_at, "effective": e.effective}
                for line, e in lines
            ],
        }  # fmt: skip
    return {"kpversion_integrity": FORMAT, "statements": statements}


def load_saved(location: str) -> Integrity:
    """The integrity file of a saved site: a folder, the file itself, or an http(s) URL."""
    if location.startswith(("http://", "https://")):
        url = location if location.endswith(".json") else f"{location.rstrip('/')}/{INTEGRITY}"
        return _parse(_fetch(url), url)
    path = Path(location)
    if path.is_dir():
        path = path / INTEGRITY
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the saved site's integrity file ({exc.strerror})",
                         path) from None  # fmt: skip
    return _parse(data, str(path))


def _fetch(url: str) -> bytes:
    from urllib.error import URLError
    from urllib.request import urlopen

    try:
        with urlopen(url, timeout=TIMEOUT) as response:
            data: bytes = response.read(MAX_BYTES + 1)
    except (URLError, OSError, ValueError) as exc:
        raise InputError(f"cannot fetch the saved site's integrity file ({exc})", url) from None
    if len(data) > MAX_BYTES:
        raise InputError(f"integrity file larger than {MAX_BYTES} bytes", url)
    return data


def _parse(data: bytes, shown: str) -> Integrity:
    try:
        return msgspec.json.decode(data, type=Integrity, strict=True)
    except msgspec.DecodeError as exc:
        raise InputError(f"not a kpversion integrity file ({exc})", shown) from None


def verify_against(store: StoreLike, saved: Integrity, label: str) -> list[Problem]:
    """What the store no longer agrees with in a saved copy of its site: a revision gone or
    changed, a ledger line rewritten, a ledger head no longer in the chain."""
    found = []
    slugs = set(store.slugs())
    for slug, kept in sorted(saved.statements.items()):
        folder = store.folder / slug
        ledger = Layout(folder).ledger
        shown = store.display(ledger) if slug in slugs else f"{slug}/{LEDGER}"
        if slug not in slugs:
            found.append(Problem(shown, f"statement {slug} of the saved site ({label}) is gone"))
            continue
        lines = read_ledger(ledger)
        now = {e.version: (line_hash(line), e.sha256) for line, e in lines}
        for revision in kept.revisions:
            found += _revision(shown, revision, now.get(revision.version), label)
        if kept.lines and kept.ledger_head is not None:
            head = line_hash(lines[kept.lines - 1][0]) if len(lines) >= kept.lines else None
            if head != kept.ledger_head:
                found.append(Problem(shown, f"the ledger head the saved site ({label}) "
                                     f"published, line {kept.lines}, is no longer in the "
                                     "chain: history was rewritten"))  # fmt: skip
    return found


def _revision(
    shown: str, saved: SavedRevision, now: tuple[str, str] | None, label: str
) -> list[Problem]:
    where = f"revision {saved.version}"
    if now is None:
        return [Problem(shown, f"{where}, published in the saved site ({label}), is gone from "
                        "the ledger: history was rewritten")]  # fmt: skip
    entry, sha256 = now
    if sha256 != saved.sha256:
        change = f"was {saved.sha256[:12]} in the saved site ({label}), is {sha256[:12]} now"
        return [Problem(shown, f"{where}: its text's sha256 {change}: history was rewritten")]
    if entry != saved.entry:
        return [Problem(shown, f"{where}: its ledger line differs from the saved site's "
                        f"({label}): history was rewritten")]  # fmt: skip
    return []


def integrity_json(store: StoreLike) -> str:
    return json.dumps(integrity(store), indent=1, sort_keys=True) + "\n"
