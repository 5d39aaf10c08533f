"""Word alignment: the opcodes that turn one token sequence into another, at any length.

A passage of up to `WORD_CELLS` token pairs is aligned by `difflib.SequenceMatcher` with
autojunk off: its longest-match-first result reads best (one changed word is one edit). difflib
is quadratic, and with autojunk on it gives up on repetitive text (the project's dependency
notes measured a whole 174 KB document replaced where 98 words changed), so a longer passage is
aligned by rapidfuzz's `Levenshtein.opcodes`, banded by the distance it first measures and linear
in memory (Hirschberg): 28,000 tokens a side in about 10 ms, where difflib takes minutes. Its
equal runs of at least `ANCHOR_TOKENS` tokens anchor the result, and each stretch between two
anchors is aligned again by difflib, so a long passage reads like a short one.

Only passages too unlike to align within `BAND_CELLS` come back replaced whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

Opcode = tuple[str, int, int, int, int]
"""(tag, i1, i2, j1, j2) as `difflib.SequenceMatcher.get_opcodes` gives them."""

WORD_CELLS = 4_000_000
"""Largest passage (old x new tokens) aligned by difflib alone."""
BAND_CELLS = 2_000_000_000
"""Largest band (tokens x distance) rapidfuzz may search; past it a passage is replaced whole."""
ANCHOR_TOKENS = 3
"""Fewest equal tokens in a row that the long alignment keeps as they are."""


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """Opcodes from a to b, equal runs included, as difflib gives them."""
    if len(a) * len(b) <= WORD_CELLS:
        return _difflib(a, b)
    ids: dict[Hashable, int] = {}
    a_ids = [ids.setdefault(token, len(ids)) for token in a]
    b_ids = [ids.setdefault(token, len(ids)) for token in b]
    anchors = _anchors(a_ids, b_ids)
    if anchors is None:
        return [("replace", 0, len(a), 0, len(b))]
    found: list[Opcode] = []
    i0 = j0 = 0
    for i1, i2, j1, j2 in [*anchors, (len(a), len(a), len(b), len(b))]:
        found.extend(_between(a_ids, b_ids, i0, i1, j0, j1))
        if i2 > i1:
            found.append(("equal", i1, i2, j1, j2))
        i0, j0 = i2, j2
    return found


def _difflib(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    import difflib

    return list(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())


def _anchors(a: list[int], b: list[int]) -> list[tuple[int, int, int, int]] | None:
    """The long equal runs of rapidfuzz's alignment, or None if too unlike to align in budget."""
    from rapidfuzz.distance import Levenshtein

    most = BAND_CELLS // max(len(a), len(b))
    # The tokens one side has and the other lacks bound the distance from below: a hint that
    # is never too low by much, so the banded search rarely has to widen.
    missing = Counter(a)
    missing.subtract(b)
    hint = max(sum(abs(count) for count in missing.values()) // 2, 1)
    if hint > most:
        return None
    distance = Levenshtein.distance(a, b, score_cutoff=most, score_hint=hint)
    if distance > most:
        return None
    return [
        (op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in Levenshtein.opcodes(a, b, score_hint=max(distance, 1))
        if op.tag == "equal" and op.src_end - op.src_start >= ANCHOR_TOKENS
    ]


def _between(a: list[int], b: list[int], i1: int, i2: int, j1: int, j2: int) -> list[Opcode]:
    """The stretch a[i1:i2] -> b[j1:j2] between two anchors, aligned again."""
    if i1 == i2 and j1 == j2:
        return []
    if i1 == i2 or j1 == j2:
        return [("insert" if i1 == i2 else "delete", i1, i2, j1, j2)]
    if (i2 - i1) * (j2 - j1) > WORD_CELLS:
        return [("replace", i1, i2, j1, j2)]
    return [
        (tag, i1 + p1, i1 + p2, j1 + q1, j1 + q2)
        for tag, p1, p2, q1, q2 in _difflib(a[i1:i2], b[j1:j2])
    ]
