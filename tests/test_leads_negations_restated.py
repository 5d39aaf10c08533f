"""Classes of change read as claims: a negation carried by an idiom ("not in the business of
selling"), the items of a lead-in that only denies ("We will not:") or that is a liability
clause ("we will not be liable for:"), a threat's words only where something guards against
them, and a sentence added to a paragraph that restates its practice to state a safeguard.
Each class is tested with members of its own and with the look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from kpversion.change import Direction
from kpversion.materiality import load_rules
from tests.verdicts import assert_both_ways, assert_material

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


DENIED = "We will not:\n\n- sell or rent your data to third parties\n{}"


def test_an_item_under_a_lead_in_that_only_denies_is_a_prohibition() -> None:
    assert_both_ways(
        DENIED.format("- share your data with third parties for marketing purposes\n"),
        DENIED.format(""),
        PERMISSIVE,
        "prohibition removed: not share",
        "prohibition added: not share",
    )


def test_an_item_under_a_lead_in_with_a_practice_is_read_as_before() -> None:
    old = "We will not sell your data, but we may:\n\n- share it with our payment processor\n"
    new = old + "- share your data with advertisers\n"
    assert_material(old, new, PERMISSIVE, "advertisers")


LIABLE = (
    "- We will not be liable to you for any loss or damage arising under or in connection with "
    "the Services.\n- In particular, we will not be liable for:\n  - loss of profits;\n{}"
)


def test_an_item_under_a_liability_lead_in_is_a_kind_of_damages_excluded() -> None:
    added = LIABLE.format("  - loss or corruption of data;\n")
    said = "kind of damages the liability clause names added: loss"
    assert_both_ways(LIABLE.format(""), added, PERMISSIVE, said)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Any modification or amendment to this privacy notice will be applied to your data.",
         "Any modification or amendment to this privacy notice will be applied to all your data."),
        ("We may make additions or modifications to this statement.",
         "We may make updates to this statement."),
    ],
)  # fmt: skip
def test_a_threats_word_where_nothing_guards_names_no_harm(old: str, new: str) -> None:
    facts = load_rules().reader.facts(old) + load_rules().reader.facts(new)
    assert not any(f.role == "threat" for f in facts)


def test_a_threat_a_measure_guards_against_is_still_read() -> None:
    old = "We use encryption to prevent unauthorized access."
    assert_material(old, "We use encryption to prevent unauthorized access and loss.", PROTECTIVE,
                    "harm guarded against added: loss")  # fmt: skip


TRANSFER = (
    "By using the Services, you consent to the processing, transfer and storage of information "
    "in and to the U.S. and other countries.{}"
)
SAFEGUARD = (
    " Where we transfer personal data from the European Economic Area to the U.S., we rely on "
    "the Standard Contractual Clauses approved by the European Commission."
)


def test_a_safeguard_added_with_the_practice_its_paragraph_states_protects() -> None:
    assert_both_ways(TRANSFER.format(""), TRANSFER.format(SAFEGUARD), PROTECTIVE,
                     "safeguards for international transfers")  # fmt: skip


def test_a_sentence_adding_a_recipient_to_its_paragraphs_practice_still_widens() -> None:
    added = " Where we transfer personal data to the U.S., we send it to Acme Analytics Inc."
    assert_material(TRANSFER.format(""), TRANSFER.format(added), PERMISSIVE)


def test_a_safeguard_stated_with_a_practice_the_paragraph_lacks_reads_as_before() -> None:
    kept = "We collect your email address to send receipts."
    added = " We share your purchase history with advertisers, encrypted in transit."
    assert_material(kept, kept + added, PERMISSIVE)
