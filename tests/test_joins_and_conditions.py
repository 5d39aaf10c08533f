"""Classes of change: sentences joined or split with their words kept, a table of contents
under its title, conditions joined by "and" or "or", and the person a notice reaches. Each
class is tested with members of its own and with the look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from kpversion.change import Direction
from tests.verdicts import assert_both_ways, assert_material, assert_non_material

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We support your right to privacy. For this reason we don't track any users.",
            "We support your right to privacy, and for this reason we don't track any users.",
        ),
        (
            "Cookies are small files placed on your device that let us remember your choices.",
            "Cookies are small files placed on your device. They let us remember your choices.",
        ),
    ],
)
def test_sentences_joined_or_split_with_their_words_kept(old: str, new: str) -> None:
    assert_non_material(old, new)
    assert_non_material(new, old)


def test_a_join_that_changes_a_word_is_read_as_claims() -> None:
    old = "We support your right to privacy. For this reason we don't track individual users."
    new = "We support your right to privacy, and for this reason we track individual users."
    assert_material(old, new, PERMISSIVE)


def test_in_page_links_under_a_contents_title_are_a_table_of_contents() -> None:
    old = "# Privacy\n\nWe support your right to privacy.\n"
    new = (
        "# Privacy\n\n## Contents\n\n"
        "* [What personal information we collect](#what-personal-information-we-collect)\n"
        "* [Who we share your personal information with](#who-we-share-it-with)\n\n"
        "We support your right to privacy.\n"
    )
    assert_non_material(old, new)


def test_in_page_links_with_no_contents_title_are_read_as_claims() -> None:
    old = "We refer to the definitions of the GDPR.\n"
    new = old + "\n* [We collect your location](#location)\n* [We share it](#sharing)\n"
    assert_material(old, new, PERMISSIVE, "geolocation")


SENSITIVE = (
    "We will only collect sensitive personal information if it is necessary for a specific "
    "purpose {} you have provided it voluntarily."
)


def test_conditions_joined_by_or_let_the_practice_reach_further() -> None:
    both, either = SENSITIVE.format("and"), SENSITIVE.format("or")
    assert_both_ways(both, either, PERMISSIVE, "conditions joined", "conditions joined")


def test_and_in_a_list_with_no_condition_is_no_join_of_conditions() -> None:
    assert_non_material("We collect your name and email address.",
                        "We collect your name and your email address.")  # fmt: skip


BREACH = (
    "In the event of a data breach, we will notify {}any relevant regulators as the law requires."
)


def test_the_person_dropped_from_those_a_notice_reaches() -> None:
    told, untold = BREACH.format("you and "), BREACH.format("")
    assert_both_ways(
        told, untold, PERMISSIVE, "person notified removed: you", "person notified added: you"
    )


def test_a_unit_written_with_a_is_one_of_it() -> None:
    assert_material("We keep server logs for a month.", "We keep server logs for three months.",
                    PERMISSIVE, "retention lengthened: 1 month → 3 months")  # fmt: skip
    assert_non_material("You may ask once a year.", "You can ask once a year.")
    assert_non_material("See the Give an Hour site.", "See the Give an Hour website.")


def test_a_negation_shared_by_an_alternative_practice() -> None:
    old = "We don't share your personal information with third parties or sell it."
    new = "We don't sell your personal information to third parties."
    assert_material(old, new, PERMISSIVE, "prohibition removed: not share")
    assert_non_material(old, old.replace("don't", "do not"))


def test_a_prohibition_without_permission_dropped_becomes_absolute() -> None:
    ban = "We do not share donor lists with other organizations for independent use."
    lifted = ban.removesuffix(".") + " without your permission."
    assert_both_ways(
        lifted,
        ban,
        PROTECTIVE,
        "exception to a prohibition removed",
        "exception to a prohibition added",
    )


def test_asking_the_writer_to_stop_processing_is_the_right_to_object() -> None:
    rights = "You can:\n\n* ask us to correct your data\n* ask us to stop processing your data\n"
    without = "You can:\n\n* ask us to correct your data\n"
    assert_material(rights, without, PERMISSIVE, "right removed: right to object")


def test_items_under_a_lead_in_that_denies_the_practice() -> None:
    lead = "We do not collect:\n\n* Email addresses\n* Real names\n"
    assert_material(lead + "* Phone numbers\n", lead, PERMISSIVE, "phone number (not collect)")
    assert_material(lead, lead + "* Phone numbers\n", PROTECTIVE, "phone number (not collect)")
    kept = "We collect:\n\n* Email addresses\n* Real names\n"
    assert_material(kept + "* Phone numbers\n", kept, PROTECTIVE, "phone number (collect)")


def test_the_persons_deletion_is_the_right_to_delete() -> None:
    old = "- You can export or delete your data at any time\n"
    new = "- You can export your data at any time\n"
    assert_material(old, new, PERMISSIVE, "right removed: right to delete")


def test_a_way_of_contact_named_after_by() -> None:
    old = "If you have any questions, please contact us by email: privacy@example.org"
    new = old.replace("by email:", "by email or by post:")
    assert_material(old, new, PROTECTIVE, "contact channel added: post (named, not written out)")


def test_a_processor_bound_to_the_writers_instructions() -> None:
    bound = "A service provider acting on our behalf and on our exclusive instructions does it."
    loose = "A service provider acting on our behalf does it."
    assert_material(bound, loose, PERMISSIVE, "limit removed")


def test_a_catch_all_purpose_dropped_from_a_list() -> None:
    old = (
        "We use your data for:\n\n- ensuring security, and\n- for other administrative purposes.\n"
    )
    new = "We use your data for:\n\n- ensuring security.\n"
    assert_material(old, new, PROTECTIVE, "discretion removed")


def test_a_range_of_a_period_is_read_at_its_upper_end() -> None:
    old = "Messages are stored until a fixed time period is exceeded (usually 4-8 weeks)."
    assert_material(old, old.replace("weeks", "months"), PERMISSIVE,
                    "retention lengthened: 8 weeks → 8 months")  # fmt: skip
    assert_non_material("We keep logs for 4-8 weeks.", "We keep the logs for 4-8 weeks.")


def test_an_informal_request_from_authorities_is_a_ground_for_disclosure() -> None:
    old = "We disclose your data where there is a legal obligation to disclose it."
    new = old.replace(
        "legal obligation", "legal obligation or an informal request from authorities"
    )
    assert_material(old, new, PERMISSIVE, "purpose added: legal compliance")


def test_a_practice_switched_off_is_not_done() -> None:
    off = "Open and link tracking are disabled on all emails."
    assert_material(off, off.replace("disabled", "enabled"), PERMISSIVE, "negation removed")
    before = "If you have disabled cookies, we do not collect your browsing history."
    assert_material(before, before.replace("do not collect", "collect"), PERMISSIVE)


def test_information_not_monetized_is_a_prohibition_of_sale() -> None:
    old = "- No information is mined for trends\n- No information is monetized\n"
    new = "- No information is mined for trends\n"
    assert_material(old, new, PERMISSIVE, "prohibition removed: not sell")


def test_a_join_before_a_quantifier_keeps_every_word() -> None:
    old = "You can delete your account at any time. All your data will then be deleted."
    assert_non_material(old, old.replace("time. All", "time, and all"))


def test_a_notice_to_the_person_refused() -> None:
    told = "In the event of a data breach, we will notify you promptly."
    assert_material(told, "In the event of a data breach, we will not notify you.", PERMISSIVE)


def test_a_prohibition_weakened_to_advice() -> None:
    old = "- prohibits sending out un-encrypted messages,\n- does not store IP addresses,"
    assert_material(old, old.replace("prohibits", "discourages"), PERMISSIVE, "encryption")
    staff = "Our staff are prohibited from sharing your health information with employers."
    assert_material(staff, "Our staff may share your health information with employers.",
                    PERMISSIVE, "not share")  # fmt: skip
