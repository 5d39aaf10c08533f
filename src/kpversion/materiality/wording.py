"""Wording: what changed between two texts, word by word, as materiality reads it.

The structural diff decides *where* texts differ; this module re-reads each change's old and
new text on its own terms (plain words, contractions expanded, markup and link targets
dropped) so the classifier does not depend on how finely the diff cut its changes.
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache

from kpversion.change import EditOp
from kpversion.text.clip import clip

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_MARKUP_NOT_COMMENTS = (
    r"\{%.*?%\}"  # Liquid tags
    r"|\{:[^}\n]*\}"  # kramdown attribute lists
    r"|</?[a-zA-Z][^<>\n]*>"  # HTML tags (their href targets go with them)
    r"|^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$"  # reference link definitions
)
# An HTML comment; one never closed takes the rest of the text at once (`unclosed`), so the
# search does not rescan to the end from every later "<!--". It stays text (see _unmarked).
_MARKUP = re.compile(
    rf"<!--(?:.*?-->|(?P<unclosed>.*))|{_MARKUP_NOT_COMMENTS}", re.DOTALL | re.MULTILINE
)
_MARKUP_AFTER_UNCLOSED = re.compile(_MARKUP_NOT_COMMENTS, re.DOTALL | re.MULTILINE)
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK_TEXT = re.compile(r"\[([^\[\]\n]*)\]")
_VARIABLE = re.compile(r"\{\{\s*(?:[\w.]+\.)?(\w+)\s*\}\}")
_TOKEN = re.compile(
    r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<url>(?:https?://|www\.)[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?])"
    r"|(?P<number>\d+(?:[.,:/-]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)"
    r"|(?P<symbol>[§%$€£©])"
)
_CONTRACTIONS = {
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
}
_ENDINGS = (("'ve", "have"), ("'re", "are"), ("'ll", "will"), ("'m", "am"))
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|inc|ltd|co|corp|no|vs|mr|mrs|ms|dr|st|u\.s|cal|civ|sec|art)|\b[A-Z])\.$",
    re.IGNORECASE,
)
_LONGEST_ABBREVIATION = 8
"""Characters an abbreviation and its period span at most ("corp." is 5); \\b still sees
the character before the window."""
_SENTENCE_END = re.compile(r"[.!?;:](?=[\"')\]]*\s)|\n\s*\n|\n(?=\s*(?:[-*+•]|\d+[.)])\s)|\n(?=#)")


class TokenKind(StrEnum):
    WORD = "word"
    NUMBER = "number"
    URL = "url"
    EMAIL = "email"
    SYMBOL = "symbol"


_KINDS = {kind.value: kind for kind in TokenKind}


@dataclass(frozen=True)
class Token:
    """One word as written (`text`, at `start` in the plain text) and as compared (`norm`)."""

    text: str
    norm: str
    kind: TokenKind
    start: int
    sentence: int
    first: bool = False
    """True for the first word of its sentence (a capital there is no name)."""
    in_link: bool = False
    """True inside a link's text ("see [About your profile](...)")."""


def plain(text: str) -> str:
    """The text a reader sees: no front matter, markup, comments or link targets."""
    text = unicodedata.normalize("NFKC", text.translate(_QUOTES))
    text = _FRONT_MATTER.sub("", text)
    text = _MARKUP.sub(_unmarked, text)
    text = _LINK_TARGET.sub("]", text)
    text = _VARIABLE.sub(r"\1", text)
    return html.unescape(text)


def _unmarked(match: re.Match[str]) -> str:
    """Markup becomes a space; an unclosed comment's "<!--" stays, and what follows it (no
    comment can close there) loses its other markup."""
    if match.group("unclosed") is None:
        return " "
    return _MARKUP_AFTER_UNCLOSED.sub(" ", match.group())


def tokenize(text: str) -> list[Token]:
    """The words of an already plain text, numbered by sentence."""
    tokens: list[Token] = []
    ends = _sentence_ends(text)
    links = [m.span(1) for m in _LINK_TEXT.finditer(text)]
    sentence = link = 0
    for match in _TOKEN.finditer(text):
        while sentence < len(ends) and match.start() >= ends[sentence]:
            sentence += 1
        # Tokens and links both run left to right: walk the links alongside.
        while link < len(links) and links[link][1] <= match.start():
            link += 1
        kind = _KINDS[match.lastgroup or "word"]
        first = not tokens or tokens[-1].sentence != sentence
        in_link = link < len(links) and links[link][0] <= match.start()
        for norm in _norms(match.group(), kind):
            token = Token(match.group(), norm, kind, match.start(), sentence, first, in_link)
            tokens.append(token)
    return tokens


def _norms(raw: str, kind: TokenKind) -> tuple[str, ...]:
    if kind is not TokenKind.WORD:
        return (raw.lower().rstrip("/"),)
    low = raw.lower()
    if low in _CONTRACTIONS:
        return _CONTRACTIONS[low]
    if low.endswith("n't"):
        return (low[:-3], "not")
    for ending, word in _ENDINGS:
        if low.endswith(ending):
            return (low[: -len(ending)], word)
    return (low.removesuffix("'s"),) if low.endswith("'s") else (low,)


