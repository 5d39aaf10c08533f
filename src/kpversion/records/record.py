"""The retroactivity record of a revision, `records/<version>.json`: its fields, read and written.

Fields follow the record-keeping duties in docs/legal.md: identity, dates, scope, the change
list, the human determination, the retroactivity decision per change, cohorts, notice
evidence, choices, obligations, retention and the audit trail.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, is_dataclass
from enum import StrEnum
from typing import Any, TypeVar

from kpversion.errors import StoreError
from kpversion.store import files
from kpversion.store.layout import Layout
from kpversion.store.tree import Store


class Basis(StrEnum):
    """On what basis a change applies to data already held (docs/legal.md, record item 6)."""

    NON_MATERIAL_OR_PROTECTIVE = "a-non-material-or-more-protective"
    CONSENT = "b-consent"
    HIPAA_RESERVATION = "c-hipaa-reservation"
    REQUIRED_BY_LAW = "d-required-by-law"
    NOT_APPLIED = "e-not-applied"


@dataclass(frozen=True)
class RegimeAssessment:
    regime: str
    applies: str
    """`yes`, `no` or `unsure`."""
    reason: str


@dataclass(frozen=True)
class ChangeRecord:
    """One change and its retroactivity decision."""

    section_old: tuple[str, ...]
    section_new: tuple[str, ...]
    old: str
    new: str
    kind: str
    category: str
    rules: tuple[str, ...]
    verdict: str
    direction: str
    commitment_touched: bool
    """A negation, modal, quantifier or number changed (rules A11, A12, A16)."""
    applies_to_existing_data: bool
    basis: str
    consent_required: bool
    reason: str
    classifier_reason: str = ""


@dataclass(frozen=True)
class HumanDetermination:
    decided_by: str
    decided_on: str
    decision: str
    """The verdict a person settled on: the automatic one, or their override."""
    override: str | None
    because: str
    counsel_consulted: bool | None = None


@dataclass(frozen=True)
class Cohort:
    """Data collected while an earlier revision was in effect, and which revision governs it."""

    version: str
    collected_from: str
    collected_until: str
    governed_by: str
    until: str = ""


@dataclass(frozen=True)
class NoticeEvidence:
    channels: tuple[str, ...]
    notice_sha256: str
    lead_time_days: int
    lead_time_target_days: int


@dataclass(frozen=True)
class Choices:
    opt_in_required: bool
    refusal: str
    """What happens to the data of people who do not consent."""


@dataclass(frozen=True)
class Obligation:
    name: str
    status: str
    """`met`, `not met`, `to confirm` (a person must check) or `n/a`."""
    note: str


@dataclass(frozen=True)
class Retention:
    """How long the superseded revision must be kept."""

    version: str
    superseded_on: str
    retain_until: str
    while_data_held: bool = True
    legal_hold: bool = False


@dataclass(frozen=True)
class AuditEntry:
    by: str
    at: str
    what: str
    tool: str


@dataclass(frozen=True)
class RetroactivityRecord:
    """`records/<version>.json`: the retroactive-applicability record of one revision."""

    record_id: str
    statement: str
    statement_url: str
    from_version: str | None
    to_version: str
    from_sha256: str | None
    to_sha256: str
    compare: str
    verdict: str
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
    """The cohorts that stay governed by the revision they were collected under."""
    notice_evidence: NoticeEvidence | None
    choices: Choices
    obligations: tuple[Obligation, ...]
    retention: Retention | None
    audit: tuple[AuditEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types: lists, not tuples."""
        data: dict[str, Any] = json.loads(json.dumps(asdict(self)))
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RetroactivityRecord:
        return _build(cls, data)


def load_record(store: Store, slug: str, version: str) -> RetroactivityRecord:
    """The record of one revision, from `records/<version>.json`."""
    path = Layout(store.statement(slug).folder).record(version)
    try:
        data = json.loads(files.read_text(path, path.parents[1], store.display(path)))
        return RetroactivityRecord.from_dict(data)
    except FileNotFoundError:
        raise StoreError("no retroactivity record", store.display(path)) from None
    except UnicodeDecodeError as exc:
        raise StoreError(f"not a retroactivity record ({exc})", store.display(path)) from None
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"not a retroactivity record ({exc})", store.display(path)) from None


def records(store: Store, slug: str) -> list[RetroactivityRecord]:
    """Every record of a statement, oldest first (revisions without one are skipped)."""
    layout = Layout(store.statement(slug).folder)
    return [
        load_record(store, slug, str(r.version))
        for r in store.revisions(slug)
        if layout.record(r.version).is_file()
    ]


T = TypeVar("T")


def _build(cls: type[T], data: Mapping[str, Any]) -> T:
    hints = typing.get_type_hints(cls)
    values = {f.name: _value(hints[f.name], data[f.name]) for f in fields(cls) if f.name in data}  # type: ignore[arg-type]
    return cls(**values)


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _value(inner[0], value)
    if origin is tuple:
        return tuple(_value(args[0], item) for item in value)
    if is_dataclass(hint) and isinstance(hint, type):
        return _build(hint, value)
    return value
