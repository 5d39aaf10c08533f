"""Regional editions of one text (British and American English, a style guide's capitals) are
no change of claim: a party whose name only changed case, one measure named by a synonym,
"anytime" for "at any time", "whether or not" for "whether", a term the writer names ("which
we refer to as"). Each class is tested by several members, and by a neighbour that is a change.
"""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict
from kpversion.compare import compare
from kpversion.materiality import load_rules

MATERIAL, NON_MATERIAL = Verdict.MATERIAL, Verdict.NON_MATERIAL


def judged(old: str, new: str) -> tuple[Verdict, str]:
    result = compare(old, new, rules=load_rules())
    strongest = [c for c in result.changes if c.verdict is result.verdict]
    return result.verdict, strongest[0].reason if strongest else ""


def directions(old: str, new: str) -> tuple[Verdict, set[Direction]]:
    """The verdict, and the directions of every change."""
    result = compare(old, new, rules=load_rules())
    return result.verdict, {c.direction for c in result.changes}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "You can share your router data with your Internet Service Provider so that they "
            "can fix your Wi-Fi or Internet connection.",
            "You can share your router data with your internet service provider so they can "
            "fix your Wi-Fi or internet connection.",
        ),
        (
            "Acme takes part in the [Acme Bug Bounty Programme](https://acme.example/bounty).",
            "Acme takes part in the [Acme bug bounty program](https://acme.example/bounty).",
        ),
        (
            "We share account data with Acme Cloud Services and its Data Protection Officer.",
            "We share account data with Acme Cloud services and its data protection officer.",
        ),
        (
            "We protect your account with tools like Security Check-Up and Login Alerts.",
            "We protect your account with tools like Security Checkup, and login alerts.",
        ),
    ],
)
def test_a_name_that_only_changed_case_or_hyphens_is_the_same_party(old: str, new: str) -> None:
    verdict, reason = judged(old, new)
    assert verdict is NON_MATERIAL, reason


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (
            "We share account data with Acme Cloud.",
            "We share account data with Acme Cloud and with Google.",
            "new recipient: Google",
        ),
        (
            "We share account data with Google Analytics.",
            "We share account data with Google Analytics and Google.",
            "new recipient: Google",
        ),
        (
            "We share account data with Mailchimp.",
            "We share account data with Acoustic.",
            "recipient replaced: Mailchimp → Acoustic",
        ),
    ],
)
def test_a_name_added_or_put_for_another_is_still_a_new_party(
    old: str, new: str, reason: str
) -> None:
    verdict, found = judged(old, new)
    assert verdict is MATERIAL
    assert reason in found


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("### Independent security validation", "### Independent Security Assessment"),
        (
            "Our products pass regular security testing by outside firms.",
            "Our products pass regular security assessments by outside firms.",
        ),
        (
            "We run a vulnerability reward programme for researchers.",
            "We run a bug bounty for researchers.",
        ),
    ],
)
def test_one_security_measure_named_by_a_synonym_is_the_same_measure(old: str, new: str) -> None:
    verdict, reason = judged(old, new)
    assert verdict is NON_MATERIAL, reason


def test_a_security_measure_dropped_is_still_seen() -> None:
    old = "We protect your data with encryption and regular security testing."
    new = "We protect your data with encryption."
    verdict, reason = judged(old, new)
    assert verdict is MATERIAL
    assert "audits and testing" in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "You can review or delete them at any time in your account.",
            "You can review or delete them anytime in your account.",
        ),
        ("You may withdraw consent anytime.", "You may withdraw consent at any time."),
    ],
)
def test_anytime_is_at_any_time(old: str, new: str) -> None:
    assert judged(old, new)[0] is NON_MATERIAL


def test_a_right_no_longer_at_any_time_is_still_seen() -> None:
    old = "You can delete your data at any time."
    new = "You can delete your data once a year."
    assert judged(old, new)[0] is MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We will respect your choice about whether you want to receive promotional emails.",
            "We will respect your choice about whether or not you want to receive promotional "
            "emails.",
        ),
        (
            "You decide whether we may use your location.",
            "You decide whether we may use your location or not.",
        ),
    ],
)
def test_whether_or_not_is_whether(old: str, new: str) -> None:
    assert judged(old, new)[0] is NON_MATERIAL


