"""Classes of change read as claims: an amount of money a liability is limited to or a fee
charges, the rule that picks one of two amounts ("the greater of"), and an exception to a
request answered at no cost ("no fee ... unless they are excessive"). Each class is tested
with members of its own and with the look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from kpversion.change import Direction
from kpversion.materiality import load_rules
from kpversion.materiality.money import amounts
from tests.verdicts import assert_both_ways, assert_material, assert_non_material

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE
CAP = "Our total liability to you for any claim is limited to the {} the amount you paid us."


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("In no event will our aggregate liability exceed $50.",
         "In no event will our aggregate liability exceed $100."),
        ("Our liability shall not exceed 100 euros.",
         "Our liability shall not exceed 1,000 euros."),
        ("Our liability is limited to USD 500.", "Our liability is limited to USD 5,000."),
    ],
)  # fmt: skip
def test_a_liability_cap_raised_protects_the_person(lower: str, higher: str) -> None:
    assert_both_ways(lower, higher, PROTECTIVE, "liability cap raised", "liability cap lowered")


@pytest.mark.parametrize("lesser", ["lesser of $50 or", "lower of $50 or"])
def test_the_lesser_of_two_amounts_for_the_greater_lowers_the_cap(lesser: str) -> None:
    greater = CAP.format("greater of $50 or")
    assert_both_ways(greater, CAP.format(lesser), PERMISSIVE, "the greater of → the lesser of")


def test_a_fee_raised_burdens_the_person() -> None:
    old = "We may charge a reasonable fee of $10 for each additional copy you request."
    assert_both_ways(old, old.replace("$10", "$25"), PERMISSIVE, "fee raised: $10 → $25")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("In no event will our aggregate liability exceed USD 1,000.",
         "In no event will our aggregate liability exceed $1000."),
        ("Our liability will not exceed $100.", "Our liability will not exceed $100.00."),
        ("Our liability will not exceed 100 dollars.", "Our liability will not exceed $100."),
    ],
)  # fmt: skip
def test_an_amount_written_another_way_is_the_same_cap(old: str, new: str) -> None:
    assert_non_material(old, new)


def test_an_amount_outside_a_term_is_no_cap_or_fee() -> None:
    assert_non_material(
        "Gifts under $30 are listed on our shop page.",
        "Gifts under $40 are listed on our shop page.",
    )


def test_amounts_are_read_with_their_currency_as_a_sign() -> None:
    words = [
        "up",
        "to",
        "us",
        "$",
        "1,000.50",
        "or",
        "30",
        "euros",
        "or",
        "usd",
        "7",
        "or",
        "12",
        "apples",
    ]
    assert amounts(words) == ["$1,000.50", "€30", "$7"]


def test_an_amount_read_from_the_rules_reader_is_a_fact_of_the_cap() -> None:
    facts = load_rules().reader.facts("In no event will our aggregate liability exceed $50.")
    assert {(f.role, f.value) for f in facts if f.role == "liability-cap"} == {
        ("liability-cap", "$50")
    }


@pytest.mark.parametrize(
    "waived",
    [
        "There is no fee for these requests.",
        "We will respond to your request free of charge.",
        "We will not charge you a fee for making a Valid Request.",
    ],
)
def test_an_exception_to_a_request_answered_at_no_cost_narrows_it(waived: str) -> None:
    excepted = waived[:-1] + " unless they are clearly unfounded, repetitive, or excessive."
    assert_both_ways(waived, excepted, PERMISSIVE, "limit added", "")


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        ("We use your email address to send receipts.",
         "We use your email address only to send receipts.", PROTECTIVE),
        ("We do not share your data with third parties unless you ask us to.",
         "We do not share your data with third parties.", PROTECTIVE),
        ("You may request a copy of your data free of charge.",
         "You may request a copy of your data free of charge, unless the request is manifestly "
         "unfounded.", PERMISSIVE),
    ],
)  # fmt: skip
def test_limits_beside_no_waiver_read_as_before(old: str, new: str, direction: Direction) -> None:
    assert_material(old, new, direction)
