"""The verdict of two texts as the materiality tests read it, with the changes that carry it."""

from __future__ import annotations

from kpversion.change import Direction, Verdict
from kpversion.compare import compare
from kpversion.materiality import load_rules


def carried(old: str, new: str) -> tuple[Verdict, set[Direction], str]:
    """The verdict, the directions of the changes that carry it, and their reasons."""
    result = compare(old, new, rules=load_rules())
    changes = [c for c in result.changes if c.verdict is result.verdict]
    return result.verdict, {c.direction for c in changes}, "; ".join(c.reason for c in changes)


def strongest(old: str, new: str) -> tuple[Verdict, Direction, str]:
    """The verdict, and the direction and reason of the first change that carries it (neutral
    and empty when no change does)."""
    result = compare(old, new, rules=load_rules())
    changes = [c for c in result.changes if c.verdict is result.verdict]
    if not changes:
        return result.verdict, Direction.NEUTRAL, ""
    return result.verdict, changes[0].direction, changes[0].reason


def assert_material(old: str, new: str, direction: Direction, said: str = "") -> None:
    """The edit is material, its strongest change goes `direction`, and its reason says `said`."""
    verdict, found, reason = strongest(old, new)
    assert (verdict, found) == (Verdict.MATERIAL, direction), reason
    assert said in reason, reason


OPPOSITE = {
    Direction.MORE_PERMISSIVE: Direction.MORE_PROTECTIVE,
    Direction.MORE_PROTECTIVE: Direction.MORE_PERMISSIVE,
}


def assert_both_ways(
    before: str, after: str, direction: Direction, said: str = "", said_back: str = ""
) -> None:
    """The edit is material and goes `direction`; undone, it is material the other way."""
    assert_material(before, after, direction, said)
    assert_material(after, before, OPPOSITE[direction], said_back)


def assert_non_material(old: str, new: str) -> None:
    verdict, _, reason = strongest(old, new)
    assert verdict is Verdict.NON_MATERIAL, reason