def test_a_real_negation_beside_whether_is_still_seen() -> None:
    old = "Whether you sign in or not, we share your location with advertisers."
    new = "Whether you sign in or not, we do not share your location with advertisers."
    assert judged(old, new)[0] is MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "The router stats described here (which we refer to as 'network data') are not "
            "used for ad personalisation.",
            "The router stats described here (which we refer to as \u201cnetwork data\u201d) are "
            "not used for ad personalization.",
        ),
        (
            "Together, these are what we refer to as the Services, and they are covered by "
            "this organisation's notice.",
            "Together, these are what we refer to as the Services, and they are covered by "
            "this organization's notice.",
        ),
    ],
)
def test_a_term_the_writer_names_is_no_definition_of_we(old: str, new: str) -> None:
    assert judged(old, new)[0] is NON_MATERIAL


def test_a_definition_of_we_changed_is_still_seen() -> None:
    old = "When we say 'we' or 'us', we are referring to Acme Inc."
    new = "When we say 'we' or 'us', we are referring to Acme Inc. and its affiliates."
    assert judged(old, new)[0] is MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "You have the right to request deletion of your data.",
            "Subject to applicable law, you have the right to request deletion of your data.",
        ),
        (
            "We will honour your request to access your data.",
            "We will honour your request to access your data, subject to our legitimate "
            "business needs.",
        ),
    ],
)
def test_a_condition_put_on_a_right_narrows_it(old: str, new: str) -> None:
    assert directions(old, new) == (MATERIAL, {Direction.MORE_PERMISSIVE})


@pytest.mark.parametrize(
    "banner",
    [
        "We're updating our Privacy Policy, effective May 1, 2026. You can preview the updated "
        "Privacy Policy [here](https://example.com/privacy-preview).",
        "This updated Privacy Policy will be effective May 1, 2026. Until the effective date, "
        "you can view our current Privacy Policy [here](https://example.com/privacy).",
        "If you are located in the EEA, you can view your current Privacy Policy here. The "
        "Privacy Policy below will be effective for the EEA on May 1, 2026.",
    ],
)
def test_a_banner_announcing_an_upcoming_version_is_its_notice(banner: str) -> None:
    body = "We collect your e-mail address to send receipts."
    assert judged(body, f"{banner}\n\n{body}")[0] is NON_MATERIAL
    assert judged(f"{banner}\n\n{body}", body)[0] is NON_MATERIAL


def test_an_announcement_that_states_a_practice_is_a_claim() -> None:
    body = "We collect your e-mail address to send receipts."
    banner = "We're updating our Privacy Policy to share your location with advertisers."
    assert judged(body, f"{banner}\n\n{body}")[0] is MATERIAL


@pytest.mark.parametrize(
    "item",
    [
        "* [Vendor Information Security Schedule](https://example.com/legal/vendor-security)",
        "* [Supplier Code of Conduct](https://example.com/legal/supplier-code)",
        "* [Cookie List](https://example.com/legal/cookies)",
    ],
)
def test_the_linked_title_of_another_document_makes_no_claim(item: str) -> None:
    menu = "* [Terms of Service](https://example.com/legal/terms)"
    assert judged(menu, f"{menu}\n{item}")[0] is NON_MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "* [Google Analytics](https://example.com/a)",
            "* [Google Analytics](https://example.com/a)\n* [Meta Pixel](https://example.com/m)",
        ),
        (
            "We share usage data with analytics providers.",
            "We share usage data with analytics providers, as our "
            "[Cookie List](https://example.com/cookies) names them, and with advertisers.",
        ),
    ],
)
def test_a_linked_name_or_a_sentence_around_a_title_is_still_read(old: str, new: str) -> None:
    assert judged(old, new)[0] is MATERIAL


CONTACT_BLOCK = """If you are in the EU, you may contact our representative at:

Example Representative Services Ltd
10 Sample Street, Dublin 2, D02 AY28

Ireland
"""


@pytest.mark.parametrize(
    "line",
    [
        "Main point of contact: Jane Doe-Smith",
        "Contact person: Joe Bloggs",
        "Primary point of contact - Ana Lima",
    ],
)
def test_a_named_point_of_contact_added_or_removed_is_a_channel(line: str) -> None:
    with_person = f"{CONTACT_BLOCK}\n{line}\n"
    for old, new in ((with_person, CONTACT_BLOCK), (CONTACT_BLOCK, with_person)):
        verdict, reason = judged(old, new)
        assert verdict is MATERIAL
        assert "person:" in reason


def test_a_point_of_contact_unchanged_beside_another_edit_is_no_channel_change() -> None:
    old = f"{CONTACT_BLOCK}\nMain point of contact: Jane Doe\n\nWe reply within a week."
    new = f"{CONTACT_BLOCK}\nMain point of contact: Jane Doe\n\nWe reply within a week!"
    assert judged(old, new)[0] is NON_MATERIAL


SECTIONS = """## What we collect

We collect your e-mail address.

## How we share information

We share it with our payment processor.

## How long we keep your information

We keep it for two years.
"""


