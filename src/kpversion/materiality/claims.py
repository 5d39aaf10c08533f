"""Claims: what a text says about data practices, read sentence by sentence.

A sentence's claims are its practices (collect, use, share, sell, retain, transfer, protect,
delete, notify, ...), each with its polarity (negated or not) and modality (an obligation, a
permission, advice), and the objects the sentence gives them: data types, recipients (kinds,
and proper names where the sentence names recipients), purposes, audiences, limits, discretion
and quantifiers, durations and ages with their units. Rights, choices, security measures,
notice-of-changes wording and terms-of-service topics are claims of their own.

A text's claims are the multiset of its claim facts. Two texts whose facts are equal make the
same claims (differences.py compares them).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from kpversion.materiality.lexicon import Hit, Lexicon
from kpversion.materiality.reading import Sentence, read
from kpversion.materiality.wording import TokenKind

OBJECT_KINDS = frozenset(
    {
        "data", "recipient", "purpose", "audience", "limit", "discretion", "hedge",
        "qualifier", "quantifier", "legal-basis", "threat", "burden",
    }
)  # fmt: skip
"""Kinds claimed of the sentence's practices."""
OWN_KINDS = frozenset({"right", "choice", "security", "policy", "terms"})
"""Kinds that are claims of their own, whatever practice the sentence states."""
THING_KINDS = frozenset({"data", "recipient", "purpose", "security", "audience"})
"""Kinds that name a thing: a practice word inside one is part of its name ("shared device");
a right or a choice is worded with the practice it is about ("opt out of sharing")."""
WRITER = "first_party"
"""The recipient id of the writer ("we", "us"): the one who states every claim, no recipient."""
QUANTIFIER_REACH = 4
"""A quantifier counts when it comes this close to what it quantifies: before a data type,
recipient or purpose ("all of your personal information", "certain third parties"), or by a
practice or right ("we always share", "revoke your consent at any time")."""
MODALS = frozenset({"obligation", "permission", "advice"})
NEGATION_BEFORE = 4
"""Words before a practice or claim in which a negation turns it around ("we do not share")."""
NEGATION_AFTER = 2
"""Words after it in which "no", "none" or "nothing" turns it around ("we share no data")."""
MODAL_BEFORE = 3
OBJECT_REACH = 6
"""Words after a right or choice within which a practice is what it is about."""
AFTER_NEGATIONS = frozenset({"no", "none", "nothing", "never"})
RECIPIENT_PRACTICES = frozenset({"share", "sell", "transfer"})
REVISE = "revise"
"""The practice of a sentence about changes to the text that promises no notice itself
("we may update this policy from time to time"): its lead times and ways are notice's."""
EXERCISE = "exercise"
"""The practice of a sentence granting a right or a choice: the person's, not the writer's."""
ENTITY = "entity"
"""The role of an entity a text covers (A18): named in a sentence about its scope."""
RIGHTS_CONTEXT = "@rights"
"""The context of a text under a grant of rights: its practices name the rights granted."""
RIGHT_OF_PRACTICE = {"delete": "deletion", "sell": "opt_out_of_sale", "transfer": "right_to_know"}
DEFAULT_RIGHT = "right_to_know"
"""What an item under a grant of rights asks for when it names another practice: to know
the categories collected, used or disclosed (CCPA 1798.110, 1798.115)."""
SCOPE_CUES = frozenset({"applies", "apply", "covered", "covers", "entities", "entity", "governs"})
_UNITS = {
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "month": 30.44,
    "year": 365.25,
}
_UNIT_WORDS = {f"{unit}s": unit for unit in _UNITS} | {unit: unit for unit in _UNITS}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "sixty": 60, "ninety": 90,
}  # fmt: skip
AGE_RANGE = (10.0, 21.0)
"""Ages a threshold names ("under 13", "over 16") even where no word says age."""
_AGE_CUES = frozenset({"age", "aged", "old", "older", "younger", "under", "over"})
_AGE_TOPICS = frozenset(
    {"age", "aged", "child", "children", "minor", "minors", "teen", "teens", "kids", "parent"}
)
_NAME_CUES = frozenset(
    {"with", "to", "by", "from", "through", "via", "using", "as", "including", "like", "and", "or"}
)
_NAME_JOINERS = frozenset({"&", "of", "for", "the"})
_NAME_SUFFIXES = frozenset({"inc", "llc", "ltd", "gmbh", "corp", "corporation", "co", "plc", "sa"})
_NOT_NAMES = frozenset(
    {
        "i", "we", "you", "our", "your", "us", "it", "they", "this", "these", "the", "a", "an",
        "privacy", "policy", "statement", "notice", "terms", "service", "services", "section",
        "personal", "information", "data", "site", "website", "app", "account", "cookie",
        "cookies", "users", "user", "customer", "customers",
    }
)  # fmt: skip
_NUMBER = re.compile(r"\d{1,9}(?:[.,]\d{1,9})?")


