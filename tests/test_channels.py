"""Contact channels: found where a reader (or a mail client) finds them, compared by value."""

from __future__ import annotations

import time

import pytest

from kpversion.materiality.channels import Channel, channels, decode_cloudflare, postal_value
from kpversion.materiality.links import links
from kpversion.materiality.urls import is_form, normalize_url

# "privacy@example.com" hidden by Cloudflare with the key 0x42.
KEY = 0x42
HIDDEN = f"{KEY:02x}" + bytes(b ^ KEY for b in b"privacy@example.com").hex()


def kinds_and_values(markdown: str, region: str = "US") -> list[tuple[str, str]]:
    return [(c.kind, c.value) for c in channels(markdown, region)]


def test_emails_in_text_autolinks_and_mailto_links() -> None:
    text = (
        "Write to Privacy@Example.com, <dpo@example.com> or "
        "[our DPO](mailto:DPO@GitLab.com?subject=Privacy%20request)."
    )
    assert channels(text) == (
        Channel("email", "privacy@example.com", "Privacy@Example.com", ""),
        Channel("email", "dpo@example.com", "dpo@example.com", ""),
        Channel(
            "email", "dpo@gitlab.com", "mailto:DPO@GitLab.com?subject=Privacy%20request", "our DPO"
        ),
    )


def test_a_mailto_with_two_addresses_is_two_channels() -> None:
    assert kinds_and_values("[us](mailto:a@x.com,b@x.com)") == [
        ("email", "a@x.com"),
        ("email", "b@x.com"),
    ]


def test_an_address_shown_in_link_text_is_one_channel_with_its_mailto() -> None:
    assert kinds_and_values("[privacy@x.com](mailto:privacy@x.com)") == [("email", "privacy@x.com")]


def test_an_address_shown_on_a_form_link_is_a_channel_of_its_own() -> None:
    found = kinds_and_values("[privacy@x.com](https://x.com/privacy-request)")
    assert found == [("form", "https://x.com/privacy-request"), ("email", "privacy@x.com")]


def test_cloudflare_protection_is_decoded_from_its_hex() -> None:
    assert decode_cloudflare(HIDDEN) == "privacy@example.com"
    text = f"email [\\[email protected\\]](https://x.com/cdn-cgi/l/email-protection#{HIDDEN})"
    (channel,) = channels(text)
    assert (channel.kind, channel.value, channel.link_text) == (
        "email",
        "privacy@example.com",
        "[email protected]",
    )


@pytest.mark.parametrize(
    "text",
    [
        "email [\\[email protected\\]](https://x.com/cdn-cgi/l/email-protection#removed)",
        "email [\\[email protected\\]](https://x.com/cdn-cgi/l/email-protection)",
        "email us at [email protected] today",
        "email us at [email&#160;protected] today",
    ],
)
def test_a_hidden_address_is_an_email_of_unknown_value(text: str) -> None:
    (channel,) = channels(text)
    assert (channel.kind, channel.value, channel.raw) == ("email", "", "[email protected]")


def test_a_hidden_address_never_equals_a_known_one() -> None:
    hidden = channels("[\\[email protected\\]](/cdn-cgi/l/email-protection)")[0]
    known = channels("DPO@gitlab.com")[0]
    assert hidden.value != known.value
    assert decode_cloudflare("zz") is None
    assert decode_cloudflare("42" + bytes(b ^ 0x42 for b in b"not an address").hex()) is None


def test_html_data_cfemail_is_decoded() -> None:
    text = f'<span class="__cf_email__" data-cfemail="{HIDDEN}">[email&#160;protected]</span>'
    assert kinds_and_values(text) == [("email", "privacy@example.com")]


@pytest.mark.parametrize(
    "written",
    ["(800) 555-1234", "800-555-1234", "+1 800 555 1234", "1-800-555-1234", "800.555.1234"],
)
def test_phone_numbers_in_e164(written: str) -> None:
    assert kinds_and_values(f"Call us at {written}.") == [("phone", "+18005551234")]


def test_tel_links_and_the_default_region() -> None:
    assert kinds_and_values("[call](tel:+44-20-7946-0000)") == [("phone", "+442079460000")]
    assert kinds_and_values("Call 020 7946 0000.", region="GB") == [("phone", "+442079460000")]
    assert kinds_and_values("Call 020 7946 0000.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Updated 2023-01-24.",
        "Cal. Civ. Code section 1798.140 applies.",
        "Order 8005551234 shipped.",
        "Version 1.2.3.4 of 12/31/2024.",
        "We keep data for 365 days.",
    ],
)
def test_numbers_that_are_no_phone_numbers(text: str) -> None:
    assert [c for c in channels(text) if c.kind == "phone"] == []


