"""Sentences of a prose block (nupunkt), which concatenate back to the block's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from kpversion.text.normalize import normalize

_ITEM_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s+|$)")
_BULLET_LINE = re.compile(r"\n(?=\s*[•◦▪‣●○■]\s)")
_JOINED = re.compile(r"(?<=[a-z]{2}[.!?])[A-Z][a-z]+")
"""A sentence's end run into the next one's start with no space ("cannot access Vault
Data.You may add ..."), as page captures join a paragraph to the one before it."""
_NOT_A_START = frozenset({"Com", "Org", "Net", "Ru", "Io", "Co", "Tools", "Info", "Biz", "App"})
"""Words after a dot that continue a name ("Wix.Com", "Mail.Ru", "Happy.Tools")."""
WORD_REACH = 200
MAX_CUTS = 64
_IN_ADDRESS = re.compile(r"[/@:(\[<]|www\.")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a block: its exact text (with trailing space) and where it starts."""

    text: str
    start: int

    @cached_property
    def key(self) -> str:
        return normalize(self.text)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of a prose block, with legal abbreviations ("e.g.,", "(i)", "Inc.") kept whole.

    A list marker stays with its first sentence, and bullet-glyph lines start a new sentence.
    """
    marker = _ITEM_MARKER.match(text)
    body_start = marker.end() if marker else 0
    sentences: list[Sentence] = []
    offset = body_start
    for part in _BULLET_LINE.split(text[body_start:]):
        sentences.extend(_nupunkt(part, offset))
        offset += len(part) + 1
    if not sentences:
        return [Sentence(text, 0)]
    first = sentences[0]
    sentences[0] = Sentence(text[: first.start] + first.text, 0)
    return _attach_newlines(text, sentences)


def _nupunkt(part: str, offset: int) -> list[Sentence]:
    import nupunkt

    return [
        Sentence(part[begin:stop], offset + begin)
        for start, end in _compounds_kept(part, nupunkt.sent_spans(part))
        for begin, stop in _unjoined(part, start, end)
    ]


_COMPOUND_END = re.compile(r"[A-Za-z]+-(?:[A-Z]\.){2,}\s*$")
"""A hyphenated compound ending in dotted initials ("EU-U.S.", "Swiss-U.S."): an adjective of
the name after it ("EU-U.S. Data Privacy Framework"), not a sentence's last word."""
COMPOUND_TAIL = 24
"""Characters at a span's end searched for such a compound: the search stays bounded."""


def _compounds_kept(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, with one that ends in a compound adjective joined to the next."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and _COMPOUND_END.search(text, max(kept[-1][0], kept[-1][1] - COMPOUND_TAIL),
                                         kept[-1][1]):  # fmt: skip
            kept[-1] = (kept[-1][0], end)
        else:
            kept.append((start, end))
    return kept


def _unjoined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence's span cut where a sentence end runs into the next sentence's start; a dot
    inside an address, a link or a name ("Wix.Com") is no end."""
    cuts = [start]
    for match in _JOINED.finditer(text, start, end):
        # The word the dot ends, looked at no further back than a long word's length: a
        # paragraph without spaces stays linear.
        reach = max(start, match.start() - WORD_REACH)
        word_start = max(reach, text.rfind(" ", reach, match.start()) + 1)
        if match.group() in _NOT_A_START or _IN_ADDRESS.search(text, word_start, match.start()):
            continue
        cuts.append(match.start())
        if len(cuts) > MAX_CUTS:
            # So many joins are no prose run together (a blob of names or code): kept whole.
            return [(start, end)]
    return list(zip(cuts, [*cuts[1:], end], strict=True))


def _attach_newlines(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """Make the sentences cover the text exactly, so they concatenate back to it."""
    fixed: list[Sentence] = []
    for index, sentence in enumerate(sentences):
        end = sentences[index + 1].start if index + 1 < len(sentences) else len(text)
        fixed.append(Sentence(text[sentence.start : end], sentence.start))
    return fixed
