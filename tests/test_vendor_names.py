"""A vendor named for another is a new recipient, however the sentence is built: right after
"use" ("We use Cloudflare." -> "We use Akamai."), in a sentence too short to tell from a
heading by its capitals alone, before a term ("Cloudflare for DDoS protection"), or sharing
only a generic word and "of" with the other ("Bank of America" / "Bank of Scotland"). These
were calls of non-material for material changes. Names written another way stay one party.
"""

from __future__ import annotations

import pytest

from kpversion.change import Verdict
from kpversion.materiality import load_rules

from .verdicts import strongest


@pytest.mark.parametrize(
    ("old", "new", "replaced"),
    [
        ("We use Cloudflare.", "We use Akamai.", "Cloudflare → Akamai"),
        (
            "We use Cloudflare for DDoS protection.",
            "We use Akamai for DDoS protection.",
            "Cloudflare → Akamai",
        ),
        ("We use Stripe to process payments.", "We use Adyen to process payments.", "Stripe"),
        (
            "We share data with Bank of America.",
            "We share data with Bank of Scotland.",
            "Bank Of America → Bank Of Scotland",
        ),
        ("Payments are handled by Stripe.", "Payments are handled by Braintree.", "Stripe"),
        # One letter apart is another vendor, and another legal form another entity.
        ("We share data with Segment for analytics.", "We share data with Segmint.", "Segmint"),
        (
            "We share data with Acme Inc. for payments.",
            "We share data with Acme GmbH for payments.",
            "Acme Inc → Acme Gmbh",
        ),
        # A company by its legal form, unknown to the ontology, in a sentence with a purpose.
        (
            "We work with Acme Corp to deliver ads.",
            "We work with Beta Inc to deliver ads.",
            "Acme Corp → Beta Inc",
        ),
    ],
)
def test_a_vendor_put_for_another_is_a_new_recipient(old: str, new: str, replaced: str) -> None:
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL, reason
    assert replaced in reason, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We share data with Read the Docs for Business.",
            "We share data with Read the Docs Business.",
        ),
        ("How We Use Cookies", "How we use cookies"),
        ("We work with Acme Corp to deliver ads.", "We work with Acme Corporation to deliver ads."),
    ],
)
def test_one_party_written_another_way_is_no_change(old: str, new: str) -> None:
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.NON_MATERIAL, reason


def test_the_writers_own_companies_are_no_recipients() -> None:
    rules = load_rules()
    facts = rules.reader.facts(
        'Thanks for entrusting Acme, Inc. or Acme B.V. ("Acme", "we", "us" or "our") with your '
        "source code and your personal data."
    )
    assert not [f for f in facts if f.role == "name"], facts
    shared = rules.reader.facts("We share your personal data with Beta, Inc. for payments.")
    assert [f.value for f in shared if f.role == "name"] == ["beta"]
