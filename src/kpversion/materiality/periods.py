"""Periods compared: durations and ages with their units (lengthened, shortened, raised,
lowered), intervals (how often), periods stated or dropped, and the end data is kept to."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from kpversion.materiality.amounts import amount
from kpversion.materiality.claim_change import (
    CATEGORY,
    NOTICE,
    PERMISSIVE,
    PROTECTIVE,
    TERMS_FOR_THE_PERSON,
    UNKNOWN,
    WEIGHTS,
    Difference,
    by_practice,
    drop_zero,
    practice_of,
)
from kpversion.materiality.claim_facts import EXERCISE, Fact
from kpversion.materiality.quantities import INDEFINITELY, RESPOND, TO_AN_END, WHILE_NEEDED


def compared_periods(added: Counter[Fact], removed: Counter[Fact]) -> list[Difference]:
    """Durations, intervals and ages compared with their units: lengthened, shortened, done
    more or less often, raised, lowered."""
    found = []
    for role in ("duration", "interval", "age"):
        old = by_practice(removed, role)
        new = by_practice(added, role)
        for key in [k for k in old if k in new]:
            for before, after in zip(sorted(old[key]), sorted(new[key]), strict=False):
                if role == "interval":
                    found.append(_interval(key, before, after))
                else:
                    found.append(_quantity(role, key, before, after))
                removed[before] -= 1
                added[after] -= 1
    drop_zero(added, removed)
    return found


def _quantity(role: str, key: tuple[str, bool], before: Fact, after: Fact) -> Difference:
    return replace(_compared(role, key, before, after), weight=WEIGHTS[role])


TAKING_PRACTICES = frozenset({"collect", "use", "share", "sell", "transfer", "process"})
"""Practices done with the person's data: done less often, less is taken."""


def _interval(key: tuple[str, bool], before: Fact, after: Fact) -> Difference:
    """How often a thing is done ("keys rotated every 90 days"): a longer interval is less
    often, less protection for a protective act, less taken for a practice on the data."""
    practice, negated = key
    longer = float(after.value) > float(before.value)
    taking = (practice in TAKING_PRACTICES) != negated
    direction = PROTECTIVE if longer == taking else PERMISSIVE
    before_, after_ = amount("duration", before.value), amount("duration", after.value)
    word = "less often" if longer else "more often"
    rule = "A17" if practice in TERMS_FOR_THE_PERSON else "A13"
    category = CATEGORY.get(practice, "data-retention")
    what = f" ({practice})" if practice else ""
    reason = f"done {word}{what}: every {before_} → every {after_}"
    return Difference(rule, direction, category, reason, weight=WEIGHTS["interval"])


def _compared(role: str, key: tuple[str, bool], before: Fact, after: Fact) -> Difference:
    practice = key[0]
    longer = float(after.value) > float(before.value)
    shown = f"{amount(role, before.value)} → {amount(role, after.value)}"
    if role == "age":
        direction = PROTECTIVE if longer else PERMISSIVE
        word = "raised" if longer else "lowered"
        return Difference("A16", direction, "specific-audiences", f"age threshold {word}: {shown}")
    if practice in NOTICE:
        direction = PROTECTIVE if longer else PERMISSIVE
        return Difference("A19", direction, "policy-change", f"notice period changed: {shown}")
    if practice == RESPOND:
        direction = PERMISSIVE if longer else PROTECTIVE
        word = "lengthened" if longer else "shortened"
        return Difference("A14", direction, "user-access",
                          f"time to answer a request {word}: {shown}")  # fmt: skip
    if practice == EXERCISE:
        # The person's time to use a right ("withdraw within 14 days"): longer is more for them.
        direction = PROTECTIVE if longer else PERMISSIVE
        word = "lengthened" if longer else "shortened"
        return Difference("A14", direction, "user-choice",
                          f"time to use a right {word}: {shown}")  # fmt: skip
    if practice in TERMS_FOR_THE_PERSON:
        # How long a protection lasts ("security updates for 5 years"): longer is more for them.
        direction = PROTECTIVE if longer else PERMISSIVE
        word = "lengthened" if longer else "shortened"
        return Difference("A17", direction, "data-security",
                          f"how long a protection lasts {word}: {shown}")  # fmt: skip
    direction = PERMISSIVE if longer else PROTECTIVE
    word = "lengthened" if longer else "shortened"
    subject = "retention" if practice in ("retain", "delete", "") else f"the period ({practice})"
    category = "data-retention" if practice in ("retain", "delete", "") else CATEGORY.get(
        practice, "other")  # fmt: skip
    return Difference("A13", direction, category, f"{subject} {word}: {shown}")


