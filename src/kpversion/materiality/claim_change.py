"""One difference between the claims of two texts: its rule, direction, category, reason and
weight, with the tables that give them (kept apart from the comparing, which `differences`
and `periods` share)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from kpversion.change import Direction, Verdict
from kpversion.materiality.claim_facts import EXERCISE, PROTECT, REVISE, Fact

PERMISSIVE = Direction.MORE_PERMISSIVE
PROTECTIVE = Direction.MORE_PROTECTIVE
NEUTRAL = Direction.NEUTRAL
UNKNOWN = Direction.UNKNOWN

PROTECTIVE_PRACTICES = frozenset({PROTECT, "delete", "notify", REVISE, EXERCISE})
"""Practices done for the person: more of them protects."""
NOTICE = frozenset({"notify", REVISE})
"""Practices whose periods are notice lead times."""
TERMS_FOR_THE_PERSON = frozenset({PROTECT})
"""Practices whose periods are the person's: how long a protection lasts. (How long a person
has to use a right is not told apart here from how long data is kept after a choice: "for 90
days after you close your account" reads a choice's frame too.)"""
CATEGORY = {
    "collect": "first-party-collection",
    "use": "first-party-collection",
    "process": "first-party-collection",
    "infer": "first-party-collection",
    "combine": "first-party-collection",
    "share": "third-party-sharing",
    "sell": "third-party-sharing",
    "transfer": "specific-audiences",
    "retain": "data-retention",
    "delete": "data-retention",
    "protect": "data-security",
    "notify": "policy-change",
    REVISE: "policy-change",
    EXERCISE: "user-access",
}


@dataclass(frozen=True)
class Difference:
    """One claim that differs, as a verdict a lawyer can check."""

    rule: str
    direction: Direction
    category: str
    reason: str
    verdict: Verdict = Verdict.MATERIAL
    block: bool = False
    weight: int = 0
    """How much of the claim it is: a negation flipped or a practice added or removed outweighs
    the data, recipients and purposes given it, which outweigh periods, rights and choices,
    which outweigh limits and wording; the change's direction is that of its weightiest."""


WEIGHTS = {
    "A11": 6, "practice": 5, "data": 4, "recipient": 4, "name": 4, "purpose": 4, "audience": 4,
    "duration": 3, "interval": 3, "age": 3, "right": 3, "choice": 3, "security": 3, "burden": 3,
    "waiver": 3,
    "exception": 3, "limit": 2, "condition": 2, "notified": 3,
    "discretion": 2, "hedge": 2, "quantifier": 2, "qualifier": 2, "threat": 2, "modality": 2,
    "channel": 1, "addressee": 1,
    "entity": 4, "location": 4, "location-protected": 4, "policy": 1, "terms": 1, "site": 4,
    "legal-basis": 2,
    "ground": 3, "definition": 4, "instrument": 1, "liability-cap": 3, "fee": 3,
    "damages": 3,
}  # fmt: skip


def practice_of(fact: Fact) -> str:
    practice = fact.practice or "a claim"
    return f"not {practice}" if fact.negated else practice


def by_practice(facts: Counter[Fact], role: str) -> dict[tuple[str, bool], list[Fact]]:
    grouped: dict[tuple[str, bool], list[Fact]] = defaultdict(list)
    for fact in facts.elements():
        if fact.role == role:
            grouped[(fact.practice, fact.negated)].append(fact)
    return grouped


def drop_zero(*counters: Counter[Fact]) -> None:
    for counter in counters:
        for fact in [f for f, n in counter.items() if n <= 0]:
            del counter[fact]
