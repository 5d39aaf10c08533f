"""Evidence: what one rule found in one change, and the helpers every check makes it with.

Each check returns evidence: a rule of the table in docs/legal.md, the verdict and direction it
points to, the OPP-115 category, and a reason quoting the words that changed. The classifier
turns a change's evidence into its verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

from kpversion.change import Direction, Verdict
from kpversion.materiality.ruleset import Rules
from kpversion.text.clip import clip

PERMISSIVE = Direction.MORE_PERMISSIVE
PROTECTIVE = Direction.MORE_PROTECTIVE
UNKNOWN = Direction.UNKNOWN
NEUTRAL = Direction.NEUTRAL

_OPPOSITE = {PERMISSIVE: PROTECTIVE, PROTECTIVE: PERMISSIVE}


@dataclass(frozen=True)
class Evidence:
    """What one rule found in one change: the evidence behind a verdict."""

    rule: str
    verdict: Verdict
    direction: Direction
    category: str
    reason: str
    block: bool = False
    weight: int = 0
    """How much of a claim the evidence is about (differences.WEIGHTS)."""

    @property
    def strength(self) -> tuple[int, bool, int, bool]:
        return (self.verdict.rank, self.block, self.weight, self.direction is PERMISSIVE)


def by_rule(rules: Rules, rule: str, direction: Direction, category: str, reason: str) -> Evidence:
    """Evidence for `rule` with the verdict the rules give it."""
    return Evidence(rule, rules.row(rule).verdict, direction, category, reason)


def opposite(direction: Direction) -> Direction:
    """Permissive for protective and back; neutral and unknown stay as they are."""
    return _OPPOSITE.get(direction, direction)


def one_line(text: str, limit: int = 80) -> str:
    """text on one line, clipped to limit characters, as a reason quotes it."""
    return clip(" ".join(text.split()), limit)
