"""Trivial blocks added or removed, proven against the whole document: a paragraph that has a
twin in the same section, a table of contents of the document's own headings or anchors.

The document index built here (once per document) is also what the link and word proofs look
up in a whole text: its blocks by heading path, its headings and anchors, the words it writes
in lower case.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from rapidfuzz import fuzz, process

from kpversion.materiality.links import Link, links
from kpversion.materiality.trivial_layout import _fold, _split_marker
from kpversion.materiality.trivial_proof import Context, Proof
from kpversion.text.document import BlockKind, Document, parse, run_around
from kpversion.text.normalize import EMPHASIS, normalize
from kpversion.text.repeats import once_per_text


def _duplicate_paragraph(block: str, added: bool, context: Context) -> Proof | None:
    key = _fold(block)
    if not context.old_document or not context.new_document or not any(c.isalpha() for c in key):
        return None
    before = index_of(context, old=True).copies.get(key, Counter())
    after = index_of(context, old=False).copies.get(key, Counter())
    more, fewer = (after, before) if added else (before, after)
    if more.total() != fewer.total() + 1:
        return None
    grown = [path for path in more if more[path] != fewer[path]]
    if len(grown) != 1 or more[grown[0]] != fewer[grown[0]] + 1:
        return None
    if fewer[grown[0]] < 1:
        # The copy that stays is in another section: a paragraph long enough to be one
        # ("For any requests, contact us here: privacy@...") is said there still.
        staying = [path for path in fewer if fewer[path] > 0]
        if len(key) < DUPLICATE_ELSEWHERE_MIN or not staying:
            return None
        grown = staying[:1]
    where = " › ".join(grown[0]) or "the preamble"
    if added:
        return Proof("duplicate-paragraph", f"duplicate paragraph added: '{where}' had it already")
    return Proof(
        "duplicate-paragraph",
        f"duplicate paragraph removed: an identical copy remains in '{where}'",
    )


DUPLICATE_ELSEWHERE_MIN = 40
"""Characters from which a paragraph whose twin stays in another section is a copy, not a
label or a line every section repeats ("Learn more")."""
PARAGRAPH_MIN = 80
"""Characters from which a paragraph held whole in another is a copy, not a phrase."""


def _paragraph_held_whole(block: str, added: bool, context: Context) -> Proof | None:
    """A paragraph removed whose whole text another paragraph of its section still says, with
    more ("... you may not be able to use some features." beside "... you may not be able to
    use some features. You can find out more here:"); or such a copy added."""
    key = _fold(block)
    if len(key) < PARAGRAPH_MIN or not context.old_document or not context.new_document:
        return None
    had, lacks = index_of(context, old=not added), index_of(context, old=added)
    sections = had.copies.get(key, Counter())
    if sections.total() != 1 or lacks.copies.get(key):
        return None
    (section,) = sections
    for folded in lacks.by_section.get(section, ()):
        if key in folded and folded in had.copies:
            where = " › ".join(section) or "the preamble"
            verb = "added" if added else "removed"
            reason = f"duplicate paragraph {verb}: a paragraph in '{where}' says all of it"
            return Proof("duplicate-paragraph", reason)
    return None


SENTENCE_MIN = 20
"""Characters below which a repeated sentence may be a label or a fragment, not a copy."""


def _duplicate_sentence(sentence: str, added: bool, context: Context) -> Proof | None:
    """A sentence removed from a paragraph that says it twice ("... archived indefinitely.
    All content ... archived indefinitely."), its twin kept in the same paragraph; or a second
    copy added beside the first."""
    text = sentence.strip()
    said_twice = context.new_document if added else context.old_document
    if len(text) < SENTENCE_MIN or "\n\n" in text or said_twice.count(text) < 2:
        return None  # one scan of the document: most sentence changes stop here
    doubled = index_of(context, old=not added).document.blocks
    twice = next((b.section for b in doubled if b.text.count(text) >= 2), None)
    if twice is None:
        return None
    single = index_of(context, old=added).document.blocks
    if twice not in [b.section for b in single if b.text.count(text) == 1]:
        return None
    if added:
        return Proof("duplicate-sentence", "duplicate sentence added beside its twin")
    return Proof("duplicate-sentence", "duplicate sentence removed: its twin stays beside it")


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
_TITLE_TRIM = re.compile(r"[\s|·•,;:\-–—#*_]+")
_TOC_SIMILAR = 90
TITLE_MAX = 40
"""Characters within which a paragraph of its own can be a contents title ("**Contents**")."""


def _table_of_contents(block: str, added: bool, context: Context) -> Proof | None:
    document = context.new_document if added else context.old_document
    entries = [_entry(line) for line in block.strip().split("\n") if _entry(line)]
    if not entries:
        return None
    alone = len(entries) == 1 and (block.lstrip()[:1] == "#" or len(block) < TITLE_MAX)
    if alone and _is_toc_title(entries[0]):
        return _toc_proof(added, "its title")
    if len(entries) == 1 and _inline_contents(entries[0]):
        return _toc_proof(added, "a line of numbered section titles under its title")
    index = index_of(context, old=not added) if document else None
    kinds = [_entry_kind(entry, index) for entry in entries]
    anchors = None not in kinds and all(kind == "anchor" for kind in kinds)
    if anchors and (index is not None or len(entries) >= 2):
        return _toc_proof(added, "links to this document's own sections")
    if index is not None and index.in_heading_list(block):
        return _toc_proof(added, "a list of this document's own headings")
    return None


_INLINE_SEPARATOR = re.compile(r"\s[·•|]\s")
_NUMBERED_TITLE = re.compile(r"\d{1,3}\.?\s+\S")
INLINE_ENTRIES_MIN = 3
INLINE_ENTRY_WORDS = 10
"""Words past which an entry of a contents line is prose, not a section's title."""


def _inline_contents(line: str) -> bool:
    """A contents title and numbered section titles on one line ("Contents: 1. Our Approach ·
    2. Information We Collect · ..."), as a page's header writes them."""
    title, colon, rest = line.partition(":")
    if not colon or not _is_toc_title(title):
        return False
    # Entries may be links to the page's own anchors ("[1. Controller](#1-controller)").
    entries = [e.strip() for e in _INLINE_SEPARATOR.split(_ANCHOR_LINK.sub(r"\1", rest))]
    return len(entries) >= INLINE_ENTRIES_MIN and all(
        _NUMBERED_TITLE.match(e) and len(e.split()) <= INLINE_ENTRY_WORDS and _title_cased(e)
        for e in entries
    )


_ANCHOR_LINK = re.compile(r"\[([^\]\n]{1,120})\]\(#[^)\s]{1,200}\)")


def _title_cased(entry: str) -> bool:
    """Most long words capitalised, as titles are ("Information We Do Not Collect"); a
    sentence ("We collect your location") is not."""
    long = [w for w in entry.split() if len(w) > 3 and w[:1].isalpha()]
    return sum(w[:1].isupper() for w in long) * 2 >= len(long)


def _is_toc_title(text: str) -> bool:
    """A contents title, alone or leading a line of links ("Table of contents:")."""
    return _TITLE_TRIM.sub(" ", text).strip().casefold() in _TOC_TITLES


def _toc_proof(added: bool, what: str) -> Proof:
    return Proof(
        "table-of-contents", f"table of contents {'added' if added else 'removed'}: {what}"
    )


def _entry(line: str) -> str:
    _, rest = _split_marker(line)
    rest = rest.lstrip(" \t>")
    return EMPHASIS.sub("", rest).strip()


def _link_masked(text: str, found: tuple[Link, ...]) -> str:
    pieces, done = [], 0
    for link in found:
        pieces += [text[done : link.start], "\x00", link.text if link.style != "bare" else ""]
        done = link.end
    pieces.append(text[done:])
    return normalize("".join(pieces))


def _entry_kind(entry: str, index: _Index | None, lenient: bool = False) -> str | None:
    """ "anchor" for links to this page's own anchors (any in-page anchor when `lenient`),
    "heading" for a heading's words."""
    found = links(entry)
    if found:
        rest = _link_masked(entry, found).replace("\x00", "")
        for link in found:
            rest = rest.replace(normalize(link.text), "", 1)
        if not _ENTRY_SEPARATORS.fullmatch(rest) and not _is_toc_title(rest):
            return None  # the links' own title may lead them ("In this notice: [Data](#data)")
        if all(link.target.startswith("#") for link in found):
            resolved = lenient or index is None or all(index.resolves(link) for link in found)
            return "anchor" if resolved else None
        if index is not None and all(_to_own_heading(link, index) for link in found):
            return "anchor"
        return None
    if index is not None and index.is_heading(entry):
        return "heading"
    return None


def _to_own_heading(link: Link, index: _Index) -> bool:
    """A link written in full to a section of this page ("https://example.com/privacy#sharing"
    under the text of one of its headings): a contents entry, as "#sharing" is."""
    return "#" in link.target and index.is_heading(link.text)


# -- documents ---------------------------------------------------------------------------------

_SLUG_DROP = re.compile(r"[^\w\- ]")
_ATTRIBUTE_ANCHOR = re.compile(r"""(?:id|name)=["']([^"'<>\s]{1,200})["']""")
_KRAMDOWN_ANCHOR = re.compile(r"\{#([\w\-]{1,200})\}")
_ANCHOR_MARKS = (("id=", _ATTRIBUTE_ANCHOR), ("name=", _ATTRIBUTE_ANCHOR), ("{#", _KRAMDOWN_ANCHOR))
"""Each explicit anchor's literal mark, and the pattern matched where the mark stands."""


def _word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _explicit_anchors(document: str) -> set[str]:
    """The ids and names a document's HTML and kramdown give its sections. Matched only where
    a mark stands (str.find): a pattern with no literal to start from scanned a whole 1 MB
    document at every position."""
    found = set()
    for mark, pattern in _ANCHOR_MARKS:
        at = document.find(mark)
        while at >= 0:
            boundary = mark == "{#" or at == 0 or not _word_character(document[at - 1])
            match = pattern.match(document, at) if boundary else None
            if match:
                found.add(match[1])
            at = document.find(mark, at + 1)
    return found


_LOWER_WORD = re.compile(r"\b[a-z][a-z']{0,40}\b")
_HEADING_LIST_MIN = 3


class _Index:
    """What the proofs look up in a whole document, computed once per document."""

    def __init__(self, document: str, parsed: Document | None = None) -> None:
        self.document = parsed if parsed is not None else parse(document)
        self.folded = once_per_text(_fold, [block.text for block in self.document.blocks])
        """Each block's text as the proofs compare it, folded once."""
        self.copies: dict[str, Counter[tuple[str, ...]]] = {}
        for block, folded in zip(self.document.blocks, self.folded, strict=True):
            # Not setdefault(folded, Counter()): that builds a Counter for every block.
            sections = self.copies.get(folded)
            if sections is None:
                sections = self.copies[folded] = Counter()
            sections[block.section] += 1
        headings = [block.text for block in self.document.blocks if block.kind is BlockKind.HEADING]
        self.headings = once_per_text(_heading_key, headings)
        slugs = set(once_per_text(_slug, headings))
        explicit = _explicit_anchors(document)
        self.anchors = frozenset(slugs | {anchor.lower() for anchor in explicit})
        self._text = document

    @cached_property
    def by_section(self) -> dict[tuple[str, ...], list[str]]:
        """The folded blocks of each section, so that a block is looked for in its own."""
        found: dict[tuple[str, ...], list[str]] = {}
        for block, folded in zip(self.document.blocks, self.folded, strict=True):
            found.setdefault(block.section, []).append(folded)
        return found

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
        """The block is one of at least three items, or three short paragraphs in a row (a
        contents list whose markup a capture lost), each a heading's words."""
        blocks = self.document.blocks
        key = _fold(block)
        for number, candidate in enumerate(blocks):
            kind = candidate.kind
            if self.folded[number] != key or kind not in (BlockKind.ITEM, BlockKind.PARAGRAPH):
                continue
            first, last = run_around(blocks, number)
            items = blocks[first : last + 1]
            # Under a contents title, one heading's words make a list ("Contents:" + items).
            titled = first > 0 and _is_toc_title(blocks[first - 1].text)
            # Under a contents title, an in-page link is an entry even where its anchor is
            # one the site makes and the text does not show ("#2-collection-and-storage").
            if len(items) >= (1 if titled else _HEADING_LIST_MIN) and all(
                _entry_kind(_entry(item.text), self, lenient=titled) for item in items
            ):
                return True
            # Three or more items, each only a link to an anchor of this page, are contents
            # though their anchors name no heading the text shows (a page captured in part).
            if len(items) >= _HEADING_LIST_MIN and all(
                _entry_kind(_entry(item.text), None) == "anchor" for item in items
            ):
                return True
        return False

    def sections_holding(self, fragment: str) -> list[tuple[str, ...]]:
        if not fragment:
            return []
        return [block.section for block in self.document.blocks if fragment in block.text]


_INDEXES: dict[str, _Index] = {}
INDEXES_KEPT = 4
"""Documents whose index is kept: a diff's two, and the last diff's."""


def _index(document: str, parsed: Document | None = None) -> _Index:
    """The document's index, built once (from its parse, when the caller has it)."""
    found = _INDEXES.get(document)
    if found is None:
        if len(_INDEXES) >= INDEXES_KEPT:
            del _INDEXES[next(iter(_INDEXES))]
        found = _INDEXES[document] = _Index(document, parsed)
    return found


def index_of(context: Context, old: bool) -> _Index:
    """The index of the context's old or new document."""
    document = context.old_document if old else context.new_document
    return _index(document, context.parsed[0 if old else 1])


def _heading_key(text: str) -> str:
    text = EMPHASIS.sub("", text).lstrip("#").strip()
    _, text = _split_marker(text)
    return _fold(re.sub(r"[^\w\s]", " ", text)).casefold()


def _slug(heading: str) -> str:
    title = EMPHASIS.sub("", heading).lstrip("#").strip().lower()
    return _SLUG_DROP.sub("", title).replace(" ", "-")
