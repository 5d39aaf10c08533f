"""Classes of change read as claims or proven trivial: a legal basis put for another (consent
and legitimate interests), a paragraph's label made its heading (or the reverse), an e-mail
address spelled against harvesters, a country's letters before a postcode, and a liability
clause in capitals whose amount stands in a later sentence. Each class is tested with members
of its own and with the look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from kpversion.change import Direction
from kpversion.materiality.channels import channels
from tests.verdicts import assert_both_ways, assert_material, assert_non_material

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE


def test_legitimate_interests_put_for_consent_widens() -> None:
    assert_both_ways(
        "We send the newsletter based on your consent (Art. 6(1)(a) GDPR).",
        "We send the newsletter based on our legitimate interest (Art. 6(1)(f) GDPR).",
        PERMISSIVE,
        "legal basis added: legitimate interests",
        "legal basis added: consent",
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Legal basis: Art. 6(1)(b) GDPR.",
         "Legal basis: Art. 6(1)(b) GDPR and our legitimate interests."),
        ("We analyse usage statistics; the legal basis is a legal obligation.",
         "We analyse usage statistics; the legal basis is a legal obligation and our legitimate "
         "interest."),
    ],
)  # fmt: skip
def test_legitimate_interests_added_beside_another_basis_widens(old: str, new: str) -> None:
    assert_both_ways(old, new, PERMISSIVE, "legal basis added: legitimate interests",
                     "legal basis removed: legitimate interests")  # fmt: skip


LABELLED = (
    "**Existence of automated decision-making**  \nWe refrain from automatic decision-making.\n"
)
HEADED = (
    "#### Existence of automated decision-making\n\nWe refrain from automatic decision-making.\n"
)


def test_a_paragraphs_label_made_its_heading_is_the_same_text() -> None:
    assert_non_material(LABELLED, HEADED)
    assert_non_material(HEADED, LABELLED)


def test_a_heading_made_an_items_label_before_a_colon_is_the_same_text() -> None:
    old = "#### Google Analytics\n\nYou can install the Google Analytics Opt-out Browser Add-on.\n"
    new = "* Google Analytics: You can install the Google Analytics Opt-out Browser Add-on.\n"
    assert_non_material(old, new)


def test_a_label_made_a_heading_with_other_words_is_read() -> None:
    old = "**Sharing**  \nWe share your data with partners.\n"
    assert_material(old, "#### Sharing\n\nWe share your data with advertisers.\n", PERMISSIVE)


@pytest.mark.parametrize(
    "spelled",
    [
        "datenschutz [at] example.de",
        "datenschutz(at)example(dot)de",
        "datenschutz [AT] example [DOT] de",
    ],
)
def test_an_address_spelled_against_harvesters_is_its_address(spelled: str) -> None:
    (channel,) = channels(f"E-Mail: {spelled}")
    assert (channel.kind, channel.value) == ("email", "datenschutz@example.de")
    old = f"Our data protection officer: E-Mail: `{spelled}`"
    assert_non_material(old, "Our data protection officer: E-Mail: `datenschutz@example.de`")


def test_at_in_prose_is_no_address() -> None:
    assert channels("We are at (at) home in Berlin") == ()


def test_a_spelled_address_put_for_another_is_a_channel_changed() -> None:
    old = "Questions about privacy: write to privacy [at] example.de."
    assert_material(old, old.replace("privacy [at]", "dpo [at]"), Direction.NEUTRAL)


def test_a_countrys_letters_before_a_postcode_are_the_same_address() -> None:
    old = "The translation is performed for us by DeepL SE; Maarweg 165; D-50825 Cologne."
    assert_non_material(
        old, "The translation is performed for us by DeepL SE, Maarweg 165, 50825 Cologne."
    )


SHOUTED = (
    "IN NO EVENT WILL WE BE LIABLE TO YOU UNDER CONTRACT, TORT OR ANY OTHER THEORY. ANY DIRECT "
    "DAMAGES SHALL NOT EXCEED (IN THE AGGREGATE) THE GREATER OF: (I) FEES PAID TO US; OR (II) "
    "{}."
)


def test_an_amount_in_a_liability_paragraph_in_capitals_is_its_cap() -> None:
    assert_both_ways(SHOUTED.format("$100.00"), SHOUTED.format("$50.00"), PERMISSIVE,
                     "liability cap lowered: $100 → $50", "liability cap raised")  # fmt: skip


def test_prose_in_capitals_names_no_parties() -> None:
    old = "WE SHARE YOUR DATA WITH OUR PARTNERS FOR ANALYTICS AND FOR NOTHING ELSE."
    assert_non_material(old, old.replace("FOR NOTHING ELSE", "FOR NO OTHER REASON"))


def test_a_menu_in_title_case_is_still_a_menu() -> None:
    menu = "Pillows and Throws Kids Bath Rugs Wall Art Curtains Lamps Lighting Rugs Furniture Sale"
    assert_non_material(menu, menu.replace("Lamps", "Mirrors"))
