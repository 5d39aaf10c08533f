"""Classes of change read as claims or proven trivial: a phone number after its label, the
kinds of damages a liability clause excludes, a contents list of in-page anchors, an
organisation's name listed under a lead-in naming recipients, a practice word inside a name,
an action among a sentence's list, a legal form written out or abbreviated in a definition,
and "cannot" as "can not". Each class is tested with members of its own and with the
look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from kpversion.change import Direction
from kpversion.materiality import load_rules
from tests.verdicts import assert_both_ways, assert_material, assert_non_material

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE

CONTACT = (
    "### Controller and contact information\n\n"
    "Example e. V.  \nSchreinerweg 6  \n38126 Braunschweig  \nGermany\n\n"
    "{phone}Email: [privacy@example.de](mailto:privacy@example.de)\n"
)


@pytest.mark.parametrize("label", ["Phone: ", "Tel. ", "Telephone: ", "Fax: ", "**Phone:** "])
def test_a_number_after_its_label_is_a_contact_channel(label: str) -> None:
    with_phone = CONTACT.format(phone=f"{label}+49 531 209299 35  \n")
    assert_both_ways(with_phone, CONTACT.format(phone=""), PERMISSIVE, "contact channel removed")


def test_the_labelled_number_re_formatted_is_the_same_channel() -> None:
    old = CONTACT.format(phone="Phone: +49 531 209299 35  \n")
    assert_non_material(old, CONTACT.format(phone="Phone: +49 (531) 209299-35  \n"))


EXCLUSION = (
    "In no event will Example be liable to you for any {} damages arising out of your use of "
    "the Website."
)


def test_a_kind_of_damages_dropped_from_an_exclusion_protects() -> None:
    assert_both_ways(
        EXCLUSION.format("direct, indirect, incidental, or punitive"),
        EXCLUSION.format("indirect, incidental, or punitive"),
        PROTECTIVE,
        "kind of damages the liability clause names removed: direct",
        "kind of damages the liability clause names added: direct",
    )


def test_a_loss_named_in_a_liability_clause_is_a_kind_of_damages() -> None:
    old = "We shall not be liable for any loss of profits."
    new = "We shall not be liable for any loss of profits or loss of data."
    facts = load_rules().reader.facts(new)
    assert {(f.role, f.value, f.negated) for f in facts if f.role == "damages"} == {
        ("damages", "loss", True)
    }
    assert_non_material(
        EXCLUSION.format("direct"), EXCLUSION.format("direct").replace("will", "shall")
    )
    assert_material(old, "We shall not be liable for any direct damages or loss of profits.",
                    PERMISSIVE, "added: direct")  # fmt: skip


def test_a_threat_in_a_security_sentence_is_still_guarded_against() -> None:
    old = "We protect your data against loss."
    assert_material(old, "We protect your data against loss and theft.", PROTECTIVE, "theft")


CONTENTS = "".join(
    f"{n}. [{title}](#{title.lower().replace(' ', '-')})\n"
    for n, title in enumerate(("Data Collection and Use", "Third-Party Services", "Indemnification",
                               "Limitation on Liability", "Dispute Resolution"), start=1)
)  # fmt: skip
BODY = "## Data Collection and Use\n\nWe collect your email address to send receipts.\n"


def test_a_list_of_in_page_anchors_is_contents_though_its_headings_are_not_shown() -> None:
    assert_non_material(f"{CONTENTS}\n{BODY}", BODY)
    assert_non_material(BODY, f"{CONTENTS}\n{BODY}")


def test_two_anchor_links_in_prose_are_still_read() -> None:
    old = BODY
    new = (
        f"{BODY}\nWe share your email address with [Mailchimp](#mailchimp) and [Sentry](#sentry).\n"
    )
    assert_material(old, new, PERMISSIVE)


PROVIDERS = (
    "Below is a list of some of the main service providers which may have access to personal "
    "information to process on our behalf:\n\n{items}"
)


@pytest.mark.parametrize("name", ["DockerHub", "BrowserStack", "MongoDB Atlas", "Baserow"])
def test_a_name_under_a_lead_naming_recipients_is_a_recipient(name: str) -> None:
    items = "* [Mailgun](https://www.mailgun.com/privacy-policy/)\n* [{}](https://example.com/privacy)\n"
    old = PROVIDERS.format(items=items.format(name))
    new = PROVIDERS.format(items="* [Mailgun](https://www.mailgun.com/privacy-policy/)\n")
    assert_material(old, new, PROTECTIVE, f"recipient removed: {name}")


@pytest.mark.parametrize("item", ["Review;", "Function", "Other Services"])
def test_a_capitalised_kind_under_such_a_lead_is_no_name(item: str) -> None:
    old = PROVIDERS.format(items="* Mailgun\n")
    assert_non_material(old, PROVIDERS.format(items=f"* Mailgun\n* {item}\n"))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("then do not share it with Processing Foundation.",
         "then do not share it with the Processing Foundation."),
        ("All content you submit to Processing Foundation is licensed under CC BY-SA.",
         "All content you submit to the Processing Foundation is licensed under CC BY-SA."),
    ],
)  # fmt: skip
def test_a_practice_word_inside_an_organisations_name_states_no_practice(
    old: str, new: str
) -> None:
    assert_non_material(old, new)


def test_a_heading_run_into_its_sentence_keeps_its_practice_words() -> None:
    facts = load_rules().reader.facts("International Data Transfers When GM transfers your data.")
    assert any(f.role == "practice" and f.practice == "transfer" for f in facts)


def test_an_action_is_no_item_of_a_list() -> None:
    old = "You may update or modify your profile information and contact information at any time."
    new = old[:-1] + ", including removing it from the Website."
    assert_non_material(old, new)
    # An "-ing" word before what is no object names a thing ("shipping preferences").
    listed = "We collect your name, email address and shipping preferences."
    assert_material("We collect your name and email address.", listed, PERMISSIVE, "shipping")


@pytest.mark.parametrize(
    ("long", "short"), [("Limited", "Ltd"), ("Incorporated", "Inc."), ("Corporation", "Corp.")]
)
def test_a_legal_form_written_out_or_abbreviated_defines_one_party(long: str, short: str) -> None:
    said = "3. **we, us and our:** refers to Volentio JSD {} and its directors;"
    assert_non_material(said.format(long), said.format(short))


def test_another_party_in_a_definition_is_still_a_change() -> None:
    said = "3. **we, us and our:** refers to {} and its directors;"
    assert_material(said.format("Volentio JSD Limited"), said.format("Globalping Limited"),
                    Direction.UNKNOWN)  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("If settlement can not be reached, any dispute shall be resolved by arbitration.",
         "If settlement cannot be reached, any dispute shall be resolved by arbitration."),
        ("We cannot see your password.", "We can't see your password."),
    ],
)  # fmt: skip
def test_cannot_is_can_not(old: str, new: str) -> None:
    assert_non_material(old, new)


def test_a_purpose_written_as_an_ing_verb_and_its_object_is_still_an_item() -> None:
    old = (
        "We use the categories of personal information described above for purposes such as "
        "meeting our legal obligations and doing research."
    )
    new = old.replace("obligations and", "obligations, improving our internal operations, and")
    assert_material(old, new, PERMISSIVE, "purpose added")
