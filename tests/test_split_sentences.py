"""A sentence split in two, or two joined, moves its commitment words with its claims: the
negation of "X, and we never will" is the same in "X. We never will." The next change only
may undo a change's count; changes farther apart cancel by chance.
"""

from __future__ import annotations

import pytest

from kpversion.change import Verdict

from .verdicts import assert_non_material, strongest


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "We do not sell your personal information or share it with advertisers, and we "
            "never will.",
            "We do not sell your personal information or share it with advertisers. We never will.",
        ),
        (
            "You can delete your account at any time, and we will not keep your posts.",
            "You can delete your account at any time. We will not keep your posts.",
        ),
    ],
)
def test_a_commitment_word_moved_to_the_next_sentence_is_no_change(old: str, new: str) -> None:
    assert_non_material(old, new)


def test_a_negation_dropped_is_still_material_beside_a_split() -> None:
    old = (
        "We do not sell your personal information or share it with advertisers, and we never will."
    )
    new = "We sell your personal information and share it with advertisers. We never will."
    verdict, _, _ = strongest(old, new)
    assert verdict is Verdict.MATERIAL
