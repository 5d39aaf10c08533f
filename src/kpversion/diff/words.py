"""Word diffs: segments of two texts and the minimal word edits of a change."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from kpversion.change import EditOp, WordEdit
from kpversion.text.alignment import opcodes
from kpversion.text.normalize import tokens

SENTENCE_END = frozenset(".!?;:")


class Segment(NamedTuple):
    """A stretch of a word diff: tag is "equal", "replace", "insert" or "delete"."""

    tag: str
    old: str
    new: str


def segments(old: str, new: str) -> list[Segment]:
    """The word-level diff of two texts; the old and new parts concatenate back to them."""
    return list(_segments(old, new))


def word_edits(old: str, new: str) -> tuple[WordEdit, ...]:
    """Minimal word edits: one changed word is one edit."""
    return tuple(
        WordEdit(EditOp(seg.tag), seg.old.strip(), seg.new.strip())
        for seg in _segments(old, new)
        if seg.tag != "equal"
    )


@lru_cache(maxsize=1024)
def _segments(old: str, new: str) -> tuple[Segment, ...]:
    # Cached: the diff finds a change's word edits and its redline later shows the same two
    # texts (text, markdown and html formats, the site), so each pair is tokenised once.
    (a, a_keys), (b, b_keys) = tokens(old), tokens(new)
    ops = _slide(_merge(opcodes(a_keys, b_keys)), a_keys, b_keys)
    return tuple(
        Segment(tag, "".join(a[i1:i2]), "".join(b[j1:j2]))
        for tag, i1, i2, j1, j2 in ops
        if i1 != i2 or j1 != j2
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
