"""How many of a thing a security measure counts ("the last two octets", "at least 8
characters", "after 5 failed attempts"), and how often a right may be used ("up to two times
in a rolling twelve-month period").

A measure's strength is often a count: an IP address anonymised by dropping one octet keeps
more of it than one that drops two. Each number in a sentence that states a measure, with the
noun it counts, is a fact of its own; which way a change goes depends on the measure (more
characters protect, more attempts before a lock do not), so its direction is unknown.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpversion.materiality.claim_facts import Fact, Frame
from kpversion.materiality.lemmas import lemma
from kpversion.materiality.lexicon import Hit
from kpversion.materiality.numbers import YEAR, number_at
from kpversion.materiality.quantities import UNIT_WORDS
from kpversion.materiality.reading import Sentence
from kpversion.materiality.wording import TokenKind

COUNT = "count"
"""The role of a count: "2 octets"."""
PROTECT = "protect"
EXERCISE = "exercise"
TIMES = frozenset({"times", "requests"})
"""What a right's count counts: how often it may be used."""


def count_facts(sentence: Sentence, hits: Sequence[Hit], frames: Sequence[Frame]) -> list[Fact]:
    """One fact per number that counts something in a sentence stating a security measure or
    a protection ("to protect your account, we lock it after 5 failed attempts"), and per
    number of times a right may be used ("up to two times in a rolling twelve-month period")."""
    measured = any(h.kind == "security" for h in hits) or any(f.practice == PROTECT for f in frames)
    granted = any(h.kind == "right" for h in hits) or any(f.practice == EXERCISE for f in frames)
    if not measured and not granted:
        return []
    found = []
    for index in range(len(sentence.words)):
        value = number_at(sentence, index)
        if value is None or any(h.start <= index < h.end for h in hits):
            continue  # a number of a term ("256-bit", "two-factor") is the term's
        if "-" in sentence.words[index]:
            continue  # a range or a standard's number ("FIPS 140-2"): no count
        noun, at = _counted(sentence, index)
        if not noun or any(h.start <= at < h.end for h in hits):
            continue  # a count of a term of its own ("all three companies") is the term's
        if measured or noun in TIMES:
            practice = "" if measured else EXERCISE
            found.append(Fact(practice, False, COUNT, f"{value:g} {noun}"))
    return found


def _counted(sentence: Sentence, index: int) -> tuple[str, int]:
    """The noun the number at index counts, and where it stands; ("", -1) where the number
    counts nothing."""
    at = _noun_at(sentence, index)
    if at < 0:
        return "", -1
    noun = sentence.words[at]
    if noun in UNIT_WORDS or noun in AGE_WORDS or len(noun) < MIN_NOUN or noun.endswith("ly"):
        return "", -1  # a period or an age (quantities.py reads those), or no noun
    if YEAR.fullmatch(sentence.words[index]) or not sentence.written[at][:1].islower():
        return "", -1
    if _plural(noun) == (number_at(sentence, index) == 1):
        # "2-step verification", "256 bit keys": a number before a singular noun makes a
        # compound ("a two-factor login"), and counts nothing.
        return "", -1
    if lemma(noun) in PARTIES:
        return "", -1  # "all three companies": the parties are the recipients' claim
    return noun, at


def _noun_at(sentence: Sentence, index: int) -> int:
    """Where the noun after a number stands, past one modifier ("5 failed attempts") and one
    noun of a compound ("5 login attempts"); -1 for none: a name ("88 Colin Street",
    "37signals"), an item's numbering ("4. Potential risks", "(1) a") or no word."""
    words, at = sentence.words, index + 1
    if at >= len(words) or sentence.breaks[at] or sentence.glued[at]:
        return -1
    if sentence.kinds[at] is not TokenKind.WORD or not sentence.written[at][:1].islower():
        return -1
    if at + 1 < len(words) and words[at] in COUNT_MODIFIERS and not sentence.breaks[at + 1]:
        at += 1
    if at + 1 < len(words) and not sentence.breaks[at + 1] and _plural(words[at + 1]):
        at += 1
    return at


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss") and len(word) > MIN_NOUN


MIN_NOUN = 3
"""Letters a counted noun has at least: "1 a", "2 of" count nothing."""
COUNT_MODIFIERS = frozenset(
    {"failed", "unsuccessful", "incorrect", "wrong", "invalid", "consecutive", "random",
     "additional", "more", "fewer", "different", "separate", "independent", "last", "first"}
)  # fmt: skip
AGE_WORDS = frozenset({"year", "years", "old"})
PARTIES = frozenset(
    {"company", "party", "partner", "vendor", "provider", "processor", "subprocessor",
     "affiliate", "entity", "organization", "organisation", "firm", "person", "people",
     "employee", "member", "user", "customer", "country", "office"}
)  # fmt: skip
"""Who, not how much: a count of parties or places is no measure's strength."""
