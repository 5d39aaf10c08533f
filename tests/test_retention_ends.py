"""The end data is kept to: an account's or contract's end put for "as long as necessary" (an
end the writer judges, open-ended) keeps data longer; the reverse bounds it. The same end
reworded is no change."""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict

from .verdicts import strongest


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "We retain your data for as long as your account is active.",
            "We retain your data for as long as necessary.",
            Direction.MORE_PERMISSIVE,
        ),
        (
            "We keep your messages as long as reasonably necessary to provide the service.",
            "We keep your messages for as long as you have an account.",
            Direction.MORE_PROTECTIVE,
        ),
    ],
)
def test_an_end_put_for_another(old: str, new: str, direction: Direction) -> None:
    verdict, way, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL and way is direction, reason
    assert "retention end changed" in reason, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We keep it as long as necessary to provide the service.",
            "We keep it as long as needed to provide the service.",
        ),
        (
            "We retain your data for as long as your account is active.",
            "We retain your data for as long as your account remains active.",
        ),
    ],
)
def test_the_same_end_reworded(old: str, new: str) -> None:
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.NON_MATERIAL, reason
