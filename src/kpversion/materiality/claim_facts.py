"""What a claim is: a fact (a practice, its polarity, a role and a value), and the frame of a
practice as one sentence states it, to which the sentence's objects attach.

The kinds of lexicon hits a fact can hold, and the practices no sentence word states (revising
the text, exercising a right), are named here for every module that reads or compares claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

OBJECT_KINDS = frozenset(
    {
        "data", "recipient", "purpose", "audience", "limit", "discretion", "hedge",
        "qualifier", "quantifier", "legal-basis", "threat", "burden", "waiver",
    }
)  # fmt: skip
"""Kinds claimed of the sentence's practices."""
OWN_KINDS = frozenset({"right", "choice", "security", "policy", "terms"})
"""Kinds that are claims of their own, whatever practice the sentence states."""
THING_KINDS = frozenset({"data", "recipient", "purpose", "security", "audience"})
"""Kinds that name a thing: a practice word inside one is part of its name ("shared device");
a right or a choice is worded with the practice it is about ("opt out of sharing")."""
MODALS = frozenset({"obligation", "permission", "advice"})
REVISE = "revise"
"""The practice of a sentence about changes to the text that promises no notice itself
("we may update this policy from time to time"): its lead times and ways are notice's."""
EXERCISE = "exercise"
"""The practice of a sentence granting a right or a choice: the person's, not the writer's."""
PROTECT = "protect"
"""The practice of a security measure: what a protection is, and how long it lasts."""
NEGATIVE_RIGHTS = frozenset({"non_discrimination"})
"""Rights worded as an act the writer promises not to do ("we will not discriminate against
you"): the negation grants them, and dropping it takes them away."""
CONDITIONS = frozenset({"if", "when", "where", "whenever", "unless"})
"""Words that open a condition a claim holds under ("if", "unless", "where"): each reader of
conditions adds its own ("only" before a requirement, "provided" before a join, "should" at
a sentence's start)."""
AIMING = frozenset(
    {"aim", "aims", "aiming", "strive", "strives", "striving", "try", "tries", "trying", "seek",
     "seeks", "seeking", "endeavour", "endeavours", "endeavouring", "endeavor", "endeavors",
     "endeavoring", "attempt", "attempts", "attempting", "goal", "objective", "intention",
     "intent", "it"}
)  # fmt: skip
"""First words of the hedges that aim at the verb after them ("we aim to", "our goal is to",
"it is our intention to")."""
NOT_PREFIX = "not "
"""Before an inherited practice, says the lead-in above denies it ("We do not collect:")."""
ENTITY = "entity"
"""The role of an entity a text covers (A18): named in a sentence about its scope."""


class Fact(NamedTuple):
    """One claim fact: a practice ("" for none), whether it is negated, a role and a value.

    Roles: "practice" (the practice itself), "modality", the object kinds above, "name" (a
    proper name given as a recipient), "duration" (days), "age" (years), "channel", and the
    kinds that are claims of their own."""

    practice: str
    negated: bool
    role: str
    value: str


@dataclass(frozen=True)
class Frame:
    """A practice as one sentence states it ("" when the sentence states none)."""

    practice: str
    negated: bool
    modality: str
    position: int
    relative: bool = False
    """Stated in a relative clause ("who use", "which we collect")."""
    inherited: bool = False
    """Stated by the lead-in or heading above, not by the sentence: the sentence claims only
    what it gives the practice, not the practice again."""


def inherited_practice(context_entry: str) -> tuple[str, bool]:
    """An inherited practice and whether the lead-in above denies it."""
    if context_entry.startswith(NOT_PREFIX):
        return context_entry.removeprefix(NOT_PREFIX), True
    return context_entry, False
