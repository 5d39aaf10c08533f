"""How wide a licence to the user's content is: the words that widen the grant ("perpetual,
irrevocable, worldwide, transferable, sub-licensable"), each a claim of the terms (A25).

A word added widens what the writer may do with the content (more permissive); dropped, or
turned by "non-" ("non-transferable"), it narrows it. The licence itself is the terms clause
`license_grant`; these are read only in a sentence that grants it.
"""

from __future__ import annotations

from kpversion.materiality.claim_facts import Fact
from kpversion.materiality.lexicon import Hit
from kpversion.materiality.reading import Sentence

GRANT = "license_grant"
WIDENING = frozenset(
    {"perpetual", "irrevocable", "worldwide", "transferable", "sublicensable", "exclusive",
     "unlimited", "unrestricted"}
)  # fmt: skip
"""Words that widen a licence granted; "non-" before one narrows it instead."""
JOINED = {("sub", "licensable"): "sublicensable", ("sub", "licenseable"): "sublicensable"}
"""Words a hyphen splits ("sub-licensable")."""
SPELLINGS = {
    "transferrable": "transferable",
    "sublicenseable": "sublicensable",
    "sublicensible": "sublicensable",
    "irrevokable": "irrevocable",
}
"""Other spellings of a widening word, which dictionaries keep ("transferrable"): the same
breadth, so a spelling fixed changes no claim."""


def breadth_facts(sentence: Sentence, hits: list[Hit]) -> list[Fact]:
    """The widening words of a sentence that grants a licence to the user's content."""
    if not any(h.kind == "terms" and h.id == GRANT for h in hits):
        return []
    words = sentence.words
    found = []
    for index, word in enumerate(words):
        start = index
        if index > 0 and (words[index - 1], word) in JOINED:
            word, start = JOINED[(words[index - 1], word)], index - 1
        word = SPELLINGS.get(word, word)
        if word in WIDENING:
            negated = start > 0 and words[start - 1] == "non"
            found.append(Fact("", negated, "breadth", word))
    return found
