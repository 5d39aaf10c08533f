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
from typing import NamedTuple

from kpversion.change import EditOp
from kpversion.text.clip import clip
from kpversion.text.sentences import split_sentences

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
# reStructuredText, as some policies are written: roles (:ref:`text <target>`), links
# (`text <url>`_), targets (.. _name:) and directives (.. note::) read as their text.
_RST_ROLE = re.compile(r":[a-z]{1,20}:`([^`<\n]{0,300})(?:<[^`>\n]{0,500}>)?`")
_RST_LINK = re.compile(r"`([^`<\n]{1,300})<[^`>\n]{1,500}>`_{1,2}")
_RST_EXPLICIT = re.compile(
    r"^[ \t]*\.\.[ \t]+(?:_[^:\n]{0,200}:|[a-z-]{1,40}::)[^\n]{0,500}$", re.M
)
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_VARIABLE = re.compile(r"\{\{\s*(?:[\w.]+\.)?(\w+)\s*\}\}")
# A token is the first of these that matches, tried in this order.
_EMAIL = r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
_URL = r"(?P<url>(?:https?://|www\.)[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?])"
_TLDS = r"(?:com|org|net|io|dev|app|edu|gov|info|eu|uk|de|fr|ca|ai|co)(?![\w.-])"
_DOMAIN = (
    rf"(?P<domain>(?<![\w.@-])[a-z0-9][a-z0-9-]{{0,62}}(?:\.[a-z0-9-]{{1,63}}){{0,4}}\.{_TLDS})"
)
_PLAIN_TOKENS = (
    r"(?P<number>\d+(?:[.,:/-]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)"
    r"|(?P<symbol>[§%$€£©])"
)
_TLD_END = re.compile(rf"\.{_TLDS}")
"""What every domain ends with: a text without it has no domain."""
_BREAK = re.compile(r"[,;:()\[\]|/]")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t])|\n(?=#)")
_CONTRACTIONS = {
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    # "If you disagree with" and "If you do not agree with" are one condition.
    "disagree": ("not", "agree"),
}
_ENDINGS = (("'ve", "have"), ("'re", "are"), ("'ll", "will"), ("'m", "am"))


class TokenKind(StrEnum):
    WORD = "word"
    NUMBER = "number"
    URL = "url"
    DOMAIN = "domain"
    EMAIL = "email"
    SYMBOL = "symbol"


_KINDS = {kind.value: kind for kind in TokenKind}


class Token(NamedTuple):
    """One word as written (`text`, at `start` in the plain text) and as compared (`norm`);
    `first` marks a sentence's first word (a capital there starts no name), `broken` a word
    that punctuation (a comma, a colon, a bracket) separates from the one before."""

    text: str
    norm: str
    kind: TokenKind
    start: int
    sentence: int
    first: bool = False
    broken: bool = False


@lru_cache(maxsize=16384)
def plain(text: str) -> str:
    """The text a reader sees: no front matter, markup, comments or link targets."""
    text = unicodedata.normalize("NFKC", text.translate(_QUOTES))
    text = _FRONT_MATTER.sub("", text)
    if "`" in text or ".." in text:
        text = _RST_EXPLICIT.sub(" ", _RST_LINK.sub(r"\1", _RST_ROLE.sub(r"\1", text)))
    text = _MARKUP.sub(_unmarked, text)
    text = _LINK_TARGET.sub("]", text)
    text = _VARIABLE.sub(r"\1", text)
    return html.unescape(text)


@lru_cache(maxsize=16384)
def tokens_of(markdown: str) -> tuple[Token, ...]:
    """The words of a Markdown text as materiality reads them (cached: texts repeat)."""
    return tuple(tokenize(plain(markdown)))


@lru_cache(maxsize=4096)
def _compared(old: str, new: str) -> Wording:
    """A change's wording, built once: the classifier compares each change's texts in several
    places (the gates, the proofs, the commitment words, the reason's quote), and a Wording
    is immutable, its hunks computed on first use."""
    return Wording(plain(old), plain(new), tokens_of(old), tokens_of(new))


def _unmarked(match: re.Match[str]) -> str:
    """Markup becomes a space; an unclosed comment's "<!--" stays, and what follows it (no
    comment can close there) loses its other markup."""
    if match.group("unclosed") is None:
        return " "
    return _MARKUP_AFTER_UNCLOSED.sub(" ", match.group())


def tokenize(text: str) -> list[Token]:
    """The words of an already plain text, numbered by sentence (the project's one sentence
    splitter, `text.sentences`, inside each paragraph and list item)."""
    tokens: list[Token] = []
    ends = sentence_ends(text)
    sentence = end = 0
    previous = -1
    for match in _token_pattern(text).finditer(text):
        start = match.start()
        while sentence < len(ends) and start >= ends[sentence]:
            sentence += 1
        kind = _KINDS[match.lastgroup or "word"]
        gap = text[end:start]
        broken = gap != " " and _BREAK.search(gap) is not None  # most words are a space apart
        raw = match.group()
        if kind is TokenKind.WORD and "'" not in raw and raw.lower() not in _CONTRACTIONS:
            # The common case, without the contraction rules ("cannot" is one with no
            # apostrophe: "can not" and "cannot" are one modal and its negation).
            tokens.append(Token(raw, raw.lower(), kind, start, sentence, previous != sentence,
                                broken))  # fmt: skip
            previous = sentence
        else:
            for norm in _norms(raw, kind):
                tokens.append(Token(raw, norm, kind, start, sentence, previous != sentence,
                                    broken))  # fmt: skip
                previous = sentence
        end = match.end()
    return tokens


def _token_pattern(text: str) -> re.Pattern[str]:
    """The token pattern without the alternatives that cannot match in this text: an e-mail
    address needs an "@", a URL "://" or "www.", a domain one of its endings. Most sentences
    have none of them, and each alternative tried in vain at every word (an address's part
    before the "@" runs to the end of the word, then gives back) cost a third of the scan."""
    return _token_alternatives(
        "@" in text, "://" in text or "www." in text, _TLD_END.search(text) is not None
    )


@lru_cache(maxsize=8)
def _token_alternatives(email: bool, url: bool, domain: bool) -> re.Pattern[str]:
    kept = [part for part, wanted in ((_EMAIL, email), (_URL, url), (_DOMAIN, domain)) if wanted]
    return re.compile("|".join((*kept, _PLAIN_TOKENS)))


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of a plain text ends: paragraphs and list items are cut first, then
    each is split by `text.sentences.split_sentences`."""
    ends = []
    start = 0
    for match in [*_PARAGRAPHS.finditer(text), None]:
        stop = match.start() if match else len(text)
        part = text[start:stop]
        if part.strip():
            ends += [start + s.start + len(s.text.rstrip()) for s in split_sentences(part)]
        start = match.end() if match else len(text)
    return ends


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


@lru_cache(maxsize=4096)
def norm_words(text: str) -> str:
    """The words of a text as compared (plain, tokenized, normalized), joined by spaces."""
    return " ".join(t.norm for t in tokens_of(text))


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
        return _compared(old, new)

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
