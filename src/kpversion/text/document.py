"""A statement's Markdown as a document: sections and blocks, cut into chunks and parsed.

Blocks are the units the structural diff aligns: headings, paragraphs, list items, table rows
and a few verbatim kinds (code, HTML, rules, front matter). Each block keeps its exact source
text; `key` is the normalized form used only for comparing (see `normalize`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from kpversion.text.normalize import EMPHASIS, normalize
from kpversion.text.sentences import Sentence, split_sentences

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
_SPACE = re.compile(r"\s+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FENCE_STARTS = frozenset(" `~")
_ODD_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_ODD_OPENERS = {"`": "```", "~": "~~~", "<": "<!--"}
_DEEPEST_LIST = 9
"""Lists nested deeper than this exceed markdown-it's limit (20 levels, two per list)."""
_CUT = re.compile(r"\n[ \t]*\n(?=[^ \t\n])")
_PLAIN_START = r"(?:[A-Za-z\"'(]|\*\*[^\s*])"
_PLAIN = re.compile(_PLAIN_START)
# Up to four spaces or a tab after the marker: five spaces would start indented code.
_BULLET_ITEM = re.compile(rf"( *)[-*+]( {{1,4}}|\t){_PLAIN_START}")
# The title holds a character other than a space: a lookahead finds it, and the title is then
# taken whole (as `[^#\\]*[^#\\\s][^#\\]*`, a long title ending in "#" was quadratic).
_ATX = re.compile(r"(#{1,6})[ \t]++(?=[^#\\]*?[^#\\\s])([^#\\]*+)")
_ESCAPED_SPLIT = re.compile(r"(?<!\\)\|")
_DELIMITER_ROW = re.compile(r"\|[-:| \t]+")
_DELIMITER_CELL = re.compile(r":?-+:?")
_MAX_TABLE_CELLS = 0x10000
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


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


def run_around(blocks: Sequence[Block], index: int) -> tuple[int, int]:
    """The first and last index of the run of blocks of the kind at `index` around it: the
    list an item stands in, the table a row stands in."""
    kind = blocks[index].kind
    first, last = index, index
    while first > 0 and blocks[first - 1].kind is kind:
        first -= 1
    while last + 1 < len(blocks) and blocks[last + 1].kind is kind:
        last += 1
    return first, last


PARSED_KEPT = 8
"""Documents kept by text: the classifier reads the two texts of a comparison in several
places (their sections, lists, headings), and a run over a history reads each revision twice,
as the new text of one pair and the old text of the next."""
_parsed: dict[str, Document] = {}


def parse(text: str) -> Document:
    """Parse Markdown (CommonMark with tables) into a document."""
    return parse_many([text])[0]


def parse_many(texts: list[str]) -> list[Document]:
    """Parse several texts at once (revisions of one statement, typically).

    Each text is cut into chunks at blank lines that no block spans; each distinct chunk is
    parsed once, so the parts the texts share cost nothing the second time. The last few
    documents are kept (documents are immutable), so a text parsed again costs a lookup.
    """
    known = {text: _parsed[text] for text in texts if text in _parsed}
    missing = [text for text in dict.fromkeys(texts) if text not in known]
    if missing:
        outlines = [outline(text) for text in missing]
        found = structure([chunk for o in outlines for chunk in o.chunks])
        made: dict[tuple[ChunkBlock, tuple[str, ...]], Block] = {}
        documents = (document(o, found, made) for o in outlines)
        for text, parsed in zip(missing, documents, strict=True):
            known[text] = parsed
            if len(_parsed) >= PARSED_KEPT:
                del _parsed[next(iter(_parsed))]
            _parsed[text] = parsed
    return [known[text] for text in texts]


class Outline(NamedTuple):
    """A text cut into chunks that parse independently, and its front matter block."""

    text: str
    front: str
    chunks: list[str]


class ChunkBlock(NamedTuple):
    """A block as its chunk alone determines it: everything but its section."""

    kind: BlockKind
    text: str
    level: int = 0
    title: str = ""


def outline(text: str) -> Outline:
    front = _FRONT_MATTER.match(text)
    skip = text[: front.end()].count("\n") if front else 0
    body = text.rfind("\n", 0, front.end()) + 1 if front and skip else 0
    chunks = _CUT.split(text[body:]) if body < len(text) else []
    if chunks and chunks[-1].endswith("\n"):
        chunks[-1] = chunks[-1][:-1]
    if _odd(text):
        lines = text.splitlines()
        chunks = ["\n".join(lines[a:b]) for a, b in _chunks(lines, skip)]
        return Outline(text, "\n".join(lines[:skip]).rstrip(), chunks)
    return Outline(text, text[: body - 1].rstrip() if skip else "", chunks)


