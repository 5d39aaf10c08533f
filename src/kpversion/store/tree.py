"""The statements/ tree: statements, their drafts, revisions and ledgers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from kpversion.config import (
    StatementSettings,
    TreeSettings,
    dump_toml,
    load_statement_settings,
    load_tree_settings,
)
from kpversion.dates import DateVersion
from kpversion.errors import IntegrityError, KpversionError, StoreError
from kpversion.limits import MAX_TEXT_BYTES
from kpversion.store import atomic, files, transaction
from kpversion.store.layout import (
    BACKFILL_STAGING,
    DRAFT,
    LEDGER,
    SLUG_PATTERN,
    STATEMENTS,
    TREE_SETTINGS,
    Layout,
    check_slug,
    find_root,
    revision_name,
    safe_join,
    tree_folder,
)
from kpversion.store.ledger import LedgerEntry, line_hash, read_ledger, sha256_bytes

REFS = ("draft", "latest")


@dataclass(frozen=True)
class Statement:
    """One statement under version control."""

    slug: str
    folder: Path
    settings: StatementSettings

    @property
    def title(self) -> str:
        return self.settings.title

    @property
    def layout(self) -> Layout:
        return Layout(self.folder)


@dataclass(frozen=True)
class Revision:
    """One published revision: its version, file and ledger entry."""

    slug: str
    version: DateVersion
    path: Path
    entry: LedgerEntry

    def text(self) -> str:
        try:
            data = files.read_bytes(self.path, self.path.parents[1], limit=MAX_TEXT_BYTES)
            return data.decode("utf-8")
        except files.LinkRefused as exc:
            raise IntegrityError(exc.problem, self.path) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise IntegrityError(f"published revision unreadable ({exc})", self.path) from None


class Store:
    """The statements/ folder of a repository, read and written through one object."""

    def __init__(self, root: Path | str, *, recover: bool = True) -> None:
        self.folder = tree_folder(Path(root))
        self.root = self.folder.parent
        if not self.folder.is_dir():
            raise StoreError("no statements/ folder here (run `kpversion init`)", self.folder)
        # The next command after a killed publish finishes or undoes it, and says so (each
        # outcome is also logged to the `kpversion` logger), and after a killed backfill puts
        # back or removes what it left aside; `kpversion recover` opens the store without
        # either, to report what it finds itself.
        self.recovered = []
        if recover:
            self.recovered = transaction.recover_tree(self.folder)
            for line in recover_backfills(self.folder):
                transaction.log.warning(line)
                self.recovered.append(line)

    @classmethod
    def discover(cls, start: Path | str = ".", *, recover: bool = True) -> Store:
        """The store in start or its nearest parent holding statements/."""
        root = find_root(start)
        if root is None:
            raise StoreError(
                "no statements/ folder here or above (run `kpversion init`)",
                Path(start).resolve() / STATEMENTS,
            )
        return cls(root, recover=recover)

    @classmethod
    def open(cls, start: Path | str = ".") -> Store:
        """The store in start or above, its settings validated: what every command opens.

        Every settings file is read (the tree's and each statement's), so a misspelled key or a
        wrong value stops every command the same way, also those that would not read it.
        """
        store = cls.discover(start)
        store.check_settings()
        return store

    def check_settings(self) -> None:
        """Load every settings file, raising ConfigError on the first one that is wrong."""
        _ = self.settings
        for slug in self.slugs():
            self.statement(slug)

    @classmethod
    def init(cls, root: Path | str, site_title: str = "Policies") -> Store:
        folder = Path(root) / STATEMENTS
        folder.mkdir(parents=True, exist_ok=True)
        settings = folder / TREE_SETTINGS
        if not settings.exists():
            atomic.write_text(settings, dump_toml({"site_title": site_title}))
        return cls(root)

    @cached_property
    def settings(self) -> TreeSettings:
        path = self.folder / TREE_SETTINGS
        return load_tree_settings(path, self._settings_text(path, self.folder))

    def _settings_text(self, path: Path, inside: Path) -> str | None:
        """A settings file's text, read as a regular file inside statements/; None if absent."""
        try:
            return files.read_bytes(path, inside, self.display(path)).decode("utf-8")
        except FileNotFoundError:
            return None
        except UnicodeDecodeError as exc:
            problem = f"not UTF-8 text ({exc.reason} at byte {exc.start})"
            raise KpversionError(problem, self.display(path)) from None

    def display(self, path: Path) -> str:
        """A path as the user sees it: relative to the repository root (a link is named as
        itself, not as what it points to)."""
        try:
            return str((path.parent.resolve() / path.name).relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    def slugs(self) -> list[str]:
        """The statements: real folders named by a valid slug that hold a statement.toml (a
        linked folder is not one; verify and check report it)."""
        return sorted(
            p.name
            for p in self.folder.iterdir()
            if SLUG_PATTERN.fullmatch(p.name) and _is_statement_folder(p)
        )

    def strays(self) -> list[Path]:
        """Folders holding a statement.toml under a name that is no slug: never statements,
        reported by verify (a copy, a folder built aside by an interrupted backfill)."""
        return sorted(
            p
            for p in self.folder.iterdir()
            if not SLUG_PATTERN.fullmatch(p.name) and _is_statement_folder(p)
        )

    def statements(self) -> list[Statement]:
        return [self.statement(slug) for slug in self.slugs()]

    def statement(self, slug: str) -> Statement:
        check_slug(slug)
        folder = safe_join(self.folder, slug)
        settings_path = Layout(folder).settings
        if not settings_path.is_file():
            raise StoreError(f"unknown statement {slug!r}", self.display(folder))
        text = self._settings_text(settings_path, folder)
        return Statement(slug, folder, load_statement_settings(settings_path, text))

    def exists(self, slug: str) -> bool:
        return Layout(safe_join(self.folder, check_slug(slug))).settings.is_file()

    def ledger(self, slug: str) -> list[LedgerEntry]:
        return [entry for _, entry in read_ledger(self.statement(slug).layout.ledger)]

    def revisions(self, slug: str) -> list[Revision]:
        layout = self.statement(slug).layout
        return [
            Revision(slug, DateVersion.parse(e.version), layout.revision(e.version), e)
            for e in self.ledger(slug)
        ]

    def latest(self, slug: str) -> Revision | None:
        revisions = self.revisions(slug)
        return revisions[-1] if revisions else None

    def revision(self, slug: str, version: str | DateVersion) -> Revision:
        wanted = version if isinstance(version, DateVersion) else DateVersion.parse(version)
        for revision in self.revisions(slug):
            if revision.version == wanted:
                return revision
        raise StoreError(f"no revision {version}", self.display(self.statement(slug).folder))

    def in_force(self, slug: str, day: dt.date) -> Revision | None:
        """The revision in force on day (see in_force)."""
        return in_force(self.revisions(slug), day)

    def revision_in_force(self, slug: str, day: str) -> Revision:
        """in_force for a `YYYY-MM-DD` day, refused with one line when none was in force."""
        if not DateVersion.is_valid(day):
            raise StoreError(f"--in-force needs SLUG@YYYY-MM-DD, not {day!r}", slug)
        revision = self.in_force(slug, DateVersion.parse(day).date)
        if revision is None:
            revisions = self.revisions(slug)
            first = min((r.entry.effective for r in revisions), default=None)
            since = f" (the first takes effect {first})" if first else ""
            raise StoreError(
                f"no revision was in force on {day}{since}",
                self.display(self.statement(slug).folder),
            )
        return revision

    def upcoming(self, slug: str, day: dt.date) -> Revision | None:
        """The revision that takes effect next after day (see upcoming)."""
        return upcoming(self.revisions(slug), day)

    def draft_path(self, slug: str) -> Path:
        return self.statement(slug).layout.draft

    def draft(self, slug: str) -> str:
        """The draft's text: a regular file inside the statement folder, at most 5 MB."""
        path = self.draft_path(slug)
        shown = self.display(path)
        try:
            data = files.read_bytes(path, path.parent, shown, limit=MAX_TEXT_BYTES)
        except FileNotFoundError:
            raise StoreError("draft is missing", shown) from None
        return _decode(data, shown)

    def text(self, slug: str, ref: str | DateVersion = "latest") -> str:
        """The exact text of a revision (a `DateVersion` or `YYYY-MM-DD`), the latest revision
        (`"latest"`) or the draft (`"draft"`)."""
        if isinstance(ref, DateVersion):
            return self.revision(slug, ref).text()
        if ref == "draft":
            return self.draft(slug)
        if ref == "latest":
            latest = self.latest(slug)
            if latest is None:
                raise StoreError(
                    "no published revision yet", self.display(self.statement(slug).folder)
                )
            return latest.text()
        return self.revision(slug, ref).text()

    def create_statement(self, slug: str, settings: Mapping[str, Any]) -> Statement:
        check_slug(slug)
        folder = safe_join(self.folder, slug)
        files.check_path(Layout(folder).settings, self.folder, self.display(folder))
        if Layout(folder).settings.exists():
            raise StoreError(f"statement {slug!r} exists already", self.display(folder))
        atomic.write_text(Layout(folder).settings, dump_toml(dict(settings)))
        return self.statement(slug)

    def next_entry(
        self, slug: str, version: DateVersion, data: bytes, fields: Mapping[str, Any]
    ) -> LedgerEntry:
        """The ledger entry that would record data as revision `version`, after checks."""
        layout = self.statement(slug).layout
        ledger = read_ledger(layout.ledger)
        if ledger:
            last = DateVersion.parse(ledger[-1][1].version)
            if version <= last:
                raise StoreError(
                    f"version {version} is not after the latest revision {last}",
                    self.display(layout.revision(version)),
                )
        published = str(fields.get("published_at", version))
        return LedgerEntry(
            version=str(version),
            sha256=sha256_bytes(data),
            prev=line_hash(ledger[-1][0]) if ledger else None,
            published_at=published,
            effective=str(fields.get("effective", published)),
            verdict=str(fields.get("verdict", "non-material")),
            meta={
                k: v for k, v in fields.items() if k not in ("published_at", "effective", "verdict")
            },
        )

    def add_revision(
        self,
        slug: str,
        version: DateVersion,
        text: str,
        fields: Mapping[str, Any],
        *,
        update_draft: bool = True,
    ) -> Revision:
        """Record text as a new revision: revision file, the draft, then the ledger line, as
        one transaction under the statement's lock (all or nothing, see transaction.py)."""
        data = text.encode("utf-8")
        layout = self.statement(slug).layout
        with transaction.locked(layout.folder, self.display(layout.folder)):
            entry = self.next_entry(slug, version, data, fields)
            path = layout.revision(version)
            if path.exists():
                raise StoreError("revision file exists already", self.display(path))
            writes = [(revision_name(version), data)]
            if update_draft:
                writes.append((DRAFT, data))
            writes.append((LEDGER, self.ledger_with(slug, entry)))
            transaction.run(layout.folder, writes, None)
        return Revision(slug, version, path, entry)

    def ledger_with(self, slug: str, entry: LedgerEntry) -> bytes:
        """The statement's ledger file with entry's line appended."""
        path = self.statement(slug).layout.ledger
        try:
            old = files.read_bytes(path, path.parent, self.display(path))
        except FileNotFoundError:
            old = b""
        if old and not old.endswith(b"\n"):
            old += b"\n"
        return old + entry.to_line().encode("utf-8") + b"\n"

    def write_draft(self, slug: str, text: str) -> None:
        path = self.draft_path(slug)
        files.check_path(path, path.parent, self.display(path))
        atomic.write_text(path, text)


def in_force(revisions: Sequence[Revision], day: dt.date) -> Revision | None:
    """Of the revisions effective by day, the latest version: a revision superseded before its
    effective date (a pending one) is never in force."""
    effective = [r for r in revisions if r.entry.effective[:10] <= day.isoformat()]
    return effective[-1] if effective else None


def upcoming(revisions: Sequence[Revision], day: dt.date) -> Revision | None:
    """The revision that takes effect next after day: of the later versions not yet effective,
    the first to take effect (the latest version among those effective that same day)."""
    current = in_force(revisions, day)
    later = revisions[revisions.index(current) + 1 :] if current else revisions
    pending = [r for r in later if r.entry.effective[:10] > day.isoformat()]
    if not pending:
        return None
    first = min(r.entry.effective[:10] for r in pending)
    return [r for r in pending if r.entry.effective[:10] == first][-1]


def parse_ref(spec: str) -> tuple[str, str]:
    """Split `SLUG[@VERSION|@draft|@latest]` into (slug, ref); the ref defaults to latest."""
    slug, _, ref = spec.partition("@")
    check_slug(slug)
    ref = ref or "latest"
    if ref not in REFS and not DateVersion.is_valid(ref):
        DateVersion.parse(ref)
    return slug, ref


def _decode(data: bytes, display: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KpversionError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})", display
        ) from None


