"""Claims, not words: each class of change the classifier must read right, as a whole class.

Every case names the class it stands for; the classes are those the blind evaluation found
wrong before claims were read (docs/materiality.md, "The claims design").
"""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict
from kpversion.compare import compare
from kpversion.materiality import load_rules
from kpversion.materiality.lexicon import Entry, Lexicon

MATERIAL, NON_MATERIAL = Verdict.MATERIAL, Verdict.NON_MATERIAL
PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE


def verdict(old: str, new: str) -> tuple[Verdict, Direction, str]:
    result = compare(old, new, rules=load_rules())
    strongest = [c for c in result.changes if c.verdict is result.verdict]
    change = strongest[0] if strongest else None
    return (
        result.verdict,
        change.direction if change else Direction.NEUTRAL,
        (change.reason if change else ""),
    )


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "a right to opt out added",
            "We share your email address with advertising partners.",
            "We share your email address with advertising partners. You may opt out of this "
            "sharing at any time.",
            PROTECTIVE,
        ),
        (
            "retention lengthened across units",
            "We retain your application data for 90 days.",
            "We retain your application data for 3 years.",
            PERMISSIVE,
        ),
        (
            "retention shortened across units",
            "We retain your application data for 2 years.",
            "We retain your application data for 6 months.",
            PROTECTIVE,
        ),
        (
            "a retention cap added",
            "We keep your account information while your account is open.",
            "We keep your account information while your account is open, and never for more "
            "than 24 months after you close it.",
            PROTECTIVE,
        ),
        (
            "a deletion deadline past an end dropped",
            "We will delete your account data within 30 days after you close your account.",
            "We will delete your account data after you close your account.",
            PERMISSIVE,
        ),
        (
            "a deletion deadline past an end stated",
            "We will delete your account data after you close your account.",
            "We will delete your account data within 30 days after you close your account.",
            PROTECTIVE,
        ),
        (
            "a data category removed from collection",
            "We collect your name, email address and precise geolocation.",
            "We collect your name and email address.",
            PROTECTIVE,
        ),
        (
            "a data category added to collection",
            "We collect your name and email address.",
            "We collect your name, email address and precise geolocation.",
            PERMISSIVE,
        ),
        (
            "a purpose added",
            "We use web log information to help us design our site.",
            "We use web log information to help us design our site and for targeted advertising.",
            PERMISSIVE,
        ),
        (
            "a negation removed from a promise",
            "We do not sell personal information about visitors to this site.",
            "We may sell personal information about visitors to this site.",
            PERMISSIVE,
        ),
        (
            "a negation added to a practice",
            "We also use analytics cookies to provide personalized advertising.",
            "We do not use analytics cookies to provide personalized advertising.",
            PROTECTIVE,
        ),
        (
            "a security qualifier removed",
            "Secret chats use end-to-end encryption.",
            "Secret chats use encryption.",
            PERMISSIVE,
        ),
        (
            "an anonymity qualifier dropped",
            "We share usage reports with partners in anonymized form.",
            "We share usage reports with partners.",
            PERMISSIVE,
        ),
        (
            "de-identified data becoming identifiable",
            "Survey answers are analysed on a de-identified basis.",
            "Survey answers are analysed on an individual basis.",
            PERMISSIVE,
        ),
        (
            "a double negation that turns a promise around",
            "We will not share your location with advertisers.",
            "We will no longer refrain from sharing your location with advertisers.",
            PERMISSIVE,
        ),
        (
            "one practice of a joint prohibition dropped",
            "We never sell or lease your data to anyone.",
            "We never sell your data to anyone.",
            PERMISSIVE,
        ),
        (
            "a harm dropped from what a measure guards against",
            "We use encryption to protect your data against unauthorized access and alteration.",
            "We use encryption to protect your data against unauthorized access.",
            PERMISSIVE,
        ),
        (
            "a formality added to a request",
            "To opt out of marketing, email us.",
            "To opt out of marketing, send us a notarized letter.",
            PERMISSIVE,
        ),
        (
            "a frequency cap on a right",
            "You may request a copy of your data.",
            "You may request a copy of your data once per year.",
            PERMISSIVE,
        ),
        (
            "the writer's own judgment added to a period",
            "We keep logs for as long as necessary.",
            "We keep logs for as long as we consider necessary.",
            PERMISSIVE,
        ),
        (
            "a place that limited what is gathered dropped",
            "We collect:\n\n- Search terms entered on our websites\n",
            "We collect:\n\n- Search terms entered\n",
            PERMISSIVE,
        ),
        (
            "a security purpose added",
            "We use a CAPTCHA service to prevent spam.",
            "We use a CAPTCHA service to prevent spam and credential stuffing.",
            PERMISSIVE,
        ),
        (
            "an audience dropped from a promise",
            "We do not sell information about visitors to this site or customers who use the app.",
            "We do not sell information about customers who use the app.",
            PERMISSIVE,
        ),
    ],
)
def test_direction_follows_the_claim(name: str, old: str, new: str, expected: Direction) -> None:
    found, direction, reason = verdict(old, new)
    assert (found, direction) == (MATERIAL, expected), f"{name}: {reason}"


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        (
            "a processor added to a comma list of processors",
            "We use service providers such as Stripe, Zendesk and Mailchimp to process your data.",
            "We use service providers such as Stripe, Zendesk, Mailchimp and Intercom to "
            "process your data.",
        ),
        (
            "a sentence naming a new vendor that receives data",
            "We share your contact details with our payment processor.",
            "We share your contact details with our payment processor. We also share your "
            "email address with LinkedIn Corporation for recruitment advertising.",
        ),
        (
            "a contact e-mail inside an autolink changed",
            "Send privacy requests to <mailto:privacy@example.com>.",
            "Send privacy requests to <mailto:requests@example.net>.",
        ),
        (
            "a vendor the ontology knows put for another",
            "Your newsletter address is stored by Mailchimp.",
            "Your newsletter address is stored by Sendinblue.",
        ),
        (
            "a misdirected address link fixed",
            "For privacy questions, contact us at [privacy@example.com](privacy@example.com).",
            "For privacy questions, contact us at [privacy@example.com](mailto:privacy@example.com)"
            ".",
        ),
        (
            "a contact page moved to another company's site",
            "To opt out, [contact us](https://example.com/contact).",
            "To opt out, [contact us](https://optout-partner.net/contact).",
        ),
        (
            "a privacy-request link whose mailto became a web form",
            "To exercise your rights, [contact our privacy team](mailto:privacy@example.com).",
            "To exercise your rights, [contact our privacy team](https://example.com/privacy-form).",
        ),
    ],
)
def test_parties_and_channels_are_material(name: str, old: str, new: str) -> None:
    found, _, reason = verdict(old, new)
    assert found is MATERIAL, f"{name}: {reason}"


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("a spelling fix", "We will recieve your request.", "We will receive your request."),
        (
            "an age threshold worded another way",
            "Our games are not directed to children under the age of 16.",
            "Our games are not directed to children younger than 16.",
        ),
        (
            "an effective-date phrase in another tense",
            "The revised notice applies once it takes effect.",
            "The revised notice applies once it has taken effect.",
        ),
        (
            "an address made clickable",
            "Send privacy questions to privacy@example.com.",
            "Send privacy questions to <mailto:privacy@example.com>.",
        ),
        (
            "a help page moved within the same site",
            "To close your account, [contact support](https://example.com/articles/close).",
            "To close your account, [contact support](https://example.com/help/account/close).",
        ),
        (
            "a tracking parameter added to a contact form",
            "Use our [contact form](https://example.com/contact) for privacy requests.",
            "Use our [contact form](https://example.com/contact?ref=policy) for privacy requests.",
        ),
        (
            "an inflection corrected",
            "We are transferring your data to our processors.",
            "We transferred your data to our processors.",
        ),
        ("a symbol for its word", "Terms & Conditions apply.", "Terms and Conditions apply."),
        (
            "a typo made in a long word",
            "We store anonymized records.",
            "We store anonymzed records.",
        ),
        (
            "a phone number re-formatted",
            "Call our privacy office at (800) 555-1234.",
            "Call our privacy office at 800-555-1234.",
        ),
        (
            "heading capitalisation",
            "## How we share information\n\nWe share data with processors.\n",
            "## How We Share Information\n\nWe share data with processors.\n",
        ),
        (
            "a rewording that keeps every claim",
            "We collect your email address when you register.",
            "When you register, we collect your email address.",
        ),
        (
            "a cross-reference reworded",
            "For more information, see our Cookie Policy.",
            "To learn more, please read our Cookie Policy.",
        ),
    ],
)
def test_trivial_edits_are_non_material(name: str, old: str, new: str) -> None:
    found, _, reason = verdict(old, new)
    assert found is NON_MATERIAL, f"{name}: {reason}"


