"""Classes of change the first locked half showed the claims missing, or reading where there is
no claim: laws as grounds for disclosure, definitions, agreements in force, brands covered,
reporting channels, relative dates and in-page anchors. Each class is tested by several members,
none of them the pair that showed it."""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict
from kpversion.compare import compare
from kpversion.materiality import load_rules

MATERIAL, NON_MATERIAL = Verdict.MATERIAL, Verdict.NON_MATERIAL

DISCLOSE = "We only disclose customer data if compelled by a court order"


def judged(old: str, new: str) -> tuple[Verdict, str, Direction]:
    result = compare(old, new, rules=load_rules())
    strongest = [c for c in result.changes if c.verdict is result.verdict]
    if not strongest:
        return result.verdict, "", Direction.NEUTRAL
    return result.verdict, ",".join(strongest[0].rules), strongest[0].direction


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (f"{DISCLOSE}.", f"{DISCLOSE} or a request under the Stored Communications Act."),
        (f"{DISCLOSE}.", f"{DISCLOSE} or as the Electronic Communications Privacy Act permits."),
        (
            "We may share your information with law enforcement under the CCPA.",
            "We may share your information with law enforcement under the CCPA or the "
            "Foreign Intelligence Surveillance Act.",
        ),
    ],
)
def test_a_law_added_as_a_ground_for_disclosure_widens_it(old: str, new: str) -> None:
    verdict, rules, direction = judged(old, new)
    assert (verdict, direction) == (MATERIAL, Direction.MORE_PERMISSIVE)
    assert "A23" in rules


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We may share your information as required by the Electronic Communications Privacy "
            "Act.",
            "We may share your information as required by the ECPA.",
        ),
        (
            "You may have rights under the General Data Protection Regulation.",
            "You may have rights under the GDPR.",
        ),
    ],
)
def test_a_law_written_out_or_abbreviated_is_the_same_ground(old: str, new: str) -> None:
    assert judged(old, new)[0] is NON_MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "These Terms govern your use of the Services.",
            "These Terms govern your use of the Services. When we say “you”, we are referring "
            "to the people or organizations that own an account.",
        ),
        (
            "This policy explains our practices.",
            "This policy explains our practices. “Services” means our websites and apps.",
        ),
        (
            "“Services” means our websites and apps.",
            "“Services” means our websites, apps and connected devices.",
        ),
        (
            "“Personal information” means information that identifies you.",
            "“Personal information” means information that identifies or could identify you.",
        ),
    ],
)
def test_a_definition_added_or_changed_sets_the_scope(old: str, new: str) -> None:
    verdict, rules, _ = judged(old, new)
    assert verdict is MATERIAL
    assert "A18" in rules


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "“Services” means our websites and apps.",
            "“Services” means our webistes and apps.",
        ),
        (
            "Read our guide.",
            "Read our guide. Please refer to our help pages for more.",
        ),
    ],
)
def test_a_typo_in_a_definition_or_a_pointer_is_no_definition_change(old: str, new: str) -> None:
    assert judged(old, new)[0] is NON_MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "The DPA is effective as of October 5, 2020 and replaces any previous addendum.",
            "The DPA is effective as of September 28, 2021 and replaces any previous addendum.",
        ),
        (
            "These Terms incorporate the Data Processing Agreement dated 2019.",
            "These Terms incorporate the Data Processing Agreement dated 2023.",
        ),
    ],
)
def test_a_new_date_for_an_agreement_in_force_is_a_new_agreement(old: str, new: str) -> None:
    verdict, rules, _ = judged(old, new)
    assert verdict is MATERIAL
    assert "A25" in rules


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Last updated: May 7, 2020", "Last updated: July 9, 2020"),
        (
            "We act under ICANN's 2009 Registrar Accreditation Agreement.",
            "We act under ICANN's 2013 Registrar Accreditation Agreement.",
        ),
    ],
)
def test_the_date_line_and_a_dated_name_stay_non_material(old: str, new: str) -> None:
    assert judged(old, new)[0] is NON_MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "This policy applies to Acme-branded services and Widget-branded services.",
            "This policy applies to Acme-branded services, Widget-branded services and "
            "Gizmo-branded services.",
        ),
        (
            "These may include Acme-branded services and other products.",
            "These may include Acme-branded services, Orbit-branded services and other products.",
        ),
    ],
)
def test_a_brand_added_to_what_the_policy_covers_is_scope(old: str, new: str) -> None:
    verdict, rules, _ = judged(old, new)
    assert verdict is MATERIAL
    assert "A18" in rules


