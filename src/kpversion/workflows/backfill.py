"""`backfill`: a statement's history rebuilt from another repository's git log of one file.

Renames are followed (`git log --follow`, first-parent). A revision's version is the date the
text states ("Effective date: ...", "Last updated: ..."), else the commit's author date. Commits
with the same version collapse into the last of them; a stated date older than the previous
revision's (a revert, a stale line) falls back to the commit date. Each revision is classified
against the one before it, gets a ledger line (`"source": "backfill"`), a retroactivity record,
and a notice when material. The statement folder is built aside and renamed into place whole.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpversion.compare import compare, rules_for
from kpversion.config import StatementSettings, dump_toml, notice_days
from kpversion.dates import DateVersion, format_date
from kpversion.errors import InputError, IntegrityError, StoreError
from kpversion.gitio import FileCommit
from kpversion.records.revision_files import NewRevision, build_revision_files
from kpversion.store import atomic
from kpversion.store.layout import Layout, check_slug, safe_join
from kpversion.store.ledger import LedgerEntry, line_hash, sha256_bytes
from kpversion.store.tree import Revision, Statement, Store
from kpversion.store.verify import verify_statement
from kpversion.text.version_line import find_version_line, infer_version

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): `history` while reading commits, `revisions` while writing."""


@dataclass(frozen=True)
class BackfillRequest:
    repo: Path
    path: str
    """The file's path in repo at its newest commit; older names are followed."""
    slug: str
    title: str | None = None
    kind: str | None = None
    editor: str = ""


@dataclass(frozen=True)
class Candidate:
    """One future revision: its version and the last commit that had it."""

    version: DateVersion
    commit: FileCommit
    text: str
    from_text: bool


@dataclass(frozen=True)
class BackfillResult:
    slug: str
    commits: int
    revisions: tuple[Revision, ...]


def backfill(
    store: Store, request: BackfillRequest, now: dt.datetime, progress: Progress | None = None
) -> BackfillResult:
    """Rebuild request.slug's revisions from the git history of request.path."""
    from kpversion import gitio

    check_slug(request.slug)
    _check_path(request.path)
    _refuse_existing_history(store, request.slug)
    history = gitio.follow_file(
        request.repo, request.path, (lambda d, t: progress("history", d, t)) if progress else None
    )
    if not history:
        raise InputError(f"no commit in this repository touches {request.path}", request.repo)
    candidates = collapse([_candidate(commit, request.repo) for commit in history])
    revisions = _build(store, request, candidates, now, progress)
    return BackfillResult(request.slug, len(history), revisions)


def collapse(candidates: list[Candidate]) -> list[Candidate]:
    """Versions strictly increase: same version -> the later commit wins; older -> commit date."""
    kept: list[Candidate] = []
    for candidate in candidates:
        if kept and candidate.text == kept[-1].text:
            continue
        if kept and candidate.version < kept[-1].version:
            committed = DateVersion(candidate.commit.author_date.date())
            candidate = Candidate(max(committed, kept[-1].version), candidate.commit,
                                  candidate.text, False)  # fmt: skip
        if kept and candidate.version == kept[-1].version:
            kept[-1] = candidate
        else:
            kept.append(candidate)
    return kept


def _candidate(commit: FileCommit, repo: Path) -> Candidate:
    try:
        text = commit.data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"not UTF-8 text at commit {commit.commit[:12]}", repo) from None
    stated = infer_version(text)
    if stated is not None:
        return Candidate(stated, commit, text, True)
    return Candidate(DateVersion(commit.author_date.date()), commit, text, False)


def _check_path(path: str) -> None:
    """The file's path must name a file inside the repository, relative to its top folder."""
    if posixpath.isabs(path):
        raise InputError("is absolute; give the file's path inside the repository", path)
    normal = posixpath.normpath(path)
    if normal == ".." or normal.startswith("../"):
        raise InputError("leaves the repository; give the file's path inside it", path)
    if normal == ".":
        raise InputError("names the repository itself, not a file in it", path or "''")


def _refuse_existing_history(store: Store, slug: str) -> None:
    if store.exists(slug) and store.revisions(slug):
        raise StoreError(
            "statement has revisions already; backfill builds a history from scratch",
            store.display(store.statement(slug).folder),
        )


def _build(
    store: Store,
    request: BackfillRequest,
    candidates: list[Candidate],
    now: dt.datetime,
    progress: Progress | None,
) -> tuple[Revision, ...]:
    final = safe_join(store.folder, request.slug)
    aside = store.folder / f".{request.slug}.backfill-{os.getpid()}"
    shutil.rmtree(aside, ignore_errors=True)
    aside.mkdir()
    try:
        _settings(final, aside, request, candidates[-1].text)
        statement = Statement(request.slug, aside, _load(aside))
        revisions = _write(store, statement, request, candidates, now, progress)
        problems = verify_statement(aside, store.display(final))
        if problems:
            raise IntegrityError(f"backfill does not verify: {problems[0]}", final)
        _swap(aside, final)
    finally:
        shutil.rmtree(aside, ignore_errors=True)
    return tuple(
        Revision(r.slug, r.version, Layout(final).revision(r.version), r.entry) for r in revisions
    )


