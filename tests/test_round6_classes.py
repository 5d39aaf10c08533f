"""Classes of change the sixth round's written edits showed missed or misread, after the round
was run (docs/materiality.md, "Sixth round"), each tested on edits of its own:

- a number or form in a list whose lead-in asks to contact the writer is a channel, whatever
  the item's own words ("- Phone: ..." under "contact us at:");
- completing a form is a way to make a request ("Complete this form on our website: <...>");
- e-mail named in a sentence about notice of changes is a notice sent to the person;
- "develop new ones" after the products named is developing new products;
- "transferrable" is "transferable" spelled another way, in a licence's breadth;
- a long one-word name with one letter fixed is the same name ("Lichtenstein").
"""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict

from .verdicts import strongest

CONTACT = "If you have questions about this Privacy Policy, please contact us at:\n\n"
REQUESTS = "You may submit a Valid Request using the following methods:\n\n"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            CONTACT + "- [privacy@example.com](mailto:privacy@example.com)\n",
            CONTACT + "- [privacy@example.com](mailto:privacy@example.com)\n"
            "- Phone: +1 (415) 723-4567\n",
        ),
        (
            REQUESTS + "- Email us at: [privacy@example.com](mailto:privacy@example.com).\n"
            "- Complete this form on our website: <https://example.com/support>.\n",
            REQUESTS + "- Email us at: [privacy@example.com](mailto:privacy@example.com).\n",
        ),
    ],
)
def test_a_way_to_reach_the_writer_listed_is_a_channel(old: str, new: str) -> None:
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL, reason
    assert "contact channel" in reason, reason


def test_a_help_link_in_a_contact_list_needs_its_own_words() -> None:
    verdict, _, reason = strongest(
        CONTACT + "- Read [our guide](https://example.com/guide).\n",
        CONTACT + "- Read [our guide](https://example.com/help/guide).\n",
    )
    assert verdict is Verdict.NON_MATERIAL, reason


def test_email_named_in_a_notice_of_changes() -> None:
    notice = "If we change these Terms, we will place a notice on our site{}."
    verdict, direction, reason = strongest(
        notice.format(", send you an email, and/or notify you by other means"),
        notice.format(" and/or notify you by other means"),
    )
    assert verdict is Verdict.MATERIAL and direction is Direction.MORE_PERMISSIVE, reason


def test_developing_new_ones() -> None:
    verdict, direction, reason = strongest(
        "We use the information to provide, maintain, protect and improve them, to develop new "
        "ones, and to protect Acme and our users.",
        "We use the information to provide, maintain, protect and improve them, and to protect "
        "Acme and our users.",
    )
    assert verdict is Verdict.MATERIAL and direction is Direction.MORE_PROTECTIVE, reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "You grant us a worldwide, royalty-free, non-transferrable license to use it.",
            "You grant us a worldwide, royalty-free, non-transferable license to use it.",
        ),
        (
            "This notice applies to residents of Norway, Iceland and Lichtenstein.",
            "This notice applies to residents of Norway, Iceland and Liechtenstein.",
        ),
    ],
)
def test_a_spelling_fixed_is_the_same_claim(old: str, new: str) -> None:
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.NON_MATERIAL, reason


def test_a_short_name_one_letter_off_is_another() -> None:
    verdict, _, reason = strongest(
        "We share data with Acme for payments.", "We share data with Acne for payments."
    )
    assert verdict is Verdict.MATERIAL, reason