def period_difference(fact: Fact, added_: bool) -> Difference:
    """A period stated or dropped: for keeping data, a cap (protective when added); for
    notice, a lead time (protective when added)."""
    shown = amount("duration", fact.value)
    if fact.role == "interval":
        return _interval_stated(fact, added_, shown)
    if fact.practice in NOTICE:
        direction = PROTECTIVE if added_ else PERMISSIVE
        verb = "stated" if added_ else "dropped"
        reason = f"notice period {verb}: {shown}"
        return Difference("A19", direction, "policy-change", reason, weight=WEIGHTS["duration"])
    if fact.practice == RESPOND:
        verb = "stated" if added_ else "dropped"
        return Difference("A14", PROTECTIVE if added_ else PERMISSIVE, "user-access",
                          f"deadline to answer a request {verb}: {shown}",
                          weight=WEIGHTS["duration"])  # fmt: skip
    if fact.practice == EXERCISE:
        # A time limit on a right ("you may opt out within 30 days"): stated, it narrows it.
        verb = "stated" if added_ else "dropped"
        reason = f"time to use a right {verb}: {shown}"
        direction = PERMISSIVE if added_ else PROTECTIVE
        return Difference("A14", direction, "user-choice", reason, weight=WEIGHTS["duration"])
    direction = PROTECTIVE if added_ != fact.negated else PERMISSIVE
    verb = "added" if added_ else "removed"
    what = "retention limit" if fact.practice in ("retain", "delete", "") else "time limit"
    where = f" ({practice_of(fact)})" if fact.practice else ""
    return Difference("A13", direction, CATEGORY.get(fact.practice, "data-retention"),
                      f"{what} {verb}: {shown}{where}", weight=WEIGHTS["duration"])  # fmt: skip


def _interval_stated(fact: Fact, added_: bool, shown: str) -> Difference:
    """How often a thing is done, stated or dropped: for a protective act (an audit, a key
    rotated), stating it protects; for a practice on the data, it says no more or less is
    taken."""
    protective = fact.practice in TERMS_FOR_THE_PERSON or fact.practice == "delete"
    direction = (PROTECTIVE if added_ != fact.negated else PERMISSIVE) if protective else UNKNOWN
    verb = "stated" if added_ else "dropped"
    where = f" ({practice_of(fact)})" if fact.practice else ""
    reason = f"how often {verb}: every {shown}{where}"
    category = CATEGORY.get(fact.practice, "data-retention")
    return Difference("A13", direction, category, reason, weight=WEIGHTS["interval"])


def extended(
    added: Counter[Fact], removed: Counter[Fact], old: Counter[Fact], new: Counter[Fact]
) -> frozenset[tuple[str, bool]]:
    """(practice, negated) whose period past an end was stated where the other text kept data
    to that end ("as long as you have an account" -> "... and for 3 years after you close
    it"), or dropped where this one does: a lengthening, not a cap."""
    found = set()
    for facts, other in ((added, old), (removed, new)):
        ends = {(f.practice, f.negated) for f in other if f.role == "end"}
        found |= {(f.practice, f.negated) for f in facts if f.role == "extension"} & ends
    return frozenset(found)


END_WORDS = {
    TO_AN_END: "with the account or contract",
    WHILE_NEEDED: "as long as needed",
    INDEFINITELY: "indefinitely",
}
END_RANK = {TO_AN_END: 0, WHILE_NEEDED: 1, INDEFINITELY: 2}
"""How open an end is: an account's end is fixed, "as long as needed" the writer's judgement,
"indefinitely" none at all."""


def ends_changed(
    added: Counter[Fact], removed: Counter[Fact], past_an_end: frozenset[tuple[str, bool]]
) -> list[Difference]:
    """The end data is kept to, put for another: an account's end for "as long as needed"
    (the writer's judgement, open-ended: more permissive), or the reverse. (An end stated or
    dropped alone says nothing: "expiration date" or "delete" name ends in too many other
    sentences to be read as one.)"""
    found = []
    old, new = by_practice(removed, "end"), by_practice(added, "end")
    for key in [k for k in old if k in new and k not in past_an_end]:
        for before, after in zip(sorted(old[key]), sorted(new[key]), strict=False):
            removed[before] -= 1
            added[after] -= 1
            if before.value == after.value:
                continue
            opened = (END_RANK[after.value] > END_RANK[before.value]) != key[1]
            reason = f"retention end changed: {END_WORDS[before.value]} → {END_WORDS[after.value]}"
            # Data kept with no end at all outweighs the purposes its old limit named.
            endless = INDEFINITELY in (before.value, after.value)
            weight = WEIGHTS["practice"] if endless else WEIGHTS["duration"]
            found.append(Difference("A13", PERMISSIVE if opened else PROTECTIVE,
                                    CATEGORY.get(key[0], "data-retention"), reason,
                                    weight=weight))  # fmt: skip
    drop_zero(added, removed)
    return found


def extension_difference(fact: Fact, added_: bool) -> Difference:
    """Data kept for a period past an end ("for 3 years after you close your account", "and
    then deleted"): stated, it keeps data longer than the end did (more permissive)."""
    direction = PERMISSIVE if added_ != fact.negated else PROTECTIVE
    verb = "now runs past" if added_ else "no longer runs past"
    where = f" ({practice_of(fact)})" if fact.practice else ""
    return Difference("A13", direction, CATEGORY.get(fact.practice, "data-retention"),
                      f"retention {verb} the end it followed{where}",
                      weight=WEIGHTS["duration"])  # fmt: skip