def _settings(final: Path, aside: Path, request: BackfillRequest, last_text: str) -> None:
    existing = Layout(final).settings
    if existing.exists():
        shutil.copy2(existing, Layout(aside).settings)
        return
    values: dict[str, Any] = {
        "title": request.title or _title(last_text, request.slug),
        "kind": request.kind or "privacy",
    }
    values.update(_version_line(last_text))
    atomic.write_text(Layout(aside).settings, dump_toml(values))


def _load(folder: Path) -> StatementSettings:
    from kpversion.config import load_statement_settings

    return load_statement_settings(Layout(folder).settings)


def _title(text: str, slug: str) -> str:
    """Front matter's `title:`, else the first level-one heading, else the slug in words."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() == "---":
                break
            if line.startswith("title:"):
                return line.removeprefix("title:").strip().strip("'\"")
    for line in lines:
        if line.startswith("# "):
            return line[2:].strip()
    return slug.replace("-", " ").capitalize()


def _version_line(text: str) -> dict[str, str]:
    """The statement's own version line as a template, so `publish` keeps its wording."""
    found = find_version_line(text)
    if found is None:
        return {}
    line = text[found.start : found.end]
    for style in ("long", "iso"):
        written = format_date(found.date, style)
        if written in line:
            return {"version_line": line.replace(written, "{date}"), "date_style": style}
    return {}


def _write(
    store: Store,
    statement: Statement,
    request: BackfillRequest,
    candidates: list[Candidate],
    now: dt.datetime,
    progress: Progress | None,
) -> list[Revision]:
    revisions: list[Revision] = []
    lines: list[str] = []
    for number, candidate in enumerate(candidates, start=1):
        revision, line = _revision(store, statement, request, candidate, revisions, lines, now)
        revisions.append(revision)
        lines.append(line)
        if progress:
            progress("revisions", number, len(candidates))
    atomic.write_bytes(statement.layout.draft, candidates[-1].text.encode("utf-8"))
    atomic.write_text(statement.layout.ledger, "".join(f"{line}\n" for line in lines))
    return revisions


def _revision(
    store: Store,
    statement: Statement,
    request: BackfillRequest,
    candidate: Candidate,
    before: list[Revision],
    lines: list[str],
    now: dt.datetime,
) -> tuple[Revision, str]:
    latest = before[-1] if before else None
    version = str(candidate.version)
    old = latest.text() if latest else candidate.text
    labels = (
        f"{statement.slug}@{latest.version if latest else version}",
        f"{statement.slug}@{version}",
    )
    rules = rules_for(store.settings, statement.settings)
    result = compare(old, candidate.text, labels, rules=rules)
    published = candidate.commit.author_date.date()
    new = NewRevision(
        statement=statement,
        previous=latest,
        version=candidate.version,
        text=candidate.text,
        result=result,
        published=published,
        effective=max(candidate.version.date, published),
        history=tuple((r.entry.version, r.entry.effective) for r in before),
        source="backfill",
        editor=request.editor,
        now=now,
        provenance={
            "source_commit": candidate.commit.commit,
            "source_path": candidate.commit.path,
            "source_subject": candidate.commit.subject,
            "version_from": "text" if candidate.from_text else "commit date",
        },
        why=f"backfill from {candidate.commit.commit[:12]} ({format_date(published)})",
        rules=rules,
    )
    built = build_revision_files(
        new,
        notice_days(store.settings, statement.settings),
        store.settings.review_months,
        store.settings.base_url,
    )
    layout = Layout(statement.folder)
    if built.notice_markdown is not None:
        atomic.write_text(layout.notice(version), built.notice_markdown)
    data = candidate.text.encode("utf-8")
    fields = built.fields
    entry = LedgerEntry(
        version=version,
        sha256=sha256_bytes(data),
        prev=line_hash(lines[-1]) if lines else None,
        published_at=fields["published_at"],
        effective=fields["effective"],
        verdict=fields["verdict"],
        meta={k: v for k, v in fields.items() if k not in ("published_at", "effective", "verdict")},
    )
    atomic.write_bytes(layout.revision(version), data)
    atomic.write_text(layout.record(version), built.record.to_json())
    return Revision(
        statement.slug, candidate.version, layout.revision(version), entry
    ), entry.to_line()


def _swap(aside: Path, final: Path) -> None:
    """Put the built folder in place; an existing folder (settings only) is replaced whole."""
    if not final.exists():
        os.rename(aside, final)
        atomic.fsync_dir(final.parent)
        return
    old = final.with_name(f".{final.name}.backfill-old")
    shutil.rmtree(old, ignore_errors=True)
    os.rename(final, old)
    os.rename(aside, final)
    atomic.fsync_dir(final.parent)
    shutil.rmtree(old, ignore_errors=True)
