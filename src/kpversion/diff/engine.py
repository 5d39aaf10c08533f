"""Structural diff: two statements' documents become a list of changes in reading order.

Two levels, as measured in DEPENDENCIES.md: blocks are aligned with rapidfuzz's optimal LCS
(`Indel.opcodes`) over their normalized keys; inside a changed block, sentences are aligned the
same way and words with `difflib.SequenceMatcher(autojunk=False)`, behind a size guard.

A block (or sentence) that left one place and turned up elsewhere, identical after
normalization or at least `SIMILAR`% alike, is one `moved` change. Blocks equal after
normalization whose source differs are `format` changes.

Every change records the blocks it concerns (`old_index`, `new_index`), so `apply` rebuilds the
new document's blocks from the old text and the changes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, chain
from typing import NamedTuple, overload

from kpversion.change import Change, ChangeKind, DiffResult, EditOp, Side, WordEdit
from kpversion.text.document import (
    PROSE,
    Block,
    BlockKind,
    ChunkBlock,
    Document,
    Outline,
    Sentence,
    normalize,
    outline,
    parse,
    structure,
    words,
)

HeadingPath = tuple[str, ...]

SIMILAR = 90
"""Percent similarity (rapidfuzz `fuzz.ratio` on keys) at which text found elsewhere is a move."""
PAIRED = 50
"""Percent similarity at which a block replacing another in place is `modified`."""
PAIR_CELLS = 40_000
"""Largest in-place region (old x new units) searched for modified pairs."""
MOVE_CELLS = 4_000_000
"""Largest unmatched set (old x new units) searched for similar moves."""
WORD_CELLS = 4_000_000
"""Largest word diff (old x new tokens); beyond it a text is shown replaced whole."""
BLOCK_WEIGHT = 2
HEADING_WEIGHT = 3
"""When the block alignment decides what stayed put, a heading outweighs a block a little.

So a paragraph moved past a heading is the move, not the heading; but two blocks kept in
place still outweigh one heading (a section moved among identically named ones)."""
SENTENCE_END = frozenset(".!?;:")
LARGE_CHARS = 200_000
LARGE_BLOCKS = 2_000
"""Beyond either size a text is anchored first: runs of identical chunks are fixed as equal.

