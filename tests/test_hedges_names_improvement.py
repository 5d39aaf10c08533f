"""Classes of material change the seventh and eighth rounds showed called non-material or
review, each tested on edits of its own, with the look-alikes that must stay as they were:

- a hedge in any of its inflections and spellings ("we will endeavour to ensure", "seek to",
  "use reasonable efforts to"), added or removed;
- a name that starts with a capital "The" ("The Giving Block", "The Trade Desk") added to or
  dropped from a list of recipients;
- improving the products as a purpose, with any object and as a gerund ("for improving the
  apps");
- a quantifier over data said to be kept from the person ("All" -> "Most of the data is in
  aggregate only"), which reaches a protection, not a collection.
"""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict

from .verdicts import assert_material, assert_non_material, strongest


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "When we transfer data outside the EEA, we ensure appropriate safeguards are in place.",
            "When we transfer data outside the EEA, we will endeavour to ensure appropriate "
            "safeguards are in place.",
        ),
        (
            "We will obtain your consent before we share your data.",
            "We will seek to obtain your consent before we share your data.",
        ),
        (
            "We will notify you before any change takes effect.",
            "We will use reasonable efforts to notify you before any change takes effect.",
        ),
        (
            "We delete your data within 30 days of your request.",
            "If possible, we delete your data within 30 days of your request.",
        ),
    ],
)
def test_a_hedge_added_to_a_commitment_is_material_and_widens_it(old: str, new: str) -> None:
    verdict, direction, reason = strongest(old, new)
    assert verdict is Verdict.MATERIAL
    assert direction is Direction.MORE_PERMISSIVE
    assert "hedge added" in reason


def test_a_hedge_removed_from_a_commitment_is_material_and_narrows_it() -> None:
    old = "We will endeavour to respond to your request within one month."
    new = "We will respond to your request within one month."
    verdict, direction, reason = strongest(old, new)
    assert (verdict, direction) == (Verdict.MATERIAL, Direction.MORE_PROTECTIVE)
    assert "hedge removed" in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Where possible, we will notify you first.", "If possible, we will notify you first."),
        (
            "We will endeavour to respond within 30 days.",
            "We will endeavor to respond within 30 days.",
        ),
    ],
)
def test_one_hedge_put_for_another_is_no_change_of_claim(old: str, new: str) -> None:
    assert_non_material(old, new)


@pytest.mark.parametrize(
    ("old", "new", "direction", "said"),
    [
        (
            "We accept donations through Stripe, PayPal, Open Collective and The Giving Block.",
            "We accept donations through Stripe, PayPal and Open Collective.",
            Direction.MORE_PROTECTIVE,
            "recipient removed: The Giving Block",
        ),
        (
            "You can pay with a card via Stripe.",
            "You can pay with a card via Stripe or with crypto via The Giving Block.",
            Direction.MORE_PERMISSIVE,
            "new recipient: The Giving Block",
        ),
    ],
)
def test_a_name_that_starts_with_the_is_a_recipient(
    old: str, new: str, direction: Direction, said: str
) -> None:
    assert_material(old, new, direction, said)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We share payment data with Stripe, PayPal and The Giving Block.",
            "We share payment data with Stripe, PayPal, and The Giving Block.",
        ),
        (
            "We share data with processors such as Stripe. The Company does not sell your data.",
            "We share data with processors such as Stripe. The company does not sell your data.",
        ),
    ],
)
def test_a_capital_the_elsewhere_names_no_one_new(old: str, new: str) -> None:
    assert_non_material(old, new)


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        (
            "We use your usage data to provide the service and to fix bugs.",
            "We use your usage data to provide the service, to fix bugs and for improving the "
            "apps.",
            Direction.MORE_PERMISSIVE,
        ),
        (
            "We use your information to operate the service and to enhance our software.",
            "We use your information to operate the service.",
            Direction.MORE_PROTECTIVE,
        ),
    ],
)
def test_improving_the_products_is_a_purpose_whatever_its_object(
    old: str, new: str, direction: Direction
) -> None:
    verdict, found, reason = strongest(old, new)
    assert (verdict, found) == (Verdict.MATERIAL, direction)
    assert "improving products and services" in reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We use crash reports for improving the apps.",
            "We use crash reports to improve the apps.",
        ),
        (
            "We use crash reports to improve our services.",
            "We use crash reports for improving our services.",
        ),
    ],
)
def test_the_improvement_purpose_reworded_is_no_change_of_claim(old: str, new: str) -> None:
    assert_non_material(old, new)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("All the data is in aggregate only.", "Most of the data is in aggregate only."),
        ("All data we collect is anonymised.", "Most data we collect is anonymised."),
    ],
)
def test_a_quantifier_over_data_kept_from_the_person_reaches_a_protection(
    old: str, new: str
) -> None:
    """ "All" -> "Most" of the data de-identified: fewer data protected (more permissive), not
    less data collected."""
    verdict, direction, reason = strongest(old, new)
    assert (verdict, direction) == (Verdict.MATERIAL, Direction.MORE_PERMISSIVE), reason