class Fact(NamedTuple):
    """One claim fact: a practice ("" for none), whether it is negated, a role and a value.

    Roles: "practice" (the practice itself), "modality", the object kinds above, "name" (a
    proper name given as a recipient), "duration" (days), "age" (years), "channel", and the
    kinds that are claims of their own."""

    practice: str
    negated: bool
    role: str
    value: str


@dataclass(frozen=True)
class Frame:
    """A practice as one sentence states it ("" when the sentence states none)."""

    practice: str
    negated: bool
    modality: str
    position: int
    relative: bool = False
    """Stated in a relative clause ("who use", "which we collect")."""
    inherited: bool = False
    """Stated by the lead-in or heading above, not by the sentence: the sentence claims only
    what it gives the practice, not the practice again."""


class Reader:
    """Reads texts into claim facts with one rule set's lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def facts(self, text: str, context: Sequence[str] = ()) -> Counter[Fact]:
        """The claim facts of a Markdown text; context: the practices a sentence stating none
        inherits (a list item under "We collect:", a section "How we share")."""
        found: Counter[Fact] = Counter()
        for sentence in read(text):
            found.update(self.sentence_facts(sentence, context))
        return found

    def grants(self, text: str) -> bool:
        """Whether a text grants rights (a lead-in "You have the right to request:", a heading
        "Your Rights"): what its items and sections name are the rights' objects."""
        for sentence in read(text):
            words = sentence.words
            if any(w == "rights" or (w == "right" and words[i + 1 : i + 2] == ("to",))
                   for i, w in enumerate(words)):  # fmt: skip
                return True
            if any(h.kind == "right" for h in self.lexicon.find(words)):
                return True
        return False

    def practices_of(self, text: str) -> tuple[str, ...]:
        """The practices a text states (for the items and sections under it)."""
        practices: list[str] = []
        for sentence in read(text):
            for hit in _longest(self.lexicon.find(sentence.words)):
                if hit.kind == "practice" and hit.id not in practices:
                    practices.append(hit.id)
        return tuple(practices)

    def sentence_facts(self, sentence: Sentence, context: Sequence[str] = ()) -> list[Fact]:
        found = _whole_items(self.lexicon.find(sentence.words), len(sentence.words))
        hits = [h for h in _longest(found) if h.id != WRITER]
        if _pointer(hits):
            return []
        hits = _without_age_wording(sentence, hits)
        hits = _limits_first(hits)
        granting = RIGHTS_CONTEXT in context
        context = tuple(c for c in context if c != RIGHTS_CONTEXT)
        frames = _frames(sentence, hits, context)
        facts: list[Fact] = []
        if granting:
            facts += _granted(frames)
            frames = [replace(f, practice=EXERCISE, modality="") if f.practice else f
                      for f in frames]  # fmt: skip
        for frame in frames:
            if frame.practice and frame.practice != REVISE and not frame.inherited:
                facts.append(Fact(frame.practice, frame.negated, "practice", frame.practice))
            if frame.practice and frame.modality:
                facts.append(Fact(frame.practice, frame.negated, "modality", frame.modality))
        exceptions = [h.start for h in hits if h.kind == "exception"]
        for hit in hits:
            owners = _owners(frames, hit.start)
            if hit.kind == "exception":
                # An exception to a prohibition is an allowance ("we do not sell your data
                # except as required by law"): dropping it protects, adding it widens.
                facts += [Fact(f.practice, f.negated, "exception", "exception") for f in owners
                          if f.negated]  # fmt: skip
                continue
            if hit.kind in OBJECT_KINDS and any(e < hit.start for e in exceptions):
                # "not shared with anyone, except our subcontractors": an exception's objects
                # are what the prohibition allows; its limits are the allowance's own.
                if hit.kind != "limit":
                    facts += [Fact(f.practice, not f.negated, hit.kind, hit.id) for f in owners]
                continue
            if hit.kind == "quantifier":
                if _quantifies(hit, hits):
                    facts += [Fact(f.practice, f.negated, hit.kind, hit.id) for f in owners
                              if f.practice]  # fmt: skip
            elif hit.kind in OBJECT_KINDS:
                facts += [Fact(f.practice, f.negated, hit.kind, hit.id) for f in owners]
            elif hit.kind in OWN_KINDS:
                negated = _negated(sentence.words, hits, hit.start, hit.end)
                facts.append(Fact("", negated, hit.kind, hit.id))
        facts += _places(sentence, hits, frames)
        facts += _addressees(sentence, hits)
        facts += _quantities(sentence, frames)
        if any(word in SCOPE_CUES for word in sentence.words):
            facts += [Fact("", False, "site", w) for w, k in zip(sentence.words, sentence.kinds,
                      strict=True) if k in (TokenKind.DOMAIN, TokenKind.URL)]  # fmt: skip
        role = _party_role(sentence, frames, hits)
        if role and not _title_case(sentence):
            for start, name in _party_names(sentence, hits, frames):
                excepted = any(e < start for e in exceptions)
                facts += [Fact(f.practice, f.negated != excepted, role, name)
                          for f in _owners(frames, start)]  # fmt: skip
        if role:
            facts += [Fact(f.practice, f.negated, role, h.id) for h in hits if h.kind == ENTITY
                      for f in _owners(frames, h.start)]  # fmt: skip
        return facts


