"""A document's blocks for the diff, and their alignment: what stayed, changed or moved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import overload

from kpversion.diff.align import Region, exact_moves, gaps, pair_in_order, regions, similar_moves
from kpversion.diff.sections import majority, pair_counts
from kpversion.text.document import Block, BlockKind, ChunkBlock, Outline
from kpversion.text.normalize import normalize

BLOCK_WEIGHT = 2
HEADING_WEIGHT = 3
"""When the block alignment decides what stayed put, a heading outweighs a block a little.

So a paragraph moved past a heading is the move, not the heading; but two blocks kept in
place still outweigh one heading (a section moved among identically named ones)."""

ANCHOR_CHUNKS = 8
"""Fewest identical chunks in a row that fix the alignment inside a large text."""
ANCHOR_CELLS = 400_000_000
"""Largest alignment (old x new chunks, or block tokens between anchors) a large text gets; the
optimal alignment keeps a bit per cell."""


class Blocks(Sequence[Block]):
    """A document's blocks, each made only when asked for; kinds, texts and sections at hand.

    Large texts are mostly unchanged, and building every block would cost more than the diff.
    """

    def __init__(
        self,
        parts: list[ChunkBlock],
        sections: list[tuple[str, ...]],
        made: dict[int, Block],
        keys: dict[str, str] | None = None,
    ) -> None:
        self.parts = parts
        self.sections = sections
        self.made = made
        # Shared by both sides: repeated boilerplate is normalized once per diff, not per block.
        self.keys = {} if keys is None else keys
        self.chunks: list[str] = []
        self.chunk_starts: list[int] = []
        """The outline's chunks and the index of each one's first block (then len(self))."""

    @classmethod
    def of_blocks(cls, blocks: Sequence[Block], keys: dict[str, str]) -> Blocks:
        parts = [ChunkBlock(b.kind, b.text) for b in blocks]
        return cls(parts, [b.section for b in blocks], dict(enumerate(blocks)), keys)

    @classmethod
    def of_outline(
        cls, text: Outline, found: dict[str, tuple[ChunkBlock, ...]], keys: dict[str, str]
    ) -> Blocks:
        """The blocks `document` would build, with none of them built yet."""
        parts: list[ChunkBlock] = []
        sections: list[tuple[str, ...]] = []
        if text.front:
            parts.append(ChunkBlock(BlockKind.FRONT_MATTER, text.front))
            sections.append(())
        levels: list[int] = []
        section: tuple[str, ...] = ()
        starts: list[int] = []
        heading = BlockKind.HEADING
        # The heading levels of the current path; `section` holds the matching titles.
        for chunk in text.chunks:
            blocks = found[chunk]
            starts.append(len(parts))
            parts.extend(blocks)
            for block in blocks:
                if block.kind is heading:
                    level = block.level
                    while levels and levels[-1] >= level:
                        levels.pop()
                    section = (*section[: len(levels)], block.title)
                    levels.append(level)
                sections.append(section)
        made = cls(parts, sections, {}, keys)
        made.chunks, made.chunk_starts = text.chunks, [*starts, len(parts)]
        return made

    def __len__(self) -> int:
        return len(self.parts)

    @overload
    def __getitem__(self, index: int) -> Block: ...

    @overload
    def __getitem__(self, index: slice) -> list[Block]: ...

    def __getitem__(self, index: int | slice) -> Block | list[Block]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        block = self.made.get(index)
        if block is None:
            part = self.parts[index]
            block = self.made[index] = Block(part.kind, part.text, self.sections[index])
        return block

    def text(self, index: int) -> str:
        return self.parts[index].text

    def kind(self, index: int) -> BlockKind:
        return self.parts[index].kind

    def key(self, index: int) -> str:
        """The block's `key`, computed once per distinct text."""
        text = self.parts[index].text
        key = self.keys.get(text)
        if key is None:
            key = self.keys[text] = normalize(text)
        return key


@dataclass
class Alignment:
    """How old blocks map onto new ones."""

    equal: dict[int, int] = field(default_factory=dict)
    modified: dict[int, int] = field(default_factory=dict)
    moved: dict[int, int] = field(default_factory=dict)
    removed: list[int] = field(default_factory=list)
    added: list[int] = field(default_factory=list)
    region_of_old: dict[int, int] = field(default_factory=dict)
    region_of_new: dict[int, int] = field(default_factory=dict)


def align_blocks(old: Blocks, new: Blocks, anchored: bool = False) -> Alignment:
    whole = Region(0, len(old), 0, len(new))
    equal = _anchored_blocks(old, new) if anchored else _equal_blocks(old, new, whole)
    found = gaps(equal, len(old), len(new))
    alignment = Alignment(equal=dict(equal))
    for number, region in enumerate(found):
        alignment.region_of_old.update(dict.fromkeys(range(region.i1, region.i2), number))
        alignment.region_of_new.update(dict.fromkeys(range(region.j1, region.j2), number))
    old_left = sorted(alignment.region_of_old)
    new_left = sorted(alignment.region_of_new)
    exact = exact_moves([(i, old.key(i)) for i in old_left], [(j, new.key(j)) for j in new_left])
    alignment.moved.update(exact)
    _pair_regions(alignment, found, old, new)
    _move_similar(alignment, old, new)
    _pair_headings(alignment, old, new)
    new_taken = {*alignment.modified.values(), *alignment.moved.values()}
    alignment.removed = [i for i in old_left if not _old_taken(alignment, i)]
    alignment.added = [j for j in new_left if j not in new_taken]
    return alignment


