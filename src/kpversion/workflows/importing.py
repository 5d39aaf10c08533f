"""`import`: add a revision to a statement from a plain-text, Markdown or HTML file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kpversion.dates import DateVersion
from kpversion.errors import InputError, KpversionError, NothingToDo, StoreError
from kpversion.store.layout import check_slug
from kpversion.store.tree import Revision, Store
from kpversion.text.convert import to_markdown_file
from kpversion.text.version_line import infer_version


@dataclass(frozen=True)
class ImportRequest:
    """What the user asked to import."""

    source: Path
    slug: str
    version: str | None = None
    title: str | None = None
    kind: str | None = None


def import_revision(store: Store, request: ImportRequest, now: dt.datetime) -> Revision:
    """Convert the source, infer or check its version, and record it as the next revision."""
    check_slug(request.slug)
    markdown = to_markdown_file(request.source, store.settings.chrome_patterns)
    version = _version(request, markdown)
    if not store.exists(request.slug):
        _create(store, request, markdown)
    else:
        _check_draft_clean(store, request.slug)
        _check_not_duplicate(store, request.slug, markdown)
    fields = {
        "published_at": str(version),
        "effective": str(version),
        "verdict": "non-material",
        "source": "import",
        "imported_from": request.source.name,
        "recorded_at": now.isoformat(timespec="seconds"),
    }
    return store.add_revision(request.slug, version, markdown, fields)


def _version(request: ImportRequest, markdown: str) -> DateVersion:
    if request.version:
        try:
            return DateVersion.parse(request.version)
        except KpversionError as exc:
            raise InputError(exc.problem, request.source) from None
    inferred = infer_version(markdown)
    if inferred is None:
        raise InputError(
            "no version found: no 'Last updated' or 'Effective date' line; pass --version",
            request.source,
        )
    return inferred


def _create(store: Store, request: ImportRequest, markdown: str) -> None:
    settings: dict[str, object] = {
        "title": request.title or _title_from(markdown, request.slug),
        "kind": request.kind or "privacy",
    }
    store.create_statement(request.slug, settings)


def _title_from(markdown: str, slug: str) -> str:
    """The first level-one heading, else the slug in words."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return slug.replace("-", " ").capitalize()


def _check_draft_clean(store: Store, slug: str) -> None:
    latest = store.latest(slug)
    draft_path = store.draft_path(slug)
    if latest is not None and draft_path.exists() and store.draft(slug) != latest.text():
        raise StoreError(
            "draft has unpublished changes; publish or discard them before importing",
            store.display(draft_path),
        )


def _check_not_duplicate(store: Store, slug: str, markdown: str) -> None:
    for revision in store.revisions(slug):
        if revision.text() == markdown:
            raise NothingToDo(
                f"identical to revision {revision.version}; nothing imported",
                store.display(revision.path),
            )