POINTER_START = 4
"""A pointer phrase this close to a sentence's start makes it a cross-reference."""


def _limits_first(hits: list[Hit]) -> list[Hit]:
    """A limit worded like a purpose ("as required by law") is the limit: it narrows what it
    is attached to, where a purpose would widen it. Discretion worded with a negation and a
    limit ("not limited to") is discretion only."""
    limits = [h for h in hits if h.kind == "limit"]
    latitude = [h for h in hits if h.kind == "discretion"]
    return [h for h in hits
            if not (h.kind == "purpose" and _overlaps(h, limits))
            and not (h.kind in ("limit", "negation") and _inside(h, latitude))]  # fmt: skip


def _overlaps(hit: Hit, others: Sequence[Hit]) -> bool:
    return any(o.start < hit.end and hit.start < o.end for o in others)


PLACE_WORDS = frozenset({"on", "within", "across", "through"})
PLACE_OWNERS = frozenset({"our", "this", "these", "the", "its"})
PLACE_REACH = 2
"""Words after a data type within which "on our websites", "within this app" or "on Kaiser
Permanente assets" limits it to a place."""


def _places(sentence: Sentence, hits: Sequence[Hit], frames: Sequence[Frame]) -> list[Fact]:
    """A data type limited to where it is gathered ("browsing history on our websites"): the
    place is a limit, and dropping it widens what is gathered."""
    words, facts = sentence.words, []
    for hit in hits:
        if hit.kind != "data":
            continue
        for index in range(hit.end, min(hit.end + PLACE_REACH, len(words) - 1)):
            if words[index] in PLACE_WORDS and (
                words[index + 1] in PLACE_OWNERS or sentence.capitalized(index + 1)
            ):
                facts += [Fact(f.practice, f.negated, "limit", "limit")
                          for f in _owners(frames, hit.start)]  # fmt: skip
                break
    return facts


