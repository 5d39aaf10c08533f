"""Trivial edits, proven: a change is non-material here only when its kind can be shown.

`prove_trivial(old, new, context)` returns a `Proof` (the kind, and a reason a lawyer can check)
or None; None says nothing about the change, which then goes through the claims. The kinds:

- spelling: each changed word is a misspelling fixed (the old word is no English word, the new
  one is, in SymSpell's SCOWL-based list, a small edit apart), a British and American form of
  one word, or a compound written with or without its hyphen or space ("e-mail", "email");
- inflection: each changed word keeps its lemma (simplemma), keeps its tense (an "-ed" form is
  never a present one) and its degree ("stronger" is not "strong");
- duplicated-word, symbol ("&"/"and"), numbering (list markers only), heading-case;
- table-of-contents and duplicate-paragraph, for an added or removed block;
- same-channel: every e-mail, phone, URL or postal address reaches what it reached;
- link-target: only link targets changed, and none is a contact, rights or opt-out channel.

Never a proof when a changed word is a negation, a modal, a quantifier, a number (list numbering
aside) or a proper name. Every pattern here is linear, and the word diff runs only on the
stretch between the texts' common beginning and end, bounded in length.
"""

from __future__ import annotations

import html
import importlib.util
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel

from kpversion.materiality.channels import (
    Channel,
    ChannelSpan,
    Link,
    channel_spans,
    channels,
    is_form,
)
from kpversion.text.document import BlockKind, parse
from kpversion.text.normalize import EMPHASIS, normalize


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NEGATIONS = _words(
    "not no never none nor neither nothing nobody nowhere without cannot cant unless except"
    " excluding n't don't doesn't didn't won't wouldn't shouldn't isn't aren't wasn't weren't"
    " hasn't haven't hadn't mustn't shan't couldn't needn't"
)
MODALS = _words("may might must shall should will would can could ought need needs")
QUANTIFIERS = _words(
    "all any only some every each most more less least fewer few many much several both either"
    " sole solely exclusively entire entirely whole wholly ever always sometimes often rarely"
    " usually generally occasionally anyone anything everyone everything someone something"
    " anybody everybody somebody other others another additional also just merely certain"
    " limited unlimited including exclusive"
)
NUMBER_WORDS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty"
    " ninety hundred thousand million billion dozen half twice once single double triple first"
    " second third fourth fifth sixth seventh eighth ninth tenth twelfth"
)
PROTECTED = NEGATIONS | MODALS | QUANTIFIERS | NUMBER_WORDS
"""Words whose change is never trivial, whatever it looks like."""
_AUXILIARIES = _words("be is are was were been being am have has had having do does did")
_LEXICAL_PLURALS = _words(
    "damages terms goods customs arms means premises savings grounds proceeds securities"
    " letters papers quarters works spirits manners forces"
)
"""Plurals that mean something else than their singular ("damages", "securities")."""
DEFAULT_CHANNEL_WORDS = _words(
    "request right question inquiry enquiry concern complaint complain contact email e-mail"
    " mail phone telephone call write address submit form webform portal dashboard opt optout"
    " opt-out unsubscribe withdraw consent object objection access delete deletion erase erasure"
    " correct correction rectify rectification portability restrict restriction appeal exercise"
    " choice preference setting manage control sell sale selling dpo officer representative"
    " authority verify verification agent reach"
)
"""Words that make a sentence about privacy questions, requests, rights or opt-outs."""


@dataclass(frozen=True)
class Proof:
    """Why a change is trivial: its kind, and a reason in plain words a lawyer can check."""

    kind: str
    reason: str


@dataclass(frozen=True)
class Context:
    """What a proof may need beyond the change's own two texts."""

    old_document: str = ""
    """The whole old text (for a removed paragraph's twin, a table of contents)."""
    new_document: str = ""
    heading: bool = False
    """The changed text is a heading."""
    channel_words: frozenset[str] = field(default_factory=frozenset)
    """Words (or phrases) that make a sentence about privacy questions, requests, rights or
    opt-outs; used with `DEFAULT_CHANNEL_WORDS`, never instead of them."""
    region: str = "US"
    """The country of phone numbers written without "+"."""


def prove_trivial(old: str, new: str, context: Context = Context()) -> Proof | None:
    """The proof that changing `old` into `new` is trivial, or None when none can be shown.

    `old` and `new` are the Markdown of one change: a block, a sentence, or "" for an added or
    removed block.
    """
    if old == new:
        return None
    if not old.strip() or not new.strip():
        added = not old.strip()
        block = new if added else old
        return _duplicate_paragraph(block, added, context) or _table_of_contents(
            block, added, context
        )
    for prover in (_numbering, _heading_case, _same_channel, _link_target, _word_edits):
        proof = prover(old, new, context)
        if proof is not None:
            return proof
    return None


