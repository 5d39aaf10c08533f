"""A paragraph removed while its twin stays in another section, typographic quotes in the
copies compared, and "disagree" read as "do not agree". Each class is tested with members of
its own and with the look-alikes it must leave alone."""

from __future__ import annotations

from kpversion.change import Verdict
from tests.verdicts import assert_non_material, strongest

TWICE = (
    "## Rights to access and correct\n\nYou may have the right to request access to your data."
    "\n\n{first}## Right to remove\n\nYou may have the right to withdraw your consent.\n\n"
    "For any requests, contact us here: [privacy@example.org](mailto:privacy@example.org)\n"
)
LINE = "For any requests, contact us here: [privacy@example.org](mailto:privacy@example.org)\n\n"


def test_a_paragraph_whose_twin_stays_in_another_section_is_a_duplicate() -> None:
    assert_non_material(TWICE.format(first=LINE), TWICE.format(first=""))


def test_typographic_quotes_do_not_make_two_copies_of_a_paragraph() -> None:
    curly = (
        "We use log files to analyze trends and track users\u2019 movement around the Website.\n\n"
    )
    straight = curly.replace("\u2019", "'")
    old = f"## Log files\n\n{curly}## Analytics\n\n{straight}"
    assert_non_material(old, f"## Log files\n\n{curly}## Analytics\n\n")


def test_a_short_line_in_another_section_is_no_copy_of_it() -> None:
    # Too short to be a paragraph's copy ("We sell your data." under both headings): read by
    # its claims, not proven a duplicate.
    old = "## Sharing\n\nWe sell your data.\n\n## Selling\n\nWe sell your data.\n"
    verdict, _, reason = strongest(old, "## Sharing\n\nWe sell your data.\n\n## Selling\n")
    assert verdict is Verdict.MATERIAL, reason


def test_a_paragraph_said_nowhere_else_is_read() -> None:
    old = TWICE.format(first="We share your data with advertisers for marketing purposes.\n\n")
    verdict, _, reason = strongest(old, TWICE.format(first=""))
    assert verdict is Verdict.MATERIAL, reason


def test_disagree_is_do_not_agree() -> None:
    old = "If you disagree with any changes to these terms, you must stop using the service."
    assert_non_material(old, old.replace("disagree with", "do not agree with"))
