"""The change emitter: an alignment of blocks becomes changes in the new text's reading order.

Changed blocks are diffed again by sentence, and removed or added sentences matched as moves.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from kpversion.change import Change, ChangeKind, WordEdit
from kpversion.diff.align import Region, match_moves, pair_in_order, regions
from kpversion.diff.blocks import Alignment, Blocks
from kpversion.diff.sections import majority, pair_counts
from kpversion.diff.words import word_edits
from kpversion.text.document import PROSE, Block, BlockKind
from kpversion.text.sentences import Sentence


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


class Emitter:
    """Turns an alignment into changes sorted in the new text's reading order.

    Sentences removed from or added to a paragraph are matched as moves, and so are the
    sentences of removed and added paragraphs: a paragraph merged into another, or split in two,
    shows as moved sentences. A removed or added block none of whose sentences moved stays one
    block change. With `whole_blocks` (large texts) removed and added blocks are not split.
    """

    def __init__(
        self, old: Blocks, new: Blocks, alignment: Alignment, whole_blocks: bool = False
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

    def __init__(self, alignment: Alignment, old: Blocks, new: Blocks) -> None:
        in_order = sorted((*alignment.equal.items(), *alignment.modified.items()))
        self.kept_old = [i for i, _ in in_order]
        self.kept_new = [j for _, j in in_order]
        counts = pair_counts(
            list(map(old.sections.__getitem__, self.kept_old)),
            list(map(new.sections.__getitem__, self.kept_new)),
        )
        self.old_to_new = majority(counts)
        self.new_to_old = majority({(b, a): n for (a, b), n in counts.items()})
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
