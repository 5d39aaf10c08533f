"""Sentences of a prose block (nupunkt), which concatenate back to the block's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from kpversion.text.normalize import normalize

_ITEM_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s+|$)")
_BULLET_LINE = re.compile(r"\n(?=\s*[•◦▪‣●○■]\s)")


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

    return [Sentence(part[start:end], offset + start) for start, end in nupunkt.sent_spans(part)]


def _attach_newlines(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """Make the sentences cover the text exactly, so they concatenate back to it."""
    fixed: list[Sentence] = []
    for index, sentence in enumerate(sentences):
        end = sentences[index + 1].start if index + 1 < len(sentences) else len(text)
        fixed.append(Sentence(text[sentence.start : end], sentence.start))
    return fixed