@pytest.mark.parametrize(
    "added",
    [
        " and our [Security Response page](./security/response/) for how to report a security "
        "incident",
        " and [this form](/trust/report) to report a vulnerability",
    ],
)
def test_a_way_to_report_a_security_incident_added_is_a_channel(added: str) -> None:
    old = "Please refer to our [Security Overview](../security/) for full details."
    new = f"Please refer to our [Security Overview](../security/) for full details{added}."
    verdict, rules, _ = judged(old, new)
    assert verdict is MATERIAL
    assert "A5" in rules


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Updated over a week ago", "Updated over 2 weeks ago"),
        ("* comment by someone 5 hours ago", "* comment by someone 2 days ago"),
        ("Posted 3 months ago", "Posted a year ago"),
    ],
)
def test_a_relative_date_is_no_retention_period(old: str, new: str) -> None:
    assert judged(old, new)[0] is NON_MATERIAL


def test_a_retention_period_still_counts() -> None:
    verdict, rules, direction = judged(
        "We keep server logs for 30 days.", "We keep server logs for 2 years."
    )
    assert (verdict, direction) == (MATERIAL, Direction.MORE_PERMISSIVE)
    assert "A13" in rules


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "## Contact us\n\nEmail privacy@example.com with questions about your privacy.",
            '## [](#contact-us "#contact-us")Contact us\n\nEmail privacy@example.com with '
            "questions about your privacy.",
        ),
        (
            "For privacy questions, [contact us](#contact).",
            "For privacy questions, [contact us](#privacy-contact).",
        ),
    ],
)
def test_an_in_page_anchor_reaches_nobody(old: str, new: str) -> None:
    assert judged(old, new)[0] is NON_MATERIAL


def test_a_real_channel_beside_an_anchor_still_counts() -> None:
    old = "For privacy questions, [contact us](#contact) or email privacy@example.com."
    new = "For privacy questions, [contact us](#contact) or email legal@example.com."
    verdict, rules, _ = judged(old, new)
    assert verdict is MATERIAL
    assert "A5" in rules


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "Our email vendors are SocketLabs, Braze and Mailchimp, and you can opt out using "
            "the link in each email.",
            "Our email vendors are SocketLabs and Mailchimp, and you can opt out using the link "
            "in each email.",
            Direction.MORE_PROTECTIVE,
        ),
        (
            "Our email vendors are SocketLabs and Mailchimp, and you can opt out using the link "
            "in each email.",
            "Our email vendors are SocketLabs, Braze and Mailchimp, and you can opt out using "
            "the link in each email.",
            Direction.MORE_PERMISSIVE,
        ),
    ],
)
def test_a_party_that_gets_data_widens_whatever_practice_it_serves(
    old: str, new: str, expected: Direction
) -> None:
    verdict, _, direction = judged(old, new)
    assert (verdict, direction) == (MATERIAL, expected)


CONTACT_SECTION = "## Contact Us\n\nEmail privacy@example.com with questions about your privacy."


@pytest.mark.parametrize(
    ("old_link", "new_link"),
    [
        ("https://example.com/privacy/#contact-us", "#contact-us"),
        ("#contact-us", "https://www.example.com/en/privacy#contact-us"),
    ],
)
def test_a_link_to_the_pages_own_section_is_no_channel(old_link: str, new_link: str) -> None:
    sentence = "If you have questions about your privacy, [Contact Us]({})."
    old = f"{sentence.format(old_link)}\n\n{CONTACT_SECTION}\n"
    new = f"{sentence.format(new_link)}\n\n{CONTACT_SECTION}\n"
    assert judged(old, new)[0] is NON_MATERIAL


