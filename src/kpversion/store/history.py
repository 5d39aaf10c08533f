"""The published files against git: what `check` and `publish` find tampered with.

The hash chain (verify.py) shows a file that no longer matches its ledger line. Git shows
more: a revision edited in a commit or the working tree, ledger lines rewritten, a publish tag
that no longer holds what it tagged, a lock or journal committed (it would be planted), and a
staged edit the pre-commit hook refuses.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from kpversion.errors import KpversionError, StoreError
from kpversion.store import files
from kpversion.store.layout import JOURNAL, LEDGER, LOCK, OWNER, REVISIONS, Layout
from kpversion.store.ledger import read_ledger
from kpversion.store.lock import held_here
from kpversion.store.tree import Store
from kpversion.store.verify import Problem, verify_statement


def tampering(store: Store, slug: str, top: Path | None) -> list[Problem]:
    """verify, plus the git history and the working tree against HEAD."""
    folder = store.statement(slug).folder
    live = top is not None and in_progress(folder)
    found = verify_statement(folder, store.display(folder), None if live else top)
    if top is not None:
        found += _committed_locks(store, folder, top)
        if not in_progress(folder):
            found += _history(store, folder, top)
    return found


def _committed_locks(store: Store, folder: Path, top: Path) -> list[Problem]:
    """A publish lock, its owner record or a journal belongs to one live publish; committed,
    it was planted (a journal would make the next command roll files back)."""
    from kpversion import gitio

    return [
        Problem(store.display(folder / name), "a publish lock or journal is committed to git")
        for name in (LOCK, LOCK + OWNER, JOURNAL)
        if gitio.head_bytes(top, _rel(folder / name, top)) is not None
    ]


def _history(store: Store, folder: Path, top: Path) -> list[Problem]:
    from kpversion import gitio

    found = []
    for edit in gitio.edits_under(top, _rel(Layout(folder).revisions, top)):
        verb = "changed" if edit.status == "M" else "deleted"
        shown = store.display(top / edit.path)
        found.append(Problem(shown, f"published revision {verb} in commit {edit.commit[:12]}"))
    for path in gitio.changed_since_head(top, _rel(Layout(folder).revisions, top)):
        shown = store.display(top / path)
        found.append(Problem(shown, "published revision edited in the working tree"))
    found += _ledger_history(store, folder, top)
    found += _tags(store, folder, top)
    return found


def _tags(store: Store, folder: Path, top: Path) -> list[Problem]:
    """Each publish tag `<slug>/<version>` still matches the revision and ledger line it tagged.

    History rewritten whole (an amended commit, a new chain of hashes) passes every other test;
    the tag still points at what was published."""
    from kpversion import gitio

    ledger = Layout(folder).ledger
    lines = {entry.version: line for line, entry in read_ledger(ledger)}
    found = []
    for tag in gitio.tags(top, f"{folder.name}/"):
        version = tag.partition("/")[2]
        if version not in lines:
            found.append(Problem(store.display(ledger), f"has no line for {version}, tagged {tag}"))
            continue
        revision = Layout(folder).revision(version)
        if _at_tag(top, tag, revision) != _bytes_or_none(revision):
            found.append(Problem(store.display(revision), f"differs from what tag {tag} holds"))
        tagged_ledger = (_at_tag(top, tag, ledger) or b"").decode("utf-8", "replace")
        if lines[version] not in tagged_ledger.splitlines():
            found.append(
                Problem(store.display(ledger), f"line for {version} differs from tag {tag}")
            )
    return found


def _at_tag(top: Path, tag: str, path: Path) -> bytes | None:
    from kpversion import gitio

    try:
        return gitio.read_file_at_ref(top, tag, _rel(path, top))
    except KpversionError:
        return None


def _bytes_or_none(path: Path) -> bytes | None:
    try:
        return files.read_bytes(path, path.parents[1])
    except (OSError, StoreError):
        return None


def _ledger_history(store: Store, folder: Path, top: Path) -> list[Problem]:
    from kpversion import gitio

    ledger = Layout(folder).ledger
    shown = store.display(ledger)
    found = []
    versions = gitio.file_versions(top, _rel(ledger, top))
    for (_, before), (commit, after) in itertools.pairwise(versions):
        if not after.startswith(before):
            found.append(Problem(shown, f"ledger lines rewritten in commit {commit[:12]}"))
    committed = gitio.head_bytes(top, _rel(ledger, top))
    try:
        current = files.read_bytes(ledger, folder)
    except (OSError, StoreError):
        current = b""
    if committed is not None and not current.startswith(committed):
        found.append(
            Problem(shown, "ledger lines edited in the working tree (only appending is allowed)")
        )
    return found


def staged_problems(store: Store, top: Path) -> list[Problem]:
    """The index against HEAD: published revisions stay as they are, ledgers only grow."""
    from kpversion import gitio

    found = []
    for change in gitio.staged_changes(top):
        gone = change.old_path if change.status == "R" else change.path
        if change.status in "MDR" and _is_revision(gone):
            found.append(Problem(gone, "staged edit to a published revision (refused)"))
        if change.status in "MD" and Path(change.path).name == LEDGER:
            found += _staged_ledger(top, change.path, change.status)
    return found


def _is_revision(path: str) -> bool:
    parts = Path(path).parts
    return len(parts) >= 2 and parts[-2] == REVISIONS and path.endswith(".md")


def _staged_ledger(top: Path, path: str, status: str) -> list[Problem]:
    from kpversion import gitio

    before = gitio.head_bytes(top, path) or b""
    after = b"" if status == "D" else gitio.staged_bytes(top, path)
    if after.startswith(before):
        return []
    return [Problem(path, "staged edit to ledger lines (only appending is allowed)")]


def in_progress(folder: Path) -> bool:
    """A live publish holds this statement: its files are mid-flight, not tampered with."""
    return (folder / JOURNAL).exists() and held_here(folder)


def _rel(path: Path, top: Path) -> str:
    # The last part is not resolved: a symlinked revisions/ is named as git tracks it.
    return Path(os.path.relpath(path.parent.resolve() / path.name, top.resolve())).as_posix()
