"""The retroactivity record of a revision: what data it applies to, and on what basis.

Fields follow LEGAL.md ("What a retroactive-applicability record should contain"). Consent
depends on the verdict, the direction and whether a change is applied to data already held.
The statement's own retroactivity clause ("any revised Privacy Statement will apply both to
information we already have ...") says a revision *would* apply to data already held; it is
never treated as the consent that a material, more permissive change needs (FTC doctrine).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields, is_dataclass
from enum import StrEnum
from typing import Any, TypeVar

from kpversion.change import Change, DiffResult, Direction, Verdict
from kpversion.dates import add_months
from kpversion.errors import StoreError
from kpversion.store.tree import Store
from kpversion.text.version_line import find_version_line


class Basis(StrEnum):
    """On what basis a change applies to data already held (LEGAL.md, section 6)."""

    NON_MATERIAL_OR_PROTECTIVE = "a-non-material-or-more-protective"
    CONSENT = "b-consent"
    HIPAA_RESERVATION = "c-hipaa-reservation"
    REQUIRED_BY_LAW = "d-required-by-law"
    NOT_APPLIED = "e-not-applied"


REGIMES: dict[str, tuple[str, str]] = {
    "FTC": (
        "yes",
        "FTC Act §5: the statement's promises bind the business; material changes applied to "
        "data already held need affirmative express (opt-in) consent",
    ),
    "CCPA": (
        "yes",
        "CCPA/CPRA: the statement names covered entities and individuals; policy updated at "
        "least every 12 months (Civ. §1798.130(a)(5))",
    ),
    "CalOPPA": (
        "yes",
        "CalOPPA: a site collecting personal information from California residents posts a "
        "dated policy and follows its stated change process (B&P §22575)",
    ),
    "GDPR": (
        "unsure",
        "GDPR applies only if the site offers services to or monitors people in the EU/EEA; "
        "confirm the scope",
    ),
    "HIPAA": (
        "no",
        "HIPAA n/a: applicant and employment records are not PHI; HIPAA governs a Notice of "
        "Privacy Practices, not this statement",
    ),
}
COMMITMENT_RULES = frozenset({"A11", "A12", "A16"})
COMMITMENT_WORDS = frozenset(
    ("not", "no", "never", "none", "nor", "may", "might", "will", "shall", "must", "can",
     "only", "solely", "all", "any", "every", "some", "always", "except", "unless")
)  # fmt: skip
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
APPLIES = re.compile(r"\bappl(?:y|ies)\b", re.IGNORECASE)
HELD = re.compile(r"\b(?:already|previously|existing)\b", re.IGNORECASE)
RETAIN_YEARS_AFTER_SUPERSEDED = 6
RETAIN_YEARS_AFTER_PUBLISHED = 5


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


@dataclass(frozen=True)
class RecordInput:
    """What a record is made from, besides the classified changes."""

    slug: str
    title: str
    url: str
    regimes: tuple[str, ...]
    entities: tuple[str, ...]
    previous: tuple[str, str, str] | None
    """(version, sha256, text) of the revision this one follows."""
    version: str
    sha256: str
    text: str
    published: dt.date
    effective: dt.date
    notice_days: int
    review_months: int
    history: tuple[tuple[str, str], ...]
    """(version, effective) of every earlier revision, oldest first."""
    editor: str
    now: dt.datetime
    why: str = "publish"
    notice_sha256: str | None = None


def build_record(source: RecordInput, result: DiffResult) -> RetroactivityRecord:
    """The record of one revision from its classified diff."""
    clause = retroactivity_clause(source.previous[2]) if source.previous else None
    override = result.override or None
    changes = tuple(assess(c, override, clause, source.previous) for c in result.changes)
    consent = any(c.consent_required for c in changes)
    cohorts = _cohorts(source, changes)
    verdict = result.verdict.value
    material = result.verdict is Verdict.MATERIAL
    return RetroactivityRecord(
        record_id=f"{source.slug}/{source.version}",
        statement=source.slug,
        statement_url=source.url,
        from_version=source.previous[0] if source.previous else None,
        to_version=source.version,
        from_sha256=source.previous[1] if source.previous else None,
        to_sha256=source.sha256,
        compare=f"{source.previous[0]}...{source.version}" if source.previous else "",
        verdict=verdict,
        published_at=source.published.isoformat(),
        effective_at=source.effective.isoformat(),
        notice_start=source.published.isoformat() if material else None,
        notice_end=source.effective.isoformat() if material else None,
        last_reviewed=source.version,
        next_review_due=add_months(
            dt.date.fromisoformat(source.version), source.review_months
        ).isoformat(),
        entities=source.entities,
        regimes=tuple(assess_regime(name) for name in source.regimes),
        retroactivity_clause=clause,
        changes=changes,
        consent_required=consent,
        human_determination=_determination(source, result),
        cohorts=cohorts,
        grandfathering=tuple(c for c in cohorts if c.governed_by != source.version),
        notice_evidence=_evidence(source) if material else None,
        choices=Choices(
            opt_in_required=consent,
            refusal=(
                "the data of people who do not opt in stays governed by the revision it was "
                "collected under"
                if consent
                else ""
            ),
        ),
        obligations=obligations(source, material),
        retention=_retention(source),
        audit=(AuditEntry(source.editor, source.now.isoformat(timespec="seconds"), source.why,
                          _tool()),),
    )  # fmt: skip


def assess(
    change: Change,
    override: str | None,
    clause: str | None,
    previous: tuple[str, str, str] | None,
) -> ChangeRecord:
    """Whether one change applies to data already held, on what basis, and if consent is due."""
    verdict = change.verdict
    if verdict is Verdict.REVIEW and override:
        verdict = Verdict(override)
    applies, basis, consent, reason = _decide(change, verdict, clause, previous)
    return ChangeRecord(
        section_old=change.old_section,
        section_new=change.new_section,
        old=change.old,
        new=change.new,
        kind=change.kind.value,
        category=change.category,
        rules=change.rules,
        verdict=change.verdict.value,
        direction=change.direction.value,
        commitment_touched=commitment_touched(change),
        applies_to_existing_data=applies,
        basis=basis.value,
        consent_required=consent,
        reason=reason,
        classifier_reason=change.reason,
    )


def _decide(
    change: Change, verdict: Verdict, clause: str | None, previous: tuple[str, str, str] | None
) -> tuple[bool, Basis, bool, str]:
    if verdict is Verdict.NON_MATERIAL:
        return True, Basis.NON_MATERIAL_OR_PROTECTIVE, False, "non-material: applies to all data"
    if change.direction in (Direction.MORE_PROTECTIVE, Direction.NEUTRAL):
        reason = f"{verdict.value}, {change.direction.value.replace('_', ' ')}: applies to all data"
        return True, Basis.NON_MATERIAL_OR_PROTECTIVE, False, reason
    old = previous[0] if previous else "the previous revision"
    rules = f" (rule {', '.join(change.rules)})" if change.rules else ""
    if clause is None:
        reason = (
            f"{verdict.value}, {change.direction.value.replace('_', ' ')}{rules}; {old} has no "
            f"retroactivity clause, so data collected under it stays governed by {old}"
        )
        return False, Basis.NOT_APPLIED, False, reason
    permissive = change.direction is Direction.MORE_PERMISSIVE
    how = "more permissive" if permissive else "direction unknown"
    reason = (
        f"{verdict.value}, {how}{rules}, applied to data already held by the retroactivity "
        f"clause of {old}: affirmative express (opt-in) consent is required before it governs "
        "that data (FTC: Gateway Learning order, 2012 privacy report, 2024 guidance); the "
        "clause itself is not consent"
    )
    return True, Basis.CONSENT, True, reason


def assess_regime(name: str) -> RegimeAssessment:
    applies, reason = REGIMES.get(name, ("unsure", f"{name}: no default assessment; confirm"))
    return RegimeAssessment(name, applies, reason)


def retroactivity_clause(text: str) -> str | None:
    """The sentence by which a statement applies its revisions to data already held."""
    for sentence in SENTENCE_END.split(text):
        if APPLIES.search(sentence) and HELD.search(sentence):
            return " ".join(sentence.split())
    return None


def commitment_touched(change: Change) -> bool:
    if COMMITMENT_RULES.intersection(change.rules):
        return True
    for edit in change.edits:
        touched = f"{edit.old} {edit.new}".lower().split()
        if any(w.strip(".,;:()") in COMMITMENT_WORDS or any(ch.isdigit() for ch in w)
               for w in touched):  # fmt: skip
            return True
    return False


def obligations(source: RecordInput, material: bool) -> tuple[Obligation, ...]:
    """The LEGAL.md checklist, filled in where the text and the dates can tell."""
    applies = {name: assess_regime(name).applies for name in source.regimes}
    shown = find_version_line(source.text)
    dated = shown is not None and shown.date.isoformat() == source.version
    effective_shown = re.search(r"effective\b[^\n]{0,40}\d{4}", source.text, re.IGNORECASE)
    return (
        _annual(source),
        Obligation("last_updated_shown", "met" if dated else "not met",
                   "CCPA: the date last updated is shown (11 CCR §7011(e)(4))"),
        Obligation("caloppa_effective_date_shown", "met" if effective_shown else "not met",
                   "CalOPPA: the policy states its effective date (B&P §22575(b)(4))"),
        _if(applies.get("CCPA") and material, "notice_at_collection_updated",
            "CCPA: update the Notice at Collection wherever the changed data is collected "
            "(11 CCR §7012)"),
        _if(applies.get("GDPR") in ("yes", "unsure") and material, "gdpr_devoted_notice_sent",
            "GDPR: a notice devoted to the change, before the new processing (Art. 13(3))"),
        _if(applies.get("HIPAA") == "yes" and material, "hipaa_npp_distribution",
            "HIPAA: post by the effective date; mail within 60 days without a website"),
    )  # fmt: skip


def _if(condition: object, name: str, note: str) -> Obligation:
    return Obligation(name, "to confirm" if condition else "n/a", note)


def _annual(source: RecordInput) -> Obligation:
    note = "CCPA: the policy is updated at least every 12 months (Civ. §1798.130(a)(5))"
    if source.previous is None:
        return Obligation("annual_update", "met", note)
    due = add_months(dt.date.fromisoformat(source.previous[0]), source.review_months)
    if dt.date.fromisoformat(source.version) <= due:
        return Obligation("annual_update", "met", note)
    return Obligation("annual_update", "not met", f"{note}; the update was due {due}")


def _determination(source: RecordInput, result: DiffResult) -> HumanDetermination:
    return HumanDetermination(
        decided_by=source.editor,
        decided_on=source.published.isoformat(),
        decision=result.verdict.value,
        override=result.override or None,
        because=result.because,
    )


def _cohorts(source: RecordInput, changes: Sequence[ChangeRecord]) -> tuple[Cohort, ...]:
    held_back = any(c.consent_required or not c.applies_to_existing_data for c in changes)
    bounds = [*source.history, (source.version, source.effective.isoformat())]
    cohorts = []
    for (version, start), (_, end) in itertools.pairwise(bounds):
        governed = version if held_back else source.version
        until = "opt-in consent is recorded" if held_back else ""
        cohorts.append(Cohort(version, start, end, governed, until))
    return tuple(cohorts)


def _evidence(source: RecordInput) -> NoticeEvidence:
    return NoticeEvidence(
        channels=(f"notices/{source.version}.md", "site notice page", "Atom feed", "banner"),
        notice_sha256=source.notice_sha256 or "",
        lead_time_days=(source.effective - source.published).days,
        lead_time_target_days=source.notice_days,
    )


def _retention(source: RecordInput) -> Retention | None:
    if source.previous is None:
        return None
    superseded = source.effective
    published = next(
        (dt.date.fromisoformat(e) for v, e in source.history if v == source.previous[0]),
        superseded,
    )
    until = max(
        add_months(superseded, 12 * RETAIN_YEARS_AFTER_SUPERSEDED),
        add_months(published, 12 * RETAIN_YEARS_AFTER_PUBLISHED),
    )
    return Retention(source.previous[0], superseded.isoformat(), until.isoformat())


def _tool() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"kpversion {version('kpversion')}"
    except PackageNotFoundError:
        return "kpversion"


def load_record(store: Store, slug: str, version: str) -> RetroactivityRecord:
    """The record of one revision, from `records/<version>.json`."""
    path = store.statement(slug).folder / "records" / f"{version}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return RetroactivityRecord.from_dict(data)
    except FileNotFoundError:
        raise StoreError("no retroactivity record", store.display(path)) from None
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"not a retroactivity record ({exc})", store.display(path)) from None


def records(store: Store, slug: str) -> list[RetroactivityRecord]:
    """Every record of a statement, oldest first (revisions without one are skipped)."""
    folder = store.statement(slug).folder / "records"
    return [
        load_record(store, slug, str(r.version))
        for r in store.revisions(slug)
        if (folder / f"{r.version}.json").is_file()
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