def test_a_link_to_another_pages_section_is_still_a_channel() -> None:
    sentence = "If you have questions about your privacy, [Contact Us]({})."
    old = f"{sentence.format('https://help.example.com/privacy#contact-us')}\n\n{CONTACT_SECTION}\n"
    new = f"{sentence.format('https://forms.example.net/privacy-request')}\n\n{CONTACT_SECTION}\n"
    verdict, rules, _ = judged(old, new)
    assert verdict is MATERIAL
    assert "A5" in rules


CALIFORNIA = "California residents may ask us what we collect about them."


def test_a_section_re_nested_under_its_own_scoped_heading_stays_in_scope() -> None:
    old = f"# Policy\n\n## Notice for California Users\n\n{CALIFORNIA}\n\n## Security\n\nWe care.\n"
    new = (
        "# Policy\n\n## Security\n\nWe care.\n\n### Additional Terms\n\n"
        f"#### Notice for California Users\n\n{CALIFORNIA}\n"
    )
    assert judged(old, new)[0] is NON_MATERIAL


def test_a_section_moved_under_another_scope_is_still_reviewed() -> None:
    old = f"# Policy\n\n## Notice for California Users\n\n{CALIFORNIA}\n\n## Children\n\nHi.\n"
    new = f"# Policy\n\n## Notice for California Users\n\nHi.\n\n## Children\n\n{CALIFORNIA}\n"
    assert judged(old, new)[0] is not NON_MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("General Motors News", "General Motors Engineer Guides Award-Winning Team"),
        ("* Gift Ideas For Kids", "* Gift Ideas Under $30 Under $50 For Kids"),
        ("* Shop", "* My Account\n* Shop"),
        ("Welcome.", "Welcome.\n\n**Limited Time Only!**"),
    ],
)
def test_page_chrome_that_looks_like_a_claim_is_none(old: str, new: str) -> None:
    assert judged(old, new)[0] is NON_MATERIAL


@pytest.mark.parametrize(
    "banner",
    [
        "We've updated our Privacy Policy, effective 17 November 2021. You can view the prior "
        "Privacy Policy, which applies to all users until 17 November 2021, "
        "[here](https://example.com/privacy/2021-08-27).",
        "We have revised our Privacy Notice. Read the previous version [here](/old).",
        "**Our Privacy Policy has been updated, effective May 1, 2024.** [Learn more](/changes)",
    ],
)
def test_a_banner_announcing_the_update_is_its_notice_not_a_term(banner: str) -> None:
    body = "We collect your e-mail address to send receipts."
    assert judged(body, f"{banner}\n\n{body}")[0] is NON_MATERIAL
    assert judged(f"{banner}\n\n{body}", body)[0] is NON_MATERIAL


@pytest.mark.parametrize(
    "announcement",
    [
        "We have changed our policy to no longer sell your data.",
        "We've updated our Privacy Policy: we now share your location with advertisers.",
    ],
)
def test_an_announcement_that_states_a_practice_is_a_claim(announcement: str) -> None:
    body = "We collect your e-mail address to send receipts."
    assert judged(body, f"{announcement}\n\n{body}")[0] is MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "**EU representative**\n\nEmail rep@comnet.ie",
            "**EU representative**\n\nEmail rep@query.ie",
        ),
        (
            "Our office: privacy@cpwm.com, 1201 Marina Village",
            "Our office: privacy@worldmarket.com, 1201 Marina Village",
        ),
    ],
)
def test_an_email_address_changed_anywhere_is_a_channel(old: str, new: str) -> None:
    verdict, rules, _ = judged(old, new)
    assert verdict is MATERIAL
    assert "A5" in rules


def test_a_way_to_contact_a_team_added_is_a_channel() -> None:
    old = "* We answer requests within 45 days."
    new = (
        "* We answer requests within 45 days.\n"
        "* Please contact our Customer Care team [here](https://help.example.com/contact)."
    )
    verdict, rules, _ = judged(old, new)
    assert verdict is MATERIAL
    assert "A5" in rules


