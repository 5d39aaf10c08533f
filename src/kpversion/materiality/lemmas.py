"""English lemmas, from simplemma's English dictionary, kept across processes.

The inflection proof asks the lemma of a changed word. simplemma's import loads the rules of
every language it has (about 60 ms), and it decodes its whole English dictionary (181,612
forms) the first time a process asks a lemma (about 330 ms): together more than the rest of
classifying a long statement, paid again by every process that meets an inflection. So the
dictionary's forms are kept as one SQLite database beside the compiled rules
(`rules_cache.folder()`); a process reads that file (about 5 MB) into memory and asks it one
word at a time (about 3 microseconds a word), without importing simplemma.

- The lemma is the dictionary's: simplemma's guessing rules for unknown words are not used,
  so an unknown word proves no inflection (measured on the corpus: 24 of its 4,588 words
  ending in -s, -ed or -ing lose a guessed lemma, all names or French words).
- The file is named by a hash of simplemma's data file and this module's format; another
  dictionary is another file (a few are kept, for installs that share the folder).
- It is written whole and atomically, ends with the SHA-256 of the database, and is read only
  as a private file, as the rules cache is. A file whose hash does not match, or that holds
  no forms, is ignored and built again.
- Where the cache is off or its folder cannot be kept, the dictionary is read as shipped: the
  same lemmas, slower (and nothing is built that would be thrown away).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kpversion.materiality import rules_cache
from kpversion.replacing import replace_file

if TYPE_CHECKING:
    import sqlite3

FORMAT = "kpversion.lemmas/1"
LANGUAGE = "en"
SHIPPED = ("strategies", "dictionaries", "data", "en.plzma")
"""simplemma's English dictionary, inside its package."""
SQLITE_HEADER = b"SQLite format 3\0"
DIGEST_SIZE = 32
"""The file ends with the SHA-256 of the database before it: a damaged file is read as none."""
KEEP = 4
"""Lemma files kept: this dictionary's and those of a few other installs."""


def lemma(word: str) -> str:
    """The lemma simplemma's English dictionary gives word (tried as written, then with its
    first letter's case turned, as simplemma's own look-up does), lower-cased; the word
    itself, lower-cased, when the dictionary does not have it. (simplemma's guessing rules
    for unknown words are left out: an unknown word, a name or a word of another language,
    proves no inflection.)"""
    forms = _forms()
    cased = word.lower() if word[:1].isupper() else word.capitalize()
    found = forms.get(word) or forms.get(cased) or word
    return found.lower()


def is_inflected_form(word: str) -> bool:
    """Whether the dictionary holds word as an inflected form of another (a word of English)."""
    return _forms().get(word) is not None


class Forms(Protocol):
    def get(self, form: str, /) -> str | None: ...


class StoredForms:
    """The English forms and their lemmas, in a SQLite database."""

    def __init__(self, database: sqlite3.Connection) -> None:
        self._database = database

    def get(self, form: str, /) -> str | None:
        row = self._database.execute("SELECT lemma FROM forms WHERE form = ?", (form,)).fetchone()
        return None if row is None else str(row[0])


@lru_cache(maxsize=1)
def _forms() -> Forms:
    stored = _stored_forms(_shipped_digest())
    return stored if stored is not None else _shipped()


def _shipped_digest() -> str | None:
    """A hash of simplemma's English data file, found without importing simplemma (whose
    import, 60 ms, loads the rules of every language it has)."""
    spec = importlib.util.find_spec("simplemma")
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(spec.submodule_search_locations[0], *SHIPPED)
    try:
        return hashlib.sha256(data.read_bytes()).hexdigest()
    except OSError:
        return None


def _shipped() -> Mapping[str, str]:
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    return DefaultDictionaryFactory().get_dictionary(LANGUAGE)


def _stored_forms(digest: str | None) -> StoredForms | None:
    """The stored forms of simplemma's data file, built (and kept, where it can be) when
    missing; None when the cache is off or the file is not where simplemma keeps it."""
    path = _path(digest)
    if path is None:
        return None
    found = _read(path)
    if found is None and _keepable(path.parent):
        found = _build(path)
    return found  # None where nothing can be kept: built, it would be thrown away


def _path(shipped: str | None) -> Path | None:
    where = rules_cache.folder()
    if shipped is None or where is None or not hasattr(os, "getuid"):
        return None  # no owner to check where there are no user ids
    digest = hashlib.sha256(f"{FORMAT}\0{shipped}".encode()).hexdigest()[:32]
    return where / f"lemmas-{digest}.sqlite"


def _read(path: Path) -> StoredForms | None:
    import sqlite3  # here, not at the top: most processes never ask a lemma

    if not rules_cache.private(path.parent):
        return None
    try:
        return _open(rules_cache.read_private(path))
    except (OSError, sqlite3.Error):
        return None  # missing, not private, torn or not a database: built again


def _open(blob: bytes) -> StoredForms | None:
    import sqlite3

    data, digest = blob[:-DIGEST_SIZE], blob[-DIGEST_SIZE:]
    if not data.startswith(SQLITE_HEADER) or hashlib.sha256(data).digest() != digest:
        return None  # not a file this module wrote whole (SQLite refuses an empty one)
    database = sqlite3.connect(":memory:", check_same_thread=False)
    database.deserialize(data)
    # A written file is whole (written atomically); one that holds no forms is not ours.
    if database.execute("SELECT 1 FROM forms LIMIT 1").fetchone() is None:
        return None
    return StoredForms(database)


def _build(path: Path) -> StoredForms:
    import sqlite3

    shipped = _shipped()
    database = sqlite3.connect(":memory:", check_same_thread=False)
    database.execute(
        "CREATE TABLE forms (form TEXT PRIMARY KEY, lemma TEXT NOT NULL) WITHOUT ROWID"
    )
    database.executemany("INSERT INTO forms VALUES (?, ?)", shipped.items())
    database.commit()
    data = database.serialize()
    _keep(path, data + hashlib.sha256(data).digest())
    return StoredForms(database)


def _keepable(folder: Path) -> bool:
    """Whether a file can be kept in the folder: there, or made, and private."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return rules_cache.private(folder)


def _keep(path: Path, blob: bytes) -> None:
    """Write the database for the next process, and drop the oldest of other dictionaries'
    past KEEP (two installs may share the folder); silently not, where it cannot."""
    try:
        replace_file(path, blob, prefix=".lemmas-")
    except OSError:
        return
    others = [p for p in path.parent.glob("lemmas-*.sqlite") if p != path]
    with contextlib.suppress(OSError):
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[KEEP - 1 :]:
        with contextlib.suppress(OSError):
            old.unlink()