ADDRESSEE = "addressee"
_REACHABLE = frozenset({TokenKind.EMAIL, TokenKind.URL, TokenKind.DOMAIN, TokenKind.NUMBER})


def _addressees(sentence: Sentence, hits: Sequence[Hit]) -> list[Fact]:
    """Who a sentence giving a way to write or call sends people to ("our privacy office at
    privacy@example.com"); elsewhere an office named is no channel."""
    named = [h for h in hits if h.kind == "channel-word" and h.id == ADDRESSEE]
    if not named:
        return []
    reachable = any(k in _REACHABLE for k in sentence.kinds) or any(
        h.kind == "channel-word" and h.id != ADDRESSEE for h in hits
    )
    if not reachable:
        return []
    return [Fact("", False, ADDRESSEE, " ".join(sentence.words[h.start : h.end])) for h in named]


def _granted(frames: Sequence[Frame]) -> list[Fact]:
    """The rights an item under a grant of rights names by its practices ("- The deletion of
    personal information collected about them;"): one per practice it names."""
    return [Fact("", f.negated, "right", RIGHT_OF_PRACTICE.get(f.practice, DEFAULT_RIGHT))
            for f in frames if f.practice and f.practice != EXERCISE]  # fmt: skip


def _quantifies(hit: Hit, hits: Sequence[Hit]) -> bool:
    """Whether a quantifier stands close to what it quantifies."""
    before_object = (
        h for h in hits if h.kind in ("data", "recipient", "purpose")
        and 0 <= h.start - hit.end < QUANTIFIER_REACH
    )  # fmt: skip
    by_claim = (
        h for h in hits if h.kind in ("practice", "right", "choice")
        and abs(h.start - hit.start) <= QUANTIFIER_REACH
    )  # fmt: skip
    return any(before_object) or any(by_claim)


def _pointer(hits: Sequence[Hit]) -> bool:
    """A cross-reference ("For more information, see our Cookie Policy") claims nothing
    itself; what it points to does, where it is written. One with a negation or a modal
    ("see ... we will not sell") is read as a claim."""
    starts = any(h.kind == "pointer" and h.start < POINTER_START for h in hits)
    return starts and not any(h.kind == "negation" or h.kind in MODALS for h in hits)


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


def _whole_items(hits: Iterable[Hit], length: int) -> list[Hit]:
    """Terms that name a thing only as a whole list item or table cell ("Email", "Address")
    count there, and nowhere else ("email us", "your address")."""
    kept = []
    for hit in hits:
        if not hit.kind.startswith("whole-"):
            kept.append(hit)
        elif hit.start == 0 and hit.end == length:
            kept.append(Hit(hit.kind.removeprefix("whole-"), hit.id, hit.start, hit.end))
    return kept


def _longest(hits: Iterable[Hit]) -> list[Hit]:
    """Hits without those inside a longer hit of the same kind ("geolocation" in "precise
    geolocation"), and without practices inside the name of a thing ("protected" in "legally
    protected classifications", "shared" in "shared device")."""
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    reach: dict[str, int] = {}
    last: dict[tuple[str, str], int] = {}
    for hit in ordered:
        if hit.end <= reach.get(hit.kind, -1):
            continue
        if hit.start < last.get((hit.kind, hit.id), -1):
            # Two terms of one concept overlapping ("and email" and "email address") name it
            # once.
            continue
        kept.append(hit)
        reach[hit.kind] = max(reach.get(hit.kind, -1), hit.end)
        last[(hit.kind, hit.id)] = hit.end
    things = [h for h in kept if h.kind in THING_KINDS and h.end - h.start > 1]
    return [h for h in kept if h.kind != "practice" or not _inside(h, things)]


def _inside(hit: Hit, others: Sequence[Hit]) -> bool:
    return any(o.start <= hit.start and hit.end <= o.end for o in others)