def test_a_long_menu_in_title_case_names_no_audience_or_data() -> None:
    menu = (
        "* Pillows and Throws Throw Pillows Chair Cushions Floor Pillows Blankets Curtains "
        "Bamboo Panels Bed and Bath Bedroom Bathroom Laundry Closet Organization Bath and Body "
        "Kids Bath Rugs Doormats"
    )
    assert judged("* Shop", f"* Shop\n{menu}")[0] is NON_MATERIAL


def test_a_short_heading_in_title_case_still_claims() -> None:
    old = "## Information We Collect\n\nWe collect your name."
    new = "## Information We Collect\n\nWe collect your name.\n\n### Precise Geolocation Data\n"
    assert judged(old, new)[0] is not NON_MATERIAL


@pytest.mark.parametrize(
    ("old_host", "new_host", "expected"),
    [
        ("values.example.com", "example.com", NON_MATERIAL),
        ("www.example.co.uk", "privacy.example.co.uk", NON_MATERIAL),
        ("example.zendesk.com", "support.examplehelp.com", MATERIAL),
    ],
)
def test_a_form_is_compared_by_its_site_and_path(
    old_host: str, new_host: str, expected: Verdict
) -> None:
    sentence = "To submit a privacy request, use our [request form](https://{}/privacy/request)."
    assert judged(sentence.format(old_host), sentence.format(new_host))[0] is expected


def test_a_reported_statistic_is_no_period_promised() -> None:
    old = "* The median number of days to respond to requests to know was 9 days."
    new = "* The median number of days to respond to requests to know was 1 week."
    assert judged(old, new)[0] is NON_MATERIAL
    promise = "* We respond to requests to know within {}."
    assert judged(promise.format("45 days"), promise.format("90 days"))[0] is MATERIAL


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "We store the last 4 digits of your credit card number.",
            "We store your full credit card number.",
            Direction.MORE_PERMISSIVE,
        ),
        (
            "We use Greenhouse to handle employment applications.",
            "We use Greenhouse and HireVue to handle employment applications.",
            Direction.MORE_PERMISSIVE,
        ),
        (
            "We use Sentry and New Relic to diagnose errors. Both companies take part in the "
            "Data Privacy Framework.",
            "We use Sentry, New Relic, and Datadog to diagnose errors. All three companies take "
            "part in the Data Privacy Framework.",
            Direction.MORE_PERMISSIVE,
        ),
    ],
)
def test_direction_of_a_part_of_a_data_type_a_tool_and_a_count(
    old: str, new: str, expected: Direction
) -> None:
    result = compare(old, new, rules=load_rules())
    assert result.verdict is MATERIAL
    assert {c.direction for c in result.changes if c.verdict is MATERIAL} == {expected}


def test_all_of_your_data_is_still_universal() -> None:
    old = "We may share some of your data with partners."
    new = "We may share all of your data with partners."
    verdict, _, direction = judged(old, new)
    assert (verdict, direction) == (MATERIAL, Direction.MORE_PERMISSIVE)


def test_an_address_in_title_case_is_no_menu() -> None:
    head = "> MG Japan Services GK Representative Office Customer Privacy Requests Department"
    old = f"{head}\n> c/o Example, LLC\n> 8750 North Central Expressway Suite 1400 Dallas, TX 75231"
    new = f"{head}\n> Sumitomo Fudosan Azabu Building\n> 1-4-1 Mita Minato-ku, Tokyo 108-0073 Japan"
    assert judged(old, new)[0] is not NON_MATERIAL


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "Questions? Email [privacy@example.com](mailto:mailto:privacy@example.com).",
            "Questions? Email [privacy@example.com](mailto:privacy@example.com).",
        ),
        (
            "[Spotlight risks using Risks shortcut](https://example.com/blog)",
            "[Spotlight dependencies using Dependencies shortcut](https://example.com/blog)",
        ),
    ],
)
def test_a_doubled_scheme_and_a_feature_name_are_no_change_of_party(old: str, new: str) -> None:
    assert judged(old, new)[0] is NON_MATERIAL


