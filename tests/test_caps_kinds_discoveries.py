"""Classes of change read as claims: the writer's own rights (no grant to the reader), data a
practice is said not to contain, a retention statement made whole with its cap, the kinds of
safeguard a program lists, a heading on changes to the policy in either word order, consent
given as "opted in", a right worded with "not to be", how long a notice is shown, a paragraph
another paragraph says in full, and what the writer may find out. Each class is tested with
members of its own and with the look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict
from kpversion.materiality import load_rules
from tests.verdicts import assert_both_ways, assert_material, assert_non_material, strongest

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE

DISCLOSURE = (
    "We will disclose your data only to protect and defend the rights or property of Example."
)
HOSTED = "- Some services are hosted on Vercel. You can read their privacy policy [here](https://vercel.com/legal)"


@pytest.mark.parametrize(
    "lead",
    [DISCLOSURE, "We may disclose information to enforce our rights.", "We protect its rights."],
)
def test_a_list_after_the_writers_own_rights_is_no_grant_to_the_reader(lead: str) -> None:
    old = f"{lead}\n\n{HOSTED}\n"
    new = f"{lead}\n\n- We use Google Analytics to measure visits to the website.\n{HOSTED}\n"
    assert_material(old, new, PERMISSIVE, "new recipient")


def test_a_list_under_the_readers_rights_still_grants_them() -> None:
    old = "You have the following rights:\n\n- to access your data\n"
    new = "You have the following rights:\n\n- to access your data\n- to delete your data\n"
    assert_material(old, new, PROTECTIVE, "right added: right to delete")


@pytest.mark.parametrize(
    ("with_exclusion", "without"),
    [
        (
            "This data is kept for 30 days, and does not contain any personally identifiable "
            "information.",
            "This data is kept for 30 days.",
        ),
        (
            "Crash reports are sent to Sentry and never include your email address.",
            "Crash reports are sent to Sentry with your email address.",
        ),
    ],
)
def test_data_a_practice_does_not_contain_is_kept_out(with_exclusion: str, without: str) -> None:
    verdict, directions, reason = strongest(with_exclusion, without)
    assert (verdict, directions) == (Verdict.MATERIAL, PERMISSIVE), reason


def test_a_prohibition_keeps_its_own_negation_over_what_it_includes() -> None:
    assert_both_ways(
        "We do not collect or include your email address.",
        "We do not collect or include your email address or your phone number.",
        PROTECTIVE,
        "data type added: phone number (not collect)",
    )


@pytest.mark.parametrize(
    "cap",
    [
        "We retain web traffic information for no longer than 90 days.",
        "We keep server logs for 30 days.",
    ],
)
def test_a_retention_statement_made_with_its_period_is_a_cap(cap: str) -> None:
    base = "We collect your name."
    assert_both_ways(
        base, f"{base} {cap}", PROTECTIVE, "retention limit added", "retention limit removed"
    )


def test_a_retention_statement_with_no_period_keeps_more() -> None:
    base = "We collect your name."
    assert_material(base, f"{base} We retain your name.", PERMISSIVE, "practice added: retain")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We implement reasonable administrative, technical, and organizational safeguards "
            "designed to protect information.",
            "We implement reasonable technical safeguards designed to protect information.",
        ),
        (
            "We maintain physical, electronic and procedural safeguards to protect your data.",
            "We maintain electronic and procedural safeguards to protect your data.",
        ),
        (
            "We will use industry standard physical, technical, and administrative security "
            "measures to keep your data secure.",
            "We will use industry standard technical security measures to keep your data secure.",
        ),
    ],
)
def test_a_kind_of_safeguard_dropped_from_the_list_weakens_it(old: str, new: str) -> None:
    assert_both_ways(old, new, PERMISSIVE, "security qualifier removed", "security qualifier added")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We maintain physical, electronic and procedural safeguards to protect your data.",
            "We maintain electronic, physical and procedural safeguards to protect your data.",
        ),
        (
            "Users and Organizations have different administrative controls.",
            "Users and Organizations have different administrative and technical controls.",
        ),
    ],
)
def test_safeguards_in_another_order_and_account_controls_are_no_change(old: str, new: str) -> None:
    assert_non_material(old, new)


def test_a_heading_on_changes_to_the_policy_reads_the_same_either_way_round() -> None:
    body = "\n\nWe will post any changes on this page.\n"
    assert_non_material(
        f"## Privacy Policy Changes{body}", f"## Changes to This Privacy Policy{body}"
    )


def test_consent_given_as_opted_in_is_a_condition_on_the_practice() -> None:
    practice = "Example may contact you on behalf of our business partners about an offer."
    assert_both_ways(
        practice, f"If you have opted in, {practice[0].lower()}{practice[1:]}", PROTECTIVE,
        "choice added: opt-in consent", "choice removed: opt-in consent",
    )  # fmt: skip


@pytest.mark.parametrize("wording", ["not to be subject", "to not be subject"])
def test_a_right_worded_with_not_to_be_is_a_right(wording: str) -> None:
    rights = "You have the right to access your data."
    added = (
        f"{rights} You have the right {wording} to a decision based solely on automated processing."
    )
    assert_material(rights, added, PROTECTIVE, "right added: right not to be subject")


def test_a_prohibition_worded_like_a_choice_is_still_a_prohibition() -> None:
    verdict, direction, reason = strongest("We do not track you.", "We track you.")
    assert (verdict, direction) == (Verdict.MATERIAL, PERMISSIVE), reason


def test_how_long_a_notice_is_shown_is_a_notice_period() -> None:
    notice = "A notice will be posted on our homepage for {} whenever this policy changes."
    assert_both_ways(
        notice.format("30 days"), notice.format("7 days"), PERMISSIVE, "notice period changed"
    )


COOKIES = (
    "You can accept or decline cookies. Most browsers accept cookies, but you can usually "
    "change your browser setting to decline cookies if you prefer."
)


def test_a_paragraph_another_one_says_in_full_is_a_duplicate() -> None:
    more = f"{COOKIES} You can find out more about blocking cookies here:"
    old = f"## Cookies\n\n{more}\n\n- [Chrome](https://example.com/chrome)\n\n{COOKIES}\n"
    new = f"## Cookies\n\n{more}\n\n- [Chrome](https://example.com/chrome)\n"
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.NON_MATERIAL and "says all of it" in reason, reason
    verdict, _, reason = strongest(new, old)
    assert verdict is Verdict.NON_MATERIAL and "says all of it" in reason, reason


def test_a_paragraph_said_in_part_elsewhere_is_no_duplicate() -> None:
    old = f"## Cookies\n\n{COOKIES[:60]} and more.\n\n{COOKIES}\n"
    new = f"## Cookies\n\n{COOKIES[:60]} and more.\n"
    verdict, _, reason = strongest(old, new)
    assert verdict is not Verdict.NON_MATERIAL, reason


def test_what_the_writer_may_find_out_is_no_practice_it_claims() -> None:
    base = "The Service is not directed to children."
    learned = (
        "If we learn that we have collected personal information from a child, we will delete "
        "it promptly."
    )
    assert_both_ways(base, f"{base} {learned}", PROTECTIVE, "practice added: delete")


def test_a_plain_condition_on_a_practice_is_still_read() -> None:
    base = "The Service is not directed to children."
    collected = "If we collect personal information from a child, we will delete it."
    verdict, _, reason = strongest(base, f"{base} {collected}")
    assert verdict is Verdict.MATERIAL and "collect" in reason, reason


@pytest.mark.parametrize(
    "promise",
    [
        "Changes will not apply retroactively to information collected before the change.",
        "The revised policy will not apply retroactively to information collected before it.",
    ],
)
def test_no_retroactive_change_protects_and_names_no_collection(promise: str) -> None:
    base = "We may change this policy from time to time."
    verdict, direction, reason = strongest(base, f"{base} {promise}")
    assert (verdict, direction) == (Verdict.MATERIAL, PROTECTIVE), reason
    assert "practice added: collect" not in reason, reason


def test_a_notice_to_you_by_email_is_still_a_notice_practice() -> None:
    old = "If we make any material changes, we will notify you by email or by a notice on the Site."
    new = "If we make any material changes, we may post a notice on this page."
    assert_material(old, new, PERMISSIVE)


RIGHTS = "## Your rights\n\nYou may ask for a copy.\n\n{}California residents\n\nYou may opt out.\n"


@pytest.mark.parametrize(("old", "new"), [("", "## "), ("## ", "")])
def test_a_line_made_a_heading_or_the_reverse_moves_nothing(old: str, new: str) -> None:
    assert_non_material(RIGHTS.format(old), RIGHTS.format(new))


def test_a_block_moved_under_another_heading_still_changes_scope() -> None:
    old = (
        "## Your rights\n\nYou may opt out.\n\n## California residents\n\nYou may ask for a copy.\n"
    )
    new = (
        "## Your rights\n\n## California residents\n\nYou may ask for a copy.\n\nYou may opt out.\n"
    )
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.REVIEW and "changes the scope" in reason, reason


def test_at_any_time_reads_the_same_in_a_passive_sentence() -> None:
    assert_non_material(
        "This consent can be withdrawn at any time.", "You can withdraw this consent at any time."
    )


def test_how_often_a_right_may_be_used_is_a_count() -> None:
    text = "You are entitled to ask us for this information up to {} times in a rolling year."
    verdict, _, reason = strongest(text.format("two"), text.format("four"))
    assert verdict is Verdict.MATERIAL and "count" in reason, reason


def test_additional_notice_promised_is_a_notice_practice() -> None:
    base = "We may modify this Policy from time to time."
    more = "We also may provide additional notice, as applicable, depending on the type of change."
    assert_material(f"{base} {more}", base, PERMISSIVE, "practice removed: notify")


@pytest.mark.parametrize("offers", ["show you relevant offers", "send you personalised offers"])
def test_offers_shown_to_the_person_are_marketing(offers: str) -> None:
    old = "We use usage analytics to improve our software."
    new = f"We use usage analytics to improve our software and {offers}."
    assert_material(old, new, PERMISSIVE, "purpose added: marketing")


def test_an_age_beside_a_date_of_birth_is_no_date_line() -> None:
    text = (
        "Kova is not directed to children under {} (or the minimum age in your country), and at "
        "sign-up we ask your date of birth."
    )
    assert_material(text.format("13"), text.format("16"), PROTECTIVE, "age threshold raised")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Last updated: March 3, 2023", "Last updated: March 5, 2024"),
        ("Effective date: 2023-03-01", "Effective date: 2024-01-05"),
        ("Version 3 - effective 1 May 2023", "Version 4 - effective 1 June 2024"),
    ],
)
def test_a_date_line_is_still_a_date_line(old: str, new: str) -> None:
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.NON_MATERIAL and "date line" in reason, reason


def test_a_protocol_version_is_a_security_qualifier() -> None:
    old = "All traffic is encrypted in transit using TLS 1.2 or higher."
    new = "All traffic is encrypted in transit using TLS 1.3."
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL and "tls 1.3" in reason, reason


def test_an_address_in_capitals_with_its_code_in_brackets_is_the_same_address() -> None:
    assert_non_material(
        "Write to us: 105 CECIL STREET #24-02 THE OCTAGON SINGAPORE (069534)",
        "Write to us: 105 Cecil Street, #24-02 The Octagon, Singapore 069534",
    )


@pytest.mark.parametrize(
    ("doubled", "single"),
    [
        (
            "read the privacy statements of each and every resource",
            "read the privacy statements of every resource",
        ),
        ("We may share any and all data with partners.", "We may share all data with partners."),
    ],
)
def test_a_doubled_quantifier_is_one_quantifier(doubled: str, single: str) -> None:
    assert_non_material(doubled, single)


def test_a_standards_number_counts_nothing() -> None:
    facts = load_rules().reader.facts("Keys are stored in FIPS 140-2 validated modules.")
    assert not [f for f in facts if f.role == "count"], facts


def test_the_persons_own_visit_is_no_pointer() -> None:
    text = "When you visit our website, we collect your IP address, time zone{}."
    assert_material(text.format(""), text.format(", precise location"), PERMISSIVE,
                    "data type added: precise geolocation")  # fmt: skip


def test_a_pointer_to_visit_still_claims_nothing() -> None:
    assert_non_material(
        "For more information, visit our Cookie Policy.",
        "For more details, visit our Cookie Policy.",
    )


def test_an_address_with_its_lines_broken_by_tags_is_the_same_address() -> None:
    assert_non_material(
        "Write to us: Example AG<br/>\nGeibelstrasse 46b<br/>\n22303 Hamburg<br/>\nGermany",
        "Write to us: Example AG, Geibelstrasse 46b, 22303 Hamburg, Germany",
    )


def test_a_line_of_contents_linking_to_the_pages_own_sections_is_a_contents() -> None:
    body = "## 1. Controller\n\nExample AG.\n\n## 2. Your rights\n\nYou may ask for a copy.\n"
    contents = "**Contents:** [1. Controller](#1-controller) · [2. Your Rights](#2-your-rights)\n\n"
    verdict, _, reason = strongest(body, contents + body)
    assert verdict is Verdict.NON_MATERIAL and "table of contents" in reason, reason


@pytest.mark.parametrize("verb", ["refuse to accept cookies", "decline cookies"])
def test_a_cookie_control_reads_the_same_with_its_verb_doubled(verb: str) -> None:
    assert_non_material(
        "Most browsers allow you to refuse cookies.", f"Most browsers allow you to {verb}."
    )


@pytest.mark.parametrize("waiver", ["free of charge", "at no cost", "without charge"])
def test_a_request_answered_at_no_cost_is_a_protection(waiver: str) -> None:
    right = "You may request a copy of the personal data we hold about you{}."
    assert_both_ways(right.format(""), right.format(f" {waiver}"), PROTECTIVE,
                     "no fee for a request added", "no fee for a request removed")  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "The app is designed for users ages 10 and up.",
            "The app is designed for users ages 6 and up.",
            "age threshold lowered",
        ),
        (
            "We may limit the data of users between 13 and 16.",
            "We may limit the data of users between 13 and 18.",
            "age",
        ),
    ],
)
def test_ages_written_as_a_range_or_and_up_are_ages(old: str, new: str, said: str) -> None:
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL and said in reason, reason


def test_an_age_range_worded_with_the_ages_of_is_the_same_range() -> None:
    assert_non_material(
        "We may limit the data of EEA users between 13 and 16.",
        "We may limit the data of EEA users between the ages of 13 and 16.",
    )