@pytest.mark.parametrize(
    ("old", "new", "direction", "said"),
    [
        (
            "We value your trust, thus we are striving to use commercially acceptable means of "
            "protecting it.",
            "We value your trust, thus we use commercially acceptable means of protecting it.",
            Direction.MORE_PROTECTIVE,
            "hedge removed",
        ),
        (
            "Usage data and errors are collected for identifying issues or improving the user "
            "experience of the app.",
            "Usage data and errors are collected for identifying issues.",
            Direction.MORE_PROTECTIVE,
            "purpose removed: improving products and services",
        ),
        (
            "- **Right to Object.** You may object to how your data is processed.\n"
            "- **Right to Portability.** You have the right to receive your data and the right "
            "to transmit it to another party.\n",
            "- **Right to Object.** You may object to how your data is processed.\n",
            Direction.MORE_PERMISSIVE,
            "right removed: right to data portability",
        ),
    ],
)
def test_a_hedge_in_ing_form_a_purpose_of_experience_and_a_rights_object(
    old: str, new: str, direction: Direction, said: str
) -> None:
    """ "striving to", "improving the user experience", and the practice a right is about ("the
    right to transmit it to another party"), which is the person's, not a sharing dropped."""
    assert_material(old, new, direction, said)


def test_publically_is_publicly() -> None:
    old = "Mozilla will share your scene and your attribution information publically."
    verdict, _, reason = strongest(old, old.replace("publically", "publicly"))
    assert verdict is Verdict.NON_MATERIAL, reason


@pytest.mark.parametrize(
    ("old", "new", "direction", "said"),
    [
        (
            "You are entitled to access your data.\n\nYou are entitled to request the erasure of "
            "your data.\n",
            "You are entitled to access your data.\n",
            Direction.MORE_PERMISSIVE,
            "right removed: right to delete",
        ),
        (
            "You are entitled to access the data stored by us.",
            "You are entitled to access the data stored by us. You are also entitled to object "
            "to the processing of your data at any time.",
            Direction.MORE_PROTECTIVE,
            "right added: right to object",
        ),
        (
            "We do not track visitors across third-party websites.",
            "We track visitors across third-party websites.",
            Direction.MORE_PERMISSIVE,
            "negation removed",
        ),
    ],
)
def test_a_rights_own_words_and_a_prohibition_worded_as_a_choice(
    old: str, new: str, direction: Direction, said: str
) -> None:
    """The practice that ends a right's words ("object to the processing") is the right's, no
    processing added; "request the erasure" is the right to delete; and "we do not track" in
    prose is a prohibition, not the Do Not Track choice."""
    assert_material(old, new, direction, said)


def test_for_example_between_commas_is_no_list_item() -> None:
    assert_non_material(
        "Personal data includes e.g. name, email address or telephone number.",
        "Personal data includes, for example, name, email address or telephone number.",
    )


@pytest.mark.parametrize(
    ("old", "new", "direction", "said"),
    [
        (
            "We can provide you with a copy of your data.",
            "We may be able to provide you with a copy of your data.",
            Direction.MORE_PERMISSIVE,
            "hedge added",
        ),
        (
            "We do not collect more personal information than we need.",
            "We try not to collect more personal information than we need.",
            Direction.MORE_PERMISSIVE,
            "hedge added",
        ),
        (
            "We use this information to understand, improve, and develop our Platform.",
            "We use this information to understand and improve our Platform.",
            Direction.MORE_PROTECTIVE,
            "purpose removed: developing new products",
        ),
    ],
)
def test_an_ability_hedged_a_hedged_negation_and_development_as_a_purpose(
    old: str, new: str, direction: Direction, said: str
) -> None:
    assert_material(old, new, direction, said)
