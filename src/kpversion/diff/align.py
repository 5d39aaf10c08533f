"""Sequence alignment: equal pairs and the regions between them, alike pairs, moves.

Works on sequences of keys (normalized texts) of blocks or sentences alike: `regions` takes an
optimal LCS (rapidfuzz `Indel.opcodes`), `pair_in_order` pairs alike texts inside a region
without crossing, `match_moves` pairs texts that left one place for another.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Sequence
from itertools import accumulate
from typing import NamedTuple

from kpversion.diff.similarity import best_match, score_rows

SIMILAR = 90
"""Percent similarity (rapidfuzz `fuzz.ratio` on keys) at which text found elsewhere is a move."""
PAIRED = 50
"""Percent similarity at which a block replacing another in place is `modified`."""
PAIR_CELLS = 40_000
"""Largest in-place region (old x new units) searched for modified pairs."""
MOVE_CELLS = 4_000_000
"""Largest unmatched set (old x new units) searched for similar moves."""


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
    families: tuple[Sequence[Hashable], Sequence[Hashable]] | None = None,
) -> list[tuple[int, int]]:
    """Non-crossing pairs of alike texts maximizing total similarity (a small DP).

    With families, only texts of the same family pair. Most pairs score nothing, so each row
    of the DP is the row above, raised where a pair scores, then carried forward (a running
    max, in C); each old text is scored against all new ones in one rapidfuzz call.
    """
    n, m = len(old_keys), len(new_keys)
    if not n or not m or n * m > PAIR_CELLS:
        return []
    rows = score_rows(old_keys, new_keys, cutoff, families)
    best = [[0.0] * (m + 1)]
    for row in rows:
        above = best[-1]
        reach = above[1:]
        for j, score in row.items():
            gain = above[j] + score
            if gain > reach[j]:
                reach[j] = gain
        best.append(list(accumulate(reach, max, initial=0.0)))
    return _backtrack(best, rows)


def _backtrack(best: list[list[float]], rows: list[dict[int, float]]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    i, j = len(rows), len(best[0]) - 1
    while i and j:
        score = rows[i - 1].get(j - 1, 0.0)
        if score and best[i][j] == best[i - 1][j - 1] + score:
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
    return pairs + similar_moves(left, rest)


def exact_moves(
    old_items: Sequence[tuple[int, str]], new_items: Sequence[tuple[int, str]]
) -> list[tuple[int, int]]:
    """Pairs (old id, new id) of texts identical after normalization, first come first served."""
    by_key: dict[str, deque[int]] = defaultdict(deque)
    for ident, key in old_items:
        by_key[key].append(ident)
    return [(by_key[key].popleft(), ident) for ident, key in new_items if by_key.get(key)]


def similar_moves(
    old_items: list[tuple[int, str]], new_items: list[tuple[int, str]]
) -> list[tuple[int, int]]:
    if not old_items or not new_items or len(old_items) * len(new_items) > MOVE_CELLS:
        return []
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
        found = best_match(key, [old_items[place][1] for place in spots], SIMILAR)
        if found is not None:
            place = spots[found[0]]
            free[place] = False
            pairs.append((old_items[place][0], ident))
    return pairs