def _frames(sentence: Sentence, hits: Sequence[Hit], context: Sequence[str]) -> list[Frame]:
    """The sentence's practices; else the inherited ones; else one frame with no practice,
    negated when the sentence holds a negation ("Cookies do not contain personal data")."""
    frames = []
    granted = [h for h in hits if h.kind in ("right", "choice")]
    for hit in hits:
        # One frame per mention: "we do not sell or rent" promises two things, and dropping
        # "sell" drops a promise even though renting is a kind of selling. A practice right
        # after a right or choice is what it is about ("opt out of this sharing").
        if hit.kind == "practice" and not _object_of(hit, granted) and not _a_use(sentence, hit):
            negated = _negated(sentence.words, hits, hit.start, hit.end)
            relative = _relative(sentence.words, hit.start)
            frames.append(Frame(hit.id, negated, _modality(hits, hit.start), hit.start, relative))
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
        negated = any(_negated(sentence.words, hits, h.start, h.end) for h in hits
                      if h.kind in ("right", "choice"))  # fmt: skip
        return [Frame(EXERCISE, negated, "", -1)]
    objects = [h for h in hits if h.kind in THING_KINDS]
    negated = any(_negated(sentence.words, hits, h.start, h.end) for h in objects)
    modality = next((h.kind for h in hits if h.kind in MODALS), "")
    if context:
        return [Frame(practice, negated, modality, -1, inherited=True) for practice in context]
    return [Frame("", negated, modality, -1)]


RELATIVE_WORDS = frozenset({"who", "which", "that", "whom", "whose"})
RELATIVE_REACH = 3
"""Words before a practice within which a relative pronoun puts it in a relative clause
("who use", "that we collect")."""


def _relative(words: Sequence[str], start: int) -> bool:
    return any(w in RELATIVE_WORDS for w in words[max(0, start - RELATIVE_REACH) : start])


USE_NOUN_BEFORE = frozenset(
    {"the", "your", "our", "its", "their", "his", "her", "this", "that", "such", "any",
     "overall", "general", "continued", "personal", "fair", "acceptable", "commercial",
     "internal", "intended", "ongoing", "of", "for", "in"}
)  # fmt: skip
"""Words before "use" that make it a noun ("your use of the site", "overall use"): the
person's use, or a use named, not the writer using data."""


def _a_use(sentence: Sentence, hit: Hit) -> bool:
    return (
        hit.id == "use"
        and hit.end - hit.start == 1
        and sentence.words[hit.start] == "use"
        and hit.start > 0
        and sentence.words[hit.start - 1] in USE_NOUN_BEFORE
    )


def _object_of(hit: Hit, granted: Sequence[Hit]) -> bool:
    return any(0 <= hit.start - g.end <= OBJECT_REACH for g in granted)


def _negated(words: Sequence[str], hits: Sequence[Hit], start: int, end: int) -> bool:
    """An odd number of negations just before (or a "no" just after) turns a claim around
    ("we do not share", "we share no data"); two cancel ("not without")."""
    before = after = 0
    for hit in hits:
        if hit.kind != "negation":
            continue
        if start - NEGATION_BEFORE <= hit.start < start:
            before += 1
        elif end <= hit.start < end + NEGATION_AFTER and words[hit.start] in AFTER_NEGATIONS:
            after += 1
    return (before + after) % 2 == 1


def _modality(hits: Sequence[Hit], start: int) -> str:
    near = [h for h in hits if h.kind in MODALS and start - MODAL_BEFORE <= h.start < start]
    return near[-1].kind if near else ""


def _party_role(sentence: Sentence, frames: Sequence[Frame], hits: Sequence[Hit]) -> str:
    """What the proper names of a sentence are: recipients ("name") in a sentence about
    recipients or one naming who does a practice ("stored by Mailchimp"); the entities the
    text covers ("entity") in one about whom it covers ("applies only to the following
    entities"); nothing elsewhere."""
    if any(f.practice in RECIPIENT_PRACTICES for f in frames):
        return "name"
    if any(word in SCOPE_CUES for word in sentence.words):
        return ENTITY
    if any(h.kind == "recipient" for h in hits) or _agent_named(sentence, frames):
        return "name"
    return ENTITY if any(h.kind == "audience" for h in hits) else ""


