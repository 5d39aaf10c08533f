"""Claims: what a text says about data practices, read sentence by sentence.

A sentence's claims are its practices (collect, use, share, sell, retain, transfer, protect,
delete, notify, ...), each with its polarity (negated or not) and modality (an obligation, a
permission, advice), and the objects the sentence gives them: data types, recipients (kinds,
and proper names where the sentence names recipients), purposes, audiences, limits, discretion
and quantifiers, durations and ages with their units. Rights, choices, security measures,
notice-of-changes wording and terms-of-service topics are claims of their own.

A text's claims are the multiset of its claim facts. Two texts whose facts are equal make the
same claims (differences.py compares them).

The Reader here turns sentences into facts (claim_facts.py) with the rights granted, exceptions,
limits, places and addressees; frames.py gives a sentence's practices, quantities.py its
durations and ages, parties.py the parties it names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from kpversion.materiality.claim_facts import (
    AIMING,
    ENTITY,
    EXERCISE,
    MODALS,
    NOT_PREFIX,
    OBJECT_KINDS,
    OWN_KINDS,
    REVISE,
    THING_KINDS,
    Fact,
    Frame,
)
from kpversion.materiality.conditions import condition_facts, notified_facts
from kpversion.materiality.counts import count_facts
from kpversion.materiality.frames import _frames, _negated, _object_of, _owners
from kpversion.materiality.history import is_revision_note
from kpversion.materiality.lexicon import Hit, Lexicon
from kpversion.materiality.liability import LIABLE, NOT_LIABLE, guards, liability_facts
from kpversion.materiality.licences import breadth_facts
from kpversion.materiality.locations import location_role, place_words, split_locations
from kpversion.materiality.money import money_facts
from kpversion.materiality.ontology import SCOPE
from kpversion.materiality.parties import (
    SCOPE_CUES,
    _party_names,
    _party_role,
    _title_case,
    in_a_name,
    menu,
    shouted_prose,
)
from kpversion.materiality.quantities import _quantities, _without_age_wording
from kpversion.materiality.reading import Sentence, read
from kpversion.materiality.references import reference_facts
from kpversion.materiality.right_verbs import right_verb_facts
from kpversion.materiality.safeguards import safeguard_facts
from kpversion.materiality.term_readings import (
    INSTRUMENT_KINDS,
    a_condition_first,
    names_a_body,
    past_a_discovery,
    persons_deletion,
    requirements_are_limits,
    ways_named,
    whatever_place,
)
from kpversion.materiality.wording import TokenKind

WRITER = "first_party"
"""The recipient id of the writer ("we", "us"): the one who states every claim, no recipient."""
QUANTIFIER_REACH = 4
"""A quantifier counts when it comes this close to what it quantifies: before a data type,
recipient or purpose ("all of your personal information", "certain third parties"), or by a
practice or right ("we always share", "revoke your consent at any time")."""
MODIFIERS = frozenset({"limit", "discretion", "hedge", "quantifier"})
RIGHTS_CONTEXT = "@rights"
"""The context of a text under a grant of rights: its practices name the rights granted."""
AGES_CONTEXT = "@ages"
"""The context of an item or row of a list of ages ("Spain: 14" under "Age of consent")."""
DENIED_CONTEXT = "@denied"
"""The context of an item under a lead-in that only denies ("We will not:"): the practices
the item states are the lead-in's prohibitions ("- sell or rent your data")."""
MARKERS = frozenset({RIGHTS_CONTEXT, AGES_CONTEXT, DENIED_CONTEXT, LIABLE, NOT_LIABLE})
"""Context entries that say how to read a text, not a practice it inherits."""
SENTENCES_KEPT = 100_000
"""Sentences whose facts a reader keeps (a whole corpus run reads fewer than 30,000)."""
RIGHT_OF_PRACTICE = {"delete": "deletion", "sell": "opt_out_of_sale", "transfer": "right_to_know"}
DEFAULT_RIGHT = "right_to_know"
"""What an item under a grant of rights asks for when it names another practice: to know
the categories collected, used or disclosed (CCPA 1798.110, 1798.115)."""