# -- numbering and heading case ----------------------------------------------------------------

_LIST_MARKER = re.compile(
    r"^(?P<lead>[ \t]{0,12}(?:>[ \t]?){0,5})"
    r"(?P<marker>[-*+•◦▪‣·●○■□]|\(?(?:\d{1,3}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,7})[.)])(?=[ \t])"
)
_HEADING_NUMBER = re.compile(
    r"^(?P<lead>#{1,6}[ \t]{1,4})"
    r"(?P<marker>(?:\d{1,3}(?:\.\d{1,3}){0,3}|[A-Z]|[IVXLC]{1,7})[.)])(?=[ \t])"
)


def _numbering(old: str, new: str, context: Context) -> Proof | None:
    old_lines, new_lines = old.strip().split("\n"), new.strip().split("\n")
    if len(old_lines) != len(new_lines):
        return None
    changed = []
    for before, after in zip(old_lines, new_lines, strict=True):
        old_marker, old_rest = _split_marker(before)
        new_marker, new_rest = _split_marker(after)
        if _fold(old_rest) != _fold(new_rest) or bool(old_marker) != bool(new_marker):
            return None
        if old_marker != new_marker:
            changed.append(f"'{old_marker}' → '{new_marker}'")
    if not changed:
        return None
    return Proof("numbering", "list numbering only: " + ", ".join(changed))


def _split_marker(line: str) -> tuple[str, str]:
    match = _HEADING_NUMBER.match(line) or _LIST_MARKER.match(line)
    if match is None:
        return "", line
    return match["marker"], match["lead"] + line[match.end() :]


def _heading_case(old: str, new: str, context: Context) -> Proof | None:
    is_heading = context.heading or (old.lstrip()[:1] == "#" and new.lstrip()[:1] == "#")
    before, after = _fold(EMPHASIS.sub("", old)), _fold(EMPHASIS.sub("", new))
    if not is_heading or before == after or before.casefold() != after.casefold():
        return None
    title = before.lstrip("#").strip(), after.lstrip("#").strip()
    return Proof("heading-case", f"heading capitalisation only: '{title[0]}' → '{title[1]}'")


def _fold(text: str) -> str:
    return " ".join(text.split())


# -- channels and links ------------------------------------------------------------------------


def _same_channel(old: str, new: str, context: Context) -> Proof | None:
    before, after = channel_spans(old, context.region), channel_spans(new, context.region)
    if not before or len(before) != len(after):
        return None
    if _masked(old, before) != _masked(new, after):
        return None
    changed = []
    for x, y in zip(before, after, strict=True):
        a, b = x.channel, y.channel
        if a.kind != b.kind or not a.value or a.value != b.value:
            return None
        if not _shows_same(a, b, context.region):
            return None
        if old[x.start : x.end] != new[y.start : y.end]:
            changed.append(f"'{_shown(a)}' → '{_shown(b)}' ({a.value})")
    if not changed:
        return None
    kinds = {span.channel.kind for span in before}
    noun = _CHANNEL_NOUNS.get(kinds.pop(), "contact channel") if len(kinds) == 1 else "channel"
    return Proof("same-channel", f"the same {noun} re-formatted: " + "; ".join(changed))


_CHANNEL_NOUNS = {
    "email": "e-mail address",
    "phone": "phone number",
    "url": "URL",
    "form": "web form",
    "postal": "postal address",
}


def _masked(text: str, spans: Iterable[ChannelSpan | Link]) -> str:
    """The text with each span replaced by one placeholder, whitespace folded."""
    pieces, done = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < done:
            continue
        pieces += [text[done : span.start], "\x00"]
        done = span.end
    pieces.append(text[done:])
    return normalize("".join(pieces))


def _shown(channel: Channel) -> str:
    return channel.link_text or channel.raw


def _shows_same(a: Channel, b: Channel, region: str) -> bool:
    """The reader sees the same thing: the same words, or the channel itself written out."""
    if _fold(_shown(a)) == _fold(_shown(b)):
        return True
    shown = [
        channels(_shown(c).removeprefix("mailto:").removeprefix("tel:"), region) for c in (a, b)
    ]
    return all(found and all(c.value == a.value for c in found) for found in shown)


