"""The kinds of damages a liability clause names: "In no event will we be liable for any
direct, indirect, incidental, special, consequential, or punitive damages".

Each kind is a fact of the clause: excluded (the sentence says the writer is not liable for
it), or owed. A kind added to an exclusion leaves the person with less to recover, more
permissive; one dropped from it ("direct," deleted) protects. A harm the ontology knows as a
threat to data ("loss or corruption of data"), named in a liability clause, is such a kind
too, not a harm the writer guards against.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpversion.materiality.claim_facts import PROTECT, Fact, Frame
from kpversion.materiality.lexicon import Hit
from kpversion.materiality.reading import Sentence

DAMAGES = "damages"
"""The role of a kind of damages a liability clause names."""
KINDS = frozenset({"direct", "indirect", "incidental", "special", "consequential", "punitive",
                   "exemplary", "statutory", "compensatory", "multiple"})  # fmt: skip
NOUNS = frozenset({"damages", "damage", "losses", "loss"})
REACH = 12
"""How far before its noun a kind may stand in a list ("direct, indirect, ..., or punitive
damages")."""
EXCLUDING = frozenset({"no", "not", "never", "exclude", "excludes", "disclaim", "disclaims",
                       "neither", "nor", "without"})  # fmt: skip
"""Words that make the clause an exclusion ("In no event", "will not be liable")."""
LIABILITY = "limitation_of_liability"


LIABLE = "@liable"
"""The context of an item under a liability clause's lead-in ("we will not be liable for:"):
its harms are kinds of damages, excluded where the lead-in excludes."""
NOT_LIABLE = "@not-liable"


def clause_context(lead_words: Sequence[str], lead_hits: Sequence[Hit]) -> str:
    """The context a liability clause's lead-in gives its items ("" for any other lead-in)."""
    if not any(h.kind == "terms" and h.id == LIABILITY for h in lead_hits):
        return ""
    return NOT_LIABLE if any(word in EXCLUDING for word in lead_words) else LIABLE


def guards(hits: Sequence[Hit], frames: Sequence[Frame], context: Sequence[str] = ()) -> bool:
    """Whether a sentence states a measure, a protection or a liability clause (or stands
    under one), where a threat's words ("loss", "modification") name a harm guarded against or
    a kind of damages."""
    if LIABLE in context or NOT_LIABLE in context or any(f.practice == PROTECT for f in frames):
        return True
    return any(h.kind == "security" or (h.kind == "terms" and h.id == LIABILITY) for h in hits)


def liability_facts(
    sentence: Sentence, hits: Sequence[Hit], facts: list[Fact], context: Sequence[str] = ()
) -> list[Fact]:
    """The facts of a liability clause, or of an item under one: its kinds of damages added,
    its threats read as such kinds; other sentences' facts as they are."""
    words = sentence.words
    if any(h.kind == "terms" and h.id == LIABILITY for h in hits):
        excluded = any(word in EXCLUDING for word in words)
    elif LIABLE in context or NOT_LIABLE in context:
        excluded = NOT_LIABLE in context
    else:
        return facts
    read = [f._replace(role=DAMAGES, negated=excluded) if f.role == "threat" else f for f in facts]
    for index, word in enumerate(words):
        if word in KINDS and any(w in NOUNS for w in words[index + 1 : index + 1 + REACH]):
            read.append(Fact("", excluded, DAMAGES, word))
    return read