class Reader:
    """Reads texts into claim facts with one rule set's lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._read: dict[tuple[Sentence, tuple[str, ...]], tuple[Fact, ...]] = {}
        """Each sentence's facts in its context, read once: a sentence's facts depend on its
        words, its context and the lexicon alone, and a run over a history meets the same
        sentences again and again (in a corpus run, three calls in five repeat one)."""

    def facts(self, text: str, context: Sequence[str] = ()) -> Counter[Fact]:
        """The claim facts of a Markdown text; context: the practices a sentence stating none
        inherits (a list item under "We collect:", a section "How we share")."""
        found: Counter[Fact] = Counter()
        context = tuple(context)
        for sentence in read(text):
            found.update(self._sentence_facts_once(sentence, context))
        return found

    def _sentence_facts_once(
        self, sentence: Sentence, context: tuple[str, ...]
    ) -> tuple[Fact, ...]:
        key = (sentence, context)
        known = self._read.get(key)
        if known is None:
            if len(self._read) >= SENTENCES_KEPT:
                self._read.clear()
            known = self._read[key] = tuple(self.sentence_facts(sentence, context))
        return known

    def grants(self, text: str) -> bool:
        """Whether a text grants rights (a lead-in "You have the right to request:", a heading
        "Your Rights"): what its items and sections name are the rights' objects."""
        for sentence in read(text):
            words = sentence.words
            if any((w == "rights" or (w == "right" and words[i + 1 : i + 2] == ("to",)))
                   and not _held_by_others(words, i) for i, w in enumerate(words)):  # fmt: skip
                return True
            if any(h.kind == "right" for h in self.lexicon.find(words)):
                return True
        return False

    def practices_of(self, text: str) -> tuple[str, ...]:
        """The practices a text states (for the items and sections under it); one it denies
        ("We do not collect:") is written "not collect"."""
        practices: list[str] = []
        for sentence in read(text):
            hits = _longest(self.lexicon.find(sentence.words))
            for hit in hits:
                if hit.kind != "practice":
                    continue
                denied = _negated(sentence.words, hits, hit.start, hit.end)
                practice = f"{NOT_PREFIX}{hit.id}" if denied else hit.id
                if practice not in practices:
                    practices.append(practice)
        return tuple(practices)

    def hits(self, sentence: Sentence) -> list[Hit]:
        """The terms a sentence names, each once: the longest of overlapping ones, and no
        "we"."""
        found = _whole_items(self.lexicon.find(sentence.words), len(sentence.words))
        negations = [h for h in found if h.kind == "negation"]
        kept = _longest(found)
        instruments = [h for h in kept if h.kind in INSTRUMENT_KINDS]
        return [
            h
            for h in kept
            if h.id != WRITER
            and not _a_statement(sentence, h, negations)
            and not (h.kind == "audience" and names_a_body(sentence, h, instruments))
            and not (h.kind == "audience" and whatever_place(sentence.words, h))
        ]

    def sentence_facts(self, sentence: Sentence, context: Sequence[str] = ()) -> list[Fact]:
        if is_revision_note(sentence):
            return []  # a dated note of a past edit (history.py): the edit is in the text
        shouted = shouted_prose(sentence)
        title_case = _title_case(sentence) and not shouted
        if title_case and menu(sentence):
            # A long run of Title Case labels is a menu ("Pillows and Throws ... Kids Bath
            # Rugs"): its words name departments, not data, audiences or recipients.
            return []
        hits = self.hits(sentence)
        if _pointer(hits, sentence.words):
            return []
        if not title_case:
            hits = [h for h in hits
                    if h.kind != "practice" or not in_a_name(sentence, h.start, h.end)]  # fmt: skip
        listed_ages = AGES_CONTEXT in context
        hits = _without_age_wording(sentence, hits, listed_ages)
        hits = _limits_first(requirements_are_limits(sentence, persons_deletion(sentence, hits)))
        hits = past_a_discovery(sentence, hits)
        hits, places = split_locations(sentence, hits)
        hits, named_ways = ways_named(sentence, hits)
        granting, denied = RIGHTS_CONTEXT in context, DENIED_CONTEXT in context
        clause = tuple(c for c in context if c in (LIABLE, NOT_LIABLE))
        context = tuple(c for c in context if c not in MARKERS)
        frames = _frames(sentence, hits, context)
        if denied:
            frames = [replace(f, negated=not f.negated) if f.practice else f for f in frames]
        hits = [h for h in hits if not a_condition_first(sentence, h, frames)]
        if not guards(hits, frames, clause):
            # "Any modification or amendment to this privacy notice": a threat's word, where
            # no measure or protection stands, names no harm guarded against.
            hits = [h for h in hits if h.kind != "threat"]
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
        facts += _subjects(sentence, hits)
        facts += breadth_facts(sentence, hits)
        exceptions = [h.start for h in hits if h.kind == "exception"]
        for hit in hits:
            owners = _owners(frames, hit.start)
            if hit.kind in MODIFIERS:
                # A limit or quantifier limits a practice; the statement's own revision is none
                # ("we've updated our policy, which applies to all users"), nor is a label in
                # Title Case ("Limited Time Only!"). A sentence of prose stating none may point
                # back to one ("This is done only when ...").
                owners = [f for f in owners if f.practice != REVISE
                          and (f.practice or not title_case)]  # fmt: skip
                if hit.kind == "hedge" and sentence.words[hit.start] in AIMING:
                    # "We aim to give you simple choices": the hedge is on the verb after
                    # it, and where that verb is no practice it hedges no claim.
                    owners = [f for f in owners if f.practice]
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
                if _quantifies(hit, hits, sentence.words):
                    facts += [Fact(f.practice, f.negated, hit.kind, hit.id) for f in owners
                              if f.practice]  # fmt: skip
            elif hit.kind in OBJECT_KINDS:
                kept_out = _excluded(sentence.words, hits, hit) if hit.kind == "data" else -1
                facts += [Fact(f.practice, f.negated != _keeps_out(f, kept_out), hit.kind, hit.id)
                          for f in owners]  # fmt: skip
            elif hit.kind == "terms" and not title_case and _a_name(sentence, hit):
                # A clause's words in capitals inside prose name a product, a feature or a
                # section ("via [Recurring Payments](...)", "see Arbitration Agreement"): the
                # clause is where it is written.
                continue
            elif hit.kind in OWN_KINDS:
                negated = _negated(sentence.words, hits, hit.start, hit.end)
                facts.append(Fact("", negated != _unmade(sentence, hit), hit.kind, hit.id))
        facts += [Fact(f.practice, f.negated, location_role(h), place_words(sentence, h))
                  for h in places for f in _owners(frames, h.start)]  # fmt: skip
        facts += named_ways
        facts += condition_facts(sentence, hits, frames)
        facts += notified_facts(sentence, hits)
        facts += _notice_by_email(sentence, hits)
        facts += _places(sentence, hits, frames)
        facts += _addressees(sentence, hits)
        facts += _quantities(sentence, frames, listed_ages)
        facts += count_facts(sentence, hits, frames)
        facts += money_facts(sentence, hits, clause)
        facts += right_verb_facts(sentence, hits)
        facts += safeguard_facts(sentence, frames)
        facts += reference_facts(sentence, frames)
        if any(word in SCOPE_CUES for word in sentence.words):
            facts += [Fact("", False, "site", w) for i, (w, k) in enumerate(zip(sentence.words,
                      sentence.kinds, strict=True)) if k in (TokenKind.DOMAIN, TokenKind.URL)
                      and not _an_example(sentence.words, i)]  # fmt: skip
            facts += _scopes(sentence, hits)
        role = _party_role(sentence, frames, hits)
        if (
            role
            and not shouted
            and not (title_case and not _practice_in_lower_case(sentence, hits))
        ):
            # In the order they are written: a set's order varies with the hash seed.
            for start, name in sorted(_party_names(sentence, hits, frames)):
                excepted = any(e < start for e in exceptions)
                facts += [Fact(f.practice, f.negated != excepted, role, name)
                          for f in _owners(frames, start)]  # fmt: skip
        if role:
            facts += [Fact(f.practice, f.negated, role, h.id) for h in hits if h.kind == ENTITY
                      for f in _owners(frames, h.start)]  # fmt: skip
        return liability_facts(sentence, hits, facts, clause)