def test_a_list_item_takes_its_practice_from_the_lead_in() -> None:
    old = "We collect the following categories:\n\n- Name\n- Email address\n"
    new = "We collect the following categories:\n\n- Name\n- Email address\n- Precise geolocation\n"
    found, direction, reason = verdict(old, new)
    assert (found, direction) == (MATERIAL, PERMISSIVE)
    assert "precise geolocation" in reason and "collect" in reason


def test_the_lexicon_matches_words_phrases_plurals_and_prefixes_in_one_pass() -> None:
    lexicon = Lexicon(
        [
            Entry("data", "email_address", "email address"),
            Entry("practice", "share", "share"),
            Entry("purpose", "advertising", "advertis*"),
            Entry("recipient", "partner", "partner"),
        ]
    )
    words = ["we", "share", "email", "addresses", "with", "partners", "for", "advertising"]
    found = {(h.kind, h.id, h.start, h.end) for h in lexicon.find(words)}
    assert found == {
        ("practice", "share", 1, 2),
        ("data", "email_address", 2, 4),
        ("recipient", "partner", 5, 6),
        ("purpose", "advertising", 7, 8),
    }


def test_reading_a_long_run_of_words_is_linear() -> None:
    import time

    text = "We share data with partners. " * 4000
    start = time.perf_counter()
    verdict(text, text + "We sell data.")
    assert time.perf_counter() - start < 20  # a bound against a hang, not a speed target


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "a knowledge condition dropped from a prohibition",
            "We do not knowingly collect personal information from children under 13.",
            "We do not collect personal information from children under 13.",
            PROTECTIVE,
        ),
        (
            "a knowledge condition put on a prohibition",
            "We do not collect personal information from children under 13.",
            "We do not knowingly collect personal information from children under 13.",
            PERMISSIVE,
        ),
        (
            "data kept with no end at all",
            "We retain your data for as long as necessary to provide the service.",
            "We retain your data indefinitely.",
            PERMISSIVE,
        ),
        (
            "a period past the subscription's end, 'afterwards'",
            "We keep your data for the duration of your subscription.",
            "We keep your data for the duration of your subscription and for five years "
            "afterwards.",
            PERMISSIVE,
        ),
        (
            "processing moved off the person's device",
            "Voice commands are processed on your device.",
            "Voice commands are processed on our servers.",
            PERMISSIVE,
        ),
        (
            "staff access no longer limited",
            "Access to personal data is limited to employees who need it to do their jobs.",
            "Access to personal data is available to our employees.",
            PERMISSIVE,
        ),
        (
            "a period past an end 'until' names",
            "We store your data in our recruiting tool until we fill the open position.",
            "We store your data in our recruiting tool for two years after we fill the open "
            "position.",
            PERMISSIVE,
        ),
        (
            "an immediate deletion given a period",
            "Any personal information you've included, like a resume, will be immediately deleted.",
            "Any personal information you've included, like a resume, will be deleted within 90 "
            "days.",
            PERMISSIVE,
        ),
        (
            "a period made immediate",
            "Support tickets are deleted within 90 days.",
            "Support tickets are deleted immediately.",
            PROTECTIVE,
        ),
        (
            "a condition put on a safeguard",
            "With each vendor, we sign a data processing addendum that includes the Standard "
            "Contractual Clauses.",
            "With each vendor, where required, we sign a data processing addendum that includes "
            "the Standard Contractual Clauses.",
            PERMISSIVE,
        ),
        (
            "a condition put on sharing",
            "We may share your data with authorities.",
            "We may share your data with authorities where required.",
            PROTECTIVE,
        ),
        (
            "a prohibition on storing dropped",
            "Mozilla does not record or store this data.",
            "Mozilla may record and store this data.",
            PERMISSIVE,
        ),
    ],
)
def test_retention_hedge_condition_and_safeguard_classes(
    name: str, old: str, new: str, expected: Direction
) -> None:
    found, direction, reason = verdict(old, new)
    assert (found, direction) == (Verdict.MATERIAL, expected), f"{name}: {reason}"


@pytest.mark.parametrize(
    ("old", "new", "expected", "said"),
    [
        (
            "You have the right to withdraw from the purchase within fourteen (14) days.",
            "You have the right to withdraw from the purchase within thirty (30) days.",
            PROTECTIVE,
            "time to use a right lengthened",
        ),
        (
            "You have the right to opt out by sending written notice within thirty (30) days.",
            "You have the right to opt out by sending written notice within ten (10) days.",
            PERMISSIVE,
            "time to use a right shortened",
        ),
        (
            "You may opt out at any time.",
            "You may opt out within 30 days of signing up.",
            PERMISSIVE,
            "time to use a right stated",
        ),
        (
            "You have the right to request deletion. We will respond to your request within 30 "
            "days.",
            "You have the right to request deletion. We will respond to your request within 45 "
            "days.",
            PERMISSIVE,
            "time to answer a request lengthened",
        ),
    ],
)
def test_a_rights_window_and_the_writers_deadline(
    old: str, new: str, expected: Direction, said: str
) -> None:
    found, direction, reason = verdict(old, new)
    assert (found, direction) == (Verdict.MATERIAL, expected), reason
    assert said in reason
