"""A statement's Markdown as a document: sections, blocks, sentences and words.

Blocks are the units the structural diff aligns: headings, paragraphs, list items, table rows
and a few verbatim kinds (code, HTML, rules, front matter). Each block keeps its exact source
text; `key` is the normalized form used only for comparing (see `normalize`).
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from kpversion.versionline import LABELS

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    ROW = "row"
    CODE = "code"
    HTML = "html"
    RULE = "rule"
    FRONT_MATTER = "front-matter"


PROSE = frozenset({BlockKind.PARAGRAPH, BlockKind.ITEM})

_CHARS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
        "\u00ad": "",
    }
)
_LINE_MARKER = re.compile(r"^\s*(?:>\s*)*(?:#{1,6}\s+|[-*+•◦▪‣·●○■□➢►]\s+)?")
_EMPHASIS = re.compile(r"(?<!\w)[*_]+|[*_]+(?!\w)")
_LINE_MARKERS = re.compile(_LINE_MARKER.pattern.replace(r"\s", r"[ \t]"), re.MULTILINE)
_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
# Spaces around punctuation make the spacing next to it insignificant when comparing.
_SPACED = str.maketrans({c: f" {c} " for c in string.punctuation.replace("_", "") + "§¶…"})
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
)
_VERSION_LINE = re.compile(
    rf"^\W*(?P<label>{'|'.join(LABELS)})\s*(?:[:\-]|\bon\b)?\s*(?P<date>{_DATE})\W*$",
    re.IGNORECASE,
)
_VERSION_LINES = re.compile(
    rf"^[^\w\n]*(?P<label>{'|'.join(LABELS)})[ \t]*(?:[:\-]|\bon\b)?[ \t]*"
    rf"(?P<date>{_DATE})[^\w\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_ITEM_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s+|$)")
_BULLET_LINE = re.compile(r"\n(?=\s*[•◦▪‣●○■]\s)")
_TOKEN = re.compile(r"\s+|(?:\w+|[^\w\s])\s*")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def is_version_line(text: str) -> bool:
    """True for the statement's own version line, e.g. "Last reviewed/updated: January 24, 2023"."""
    return _VERSION_LINE.match(_plain_line(text)) is not None


def normalize(text: str) -> str:
    """The form texts are compared in; stored text is never altered.

    Folds whitespace (including spacing around punctuation) and line wrapping, Unicode quotes
    and dashes, bullet glyphs, heading and quote markers, Markdown emphasis, and the date in
    the statement's own version line.
    """
    plain = unicodedata.normalize("NFKC", text.translate(_CHARS))
    plain = _EMPHASIS.sub("", _LINE_MARKERS.sub("", plain))
    if _DIGIT.search(plain):
        plain = _VERSION_LINES.sub(_version_key, plain)
    return " ".join(plain.translate(_SPACED).split())


def _version_key(match: re.Match[str]) -> str:
    return f"{' '.join(match['label'].lower().split())}: {{date}}"


def _plain_line(line: str) -> str:
    line = unicodedata.normalize("NFKC", line.translate(_CHARS))
    line = _LINE_MARKER.sub("", line, count=1)
    return _EMPHASIS.sub("", line).strip()


@dataclass(frozen=True)
class Word:
    """A word or punctuation character with the whitespace that follows it."""

    text: str
    key: str


def words(text: str) -> list[Word]:
    """Split text into tokens whose texts concatenate back to `text` exactly.

    Emphasis markers and other tokens that normalize to nothing join the following token, so
    `**bold**` compares equal to `bold`.
    """
    tokens: list[Word] = []
    pending = ""
    for match in _TOKEN.finditer(text):
        raw = match.group()
        key = _token_key(raw)
        if not key:
            pending += raw
            continue
        tokens.append(Word(pending + raw, key))
        pending = ""
    if pending:
        if tokens:
            tokens[-1] = Word(tokens[-1].text + pending, tokens[-1].key)
        else:
            tokens.append(Word(pending, ""))
    return tokens


def _token_key(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw.translate(_CHARS)).strip().strip("*_")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a block: its exact text (with trailing space) and where it starts."""

    text: str
    start: int

    @cached_property
    def key(self) -> str:
        return normalize(self.text)


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, table row, heading or verbatim block, with its section path."""

    kind: BlockKind
    text: str
    section: tuple[str, ...]

    @cached_property
    def key(self) -> str:
        return normalize(self.text)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        if self.kind not in PROSE:
            return (Sentence(self.text, 0),)
        return tuple(split_sentences(self.text))


@dataclass(frozen=True)
class Section:
    """A heading and the blocks under it, up to the next heading; path () is the preamble."""

    path: tuple[str, ...]
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> Block | None:
        first = self.blocks[0] if self.blocks else None
        return first if first is not None and first.kind is BlockKind.HEADING else None


@dataclass(frozen=True)
class Document:
    """A parsed statement: its blocks in reading order, headings included."""

    text: str
    blocks: tuple[Block, ...]

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        groups: list[list[Block]] = []
        for block in self.blocks:
            if block.kind is BlockKind.HEADING or not groups:
                groups.append([])
            groups[-1].append(block)
        return tuple(Section(group[0].section, tuple(group)) for group in groups)


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


def parse(text: str) -> Document:
    """Parse Markdown (CommonMark with tables) into a document."""
    front = _FRONT_MATTER.match(text)
    skip = text[: front.end()].count("\n") if front else 0
    lines = text.splitlines()
    builder = _Builder(lines)
    if front:
        builder.add(BlockKind.FRONT_MATTER, (0, skip))
    for token in _markdown().parse("\n" * skip + text[front.end() :] if front else text):
        builder.feed(token)
    return Document(text, tuple(builder.blocks))


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Blocks are all the diff needs; inline parsing would double the time.
    return MarkdownIt("commonmark").enable("table").disable("inline")


class _Builder:
    """Turns markdown-it's token stream into blocks, tracking the heading path."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.path: list[tuple[int, str]] = []
        self.lists = 0
        self.heading: tuple[int, list[int] | None] | None = None

    def section(self) -> tuple[str, ...]:
        return tuple(title for _, title in self.path)

    def add(self, kind: BlockKind, span: tuple[int, int] | list[int] | None) -> None:
        if span is None:
            return
        text = "\n".join(self.lines[span[0] : span[1]]).rstrip()
        if text.strip():
            self.blocks.append(Block(kind, text, self.section()))

    def feed(self, token: Token) -> None:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists -= 1
        elif kind == "heading_open":
            self.heading = (int(token.tag[1:]), token.map)
        elif kind == "inline" and self.heading:
            self._heading(*self.heading, token.content)
            self.heading = None
        elif kind in _SIMPLE:
            self._simple(token)

    def _heading(self, level: int, span: list[int] | None, content: str) -> None:
        while self.path and self.path[-1][0] >= level:
            self.path.pop()
        self.path.append((level, _SPACE.sub(" ", _EMPHASIS.sub("", content)).strip()))
        self.add(BlockKind.HEADING, span)

    def _simple(self, token: Token) -> None:
        kind = _SIMPLE[token.type]
        if kind is BlockKind.PARAGRAPH and self.lists:
            kind = BlockKind.ITEM
        self.add(kind, token.map)


_SIMPLE = {
    "paragraph_open": BlockKind.PARAGRAPH,
    "tr_open": BlockKind.ROW,
    "fence": BlockKind.CODE,
    "code_block": BlockKind.CODE,
    "html_block": BlockKind.HTML,
    "hr": BlockKind.RULE,
}