EMAIL_WORDS = frozenset({"email", "emails", "emailing", "mail"})
NOTICE_WORDS = frozenset({"notice", "notify", "notification", "notifications", "inform"})
DIRECT_NOTICE = "direct_notice"


UNMAKING = frozenset({"un", "non"})


def _unmade(sentence: Sentence, hit: Hit) -> bool:
    """A measure written with "un-" or "non-" before it ("un-encrypted messages") is its
    absence: "prohibits sending un-encrypted messages" promises encryption."""
    return hit.kind == "security" and hit.start > 0 and sentence.words[hit.start - 1] in UNMAKING


def _a_statement(sentence: Sentence, hit: Hit, negations: Sequence[Hit]) -> bool:
    """A choice or right named by a negation ("Do Not Track", "Do Not Sell My Personal
    Information") is one only in capitals: in prose the words state a prohibition ("we do not
    track visitors")."""
    inside = [n for n in negations if n.inside([hit])]
    if hit.kind not in ("right", "choice") or not inside:
        return False
    if any("to" in sentence.words[max(0, n.start - 1) : n.end + 1] for n in inside):
        return False  # "the right not to be subject to ...": an infinitive forbids nothing
    return not sentence.capitalized(hit.start + 1)


def _notice_by_email(sentence: Sentence, hits: Sequence[Hit]) -> list[Fact]:
    """A sentence about notice of a change that names e-mail ("we will place a notice on our
    site, send you an email, and/or notify you ...") promises a notice sent to the person, or
    refuses one ("we will not email you"). It must speak of notice, not only of a policy
    ("from time to time we may email you offers"). (The lexicon leaves "email you" out: "we
    will email you a receipt" is no notice.)"""
    words = sentence.words
    if not _notice_of_changes(words, hits):
        return []
    if any(h.id == DIRECT_NOTICE for h in hits):
        return []
    at = next((i for i, w in enumerate(words) if w in EMAIL_WORDS), -1)
    if at < 0:
        return []
    return [Fact("", _negated(words, hits, at, at + 1), "policy", DIRECT_NOTICE)]