Aligning every block of a large text costs several times git's whole diff; anchoring keeps the
result of normal statements (well below both sizes) exactly as the plain alignment finds it."""
ANCHOR_CHUNKS = 8
"""Fewest identical chunks in a row that fix the alignment inside a large text."""
ANCHOR_CELLS = 400_000_000
"""Largest alignment (old x new chunks, or block tokens between anchors) a large text gets; the
optimal alignment keeps a bit per cell."""


def diff_texts(
    old_text: str, new_text: str, old_label: str = "old", new_label: str = "new"
) -> DiffResult:
    """All changes from old_text to new_text (Markdown), unclassified (see materiality)."""
    outlines = _one_object_per_chunk(outline(old_text), outline(new_text))
    found = structure([chunk for o in outlines for chunk in o.chunks])
    keys: dict[str, str] = {}
    old, new = (_Blocks.of_outline(o, found, keys) for o in outlines)
    large = max(len(old_text), len(new_text)) > LARGE_CHARS
    anchored = large or max(len(old), len(new)) > LARGE_BLOCKS
    emitter = _Emitter(old, new, align_blocks(old, new, anchored), whole_blocks=anchored)
    changes = emitter.changes()
    return DiffResult(Side(old_label, old_text), Side(new_label, new_text), tuple(changes))


def _one_object_per_chunk(*outlines: Outline) -> list[Outline]:
    """The outlines with equal chunks made one string object.

    Chunks are looked up several times per diff; a lookup that finds the very same object skips
    comparing the whole chunk, and most chunks of two revisions are equal.
    """
    canonical: dict[str, str] = {}
    return [o._replace(chunks=[canonical.setdefault(c, c) for c in o.chunks]) for o in outlines]


def diff_documents(old: Document, new: Document) -> list[Change]:
    keys: dict[str, str] = {}
    old_blocks, new_blocks = (
        _Blocks.of_blocks(old.blocks, keys),
        _Blocks.of_blocks(new.blocks, keys),
    )
    return _Emitter(old_blocks, new_blocks, align_blocks(old_blocks, new_blocks)).changes()


class _Blocks(Sequence[Block]):
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
    def of_blocks(cls, blocks: Sequence[Block], keys: dict[str, str]) -> _Blocks:
        parts = [ChunkBlock(b.kind, b.text) for b in blocks]
        return cls(parts, [b.section for b in blocks], dict(enumerate(blocks)), keys)

    @classmethod
    def of_outline(
        cls, text: Outline, found: dict[str, tuple[ChunkBlock, ...]], keys: dict[str, str]
    ) -> _Blocks:
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


# --- sequence alignment ------------------------------------------------------------------


class Region(NamedTuple):
    """A stretch where the old and new sequences differ: old[i1:i2] became new[j1:j2]."""

    i1: int
    i2: int
    j1: int
    j2: int


def regions(
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    weights: tuple[Sequence[int], Sequence[int]] | None = None,
) -> tuple[list[tuple[int, int]], list[Region]]:
    """Equal pairs of an optimal LCS alignment, and the regions between them.

    With weights, an item of weight w counts w times, so the alignment prefers to keep it in
    place (headings, so that moving a paragraph past one moves the paragraph, not the heading).
    """
    equal = _lcs_pairs(old_keys, new_keys, weights)
    return equal, gaps(equal, len(old_keys), len(new_keys))


def gaps(equal: list[tuple[int, int]], n_old: int, n_new: int) -> list[Region]:
    """The regions between sorted equal pairs."""
    found: list[Region] = []
    i0 = j0 = 0
    for i, j in [*equal, (n_old, n_new)]:
        if i > i0 or j > j0:
            found.append(Region(i0, i, j0, j))
        i0, j0 = i + 1, j + 1
    return found


def _lcs_pairs(
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    weights: tuple[Sequence[int], Sequence[int]] | None,
) -> list[tuple[int, int]]:
    from rapidfuzz.distance import Indel

    old_w, new_w = weights or ([1] * len(old_keys), [1] * len(new_keys))
    # Small integers, not hashes: rapidfuzz matches them much faster, with the same result.
    ids: dict[tuple[str, int], int] = {}
    old_ids = [ids.setdefault(pair, len(ids)) for pair in zip(old_keys, old_w, strict=True)]
    new_ids = [ids.setdefault(pair, len(ids)) for pair in zip(new_keys, new_w, strict=True)]
    old_starts, old_tokens = _expand(old_ids, old_w)
    new_starts, new_tokens = _expand(new_ids, new_w)
    pairs: list[tuple[int, int]] = []
    for op in Indel.opcodes(old_tokens, new_tokens):
        if op.tag == "equal":
            pairs.extend(
                _run_pairs(op.src_start, op.src_end, op.dest_start, old_starts, new_starts)
            )
    return pairs


def _expand(ids: list[int], weights: Sequence[int]) -> tuple[list[int], list[int]]:
    """Each key as `weight` distinct tokens, and where each key's tokens start."""
    starts = list(accumulate(weights, initial=0))
    if all(weight == 1 for weight in weights):
        return starts, ids
    tokens = [
        key * 4 + part for key, weight in zip(ids, weights, strict=True) for part in range(weight)
    ]
    return starts, tokens


def _run_pairs(
    src_start: int, src_end: int, dest_start: int, old_starts: list[int], new_starts: list[int]
) -> Iterable[tuple[int, int]]:
    """The keys an equal token run holds whole, paired in order.

    Equal tokens carry the same key, weight and part, so a key whose tokens all lie in the run
    faces a whole key of the other side, and consecutive keys face consecutive keys.
    """
    first = bisect_left(old_starts, src_start)
    stop = bisect_right(old_starts, src_end) - 1
    if first >= stop:
        return ()
    partner = bisect_left(new_starts, old_starts[first] - src_start + dest_start)
    return zip(range(first, stop), range(partner, partner + stop - first), strict=True)


def pair_in_order(
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    cutoff: float = PAIRED,
    compatible: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int]]:
    """Non-crossing pairs of alike texts maximizing total similarity (a small DP)."""
    n, m = len(old_keys), len(new_keys)
    if not n or not m or n * m > PAIR_CELLS:
        return []
    from rapidfuzz import fuzz

    def score(i: int, j: int) -> float:
        if compatible is not None and not compatible(i, j):
            return 0.0
        return fuzz.ratio(old_keys[i], new_keys[j], score_cutoff=cutoff)

    scores = [[score(i, j) for j in range(m)] for i in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n):
        for j in range(m):
            gain = best[i][j] + scores[i][j] if scores[i][j] else 0.0
            best[i + 1][j + 1] = max(best[i][j + 1], best[i + 1][j], gain)
    return _backtrack(best, scores)


