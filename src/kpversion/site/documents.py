"""What "compare any two versions" reads in the browser, written at build time.

- `<version>/document.json`: the revision's document model: its sections and blocks (kind,
  section, the text as a reader sees it, and the Markdown source where that differs).
- `compare/<old>...<new>/changes.json`: each consecutive comparison's classified changes, with
  the blocks they touch, and the block map (which old block each new block continues).

`static/compare.js` composes the maps of the revisions between any two versions to pair their
blocks, diffs the words of each changed pair (jsdiff), and gives each change the verdicts
kpversion recorded for the changes that made it, revision by revision.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Indel

from kpversion.change import Change, DiffResult
from kpversion.text.document import Document, parse
from kpversion.text.plain import plain_line, plain_text

FORMAT = 1
"""Version of the two JSON formats; `compare.js` refuses others."""


def document_data(version: str, text: str) -> dict[str, Any]:
    """document.json: sections (their heading paths, as plain text) and blocks."""
    document = parse(text)
    sections: list[list[str]] = []
    blocks: list[dict[str, Any]] = []
    for section in document.sections:
        sections.append([plain_line(title) for title in section.path])
        for block in section.blocks:
            blocks.append(_block(block.kind.value, block.text, len(sections) - 1))
    return {"format": FORMAT, "version": version, "sections": sections, "blocks": blocks}


def _block(kind: str, source: str, section: int) -> dict[str, Any]:
    text = reader_text(kind, source)
    block: dict[str, Any] = {"k": kind, "s": section, "t": text}
    if text != source:
        block["m"] = source
    return block


@lru_cache(maxsize=1 << 16)
def reader_text(kind: str, source: str) -> str:
    """A block as a reader sees it. Cached: the revisions of a statement share most blocks."""
    stripped = source.strip()
    if kind == "row" or (stripped.startswith("|") and "\n" not in stripped):
        return plain_line(source)
    if kind in ("code", "front-matter"):
        return source
    return plain_text(source, bullets="")


def changes_data(result: DiffResult, old: Document, new: Document) -> dict[str, Any]:
    """changes.json: the block map and every change with the blocks it touches."""
    return {
        "format": FORMAT,
        "old": result.old.label.rpartition("@")[2],
        "new": result.new.label.rpartition("@")[2],
        "map": block_map(result, old, new),
        "changes": [_change(change) for change in result.changes],
    }


def _change(change: Change) -> dict[str, Any]:
    return {
        "o": change.old_index,
        "n": change.new_index,
        "kind": change.kind.value,
        "unit": change.unit,
        "verdict": change.verdict.value,
        "direction": change.direction.value,
        "category": change.category,
        "rules": list(change.rules),
        "reason": change.reason,
    }


def block_map(result: DiffResult, old: Document, new: Document) -> list[int]:
    """For each block of the new text, the old block it continues (-1 for a new one): blocks
    equal in both texts (their longest common sequence), then the blocks each change pairs."""
    mapping = [-1] * len(new.blocks)
    keys_old = [block.key for block in old.blocks]
    keys_new = [block.key for block in new.blocks]
    for op in Indel.opcodes(keys_old, keys_new):
        if op.tag == "equal":
            for offset in range(op.dest_end - op.dest_start):
                mapping[op.dest_start + offset] = op.src_start + offset
    taken = set(mapping)
    for change in result.changes:
        o, n = change.old_index, change.new_index
        inside = 0 <= o < len(old.blocks) and 0 <= n < len(new.blocks)
        if inside and mapping[n] == -1 and o not in taken:
            mapping[n] = o
            taken.add(o)
    return mapping
