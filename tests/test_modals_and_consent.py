"""Necessity is a duty: "need to" and "have to" bind as "must" does, and a permission that
carries them ("we may need to share") stays a permission, the longer modal being the one read.
And a verb that gets consent ("ask for your consent") is no collection of data.
"""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict

from .verdicts import assert_non_material, strongest


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "To exercise these rights, you need to verify your identity.",
            "To exercise these rights, you must verify your identity.",
        ),
        (
            "We need to keep records of transactions for tax purposes.",
            "We must keep records of transactions for tax purposes.",
        ),
        (
            "You have to provide an email address to create an account.",
            "You must provide an email address to create an account.",
        ),
        (
            "You do not have to provide your phone number.",
            "You do not need to provide your phone number.",
        ),
        (
            "However, by law, we do not have to agree to your request.",
            "However, by law, we are not required to agree to your request.",
        ),
        (
            "We may share your data with law enforcement.",
            "We may need to share your data with law enforcement.",
        ),
        (
            "We may be required to disclose your data to the police.",
            "We might be required to disclose your data to the police.",
        ),
    ],
)
def test_one_duty_or_permission_worded_another_way_is_no_change(old: str, new: str) -> None:
    assert_non_material(old, new)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We will delete your data when you close your account.",
            "We may need to delete your data when you close your account.",
        ),
        (
            "You need to give consent before we share your data with partners.",
            "You may give consent before we share your data with partners.",
        ),
    ],
)
def test_a_duty_made_a_permission_is_material_and_widens(old: str, new: str) -> None:
    verdict, direction, _ = strongest(old, new)
    assert (verdict, direction) == (Verdict.MATERIAL, Direction.MORE_PERMISSIVE)


def test_a_purchase_required_to_qualify_binds_no_one() -> None:
    old = "Minimum purchase of $100 required to qualify for offer.\n\nWe collect your email."
    new = "We collect your email."
    assert_non_material(old, new)


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "We ask for your consent before sending marketing emails.",
            "We may send you marketing emails.",
            Direction.MORE_PERMISSIVE,
        ),
        (
            "We use your location to show nearby stores.",
            "We obtain your consent before we use your location to show nearby stores.",
            Direction.MORE_PROTECTIVE,
        ),
    ],
)
def test_asking_for_consent_collects_no_data(old: str, new: str, direction: Direction) -> None:
    """ "ask for your consent", "obtain your consent": the verb gets a choice; read as a
    collection, dropping it read as collecting less (more protective)."""
    verdict, found, reason = strongest(old, new)
    assert (verdict, found) == (Verdict.MATERIAL, direction), reason
    assert "collect" not in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We may use and/or share aggregated data.", "We may use or share aggregated data."),
        (
            "We protect your information using industry-standard safeguards.",
            "We protect your information with industry-standard safeguards.",
        ),
    ],
)
def test_one_modal_governs_coordinated_practices_and_a_measure_is_no_use(
    old: str, new: str
) -> None:
    """ "may use and/or share": the "may" is the sharing's too, however far the "and/or" puts
    it; "using industry-standard safeguards" names the safeguard, not a use of data."""
    assert_non_material(old, new)