def _link_target(old: str, new: str, context: Context) -> Proof | None:
    before, after = _links(old), _links(new)
    if not before or len(before) != len(after) or len(before) > _MOST_LINKS:
        return None
    pairs = list(zip(before, after, strict=True))
    if any(x.style != y.style or _fold(x.text) != _fold(y.text) for x, y in pairs):
        return None
    if _link_masked(old, before) != _link_masked(new, after):
        return None
    changed = [(x, y) for x, y in zip(before, after, strict=True) if x.target != y.target]
    if not changed:
        return None
    words = DEFAULT_CHANNEL_WORDS | context.channel_words
    for x, y in changed:
        for link, text in ((x, old), (y, new)):
            if _is_channel_link(link) or _says_channel(link.text, words):
                return None
            if _says_channel(_sentence_around(text, link), words):
                return None
    if any(_says_channel(" ".join(path), words) for path in _sections(old, new, context)):
        return None
    targets = "; ".join(f"'{x.target}' → '{y.target}'" for x, y in changed)
    return Proof(
        "link-target",
        f"link target only: {targets}; no changed link is a contact, rights or opt-out channel",
    )


_MOST_LINKS = 100
"""Past this many links in one change, no link-target proof is tried (each costs a sentence)."""


def _links(text: str) -> tuple[Link, ...]:
    from kpversion.materiality.channels import links

    return links(text)


def _link_masked(text: str, found: tuple[Link, ...]) -> str:
    pieces, done = [], 0
    for link in found:
        pieces += [text[done : link.start], "\x00", link.text if link.style != "bare" else ""]
        done = link.end
    pieces.append(text[done:])
    return normalize("".join(pieces))


def _is_channel_link(link: Link) -> bool:
    target = link.target.strip().lower()
    if target.startswith(("mailto:", "tel:", "sms:")) or "/cdn-cgi/l/email-protection" in target:
        return True
    if "@" in target and "/" not in target:
        return True
    return is_form(link.target, link.text) or bool(channels(link.text))


_CHANNEL_TOKEN = re.compile(r"[a-z][a-z\-]{0,40}")


def _says_channel(text: str, words: frozenset[str]) -> bool:
    lowered = normalize(text).lower()
    for token in _CHANNEL_TOKEN.findall(lowered):
        stems = {token, token.removesuffix("s"), token.removesuffix("es")}
        stems |= {token.removesuffix("ing"), token.removesuffix("ed"), token.removesuffix("d")}
        if stems & words:
            return True
    return any(" " in phrase and phrase.lower() in lowered for phrase in words)


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[ \t]*\n")
_SENTENCE_REACH = 600


def _sentence_around(text: str, link: Link) -> str:
    """The sentence holding the link; the whole text when it is a paragraph's length."""
    if len(text) <= 1500:
        return text
    start = max(0, link.start - _SENTENCE_REACH)
    ends = list(_SENTENCE_END.finditer(text, start, link.start))
    start = ends[-1].end() if ends else start
    after = _SENTENCE_END.search(text, link.end, link.end + _SENTENCE_REACH)
    return text[start : after.end() if after else link.end + _SENTENCE_REACH]


def _sections(old: str, new: str, context: Context) -> list[tuple[str, ...]]:
    """The heading paths of the documents' blocks that hold the changed text."""
    paths = []
    for fragment, document in ((old, context.old_document), (new, context.new_document)):
        if document:
            paths += _index(document).sections_holding(fragment.strip())
    return paths


# -- added and removed blocks ------------------------------------------------------------------


def _duplicate_paragraph(block: str, added: bool, context: Context) -> Proof | None:
    key = _fold(block)
    if not context.old_document or not context.new_document or not any(c.isalpha() for c in key):
        return None
    before = _index(context.old_document).copies.get(key, Counter())
    after = _index(context.new_document).copies.get(key, Counter())
    more, fewer = (after, before) if added else (before, after)
    if more.total() != fewer.total() + 1:
        return None
    grown = [path for path in more if more[path] != fewer[path]]
    if len(grown) != 1 or fewer[grown[0]] < 1 or more[grown[0]] != fewer[grown[0]] + 1:
        return None
    where = " › ".join(grown[0]) or "the preamble"
    if added:
        return Proof("duplicate-paragraph", f"duplicate paragraph added: '{where}' had it already")
    return Proof(
        "duplicate-paragraph",
        f"duplicate paragraph removed: an identical copy remains in '{where}'",
    )


_TOC_TITLES = frozenset(
    {
        "table of contents",
        "contents",
        "on this page",
        "in this policy",
        "in this privacy policy",
        "in this notice",
        "in this privacy notice",
        "in this privacy statement",
        "jump to",
        "jump to section",
        "quick links",
        "sections",
        "summary of contents",
    }
)
_ENTRY_SEPARATORS = re.compile(r"[\s|·•,;:\-–—]*")
_TOC_SIMILAR = 90


