"""The new text's blocks rebuilt from the old text and the changes (`apply`)."""

from __future__ import annotations

from collections import defaultdict, deque

from kpversion.change import ChangeKind, DiffResult
from kpversion.text.document import parse


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
