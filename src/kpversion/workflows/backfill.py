"""`backfill`: a statement's history rebuilt from another repository's git log of one file.

Renames and renames back are followed (first-parent history, see gitio.follow_file). Every
commit that changes the text is kept:

- Only byte-identical texts collapse: a run of commits with the same bytes is one text, and
  its `published_at` is the first of them.
- When several texts land on the same day (the commit date, in the commit's own time zone),
  the day's last text is the day's revision; the others are listed in the result
  (`superseded`), so nothing is dropped silently.
- A revision's version is the date its text states when this text introduced that date (and
  it is after the previous version), else the commit date; the ledger says which
  (`version_from`). Its effective date is likewise the stated date when the text introduced
  it, else the commit date; never before it was published nor before the previous revision's
  (`effective_from`).

Each revision is classified against the one before it and gets a ledger line (`"source":
"backfill"`) and a retroactivity record marked as reconstructed, with its source commit: the
record claims no decision and no notice channel, and no notice is written. The statement
folder is built aside and renamed into place whole; with `commit`, the result is committed and
every revision tagged, each tag's message carrying its ledger line's hash.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kpversion.compare import compare, rules_for
from kpversion.config import StatementSettings, dump_toml, notice_days
from kpversion.dates import DateVersion, format_date
from kpversion.errors import InputError, IntegrityError, KpversionError, StoreError
from kpversion.gitio import FileCommit
from kpversion.records.record import Reconstruction
from kpversion.records.revision_files import NewRevision, build_revision_files
from kpversion.store import atomic
from kpversion.store.layout import Layout, backfill_staging, check_slug, safe_join
from kpversion.store.ledger import LedgerEntry, entry_trailer, line_hash, sha256_bytes
from kpversion.store.tree import Revision, Statement, Store
from kpversion.store.verify import verify_statement
from kpversion.text.version_line import infer_version, version_line_template

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): `history` while reading commits, `revisions` while writing."""
VersionFrom = Literal["text", "commit date"]
EffectiveFrom = Literal["text", "commit date", "previous revision"]


@dataclass(frozen=True)
class BackfillRequest:
    repo: Path
    path: str
    """The file's path in repo at its newest commit; older names are followed."""
    slug: str
    title: str | None = None
    kind: str | None = None
    editor: str = ""
    commit: bool = False
    """Commit the statement folder in the store's git work tree and tag every revision."""


@dataclass(frozen=True)
class Text:
    """One distinct text of the history: the first commit that had it, and its stated date."""

    commit: FileCommit
    text: str
    stated: DateVersion | None

    @property
    def day(self) -> dt.date:
        return self.commit.committer_date.date()


@dataclass(frozen=True)
class Candidate:
    """One future revision: its text, version and effective date, and where they came from."""

    text: Text
    version: DateVersion
    version_from: VersionFrom
    effective: dt.date
    effective_from: EffectiveFrom


@dataclass(frozen=True)
class Superseded:
    """A text that was replaced on the day it landed: kept in git, not a revision of its own."""

    text: Text
    by: str
    """The version of the revision that holds that day's last text."""


@dataclass(frozen=True)
class BackfillResult:
    slug: str
    commits: int
    texts: int
    """Distinct texts (runs of byte-identical commits count once)."""
    revisions: tuple[Revision, ...]
    superseded: tuple[Superseded, ...] = ()
    commit: str | None = None
    tags: tuple[str, ...] = field(default=())


def backfill(
    store: Store, request: BackfillRequest, now: dt.datetime, progress: Progress | None = None
) -> BackfillResult:
    """Rebuild request.slug's revisions from the git history of request.path."""
    from kpversion import gitio

    check_slug(request.slug)
    _check_path(request.path)
    _refuse_existing_history(store, request.slug)
    top = _work_tree(store, request) if request.commit else None
    history = gitio.follow_file(
        request.repo, request.path, (lambda d, t: progress("history", d, t)) if progress else None
    )
    if not history:
        raise InputError(f"no commit in this repository touches {request.path}", request.repo)
    texts = distinct_texts([_text(commit, request.repo) for commit in history])
    candidates, superseded = plan(texts)
    revisions = _build(store, request, candidates, now, progress, top)
    result = BackfillResult(request.slug, len(history), len(texts), revisions, tuple(superseded))
    if top is None:
        return result
    commit, tags = _commit(store, request, revisions, top)
    return BackfillResult(result.slug, result.commits, result.texts, revisions,
                          result.superseded, commit, tags)  # fmt: skip


def distinct_texts(texts: Sequence[Text]) -> list[Text]:
    """Runs of byte-identical texts collapse into their first commit."""
    kept: list[Text] = []
    for text in texts:
        if not kept or text.text != kept[-1].text:
            kept.append(text)
    return kept


