"""How the conditions on a practice are joined, and whom a notice reaches.

"We only collect sensitive information if it is necessary for a purpose and you have provided
it" asks both; with "or" either one will do, so the practice reaches further. Each "and" or
"or" after a condition word ("if", "unless", "provided"), in a sentence that limits its
practice, is a fact of its own: "all" for "and", "any" for "or".

"We will notify you and the authorities of a breach" tells the person; "we will notify the
authorities" does not. The person named by a notify practice is a fact of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpversion.materiality.claim_facts import CONDITIONS, Fact, Frame
from kpversion.materiality.frames import _negated, _owners
from kpversion.materiality.lexicon import Hit
from kpversion.materiality.reading import Sentence

CONDITION = "condition"
"""The role of a join between conditions: "all" ("and") or "any" ("or")."""
NOTIFIED = "notified"
"""The role of the person a notice is sent to."""
CONDITION_WORDS = CONDITIONS | {"provided", "providing"}
JOINS = {"and": "all", "or": "any"}
PERSON_REACH = 2
"""Words after a notify practice within which "you" is whom it tells ("notify you", "inform
you promptly")."""


def condition_facts(sentence: Sentence, hits: Sequence[Hit], frames: Sequence[Frame]) -> list[Fact]:
    """One fact per "and" or "or" joining conditions after a limit and a condition word."""
    limits = [h.start for h in hits if h.kind == "limit"]
    if not limits:
        return []
    words = sentence.words
    opened = next((i for i, w in enumerate(words) if w in CONDITION_WORDS and i > limits[0]), -1)
    if opened < 0 and any(w in CONDITION_WORDS for w in words[limits[0] : limits[0] + 2]):
        opened = limits[0]  # "only if", "unless": the limit is the condition word
    if opened < 0:
        return []
    return [
        Fact(f.practice, f.negated, CONDITION, JOINS[word])
        for index, word in enumerate(words)
        if index > opened and word in JOINS
        for f in _owners(frames, opened)
    ]


def notified_facts(sentence: Sentence, hits: Sequence[Hit]) -> list[Fact]:
    """The person, where a notify practice names them ("we will notify you and the
    regulators"): dropped, the person is no longer told."""
    words = sentence.words
    found = []
    for hit in hits:
        if hit.kind != "practice" or hit.id != "notify":
            continue
        if "you" in words[hit.start : hit.end + PERSON_REACH]:
            negated = _negated(words, hits, hit.start, hit.end)
            found.append(Fact("notify", negated, NOTIFIED, "you"))
    return found
