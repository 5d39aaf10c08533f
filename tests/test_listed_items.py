"""An item of no known term added to or dropped from a list whose lead-in states a practice
is one purpose, data type or recipient more or fewer (listed_items.py); the kind is the
lead-in's ("... to:" purposes, "... with:" recipients, "the following information:" data).
"""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict

from .verdicts import assert_material, assert_non_material, strongest

EMAIL_USES = """We use your email to:

- Notify you about posts and other activity on the websites or services.
- Reset your password and help keep your account secure.
- Contact you in special circumstances related to your account.
"""


@pytest.mark.parametrize(
    ("old", "new", "direction", "said"),
    [
        (
            EMAIL_USES,
            EMAIL_USES.replace(
                "- Contact you in special circumstances related to your account.\n", ""
            ),
            Direction.MORE_PROTECTIVE,
            "purpose removed: Contact you in special circumstances",
        ),
        (
            EMAIL_USES,
            EMAIL_USES + "- Invite you to community events near you.\n",
            Direction.MORE_PERMISSIVE,
            "purpose added: Invite you to community events",
        ),
        (
            "We collect the following information:\n\n- Your name.\n- Your email address.\n",
            "We collect the following information:\n\n- Your name.\n- Your email address.\n"
            "- Your shoe size.\n",
            Direction.MORE_PERMISSIVE,
            "data type added: Your shoe size",
        ),
        (
            "We collect:\n\n1. Your name.\n2. Your email address.\n",
            "We collect:\n\n1. Your name.\n2. Your email address.\n3. Your favourite colour.\n",
            Direction.MORE_PERMISSIVE,
            "data type added: Your favourite colour",
        ),
    ],
)
def test_an_unknown_item_of_a_practice_list_is_a_claim(
    old: str, new: str, direction: Direction, said: str
) -> None:
    assert_material(old, new, direction, said)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "You can find us here:\n\n- On Mastodon.\n- On our blog.\n",
            "You can find us here:\n\n- On Mastodon.\n- On our blog.\n- At conferences.\n",
        ),
        (
            "We collect the following information:\n\n- Your name.\n\nRead our [FAQ](/faq).\n",
            "We collect the following information:\n\n- Your name.\n\nRead our [FAQ](/faq) or "
            "[blog](/blog).\n",
        ),
        (
            "We use your email to:\n\n- Reset your password.\n- Notify you about posts.\n",
            "We use your email to:\n\n- Notify you about posts.\n- Reset your password.\n",
        ),
    ],
)
def test_items_of_no_practice_list_or_moved_are_no_claim(old: str, new: str) -> None:
    assert_non_material(old, new)


def test_a_vendor_link_added_to_a_list_of_providers_is_a_new_recipient() -> None:
    lead = (
        "When you search, we will send your searches to supported third parties to fulfill the "
        "search. We support the following providers:\n\n"
    )
    old = (
        lead + "- [Tenor](https://tenor.com/legal-privacy)\n- [Sketchfab](https://sketchfab.com)\n"
    )
    new = old + "- [Giphy](https://giphy.com/privacy)\n"
    verdict, direction, reason = strongest(old, new)
    assert (verdict, direction) == (Verdict.MATERIAL, Direction.MORE_PERMISSIVE), reason
    assert "new recipient: Giphy" in reason


@pytest.mark.parametrize(
    ("old", "new", "direction", "said"),
    [
        (
            "We use the following cookies:\n\n| Cookie | Purpose | Duration |\n|---|---|---|\n"
            "| session | Keeps you signed in | Session |\n",
            "We use the following cookies:\n\n| Cookie | Purpose | Duration |\n|---|---|---|\n"
            "| session | Keeps you signed in | Session |\n| _hjid | Hotjar visitor ID | 1 year |\n",
            Direction.MORE_PERMISSIVE,
            "Hotjar",
        ),
        (
            "We rely on these services:\n\n| Provider | Purpose |\n|---|---|\n"
            "| Acme Reports Ltd. | CSP report collector |\n| Zeta Mail | E-mail delivery |\n",
            "We rely on these services:\n\n| Provider | Purpose |\n|---|---|\n"
            "| Zeta Mail | E-mail delivery |\n",
            Direction.MORE_PROTECTIVE,
            "recipient removed: Acme Reports Ltd",
        ),
    ],
)
def test_a_table_row_is_an_item_of_the_kind_its_header_names(
    old: str, new: str, direction: Direction, said: str
) -> None:
    assert_material(old, new, direction, said)


def test_a_row_of_a_table_of_no_practice_is_no_claim() -> None:
    assert_non_material(
        "Our office hours:\n\n| Day | Hours |\n|---|---|\n| Monday | 9-5 |\n",
        "Our office hours:\n\n| Day | Hours |\n|---|---|\n| Monday | 9-5 |\n| Tuesday | 9-5 |\n",
    )
