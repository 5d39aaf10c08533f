"""The retroactivity record of a revision: what data it applies to, and on what basis.

Fields follow docs/legal.md ("What a retroactivity record holds"). Consent
depends on the verdict, the direction and whether a change is applied to data already held.
The statement's own retroactivity clause ("any revised Privacy Statement will apply both to
information we already have ...") says a revision *would* apply to data already held; it is
never treated as the consent that a material, more permissive change needs (FTC doctrine).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from kpversion.change import Change, DiffResult, Direction, Override, Verdict
from kpversion.compare import rules_for
from kpversion.dates import add_months
from kpversion.materiality.wording import plain, tokenize
from kpversion.records.record import (
    Applies,
    AuditEntry,
    Basis,
    ChangeRecord,
    Choices,
    Cohort,
    HumanDetermination,
    NoticeEvidence,
    Obligation,
    OverrideName,
    Reconstruction,
    RegimeAssessment,
    Retention,
    RetroactivityRecord,
    VerdictName,
)
from kpversion.store.layout import notice_name
from kpversion.text.sentences import split_sentences
from kpversion.text.version_line import find_version_line

if TYPE_CHECKING:
    from kpversion.materiality import Rules


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
APPLIES = re.compile(r"\bappl(?:y|ies)\b", re.IGNORECASE)
HELD = re.compile(r"\b(?:already|previously|existing)\b", re.IGNORECASE)
RETAIN_YEARS_AFTER_SUPERSEDED = 6
RETAIN_YEARS_AFTER_PUBLISHED = 5


@dataclass(frozen=True)
class HumanFacts:
    """What only a person can say, as given (publish options, API fields); None when not given."""

    decided_by: str | None = None
    decided_on: str | None = None
    counsel_consulted: bool | None = None
    advice: str | None = None
    channels: tuple[str, ...] | None = None
    """The notice channels that were used (the site's notice page, an e-mail, ...)."""


NOT_GIVEN = {
    "decided_by": "not given (kpversion publish --decided-by NAME records who decided)",
    "decided_on": "not given (kpversion publish --decided-on YYYY-MM-DD records when)",
    "decision": "no person's decision was recorded: the verdict is the classifier's "
    "(give --decided-by, or --override with --because)",
    "counsel_consulted": "not given (kpversion publish --counsel-consulted or --no-counsel)",
    "advice": "not given (kpversion publish --advice TEXT records on what advice)",
    "channels": "not given: which channels carried the notice is known only to a person "
    "(kpversion publish --channel NAME, once per channel)",
}
OVERRIDES: dict[Override, OverrideName] = {
    Override.MATERIAL: "material",
    Override.NON_MATERIAL: "non-material",
}
RECONSTRUCTED = (
    "reconstructed from git history by kpversion backfill: no decision or notice was recorded"
)


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
    rules: Rules | None = field(default=None, compare=False)
    """The statement's materiality rules (default: the packaged ones)."""
    human: HumanFacts = field(default_factory=HumanFacts)
    governed_before: Mapping[str, str] = field(default_factory=dict)
    """Which revision governed each cohort in the previous revision's record, by cohort."""
    reconstructed: Reconstruction | None = None
    """For a backfilled revision: where it was reconstructed from."""
    review: bool = False


def build_record(source: RecordInput, result: DiffResult) -> RetroactivityRecord:
    """The record of one revision from its classified diff."""
    clause = retroactivity_clause(source.previous[2]) if source.previous else None
    changes = tuple(
        change_record(c, result.override, clause, source.previous, source.rules)
        for c in result.changes
    )
    consent = any(c.consent_required for c in changes)
    held_back = any(c.consent_required or not c.applies_to_existing_data for c in changes)
    found = cohorts(
        source.history,
        source.version,
        source.effective.isoformat(),
        held_back,
        source.governed_before,
    )
    verdict = result.verdict.value
    material = result.verdict is Verdict.MATERIAL
    noticed = material and source.reconstructed is None
    return RetroactivityRecord(
        record_id=f"{source.slug}/{source.version}",
        statement=source.slug,
        statement_url=source.url,
        from_version=source.previous[0] if source.previous else None,
        to_version=source.version,
        from_sha256=source.previous[1] if source.previous else None,
        to_sha256=source.sha256,
        compare=f"{source.previous[0]}...{source.version}" if source.previous else "",
        verdict=cast(VerdictName, verdict),
        published_at=source.published.isoformat(),
        effective_at=source.effective.isoformat(),
        notice_start=source.published.isoformat() if noticed else None,
        notice_end=source.effective.isoformat() if noticed else None,
        last_reviewed=source.version,
        next_review_due=add_months(
            dt.date.fromisoformat(source.version), source.review_months
        ).isoformat(),
        entities=source.entities,
        regimes=tuple(regime_assessment(name) for name in source.regimes),
        retroactivity_clause=clause,
        changes=changes,
        consent_required=consent,
        human_determination=_determination(source, result),
        cohorts=found,
        grandfathering=tuple(c for c in found if c.governed_by != source.version),
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
        audit=(AuditEntry(by=source.editor or None, at=source.now.isoformat(timespec="seconds"),
                          what=source.why, tool=_tool()),),
        review=source.review,
        reconstructed=source.reconstructed,
    )  # fmt: skip


def cohorts(
    history: Sequence[tuple[str, str]],
    version: str,
    effective: str,
    held_back: bool,
    governed_before: Mapping[str, str],
) -> tuple[Cohort, ...]:
    """Data collected under each earlier revision while it was in force, and what governs it
    once `version` takes effect.

    A revision is in force from its effective date until a later revision takes effect: a
    revision superseded before its effective date (a pending one) was never in force and has
    no cohort. A cohort already held back under older terms stays there (opt-in
    grandfathering is never dropped by a later revision); otherwise it moves to `version`
    unless this revision's own changes are held back from data already held."""
    if not history:
        return ()
    bounds = [*history, (version, effective)]
    current = history[-1][0]
    found = []
    for index, (collected, start) in enumerate(history):
        end = min(e for _, e in bounds[index + 1 :])
        if end <= start:
            continue
        before = governed_before.get(collected, current)
        governed = before if held_back or before != current else version
        until = "opt-in consent is recorded" if governed != version else ""
        found.append(Cohort(version=collected, collected_from=start, collected_until=end,
                            governed_by=governed, until=until))  # fmt: skip
    return tuple(found)


def change_record(
    change: Change,
    override: Override | None,
    clause: str | None,
    previous: tuple[str, str, str] | None,
    rules: Rules | None = None,
) -> ChangeRecord:
    """Whether one change applies to data already held, on what basis, and if consent is due.

    rules (default: the packaged ones) name the commitment words."""
    verdict = change.verdict
    if verdict is Verdict.REVIEW and override is not None:
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
        commitment_touched=commitment_touched(change, rules or rules_for()),
        applies_to_existing_data=applies,
        basis=basis,
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


def regime_assessment(name: str) -> RegimeAssessment:
    applies, reason = REGIMES.get(name, ("unsure", f"{name}: no default assessment; confirm"))
    return RegimeAssessment(regime=name, applies=cast(Applies, applies), reason=reason)


def retroactivity_clause(text: str) -> str | None:
    """The sentence by which a statement applies its revisions to data already held."""
    for line in text.splitlines():
        for sentence in split_sentences(line):
            if APPLIES.search(sentence.text) and HELD.search(sentence.text):
                return " ".join(sentence.text.split())
    return None


def commitment_touched(change: Change, rules: Rules) -> bool:
    """A negation, modal, limit or quantifier of the rules file, or a number, was edited."""
    if COMMITMENT_RULES.intersection(change.rules):
        return True
    for edit in change.edits:
        words = [token.norm for token in tokenize(plain(f"{edit.old} {edit.new}"))]
        if rules.commitments.search(words) or any(w[:1].isdigit() for w in words):
            return True
    return False


def obligations(source: RecordInput, material: bool) -> tuple[Obligation, ...]:
    """The obligation checklist of docs/legal.md, filled in where the text and dates tell."""
    applies = {name: regime_assessment(name).applies for name in source.regimes}
    shown = find_version_line(source.text)
    dated = shown is not None and shown.date is not None and str(shown.date) == source.version
    effective_shown = re.search(r"effective\b[^\n]{0,40}\d{4}", source.text, re.IGNORECASE)
    return (
        _annual(source),
        _obligation("last_updated_shown", "met" if dated else "not met",
                    "CCPA: the date last updated is shown (11 CCR §7011(e)(4))"),
        _obligation("caloppa_effective_date_shown", "met" if effective_shown else "not met",
                    "CalOPPA: the policy states its effective date (B&P §22575(b)(4))"),
        _if(applies.get("CCPA") and material, "notice_at_collection_updated",
            "CCPA: update the Notice at Collection wherever the changed data is collected "
            "(11 CCR §7012)"),
        _if(applies.get("GDPR") in ("yes", "unsure") and material, "gdpr_devoted_notice_sent",
            "GDPR: a notice devoted to the change, before the new processing (Art. 13(3))"),
        _if(applies.get("HIPAA") == "yes" and material, "hipaa_npp_distribution",
            "HIPAA: post by the effective date; mail within 60 days without a website"),
    )  # fmt: skip


def _obligation(name: str, status: Any, note: str) -> Obligation:
    return Obligation(name=name, status=status, note=note)


def _if(condition: object, name: str, note: str) -> Obligation:
    return _obligation(name, "to confirm" if condition else "n/a", note)


def _annual(source: RecordInput) -> Obligation:
    note = "CCPA: the policy is updated at least every 12 months (Civ. §1798.130(a)(5))"
    if source.previous is None:
        return _obligation("annual_update", "met", note)
    due = add_months(dt.date.fromisoformat(source.previous[0]), source.review_months)
    if dt.date.fromisoformat(source.version) <= due:
        return _obligation("annual_update", "met", note)
    return _obligation("annual_update", "not met", f"{note}; the update was due {due}")


def _determination(source: RecordInput, result: DiffResult) -> HumanDetermination:
    """Only what was given: a null fact carries its reason in `unknown`."""
    human = source.human
    override = OVERRIDES[result.override] if result.override else None
    if source.reconstructed is not None:
        facts: dict[str, Any] = dict.fromkeys(
            ("decided_by", "decided_on", "decision", "counsel_consulted", "advice")
        )
        return HumanDetermination(
            **facts, override=None, because="", unknown=dict.fromkeys(facts, RECONSTRUCTED)
        )
    decided = human.decided_by is not None or override is not None
    facts = {
        "decided_by": human.decided_by,
        "decided_on": human.decided_on,
        "decision": override or (result.verdict.value if decided else None),
        "counsel_consulted": human.counsel_consulted,
        "advice": human.advice,
    }
    unknown = {name: NOT_GIVEN[name] for name, value in facts.items() if value is None}
    return HumanDetermination(**facts, override=override, because=result.because,
                              unknown=unknown)  # fmt: skip


def _evidence(source: RecordInput) -> NoticeEvidence:
    if source.reconstructed is not None:
        unknown = dict.fromkeys(("channels", "notice_sha256", "lead_time_days"), RECONSTRUCTED)
        return NoticeEvidence(channels=None, notice_file=None, notice_sha256=None,
                              lead_time_days=None, lead_time_target_days=source.notice_days,
                              unknown=unknown)  # fmt: skip
    channels = source.human.channels
    return NoticeEvidence(
        channels=channels,
        notice_file=notice_name(source.version),
        notice_sha256=source.notice_sha256,
        lead_time_days=(source.effective - source.published).days,
        lead_time_target_days=source.notice_days,
        unknown={} if channels is not None else {"channels": NOT_GIVEN["channels"]},
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
    return Retention(
        version=source.previous[0],
        superseded_on=superseded.isoformat(),
        retain_until=until.isoformat(),
    )


def _tool() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"kpversion {version('kpversion')}"
    except PackageNotFoundError:
        return "kpversion"
