"""Rights written as a list of the reader's verbs ("You can access, correct, update or delete
your data"): each verb names its right, so one added to or dropped from the list is a right
added or dropped. Tested with the look-alikes it must leave alone: the writer's own verbs, a
page or a setting for the object, a list item that opens with "to"."""

from __future__ import annotations

import pytest

from kpversion.change import Direction
from kpversion.materiality import load_rules
from tests.verdicts import assert_both_ways, assert_non_material

PERMISSIVE, PROTECTIVE = Direction.MORE_PERMISSIVE, Direction.MORE_PROTECTIVE


def rights(text: str) -> set[str]:
    return {f.value for f in load_rules().reader.facts(text) if f.role == "right"}


@pytest.mark.parametrize(
    ("text", "granted"),
    [
        ("You may ask us to access, correct, update, export, or delete your data.",
         {"access", "correction", "deletion", "portability"}),
        ("You can view and change your account data.", {"access", "correction"}),
        ("You can access, update, or delete the personal information we hold at any time.",
         {"access", "correction", "deletion"}),
        ("You also have the right to access or erase your personal data.", {"access", "deletion"}),
    ],
)  # fmt: skip
def test_each_verb_of_the_readers_list_names_its_right(text: str, granted: set[str]) -> None:
    assert granted <= rights(text)


@pytest.mark.parametrize(
    "text",
    [
        "We may access, use or delete your data.",
        "You can view the list of third-party services we use.",
        "You can also update your local Git configuration to use your private email address.",
        "You can update your data collection settings for Desktop.",
        "To update or improve our services, we use your data.",
        "You may update GM Rewards Cards contact information by logging in.",
    ],
)
def test_verbs_that_are_not_the_readers_over_their_data_grant_nothing(text: str) -> None:
    assert not rights(text) & {"access", "correction", "deletion", "portability"}


def test_a_right_verb_added_to_the_list_is_a_right_added() -> None:
    old = "You may ask us to access, correct, update, or delete your data at any time."
    new = "You may ask us to access, correct, update, export, or delete your data at any time."
    assert_both_ways(old, new, PROTECTIVE, "right added: right to data portability",
                     "right removed: right to data portability")  # fmt: skip


def test_a_synonym_added_beside_its_right_changes_nothing() -> None:
    old = "You can access, correct, or delete your information."
    assert_non_material(old, "You can access, correct, update, or delete your information.")


def test_a_list_item_opening_with_to_reads_as_before() -> None:
    # Under "you may have the right to request that we:", "delete ..." and "to delete ..."
    # are the same item: the sentence names no reader, so neither grants by its verb alone.
    old = "* delete the personal information that we collect about you, or"
    assert_non_material(old, "* to delete the personal information that we collect about you, or")
