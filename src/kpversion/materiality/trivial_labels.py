"""A paragraph's label made its heading, or a heading made a label, with the same words:
"**Existence of automated decision-making**" over its text made "#### Existence of automated
decision-making" over the same text, or "#### Google Analytics" made "* Google Analytics:
..."."""

from __future__ import annotations

from kpversion.change import Change, ChangeKind
from kpversion.materiality.trivial_proof import Proof
from kpversion.materiality.wording import norm_words


def label_made_heading(change: Change) -> Proof | None:
    """A paragraph's label line made the heading it now stands under, with the same words
    ("**Existence of automated decision-making**" then the text, made "#### Existence of
    automated decision-making" over the text), or a heading made the label: the one text is
    the other with its heading before it."""
    if change.kind is not ChangeKind.MODIFIED:
        return None
    for with_label, plain, under, other in (
        (change.old, change.new, change.new_section, change.old_section),
        (change.new, change.old, change.old_section, change.new_section),
    ):
        heading = under[-1] if under else ""
        if (
            heading
            and heading not in other
            and norm_words(heading)
            and (norm_words(with_label) == f"{norm_words(heading)} {norm_words(plain)}")
        ):
            return Proof("label-heading", "a paragraph's label made a heading, or the reverse")
    return None


LABEL_SLACK = 8
"""Characters past a label's words within which its colon or closing "**" stands."""
LABEL_OPENING = 40
"""Characters past twice a label's length within which its words are read (markup, a marker)."""


def labelled(text: str, heading: str) -> bool:
    """Whether a block opens with the heading's words as its label: in bold ("**Existence of
    automated decision-making**  ...") or before a colon ("* Google Analytics: If you ...")."""
    opening = text.lstrip(" \t*-+>")[: len(heading) + LABEL_SLACK]
    if not (text.lstrip(" \t-+>").startswith("**") or ":" in opening):
        return False
    # The block's opening first: every block of a long document is looked at, and the whole
    # block normalised only where its opening may be the label.
    if not norm_words(text[: 2 * len(heading) + LABEL_OPENING]).startswith(heading):
        return False
    return norm_words(text).startswith(f"{heading} ")