def _sentence_ends(text: str) -> list[int]:
    ends = []
    for match in _SENTENCE_END.finditer(text):
        # An abbreviation is at most a few characters before its period: searching only there
        # keeps this linear (from 0, it rescanned the whole text at every period).
        window = max(0, match.end() - _LONGEST_ABBREVIATION)
        if match.group() == "." and _ABBREVIATIONS.search(text, window, match.end()):
            continue
        ends.append(match.end())
    return ends


@lru_cache(maxsize=4096)
def norm_words(text: str) -> str:
    """The words of a text as compared (plain, tokenized, normalized), joined by spaces."""
    return " ".join(t.norm for t in tokenize(plain(text)))


@dataclass(frozen=True)
class Hunk:
    """One run of words that differ, with two words either side of it for quoting."""

    op: EditOp
    removed: tuple[Token, ...]
    added: tuple[Token, ...]
    before: tuple[Token, ...]
    after: tuple[Token, ...]

    def quote_old(self) -> str:
        return quote((*self.before, *self.removed, *self.after))

    def quote_new(self) -> str:
        return quote((*self.before, *self.added, *self.after))


def quote(tokens: tuple[Token, ...] | list[Token], limit: int = 90) -> str:
    """The written words of tokens, each once (contractions expand to two tokens)."""
    seen: set[int] = set()
    words = []
    for token in tokens:
        if token.start not in seen:
            seen.add(token.start)
            words.append(token.text)
    return clip(" ".join(words), limit)


@dataclass(frozen=True)
class Passage:
    """The sentences around a group of hunks, on both sides, with their hunks."""

    old: tuple[Token, ...]
    new: tuple[Token, ...]
    hunks: tuple[Hunk, ...]

    @cached_property
    def old_text(self) -> str:
        return " ".join(t.norm for t in self.old)

    @cached_property
    def new_text(self) -> str:
        return " ".join(t.norm for t in self.new)

    @cached_property
    def old_sentences(self) -> tuple[tuple[str, ...], ...]:
        return _sentence_words(self.old)

    @cached_property
    def new_sentences(self) -> tuple[tuple[str, ...], ...]:
        return _sentence_words(self.new)


def _sentence_words(tokens: tuple[Token, ...]) -> tuple[tuple[str, ...], ...]:
    groups: dict[int, list[str]] = {}
    for token in tokens:
        groups.setdefault(token.sentence, []).append(token.norm)
    return tuple(tuple(words) for words in groups.values())


_Group = tuple[set[int], set[int], list[Hunk]]


@dataclass(frozen=True)
class Wording:
    """Both texts of a change as tokens, and the passages where their words differ."""

    old_plain: str
    new_plain: str
    old: tuple[Token, ...]
    new: tuple[Token, ...]

    @classmethod
    def compare(cls, old: str, new: str) -> Wording:
        old_plain, new_plain = plain(old), plain(new)
        return cls(old_plain, new_plain, tuple(tokenize(old_plain)), tuple(tokenize(new_plain)))

    @cached_property
    def same_words(self) -> bool:
        """True when only case, punctuation, whitespace or markup differ."""
        return [t.norm for t in self.old] == [t.norm for t in self.new]

    @cached_property
    def _opcodes(self) -> list[tuple[str, int, int, int, int]]:
        a, b = [t.norm for t in self.old], [t.norm for t in self.new]
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=len(a) + len(b) > 4000)
        return [op for op in matcher.get_opcodes() if op[0] != "equal"]

    @cached_property
    def hunks(self) -> tuple[Hunk, ...]:
        return tuple(self._hunk(*op) for op in self._opcodes)

    def _hunk(self, tag: str, i1: int, i2: int, j1: int, j2: int) -> Hunk:
        return Hunk(
            op=EditOp(tag),
            removed=self.old[i1:i2],
            added=self.new[j1:j2],
            before=self.old[max(0, i1 - 2) : i1],
            after=self.old[i2 : i2 + 2],
        )

    @cached_property
    def passages(self) -> tuple[Passage, ...]:
        """Hunks grouped by the sentences they touch, so counts compare like with like."""
        groups: list[_Group] = []
        for op, hunk in zip(self._opcodes, self.hunks, strict=True):
            _, i1, i2, j1, j2 = op
            olds = _sentences(self.old, i1, i2)
            news = _sentences(self.new, j1, j2)
            groups = _join(groups, (olds, news, [hunk]))
        return tuple(self._passage(*group) for group in groups)

    def _passage(self, olds: set[int], news: set[int], hunks: list[Hunk]) -> Passage:
        return Passage(
            old=tuple(t for t in self.old if t.sentence in olds),
            new=tuple(t for t in self.new if t.sentence in news),
            hunks=tuple(hunks),
        )


def _sentences(tokens: tuple[Token, ...], start: int, end: int) -> set[int]:
    # The sentence of the unchanged word before the hunk anchors it on both sides, so a
    # sentence inserted after it is compared with what stood there before.
    found = {t.sentence for t in tokens[start:end]}
    if start > 0:
        found.add(tokens[start - 1].sentence)
    elif end < len(tokens):
        found.add(tokens[end].sentence)
    return found


def _join(groups: list[_Group], group: _Group) -> list[_Group]:
    olds, news, hunks = group
    kept: list[_Group] = []
    for other in groups:
        if other[0] & olds or other[1] & news:
            olds, news, hunks = olds | other[0], news | other[1], other[2] + hunks
        else:
            kept.append(other)
    kept.append((olds, news, hunks))
    return kept