def test_urls_are_normalised() -> None:
    assert normalize_url("HTTPS://Example.COM:443/Privacy/?a=1#top") == (
        "https://example.com/Privacy?a=1"
    )
    assert normalize_url("http://example.com:8080/") == "http://example.com:8080"
    assert normalize_url("#your-rights") == "#your-rights"
    assert normalize_url("www.example.com/a/") == "http://www.example.com/a"


def test_forms_by_path_host_or_link_text() -> None:
    assert is_form("https://privacyportal.onetrust.com/webform/abc")
    assert is_form("https://x.com/privacy-request")
    assert is_form("https://x.com/contact-us")
    assert is_form("https://x.com/a", "Do Not Sell or Share My Personal Information")
    assert is_form("https://x.com/p", "submit a request")
    assert not is_form("https://x.com/cookie-policy", "our cookie policy")
    assert not is_form("#opt-out", "opt out")


def test_reference_links_html_anchors_and_bare_urls() -> None:
    text = (
        'See <a href="https://x.com/Contact/">the contact page</a>, [the form][f] and '
        "https://www.example.com/a/b.\n\n[f]: https://example.com/opt-out"
    )
    assert channels(text) == (
        Channel("form", "https://x.com/Contact", "https://x.com/Contact/", "the contact page"),
        Channel("form", "https://example.com/opt-out", "https://example.com/opt-out", "the form"),
        Channel("url", "https://www.example.com/a/b", "https://www.example.com/a/b", ""),
    )
    styles = [link.style for link in links(text)]
    assert styles == ["html", "reference", "bare", "definition"]


def test_images_are_no_links() -> None:
    assert links("![logo](https://x.com/logo.png)") == ()


def test_postal_addresses_with_a_postcode_or_a_po_box() -> None:
    text = (
        "Write to Spotify USA Inc., 150 Greenwich Street, Floor 62, New York, NY 10007, USA, "
        "or P.O. Box 20430, Augusta, GA 30916, or 57 Southwark Street, London SE1 1RU."
    )
    assert kinds_and_values(text) == [
        ("postal", "150 greenwich street floor 62 new york ny 10007"),
        ("postal", "po box 20430 augusta ga 30916"),
        ("postal", "57 southwark street london se1 1ru"),
    ]


def test_an_address_over_several_lines() -> None:
    text = "> Attn: Privacy  \n> 201 Spear St., Suite 1100  \n> San Francisco, CA 94105"
    assert kinds_and_values(text) == [
        ("postal", "201 spear street suite 1100 san francisco ca 94105")
    ]


def test_no_postal_address_without_a_postcode() -> None:
    assert kinds_and_values("In 2 Court cases in 2023, and at 5 Main Street, we won.") == []


def test_postal_values_ignore_abbreviation_and_punctuation() -> None:
    assert postal_value("651 Brannan St., San Francisco, CA 94107") == postal_value(
        "651 Brannan Street San Francisco CA 94107"
    )
    assert postal_value("PO Box 1") == postal_value("P.O. Box 1") == "po box 1"


ADVERSARIAL = [
    "[" * 100_000,
    "](" * 50_000,
    "[a](" * 25_000,
    "<a href=x>" * 10_000,
    "a@" * 50_000,
    "a." * 50_000 + "@",
    "x" * 64 + "@" + "a-" * 50_000,
    "1-" * 50_000,
    "(1) " * 25_000,
    "1 Main " * 14_000,
    "P.O. Box 1 " * 9_000,
    "http://" + "a" * 100_000,
    "[email protected] " * 5_000,
    "\\[" * 50_000,
    "\n" * 100_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: repr(t[:12]))
def test_100_kb_adversarial_inputs_finish_fast(text: str) -> None:
    started = time.perf_counter()
    channels(text)
    assert time.perf_counter() - started < 5.0


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Main point of contact: Jane Doe", [("person", "jane doe")]),
        ("Data Protection Officer: Jane Doe", [("person", "jane doe")]),
        ("Our data protection officer is Jane Doe.", [("person", "jane doe")]),
        ("Our EU representative is Acme GmbH, Berlin.", [("person", "acme gmbh")]),
        ("The controller is Acme Ltd, London.", [("person", "acme ltd")]),
        ("Our representative is responsible for requests.", []),
        ("The controller is responsible for your data.", []),
    ],
)
def test_who_holds_a_contact_role_is_a_channel(
    markdown: str, expected: list[tuple[str, str]]
) -> None:
    assert kinds_and_values(markdown) == expected
