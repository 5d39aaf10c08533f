"""Classes of change read as claims: where data is kept, one way of contact more or fewer, the
writer's modal against a plain statement, rights worded as a promise not to act, conditions,
a sentence said twice, and a practice named as a noun that does not take place. Each class is
tested with members of its own and with the look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict
from tests.verdicts import assert_both_ways, assert_material, assert_non_material, strongest

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE
NEUTRAL = Direction.NEUTRAL


def test_servers_moved_into_the_gdpr_area_protect_more() -> None:
    old = "The servers are located in the USA and used for hosting databases."
    new = "The servers are located in the EU and used for hosting databases."
    assert_material(old, new, PROTECTIVE, "where data is kept removed: USA")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("The servers are located in the EU.", "The servers are located in the EU and the USA."),
        ("Your data is stored on our servers.", "Your data is stored on our servers in Canada."),
    ],
)
def test_one_more_country_data_is_kept_in_is_more_permissive(old: str, new: str) -> None:
    assert_material(old, new, PERMISSIVE, "where data is kept added")


def test_people_located_somewhere_are_an_audience_not_a_place_data_is_kept() -> None:
    old = "These rights apply to all of our customers, regardless of where you are in the world."
    new = "These rights apply to our customers located in the European Economic Area."
    assert_material(old, new, PERMISSIVE, "audience added")


CONTACT = "To exercise your rights, write to Example Inc., 1 Main St, Springfield"


def test_one_way_of_contact_more_or_fewer_has_a_direction() -> None:
    one, two = f"{CONTACT}.", f"{CONTACT}, or e-mail privacy@example.com."
    assert_both_ways(
        one,
        two,
        PROTECTIVE,
        "contact channel added: email:privacy@example.com",
        "contact channel removed: email:privacy@example.com",
    )


def test_one_channel_put_for_another_has_none() -> None:
    old = "Questions about this policy? Write to privacy@example.com."
    new = "Questions about this policy? Write to dpo@example.org."
    assert_material(old, new, NEUTRAL, "contact channel")


def test_the_writers_modal_against_a_plain_statement() -> None:
    plain = "We also take appropriate technical and organizational measures to protect your data."
    hedged = plain.replace("We also take", "We may also take")
    assert_both_ways(
        plain,
        hedged,
        PERMISSIVE,
        "a promise weakened (stated → may)",
        "a promise strengthened (may → stated)",
    )


def test_the_persons_modal_is_no_promise_of_the_writers() -> None:
    """ "Customers may receive" grants the person something: a reader decides (review), no
    promise of the writer's is weakened."""
    old = "Customers also receive a copy of their invoices by e-mail."
    new = "Customers may also receive a copy of their invoices by e-mail."
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.REVIEW, reason


def test_a_right_worded_as_a_promise_not_to_act() -> None:
    granted = "We will not discriminate against you for exercising these rights."
    assert_material(granted, "We may limit services for users who exercise these rights.",
                    PERMISSIVE, "right removed: right to non-discrimination")  # fmt: skip
    assert_material(granted, granted.replace("will not", "may"), PERMISSIVE)
    assert_material("You may exercise these rights at any time.",
                    f"You may exercise these rights at any time. {granted}", PROTECTIVE,
                    "right added: right to non-discrimination")  # fmt: skip


def test_a_condition_on_a_right_dropped_widens_it() -> None:
    old = "You may object to processing, provided that there are reasons arising from your case."
    new = "You may object to the processing at any time."
    assert_material(old, new, PROTECTIVE, "limit removed")


def test_a_portable_copy_added_to_the_rights() -> None:
    old = "You have the right to request access to, correction of, or deletion of your data."
    new = old.replace("or deletion of", "deletion of, or a portable copy of")
    assert_material(old, new, PROTECTIVE, "right to data portability")


SAID_TWICE = (
    "We run mailing lists.\n"
    "All content sent to mailing lists is archived indefinitely.\n"
    "All content sent to mailing lists is archived indefinitely.\n"
    "By using the lists, you agree that any content is archived in that way."
)


def test_a_sentence_said_twice_in_one_paragraph_once_removed() -> None:
    once = SAID_TWICE.replace("indefinitely.\nAll content sent to mailing lists is archived ", "")
    assert_non_material(SAID_TWICE, once)
    assert_non_material(once, SAID_TWICE)


def test_a_sentence_whose_twin_is_in_another_section_is_read_as_claims() -> None:
    old = (
        "## Lists\n\nAll content sent to mailing lists is archived indefinitely.\n\n## Forums\n\n"
        "We do not share forum posts. All content sent to mailing lists is archived indefinitely."
    )
    new = old.removesuffix(" All content sent to mailing lists is archived indefinitely.")
    assert_material(old, new, PROTECTIVE, "practice removed: retain")


def test_a_practice_named_as_a_noun_that_does_not_take_place() -> None:
    nominal = (
        "Transfer of your personal data to third parties for other purposes does not take place."
    )
    verbal = "Your personal data is not transferred to third parties for other purposes."
    assert_non_material(nominal, verbal)
    assert_material(nominal, nominal.replace("does not", "may"), PERMISSIVE)
    assert_non_material(
        "The sale of personal data is not carried out.", "We do not sell personal data."
    )


def test_a_way_of_contact_named_not_written_out_is_a_channel_not_data() -> None:
    old = "To object, please send an e-mail to privacy@example.org."
    new = old.removesuffix(".") + " or write to us at the postal address given in section 1."
    assert_material(old, new, PROTECTIVE, "contact channel added: post (named, not written out)")
    collected = "When you order, we collect your name, e-mail address and the postal address."
    assert_material(collected.replace(", e-mail address and the postal address", " and e-mail"),
                    collected, PERMISSIVE, "data type added: postal address")  # fmt: skip