def plan(texts: Sequence[Text]) -> tuple[list[Candidate], list[Superseded]]:
    """Each day's last text as a revision, with its version and effective date."""
    candidates: list[Candidate] = []
    superseded: list[Superseded] = []
    days = _last_of_each_day(texts, superseded)
    for text in days:
        candidate = _candidate(text, candidates[-1] if candidates else None)
        if candidates and candidate.version <= candidates[-1].version:
            # Versions strictly increase: a text whose date is not after the previous
            # version shares it, and the later text holds it.
            superseded.append(Superseded(candidates[-1].text, str(candidates[-1].version)))
            previous = candidates.pop()
            candidate = Candidate(text, previous.version, previous.version_from,
                                  max(candidate.effective, previous.effective),
                                  candidate.effective_from)  # fmt: skip
        candidates.append(candidate)
    by_text = {id(c.text): str(c.version) for c in candidates}
    for index, item in enumerate(superseded):
        if not item.by:
            later = next(t for t in days if t.day == item.text.day)
            superseded[index] = Superseded(item.text, by_text.get(id(later), ""))
    return candidates, superseded


def _last_of_each_day(texts: Sequence[Text], superseded: list[Superseded]) -> list[Text]:
    days: list[Text] = []
    for text in texts:
        if days and days[-1].day == text.day:
            superseded.append(Superseded(days[-1], ""))
            days[-1] = text
        else:
            days.append(text)
    return days


def _candidate(text: Text, previous: Candidate | None) -> Candidate:
    stated = text.stated
    introduced = stated is not None and (previous is None or stated != previous.text.stated)
    version_from: VersionFrom = "commit date"
    version = DateVersion(text.day)
    if stated is not None and introduced and (previous is None or stated > previous.version):
        version, version_from = stated, "text"
    published = text.day
    effective, effective_from = published, "commit date"
    if stated is not None and introduced and stated.date > published:
        effective, effective_from = stated.date, "text"
    if previous is not None and previous.effective > effective:
        effective, effective_from = previous.effective, "previous revision"
    return Candidate(text, version, version_from, effective, effective_from)  # type: ignore[arg-type]


def _text(commit: FileCommit, repo: Path) -> Text:
    try:
        text = commit.data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"not UTF-8 text at commit {commit.commit[:12]}", repo) from None
    return Text(commit, text, infer_version(text))


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


def _work_tree(store: Store, request: BackfillRequest) -> Path:
    from kpversion import gitio

    top = gitio.worktree(store.folder)
    if top is None:
        raise StoreError("--commit needs statements/ inside a git work tree", store.folder)
    taken = gitio.tags(top, f"{request.slug}/")
    if taken:
        raise StoreError(f"git tag {taken[0]} exists already", str(top))
    return top


def _build(
    store: Store,
    request: BackfillRequest,
    candidates: list[Candidate],
    now: dt.datetime,
    progress: Progress | None,
    top: Path | None,
) -> tuple[Revision, ...]:
    final = safe_join(store.folder, request.slug)
    aside = store.folder / backfill_staging(request.slug, os.getpid())
    shutil.rmtree(aside, ignore_errors=True)
    aside.mkdir()
    try:
        _settings(final, aside, request, candidates[-1].text.text)
        statement = Statement(request.slug, aside, _load(aside))
        revisions = _write(store, statement, request, candidates, now, progress, top)
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
    values.update(version_line_template(last_text))
    atomic.write_text(Layout(aside).settings, dump_toml(values))


def _load(folder: Path) -> StatementSettings:
    from kpversion.config import load_statement_settings

    return load_statement_settings(Layout(folder).settings)


def _title(text: str, slug: str) -> str:
    """Front matter's `title:`, else the first level-one heading, else the slug in words."""
    from kpversion.text.title import title_of

    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() == "---":
                break
            if line.startswith("title:"):
                return line.removeprefix("title:").strip().strip("'\"")
    return title_of(text) or slug.replace("-", " ").capitalize()


def _write(
    store: Store,
    statement: Statement,
    request: BackfillRequest,
    candidates: list[Candidate],
    now: dt.datetime,
    progress: Progress | None,
    top: Path | None,
) -> list[Revision]:
    revisions: list[Revision] = []
    lines: list[str] = []
    governed: dict[str, str] = {}
    for number, candidate in enumerate(candidates, start=1):
        revision, line, governed = _revision(
            store, statement, request, candidate, (revisions, lines, governed), now, top
        )
        revisions.append(revision)
        lines.append(line)
        if progress:
            progress("revisions", number, len(candidates))
    atomic.write_bytes(statement.layout.draft, candidates[-1].text.text.encode("utf-8"))
    atomic.write_text(statement.layout.ledger, "".join(f"{line}\n" for line in lines))
    return revisions