def _agent_named(sentence: Sentence, frames: Sequence[Frame]) -> bool:
    """A name after "by" that follows a practice is who does it ("stored by Mailchimp")."""
    stated = [f.position for f in frames if f.practice and f.position >= 0]
    words = sentence.words
    return any(
        words[i] == "by" and sentence.capitalized(i + 1) and words[i + 1] not in _NOT_NAMES
        and any(p < i for p in stated)
        for i in range(len(words) - 1)
    )  # fmt: skip


TITLE_LOWER = 1
"""Long words a Title Case label may leave in lower case ("Sharing with Others")."""


def _title_case(sentence: Sentence) -> bool:
    """A heading or label in Title Case: its capitals start no names."""
    words = [w for w, k in zip(sentence.written, sentence.kinds, strict=True) if len(w) > 3]
    lower = sum(w[:1].islower() for w in words)
    # A sentence that lists names still has words of its own ("applies only to the following").
    return bool(words) and lower <= TITLE_LOWER and len(words) - lower > 0.6 * len(words)


# --- quantities ------------------------------------------------------------------------------


PERIOD_REACH = 5
"""Words before a period within which the thing it is for is named."""
AGE_WORDING = frozenset({("audience", "minors"), ("data", "age")})
"""What the words of a threshold are found as: "under the age of", "younger than", "age"."""
AGE_WORDING_REACH = 4
"""Words either side of an age in which "under the age of", "years of age" or "younger than"
are the age's wording, not an audience or a data type of their own."""


def _without_age_wording(sentence: Sentence, hits: list[Hit]) -> list[Hit]:
    """The hits without the words that state an age threshold: the age itself is the claim
    ("under the age of 13" and "younger than 13" claim the same)."""
    ages = [index for index, _ in _ages(sentence)]
    if not ages:
        return hits
    return [h for h in hits if not ((h.kind, h.id) in AGE_WORDING and _near_any(h, ages))]


def _near_any(hit: Hit, positions: Sequence[int]) -> bool:
    reach = AGE_WORDING_REACH
    return any(hit.start - reach <= position < hit.end + reach for position in positions)


def _ages(sentence: Sentence) -> Iterator[tuple[int, float]]:
    """The ages a sentence states: (word index, years)."""
    words = sentence.words
    about_age = any(w in _AGE_TOPICS for w in words)
    for index in range(len(words)):
        value = _value(sentence, index)
        if value is None:
            continue
        unit = _unit(words, index + 1)
        if (about_age or AGE_RANGE[0] <= value <= AGE_RANGE[1]) and _age_phrase(words, index, unit):
            yield index, value


def _quantities(sentence: Sentence, frames: Sequence[Frame]) -> list[Fact]:
    """Durations (in days) and ages (in years), each a fact of the sentence's practices."""
    facts = []
    words = sentence.words
    ages = dict(_ages(sentence))
    periods: list[tuple[int, float]] = []
    for index in range(len(words)):
        value = _value(sentence, index)
        if value is None:
            continue
        unit = _unit(words, index + 1)
        if index in ages:
            facts += [
                Fact(f.practice, f.negated, "age", _number(value)) for f in _owners(frames, index)
            ]
        elif unit is not None:
            days = value * _UNITS[unit]
            facts += [
                Fact(f.practice, f.negated, "duration", _number(days))
                for f in _owners(frames, index)
            ]
            periods.append((index, days))
    if len(periods) > 1:
        # Two periods in a sentence: which thing each is for is a claim of its own ("logs for
        # 30 days and backups for 90 days" is not "logs for 90 days and backups for 30").
        facts += [
            Fact(f.practice, f.negated, "period", f"{_kept(words, index)}={_number(days)}")
            for index, days in periods
            for f in _owners(frames, index)
        ]
    return facts