def _table_of_contents(block: str, added: bool, context: Context) -> Proof | None:
    document = context.new_document if added else context.old_document
    entries = [_entry(line) for line in block.strip().split("\n") if _entry(line)]
    if not entries:
        return None
    title = entries[0].lstrip("#").strip().rstrip(":").casefold()
    if len(entries) == 1 and block.lstrip()[:1] == "#" and title in _TOC_TITLES:
        return _toc_proof(added, "its title")
    index = _index(document) if document else None
    kinds = [_entry_kind(entry, index) for entry in entries]
    if None in kinds:
        return None
    if all(kind == "anchor" for kind in kinds) and (index is not None or len(entries) >= 2):
        return _toc_proof(added, "links to this document's own sections")
    if index is not None and index.in_heading_list(block):
        return _toc_proof(added, "a list of this document's own headings")
    return None


def _toc_proof(added: bool, what: str) -> Proof:
    return Proof(
        "table-of-contents", f"table of contents {'added' if added else 'removed'}: {what}"
    )


def _entry(line: str) -> str:
    _, rest = _split_marker(line)
    rest = rest.lstrip(" \t>")
    return EMPHASIS.sub("", rest).strip()


def _entry_kind(entry: str, index: _Index | None) -> str | None:
    """ "anchor" for links to this page's own anchors, "heading" for a heading's words."""
    found = _links(entry)
    if found:
        rest = _link_masked(entry, found).replace("\x00", "")
        for link in found:
            rest = rest.replace(normalize(link.text), "", 1)
        if not _ENTRY_SEPARATORS.fullmatch(rest):
            return None
        if all(link.target.startswith("#") for link in found):
            resolved = index is None or all(index.resolves(link) for link in found)
            return "anchor" if resolved else None
        return None
    if index is not None and index.is_heading(entry):
        return "heading"
    return None


# -- documents ---------------------------------------------------------------------------------

_SLUG_DROP = re.compile(r"[^\w\- ]")
_EXPLICIT_ANCHOR = re.compile(
    r"""(?:\bid|\bname)=["']([^"'<>\s]{1,200})["']|\{#([\w\-]{1,200})\}"""
)
_LOWER_WORD = re.compile(r"\b[a-z][a-z']{0,40}\b")
_HEADING_LIST_MIN = 3


class _Index:
    """What the proofs look up in a whole document, computed once per document."""

    def __init__(self, document: str) -> None:
        self.document = parse(document)
        self.copies: dict[str, Counter[tuple[str, ...]]] = {}
        for block in self.document.blocks:
            self.copies.setdefault(_fold(block.text), Counter())[block.section] += 1
        self.headings = [
            _heading_key(block.text)
            for block in self.document.blocks
            if block.kind is BlockKind.HEADING
        ]
        slugs = {
            _slug(block.text) for block in self.document.blocks if block.kind is BlockKind.HEADING
        }
        explicit = {a or b for a, b in _EXPLICIT_ANCHOR.findall(document)}
        self.anchors = frozenset(slugs | {anchor.lower() for anchor in explicit})
        self._text = document

    @cached_property
    def lowercase_words(self) -> frozenset[str]:
        return frozenset(_LOWER_WORD.findall(self._text))

    def is_heading(self, text: str) -> bool:
        key = _heading_key(text)
        if not key or not self.headings:
            return False
        best = process.extractOne(key, self.headings, scorer=fuzz.ratio)
        return best is not None and best[1] >= _TOC_SIMILAR

    def resolves(self, link: Link) -> bool:
        anchor = link.target[1:].lower()
        return anchor in self.anchors or self.is_heading(link.text)

    def in_heading_list(self, block: str) -> bool:
        """The block is an item of a list of at least three items, each a heading's words."""
        blocks = self.document.blocks
        key = _fold(block)
        for number, candidate in enumerate(blocks):
            if _fold(candidate.text) != key or candidate.kind is not BlockKind.ITEM:
                continue
            first, last = number, number
            while first > 0 and blocks[first - 1].kind is BlockKind.ITEM:
                first -= 1
            while last + 1 < len(blocks) and blocks[last + 1].kind is BlockKind.ITEM:
                last += 1
            items = blocks[first : last + 1]
            if len(items) >= _HEADING_LIST_MIN and all(
                _entry_kind(_entry(item.text), self) for item in items
            ):
                return True
        return False

    def sections_holding(self, fragment: str) -> list[tuple[str, ...]]:
        if not fragment:
            return []
        return [block.section for block in self.document.blocks if fragment in block.text]


