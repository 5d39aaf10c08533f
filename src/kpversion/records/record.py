"""The retroactivity record of a revision, `records/<version>.json`: its fields, read and written.

Fields follow the record-keeping duties in docs/legal.md: identity, dates, scope, the change
list, the human determination, the retroactivity decision per change, cohorts, notice
evidence, choices, obligations, retention and the audit trail.

Records are msgspec structs and load with a strict schema: a missing field, an unknown one or
a wrong type (`"consent_required": "no"`, `"verdict": 7`) is an integrity problem, never a
rendered page. A fact only a person can supply (who decided, when, on what advice, which
notice channels were used) is recorded when given; otherwise it is `null` and the object's
`unknown` map says why (docs/records.md).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

import msgspec

from kpversion.errors import IntegrityError
from kpversion.store import files
from kpversion.store.layout import Layout
from kpversion.store.tree import Store

VerdictName = Literal["material", "non-material", "review"]
DirectionName = Literal["more_permissive", "more_protective", "neutral", "unknown"]
KindName = Literal["added", "removed", "modified", "moved", "format"]
Applies = Literal["yes", "no", "unsure"]
OverrideName = Literal["material", "non-material"]


class Basis(StrEnum):
    """On what basis a change applies to data already held (docs/legal.md, record item 6)."""

    NON_MATERIAL_OR_PROTECTIVE = "a-non-material-or-more-protective"
    CONSENT = "b-consent"
    HIPAA_RESERVATION = "c-hipaa-reservation"
    REQUIRED_BY_LAW = "d-required-by-law"
    NOT_APPLIED = "e-not-applied"


class _Part(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A part of a record: frozen, every field named, no field unknown to the schema."""


class RegimeAssessment(_Part, frozen=True):
    regime: str
    applies: Applies
    reason: str


class ChangeRecord(_Part, frozen=True):
    """One change and its retroactivity decision."""

    section_old: tuple[str, ...]
    section_new: tuple[str, ...]
    old: str
    new: str
    kind: KindName
    category: str
    rules: tuple[str, ...]
    verdict: VerdictName
    direction: DirectionName
    commitment_touched: bool
    """A negation, modal, quantifier or number changed (rules A11, A12, A16)."""
    applies_to_existing_data: bool
    basis: Basis
    consent_required: bool
    reason: str
    classifier_reason: str = ""


class HumanDetermination(_Part, frozen=True):
    """What a person decided. Each fact is null unless given, and `unknown` says why."""

    decided_by: str | None
    decided_on: str | None
    decision: VerdictName | None
    """The verdict a person settled on: the automatic one they accepted, or their override;
    null when no person's decision was recorded."""
    override: OverrideName | None
    because: str
    counsel_consulted: bool | None = None
    advice: str | None = None
    """On what advice the decision was taken (e.g. "outside counsel memo 2027-02-20")."""
    unknown: dict[str, str] = {}
    """For each null fact, why it is not known."""


class Cohort(_Part, frozen=True):
    """Data collected while an earlier revision was in force, and which revision governs it."""

    version: str
    collected_from: str
    collected_until: str
    governed_by: str
    until: str = ""


class NoticeEvidence(_Part, frozen=True):
    """How notice of a material revision was given: what kpversion wrote, and what a person
    said about the channels used."""

    channels: tuple[str, ...] | None
    """The notice channels a person said were used (publish --channel); null when not given."""
    notice_file: str | None
    """The notice kpversion wrote (`notices/<version>.md`), or null when it wrote none."""
    notice_sha256: str | None
    lead_time_days: int | None
    lead_time_target_days: int
    unknown: dict[str, str] = {}


class Choices(_Part, frozen=True):
    opt_in_required: bool
    refusal: str
    """What happens to the data of people who do not consent."""


class Obligation(_Part, frozen=True):
    name: str
    status: Literal["met", "not met", "to confirm", "n/a"]
    """`met`, `not met`, `to confirm` (a person must check) or `n/a`."""
    note: str


class Retention(_Part, frozen=True):
    """How long the superseded revision must be kept."""

    version: str
    superseded_on: str
    retain_until: str
    while_data_held: bool = True
    legal_hold: bool = False


class AuditEntry(_Part, frozen=True):
    by: str | None
    """Who ran the command that made the record (null when not known)."""
    at: str
    what: str
    tool: str


class Reconstruction(_Part, frozen=True):
    """Where a backfilled revision came from: it was reconstructed, not published here."""

    source_commit: str
    source_path: str
    source_subject: str
    version_from: Literal["text", "commit date"]
    effective_from: Literal["text", "commit date", "previous revision"]


class RetroactivityRecord(_Part, frozen=True):
    """`records/<version>.json`: the retroactive-applicability record of one revision."""

    record_id: str
    statement: str
    statement_url: str
    from_version: str | None
    to_version: str
    from_sha256: str | None
    to_sha256: str
    compare: str
    verdict: VerdictName
    published_at: str
    effective_at: str
    notice_start: str | None
    notice_end: str | None
    last_reviewed: str
    next_review_due: str
    entities: tuple[str, ...]
    regimes: tuple[RegimeAssessment, ...]
    retroactivity_clause: str | None
    """The previous revision's own clause on data already held, quoted; never consent."""
    changes: tuple[ChangeRecord, ...]
    consent_required: bool
    human_determination: HumanDetermination
    cohorts: tuple[Cohort, ...]
    grandfathering: tuple[Cohort, ...]
    """The cohorts that stay governed by an earlier revision."""
    notice_evidence: NoticeEvidence | None
    choices: Choices
    obligations: tuple[Obligation, ...]
    retention: Retention | None
    audit: tuple[AuditEntry, ...]
    review: bool = False
    """An annual review: only the version line changed."""
    reconstructed: Reconstruction | None = None
    """Set for a backfilled revision: the commit it was reconstructed from."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types: lists, not tuples."""
        data: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(self))
        return data

    def to_json(self) -> str:
        return msgspec.json.format(msgspec.json.encode(self).decode("utf-8"), indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: Any) -> RetroactivityRecord:
        """Strict: a wrong type or an unknown field raises msgspec.ValidationError."""
        return msgspec.convert(data, cls, strict=True)

    @classmethod
    def from_json(cls, data: bytes) -> RetroactivityRecord:
        return msgspec.json.decode(data, type=cls, strict=True)


def json_schema() -> dict[str, Any]:
    """The record's JSON Schema (docs/records.md), from the same structs that load it."""
    schema: dict[str, Any] = msgspec.json.schema(RetroactivityRecord)
    return schema


def load_record(store: Store, slug: str, version: str) -> RetroactivityRecord:
    """The record of one revision, from `records/<version>.json`; an unreadable or mistyped
    record is an IntegrityError naming the file."""
    path = Layout(store.statement(slug).folder).record(version)
    try:
        data = files.read_bytes(path, path.parents[1], store.display(path))
        return RetroactivityRecord.from_json(data)
    except FileNotFoundError:
        raise IntegrityError("no retroactivity record", store.display(path)) from None
    except msgspec.DecodeError as exc:
        raise IntegrityError(f"not a retroactivity record ({exc})", store.display(path)) from None


def records(store: Store, slug: str) -> list[RetroactivityRecord]:
    """Every record of a statement, oldest first (revisions without one are skipped)."""
    layout = Layout(store.statement(slug).folder)
    return [
        load_record(store, slug, str(r.version))
        for r in store.revisions(slug)
        if layout.record(r.version).is_file()
    ]
