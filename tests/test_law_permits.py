"""What the law allows is not what it requires: "when required or permitted by law" gives the
writer a ground it may use, so dropping "or permitted" narrows a disclosure and adding it
widens one; "to the extent permitted by law" only bounds a promise by the law."""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict

from .verdicts import carried

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "We disclose personal data to authorities when mandated or allowed by applicable laws.",
            "We disclose personal data to authorities when mandated by applicable laws.",
            PROTECTIVE,
        ),
        (
            "We do not use or disclose sensitive personal information except to provide you "
            "the Services or as otherwise permitted by applicable regulations.",
            "We do not use or disclose sensitive personal information except to provide you "
            "the Services.",
            PROTECTIVE,
        ),
        (
            "We share your information with law enforcement when required by law.",
            "We share your information with law enforcement when required or permitted by law.",
            PERMISSIVE,
        ),
        (
            "We may transfer your data to our affiliates.",
            "We may transfer your data to our affiliates where permitted by law.",
            PERMISSIVE,
        ),
    ],
)
def test_a_ground_the_law_permits_widens(old: str, new: str, direction: Direction) -> None:
    found, ways, reason = carried(old, new)
    assert found is Verdict.MATERIAL and ways == {direction}, reason


def test_the_extent_the_law_permits_is_no_ground() -> None:
    _, _, reason = carried(
        "We will do our best to grant your request to the extent permitted by law.",
        "We will do our best to grant your request.",
    )
    assert "discretion" not in reason
