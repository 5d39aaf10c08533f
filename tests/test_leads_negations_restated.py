"""Classes of change read as claims: a negation carried by an idiom ("not in the business of
selling"), the items of a lead-in that only denies ("We will not:") or that is a liability
clause ("we will not be liable for:"), a threat's words only where something guards against
them, and a sentence added to a paragraph that restates its practice to state a safeguard.
Each class is tested with members of its own and with the look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from kpversion.change import Direction
from kpversion.materiality import load_rules
from tests.verdicts import assert_material

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE


def practices(text: str) -> set[tuple[str, bool]]:
    return {
        (f.practice, f.negated) for f in load_rules().reader.facts(text) if f.role == "practice"
    }


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("We are not in the business of selling data to any 3rd party.", "sell"),
        ("It is not our policy to intentionally collect data about anyone under 13.", "collect"),
        ("It is not our intention to share your data with advertisers.", "share"),
    ],
)
def test_a_negation_reaches_the_practice_through_an_idiom(text: str, denied: str) -> None:
    assert (denied, True) in practices(text)


def test_a_far_negation_without_an_idiom_still_reaches_nothing() -> None:
    assert ("share", False) in practices("We do not think that many companies would share data.")


def test_a_prohibition_carried_by_an_idiom_removed_is_permissive() -> None:
    kept = "Open Collective is GDPR compliant."
    assert_material(f"{kept} We are not in the business of selling data to any 3rd party.", kept,
                    PERMISSIVE, "prohibition removed: not sell")  # fmt: skip
