"""Classes of change read as claims: places in names, compelled disclosure, ways of notice,
secure storage, the consent model and the statement's reach. Each class is tested with
members of its own and with the look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from kpversion.change import Direction
from kpversion.text.sentences import split_sentences
from tests.verdicts import assert_both_ways, assert_material, assert_non_material

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE

TRANSFER = "We transfer your data to our processors in the United States."


@pytest.mark.parametrize(
    "added",
    [
        "under the EU Standard Contractual Clauses",
        "on the basis of an adequacy decision of the European Commission",
        "which are certified under the EU-U.S. Data Privacy Framework",
        "under the Swiss-U.S. Data Privacy Framework",
    ],
)
def test_a_place_in_the_name_of_a_safeguard_or_a_body_is_no_audience(added: str) -> None:
    new = TRANSFER.removesuffix(".") + f", {added}."
    assert_material(TRANSFER, new, PROTECTIVE, "safeguards for international transfers")


def test_a_place_that_says_whom_a_claim_covers_is_still_an_audience() -> None:
    old = "You have the right to object to processing."
    new = "If you live in the EU, you have the right to object to processing."
    assert_material(old, new, PERMISSIVE, "audience added: residents of the EU and EEA")


def test_a_compound_ending_in_initials_does_not_end_a_sentence() -> None:
    text = "We are certified under the EU-U.S. Data Privacy Framework. We also use SCCs."
    assert [s.text for s in split_sentences(text)] == [
        "We are certified under the EU-U.S. Data Privacy Framework. ",
        "We also use SCCs.",
    ]
    assert len(split_sentences("Our servers are in the U.S. We also use SCCs.")) == 2


@pytest.mark.parametrize(
    "condition",
    [
        "only when required by a court order",
        "if we are compelled to do so by a subpoena",
        "when we are required to do so by law",
    ],
)
def test_what_compels_a_disclosure_is_a_condition_on_it(condition: str) -> None:
    old = "We may disclose your information to government authorities."
    new = f"We may disclose your information to government authorities {condition}."
    assert_material(old, new, PROTECTIVE, "limit added")


def test_a_legal_purpose_given_with_no_condition_is_one_more_use() -> None:
    old = "We may disclose your information to government authorities to protect our users."
    new = old.removesuffix(".") + " and to comply with a court order."
    assert_material(old, new, PERMISSIVE, "purpose added: legal compliance")


@pytest.mark.parametrize(
    "way",
    ["by showing a notice in the app", "by displaying a notice in the extension"],
)
def test_a_way_of_notice_added_or_dropped(way: str) -> None:
    short = "We will tell you about changes by e-mail."
    long = f"We will tell you about changes by e-mail and {way}."
    assert_both_ways(
        short, long, PROTECTIVE, "notice of changes added", "notice of changes removed"
    )


@pytest.mark.parametrize("store", ["device Keychain", "Android Keystore", "Secure Enclave"])
def test_secure_storage_dropped_weakens_the_protection(store: str) -> None:
    old = f"Your password is stored in the {store}."
    new = "Your password is stored on the device."
    assert_material(old, new, PERMISSIVE, "secure storage on the device")


def test_opt_out_replaced_by_opt_in_is_one_change_of_model() -> None:
    opt_out = "You can opt out of analytics in the settings."
    opt_in = "Analytics is off unless you opt in in the settings."
    assert_both_ways(
        opt_out,
        opt_in,
        PROTECTIVE,
        "consent model changed: opt out → opt in",
        "consent model changed: opt in consent → opt",
    )


def test_an_opt_out_dropped_alone_is_still_a_choice_removed() -> None:
    old = "You can opt out of analytics in the settings. We use analytics to improve the app."
    new = "We use analytics to improve the app."
    assert_material(old, new, PERMISSIVE, "choice removed: opt-out")


def test_the_reach_narrowed_or_widened_has_a_direction() -> None:
    wide = "This policy applies to all of our websites, apps and services."
    narrow = "This policy applies to our website."
    assert_both_ways(
        wide,
        narrow,
        PERMISSIVE,
        "website or service covered removed",
        "website or service covered added",
    )


def test_an_exclusion_from_the_reach_added_narrows_it() -> None:
    old = "This policy applies to our website and our apps."
    new = "This policy applies to our website. This policy does not apply to our apps."
    assert_material(old, new, PERMISSIVE)


def test_people_added_to_a_list_a_right_reaches_protect_more() -> None:
    short = "EU, EEA and UK individuals may invoke binding arbitration as a last resort."
    long = "EU, EEA, UK and Swiss individuals may invoke binding arbitration as a last resort."
    assert_both_ways(
        short,
        long,
        PROTECTIVE,
        "audience added: residents of the EU and EEA",
        "audience removed: residents of the EU and EEA",
    )


def test_a_right_granted_wherever_one_lives_names_no_audience() -> None:
    old = "If you are based in the UK or the EEA, you have the following rights:"
    new = "Wherever you are based, you have the following rights:"
    assert_material(old, new, PROTECTIVE, "audience removed")
    same = "These rights apply to all of our customers, regardless of where you live in Europe."
    assert_non_material(same, same.replace("live", "reside"))