def _backtrack(best: list[list[float]], scores: list[list[float]]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    i, j = len(scores), len(scores[0])
    while i and j:
        if scores[i - 1][j - 1] and best[i][j] == best[i - 1][j - 1] + scores[i - 1][j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def match_moves(
    old_items: Sequence[tuple[int, str]], new_items: Sequence[tuple[int, str]]
) -> list[tuple[int, int]]:
    """Pairs (old id, new id) of texts identical after normalization, then SIMILAR% alike."""
    pairs = exact_moves(old_items, new_items)
    taken_old = {old for old, _ in pairs}
    taken_new = {new for _, new in pairs}
    left = [item for item in old_items if item[0] not in taken_old]
    rest = [item for item in new_items if item[0] not in taken_new]
    return pairs + _similar_moves(left, rest)


def exact_moves(
    old_items: Sequence[tuple[int, str]], new_items: Sequence[tuple[int, str]]
) -> list[tuple[int, int]]:
    """Pairs (old id, new id) of texts identical after normalization, first come first served."""
    by_key: dict[str, deque[int]] = defaultdict(deque)
    for ident, key in old_items:
        by_key[key].append(ident)
    return [(by_key[key].popleft(), ident) for ident, key in new_items if by_key.get(key)]


def _similar_moves(
    old_items: list[tuple[int, str]], new_items: list[tuple[int, str]]
) -> list[tuple[int, int]]:
    if not old_items or not new_items or len(old_items) * len(new_items) > MOVE_CELLS:
        return []
    from rapidfuzz import fuzz, process

    # fuzz.ratio is at most 200 * short / (short + long) percent, so only keys whose lengths
    # are close enough can reach SIMILAR (9:11 at 90); the bounds below are a little looser.
    # The rest are left out before scoring; candidates keep their order, so ties break alike.
    order = sorted(range(len(old_items)), key=lambda place: len(old_items[place][1]))
    lengths = [len(old_items[place][1]) for place in order]
    free = [True] * len(old_items)
    pairs: list[tuple[int, int]] = []
    for ident, key in new_items:
        size = len(key)
        low = bisect_left(lengths, SIMILAR * size // (200 - SIMILAR) - 1)
        high = bisect_right(lengths, (200 - SIMILAR) * size // SIMILAR + 1)
        spots = sorted(place for place in order[low:high] if free[place])
        if not spots:
            continue
        found = process.extractOne(
            key, [old_items[place][1] for place in spots], scorer=fuzz.ratio, score_cutoff=SIMILAR
        )
        if found is not None:
            place = spots[found[2]]
            free[place] = False
            pairs.append((old_items[place][0], ident))
    return pairs


# --- block alignment ---------------------------------------------------------------------


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


def align_blocks(old: _Blocks, new: _Blocks, anchored: bool = False) -> Alignment:
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


def _anchored_blocks(old: _Blocks, new: _Blocks) -> list[tuple[int, int]]:
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


def _chunk_anchors(old: _Blocks, new: _Blocks) -> list[Region]:
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


def _equal_blocks(old: _Blocks, new: _Blocks, span: Region) -> list[tuple[int, int]]:
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


def _pair_regions(alignment: Alignment, found: list[Region], old: _Blocks, new: _Blocks) -> None:
    moved_new = set(alignment.moved.values())
    for region in found:
        olds = [i for i in range(region.i1, region.i2) if i not in alignment.moved]
        news = [j for j in range(region.j1, region.j2) if j not in moved_new]

        def compatible(a: int, b: int, olds: list[int] = olds, news: list[int] = news) -> bool:
            return _same_family(old.kind(olds[a]), new.kind(news[b]))

        pairs = pair_in_order(
            [old.key(i) for i in olds], [new.key(j) for j in news], compatible=compatible
        )
        alignment.modified.update((olds[a], news[b]) for a, b in pairs)


def _same_family(a: BlockKind, b: BlockKind) -> bool:
    return (a is BlockKind.HEADING) == (b is BlockKind.HEADING)


def _move_similar(alignment: Alignment, old: _Blocks, new: _Blocks) -> None:
    new_taken = {*alignment.modified.values(), *alignment.moved.values()}
    olds = [
        (i, old.key(i)) for i in sorted(alignment.region_of_old) if not _old_taken(alignment, i)
    ]
    news = [(j, new.key(j)) for j in sorted(alignment.region_of_new) if j not in new_taken]
    alignment.moved.update(_similar_moves(olds, news))


def _pair_headings(alignment: Alignment, old: _Blocks, new: _Blocks) -> None:
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
    votes = _majority(_pair_counts(news, olds))
    for j in free_new:
        section = votes.get(new.sections[j])
        if section is None:
            continue
        i = free_old.pop(section, -1)
        if i < 0:
            continue
        same_region = alignment.region_of_old[i] == alignment.region_of_new[j]
        (alignment.modified if same_region else alignment.moved)[i] = j


# --- words -------------------------------------------------------------------------------


class Segment(NamedTuple):
    """A stretch of a word diff: tag is "equal", "replace", "insert" or "delete"."""

    tag: str
    old: str
    new: str


def segments(old: str, new: str) -> list[Segment]:
    """The word-level diff of two texts; the old and new parts concatenate back to them."""
    a, b = words(old), words(new)
    if len(a) * len(b) > WORD_CELLS:
        return [Segment("replace", old, new)]
    import difflib

    a_keys, b_keys = [t.key for t in a], [t.key for t in b]
    matcher = difflib.SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    ops = _slide(_merge(matcher.get_opcodes()), a_keys, b_keys)
    return [
        Segment(tag, "".join(t.text for t in a[i1:i2]), "".join(t.text for t in b[j1:j2]))
        for tag, i1, i2, j1, j2 in ops
        if i1 != i2 or j1 != j2
    ]


def word_edits(old: str, new: str) -> tuple[WordEdit, ...]:
    """Minimal word edits: one changed word is one edit."""
    return tuple(
        WordEdit(EditOp(seg.tag), seg.old.strip(), seg.new.strip())
        for seg in segments(old, new)
        if seg.tag != "equal"
    )


def _merge(
    opcodes: Iterable[tuple[str, int, int, int, int]],
) -> list[tuple[str, int, int, int, int]]:
    merged: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if merged and tag != "equal" and merged[-1][0] != "equal":
            _, pi1, _, pj1, _ = merged[-1]
            merged[-1] = ("replace" if pi1 != i2 and pj1 != j2 else tag, pi1, i2, pj1, j2)
        else:
            merged.append((tag, i1, i2, j1, j2))
    return merged


def _slide(
    ops: list[tuple[str, int, int, int, int]], a: list[str], b: list[str]
) -> list[tuple[str, int, int, int, int]]:
    """Move each pure insertion or deletion to the most readable of its equivalent places.

    Between equal stretches an inserted run can often shift by whole tokens without changing
    the result; prefer the place where it ends a sentence, else the leftmost one (like git).
    """
    ops = list(ops)
    for k in range(1, len(ops) - 1):
        tag = ops[k][0]
        if tag in ("insert", "delete") and ops[k - 1][0] == "equal" and ops[k + 1][0] == "equal":
            _slide_one(ops, k, b if tag == "insert" else a, tag == "insert")
    return ops


def _slide_one(
    ops: list[tuple[str, int, int, int, int]], k: int, seq: list[str], inserted: bool
) -> None:
    tag, i1, i2, j1, j2 = ops[k]
    start, end = (j1, j2) if inserted else (i1, i2)
    prev, nxt = ops[k - 1], ops[k + 1]
    room_left = prev[2] - prev[1]
    room_right = nxt[2] - nxt[1]
    left = 0
    while left < room_left and seq[start - left - 1] == seq[end - left - 1]:
        left += 1
    right = 0
    while right < room_right and end + right < len(seq) and seq[start + right] == seq[end + right]:
        right += 1
    shifts = range(-left, right + 1)
    best = max(shifts, key=lambda s: (seq[end + s - 1] in SENTENCE_END, -abs(s + left)))
    if best == 0:
        return
    ops[k - 1] = (prev[0], prev[1], prev[2] + best, prev[3], prev[4] + best)
    ops[k] = (tag, i1 + best, i2 + best, j1 + best, j2 + best)
    ops[k + 1] = (nxt[0], nxt[1] + best, nxt[2], nxt[3] + best, nxt[4])


# --- changes -----------------------------------------------------------------------------


@dataclass
class _Pending:
    """A sentence-level removal or addition that may still turn out to be a move.

    A sentence of a removed block has no new block (`block_new` -1); one of an added block has
    no old block (`block_old` -1).
    """

    block_old: int
    block_new: int
    sentence: Sentence
    order: tuple[int, ...]
    whole_order: tuple[int, ...] | None = None
    """For the first sentence of a removed or added block: where the block's change goes if
    none of its sentences moved."""

    @property
    def in_whole_block(self) -> bool:
        """Whether the sentence belongs to a removed or added block."""
        return self.block_old < 0 or self.block_new < 0


class _Emitter:
    """Turns an alignment into changes sorted in the new text's reading order.

    Sentences removed from or added to a paragraph are matched as moves, and so are the
    sentences of removed and added paragraphs: a paragraph merged into another, or split in two,
    shows as moved sentences. A removed or added block none of whose sentences moved stays one
    block change. With `whole_blocks` (large texts) removed and added blocks are not split.
    """

    def __init__(
        self, old: _Blocks, new: _Blocks, alignment: Alignment, whole_blocks: bool = False
    ) -> None:
        self.old = old
        self.new = new
        self.alignment = alignment
        self.whole_blocks = whole_blocks
        self.entries: list[tuple[tuple[int, ...], Change]] = []
        self.removed_sentences: list[_Pending] = []
        self.added_sentences: list[_Pending] = []
        self.sections = _SectionMap(alignment, self.old, self.new)

    def changes(self) -> list[Change]:
        old_parts, new_parts = self.old.parts, self.new.parts
        reformatted = [
            (i, j)
            for i, j in self.alignment.equal.items()
            if old_parts[i].text != new_parts[j].text
        ]
        for i, j in reformatted:
            self._emit((j, 0, 1, 0), self._block_change(ChangeKind.FORMAT, i, j))
        for i, j in self.alignment.modified.items():
            self._modified(i, j)
        for i, j in self.alignment.moved.items():
            self._emit((j, 0, 1, 0), self._block_change(ChangeKind.MOVED, i, j))
        for i in self.alignment.removed:
            self._removed_block(i)
        for j in self.alignment.added:
            self._added_block(j)
        self._sentence_moves()
        return [change for _, change in sorted(self.entries, key=lambda entry: entry[0])]

    def _removed_block(self, i: int) -> None:
        order = (self.sections.anchor(i), -1, 0, i)
        if not self._splits(self.old[i]):
            self._emit(order, self._block_change(ChangeKind.REMOVED, i, -1))
            return
        self.removed_sentences.extend(
            _Pending(i, -1, sentence, (*order, p), None if p else order)
            for p, sentence in enumerate(self.old[i].sentences)
        )

    def _added_block(self, j: int) -> None:
        order = (j, 0, 1, 0)
        if not self._splits(self.new[j]):
            self._emit(order, self._block_change(ChangeKind.ADDED, -1, j))
            return
        self.added_sentences.extend(
            _Pending(-1, j, sentence, (j, q, 1, 0), None if q else order)
            for q, sentence in enumerate(self.new[j].sentences)
        )

    def _splits(self, block: Block) -> bool:
        """Whether a removed or added block's sentences are searched for moves."""
        return not self.whole_blocks and block.kind in PROSE

    def _emit(self, order: tuple[int, ...], change: Change) -> None:
        self.entries.append((order, change))

    def _block_change(self, kind: ChangeKind, i: int, j: int) -> Change:
        old_block = self.old[i] if i >= 0 else None
        new_block = self.new[j] if j >= 0 else None
        edits: tuple[WordEdit, ...] = ()
        if (
            old_block
            and new_block
            and kind is not ChangeKind.FORMAT
            and self.old.key(i) != self.new.key(j)
        ):
            edits = word_edits(old_block.text, new_block.text)
        block = old_block or new_block
        unit = "heading" if block is not None and block.kind is BlockKind.HEADING else "block"
        return Change(
            kind=kind,
            old_section=old_block.section if old_block else self.sections.old_for(j),
            new_section=new_block.section if new_block else self.sections.new_for(i),
            old=old_block.text if old_block else "",
            new=new_block.text if new_block else "",
            edits=edits,
            unit=unit,
            old_context=old_block.text if old_block else "",
            new_context=new_block.text if new_block else "",
            old_index=i,
            new_index=j,
        )

    def _modified(self, i: int, j: int) -> None:
        old_block, new_block = self.old[i], self.new[j]
        if old_block.kind not in PROSE or new_block.kind not in PROSE:
            self._emit((j, 0, 1, 0), self._block_change(ChangeKind.MODIFIED, i, j))
            return
        a, b = old_block.sentences, new_block.sentences
        _, found = regions([s.key for s in a], [s.key for s in b])
        if not found:
            self._emit((j, 0, 1, 0), self._block_change(ChangeKind.MODIFIED, i, j))
        for region in found:
            self._sentence_region(i, j, region)

    def _sentence_region(self, i: int, j: int, region: Region) -> None:
        a = self.old[i].sentences[region.i1 : region.i2]
        b = self.new[j].sentences[region.j1 : region.j2]
        pairs = pair_in_order([s.key for s in a], [s.key for s in b])
        paired_a = {p for p, _ in pairs}
        paired_b = {q for _, q in pairs}
        for p, q in pairs:
            change = self._sentence_change(ChangeKind.MODIFIED, i, j, a[p], b[q])
            self._emit((j, region.j1 + q, 1, 0), change)
        for p, sentence in enumerate(a):
            if p not in paired_a:
                anchor = region.j1 + min([q for pp, q in pairs if pp > p], default=len(b))
                self.removed_sentences.append(_Pending(i, j, sentence, (j, anchor, 0, p)))
        for q, sentence in enumerate(b):
            if q not in paired_b:
                self.added_sentences.append(_Pending(i, j, sentence, (j, region.j1 + q, 1, 0)))

    def _sentence_change(
        self, kind: ChangeKind, i: int, j: int, a: Sentence | None, b: Sentence | None
    ) -> Change:
        old_text = a.text.strip() if a else ""
        new_text = b.text.strip() if b else ""
        edits = word_edits(old_text, new_text) if a and b and a.key != b.key else ()
        return Change(
            kind=kind,
            old_section=self.old[i].section if i >= 0 else self.sections.old_for(j),
            new_section=self.new[j].section if j >= 0 else self.sections.new_for(i),
            old=old_text,
            new=new_text,
            edits=edits,
            unit="sentence",
            old_context=self.old[i].text if i >= 0 else "",
            new_context=self.new[j].text if j >= 0 else "",
            old_index=i,
            new_index=j,
            old_start=a.start + len(a.text) - len(a.text.lstrip()) if a else -1,
        )

    def _sentence_moves(self) -> None:
        removed, added = self.removed_sentences, self.added_sentences
        pairs = match_moves(
            [(n, p.sentence.key) for n, p in enumerate(removed)],
            [(n, p.sentence.key) for n, p in enumerate(added)],
        )
        for r, a in pairs:
            src, dst = removed[r], added[a]
            change = self._sentence_change(
                ChangeKind.MOVED, src.block_old, dst.block_new, src.sentence, dst.sentence
            )
            moved = replace(change, leaves_block=src.block_new < 0, forms_block=dst.block_old < 0)
            self._emit(dst.order, moved)
        self._unmoved(ChangeKind.REMOVED, removed, {r for r, _ in pairs})
        self._unmoved(ChangeKind.ADDED, added, {a for _, a in pairs})

    def _unmoved(self, kind: ChangeKind, pending: list[_Pending], moved: set[int]) -> None:
        """Sentences that did not move, as sentence changes; but a removed or added block none
        of whose sentences moved stays one block change."""
        removal = kind is ChangeKind.REMOVED

        def block(p: _Pending) -> int:
            return p.block_old if removal else p.block_new

        split = {block(pending[n]) for n in moved if pending[n].in_whole_block}
        for n, p in enumerate(pending):
            if n in moved:
                continue
            if p.in_whole_block and block(p) not in split:
                if p.whole_order is not None:
                    i, j = (block(p), -1) if removal else (-1, block(p))
                    self._emit(p.whole_order, self._block_change(kind, i, j))
                continue
            old, new = (p.sentence, None) if removal else (None, p.sentence)
            self._emit(p.order, self._sentence_change(kind, p.block_old, p.block_new, old, new))


class _SectionMap:
    """Which section of the other text a section corresponds to, by heading and content."""

    def __init__(self, alignment: Alignment, old: _Blocks, new: _Blocks) -> None:
        in_order = sorted((*alignment.equal.items(), *alignment.modified.items()))
        self.kept_old = [i for i, _ in in_order]
        self.kept_new = [j for _, j in in_order]
        counts = _pair_counts(
            list(map(old.sections.__getitem__, self.kept_old)),
            list(map(new.sections.__getitem__, self.kept_new)),
        )
        self.old_to_new = _majority(counts)
        self.new_to_old = _majority({(b, a): n for (a, b), n in counts.items()})
        self.old, self.new = old, new

    def old_for(self, j: int) -> tuple[str, ...]:
        section = self.new.sections[j]
        return self.new_to_old.get(section, section)

    def new_for(self, i: int) -> tuple[str, ...]:
        section = self.old.sections[i]
        return self.old_to_new.get(section, section)

    def anchor(self, i: int) -> int:
        """Where in the new text the removed old block i used to sit: before the new place of
        the next old block that stayed (equal or modified), else at the end."""
        following = bisect_right(self.kept_old, i)
        return self.kept_new[following] if following < len(self.kept_new) else len(self.new)


def _majority(
    counts: dict[tuple[HeadingPath, HeadingPath], int],
) -> dict[HeadingPath, HeadingPath]:
    """For each of my sections, the section of theirs its blocks face most (the first on ties).

    `counts` holds how many blocks of mine face blocks of theirs, in order of first occurrence.
    """
    best: dict[HeadingPath, tuple[HeadingPath, int]] = {}
    for (section, other), count in counts.items():
        if section not in best or count > best[section][1]:
            best[section] = (other, count)
    return {section: other for section, (other, _) in best.items()}


def _pair_counts(
    mine: list[HeadingPath], theirs: list[HeadingPath]
) -> dict[tuple[HeadingPath, HeadingPath], int]:
    """How often each (mine, theirs) pair occurs, in order of first occurrence.

    The blocks of a section share one tuple, so a run of blocks is counted by identity and only
    its pair is hashed; counting every pair of thousands of blocks cost more than the diff.
    """
    counts: dict[tuple[HeadingPath, HeadingPath], int] = {}
    section: HeadingPath = ()
    other: HeadingPath = ()
    run = 0
    for mine_now, theirs_now in zip(mine, theirs, strict=True):
        if mine_now is section and theirs_now is other:
            run += 1
            continue
        if run:
            counts[section, other] = counts.get((section, other), 0) + run
        section, other, run = mine_now, theirs_now, 1
    if run:
        counts[section, other] = counts.get((section, other), 0) + run
    return counts


# --- apply -------------------------------------------------------------------------------


def apply(old_text: str, result: DiffResult) -> list[str]:
    """Rebuild the new document's blocks from the old text and the changes.

    Blocks a change consumes (its `old_index`) leave; blocks it produces (its `new_index`) take
    their place; every other old block is kept, in order. A sentence moved out of a kept block
    is cut from it, and a kept block that received a moved sentence becomes its new context; a
    sentence that leaves a removed block consumes it, one that forms a new block produces it.
    Compare the result with the new document's blocks after `normalize`.
    """
    old_blocks = [b.text for b in parse(old_text).blocks]
    produced: dict[int, str] = {}
    consumed: set[int] = set()
    received: dict[int, str] = {}
    cut: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for change in result.changes:
        if change.kind is ChangeKind.MOVED and change.unit == "sentence":
            if change.leaves_block:
                consumed.add(change.old_index)
            else:
                cut[change.old_index].append((change.old_start, change.old))
            (produced if change.forms_block else received)[change.new_index] = change.new_context
            continue
        if change.old_index >= 0:
            consumed.add(change.old_index)
        if change.new_index >= 0:
            produced[change.new_index] = (
                change.new_context if change.unit == "sentence" else change.new
            )
    kept = deque(i for i in range(len(old_blocks)) if i not in consumed)
    total = len(kept) + len(produced)
    rebuilt: list[str] = []
    for j in range(total):
        if j in produced:
            rebuilt.append(produced[j])
            continue
        i = kept.popleft()
        rebuilt.append(received.get(j) or _cut(old_blocks[i], cut.get(i, [])))
    return rebuilt


def _cut(text: str, sentences: list[tuple[int, str]]) -> str:
    """The text without the sentences, each given with where it starts; the last goes first,
    so the places of the others still hold."""
    for start, sentence in sorted(sentences, reverse=True):
        text = text[:start] + text[start + len(sentence) :]
    return text


__all__ = [
    "SIMILAR",
    "Alignment",
    "Segment",
    "apply",
    "diff_documents",
    "diff_texts",
    "normalize",
    "segments",
    "word_edits",
]
