"""Verification: every statement folder's chain recomputed, every revision file rehashed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kpversion.dates import DateVersion
from kpversion.errors import IntegrityError, StoreError
from kpversion.store import files
from kpversion.store.layout import LEDGER, REVISIONS, Layout, revision_name
from kpversion.store.ledger import LedgerEntry, line_hash, read_ledger, sha256_bytes


class StoreLike(Protocol):
    """What verification needs of a store (verification sits below the tree)."""

    folder: Path

    def slugs(self) -> list[str]: ...

    def display(self, path: Path) -> str: ...


@dataclass(frozen=True)
class Problem:
    """One integrity problem: the file it is about and what is wrong."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def verify_statement(folder: Path, display: str) -> list[Problem]:
    """Recompute the chain and every revision hash of one statement folder."""
    layout = Layout(folder)
    label = f"{display}/{LEDGER}"
    linked = [
        Problem(f"{display}/{name}", "is a symbolic link, not the published files")
        for name in (LEDGER, REVISIONS)
        if (folder / name).is_symlink()
    ]
    if linked:
        return linked + other_links(folder, display)
    try:
        lines = read_ledger(layout.ledger)
    except IntegrityError as exc:
        return [Problem(label, exc.problem)]
    problems: list[Problem] = []
    prev: str | None = None
    last: DateVersion | None = None
    seen: set[str] = set()
    for number, (line, entry) in enumerate(lines, start=1):
        if entry.prev != prev:
            problems.append(Problem(label, f"line {number} ({entry.version}): hash chain broken"))
        prev = line_hash(line)
        problems += _check_entry(folder, display, entry, last, label, number)
        if DateVersion.is_valid(entry.version):
            last = DateVersion.parse(entry.version)
        seen.add(entry.version)
    for path in sorted(layout.revisions.glob("*.md")):
        if path.stem not in seen:
            problems.append(Problem(f"{display}/{REVISIONS}/{path.name}", "not in the ledger"))
    return problems + other_links(folder, display)


def other_links(folder: Path, display: str) -> list[Problem]:
    """Every symbolic link in the statement folder that the checks above do not name: a link
    could send a read (a leak) or a write (out of the tree) elsewhere."""
    named = {folder / LEDGER, folder / REVISIONS}
    found = []
    for path in files.links(folder):
        revision = path.parent == folder / REVISIONS and path.suffix == ".md"
        if path not in named and not revision:
            inner = path.relative_to(folder).as_posix()
            found.append(Problem(display if path == folder else f"{display}/{inner}", files.LINKED))
    return found


def _check_entry(
    folder: Path, display: str, entry: LedgerEntry, last: DateVersion | None, label: str, n: int
) -> list[Problem]:
    if not DateVersion.is_valid(entry.version):
        return [Problem(label, f"line {n}: invalid version {entry.version!r}")]
    problems = []
    if last is not None and DateVersion.parse(entry.version) <= last:
        problems.append(Problem(label, f"line {n}: version {entry.version} is not after {last}"))
    revision = Layout(folder).revision(entry.version)
    shown = f"{display}/{revision_name(entry.version)}"
    if revision.is_symlink():
        problems.append(Problem(shown, "is a symbolic link, not the published file"))
    elif not revision.exists():
        problems.append(Problem(shown, "revision file is missing"))
    elif not revision.is_file():
        problems.append(Problem(shown, "is not a regular file"))
    elif sha256_bytes(_read(revision)) != entry.sha256:
        problems.append(Problem(shown, "published revision changed (sha256 mismatch)"))
    return problems


def _read(revision: Path) -> bytes:
    try:
        return files.read_bytes(revision, revision.parents[1])
    except (OSError, StoreError) as exc:
        return f"unreadable: {exc}".encode()


@dataclass(frozen=True)
class VerifyReport:
    statements: int
    revisions: int
    problems: tuple[Problem, ...]


def verify_store(store: StoreLike) -> VerifyReport:
    """Verify every statement of a store."""
    problems: list[Problem] = linked_statements(store)
    revisions = 0
    slugs = store.slugs()
    for slug in slugs:
        folder = store.folder / slug
        problems += verify_statement(folder, store.display(folder))
        revisions += len(list(Layout(folder).revisions.glob("*.md")))
    return VerifyReport(len(slugs), revisions, tuple(problems))


def linked_statements(store: StoreLike) -> list[Problem]:
    """Links directly in statements/: a statement folder or the tree's settings as a link."""
    return [
        Problem(f"{store.display(store.folder)}/{path.name}", files.LINKED)
        for path in sorted(store.folder.iterdir())
        if path.is_symlink()
    ]