CHANGE_WORDS = frozenset({"change", "changes", "update", "updates", "revision", "revisions"})


def _notice_of_changes(words: Sequence[str], hits: Sequence[Hit]) -> bool:
    """A sentence about the text's changes that speaks of notice ("we will post a notice of
    changes to this policy"), or that notifies of changes ("we will tell you about changes")."""
    if any(h.kind == "policy" for h in hits) and not NOTICE_WORDS.isdisjoint(words):
        return True
    notifies = any(h.kind == "practice" and h.id == "notify" for h in hits)
    return notifies and not CHANGE_WORDS.isdisjoint(words)


STATEMENT_WORDS = frozenset({"policy", "statement", "notice", "terms", "agreement"})
STATEMENT_OWNERS = frozenset({"this", "these", "our", "the"})
REACH_CUES = frozenset({"applies", "apply", "covers", "covered", "governs", "govern"})
NAME_REACH = 3
"""Words after "this", "these", "our" or "the" within which the statement itself is named
("This Privacy Policy", "these Terms of Service"); a cue of its reach may stand as far
before the owner ("covered by this Privacy Statement")."""
CUE_REACH = 5
"""Words after the statement's name within which a cue says what it reaches ("This Notice
does not apply", "The following terms and conditions (“Terms”) govern")."""


def _scopes(sentence: Sentence, hits: Sequence[Hit]) -> list[Fact]:
    """The kinds of service a sentence about the statement's own reach names ("This policy
    applies to our websites and mobile apps", "does not apply to third-party apps"): one added
    or dropped widens or narrows what the statement covers. ("This section applies to
    purchases of Paid Services" says where a clause applies; "a member covered by an insured
    policy" is covered by something else.)"""
    words = sentence.words
    owners = [i for i, word in enumerate(words) if word in STATEMENT_OWNERS]
    if not any(_reach_stated(sentence, i) for i in owners):
        return []
    # A kind inside another term names that ("service" in "service provider").
    others = [h for h in hits if h.kind != SCOPE]
    found = [Fact("", _negated(words, hits, h.start, h.end), "site", h.id) for h in hits
             if h.kind == SCOPE and not h.inside(others)]  # fmt: skip
    return list(dict.fromkeys(found))  # a kind named twice is covered once


def _reach_stated(sentence: Sentence, owner: int) -> bool:
    """Whether the statement is named at `owner` with a word of its reach near the name.
    After "the" only a name in capitals is the statement ("the Agreement", not "the legal
    terms that govern your use")."""
    words = sentence.words
    name = next((i for i in range(owner + 1, min(owner + 1 + NAME_REACH, len(words)))
                 if words[i] in STATEMENT_WORDS), -1)  # fmt: skip
    if name < 0 or (words[owner] == "the" and not sentence.capitalized(name)):
        return False
    around = words[max(0, owner - NAME_REACH) : owner] + words[name + 1 : name + 1 + CUE_REACH]
    return not REACH_CUES.isdisjoint(around)


def _practice_in_lower_case(sentence: Sentence, hits: Sequence[Hit]) -> bool:
    """A practice written in lower case ("We use Cloudflare."): prose, however few its long
    words, where a heading writes it with a capital ("How We Use Your Data")."""
    return any(h.kind == "practice" and sentence.written[h.start][:1].islower() for h in hits)


def _subjects(sentence: Sentence, hits: Sequence[Hit]) -> list[Fact]:
    """The practices a right or choice is about ("opt out of targeted ads and of the sale of
    your data"): each is what the right reaches, so one more or fewer widens or narrows it."""
    granted = [h for h in hits if h.kind in ("right", "choice")]
    found = []
    for hit in hits:
        if hit.kind == "practice" and _object_of(hit, granted):
            grant = max((g for g in granted if g.end <= hit.start), key=lambda g: g.end)
            negated = _negated(sentence.words, hits, grant.start, grant.end)
            found.append(Fact(EXERCISE, negated, "subject", hit.id))
    return found