def _odd(text: str) -> bool:
    """True if cutting at blank lines alone could go wrong: fences, comments, other breaks."""
    # Besides "\r", these line breaks split lines for str.splitlines but not for "\n". A scan
    # for one character is much faster than for several, or than one regex over a statement,
    # so each marker is looked for only when its first character is there.
    if any(opener in text and marker in text for opener, marker in _ODD_OPENERS.items()):
        return True
    return any(char in text for char in _ODD_BREAKS)


def document(
    outline: Outline,
    found: dict[str, tuple[ChunkBlock, ...]],
    made: dict[tuple[ChunkBlock, tuple[str, ...]], Block] | None = None,
) -> Document:
    """The outline's document, given the blocks of its chunks (see `structure`).

    `made` holds the blocks already made, by chunk block and section: a block is immutable,
    so the revisions parsed together share each block they share, and what it computes once
    (its key, its sentences) each revision's diff finds done."""
    made = {} if made is None else made
    path: list[tuple[int, str]] = []
    section: tuple[str, ...] = ()
    blocks: list[Block] = []
    if outline.front:
        blocks.append(Block(BlockKind.FRONT_MATTER, outline.front, ()))
    for chunk in outline.chunks:
        for block in found[chunk]:
            if block.kind is BlockKind.HEADING:
                while path and path[-1][0] >= block.level:
                    path.pop()
                path.append((block.level, block.title))
                section = tuple(title for _, title in path)
            shared = made.get((block, section))
            if shared is None:
                shared = made[block, section] = Block(block.kind, block.text, section)
            blocks.append(shared)
    return Document(outline.text, tuple(blocks))


CHUNKS_KEPT = 50_000
"""Chunks whose blocks are kept: a chunk's blocks depend on its text alone, and a comparison
reads its two texts three times (the diff, the classifier's documents, the trivial proofs),
a run over a history each revision twice; most chunks of consecutive revisions are equal."""
_structured: dict[str, tuple[ChunkBlock, ...]] = {}


def structure(chunks: list[str]) -> dict[str, tuple[ChunkBlock, ...]]:
    """The blocks of each distinct chunk: common shapes directly, the rest through markdown-it."""
    found: dict[str, tuple[ChunkBlock, ...]] = {}
    hard: list[str] = []
    for chunk in dict.fromkeys(chunks):
        known = _structured.get(chunk)
        if known is not None:
            found[chunk] = known
            continue
        spans = _quick_spans(chunk)
        if spans is None:
            hard.append(chunk)
        else:
            found[chunk] = _chunk_blocks(chunk, spans)
    if hard:
        for chunk, spans in _parse_chunks(hard).items():
            found[chunk] = _chunk_blocks(chunk, spans)
    if len(_structured) + len(found) > CHUNKS_KEPT:
        _structured.clear()
    _structured.update(found)
    return found


def _chunk_blocks(chunk: str, spans: list[_Span]) -> tuple[ChunkBlock, ...]:
    lines = chunk.split("\n")
    blocks = []
    for span in spans:
        text = "\n".join(lines[span.start : span.end]).rstrip()
        if text.strip():
            blocks.append(ChunkBlock(span.kind, text, span.level, span.title))
    return tuple(blocks)


def _quick_spans(chunk: str) -> list[_Span] | None:
    """The spans markdown-it would find, for a chunk of the commonest shape, else None.

    The shape: an optional ATX heading, plain paragraph lines, then one-line bullet items, where
    plain lines start with a letter or a quote (so nothing can begin a new block there).
    """
    lines = chunk.split("\n")
    while lines and not lines[-1].strip(" \t"):
        lines.pop()
    if lines and lines[0][:1] == "|":
        return _table_spans(lines)
    spans: list[_Span] = []
    n = 0
    heading = _ATX.fullmatch(lines[0]) if lines else None
    if heading:
        spans.extend(_heading_span_at(0, len(heading[1]), heading[2]))
        n = 1
    start = n
    while n < len(lines) and _PLAIN.match(lines[n]):
        n += 1
    if n > start:
        spans.append(_Span(BlockKind.PARAGRAPH, start, n))
    items = _item_spans(lines, n)
    return None if items is None else spans + items


def _item_spans(lines: list[str], start: int) -> list[_Span] | None:
    """One-line bullet items, nested or not, blank lines between, from start to the end.

    An item nests in the innermost open item whose content column its marker reaches; a
    marker four or more columns past that would be indented code or continue the line before,
    and a tenth level of lists is past markdown-it's nesting limit: both are left to it.
    """
    spans: list[_Span] = []
    columns: list[int] = []
    for number in range(start, len(lines)):
        line = lines[number]
        if not line.strip(" \t"):
            continue
        item = _BULLET_ITEM.match(line)
        if item is None:
            return None
        indent, gap = len(item[1]), item[2]
        while columns and columns[-1] > indent:
            columns.pop()
        if indent - (columns[-1] if columns else 0) > 3 or len(columns) >= _DEEPEST_LIST:
            return None
        columns.append(indent + 1 + (4 - (indent + 1) % 4 if gap == "\t" else len(gap)))
        spans.append(_Span(BlockKind.ITEM, number, number + 1))
    return spans


