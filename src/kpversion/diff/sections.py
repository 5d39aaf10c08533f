"""Which section of one text faces which section of the other, by a vote of their blocks."""

from __future__ import annotations

HeadingPath = tuple[str, ...]


def majority(
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


def pair_counts(
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