EXAMPLE_CUES = (("such", "as"), ("for", "example"), ("for", "instance"), ("e", "g"))
EXAMPLE_REACH = 8
"""Words after "such as" in which a site named is an example of a kind the text covers."""


def _an_example(words: Sequence[str], index: int) -> bool:
    """A site named as an example ("product websites, such as atom.io"): the kind is the
    scope; one example put for another leaves it."""
    before = words[max(0, index - EXAMPLE_REACH) : index]
    return any(tuple(before[i : i + 2]) in EXAMPLE_CUES for i in range(len(before) - 1))


def _a_name(sentence: Sentence, hit: Hit) -> bool:
    """A term written in capitals past the sentence's first word."""
    return hit.start > 0 and all(sentence.capitalized(i) for i in range(hit.start, hit.end))


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
            and not (h.kind in ("limit", "negation") and h.inside(latitude))]  # fmt: skip


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


def _quantifies(hit: Hit, hits: Sequence[Hit], words: Sequence[str]) -> bool:
    """Whether a quantifier stands close to what it quantifies. "At any time" says when a
    right or a choice may be used, wherever in the sentence it stands ("This consent can be
    withdrawn at any time", "You can withdraw this consent at any time")."""
    if words[max(0, hit.start - 1) : hit.end + 1] == ("at", "any", "time"):
        return any(h.kind in ("practice", "right", "choice") for h in hits)
    before_object = (
        h for h in hits if h.kind in ("data", "recipient", "purpose")
        and 0 <= h.start - hit.end < QUANTIFIER_REACH
    )  # fmt: skip
    by_claim = (
        h for h in hits if h.kind in ("practice", "right", "choice")
        and min(abs(h.start - hit.start), abs(h.start - hit.end + 1)) <= QUANTIFIER_REACH
    )  # fmt: skip
    return any(before_object) or any(by_claim)


EXCLUDING = frozenset({"contain", "contains", "include", "includes", "involve", "involves"})
EXCLUDING_REACH = 4
"""Words before a data type within which a negated "contain" or "include" keeps it out."""


def _excluded(words: Sequence[str], hits: Sequence[Hit], hit: Hit) -> int:
    """Where the negation stands that keeps data out of what a practice handles ("This data
    is kept for 30 days, and does not contain any personally identifiable information"); -1
    for none."""
    start = max(0, hit.start - EXCLUDING_REACH)
    return next(
        (h.start for h in hits if h.kind == "negation" and start <= h.start < hit.start
         and not EXCLUDING.isdisjoint(words[h.end : hit.start])),
        -1,
    )  # fmt: skip


def _keeps_out(frame: Frame, negation: int) -> bool:
    """Whether the practice keeps data out by a "not contain" after it. One with no practice,
    or stated after the "not", has the negation as its own already."""
    return bool(frame.practice) and 0 <= frame.position < negation


OTHERS_OWN = frozenset({"our", "its", "their"})
PROPERTY = (("or", "property"), ("and", "property"))


def _held_by_others(words: Sequence[str], index: int) -> bool:
    """The writer's or another's rights, not the reader's ("to protect our rights", "the
    rights or property of Framed"): a text naming them grants the reader nothing."""
    before = words[index - 1] if index > 0 else ""
    return before in OTHERS_OWN or words[index + 1 : index + 3] in PROPERTY


def _pointer(hits: Sequence[Hit], words: Sequence[str]) -> bool:
    """A cross-reference ("For more information, see our Cookie Policy") claims nothing
    itself; what it points to does, where it is written. One with a negation or a modal
    ("see ... we will not sell") is read as a claim, and so is the person's own visit ("When
    you visit our website, we collect ..."): an event, not a pointer."""
    pointers = [h for h in hits if h.kind == "pointer" and words[h.start - 1 : h.start] != ("you",)]
    starts = any(h.start < POINTER_START for h in pointers)
    # A modal inside the pointer is the pointer's own ("You can read about ...").
    return starts and not any(
        h.kind == "negation" or (h.kind in MODALS and not h.inside(pointers)) for h in hits
    )


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
    # A practice inside the words for information already held ("information collected
    # before the change") refers to it: the revision's reach is the claim.
    things = [h for h in kept if _names_a_thing(h) and h.end - h.start > 1]
    return [h for h in kept if h.kind != "practice" or not h.inside(things)]


def _names_a_thing(hit: Hit) -> bool:
    return hit.kind in THING_KINDS or (hit.kind, hit.id) == ("policy", "retroactivity")
