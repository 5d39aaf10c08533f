"""Reading a change's text as materiality reads it: plain sentences of normalized words.

Markup, link targets, comments and front matter are dropped; the text is cut into paragraphs
and list items, and each into sentences by the project's one sentence splitter
(`wording.tokenize`, which uses `text.sentences`). Each word keeps how it was written (a
capital after a sentence's first word may start a name) and how it is compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby, pairwise

from kpversion.materiality.wording import Token, TokenKind, tokens_of


@dataclass(frozen=True)
class Sentence:
    """One sentence: its words as compared, as written, and of which kind."""

    words: tuple[str, ...]
    written: tuple[str, ...]
    kinds: tuple[TokenKind, ...]
    breaks: tuple[bool, ...]
    """True where punctuation (a comma, a colon, a bracket) stands before the word."""
    glued: tuple[bool, ...] = ()
    """True where the word follows the one before with no space between ("37signals")."""

    def capitalized(self, index: int) -> bool:
        word = self.written[index]
        return index > 0 and word[:1].isupper() and self.kinds[index] is TokenKind.WORD


@lru_cache(maxsize=16384)
def read(markdown: str) -> tuple[Sentence, ...]:
    """The sentences of a Markdown text, in order."""
    return tuple(
        _sentence(tuple(group))
        for _, group in groupby(tokens_of(markdown), key=lambda t: t.sentence)
    )


def _sentence(tokens: tuple[Token, ...]) -> Sentence:
    return Sentence(
        tuple(t.norm for t in tokens),
        tuple(t.text for t in tokens),
        tuple(t.kind for t in tokens),
        tuple(t.broken for t in tokens),
        (False, *(b.start == a.start + len(a.text) for a, b in pairwise(tokens))),
    )