def _table_spans(lines: list[str]) -> list[_Span] | None:
    """The rows of a pipe table whose every line starts with "|", as markdown-it finds them.

    Such a line can neither end the table nor start another block; the header and delimiter
    rows decide whether it is a table at all.
    """
    columns = _delimiter_columns(lines[1]) if len(lines) > 1 else 0
    header = lines[0].strip(" \t")
    if not columns or header != header.strip() or any(line[:1] != "|" for line in lines):
        return None
    cells = _ESCAPED_SPLIT.split(header)[1:]
    if cells and cells[-1] == "":
        cells.pop()
    # markdown-it stops padding short rows at 65,536 cells; leave such tables to it.
    if len(cells) != columns or columns * len(lines) > _MAX_TABLE_CELLS:
        return None
    return [_Span(BlockKind.ROW, n, n + 1) for n in range(len(lines)) if n != 1]


def _delimiter_columns(line: str) -> int:
    """How many columns a table delimiter row such as "|---|:-:|" declares; 0 if it is none."""
    if not _DELIMITER_ROW.fullmatch(line):
        return 0
    parts = [part.strip() for part in line.split("|")]
    inner = parts[1:-1] if parts[-1] == "" else parts[1:]
    return len(inner) if all(_DELIMITER_CELL.fullmatch(part) for part in inner) else 0


def _heading_span_at(line: int, level: int, content: str) -> list[_Span]:
    title = _SPACE.sub(" ", EMPHASIS.sub("", content)).strip()
    return [_Span(BlockKind.HEADING, line, line + 1, level, title)]


class _Span(NamedTuple):
    """A block's lines inside a chunk; headings also carry their level and title."""

    kind: BlockKind
    start: int
    end: int
    level: int = 0
    title: str = ""


def _chunks(lines: list[str], start: int) -> list[tuple[int, int]]:
    """Line ranges separated by blank lines outside fences and comments, before unindented text."""
    chunks: list[tuple[int, int]] = []
    first = start
    fence = ""
    comment = False
    for number in range(start, len(lines)):
        line = lines[number]
        if line[:1] in _FENCE_STARTS:
            fence = _fence_state(fence, line)
        if "<!--" in line or comment:
            comment = (
                "-->" not in line.rpartition("<!--")[2] if "<!--" in line else "-->" not in line
            )
        if line.strip(" \t") or fence or comment:
            continue
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if following[:1] not in ("", " ", "\t") and number > first:
            chunks.append((first, number))
            first = number + 1
    if first < len(lines):
        chunks.append((first, len(lines)))
    return chunks


def _fence_state(fence: str, line: str) -> str:
    match = _FENCE.match(line)
    if not match:
        return fence
    marker = match.group(1)
    if not fence:
        return marker
    closes = marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip()[len(marker) :]
    return "" if closes else fence


def _parse_chunks(texts: list[str]) -> dict[str, list[_Span]]:
    """Spans of each distinct chunk, each parsed by markdown-it on its own.

    One run over all chunks joined would be no faster, and would let one chunk change another:
    markdown-it drops the rest of its input once lists nest past its limit.
    """
    parser = _markdown()
    return {chunk: _spans(parser.parse(chunk)) for chunk in dict.fromkeys(texts)}


def _spans(tokens: list[Token]) -> list[_Span]:
    spans: list[_Span] = []
    lists = 0
    heading: Token | None = None
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif kind == "heading_open":
            heading = token
        elif kind == "inline" and heading is not None:
            spans.extend(_heading_span(heading, token.content))
            heading = None
        elif kind in _SIMPLE and token.map:
            block_kind = _SIMPLE[kind]
            if block_kind is BlockKind.PARAGRAPH and lists:
                block_kind = BlockKind.ITEM
            spans.append(_Span(block_kind, token.map[0], token.map[1]))
    return spans


def _heading_span(token: Token, content: str) -> list[_Span]:
    if not token.map:
        return []
    title = _SPACE.sub(" ", EMPHASIS.sub("", content)).strip()
    return [_Span(BlockKind.HEADING, token.map[0], token.map[1], int(token.tag[1:]), title)]


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Blocks are all the diff needs; inline parsing would double the time.
    return MarkdownIt("commonmark").enable("table").disable("inline")


_SIMPLE = {
    "paragraph_open": BlockKind.PARAGRAPH,
    "tr_open": BlockKind.ROW,
    "fence": BlockKind.CODE,
    "code_block": BlockKind.CODE,
    "html_block": BlockKind.HTML,
    "hr": BlockKind.RULE,
}
