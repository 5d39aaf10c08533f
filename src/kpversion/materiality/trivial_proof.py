"""Proofs of trivial edits: what one states, what it may look at, and the words none may change.

Every prover (trivial_layout.py, trivial_sections.py, trivial_links.py, trivial_words.py) is
given the change's two texts and a `Context`, and returns a `Proof` or None; a word in
`PROTECTED` changed is never trivial, whatever it looks like.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kpversion.text.document import Document


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NEGATIONS = _words(
    "not no never none nor neither nothing nobody nowhere without cannot cant unless except"
    " excluding n't don't doesn't didn't won't wouldn't shouldn't isn't aren't wasn't weren't"
    " hasn't haven't hadn't mustn't shan't couldn't needn't"
)
MODALS = _words("may might must shall should will would can could ought need needs")
QUANTIFIERS = _words(
    "all any only some every each most more less least fewer few many much several both either"
    " sole solely exclusively entire entirely whole wholly ever always sometimes often rarely"
    " usually generally occasionally anyone anything everyone everything someone something"
    " anybody everybody somebody other others another additional also just merely certain"
    " limited unlimited including exclusive"
)
NUMBER_WORDS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty"
    " ninety hundred thousand million billion dozen half twice once single double triple first"
    " second third fourth fifth sixth seventh eighth ninth tenth twelfth"
)
PROTECTED = NEGATIONS | MODALS | QUANTIFIERS | NUMBER_WORDS
"""Words whose change is never trivial, whatever it looks like."""


@dataclass(frozen=True)
class Proof:
    """Why a change is trivial: its kind, and a reason in plain words a lawyer can check."""

    kind: str
    reason: str


@dataclass(frozen=True)
class Context:
    """What a proof may need beyond the change's own two texts."""

    old_document: str = ""
    """The whole old text (for a removed paragraph's twin, a table of contents)."""
    new_document: str = ""
    parsed: tuple[Document | None, Document | None] = (None, None)
    """The two documents as the classifier already parsed them, so a proof does not parse a
    whole document again; None where a caller has only the texts."""
    heading: bool = False
    """The changed text is a heading."""
    channel_words: frozenset[str] = field(default_factory=frozenset)
    """Words (or phrases) that make a sentence about privacy questions, requests, rights or
    opt-outs; used with `DEFAULT_CHANNEL_WORDS`, never instead of them."""
    region: str = "US"
    """The country of phone numbers written without "+"."""