@lru_cache(maxsize=4)
def _index(document: str) -> _Index:
    return _Index(document)


def _heading_key(text: str) -> str:
    text = EMPHASIS.sub("", text).lstrip("#").strip()
    _, text = _split_marker(text)
    return _fold(re.sub(r"[^\w\s]", " ", text)).casefold()


def _slug(heading: str) -> str:
    title = EMPHASIS.sub("", heading).lstrip("#").strip().lower()
    return _SLUG_DROP.sub("", title).replace(" ", "-")


# -- word edits --------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|\S")
_LONGEST_EDIT = 400
"""Tokens between the texts' common start and end past which no word-level proof is tried."""
_SENTENCE_STARTERS = frozenset(".!?:;|\"'(“‘[")


class _Token(NamedTuple):
    text: str
    start: int
    end: int


class _Edit(NamedTuple):
    kind: str
    reason: str


def _word_edits(old: str, new: str, context: Context) -> Proof | None:
    if _reaches(old, context) != _reaches(new, context):
        return None  # a changed link target or channel is for the provers above
    a, b = _tokens(old), _tokens(new)
    regions = _regions([t.text for t in a], [t.text for t in b])
    if not regions:
        return None
    edits = []
    for region in regions:
        edit = _prove_region(a, b, region, context)
        if edit is None:
            return None
        edits.append(edit)
    return Proof(edits[0].kind, "; ".join(edit.reason for edit in edits))


