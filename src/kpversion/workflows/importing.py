"""`import`: add a revision to a statement from a plain-text, Markdown or HTML file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kpversion.config import date_order
from kpversion.dates import DateVersion
from kpversion.errors import InputError, KpversionError, NothingToDo, StoreError
from kpversion.store.layout import check_slug
from kpversion.store.tree import Revision, Store
from kpversion.text.convert import to_markdown_file
from kpversion.text.title import title_of
from kpversion.text.version_line import find_version_line, version_line_template

UNSUPPORTED = {
    ".rst": "reStructuredText",
    ".rest": "reStructuredText",
    ".adoc": "AsciiDoc",
    ".pdf": "PDF",
    ".docx": "Word",
    ".odt": "OpenDocument",
    ".rtf": "RTF",
}
"""Formats read wrongly as plain text: refused rather than imported as a garbled revision."""


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
    _refuse_format(request.source)
    markdown = to_markdown_file(request.source, store.settings.chrome_patterns)
    existing = store.statement(request.slug).settings if store.exists(request.slug) else None
    order = date_order(store.settings, existing)
    version = _version(request, markdown, now.date(), order)
    if existing is None:
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
        "version_from": "option" if request.version else "text",
        "record_sha256": None,
        "notice_sha256": None,
        "recorded_at": now.isoformat(timespec="seconds"),
    }
    return store.add_revision(request.slug, version, markdown, fields)


def _refuse_format(source: Path) -> None:
    name = UNSUPPORTED.get(source.suffix.lower())
    if name is not None:
        raise InputError(
            f"{name} ({source.suffix}) is not supported: convert it to Markdown, HTML or plain "
            "text first (e.g. pandoc -t commonmark)",
            source,
        )


def _version(request: ImportRequest, markdown: str, today: dt.date, order: str) -> DateVersion:
    if request.version:
        try:
            version = DateVersion.parse(request.version)
        except KpversionError as exc:
            raise InputError(exc.problem, request.source) from None
        _refuse_future(version, today, request.source, "--version")
        return version
    line = find_version_line(markdown, order)  # type: ignore[arg-type]
    if line is None:
        raise InputError(
            "no version found: no 'Last updated' or 'Effective date' line; pass --version",
            request.source,
        )
    if line.date is None:
        raise InputError(f"{line.problem}; pass --version", request.source)
    version = DateVersion(line.date)
    _refuse_future(version, today, request.source, "the text's version line")
    return version


def _refuse_future(version: DateVersion, today: dt.date, source: Path, said: str) -> None:
    """As publish refuses it: a version is the date the text was last revised, not a future
    effective date."""
    if version.date > today:
        raise InputError(
            f"version {version} ({said}) is after today ({today}): a version is the date the "
            "statement was last revised; pass --version with that date",
            source,
        )


def _create(store: Store, request: ImportRequest, markdown: str) -> None:
    settings: dict[str, object] = {
        "title": request.title or title_of(markdown) or request.slug.replace("-", " ").capitalize(),
        "kind": request.kind or "privacy",
    }
    settings.update(version_line_template(markdown))
    store.create_statement(request.slug, settings)


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