def recover_backfills(statements: Path) -> list[str]:
    """After a killed backfill: a folder it replaced goes back when the new one never arrived,
    and a folder it was building (its process gone) is removed. What was done, one line each."""
    import os
    import shutil

    done = []
    for folder in sorted(statements.iterdir()):
        match = BACKFILL_STAGING.fullmatch(folder.name)
        if match is None or not folder.is_dir() or folder.is_symlink():
            continue
        final = statements / match["slug"]
        shown = f"{STATEMENTS}/{folder.name}"
        if match["pid"] == "old":
            if not final.exists():
                os.rename(folder, final)
                done.append(f"{shown}: put back as {STATEMENTS}/{final.name}, "
                            "which a killed backfill had set aside")  # fmt: skip
            else:
                shutil.rmtree(folder, ignore_errors=True)
                done.append(f"{shown}: removed, the folder a finished backfill replaced")
        elif not _alive(int(match["pid"])):
            shutil.rmtree(folder, ignore_errors=True)
            done.append(f"{shown}: removed, built by a backfill that was killed")
    return done


def _is_statement_folder(path: Path) -> bool:
    return not path.is_symlink() and path.is_dir() and Layout(path).settings.is_file()


def _alive(pid: int) -> bool:
    """Whether a process of this id runs here (a folder is never taken from a live backfill)."""
    import os

    if pid == os.getpid() or os.name == "nt":  # os.kill(pid, 0) would end it on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True
