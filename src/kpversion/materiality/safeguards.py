"""The kinds of safeguard a security program is said to have: "administrative, technical and
physical safeguards" (HIPAA 45 CFR 164.308-164.312), "technical and organisational measures"
(GDPR Art. 32(1)).

Each kind listed before the noun is a qualifier of its own, so that one dropped from the list
("administrative, technical and organizational" -> "technical") narrows the program, one
added widens it, and the same kinds in another order say the same.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpversion.materiality.claim_facts import Fact, Frame
from kpversion.materiality.frames import _owners
from kpversion.materiality.reading import Sentence

KINDS = {
    "administrative": "administrative", "technical": "technical", "technological": "technical",
    "organizational": "organizational", "organisational": "organizational",
    "physical": "physical", "electronic": "electronic", "procedural": "procedural",
    "managerial": "managerial", "contractual": "contractual", "operational": "operational",
}  # fmt: skip
HEADS = frozenset({"safeguard", "safeguards", "measure", "measures", "protections", "security"})
"""Nouns a kind of safeguard qualifies. (Not "controls": "administrative controls" are an
account's settings.)"""
JOINS = frozenset({"and", "or", "as", "well"})
"""Words between the kinds of a list ("technical as well as organisational measures")."""
QUALIFIER = "qualifier"


def safeguard_facts(sentence: Sentence, frames: Sequence[Frame]) -> list[Fact]:
    """One qualifier fact per kind of safeguard listed before its noun."""
    words = sentence.words
    found = []
    for head, word in enumerate(words):
        if word not in HEADS or head == 0 or words[head - 1] not in KINDS:
            continue
        for kind in _kinds_before(words, head):
            found += [Fact(f.practice, f.negated, QUALIFIER, f"{kind} safeguards")
                      for f in _owners(frames, head)]  # fmt: skip
    return found


def _kinds_before(words: Sequence[str], head: int) -> list[str]:
    """The kinds in the run of kinds and joins that ends at the head noun."""
    kinds = []
    index = head - 1
    while index >= 0 and (words[index] in KINDS or words[index] in JOINS):
        if words[index] in KINDS:
            kinds.append(KINDS[words[index]])
        index -= 1
    return kinds