@pytest.mark.parametrize(
    "contents",
    [
        "What we collect\n\nHow we share information\n\nHow long we keep your information\n",
        "* [What we collect](https://example.com/privacy#what-we-collect)\n"
        "* [How we share information](https://example.com/privacy#how-we-share-information)\n"
        "* [How long we keep your information](https://example.com/privacy#how-long)\n",
    ],
)
def test_a_contents_list_that_lost_its_markup_or_links_in_full_is_contents(contents: str) -> None:
    with_contents = f"# Privacy Policy\n\n{contents}\n{SECTIONS}"
    without = f"# Privacy Policy\n\n{SECTIONS}"
    for old, new in ((with_contents, without), (without, with_contents)):
        verdict, reason = judged(old, new)
        assert verdict is NON_MATERIAL, reason


def test_a_sentence_that_repeats_no_heading_is_no_contents_entry() -> None:
    contents = "What we collect\n\nHow we share information\n\nWe sell your information\n"
    old = f"# Privacy Policy\n\n{SECTIONS}"
    new = f"# Privacy Policy\n\n{contents}\n{SECTIONS}"
    assert judged(old, new)[0] is MATERIAL


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "If you cancel, we will have no obligation to provide a refund.",
            "If you cancel, we will provide a pro-rated refund.",
            Direction.MORE_PROTECTIVE,
        ),
        (
            "In some circumstances you are able to delete your account data.",
            "In some circumstances you will not be able to delete your account data.",
            Direction.MORE_PERMISSIVE,
        ),
        (
            "Opting out of sale under this notice will not opt you out of targeted ads.",
            "Opting out of sale under this notice will also opt you out of targeted ads.",
            Direction.MORE_PROTECTIVE,
        ),
    ],
)
def test_a_negation_of_a_duty_ability_or_choice_runs_the_other_way(
    old: str, new: str, direction: Direction
) -> None:
    verdict, found = directions(old, new)
    assert verdict is not NON_MATERIAL
    assert found == {direction}


def test_a_negation_of_a_practice_beside_a_choice_still_widens_when_removed() -> None:
    old = "We do not sell your personal information, and you can opt out of e-mails."
    new = "We sell your personal information, and you can opt out of e-mails."
    assert directions(old, new) == (MATERIAL, {Direction.MORE_PERMISSIVE})


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We keep your data for as long as you have an account.",
            "We keep your data for as long as you have an account and for two years after you "
            "close it.",
        ),
        (
            "We may retain your registration data until your membership is cancelled.",
            "We may retain your registration data until 5 years after your membership is "
            "cancelled.",
        ),
        (
            "When you delete your account, your photos are deleted from our servers.",
            "When you delete your account, your photos are kept on our servers for up to 1 year "
            "and then deleted.",
        ),
    ],
)
def test_a_period_past_an_end_keeps_data_longer(old: str, new: str) -> None:
    for before, after, direction in (
        (old, new, Direction.MORE_PERMISSIVE),
        (new, old, Direction.MORE_PROTECTIVE),
    ):
        assert directions(before, after) == (MATERIAL, {direction})


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "We keep your data while your account is open.",
            "We keep your data while your account is open, and for no longer than 2 years.",
            Direction.MORE_PROTECTIVE,
        ),
        (
            "We keep logs for 90 days after you close your account.",
            "We keep logs for 3 years after you close your account.",
            Direction.MORE_PERMISSIVE,
        ),
    ],
)
def test_a_cap_or_a_period_compared_stays_as_it_was(
    old: str, new: str, direction: Direction
) -> None:
    assert directions(old, new) == (MATERIAL, {direction})


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We disclose personal data when the law requires it.",
            "We disclose personal data when the law requires it, or to protect our business "
            "interests.",
        ),
        (
            "We keep your data as long as the law requires.",
            "We keep your data as long as the law requires, or when we have a business need to "
            "keep it.",
        ),
        (
            "We may share information if required by a court order.",
            "We may share information if required by a court order or to protect our rights "
            "or property.",
        ),
    ],
)
def test_the_writers_own_interests_added_as_a_ground_widen_it(old: str, new: str) -> None:
    assert directions(old, new) == (MATERIAL, {Direction.MORE_PERMISSIVE})


def test_protecting_the_persons_data_is_still_a_protection() -> None:
    old = "We store your data on servers in the EU."
    new = "We store your data on servers in the EU and protect it with encryption."
    assert directions(old, new) == (MATERIAL, {Direction.MORE_PROTECTIVE})


