"""Verification: every statement folder's chain recomputed, every file under it rehashed.

The chain covers each revision's text, record and notice (their sha256 in the ledger line);
the last line, which no later line chains, is anchored by its publish tag, whose message
carries the line's hash (`Kpversion-Entry`), checked whenever a git work tree holds the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kpversion.dates import DateVersion
from kpversion.errors import IntegrityError, StoreError
from kpversion.store import files
from kpversion.store.layout import LEDGER, NOTICES, RECORDS, REVISIONS, Layout, revision_name
from kpversion.store.ledger import LedgerEntry, line_hash, read_ledger, sha256_bytes, trailer_hash


class StoreLike(Protocol):
    """What verification needs of a store (verification sits below the tree)."""

    folder: Path

    def slugs(self) -> list[str]: ...

    def strays(self) -> list[Path]: ...

    def display(self, path: Path) -> str: ...


@dataclass(frozen=True)
class Problem:
    """One integrity problem: the file it is about and what is wrong."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


# The files each ledger line vouches for besides the revision: (meta field, folder, suffix).
BESIDE = (("record_sha256", RECORDS, ".json", "retroactivity record"),
          ("notice_sha256", NOTICES, ".md", "notice"))  # fmt: skip


def verify_statement(folder: Path, display: str, top: Path | None = None) -> list[Problem]:
    """Recompute the chain and every file hash of one statement folder; with top (the git
    work tree), also each line's publish tag."""
    layout = Layout(folder)
    label = f"{display}/{LEDGER}"
    linked = [
        Problem(f"{display}/{name}", "is a symbolic link, not the published files")
        for name in (LEDGER, REVISIONS, RECORDS, NOTICES)
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
    for number, (line, entry) in enumerate(lines, start=1):
        if entry.prev != prev:
            problems.append(Problem(label, f"line {number} ({entry.version}): hash chain broken"))
        prev = line_hash(line)
        problems += _check_entry(folder, display, entry, last, label, number)
        if DateVersion.is_valid(entry.version):
            last = DateVersion.parse(entry.version)
    problems += _extra_files(folder, display, [entry for _, entry in lines])
    if top is not None and lines:
        problems += verify_tags(folder, display, lines, top)
    return problems + other_links(folder, display)


def other_links(folder: Path, display: str) -> list[Problem]:
    """Every symbolic link in the statement folder that the checks above do not name: a link
    could send a read (a leak) or a write (out of the tree) elsewhere."""
    named = {folder / LEDGER, *(folder / sub for sub in (REVISIONS, RECORDS, NOTICES))}
    found = []
    for path in files.links(folder):
        if path not in named and not _checked_by_name(folder, path):
            inner = path.relative_to(folder).as_posix()
            found.append(Problem(display if path == folder else f"{display}/{inner}", files.LINKED))
    return found


def _checked_by_name(folder: Path, path: Path) -> bool:
    """A file the entry and extra-file checks above name (and so report when it is a link)."""
    for sub, suffix in ((REVISIONS, ".md"), (RECORDS, ".json"), (NOTICES, ".md")):
        if path.parent == folder / sub and path.name.endswith(suffix):
            return DateVersion.is_valid(path.name.removesuffix(suffix))
    return False


def _check_entry(
    folder: Path, display: str, entry: LedgerEntry, last: DateVersion | None, label: str, n: int
) -> list[Problem]:
    if not DateVersion.is_valid(entry.version):
        return [Problem(label, f"line {n}: invalid version {entry.version!r}")]
    problems = []
    if last is not None and DateVersion.parse(entry.version) <= last:
        problems.append(Problem(label, f"line {n}: version {entry.version} is not after {last}"))
    revision = Layout(folder).revision(entry.version)
    problems += _check_file(revision, f"{display}/{revision_name(entry.version)}",
                            entry.sha256, "published revision")  # fmt: skip
    for name, sub, suffix, what in BESIDE:
        path = folder / sub / f"{entry.version}{suffix}"
        shown = f"{display}/{sub}/{entry.version}{suffix}"
        if name not in entry.meta:
            # A line written before kpversion chained this file: only a notice of a revision
            # that was not material can be told to be extra.
            if sub == NOTICES and entry.verdict != "material" and path.exists():
                problems.append(Problem(shown, f"extra file: the ledger records no {what}"))
            continue
        expected = entry.meta[name]
        if expected is None:
            if path.exists() or path.is_symlink():
                problems.append(Problem(shown, f"extra file: the ledger records no {what}"))
            continue
        problems += _check_file(path, shown, str(expected), what)
    return problems


def _check_file(path: Path, shown: str, sha256: str, what: str) -> list[Problem]:
    if path.is_symlink():
        return [Problem(shown, "is a symbolic link, not the published file")]
    if not path.exists():
        return [Problem(shown, f"{what} is missing")]
    if not path.is_file():
        return [Problem(shown, "is not a regular file")]
    if sha256_bytes(_read(path)) != sha256:
        return [Problem(shown, f"{what} changed (sha256 mismatch)")]
    return []


def _read(path: Path) -> bytes:
    try:
        return files.read_bytes(path, path.parents[1])
    except (OSError, StoreError) as exc:
        return f"unreadable: {exc}".encode()


def _extra_files(folder: Path, display: str, entries: list[LedgerEntry]) -> list[Problem]:
    """Revisions, records and notices named like a version that no ledger line accounts for."""
    versions = {entry.version for entry in entries}
    found = []
    for sub, suffix in ((REVISIONS, ".md"), (RECORDS, ".json"), (NOTICES, ".md")):
        for path in sorted((folder / sub).glob(f"*{suffix}")):
            stem = path.name.removesuffix(suffix)
            if DateVersion.is_valid(stem) and stem not in versions:
                found.append(Problem(f"{display}/{sub}/{path.name}", "not in the ledger"))
    return found


def verify_tags(
    folder: Path, display: str, lines: list[tuple[str, LedgerEntry]], top: Path
) -> list[Problem]:
    """Each line's publish tag still holds it: the tag exists when the line names it, its
    message carries the line's hash, and its commit holds the revision as published."""
    from kpversion import gitio

    label = f"{display}/{LEDGER}"
    tags = gitio.tag_details(top, f"{folder.name}/")
    found = []
    for number, (line, entry) in enumerate(lines, start=1):
        named = entry.meta.get("tag")
        name = named if isinstance(named, str) else f"{folder.name}/{entry.version}"
        tag = tags.get(name)
        where = f"line {number} ({entry.version})"
        if tag is None:
            if named is not None:
                found.append(Problem(label, f"{where}: its publish tag {name} is missing"))
            continue
        carried = trailer_hash(tag.message)
        if carried is None:
            if named is not None:
                found.append(Problem(label, f"{where}: tag {name} carries no entry hash "
                                     "(not the annotated publish tag)"))  # fmt: skip
            continue
        if carried != line_hash(line):
            why = "the line was edited, or the tag re-pointed"
            found.append(Problem(label, f"{where}: differs from what its publish tag {name} "
                                 f"anchors ({why})"))  # fmt: skip
        held = gitio.blob_at(
            top, tag.commit, _relative(Layout(folder).revision(entry.version), top)
        )
        if held is None or sha256_bytes(held) != entry.sha256:
            found.append(Problem(f"{display}/{revision_name(entry.version)}",
                                 f"differs from the revision its publish tag {name} holds "
                                 "(the file was changed, or the tag re-pointed)"))  # fmt: skip
    return found


def _relative(path: Path, top: Path) -> str:
    import os

    return Path(os.path.relpath(path.parent.resolve() / path.name, top.resolve())).as_posix()


@dataclass(frozen=True)
class VerifyReport:
    statements: int
    revisions: int
    problems: tuple[Problem, ...]
    strays: tuple[Problem, ...] = ()
    """Folders that are not statements: reported, never verified, never fatal to the rest."""


def verify_store(store: StoreLike, top: Path | None = None) -> VerifyReport:
    """Verify every statement of a store; with top, also against its git tags. A folder that
    holds a statement.toml under a name that is no slug is reported and skipped."""
    strays = tuple(
        Problem(store.display(path), "holds a statement.toml but is not a statement folder "
                "(its name is no slug; an interrupted backfill?); skipped")
        for path in store.strays()
    )  # fmt: skip
    problems: list[Problem] = linked_statements(store)
    revisions = 0
    slugs = store.slugs()
    for slug in slugs:
        folder = store.folder / slug
        problems += verify_statement(folder, store.display(folder), top)
        revisions += len(list(Layout(folder).revisions.glob("*.md")))
    return VerifyReport(len(slugs), revisions, tuple(problems), strays)


def linked_statements(store: StoreLike) -> list[Problem]:
    """Links directly in statements/: a statement folder or the tree's settings as a link."""
    return [
        Problem(f"{store.display(store.folder)}/{path.name}", files.LINKED)
        for path in sorted(store.folder.iterdir())
        if path.is_symlink()
    ]
