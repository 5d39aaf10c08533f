"""What the law allows is not what it requires: "when required or permitted by law" gives the
writer a ground it may use, so dropping "or permitted" narrows a disclosure and adding it
widens one; "to the extent permitted by law" only bounds a promise by the law."""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict
from kpversion.compare import compare
from kpversion.materiality import load_rules

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE


def verdict(old: str, new: str) -> tuple[Verdict, set[Direction], str]:
    result = compare(old, new, rules=load_rules())
    changes = [c for c in result.changes if c.verdict is result.verdict]
    return result.verdict, {c.direction for c in changes}, "; ".join(c.reason for c in changes)


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
    found, ways, reason = verdict(old, new)
    assert found is Verdict.MATERIAL and ways == {direction}, reason


def test_the_extent_the_law_permits_is_no_ground() -> None:
    _, _, reason = verdict(
        "We will do our best to grant your request to the extent permitted by law.",
        "We will do our best to grant your request.",
    )
    assert "discretion" not in reason