def test_a_bold_label_made_a_heading_moves_no_claim() -> None:
    old = "## Privacy\n\n**Cookies** We may use cookies and clear GIFs.\n"
    new = "## Privacy\n\n### Cookies\n\nWe may use cookies and clear GIFs.\n"
    assert judged(old, new)[0] is NON_MATERIAL


def test_a_label_added_beside_a_claim_removed_elsewhere_is_still_seen() -> None:
    old = "## Privacy\n\nWe do not collect precise geolocation.\n"
    new = "## Privacy\n\n### Precise geolocation\n"
    assert judged(old, new)[0] is MATERIAL


@pytest.mark.parametrize(
    ("old_path", "new_path", "expected"),
    [
        ("/feedback/", "/privacy/feedback", MATERIAL),
        ("/about/privacy/home", "/about/privacy", NON_MATERIAL),
        ("/privacy/index.html", "/privacy/", NON_MATERIAL),
    ],
)
def test_a_contact_link_is_compared_by_site_and_path(
    old_path: str, new_path: str, expected: Verdict
) -> None:
    sentence = (
        "You can change this information by contacting our [Support Team](https://example.com{})."
    )
    assert judged(sentence.format(old_path), sentence.format(new_path))[0] is expected


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "Effective from 2024, we provide updates for at least 5 years from purchase.",
            "Effective from 2024, we provide updates for at least 3 years from purchase.",
        ),
        (
            "As of today, records are kept for 7 years after the account closes.",
            "As of today, records are kept for 10 years after the account closes.",
        ),
    ],
)
def test_a_period_in_a_sentence_with_date_words_is_no_date_line(old: str, new: str) -> None:
    verdict, rules, _ = judged(old, new)
    assert verdict is not NON_MATERIAL
    assert "A4" not in rules


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "Review your settings to [control the ads that you see](https://example.com/ads).",
            "Review your settings to [control the ads you see](https://example.com/ads).",
        ),
        ("We keep the data that you upload.", "We keep the data you upload."),
    ],
)
def test_an_optional_that_is_wording_only(old: str, new: str) -> None:
    assert judged(old, new)[0] is NON_MATERIAL


def test_a_banner_saying_when_the_changes_take_effect_is_its_notice() -> None:
    body = "We collect your e-mail address to send receipts."
    banner = (
        "| We've updated our [User Agreement](/ua) and Privacy Policy. Please take a look "
        "before the changes take effect on September 12, 2021. |"
    )
    assert judged(f"{banner}\n\n{body}", body)[0] is NON_MATERIAL


def test_a_revisions_clause_is_no_banner() -> None:
    old = "We encourage you to periodically reread this policy."
    new = "Such changes are effective immediately upon posting. " + old
    assert judged(old, new)[0] is MATERIAL


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "You can adjust how we personalize ads in your account settings, or [here]({}).",
            "",
            MATERIAL,
        ),
        ("You can [opt out of ad personalization]({}) at any time.", "", MATERIAL),
        ("Read the [history of our company]({}).", "", NON_MATERIAL),
    ],
)
def test_a_link_that_carries_out_a_choice_is_a_channel(
    old: str, new: str, expected: Verdict
) -> None:
    before = old.format("https://example.com/personalization")
    after = old.format("https://example.com/settings/privacy")
    assert judged(before, after)[0] is expected


@pytest.mark.parametrize(
    ("old_street", "new_street"),
    [
        (
            "255 Executive Drive, Suite 400,\nPlainview, NY 11803",
            "4052 S 124th Street,\nGreenfield, WI 53228",
        ),
        ("1 W 42nd St, New York, NY 10036", "500 Market Street, San Francisco, CA 94105"),
    ],
)
def test_a_postal_address_that_moved_is_a_channel_wherever_it_stands(
    old_street: str, new_street: str
) -> None:
    lead = "You can also post your views to us.\n\nExample.com, Inc.\n"
    verdict, rules, _ = judged(lead + old_street, lead + new_street)
    assert verdict is MATERIAL
    assert "A5" in rules
