from __future__ import annotations

import datetime as dt
from dataclasses import replace

from kpversion.change import Change, ChangeKind, DiffResult, Direction, Override, Side, Verdict
from kpversion.dates import add_months
from kpversion.records.record import Basis, RetroactivityRecord
from kpversion.records.retroactivity import (
    RecordInput,
    build_record,
    change_record,
    retroactivity_clause,
)

CLAUSE = (
    "Any revised Privacy Statement will apply both to information we already have about you "
    "at the time of the change and any personal information created or received after the "
    "change takes effect."
)
OLD = f"# Privacy\n\nWe do not sell data.\n\n## Revisions\n\nWe may revise it. {CLAUSE} Thanks.\n"
PREVIOUS = ("2023-01-24", "a" * 64, OLD)
SALE = Change(
    ChangeKind.MODIFIED,
    ("Privacy",),
    ("Privacy",),
    "We do not sell data.",
    "We may sell data.",
    verdict=Verdict.MATERIAL,
    direction=Direction.MORE_PERMISSIVE,
    category="third-party-sharing",
    rules=("A11",),
)


def test_the_clause_is_found_but_never_counts_as_consent() -> None:
    assert retroactivity_clause(OLD) == CLAUSE
    assert retroactivity_clause("# Privacy\n\nWe do not sell data.\n") is None
    decided = change_record(SALE, None, CLAUSE, PREVIOUS)
    assert (decided.applies_to_existing_data, decided.basis, decided.consent_required) == (
        True,
        Basis.CONSENT.value,
        True,
    )
    assert "the clause itself is not consent" in decided.reason
    assert decided.commitment_touched


def test_without_a_clause_the_change_is_not_applied_to_data_already_held() -> None:
    decided = change_record(SALE, None, None, PREVIOUS)
    assert (decided.applies_to_existing_data, decided.basis, decided.consent_required) == (
        False,
        Basis.NOT_APPLIED.value,
        False,
    )
    assert "data collected under it stays governed by 2023-01-24" in decided.reason


def test_protective_and_non_material_changes_apply_to_all_data() -> None:
    protective = replace(SALE, direction=Direction.MORE_PROTECTIVE)
    overridden = replace(SALE, verdict=Verdict.REVIEW, direction=Direction.UNKNOWN)
    for change, override in ((protective, None), (overridden, Override.NON_MATERIAL)):
        decided = change_record(change, override, CLAUSE, PREVIOUS)
        assert decided.basis == Basis.NON_MATERIAL_OR_PROTECTIVE.value
        assert decided.applies_to_existing_data and not decided.consent_required
    assert change_record(overridden, Override.MATERIAL, CLAUSE, PREVIOUS).consent_required


def test_add_months_keeps_to_the_calendar() -> None:
    assert add_months(dt.date(2023, 1, 24), 12) == dt.date(2024, 1, 24)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)


def test_record_fields_and_round_trip() -> None:
    source = RecordInput(
        slug="privacy-statement",
        title="Privacy Statement",
        url="https://example.org/privacy",
        regimes=("FTC", "CCPA", "HIPAA"),
        entities=("TPMG",),
        previous=PREVIOUS,
        version="2027-03-02",
        sha256="b" * 64,
        text="# Privacy\n\nWe may sell data.\n\nLast reviewed/updated: March 2, 2027\n",
        published=dt.date(2027, 3, 2),
        effective=dt.date(2027, 4, 1),
        notice_days=30,
        review_months=12,
        history=(("2023-01-24", "2023-01-24"),),
        editor="Ed",
        now=dt.datetime(2027, 3, 2, 10, tzinfo=dt.UTC),
        notice_sha256="c" * 64,
    )
    result = DiffResult(
        Side("old", "a"), Side("new", "b"), (SALE,), Override.MATERIAL, "Counsel: ok"
    )
    record = build_record(source, result)
    data = record.to_dict()
    assert {k: data[k] for k in ("record_id", "from_version", "to_version", "notice_start",
                                 "notice_end", "next_review_due", "consent_required")} == {
        "record_id": "privacy-statement/2027-03-02",
        "from_version": "2023-01-24",
        "to_version": "2027-03-02",
        "notice_start": "2027-03-02",
        "notice_end": "2027-04-01",
        "next_review_due": "2028-03-02",
        "consent_required": True,
    }  # fmt: skip
    assert [(r["regime"], r["applies"]) for r in data["regimes"]] == [
        ("FTC", "yes"), ("CCPA", "yes"), ("HIPAA", "no"),
    ]  # fmt: skip
    assert data["human_determination"]["override"] == "material"
    assert data["human_determination"]["because"] == "Counsel: ok"
    assert data["cohorts"] == [{
        "version": "2023-01-24", "collected_from": "2023-01-24", "collected_until": "2027-04-01",
        "governed_by": "2023-01-24", "until": "opt-in consent is recorded",
    }]  # fmt: skip
    assert data["grandfathering"] == data["cohorts"]
    assert data["retention"]["retain_until"] == "2033-04-01"
    assert data["notice_evidence"]["lead_time_days"] == 30
    statuses = {o["name"]: o["status"] for o in data["obligations"]}
    assert statuses["annual_update"] == "not met" and statuses["last_updated_shown"] == "met"
    assert statuses["hipaa_npp_distribution"] == "n/a"
    assert RetroactivityRecord.from_dict(data) == record
