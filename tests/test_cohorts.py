"""Cohorts over random publish sequences: material or not, any effective dates, consent
required or not. Checked against a day-by-day oracle of which revision was in force."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from kpversion.change import Change, ChangeKind, DiffResult, Direction, Side, Verdict
from kpversion.records.record import Cohort
from kpversion.records.retroactivity import RecordInput, build_record

START = dt.date(2024, 1, 1)
CLAUSE = "Any revised statement will apply to information we already have about you."
SALE = Change(
    ChangeKind.MODIFIED, ("P",), ("P",), "We do not sell data.", "We may sell data.",
    verdict=Verdict.MATERIAL, direction=Direction.MORE_PERMISSIVE, rules=("A11",),
)  # fmt: skip

step = st.tuples(
    st.integers(min_value=1, max_value=20),  # days after the previous version
    st.integers(min_value=0, max_value=60),  # days from publication to effect
    st.sampled_from(["non-material", "material-protective", "material-permissive"]),
    st.booleans(),  # the previous text holds a retroactivity clause (then consent is due)
)


def change_for(kind: str) -> Change:
    if kind == "non-material":
        return replace(SALE, verdict=Verdict.NON_MATERIAL, direction=Direction.NEUTRAL)
    if kind == "material-protective":
        return replace(SALE, direction=Direction.MORE_PROTECTIVE)
    return SALE


def in_force(history: list[tuple[str, str]], day: str) -> str | None:
    """The oracle: of the revisions effective by day, the latest version."""
    effective = [version for version, start in history if start <= day]
    return effective[-1] if effective else None


@settings(max_examples=300, deadline=None)
@given(st.lists(step, min_size=1, max_size=8))
def test_cohorts_over_random_publish_sequences(steps: list[tuple[int, int, str, bool]]) -> None:
    history = [(START.isoformat(), START.isoformat())]
    governed: dict[str, str] = {}
    held_before: dict[str, str] = {}
    version = START
    for gap, lead, kind, clause in steps:
        version += dt.timedelta(days=gap)
        effective = version + dt.timedelta(days=lead)
        previous_text = f"# P\n\nWe do not sell data. {CLAUSE if clause else ''}\n"
        source = RecordInput(
            slug="p", title="P", url="", regimes=("FTC",), entities=(),
            previous=(history[-1][0], "0" * 64, previous_text), version=version.isoformat(),
            sha256="1" * 64, text="# P\n\nWe may sell data.\n", published=version,
            effective=effective, notice_days=30, review_months=12, history=tuple(history),
            editor="", now=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), governed_before=governed,
        )  # fmt: skip
        result = DiffResult(Side("a", "0"), Side("b", "1"), (change_for(kind),))
        record = build_record(source, result)
        check(record.cohorts, history, version.isoformat(), effective.isoformat())
        assert record.grandfathering == tuple(
            c for c in record.cohorts if c.governed_by != version.isoformat()
        )
        for cohort in record.cohorts:
            # Opt-in grandfathering is never dropped by a later revision.
            if cohort.version in held_before:
                assert cohort.governed_by == held_before[cohort.version]
            assert (cohort.until == "") == (cohort.governed_by == version.isoformat())
        held_before = {c.version: c.governed_by for c in record.grandfathering}
        governed = {c.version: c.governed_by for c in record.cohorts}
        history.append((version.isoformat(), effective.isoformat()))


def check(cohorts: tuple[Cohort, ...], history: list[tuple[str, str]], new: str, end: str) -> None:
    """From/until are ordered, cohorts do not overlap, and each is exactly the days its
    revision was in force before the new one takes effect."""
    for cohort in cohorts:
        assert cohort.collected_from < cohort.collected_until
        # Governed by the terms it was collected under or moved to, never by a revision
        # later than the one the new revision replaces, unless by the new one itself.
        assert cohort.version <= cohort.governed_by
        assert cohort.governed_by == new or cohort.governed_by <= history[-1][0]
    for before, after in itertools.pairwise(cohorts):
        assert before.collected_until <= after.collected_from
    expected: dict[str, list[str]] = {}
    day = dt.date.fromisoformat(history[0][1])
    while day.isoformat() < end:
        version = in_force(history, day.isoformat())
        if version is not None:
            expected.setdefault(version, []).append(day.isoformat())
        day += dt.timedelta(days=1)
    found = {c.version: c for c in cohorts}
    assert set(found) == set(expected)
    for version, days in expected.items():
        assert (found[version].collected_from, found[version].collected_until) == (
            days[0],
            (dt.date.fromisoformat(days[-1]) + dt.timedelta(days=1)).isoformat(),
        )


publish_step = st.tuples(
    st.integers(min_value=1, max_value=40),  # days since the previous publish
    st.sampled_from(["material", "non-material", "review"]),
    st.one_of(st.none(), st.integers(min_value=0, max_value=45)),  # --effective, in days
)


@settings(max_examples=12, deadline=None)
@given(st.lists(publish_step, min_size=1, max_size=4))
def test_random_publish_sequences_never_bypass_a_notice_period(
    steps: list[tuple[int, str, int | None]],
) -> None:
    """Real publishes (no git): whatever the order, verdicts and effective dates asked for,
    what publish accepts is a history `check` finds no notice-period problem in, with ordered
    cohorts and grandfathering kept."""
    import shutil
    import tempfile
    from pathlib import Path

    from kpversion import Store
    from kpversion.workflows.check import notice_periods
    from kpversion.workflows.publish import PublishRefused, PublishRequest, publish

    from .conftest import REPO

    slug = "privacy-statement"
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        shutil.copytree(REPO / "statements", root / "statements")
        now = dt.datetime(2027, 1, 1, 9, tzinfo=dt.UTC)
        flipped = False
        for gap, kind, lead in steps:
            now += dt.timedelta(days=gap)
            store = Store(root)
            draft = store.draft(slug)
            if kind == "material":
                pair = ("We may sell or rent", "We do not sell or rent")
                old, new = pair if flipped else pair[::-1]
                store.write_draft(slug, draft.replace(old, new, 1))
            elif kind == "non-material":
                words = (
                    ("committed", "dedicated")
                    if "committed" in draft
                    else ("dedicated", "committed")
                )
                store.write_draft(slug, draft.replace(*words, 1))
            effective = None if lead is None else (now.date() + dt.timedelta(days=lead))
            request = PublishRequest(
                slug, effective=effective.isoformat() if effective else None,
                override=None if kind == "review" else kind, because="decided",
                git=False, review=kind == "review",
            )  # fmt: skip
            try:
                publish(store, request, now)
            except PublishRefused:
                store.write_draft(slug, store.text(slug, "latest"))
                continue
            if kind == "material":
                flipped = not flipped
        store = Store(root)
        assert [f for f in notice_periods(store, slug) if "pending" in f.problem or
                "before the notice period" in f.problem] == []  # fmt: skip
        from kpversion.records.record import records

        for record in records(store, slug):
            check(record.cohorts, [(r.entry.version, r.entry.effective)
                                   for r in store.revisions(slug)
                                   if r.entry.version < record.to_version],
                  record.to_version, record.effective_at)  # fmt: skip