_NOT_KEPT = frozenset(
    {"for", "up", "to", "within", "after", "of", "a", "an", "the", "period", "maximum",
     "minimum", "least", "at", "most", "than", "more", "less", "and"}
)  # fmt: skip


def _kept(words: Sequence[str], index: int) -> str:
    """The thing a period is for: the nearest word before it that is not part of the phrase
    stating the period ("logs" in "logs for up to 30 days")."""
    for word in reversed(words[max(0, index - PERIOD_REACH) : index]):
        if word not in _NOT_KEPT and not word.isdigit():
            return word
    return ""


def _value(sentence: Sentence, index: int) -> float | None:
    word = sentence.words[index]
    if sentence.kinds[index] is TokenKind.NUMBER and _NUMBER.fullmatch(word):
        return float(word.replace(",", ""))
    return float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else None


def _unit(words: Sequence[str], index: int) -> str | None:
    if index < len(words) and words[index] in _UNIT_WORDS:
        return _UNIT_WORDS[words[index]]
    if index + 1 < len(words) and words[index] in ("calendar", "business"):
        return _UNIT_WORDS.get(words[index + 1])
    return None


def _age_phrase(words: Sequence[str], index: int, unit: str | None) -> bool:
    """ "under 13", "under the age of 16", "13 years of age", "aged 13 or older"."""
    if unit not in (None, "year"):
        return False
    before = set(words[max(0, index - 4) : index])
    after = words[index + 1 : index + 4]
    return bool(before & _AGE_CUES) or "old" in after or "age" in after or "older" in after


def _number(value: float) -> str:
    return f"{value:.4g}"


# --- names -----------------------------------------------------------------------------------


def _party_names(
    sentence: Sentence, hits: Sequence[Hit], frames: Sequence[Frame]
) -> set[tuple[int, str]]:
    """Proper names a sentence gives as parties: after its practice, following "with", "to",
    "by", "such as", a comma or another name ("shared with LinkedIn and Meta")."""
    covered = {i for h in hits if not _named(sentence, h) for i in range(h.start, h.end)}
    after = min((f.position for f in frames if f.practice and f.position >= 0), default=0)
    names = set()
    for start, name in _proper_names(sentence, covered):
        if start <= after:
            continue
        if all(word in _NAME_SUFFIXES for word in name.split()):
            continue
        cue = sentence.words[start - 1] if start > 0 else ""
        if cue in _NAME_CUES or sentence.breaks[start]:
            names.add((start, name))
    return names


def _named(sentence: Sentence, hit: Hit) -> bool:
    """A recipient the ontology knows by its name ("Mailchimp", "Google Analytics"): the name
    is a party too, so that one vendor put for another of its kind is seen."""
    return hit.kind == "recipient" and all(
        sentence.capitalized(i) for i in range(hit.start, hit.end)
    )


def _proper_names(sentence: Sentence, covered: set[int]) -> Iterator[tuple[int, str]]:
    words = sentence.words
    current: list[str] = []
    start = 0
    for index in range(1, len(words) + 1):
        capital = (
            index < len(words)
            and sentence.capitalized(index)
            and index not in covered
            and words[index] not in _NOT_NAMES
        )
        broken = index < len(words) and sentence.breaks[index]
        joiner = bool(current) and index < len(words) and words[index] in _NAME_JOINERS
        suffix = bool(current) and index < len(words) and words[index] in _NAME_SUFFIXES
        if current and broken and capital:
            yield start, " ".join(current)
            current = []
        if capital or suffix or (joiner and not broken and _next_capital(sentence, index)):
            if not current:
                start = index
            current.append(words[index])
            continue
        if current:
            yield start, " ".join(current)
            current = []


def _next_capital(sentence: Sentence, index: int) -> bool:
    return index + 1 < len(sentence.words) and sentence.capitalized(index + 1)