def _reaches(text: str, context: Context) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The link targets and channel values of a text, in order."""
    targets = tuple(link.target for link in _links(text))
    found = tuple(
        (span.channel.kind, span.channel.value) for span in channel_spans(text, context.region)
    )
    return targets, found


def _tokens(text: str) -> list[_Token]:
    """Words and punctuation, list markers and emphasis dropped, spacing kept."""
    lines = (_split_marker(line)[1] for line in text.split("\n"))
    plain = html.unescape(EMPHASIS.sub("", " ".join(lines))).translate(_QUOTES)
    return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(plain)]


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def _regions(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]] | None:
    """The changed stretches (old start, old end, new start, new end), or None if too long."""
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle_a, middle_b = a[head : len(a) - tail], b[head : len(b) - tail]
    if max(len(middle_a), len(middle_b)) > _LONGEST_EDIT:
        return None
    regions: list[tuple[int, int, int, int]] = []
    for op in Indel.opcodes(middle_a, middle_b):
        if op.tag == "equal":
            continue
        span = (head + op.src_start, head + op.src_end, head + op.dest_start, head + op.dest_end)
        if regions and regions[-1][1] == span[0] and regions[-1][3] == span[2]:
            span = (regions[-1][0], span[1], regions[-1][2], span[3])
            regions.pop()
        regions.append(span)
    return regions


def _prove_region(
    a: list[_Token], b: list[_Token], region: tuple[int, int, int, int], context: Context
) -> _Edit | None:
    i1, i2, j1, j2 = region
    before, after = [t.text for t in a[i1:i2]], [t.text for t in b[j1:j2]]
    if any(_protected(word) for word in before + after):
        return None
    if any(_in_identifier(a, n) for n in range(i1, i2)) or any(
        _in_identifier(b, n) for n in range(j1, j2)
    ):
        return None
    return (
        _symbol(a, b, region)
        or _duplicated(a, b, region)
        or _compound(a, b, region)
        or _word_pairs(a, b, region, context)
    )


_JOINERS = frozenset("./@_:\\#=?&")


def _in_identifier(tokens: list[_Token], index: int) -> bool:
    """The token is part of a name such as "developers.mozilla.org" or "a_b/c": it touches a
    joining character that touches another word."""
    for step in (-1, 1):
        joiner, beyond = index + step, index + 2 * step
        if not (0 <= joiner < len(tokens) and 0 <= beyond < len(tokens)):
            continue
        first, second = sorted((index, joiner))
        third, fourth = sorted((joiner, beyond))
        if (
            tokens[joiner].text in _JOINERS
            and tokens[first].end == tokens[second].start
            and tokens[third].end == tokens[fourth].start
            and tokens[beyond].text[:1].isalnum()
        ):
            return True
    return False


def _protected(word: str) -> bool:
    lowered = word.lower().replace("’", "'")
    return lowered in PROTECTED or lowered.endswith("n't") or any(c.isdigit() for c in word)


_SYMBOLS = {
    ("&",): (("and",),),
    ("%",): (("percent",), ("per", "cent")),
    ("+",): (("plus",),),
    ("@",): (("at",),),
    ("§",): (("section",),),
    ("§", "§"): (("sections",),),
    ("¶",): (("paragraph",),),
}
_STANDALONE = frozenset("&@+")
"""Symbols that are their word only apart from their neighbours ("R & D", not "a@b.com")."""


def _symbol(a: list[_Token], b: list[_Token], region: tuple[int, int, int, int]) -> _Edit | None:
    i1, i2, j1, j2 = region
    before = tuple(t.text.lower() for t in a[i1:i2])
    after = tuple(t.text.lower() for t in b[j1:j2])
    for symbols, words, tokens, start in ((before, after, a, i1), (after, before, b, j1)):
        if words in _SYMBOLS.get(symbols, ()):
            if symbols[0] in _STANDALONE and _attached(tokens, start, start + len(symbols)):
                return None
            old, new = " ".join(before), " ".join(after)
            return _Edit("symbol", f"a symbol for its word: '{old}' → '{new}'")
    return None


def _attached(tokens: list[_Token], start: int, end: int) -> bool:
    """The tokens touch the words on both sides, as the "@" of an address does."""
    left = start > 0 and tokens[start - 1].end == tokens[start].start
    right = end < len(tokens) and tokens[end].start == tokens[end - 1].end
    return left and right


def _duplicated(
    a: list[_Token], b: list[_Token], region: tuple[int, int, int, int]
) -> _Edit | None:
    i1, i2, j1, j2 = region
    if (i1 == i2) == (j1 == j2):
        return None
    tokens, start, end = (a, i1, i2) if j1 == j2 else (b, j1, j2)
    words = [t.text.casefold() for t in tokens[start:end]]
    if len(words) > 3 or not all(word.isalpha() for word in words):
        return None
    width = len(words)
    neighbours = (
        [t.text.casefold() for t in tokens[max(0, start - width) : start]],
        [t.text.casefold() for t in tokens[end : end + width]],
    )
    if words not in neighbours:
        return None
    shown = " ".join(t.text for t in tokens[start:end])
    if j1 == j2:
        return _Edit("duplicated-word", f"a duplicated word removed: '{shown} {shown}' → '{shown}'")
    return _Edit("duplicated-word", f"a word doubled: '{shown}' → '{shown} {shown}'")


def _compound(a: list[_Token], b: list[_Token], region: tuple[int, int, int, int]) -> _Edit | None:
    """One compound hyphenated, or not: "e-mail" / "email", "opt-out" / "opt out"."""
    i1, i2, j1, j2 = region
    before, after = a[i1:i2], b[j1:j2]
    hyphens = [(a, n) for n in range(i1, i2) if a[n].text == "-"]
    hyphens += [(b, n) for n in range(j1, j2) if b[n].text == "-"]
    if not hyphens or any(not (t.text.isalpha() or t.text == "-") for t in before + after):
        return None
    if _letters(before) != _letters(after):
        return None
    for tokens, n in hyphens:
        if not _attached(tokens, n, n + 1) or not tokens[n - 1].text.isalpha():
            return None
        if not tokens[n + 1].text.isalpha() or tokens[n - 1].text.lower() == "re":
            return None  # "re-sign" is not "resign"
    if not (_lower_or_starting(a, i1, i2) and _lower_or_starting(b, j1, j2)):
        return None  # "Privacy Check-Up" may be a name
    old, new = _spelled(a, i1, i2), _spelled(b, j1, j2)
    return _Edit("spelling", f"one compound written another way: '{old}' → '{new}'")


def _lower_or_starting(tokens: list[_Token], start: int, end: int) -> bool:
    """Lower case throughout, bar a capital that starts the sentence."""
    words = [t.text for t in tokens[start:end] if t.text != "-"]
    if not words or all(word.islower() for word in words):
        return True
    return _starts_sentence(tokens, start) and all(
        w.islower() for w in [words[0][1:], *words[1:]] if w
    )


def _letters(tokens: list[_Token]) -> str:
    return "".join(t.text for t in tokens if t.text != "-").casefold()


def _spelled(tokens: list[_Token], start: int, end: int) -> str:
    """The words of a change as written; a lone hyphen shows with its neighbours."""
    if end == start or (end - start == 1 and tokens[start].text == "-"):
        start, end = max(0, start - 1), min(len(tokens), end + 1)
    text = ""
    for n in range(start, end):
        if n > start and tokens[n - 1].end != tokens[n].start:
            text += " "
        text += tokens[n].text
    return text


def _word_pairs(
    a: list[_Token], b: list[_Token], region: tuple[int, int, int, int], context: Context
) -> _Edit | None:
    i1, i2, j1, j2 = region
    if i2 - i1 != j2 - j1 or i1 == i2:
        return None
    reasons, kinds = [], []
    for offset in range(i2 - i1):
        old, new = a[i1 + offset], b[j1 + offset]
        if not _may_compare(a, i1 + offset, b, j1 + offset, context):
            return None
        edit = _word_pair(old.text, new.text)
        if edit is None:
            return None
        kinds.append(edit.kind)
        reasons.append(edit.reason)
    return _Edit(kinds[0], "; ".join(reasons))


def _word_pair(old: str, new: str) -> _Edit | None:
    lowered = old.lower(), new.lower()
    spelling = _spelling(*lowered)
    if spelling is not None:
        return _Edit("spelling", spelling.format(old=old, new=new))
    lemma = _inflection(*lowered)
    if lemma is not None:
        return _Edit("inflection", f"inflection only: '{old}' → '{new}' (one lemma, '{lemma}')")
    return None


def _may_compare(a: list[_Token], i: int, b: list[_Token], j: int, context: Context) -> bool:
    """Neither word is a proper name: capitals only where a sentence or heading starts them,
    and then on a word the texts also write in lower case."""
    old, new = a[i].text, b[j].text
    if not (old.isalpha() and new.isalpha()):
        return False
    if old.isupper() and new.isupper() and len(old) >= 5 and len(new) >= 5:
        return True
    if any(c.isupper() for c in old[1:] + new[1:]) or old[0].isupper() != new[0].isupper():
        return False
    if not old[0].isupper():
        return True
    starts = _starts_sentence(a, i) and _starts_sentence(b, j)
    if not (starts or context.heading):
        return False
    return _written_lower(new.lower(), context, a, b)


def _starts_sentence(tokens: list[_Token], index: int) -> bool:
    return index == 0 or tokens[index - 1].text in _SENTENCE_STARTERS


def _written_lower(word: str, context: Context, a: list[_Token], b: list[_Token]) -> bool:
    if any(t.text == word for t in a + b):
        return True
    documents = (context.old_document, context.new_document)
    return any(document and word in _index(document).lowercase_words for document in documents)


# -- spelling ----------------------------------------------------------------------------------

_ENGLISH_LIST = "frequency_dictionary_en_82_765.txt"


@cache
def english_words() -> frozenset[str]:
    """SymSpell's English list: 82,765 words from Google Books n-grams that are in SCOWL."""
    spec = importlib.util.find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("symspellpy is not installed: kpversion needs its English word list")
    path = Path(next(iter(spec.submodule_search_locations))) / _ENGLISH_LIST
    with path.open(encoding="utf-8") as lines:
        return frozenset(line.partition(" ")[0] for line in lines)


