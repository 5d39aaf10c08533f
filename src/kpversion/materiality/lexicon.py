"""The lexicon: every term of the rules and the ontology, matched in one pass over a sentence.

Terms are lowercase words or phrases over normalized words (`wording.Token.norm`): hyphens,
slashes and line breaks read as spaces, contractions expanded. A final `*` matches any ending
("advertis*"); otherwise the last word also matches its plural (+s; +es after s, x, z, ch,
sh). All terms of all kinds go into one Aho-Corasick automaton (ahocorasick-rs), so a sentence
is read once, in time linear in its length, whatever the number of terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick_rs

_SEPARATORS = re.compile(r"[\s\-/_]+")
MEMORY = 50_000
"""Sentences whose terms a lexicon remembers."""
_EXPANSIONS = {"n't": " not", "'s": "", "’s": ""}


@dataclass(frozen=True)
class Hit:
    """A term found in a sentence: its kind ("data", "practice", ...), its id, and the words it
    covers (start inclusive, end exclusive)."""

    kind: str
    id: str
    start: int
    end: int

    def inside(self, others: Sequence[Hit]) -> bool:
        """Whether this hit lies within one of `others` (a practice inside a thing's name, a
        modal inside a pointer)."""
        return any(o.start <= self.start and self.end <= o.end for o in others)


def outermost(hits: Sequence[Hit], kinds: frozenset[str]) -> list[Hit]:
    """The hits of `kinds`, less those inside a longer one of them: "may need to" is a
    permission, though "need to" alone is a duty."""
    chosen = [h for h in hits if h.kind in kinds]
    return [
        h
        for h in chosen
        if not any(
            o is not h and o.end - o.start > h.end - h.start and h.inside([o]) for o in chosen
        )
    ]


@dataclass(frozen=True)
class Entry:
    kind: str
    id: str
    term: str


def term_words(term: str) -> tuple[str, bool]:
    """The normalized words of a term and whether its last word is a prefix (`*`)."""
    text = term.strip().lower()
    for ending, expansion in _EXPANSIONS.items():
        text = text.replace(ending, expansion)
    wildcard = text.endswith("*")
    words = " ".join(w for w in _SEPARATORS.split(text.rstrip("*")) if w)
    return words, wildcard


_SIBILANT = ("s", "x", "z", "ch", "sh")


def _forms(words: str, wildcard: bool) -> list[tuple[str, bool]]:
    if wildcard or not words:
        return [(words, wildcard)]
    forms = [words]
    last = words.rsplit(" ", 1)[-1]
    if last.isalpha() and len(last) > 2:
        # "+es" only where English writes it (addresses, boxes, searches): "guid" + "es" is
        # "guides", no identifier.
        forms.append(f"{words}es" if last.endswith(_SIBILANT) else f"{words}s")
        if last.endswith("y") and last[-2:-1] not in "aeiou":
            forms.append(f"{words[:-1]}ies")
    return [(form, False) for form in forms]


class Tables(NamedTuple):
    """What the automaton is built from: each pattern, and the kind, id and prefix flag of
    the term it stands for (the rules cache keeps these, to skip building them)."""

    patterns: list[str]
    owners: list[tuple[str, str, bool]]


def tables(entries: Iterable[Entry]) -> Tables:
    """The patterns of every form of every term, each once per kind and id."""
    patterns: list[str] = []
    owners: list[tuple[str, str, bool]] = []
    index: set[str] = set()
    for entry in entries:
        words, wildcard = term_words(entry.term)
        for form, prefix in _forms(words, wildcard):
            if not form:
                continue
            pattern = f" {form}" if prefix else f" {form} "
            key = f"{entry.kind}\0{entry.id}\0{pattern}"
            if key in index:
                continue
            index.add(key)
            patterns.append(pattern)
            owners.append((entry.kind, entry.id, prefix))
    return Tables(patterns, owners)


class Lexicon:
    """Terms of several kinds compiled into one automaton."""

    def __init__(self, entries: Iterable[Entry] = (), built: Tables | None = None) -> None:
        self.tables = built if built is not None else tables(entries)
        self._owners = self.tables.owners
        patterns = self.tables.patterns
        self._automaton = ahocorasick_rs.AhoCorasick(patterns) if patterns else None
        self._found: dict[tuple[str, ...], list[Hit]] = {}

    def find(self, words: Sequence[str]) -> list[Hit]:
        """Every term in words (normalized, one per item), overlapping ones included.

        Sentences recur (in a change's old and new text, in its neighbours, in the next
        revision), so what a sentence holds is remembered, up to MEMORY sentences."""
        key = tuple(words)
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= MEMORY:
                self._found.clear()
            found = self._found[key] = self._find(key)
        return found

    def _find(self, words: Sequence[str]) -> list[Hit]:
        if self._automaton is None or not words:
            return []
        text = " " + " ".join(words) + " "
        starts = _word_starts(words)
        hits = []
        for pattern, begin, end in self._automaton.find_matches_as_indexes(text, overlapping=True):
            kind, concept, prefix = self._owners[pattern]
            first = starts.get(begin + 1)
            if first is None:
                continue
            # A prefix ends inside a word; a whole term ends at the space after its last word.
            last = _word_at(starts, end - 1 if not prefix else end)
            hits.append(Hit(kind, concept, first, last + 1))
        return hits


def _word_starts(words: Sequence[str]) -> dict[int, int]:
    """The position of each word in the space-joined text (after the leading space)."""
    starts = {}
    position = 1
    for number, word in enumerate(words):
        starts[position] = number
        position += len(word) + 1
    return starts


def _word_at(starts: dict[int, int], position: int) -> int:
    """The word the character before position belongs to."""
    while position > 0 and position not in starts:
        position -= 1
    return starts.get(position, 0)