def _anchored_blocks(old: Blocks, new: Blocks) -> list[tuple[int, int]]:
    """Equal blocks of a large text: long identical runs first, the usual alignment between."""
    equal: list[tuple[int, int]] = []
    i0 = j0 = 0
    for anchor in [*_chunk_anchors(old, new), Region(len(old), len(old), len(new), len(new))]:
        span = Region(i0, anchor.i1, j0, anchor.j1)
        # Past the guard nothing in the span stays put: its blocks are matched as moves instead.
        if (span.i2 - span.i1) * (span.j2 - span.j1) <= ANCHOR_CELLS // 4:
            equal.extend(_equal_blocks(old, new, span))
        equal.extend(zip(range(anchor.i1, anchor.i2), range(anchor.j1, anchor.j2), strict=True))
        i0, j0 = anchor.i2, anchor.j2
    return equal


def _chunk_anchors(old: Blocks, new: Blocks) -> list[Region]:
    """Block ranges of runs of at least ANCHOR_CHUNKS identical chunks in an optimal alignment.

    A run's end chunks stay free, so the block alignment still decides among alike neighbours.
    """
    if len(old.chunks) * len(new.chunks) > ANCHOR_CELLS:
        return []
    from rapidfuzz.distance import Indel

    ids: dict[str, int] = {}
    old_ids = [ids.setdefault(chunk, len(ids)) for chunk in old.chunks]
    new_ids = [ids.setdefault(chunk, len(ids)) for chunk in new.chunks]
    anchors: list[Region] = []
    for op in Indel.opcodes(old_ids, new_ids):
        if op.tag == "equal" and op.src_end - op.src_start >= ANCHOR_CHUNKS:
            first, last, shift = op.src_start + 1, op.src_end - 1, op.dest_start - op.src_start
            i1, i2 = old.chunk_starts[first], old.chunk_starts[last]
            j1, j2 = new.chunk_starts[first + shift], new.chunk_starts[last + shift]
            anchors.append(Region(i1, i2, j1, j2))
    return anchors


def _equal_blocks(old: Blocks, new: Blocks, span: Region) -> list[tuple[int, int]]:
    """Blocks of a span that stayed put: identical source first (cheap), then equal normalized.

    Only blocks whose source changed are normalized, which keeps large, mostly equal texts fast.
    """
    if span.i1 == span.i2 or span.j1 == span.j2:
        return []
    olds, news = old.parts[span.i1 : span.i2], new.parts[span.j1 : span.j2]
    old_w, new_w = [_weight(b.kind) for b in olds], [_weight(b.kind) for b in news]
    equal, found = regions([b.text for b in olds], [b.text for b in news], (old_w, new_w))
    for r in found:
        keys = (
            [old.key(i) for i in range(span.i1 + r.i1, span.i1 + r.i2)],
            [new.key(j) for j in range(span.j1 + r.j1, span.j1 + r.j2)],
        )
        weights = (old_w[r.i1 : r.i2], new_w[r.j1 : r.j2])
        inner, _ = regions(*keys, weights)
        equal.extend((r.i1 + i, r.j1 + j) for i, j in inner)
    return [(span.i1 + i, span.j1 + j) for i, j in sorted(equal)]


def _weight(kind: BlockKind) -> int:
    return HEADING_WEIGHT if kind is BlockKind.HEADING else BLOCK_WEIGHT


def _old_taken(alignment: Alignment, i: int) -> bool:
    return i in alignment.modified or i in alignment.moved or i in alignment.equal


def _pair_regions(alignment: Alignment, found: list[Region], old: Blocks, new: Blocks) -> None:
    moved_new = set(alignment.moved.values())
    for region in found:
        olds = [i for i in range(region.i1, region.i2) if i not in alignment.moved]
        news = [j for j in range(region.j1, region.j2) if j not in moved_new]
        # A heading pairs only with a heading, a block only with a block.
        families = (
            [old.kind(i) is BlockKind.HEADING for i in olds],
            [new.kind(j) is BlockKind.HEADING for j in news],
        )
        pairs = pair_in_order(
            [old.key(i) for i in olds], [new.key(j) for j in news], families=families
        )
        alignment.modified.update((olds[a], news[b]) for a, b in pairs)


def _move_similar(alignment: Alignment, old: Blocks, new: Blocks) -> None:
    new_taken = {*alignment.modified.values(), *alignment.moved.values()}
    olds = [
        (i, old.key(i)) for i in sorted(alignment.region_of_old) if not _old_taken(alignment, i)
    ]
    news = [(j, new.key(j)) for j in sorted(alignment.region_of_new) if j not in new_taken]
    alignment.moved.update(similar_moves(olds, news))


def _pair_headings(alignment: Alignment, old: Blocks, new: Blocks) -> None:
    """A renamed heading still matches: pair headings whose sections share their content."""
    new_taken = {*alignment.modified.values(), *alignment.moved.values()}
    free_old = {
        old.sections[i]: i
        for i in alignment.region_of_old
        if old.kind(i) is BlockKind.HEADING and not _old_taken(alignment, i)
    }
    free_new = [
        j
        for j in sorted(alignment.region_of_new)
        if new.kind(j) is BlockKind.HEADING and j not in new_taken
    ]
    if not free_old or not free_new:
        return
    paired = (alignment.equal, alignment.modified, alignment.moved)
    news = list(map(new.sections.__getitem__, chain.from_iterable(p.values() for p in paired)))
    olds = list(map(old.sections.__getitem__, chain.from_iterable(paired)))
    votes = majority(pair_counts(news, olds))
    for j in free_new:
        section = votes.get(new.sections[j])
        if section is None:
            continue
        i = free_old.pop(section, -1)
        if i < 0:
            continue
        same_region = alignment.region_of_old[i] == alignment.region_of_new[j]
        (alignment.modified if same_region else alignment.moved)[i] = j