def test_a_maximum_past_an_end_is_still_a_cap() -> None:
    old = "We keep your profile while your account is open."
    new = "We keep your profile while your account is open, and no longer than 6 months after "
    new += "you close it."
    assert directions(old, new) == (MATERIAL, {Direction.MORE_PROTECTIVE})


HISTORY = """## Change log

* July 7, 2009: Added "not pornographic" to paragraph 2 "Responsibility of Contributors".
* 18 December 2010: Added an automatic renewal section to paragraph 3.
* 2011-04-27: Added an "Advertisements" paragraph to clarify our ad policy.
"""


def test_a_change_log_removed_or_added_states_no_practice() -> None:
    body = "## Payment\n\nPaid plans renew automatically unless you cancel them.\n"
    for old, new in ((f"{body}\n{HISTORY}", body), (body, f"{body}\n{HISTORY}")):
        verdict, reason = judged(old, new)
        assert verdict is NON_MATERIAL, reason


@pytest.mark.parametrize(
    "line",
    [
        "* July 7, 2009: we share your e-mail address with advertisers.",
        "* 2011-04-27: We collect your precise location.",
    ],
)
def test_a_dated_sentence_that_is_no_note_of_an_edit_is_read(line: str) -> None:
    body = "## Payment\n\nPaid plans renew automatically unless you cancel them.\n"
    assert judged(body, f"{body}\n{line}\n")[0] is MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "If you use [Recurring Payments](https://example.com/rp), Stripe handles payment.",
            "If you use [Payments](https://example.com/rp), Stripe handles payment.",
        ),
        (
            "Disputes go to court, as Section 14 (Arbitration Agreement) explains.",
            "Disputes go to court, as Section 14 explains.",
        ),
    ],
)
def test_a_clause_named_in_capitals_is_a_name_not_the_clause(old: str, new: str) -> None:
    verdict, reason = judged(old, new)
    assert verdict is NON_MATERIAL, reason


def test_a_clause_written_in_prose_is_still_a_clause() -> None:
    old = "You may cancel at any time."
    new = "You may cancel at any time. Paid plans renew with recurring payments each month."
    assert judged(old, new)[0] is MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "You can read about our refund policy [here](https://example.com/refunds).",
            "More details are available in [our refund policy](https://example.com/refunds).",
        ),
        (
            "You can find our cookie policy [here](https://example.com/cookies).",
            "See our [cookie policy](https://example.com/cookies).",
        ),
    ],
)
def test_a_pointer_phrased_with_can_is_a_pointer(old: str, new: str) -> None:
    verdict, reason = judged(old, new)
    assert verdict is NON_MATERIAL, reason


def test_a_sentence_granting_a_choice_with_can_is_still_read() -> None:
    old = "You can opt out of targeted ads in your settings."
    new = "You can opt out of targeted ads and of the sale of your data in your settings."
    assert judged(old, new)[0] is MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "| Right to Know / Access | 2,284,441 | 2,284,441 | 0 | 8.83 days |",
            "| Right to Know / Access | 1,498,726 | 1,498,724 | 2 | 3.89 days |",
        ),
        (
            "On average we answered deletion requests in 15.5 days.",
            "On average we answered deletion requests in 15.47 days.",
        ),
    ],
)
def test_a_time_measured_to_two_decimals_is_no_period(old: str, new: str) -> None:
    verdict, reason = judged(old, new)
    assert verdict is NON_MATERIAL, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We delete backups after 30 days.", "We delete backups after 90 days."),
        ("We keep logs for 1.5 years.", "We keep logs for 2.5 years."),
    ],
)
def test_a_promised_period_changed_is_still_material(old: str, new: str) -> None:
    assert judged(old, new)[0] is MATERIAL


def test_a_row_of_counts_with_a_decimal_time_is_a_report() -> None:
    old = "| Request to Delete | 7,542,315 | 7,542,315 | 0 | 15.5 days |"
    new = "| Request to Delete | 8,260,593 | 8,260,593 | 0 | 15.47 days |"
    verdict, reason = judged(old, new)
    assert verdict is NON_MATERIAL, reason


def test_several_promised_periods_in_one_sentence_are_still_read() -> None:
    old = "Effective 01.02.2024, we keep logs 30 days, backups 60 days and archives 90 days."
    new = "Effective 01.02.2024, we keep logs 30 days, backups 60 days and archives 400 days."
    assert judged(old, new)[0] is MATERIAL


RECOURSE = (
    "If your complaint is not resolved, you may use an independent recourse mechanism. To "
    "learn more about its dispute resolution services, including complaint submission, please "
    "visit: [https://adr.example/dpf.html]({target})."
)


