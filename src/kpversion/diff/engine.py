"""Structural diff: two statements' documents become a list of changes in reading order.

Two levels (docs/decisions/0004-two-level-diff.md): blocks are aligned with rapidfuzz's optimal LCS
(`Indel.opcodes`) over their normalized keys; inside a changed block, sentences are aligned the
same way and words by `kpversion.text.alignment` (difflib with autojunk off, and rapidfuzz for
long passages: docs/decisions/0005-long-passages-on-rapidfuzz.md).

A block (or sentence) that left one place and turned up elsewhere, identical after
normalization or at least `SIMILAR`% alike, is one `moved` change. Blocks equal after
normalization whose source differs are `format` changes.

Every change records the blocks it concerns (`old_index`, `new_index`), so `apply` rebuilds the
new document's blocks from the old text and the changes.
"""

from __future__ import annotations

from kpversion.change import Change, DiffResult, Side
from kpversion.diff.blocks import Blocks, align_blocks
from kpversion.diff.emit import Emitter
from kpversion.text.document import Document, Outline, outline, structure

LARGE_CHARS = 200_000
LARGE_BLOCKS = 2_000
"""Beyond either size a text is anchored first: runs of identical chunks are fixed as equal.

Aligning every block of a large text costs several times git's whole diff; anchoring keeps the
result of normal statements (well below both sizes) exactly as the plain alignment finds it."""


def diff_texts(
    old_text: str, new_text: str, old_label: str = "old", new_label: str = "new"
) -> DiffResult:
    """All changes from old_text to new_text (Markdown), unclassified (see materiality)."""
    outlines = _one_object_per_chunk(outline(old_text), outline(new_text))
    found = structure([chunk for o in outlines for chunk in o.chunks])
    keys: dict[str, str] = {}
    old, new = (Blocks.of_outline(o, found, keys) for o in outlines)
    large = max(len(old_text), len(new_text)) > LARGE_CHARS
    anchored = large or max(len(old), len(new)) > LARGE_BLOCKS
    emitter = Emitter(old, new, align_blocks(old, new, anchored), whole_blocks=anchored)
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
        Blocks.of_blocks(old.blocks, keys),
        Blocks.of_blocks(new.blocks, keys),
    )
    return Emitter(old_blocks, new_blocks, align_blocks(old_blocks, new_blocks)).changes()


__all__ = ["LARGE_BLOCKS", "LARGE_CHARS", "diff_documents", "diff_texts"]
