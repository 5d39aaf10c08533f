"""Ads chosen by the page (non-personalised, contextual) are not ads chosen by a profile: one
put for the other is a purpose changed, with its direction; the same kind spelled another way
is no change. A purpose read beside a protection ("to keep our platform secure and to show
you ads") is still a use of data."""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict

from .verdicts import carried

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "We rely on legitimate interests to process data to prevent fraud and deliver "
            "non-personalised ads.",
            "We rely on legitimate interests to process data to prevent fraud and deliver "
            "personalised ads.",
            PERMISSIVE,
        ),
        (
            "We process data to keep our platform secure and to show you contextual ads.",
            "We process data to keep our platform secure and to show you targeted ads.",
            PERMISSIVE,
        ),
        (
            "We use your viewing history to show you personalized ads.",
            "We use your viewing history to show you non-personalized ads.",
            PROTECTIVE,
        ),
        (
            "Without your consent we only show contextual advertising.",
            "Without your consent we only show targeted advertising.",
            PERMISSIVE,
        ),
    ],
)
def test_contextual_for_targeted_advertising_is_a_purpose_changed(
    old: str, new: str, direction: Direction
) -> None:
    found, ways, _ = carried(old, new)
    assert found is Verdict.MATERIAL
    assert ways == {direction}


def test_the_same_kind_of_ads_spelled_another_way_is_no_change() -> None:
    found, _, _ = carried(
        "Without your consent we deliver non-personalised ads.",
        "Without your consent we deliver non-personalized ads.",
    )
    assert found is Verdict.NON_MATERIAL
