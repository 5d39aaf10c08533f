"""What a term is in its sentence, where its words alone mislead: a place that is part of a
name, what compels a practice, the person's own deletion, a condition that opens a sentence,
and a way of contact named but not written out."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from kpversion.materiality.claim_facts import CONDITIONS, Fact, Frame
from kpversion.materiality.lexicon import Hit
from kpversion.materiality.reading import Sentence

INSTRUMENT_KINDS = frozenset({"security", "legal-basis"})
BODY_WORDS = frozenset(
    {"commission", "commissioner", "board", "parliament", "council", "court", "department",
     "authority", "ombudsman", "agency"}
)  # fmt: skip
BODY_REACH = 3
"""Capitalized words after a place within which a body's word makes the place part of its
name ("European Data Protection Board")."""


def names_a_body(sentence: Sentence, place: Hit, instruments: Sequence[Hit]) -> bool:
    """A place that is part of a name: of a transfer safeguard or a legal ground ("EU
    Standard Contractual Clauses", "EU-U.S. Data Privacy Framework"), or of a public body
    ("the European Commission", "UK Information Commissioner"). It says where the instrument
    or the body comes from, not whom a claim covers. (People in lower case inside a measure
    are whom it names: "access limited to employees".)"""
    if not sentence.written[place.start][:1].isupper():
        return False
    if place.inside(instruments) or any(i.start == place.end for i in instruments):
        return True
    words = sentence.words
    for index in range(place.end, min(place.end + BODY_REACH, len(words))):
        if not sentence.capitalized(index):
            return False
        if words[index] in BODY_WORDS:
            return True
    return False


UNIVERSAL_CUES = frozenset({"regardless", "irrespective", "wherever", "whatever", "whichever"})
UNIVERSAL_REACH = 4
"""Words after "regardless" or "wherever" within which a place names no one in particular
("regardless of your state of residency", "wherever you are based")."""


def whatever_place(words: Sequence[str], place: Hit) -> bool:
    """A place named to say it does not matter ("these rights apply regardless of where you
    live in the world"): the claim covers everyone, no audience."""
    before = words[max(0, place.start - UNIVERSAL_REACH) : place.start]
    return not UNIVERSAL_CUES.isdisjoint(before) or ("no", "matter") in pairwise(before)


REQUIRED_WORDS = frozenset({"required", "requires", "require", "compelled", "obliged", "obligated"})
CONDITION_WORDS = CONDITIONS | {"only"}
CONDITION_REACH = 4
"""Words from a condition to "required" ("if we are compelled", "only when required")."""
REQUIREMENT_REACH = 6
"""Words from "required" to a purpose that names what compels the practice ("compelled to do
so by a subpoena")."""


def requirements_are_limits(sentence: Sentence, hits: list[Hit]) -> list[Hit]:
    """A purpose that names what compels a practice, in a condition put on it ("we share it
    with the police only when required by a court order", "if we are compelled to do so by a
    subpoena"), is the condition: a limit that narrows the practice, where a purpose would
    widen it. A purpose given with no condition ("to comply with a court order") stays one."""
    words = sentence.words
    required = [
        i for i, word in enumerate(words)
        if word in REQUIRED_WORDS
        and not CONDITION_WORDS.isdisjoint(words[max(0, i - CONDITION_REACH) : i])
    ]  # fmt: skip
    if not required:
        return hits
    return [Hit("limit", "limit", h.start, h.end) if _compels(h, required) else h for h in hits]


def _compels(hit: Hit, required: Sequence[int]) -> bool:
    """What compels the practice, or the duty in the condition itself ("when we are required
    to do so by law": the writer's duty there is the law's, not one to share)."""
    if hit.kind == "purpose":
        return any(0 < hit.start - i <= REQUIREMENT_REACH for i in required)
    return hit.kind == "obligation" and any(hit.start <= i < hit.end for i in required)


PERSON_ABLE = (("you", "can"), ("you", "may"), ("you", "are", "able", "to"))
PERSON_REACH = 4
"""Words before "delete" within which "you can" makes the deletion the person's."""


def persons_deletion(sentence: Sentence, hits: list[Hit]) -> list[Hit]:
    """ "You can export or delete your data at any time": the person deletes, by a right the
    writer grants (deletion), not the writer deleting data."""
    words = sentence.words
    found = []
    for hit in hits:
        before = tuple(words[max(0, hit.start - PERSON_REACH) : hit.start])
        if hit.kind == "practice" and hit.id == "delete" and _says_person_able(before):
            hit = Hit("right", "deletion", hit.start, hit.end)
        found.append(hit)
    return found


def _says_person_able(words: tuple[str, ...]) -> bool:
    return any(words[i : i + len(p)] == p for p in PERSON_ABLE for i in range(len(words)))


def a_condition_first(sentence: Sentence, hit: Hit, frames: Sequence[Frame]) -> bool:
    """ "Without your consent" before any practice ("Without your consent we only show
    contextual ads") is the condition the sentence opens with, not an exception to a
    prohibition stated before it."""
    if hit.kind != "exception" or sentence.words[hit.start] != "without":
        return False
    return not any(0 <= f.position < hit.start for f in frames)


DISCOVERY = frozenset({"learn", "discover", "aware", "find", "determine", "notified", "informed"})
"""Verbs of the writer finding out ("If we learn that we have collected ...")."""
OPENERS = frozenset({"if", "should", "where", "when", "once", "in", "upon"})
DISCOVERY_REACH = 5
"""Words from a sentence's start within which the verb of finding out stands."""


def past_a_discovery(sentence: Sentence, hits: list[Hit]) -> list[Hit]:
    """The hits without the practices of a leading clause in which the writer finds something
    out ("If we learn that we have collected personal information from a child, we will
    delete it"): what the writer may discover is no practice it claims; the clause after it
    is, and the data named in the condition is what that clause acts on."""
    words = sentence.words
    if not words or words[0] not in OPENERS:
        return hits
    found = next((i for i in range(min(len(words), DISCOVERY_REACH)) if words[i] in DISCOVERY), -1)
    if found < 0 or "we" not in words[:found]:
        return hits
    end = next((i for i in range(found + 1, len(words)) if sentence.breaks[i]), len(words))
    return [h for h in hits if not (h.kind == "practice" and found < h.start < end)]


WAYS_OF_CONTACT = {"postal_address": "post", "email_address": "email", "phone_number": "phone"}
OWNERS_OF_A_WAY = frozenset({"our", "the", "this", "that"})
BY_WAY = {"post": "post", "letter": "post", "telephone": "phone", "phone": "phone", "fax": "fax"}
"""A way of contact named after "by" ("contact us by email or by post")."""
TO_A_WAY = frozenset({"at", "to", "via", "by", "using"})


def ways_named(sentence: Sentence, hits: list[Hit]) -> tuple[list[Hit], list[Fact]]:
    """A way of contact named, not written out, in a sentence that gives one ("write to us at
    the postal address given in section 1", "by e-mail to our email address"): the writer's
    channel, not a person's data collected."""
    if not any(h.kind == "channel-word" for h in hits):
        return hits, []
    words, kept, found = sentence.words, [], []
    found += [Fact("", False, "channel", f"{BY_WAY[w]} (named, not written out)")
              for before, w in pairwise(words) if before == "by" and w in BY_WAY]  # fmt: skip
    for hit in hits:
        way = WAYS_OF_CONTACT.get(hit.id) if hit.kind == "data" else None
        if way and hit.start >= 2 and words[hit.start - 1] in OWNERS_OF_A_WAY \
                and words[hit.start - 2] in TO_A_WAY:  # fmt: skip
            found.append(Fact("", False, "channel", f"{way} (named, not written out)"))
        else:
            kept.append(hit)
    return kept, found