def test_a_recourse_link_is_a_channel() -> None:
    old = RECOURSE.format(target="http://adr.example/privacyshield.html")
    new = RECOURSE.format(target="https://adr.example/dpf.html")
    assert judged(old, new)[0] is MATERIAL


def test_a_dispute_clause_link_elsewhere_is_still_markup() -> None:
    old = "Read our [terms](https://example.com/terms-old) for the rules of the site."
    new = "Read our [terms](https://example.com/terms) for the rules of the site."
    assert judged(old, new)[0] is NON_MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "These Terms govern your use of [Acme.com](https://acme.example/) and "
            "[Acme Mail](https://mail.example/).",
            "These Terms govern your use of [Acme.com](https://acme.example/), "
            "[Acme Mail](https://mail.example/) and [Acme Scan](https://scan.example/).",
        ),
        (
            "These terms govern your access to our websites and apps.",
            "These terms govern your access to our websites, apps and Acme Studio.",
        ),
    ],
)
def test_a_service_added_to_what_the_terms_govern_is_scope(old: str, new: str) -> None:
    verdict, reason = judged(old, new)
    assert verdict is MATERIAL
    assert "entity covered added" in reason


def test_a_site_given_as_an_example_of_what_the_terms_govern_is_an_example() -> None:
    old = "These Terms also govern our product websites, such as [atom.io](https://atom.io/)."
    new = "These Terms also govern our product websites, such as "
    new += "[electronjs.org](https://electronjs.org/)."
    verdict, reason = judged(old, new)
    assert verdict is NON_MATERIAL, reason


def test_a_site_added_to_what_the_terms_govern_is_scope() -> None:
    old = "These Terms govern your use of acme.com."
    new = "These Terms govern your use of acme.com and acmemail.com."
    assert judged(old, new)[0] is MATERIAL


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "You may not use our Services if you are under the age of 13 (or 16 in Europe).",
            "You may not use our Services if you are under the age of 13.",
            Direction.MORE_PERMISSIVE,
        ),
        (
            "We do not knowingly collect data from children under 13.",
            "We do not knowingly collect data from children under 13 or teenagers under 16.",
            Direction.MORE_PROTECTIVE,
        ),
        (
            "We do not sell the personal information of consumers under 16.",
            "We do not sell the personal information of consumers under 13.",
            Direction.MORE_PERMISSIVE,
        ),
    ],
)
def test_an_age_threshold_added_protects_and_one_dropped_exposes(
    old: str, new: str, direction: Direction
) -> None:
    verdict, found = directions(old, new)
    assert verdict is MATERIAL
    assert found == {direction}


GRANT = "You grant us a {words} license to use and display your content."


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            GRANT.format(words="worldwide, non-exclusive"),
            GRANT.format(words="perpetual, irrevocable, worldwide, non-exclusive"),
            Direction.MORE_PERMISSIVE,
        ),
        (
            GRANT.format(words="worldwide, transferable, sub-licensable"),
            GRANT.format(words="worldwide, non-transferable, non-sublicensable"),
            Direction.MORE_PROTECTIVE,
        ),
        (
            GRANT.format(words="worldwide, unlimited"),
            GRANT.format(words="worldwide"),
            Direction.MORE_PROTECTIVE,
        ),
    ],
)
def test_a_licence_widened_or_narrowed_follows_its_words(
    old: str, new: str, direction: Direction
) -> None:
    assert directions(old, new) == (MATERIAL, {direction})


def test_the_same_words_outside_a_licence_are_no_breadth() -> None:
    old = "Our offices are worldwide."
    new = "Our offices are worldwide, transferable and unrestricted."
    assert judged(old, new)[0] is NON_MATERIAL


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "You can control tailored advertising for some podcasts using the show's link.",
            "You can control tailored advertising for all podcasts using the show's link.",
            Direction.MORE_PROTECTIVE,
        ),
        (
            "We will ask your permission before we collect your data from certain partners.",
            "We will ask your permission before we collect your data from any partner.",
            Direction.MORE_PROTECTIVE,
        ),
        (
            "You can opt out of the sale of all of your personal information.",
            "You can opt out of the sale of some of your personal information.",
            Direction.MORE_PERMISSIVE,
        ),
    ],
)
def test_a_quantifier_in_a_choice_says_how_far_it_reaches(
    old: str, new: str, direction: Direction
) -> None:
    assert directions(old, new) == (MATERIAL, {direction})


def test_a_quantifier_on_sharing_still_widens_it() -> None:
    old = "We share some of your data with advertisers."
    new = "We share all of your data with advertisers."
    assert directions(old, new) == (MATERIAL, {Direction.MORE_PERMISSIVE})
