"""The practices a sentence states, one frame per mention, each with its polarity and modality;
and which frame each of the sentence's objects belongs to.

A sentence that states no practice frames the text's revision (about changes to the text), a
right exercised (granting one), the practices its lead-in or heading states, or none.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpversion.materiality.claim_facts import (
    CONDITIONS,
    EXERCISE,
    MODALS,
    NEGATIVE_RIGHTS,
    PROTECT,
    REVISE,
    THING_KINDS,
    Frame,
    inherited_practice,
)
from kpversion.materiality.lexicon import Hit, outermost
from kpversion.materiality.numbers import first_number
from kpversion.materiality.reading import Sentence

NEGATION_BEFORE = 4
"""Words before a practice or claim in which a negation turns it around ("we do not share")."""
NEGATION_AFTER = 2
"""Words after it in which "no", "none" or "nothing" turns it around ("we share no data")."""
MODAL_BEFORE = 3
OBJECT_REACH = 6
"""Words after a right or choice within which a practice is what it is about."""
AFTER_NEGATIONS = frozenset({"no", "none", "nothing", "never", "disabled"})
AFTER_ONLY = frozenset({"disabled"})
"""Negations that negate a practice only after it ("tracking is disabled")."""


def _frames(sentence: Sentence, hits: Sequence[Hit], context: Sequence[str]) -> list[Frame]:
    """The sentence's practices; else the inherited ones; else one frame with no practice,
    negated when the sentence holds a negation ("Cookies do not contain personal data")."""
    frames: list[Frame] = []
    granted = [h for h in hits if h.kind in ("right", "choice")]
    for hit in hits:
        # One frame per mention: "we do not sell or rent" promises two things, and dropping
        # "sell" drops a promise even though renting is a kind of selling. A practice right
        # after a right or choice is what it is about ("opt out of this sharing").
        if (
            hit.kind == "practice"
            and not _object_of(hit, granted)
            and not _worded_in(hit, granted)
            and not _a_use(sentence, hit, hits)
            and not _sells_goods(sentence, hit, hits)
            and not _asks_consent(hit, hits)
            and not _granted_or_referred(sentence.words, hit)
        ):
            if _guards_the_writer(sentence, hit):
                continue
            negated = _negated(sentence.words, hits, hit.start, hit.end) or _shared_negation(
                sentence, frames, hit
            )
            relative = _relative(sentence.words, hit.start)
            modality = _modality(hits, hit.start) or _shared_modality(sentence, frames, hit)
            frames.append(Frame(hit.id, negated, modality, hit.start, relative))
    if frames:
        return frames
    if any(h.kind == "policy" for h in hits):
        # How the writer changes the text, with the lead time and ways it tells of a change; a
        # promise to tell is a notify practice of its own ("we will post notice").
        negated = any(_negated(sentence.words, hits, h.start, h.end) for h in hits
                      if h.kind == "policy")  # fmt: skip
        return [Frame(REVISE, negated, next((h.kind for h in hits if h.kind in MODALS), ""),
                      -1)]  # fmt: skip
    if any(h.kind in ("right", "choice") for h in hits):
        # A sentence granting a right: its limits and conditions are the right's.
        # A right worded as a promise not to act ("we will not discriminate against you")
        # carries its negation in its words: it is granted, not denied.
        negated = any(_negated(sentence.words, hits, h.start, h.end) for h in hits
                      if h.kind in ("right", "choice") and h.id not in NEGATIVE_RIGHTS)  # fmt: skip
        return [Frame(EXERCISE, negated, "", -1)]
    granted_at = _a_right_in_words(sentence.words)
    if granted_at >= 0:
        # "You have the right to withdraw within 14 days": a right the ontology need not name;
        # its periods and conditions are the right's.
        return [Frame(EXERCISE, _negated(sentence.words, hits, granted_at, granted_at + 1), "",
                      -1)]  # fmt: skip
    objects = [h for h in hits if h.kind in THING_KINDS and not _in_leading_condition(sentence, h)]
    negated = any(_negated(sentence.words, hits, h.start, h.end) for h in objects)
    modality = next((h.kind for h in hits if h.kind in MODALS), "")
    if _about_a_measure(sentence, hits):
        # "We provide security updates for at least five years": a measure and no practice;
        # the sentence's periods and limits are how long and how far the protection goes.
        # The practice is implied, as an inherited one is: the measure is the claim stated.
        return [Frame(PROTECT, negated, modality, -1, inherited=True)]
    if context:
        return [Frame(practice, negated != denied, modality, -1, inherited=True)
                for practice, denied in map(inherited_practice, context)]  # fmt: skip
    return [Frame("", negated, modality, -1)]


LEADING_CONDITIONS = CONDITIONS | {"should"}


def _in_leading_condition(sentence: Sentence, hit: Hit) -> bool:
    """Whether a term stands in a condition that opens the sentence, before its first break
    ("If your browser does not support 256-bit encryption, we use 128-bit"): a negation there
    is the condition's, not the claim's."""
    if not sentence.words or sentence.words[0] not in LEADING_CONDITIONS:
        return False
    first_break = next((i for i, b in enumerate(sentence.breaks) if b), len(sentence.words))
    return hit.end <= first_break


def _about_a_measure(sentence: Sentence, hits: Sequence[Hit]) -> bool:
    """A sentence that names a security measure before any quantity, and no data type: what
    it states is of the measure ("security updates for 5 years"). With a data type and no
    practice ("encrypted backups: 30 days"), or a measure after the period ("we store it for
    48 months and then anonymise it"), the period is of the data."""
    if any(h.kind == "data" for h in hits):
        return False
    measures = [h.start for h in hits if h.kind == "security"]
    return bool(measures) and min(measures) < first_number(sentence)


PERSONS = frozenset(
    {"you", "your", "users", "user", "individuals", "customers", "consumers", "residents",
     "subjects", "everyone", "members", "people", "persons", "visitors"}
)  # fmt: skip
"""Who holds a right granted in words: the person, never the writer ("we reserve the right
to")."""
PERSON_REACH = 5


def _a_right_in_words(words: Sequence[str]) -> int:
    """Where a sentence grants the person a right in words ("you have the right to", "users
    are entitled to", a label "Right to withdraw:"), or -1."""
    for index in range(len(words) - 1):
        if words[index] not in ("right", "entitled") or words[index + 1] != "to":
            continue
        before = words[max(0, index - PERSON_REACH) : index]
        if index <= 1 or any(w in PERSONS for w in before):
            return index
    return -1


RELATIVE_WORDS = frozenset({"who", "which", "that", "whom", "whose"})
RELATIVE_REACH = 3
"""Words before a practice within which a relative pronoun puts it in a relative clause
("who use", "that we collect")."""


def _relative(words: Sequence[str], start: int) -> bool:
    return any(w in RELATIVE_WORDS for w in words[max(0, start - RELATIVE_REACH) : start])


USE_NOUN_BEFORE = frozenset(
    {"the", "your", "our", "its", "their", "his", "her", "this", "that", "such", "any",
     "overall", "general", "continued", "personal", "fair", "acceptable", "commercial",
     "internal", "intended", "ongoing", "of", "for", "in", "independent", "own", "private"}
)  # fmt: skip
"""Words before "use" that make it a noun ("your use of the site", "overall use"): the
person's use, or a use named, not the writer using data."""


ANAPHORS = frozenset({"these", "those", "such"})


def _granted_or_referred(words: Sequence[str], hit: Hit) -> bool:
    """A practice that is no claim of the writer's: the object of a right ("the right to
    transmit it to another party"), or one already stated, pointed back to ("for these
    transfers")."""
    before = words[max(0, hit.start - 2) : hit.start]
    if tuple(before) == ("right", "to"):
        return True
    return hit.start > 0 and words[hit.start - 1] in ANAPHORS


CONSENT_REACH = 3
"""Words after a collecting verb within which consent is what it gets ("obtain your prior
consent")."""


def _asks_consent(hit: Hit, hits: Sequence[Hit]) -> bool:
    """ "ask for your consent", "obtain your explicit consent": the verb gets a choice, not
    data; no data is collected by it."""
    if hit.id != "collect":
        return False
    consent = [h for h in hits if h.kind == "choice" and h.id == "opt_in_consent"]
    things = [h for h in hits if h.kind == "data"]
    return any(
        hit.start <= c.start <= hit.end + CONSENT_REACH
        and not any(hit.end <= d.start < c.start for d in things)
        for c in consent
    )


def _a_use(sentence: Sentence, hit: Hit, hits: Sequence[Hit] = ()) -> bool:
    """ "use" that states no use of data: a noun ("your use of the site"), or the instrument
    of a protection ("using end-to-end encryption", "we use TLS")."""
    if hit.id != "use" or hit.end - hit.start != 1:
        return False
    word = sentence.words[hit.start]
    if word == "use" and hit.start > 0 and sentence.words[hit.start - 1] in USE_NOUN_BEFORE:
        return True
    return _uses_a_measure(hit, hits)


MEASURE_REACH = 8
"""Words after "use" within which a security measure is what is used ("using AES 256 bit
encryption"), when no data type stands between."""


def _uses_a_measure(hit: Hit, hits: Sequence[Hit]) -> bool:
    if any(h.kind == "security" and hit.start - 2 < h.end <= hit.start for h in hits):
        return True  # "encrypted using GPG": the instrument of the measure just named
    after = sorted((h for h in hits if hit.end <= h.start < hit.end + MEASURE_REACH),
                   key=lambda h: h.start)  # fmt: skip
    for other in after:
        if other.kind in ("security", "qualifier"):
            return True
        if other.kind in ("data", "recipient", "purpose", "practice"):
            return False
    return False


GOODS = frozenset(
    {"device", "devices", "product", "products", "goods", "merchandise", "hardware", "item",
     "items", "ticket", "tickets", "gift", "cards"}
)  # fmt: skip
"""What a shop sells: "sell" with one of these and no data type is trade, not a sale of data."""


def _sells_goods(sentence: Sentence, hit: Hit, hits: Sequence[Hit]) -> bool:
    """ "from the date we start selling them [the devices]", "products we sell": the writer's
    trade. A sentence that names a data type is about data."""
    if hit.id != "sell" or any(h.kind == "data" for h in hits):
        return False
    return any(word in GOODS for word in sentence.words)


WRITERS_OWN = frozenset({"interests", "interest", "rights", "property"})
OWN_REACH = 5
"""Words after "protect" in which the writer's own interests, rights or property stand."""


def _guards_the_writer(sentence: Sentence, hit: Hit) -> bool:
    """ "to protect its business interests", "to protect our rights or property": a ground on
    which the writer discloses or keeps data (its discretion), not a protection of the
    person's data."""
    following = sentence.words[hit.end : hit.end + OWN_REACH]
    return hit.id == PROTECT and any(w in WRITERS_OWN for w in following)


def _object_of(hit: Hit, granted: Sequence[Hit]) -> bool:
    """A practice just after a right or choice ("opt out of this sharing") is what it is
    about."""
    return any(0 <= hit.start - g.end <= OBJECT_REACH for g in granted)


def _worded_in(hit: Hit, granted: Sequence[Hit]) -> bool:
    """A practice that ends a right's or choice's own words ("object to the processing",
    "request the deletion") is the right's wording, no practice of the writer's."""
    return any(g.start < hit.start and hit.end <= g.end for g in granted)


def _negated(words: Sequence[str], hits: Sequence[Hit], start: int, end: int) -> bool:
    """An odd number of negations just before (or a "no" just after) turns a claim around
    ("we do not share", "we share no data"); two cancel ("not without")."""
    before = after = 0
    grants = [h.start for h in hits if h.kind in ("right", "choice")]
    for hit in hits:
        if hit.kind != "negation":
            continue
        if any(hit.start < g < start for g in grants):
            # The negation is the right's or the choice's own, before them: "we will not
            # discriminate against you for exercising", "you cannot opt out of sharing".
            continue
        near = hit.start < start and _reach(words, hit.start, start) <= NEGATION_BEFORE
        if near and words[hit.start] not in AFTER_ONLY:
            before += 1
        elif _negates_after(words, hit.start, start, end):
            after += 1
    return (before + after) % 2 == 1


CARRIERS = (
    ("in", "the", "business", "of"), ("our", "policy", "to"), ("our", "practice", "to"),
    ("our", "intention", "to"), ("our", "intent", "to"), ("the", "intention", "of"),
)  # fmt: skip
"""Idioms through which a negation reaches the practice after them: "we are not in the business
of selling data", "it is not our policy to intentionally collect"."""
REACH_MAX = 12
"""Words between a negation and a practice past which no idiom is looked for."""


def _reach(words: Sequence[str], negation: int, start: int) -> int:
    """How far a practice stands after a negation, not counting an idiom that carries the
    negation or an adverb just before the practice ("intentionally collect")."""
    distance = start - negation
    if distance > REACH_MAX:
        return distance
    gap = tuple(words[negation + 1 : start])
    for idiom in CARRIERS:
        if gap[: len(idiom)] == idiom:
            distance -= len(idiom)
            gap = gap[len(idiom) :]
            break
    else:
        return distance
    while gap and gap[-1].endswith("ly"):
        distance -= 1
        gap = gap[:-1]
    return distance


NOMINAL_START = 2
"""Words from a sentence's start within which a practice named as a noun is its subject
("Transfer of your data ... does not take place", "The sale of data is not carried out")."""
NOT_HAPPENING = (("take", "place"), ("carried", "out"), ("occur",), ("happen",))


def _negates_after(words: Sequence[str], negation: int, start: int, end: int) -> bool:
    """A "no" just after the claim ("we share no data"), or a denial that a practice named as
    the sentence's subject happens ("Transfer of ... does not take place")."""
    if end <= negation < end + NEGATION_AFTER and words[negation] in AFTER_NEGATIONS:
        return True
    return start <= NOMINAL_START and _denies_it_happens(words, negation)


def _denies_it_happens(words: Sequence[str], negation: int) -> bool:
    """A negation that says the subject does not happen: "does not take place"."""
    rest = tuple(words[negation + 1 : negation + 3])
    return any(rest[: len(phrase)] == phrase for phrase in NOT_HAPPENING)


COORDINATORS = frozenset({"and", "or", "and/or"})
ALTERNATIVES = frozenset({"or", "nor"})


def _shared_negation(sentence: Sentence, frames: Sequence[Frame], hit: Hit) -> bool:
    """A practice offered as an alternative to a negated one in the same clause ("we don't
    share your data with third parties or sell it"): neither is done."""
    if not frames or not frames[-1].negated or frames[-1].position < 0 or hit.start == 0:
        return False
    if sentence.words[hit.start - 1] not in ALTERNATIVES:
        return False
    return not any(sentence.breaks[frames[-1].position + 1 : hit.start])


def _shared_modality(sentence: Sentence, frames: Sequence[Frame], hit: Hit) -> str:
    """The modal of the practice this one is coordinated with ("we may use and/or share",
    "we may collect, use and share"): one modal governs them all."""
    if not frames or frames[-1].position < 0:
        return ""
    between = sentence.words[frames[-1].position + 1 : hit.start]
    joined = all(w in COORDINATORS for w in between) and len(between) <= 2
    return frames[-1].modality if joined else ""


def _modality(hits: Sequence[Hit], start: int) -> str:
    near = [h for h in outermost(hits, MODALS) if start - MODAL_BEFORE <= h.start < start]
    return near[-1].kind if near else ""


def _owners(frames: Sequence[Frame], position: int) -> list[Frame]:
    """The practice an object at position belongs to: the nearest one stated, a little
    preferring the one before it ("we collect your email and use it for ads": the email is
    collected, the ads are a use); inherited practices (position -1) share every object."""
    stated = [f for f in frames if f.position >= 0]
    if not stated:
        return list(frames)
    # A practice in a relative clause ("customers who use the app") owns what follows it only.
    free = [f for f in stated if not (f.relative and f.position > position)] or stated
    return [min(free, key=lambda f: _distance(f.position, position))]


AFTER_PENALTY = 3
"""How much farther a practice after an object stands than one before it: an object follows
its verb ("we share data with Acme and sell data to Beta": Acme is shared) unless no verb
comes before it ("your email is collected")."""


def _distance(frame: int, position: int) -> float:
    return position - frame if frame <= position else frame - position + AFTER_PENALTY