class _Rule(NamedTuple):
    british: str
    american: str
    endings: frozenset[str]
    stem: int
    """The fewest letters before the changed part."""


def _rule(british: str, american: str, endings: str, stem: int) -> _Rule:
    return _Rule(british, american, frozenset(endings.split(",")), stem)


_REGIONAL = (
    _rule("is", "iz", "e,ed,es,er,ers,ing,ation,ations,ational,able,ability", 3),
    _rule("ys", "yz", "e,ed,es,er,ers,ing", 2),
    _rule("our", "or", ",s,ed,ing,ite,ites,able,ably,al,ally,er,ers,hood,hoods,ful,less", 3),
    _rule("tre", "ter", ",s", 2),
    _rule("bre", "ber", ",s", 2),
    _rule("ogue", "og", ",s", 3),
    _rule("ell", "el", "ed,ing,er,ers,or,ors", 3),
    _rule("all", "al", "ed,ing,er,ers", 3),
)
"""British and American spellings of one word, as a suffix pattern: "personalise" /
"personalize", "behaviour" / "behavior", "centre" / "center", "cancelled" / "canceled"."""
_VARIANTS = frozenset(
    frozenset(pair.split("/"))
    for pair in _words(
        "defence/defense defences/defenses licence/license licences/licenses licenced/licensed "
        "offence/offense offences/offenses pretence/pretense programme/program "
        "programmes/programs enquiry/inquiry enquiries/inquiries enquire/inquire "
        "enquired/inquired enquiring/inquiring fulfil/fulfill fulfils/fulfills "
        "fulfilment/fulfillment enrol/enroll enrols/enrolls enrolment/enrollment "
        "enrolments/enrollments instalment/installment instalments/installments "
        "skilful/skillful wilful/willful grey/gray ageing/aging judgement/judgment "
        "judgements/judgments acknowledgement/acknowledgment acknowledgements/acknowledgments "
        "requestor/requester requestors/requesters adviser/advisor advisers/advisors "
        "centred/centered"
    )
)
"""Pairs no suffix rule covers: "defence" / "defense", "fulfil" / "fulfill"."""


