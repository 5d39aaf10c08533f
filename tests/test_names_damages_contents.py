"""Classes of change read as claims or proven trivial: a phone number after its label, the
kinds of damages a liability clause excludes, a contents list of in-page anchors, an
organisation's name listed under a lead-in naming recipients, a practice word inside a name,
an action among a sentence's list, a legal form written out or abbreviated in a definition,
and "cannot" as "can not". Each class is tested with members of its own and with the
look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from kpversion.change import Direction
from tests.verdicts import assert_both_ways, assert_non_material

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
