"""How alike two keys are: rapidfuzz `fuzz.ratio`, in time that grows with their difference.

`fuzz.ratio` with a `score_cutoff` confines its LCS to a band as wide as the distance the cutoff
allows, and returns the exact ratio when it reaches the cutoff (else 0). Two long, nearly equal
blocks asked at the diff's cutoffs (50%, 90%) cost a band half or a tenth as wide as the text:
quadratic, 0.9 s for two 160 KB paragraphs. Asked first at 99.5%, then lower, they cost about the
band their real distance needs, with the same result; keys so long that even that band is wide
are compared by their words.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

LONG_KEY = 2_000
"""Keys at least this long (in characters) on both sides are scored with descending cutoffs."""
_STEPS = (99.5, 98.0, 94.0, 85.0, 70.0)
"""The cutoffs tried before the caller's; each band is about twice or thrice the one before."""
BAND_CELLS = 200_000_000
"""Largest band (cells of the character LCS) one score may cost, a few milliseconds; past it,
two keys are compared by their words (a sixth as many items each, so a 36th of the cells)."""


def ratio(a: str, b: str, cutoff: float) -> float:
    """`fuzz.ratio(a, b, score_cutoff=cutoff)`, near-linear for long, nearly equal keys.

    Two keys too long to score by character within `BAND_CELLS` are scored by their words.
    """
    from rapidfuzz import fuzz

    if len(a) < LONG_KEY or len(b) < LONG_KEY:
        return fuzz.ratio(a, b, score_cutoff=cutoff)
    items: tuple[Sequence[str], Sequence[str]] = (a, b)
    for step in [*(step for step in _STEPS if step > cutoff), cutoff]:
        if items[0] is a and (100 - step) / 100 * len(a) * len(b) > BAND_CELLS:
            items = (a.split(), b.split())
        score = fuzz.ratio(*items, score_cutoff=step)
        if score:
            return score
    return 0.0


def score_rows(
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    cutoff: float,
    families: tuple[Sequence[Hashable], Sequence[Hashable]] | None = None,
) -> list[dict[int, float]]:
    """For each old key, the new keys (by index) it is at least cutoff% alike, and how alike.

    With families, only keys of the same family are scored. Each old key is scored against
    all of its candidates in one rapidfuzz call; pairs of long keys go through `ratio`.
    """
    from rapidfuzz import fuzz, process

    old_families, new_families = families or ([0] * len(old_keys), [0] * len(new_keys))
    groups: dict[Hashable, tuple[list[int], list[int]]] = {}
    for j, (key, family) in enumerate(zip(new_keys, new_families, strict=True)):
        short, long = groups.setdefault(family, ([], []))
        (long if len(key) >= LONG_KEY else short).append(j)
    rows: list[dict[int, float]] = []
    for key, family in zip(old_keys, old_families, strict=True):
        short, long = groups.get(family, ([], []))
        together = short if len(key) >= LONG_KEY else short + long
        found = process.extract(
            key, [new_keys[j] for j in together], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        row = {together[place]: score for _, score, place in found}
        if len(key) >= LONG_KEY:
            for j in long:
                score = ratio(key, new_keys[j], cutoff)
                if score:
                    row[j] = score
        rows.append(row)
    return rows


def best_match(key: str, choices: Sequence[str], cutoff: float) -> tuple[int, float] | None:
    """The first of the choices most alike key, at least cutoff% alike: (index, score).

    What `process.extractOne` finds; a long key is scored choice by choice through `ratio`.
    """
    from rapidfuzz import fuzz, process

    if len(key) < LONG_KEY:
        found = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        return None if found is None else (found[2], found[1])
    best: tuple[int, float] | None = None
    for place, choice in enumerate(choices):
        score = ratio(key, choice, cutoff)
        if score and (best is None or score > best[1]):
            best = (place, score)
    return best
