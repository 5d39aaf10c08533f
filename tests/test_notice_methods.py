"""How notice of a change is given is a claim: sent to the person ("notify you by email") or
posted where they may see it ("a notice on our website"); one put for the other, or one added
or dropped, is material. Only phrases of a notice count: "we will email you a receipt" is no
notice of a change."""

from __future__ import annotations

import pytest

from kpversion.change import Direction, Verdict

from .verdicts import strongest

CHANGES = "If we make material changes to this policy, we will "


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        ("notify you by email.", "post a notice on this page.", Direction.MORE_PERMISSIVE),
        (
            "post a notice on our website.",
            "post a notice on our website and notify you by email.",
            Direction.MORE_PROTECTIVE,
        ),
    ],
)
def test_how_notice_is_given_is_a_claim(old: str, new: str, direction: Direction) -> None:
    verdict, way, reason = strongest(CHANGES + old, CHANGES + new)
    assert verdict is Verdict.MATERIAL and way is direction, reason
    assert "notice of changes" in reason, reason


def test_a_message_is_no_notice_of_a_change() -> None:
    verdict, _, reason = strongest(
        "We may email you about new features.", "We may email you about our new features."
    )
    assert verdict is Verdict.NON_MATERIAL, reason
    # A subject added to the messages is one more purpose of the address, still no notice.
    verdict, _, reason = strongest(
        "We may email you about new features.", "We may email you about new features and events."
    )
    assert "notice" not in reason, reason


def test_what_of_a_message_is_collected() -> None:
    verdict, _, reason = strongest(
        "We collect the content of messages.", "We collect metadata about messages."
    )
    assert verdict is Verdict.MATERIAL, reason
    assert "communication metadata" in reason, reason
