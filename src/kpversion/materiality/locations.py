"""Where data is kept: a place named as the site of servers or storage ("the servers are
located in the USA", "your data is stored in the EU") says where the data goes, not whom a
claim covers. A place added there moves data to one more country; one dropped, to one fewer.
The EU and EEA (with Switzerland), and the United Kingdom, keep the GDPR's protection, so
data kept there instead of elsewhere is no wider exposure (GDPR Art. 44-45; UK GDPR).
"""

from __future__ import annotations

from collections.abc import Sequence

from kpversion.materiality.lexicon import Hit
from kpversion.materiality.reading import Sentence

LOCATION = "location"
"""The role of a place data is kept in, outside the GDPR's area."""
LOCATION_PROTECTED = "location-protected"
"""The role of a place data is kept in, inside it (the EU, the EEA, the UK)."""
PLACES = frozenset(
    {"eu_residents", "uk_residents", "us_residents", "california_residents",
     "us_state_residents", "canada_residents", "brazil_residents", "other_country_residents"}
)  # fmt: skip
"""The audiences that are places."""
PROTECTED_PLACES = frozenset({"eu_residents", "uk_residents"})
CUES = frozenset(
    {"stored", "store", "located", "hosted", "host", "housed", "kept", "processed", "server",
     "servers", "datacenter", "datacenters", "centers", "centres", "infrastructure"}
)  # fmt: skip
CUE_REACH = 6
"""Words before a place's "in" within which a word of storage or servers stands."""
ARTICLES = frozenset({"the", "a", "an"})
PEOPLE = frozenset(
    {"you", "customers", "customer", "users", "user", "individuals", "people", "persons",
     "residents", "visitors", "members", "consumers", "who", "employees"}
)  # fmt: skip
PEOPLE_REACH = 2
"""Words before a cue within which a word for people makes it where they are."""


def is_location(sentence: Sentence, hit: Hit) -> bool:
    """Whether an audience hit names where data is kept: "in" (or "in the") before it, and
    a word of storage or servers shortly before that."""
    if hit.kind != "audience" or hit.id not in PLACES:
        return False
    words = sentence.words
    at = hit.start - 1
    if at >= 0 and words[at] in ARTICLES:
        at -= 1
    if at < 0 or words[at] not in ("in", "within"):
        return False
    before = words[max(0, at - CUE_REACH) : at]
    cues = [i for i, word in enumerate(before) if word in CUES]
    # "customers located in the EEA", "if you are located in the EU": where people are.
    return any(PEOPLE.isdisjoint(before[max(0, i - PEOPLE_REACH) : i]) for i in cues)


def location_role(hit: Hit) -> str:
    return LOCATION_PROTECTED if hit.id in PROTECTED_PLACES else LOCATION


def place_words(sentence: Sentence, hit: Hit) -> str:
    """The place as written ("USA", "EU"), what a reason names."""
    return " ".join(sentence.written[hit.start : hit.end])


JOINERS = frozenset({"and", "or", "and/or"})


def split_locations(sentence: Sentence, hits: Sequence[Hit]) -> tuple[list[Hit], list[Hit]]:
    """The hits that are not places data is kept in, and those that are: a place joined to
    one ("located in the EU and the USA") is one too."""
    places: list[Hit] = []
    for hit in sorted(hits, key=lambda h: h.start):
        if is_location(sentence, hit) or (places and _joined(sentence, places[-1], hit)):
            places.append(hit)
    return [h for h in hits if h not in places], places


def _joined(sentence: Sentence, place: Hit, hit: Hit) -> bool:
    if hit.kind != "audience" or hit.id not in PLACES:
        return False
    between = [w for w in sentence.words[place.end : hit.start] if w not in ARTICLES]
    return len(between) == 1 and between[0] in JOINERS
