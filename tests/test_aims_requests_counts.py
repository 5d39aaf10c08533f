"""Classes of change read as claims: a hedge written as an aim ("our goal is to"), a qualifier
a request must meet ("valid requests"), a state written out or as its code in a postal
address, and a count in a security measure ("the last two octets"). Each class is tested with
members of its own and with the look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict
from kpversion.materiality.channels import postal_value
from tests.verdicts import assert_both_ways, assert_material, assert_non_material, strongest

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE


@pytest.mark.parametrize(
    "aim",
    ["Our aim is to", "Our goal is to", "Our objective is to", "It is our intention to"],
)
def test_an_aim_written_as_a_noun_hedges_the_practice_after_it(aim: str) -> None:
    plain = "We delete your personal data after 30 days."
    hedged = f"{aim} delete your personal data after 30 days."
    assert_both_ways(plain, hedged, PERMISSIVE, "hedge added", "hedge removed")


def test_an_aim_reworded_from_verb_to_noun_is_the_same_hedge() -> None:
    assert_non_material(
        "The service aims to collect as little personal data as possible.",
        "The service's aim is to collect as little personal data as possible.",
    )


@pytest.mark.parametrize(
    "aim",
    [
        "We aim to give you simple and meaningful choices regarding your information.",
        "Our goal is to give you simple and meaningful choices regarding your information.",
    ],
)
def test_an_aspiration_removed_whole_claims_nothing(aim: str) -> None:
    old = f"We collect your name.\n\n{aim}\n\nWe share it with no one.\n"
    new = "We collect your name.\n\nWe share it with no one.\n"
    assert_non_material(old, new)


def test_an_aim_dropped_from_a_promise_on_a_verb_no_practice_names_still_binds() -> None:
    assert_material(
        "We aim to respond to your request within 30 days.",
        "We respond to your request within 30 days.",
        PROTECTIVE,
        "hedge removed",
    )


def test_a_hedge_in_a_sentence_removed_whole_goes_with_its_practice() -> None:
    old = "We collect your name.\n\nWe generally share your name with advertisers.\n"
    assert_material(old, "We collect your name.\n", PROTECTIVE, "practice removed: share")


def test_subject_to_is_no_aim() -> None:
    old = "You may be subject to the terms of those third parties."
    verdict, _, reason = strongest("We collect your name.\n", f"We collect your name.\n\n{old}\n")
    assert verdict is not Verdict.NON_MATERIAL, reason


@pytest.mark.parametrize(
    ("qualified", "plain"),
    [
        (
            "We will respond to valid requests to access your personal data within 30 days.",
            "We will respond to requests to access your personal data within 30 days.",
        ),
        (
            "You may ask for a copy of your data, and we will honour all reasonable requests.",
            "You may ask for a copy of your data, and we will honour all requests.",
        ),
        (
            "To exercise these rights, submit a verifiable consumer request to us.",
            "To exercise these rights, submit a request to us.",
        ),
        (
            "We will delete your data upon a verified request.",
            "We will delete your data upon request.",
        ),
    ],
)
def test_a_qualifier_a_request_must_meet_is_a_burden(qualified: str, plain: str) -> None:
    assert_both_ways(
        plain, qualified, PERMISSIVE, "condition on a request added", "condition on a request"
    )


def test_a_valid_email_address_is_no_burden_on_a_request() -> None:
    assert_non_material(
        "You must provide a valid email address to create an account.",
        "You must provide a valid e-mail address to create an account.",
    )


@pytest.mark.parametrize(
    ("written_out", "coded"),
    [
        ("Springfield, Illinois 62701", "Springfield, IL 62701"),
        ("Washington, District of Columbia 20500", "Washington, DC 20500"),
        ("Charleston, West Virginia 25301", "Charleston, WV 25301"),
        ("Toronto, Ontario M5V 3L9", "Toronto, ON M5V 3L9"),
    ],
)
def test_a_state_or_province_is_one_with_its_postal_code(written_out: str, coded: str) -> None:
    assert postal_value(f"12 Main Street, {written_out}") == postal_value(f"12 Main St, {coded}")


def test_a_street_named_after_a_state_keeps_its_name() -> None:
    value = postal_value("1600 Pennsylvania Avenue NW, Washington, DC 20500")
    assert value == "1600 pennsylvania avenue nw washington dc 20500"


def test_an_address_reformatted_with_its_state_written_out_is_the_same_channel() -> None:
    assert_non_material(
        "Write to our Privacy Officer, 500 Market Street, Suite 200, San Francisco, CA 94105.",
        "Write to our Privacy Officer, 500 Market St., Ste 200, San Francisco, California 94105.",
    )


def test_an_address_in_another_state_is_another_channel() -> None:
    verdict, _, reason = strongest(
        "Write to our Privacy Officer, 500 Market Street, San Francisco, CA 94105.",
        "Write to our Privacy Officer, 500 Market Street, Austin, TX 78701.",
    )
    assert verdict is Verdict.MATERIAL, reason
    assert "contact channel" in reason


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "We anonymise IP addresses by removing the last two octets before storing them.",
            "We anonymise IP addresses by removing the last octet before storing them.",
            "count removed: 2 octets",
        ),
        (
            "Passwords must be at least 12 characters long and are stored encrypted.",
            "Passwords must be at least 8 characters long and are stored encrypted.",
            "count ",
        ),
        (
            "To protect your account, we lock it after 5 failed login attempts.",
            "To protect your account, we lock it after 10 failed login attempts.",
            "5 attempts",
        ),
    ],
)
def test_a_count_in_a_security_measure_is_a_claim(old: str, new: str, said: str) -> None:
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL, reason
    assert said in reason, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We anonymise IP addresses by removing the last 2 octets before storing them.",
            "We anonymise IP addresses by removing the last two octets before storing them.",
        ),
        (
            "We have 3 offices and employ about 40 people.",
            "We have three offices and employ about 40 people.",
        ),
        (
            "We protect your data with 2-step verification.",
            "We protect your data with 2 step verification.",
        ),
        ("- To safeguard Basecamp.", "- To safeguard 37signals."),
        (
            "We protect your data.\n\n4. Potential risks to others;",
            "We protect your data.\n\n5. Potential risks to others;",
        ),
    ],
)
def test_numbers_that_count_nothing_or_the_same_are_no_count(old: str, new: str) -> None:
    assert_non_material(old, new)
