"""The files of a new revision besides its text: notice, retroactivity record, ledger fields.

`publish` and `backfill` both record revisions; both build these through `build_revision_files`,
so a published and a backfilled revision are described the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kpversion.change import DiffResult, Verdict
from kpversion.dates import DateVersion
from kpversion.records.notice import Notice, build_notice, summarize
from kpversion.records.record import Reconstruction, RetroactivityRecord
from kpversion.records.retroactivity import HumanFacts, RecordInput, build_record
from kpversion.store.ledger import settings_digest, sha256_bytes, sha256_text
from kpversion.store.tree import Revision, Statement

if TYPE_CHECKING:
    from kpversion.materiality import Rules


@dataclass(frozen=True)
class NewRevision:
    """A revision about to be recorded, classified against the one before it."""

    statement: Statement
    previous: Revision | None
    version: DateVersion
    text: str
    result: DiffResult
    published: dt.date
    effective: dt.date
    history: tuple[tuple[str, str], ...]
    """(version, effective) of every earlier revision, oldest first."""
    source: str
    """How it came to be: `publish` or `backfill`."""
    editor: str
    now: dt.datetime
    editor_summary: str = ""
    provenance: Mapping[str, Any] = field(default_factory=dict)
    """Further ledger fields, in order (an override and its reason, a source commit, ...)."""
    why: str = "publish"
    """The record's audit line."""
    rules: Rules | None = field(default=None, compare=False)
    """The rules the revision was classified under (default: the packaged ones)."""
    human: HumanFacts = field(default_factory=HumanFacts)
    """What a person said about the decision and the notice (publish options)."""
    governed_before: Mapping[str, str] = field(default_factory=dict)
    """The previous record's cohorts: which revision governed each, by cohort version."""
    reconstructed: Reconstruction | None = None
    """For backfill: the commit the revision was reconstructed from."""
    review: bool = False
    """An annual review: only the version line changed."""
    tag: str | None = None
    """The git tag that will anchor this revision's ledger line, when one is made."""
    tree_rules: Mapping[str, Any] = field(default_factory=dict)
    """The tree's rule overrides (kpversion.toml), recorded with the statement's settings."""


@dataclass(frozen=True)
class RevisionFiles:
    """What is written beside the revision's text."""

    notice: Notice | None
    """The notice, when the revision is material (and not reconstructed)."""
    notice_markdown: str | None
    """`notices/<version>.md`, when there is a notice (its link under base_url)."""
    record: RetroactivityRecord
    fields: dict[str, Any]
    """The ledger entry's fields besides version, sha256 and prev."""

    @property
    def notice_bytes(self) -> bytes | None:
        return self.notice_markdown.encode("utf-8") if self.notice_markdown is not None else None

    @property
    def record_bytes(self) -> bytes:
        return self.record.to_json().encode("utf-8")


def build_revision_files(
    new: NewRevision, notice_days: int, review_months: int, base_url: str = ""
) -> RevisionFiles:
    """The notice (when material), the record and the ledger fields of a new revision; the
    notice page links to the full comparison under base_url (relative without one).

    The ledger fields hold the sha256 of the record and of the notice, so both are under the
    hash chain with the revision's text."""
    notice = _notice(new)
    markdown = notice.to_markdown(base_url) if notice else None
    record = build_record(_record_input(new, markdown, notice_days, review_months), new.result)
    files = RevisionFiles(notice, markdown, record, {})
    files.fields.update(_ledger_fields(new, files, notice_days))
    return files


def _notice(new: NewRevision) -> Notice | None:
    """A reconstructed revision gets none: kpversion cannot say that a notice went up."""
    if new.result.verdict is not Verdict.MATERIAL or new.reconstructed is not None:
        return None
    previous = str(new.previous.version) if new.previous else None
    dates = (previous, str(new.version), new.published, new.effective)
    return build_notice(
        new.statement.slug, new.statement.title, new.result, dates, new.editor_summary
    )


def _record_input(
    new: NewRevision, notice: str | None, notice_days: int, review_months: int
) -> RecordInput:
    settings = new.statement.settings
    previous = new.previous
    return RecordInput(
        slug=new.statement.slug,
        title=new.statement.title,
        url=settings.url,
        regimes=settings.regimes,
        entities=settings.entities,
        previous=(str(previous.version), previous.entry.sha256, previous.text())
        if previous
        else None,
        version=str(new.version),
        sha256=sha256_text(new.text),
        text=new.text,
        published=new.published,
        effective=new.effective,
        notice_days=notice_days,
        review_months=review_months,
        history=new.history,
        editor=new.editor,
        now=new.now,
        why=new.why,
        notice_sha256=sha256_bytes(notice.encode("utf-8")) if notice is not None else None,
        rules=new.rules,
        human=new.human,
        governed_before=new.governed_before,
        reconstructed=new.reconstructed,
        review=new.review,
    )


def _ledger_fields(new: NewRevision, files: RevisionFiles, notice_days: int) -> dict[str, Any]:
    notice = files.notice
    notice_bytes = files.notice_bytes
    settings = new.statement.settings
    fields: dict[str, Any] = {
        "published_at": new.published.isoformat(),
        "effective": new.effective.isoformat(),
        "verdict": new.result.verdict.value,
        "source": new.source,
        "previous": str(new.previous.version) if new.previous else None,
        "summary": notice.summary if notice else summarize(new.result, new.editor_summary),
        **new.provenance,
    }
    if new.review:
        fields["review"] = True
    if notice is not None:
        fields["notice"] = notice.to_meta()
    fields["record_sha256"] = sha256_bytes(files.record_bytes)
    fields["notice_sha256"] = sha256_bytes(notice_bytes) if notice_bytes is not None else None
    fields["settings"] = settings_digest(
        settings.kind, settings.regimes, notice_days, new.tree_rules, settings.rules
    )
    if new.tag is not None:
        fields["tag"] = new.tag
    fields["recorded_at"] = new.now.isoformat(timespec="seconds")
    return fields
