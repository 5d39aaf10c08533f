"""A list widened or narrowed by an item the ontology does not know is a claim changed, of the
kind its other items name (conjuncts.py): one more data type collected, recipient given data,
right granted. An item reworded in place, a list reordered, a clause or a bracket after a
comma, and a list cut another way are no such change.
"""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict

from .verdicts import assert_material, assert_non_material, strongest

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE


@pytest.mark.parametrize(
    ("old", "new", "direction", "named"),
    [
        (
            "We may collect health data like age, gender, heart rate and blood pressure.",
            "We may collect health data like age, gender, heart rate, blood pressure, blood "
            "glucose levels and sleep patterns.",
            PERMISSIVE,
            "blood glucose levels",
        ),
        (
            "We collect technical data, such as your IP address, device type, and unique "
            "advertising IDs, to run the auction.",
            "We collect technical data, such as your IP address, device type, and unique "
            "advertising IDs, and your keyboard layout, to run the auction.",
            PERMISSIVE,
            "keyboard layout",
        ),
        (
            "Your general location includes country, region, state or city.",
            "Your general location includes country, region or state.",
            PROTECTIVE,
            "city",
        ),
        (
            "We do not sell your name, email address or phone number.",
            "We do not sell your name, email address, phone number or shoe size.",
            PROTECTIVE,
            "shoe size",
        ),
        (
            "We share your data with our hosting providers, payment processors and auditors.",
            "We share your data with our hosting providers, payment processors, auditors and "
            "insurance brokers.",
            PERMISSIVE,
            "insurance brokers",
        ),
    ],
)
def test_an_unknown_item_added_or_dropped_is_one_of_its_list(
    old: str, new: str, direction: Direction, named: str
) -> None:
    found, way, reason = strongest(old, new)
    assert found is Verdict.MATERIAL, reason
    assert way is direction, reason
    assert named in reason.lower()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # An item reworded in place: the list neither grew nor shrank.
        (
            "We may collect health data like age, gender, heart rate and sleep quality.",
            "We may collect health data like age, gender, heart rate and quality of sleep.",
        ),
        # The same items in another order.
        (
            "We may collect health data like age, gender, heart rate and blood pressure.",
            "We may collect health data like gender, age, blood pressure and heart rate.",
        ),
        # Link chrome in brackets.
        (
            "Read Google's [privacy policy](https://policies.google.com/privacy) and [terms of "
            "service](https://policies.google.com/terms), which apply to reCAPTCHA.",
            "Read Google's [privacy policy (opens in new window)](https://policies.google.com/"
            "privacy) and [terms of service (opens in new window)](https://policies.google.com/"
            "terms), which apply to reCAPTCHA.",
        ),
        # A word dropped inside an item that was one piece too long to be one.
        (
            "We may share your information with our subsidiaries and affiliates companies to "
            "administer our loyalty programs, process orders and requests.",
            "We may share your information with our subsidiaries and affiliates to administer "
            "our loyalty programs, process orders and requests.",
        ),
    ],
)
def test_a_list_that_neither_grew_nor_shrank_is_no_change(old: str, new: str) -> None:
    found, _, reason = strongest(old, new)
    assert found is Verdict.NON_MATERIAL, reason


@pytest.mark.parametrize(
    ("old", "new", "direction", "named"),
    [
        (
            "We share aggregated statistics with researchers.",
            "We share aggregated statistics and individual usage records with researchers.",
            PERMISSIVE,
            "individual usage records",
        ),
        (
            "We collect your email address.",
            "We collect your email address and shoe size.",
            PERMISSIVE,
            "shoe size",
        ),
        (
            "We share your purchase history and loyalty tier with partners.",
            "We share your purchase history with partners.",
            PROTECTIVE,
            "loyalty tier",
        ),
    ],
)
def test_an_unknown_item_conjoined_to_a_known_one_makes_a_list_of_two(
    old: str, new: str, direction: Direction, named: str
) -> None:
    verdict, found, reason = strongest(old, new)
    assert (verdict, found) == (Verdict.MATERIAL, direction)
    assert named in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We collect your email.", "We collect your email and keep it safe."),
        ("We use cookies to remember you.", "We use cookies and to remember you."),
        (
            "We use cookies and other tracking technologies.",
            "We use cookies and similar tracking technologies.",
        ),
        (
            "You may see personalized recommendations.",
            "You may see personalized recommendations and be included in your data download.",
        ),
    ],
)
def test_a_clause_or_a_reworded_item_after_and_is_no_new_item(old: str, new: str) -> None:
    assert_non_material(old, new)


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "We use cookies for spam detection.",
            "We use cookies for spam detection and to measure site usage.",
            "purpose added: measure site usage",
        ),
        (
            "We share your data for analytics.",
            "We share your data for analytics and for event planning.",
            "purpose added: event planning",
        ),
    ],
)
def test_a_conjunct_opened_as_the_first_was_is_one_more_item(old: str, new: str, said: str) -> None:
    """ "for spam detection and to measure site usage": the "to" or "for" that opens a purpose
    opens the one joined to it."""
    assert_material(old, new, PERMISSIVE, said)


def test_an_infinitive_clause_about_the_thing_is_no_purpose() -> None:
    assert_non_material(
        "We use cookies for spam detection.",
        "We use cookies for spam detection and to keep it working.",
    )