def _revision(
    store: Store,
    statement: Statement,
    request: BackfillRequest,
    candidate: Candidate,
    before: tuple[list[Revision], list[str], dict[str, str]],
    now: dt.datetime,
    top: Path | None,
) -> tuple[Revision, str, dict[str, str]]:
    revisions, lines, governed = before
    latest = revisions[-1] if revisions else None
    version = str(candidate.version)
    source = candidate.text.commit
    text = candidate.text.text
    labels = (
        f"{statement.slug}@{latest.version if latest else version}",
        f"{statement.slug}@{version}",
    )
    rules = rules_for(store.settings, statement.settings)
    result = compare(latest.text() if latest else text, text, labels, rules=rules)
    published = candidate.text.day
    reconstruction = Reconstruction(
        source_commit=source.commit,
        source_path=source.path,
        source_subject=source.subject,
        version_from=candidate.version_from,
        effective_from=candidate.effective_from,
    )
    new = NewRevision(
        statement=statement,
        previous=latest,
        version=candidate.version,
        text=text,
        result=result,
        published=published,
        effective=candidate.effective,
        history=tuple((r.entry.version, r.entry.effective) for r in revisions),
        source="backfill",
        editor=request.editor,
        now=now,
        provenance={
            "reconstructed": True,
            "source_commit": source.commit,
            "source_path": source.path,
            "source_subject": source.subject,
            "version_from": candidate.version_from,
            "effective_from": candidate.effective_from,
        },
        why=f"reconstructed by backfill from commit {source.commit[:12]} "
        f"({format_date(published)})",
        rules=rules,
        governed_before=governed,
        reconstructed=reconstruction,
        tag=f"{statement.slug}/{version}" if top is not None else None,
        tree_rules=store.settings.rules,
    )
    built = build_revision_files(
        new,
        notice_days(store.settings, statement.settings),
        store.settings.review_months,
        store.settings.base_url,
    )
    layout = Layout(statement.folder)
    data = text.encode("utf-8")
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
    atomic.write_bytes(layout.record(version), built.record_bytes)
    cohorts = {c.version: c.governed_by for c in built.record.cohorts}
    revision = Revision(statement.slug, candidate.version, layout.revision(version), entry)
    return revision, entry.to_line(), cohorts


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


def _commit(
    store: Store, request: BackfillRequest, revisions: Sequence[Revision], top: Path
) -> tuple[str, tuple[str, ...]]:
    """One commit holding the statement folder, and an annotated tag per revision whose
    message carries its ledger line's hash. If git fails, the tags and commit are undone and
    the folder is removed again: a backfill is committed whole or not at all."""
    from kpversion import gitio

    folder = store.statement(request.slug).folder
    parent = gitio.head(top)
    paths = (os.path.relpath(folder, top),)
    trailers = {"Kpversion-Statement": request.slug, "Kpversion-Backfill": str(len(revisions))}
    message = (
        f"Backfill {request.slug}: {len(revisions)} revisions from {request.path}\n\n"
        + "\n".join(f"{key}: {value}" for key, value in trailers.items())
        + "\n"
    )
    lines = [r.entry.to_line() for r in revisions]
    made: list[str] = []
    try:
        gitio.add_paths(top, paths)
        commit = gitio.commit_paths(top, paths, message)
        for revision, line in zip(revisions, lines, strict=True):
            tag = f"{request.slug}/{revision.version}"
            source = str(revision.entry.meta.get("source_commit", ""))[:12]
            text = f"{tag}: backfilled from commit {source}\n\n{entry_trailer(line)}\n"
            gitio.create_tag(top, tag, commit, text)
            made.append(tag)
    except KpversionError:
        for tag in made:
            gitio.delete_tag(top, tag)
        if gitio.commit_with_trailers(top, parent, trailers):
            gitio.undo_commit(top, parent, paths)
        else:
            gitio.unstage(top, parent, paths)
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return commit, tuple(made)


def summary(result: BackfillResult) -> list[str]:
    """What the command found, in lines: counts, then each superseded text of the day."""
    versions = [str(r.version) for r in result.revisions]
    lines = [
        f"backfilled {result.slug}: {result.commits} commits, {result.texts} distinct texts, "
        f"{len(versions)} revisions ({versions[0]} ... {versions[-1]})"
    ]
    for item in result.superseded:
        commit = item.text.commit
        lines.append(
            f"  {item.text.day}: text of commit {commit.commit[:12]} ({commit.subject}) was "
            f"replaced the same day; revision {item.by} holds the day's last text"
        )
    if result.commit:
        lines.append(f"git: commit {result.commit[:12]}, {len(result.tags)} tags")
    return lines