def _regional_forms(word: str) -> set[str]:
    """The word's other regional spellings, by the rules above (both ways)."""
    forms = {other for pair in _VARIANTS if word in pair for other in pair if other != word}
    for rule in _REGIONAL:
        for source, target in ((rule.british, rule.american), (rule.american, rule.british)):
            at = word.find(source, rule.stem)
            while at >= 0:
                if word[at + len(source) :] in rule.endings:
                    forms.add(word[:at] + target + word[at + len(source) :])
                at = word.find(source, at + 1)
    return forms


def _known(word: str) -> bool:
    english = english_words()
    return word in english or any(form in english for form in _regional_forms(word))


_PREFIXES = _words("a an de re un in im il ir dis mis non anti pre post sub co ex over under up e")
"""Prefixes that change a word's meaning: "unencrypted" is no misspelling of "encrypted"."""


def _spelling(old: str, new: str) -> str | None:
    """The reason `new` is `old` spelled right, or None; `{old}` and `{new}` left to fill."""
    if not (old.isalpha() and new.isalpha()):
        return None
    english = english_words()
    if new in _regional_forms(old) and (old in english or new in english):
        return "British and American spellings of one word: '{old}' → '{new}'"
    if _known(old) or not _known(new) or _affixed(old, new) or not _close(old, new):
        return None
    if _near_protected(old):
        return None
    return "spelling fixed: '{old}' → '{new}'"


def _close(old: str, new: str) -> bool:
    distance = OSA.distance(old, new)
    if min(len(old), len(new)) <= 3:
        return distance == 1 and sorted(old) == sorted(new)
    return distance <= (1 if max(len(old), len(new)) <= 7 else 2)


def _affixed(old: str, new: str) -> bool:
    """One word is the other with letters added at an end (bar a doubled last letter, as in
    "untill"), or with a prefix swapped ("de-" for "re-")."""
    short, long = sorted((old, new), key=len)
    if long.startswith(short):
        extra = long[len(short) :]
        return not (len(extra) == 1 and extra == short[-1])
    if long.endswith(short):
        return True
    for size in range(1, 5):
        rest = old[size:]
        if old[:size] in _PREFIXES and len(rest) >= 3:
            for other in range(0, 5):
                if new[:other] in _PREFIXES | {""} and new[other:] == rest and other != size:
                    return True
    for size in range(1, 5):
        rest = new[size:]
        if new[:size] in _PREFIXES and len(rest) >= 3 and old.endswith(rest):
            return old[: len(old) - len(rest)] in _PREFIXES | {""}
    return False


def _near_protected(word: str) -> bool:
    """A misspelling one edit from a negation, modal or quantifier ("nto", "mya") is no typo
    to guess at."""
    found = process.extractOne(word, PROTECTED, scorer=OSA.distance, score_cutoff=1)
    return found is not None


# -- inflection --------------------------------------------------------------------------------


def _lemma(word: str) -> str:
    import simplemma

    lemma: str = simplemma.lemmatize(word, lang="en")
    return lemma.lower()


def _inflection(old: str, new: str) -> str | None:
    """The shared lemma when `old` and `new` are inflections of one word with one tense and
    one degree, else None."""
    if not (old.isalpha() and new.isalpha()) or {old, new} & (_AUXILIARIES | _LEXICAL_PLURALS):
        return None
    if old[:2] != new[:2]:
        return None
    lemma = _lemma(old)
    if lemma != _lemma(new):
        return None
    forms = {_form(old, lemma), _form(new, lemma)}
    if forms in _SAME_TENSE or (len(forms) == 1 and forms <= {"s", "ing", "ed"}):
        return lemma
    return None


_SAME_TENSE = ({"base", "s"}, {"ing", "ed"})
"""Forms that differ in number or agreement ("collect" / "collects"), or participles
("transferring" / "transferred"); a past form against a present one changes the tense."""


def _form(word: str, lemma: str) -> str:
    if word == lemma:
        return "base"
    for ending, form in (("ing", "ing"), ("ed", "ed"), ("s", "s")):
        if word.endswith(ending):
            return form
    return "other"
