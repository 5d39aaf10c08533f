"""What the other facts of a change say about one of its facts: whether its practice carries
a limit, was stated on one side only, keeps data past an end or to a cap, names people as a
list or as a condition, replaced a contact channel, or states the statement's reach.

differences.py reads each fact added or removed in this light.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kpversion.materiality.claim_change import PROTECTIVE_PRACTICES
from kpversion.materiality.claim_facts import Fact
from kpversion.materiality.ontology import Ontology

RETAIN = "retain"


@dataclass(frozen=True)
class Around:
    """What the other facts of a change say about one fact."""

    limited: frozenset[tuple[str, bool]]
    """(practice, negated) that carry a limit ("only", "with your consent")."""
    stated: frozenset[Fact]
    """Practices stated on one side only, or prohibitions ("we do not sell or rent") that lost
    or gained a mention: a practice merely mentioned once more or less is rewording."""
    aged: bool = False
    """An age threshold was stated or dropped: the audiences beside it are whom it protects."""
    claimed: frozenset[tuple[str, bool]] = frozenset()
    """(practice, negated) stated on one side only: a claim made or withdrawn whole."""
    unnamed: frozenset[Fact] = frozenset()
    """Data facts of both sides that say data is kept from the person (anonymised,
    aggregated, de-identified)."""
    extended: frozenset[tuple[str, bool]] = frozenset()
    """(practice, negated) whose period running past an end was stated or dropped: the
    period is then no cap of its own."""
    listed_audiences: frozenset[tuple[str, bool]] = frozenset()
    """(practice, negated) for which both sides name people: the audiences are a list."""
    audience_only: frozenset[tuple[str, bool]] = frozenset()
    """Rights and protections (practice "" or a protective one) of which only the people
    named changed: whom they reach is the change."""
    capped: frozenset[tuple[str, bool]] = frozenset()
    """Keeping claims made or withdrawn whole with their period ("We retain web traffic
    information for no longer than 90 days"): the period is the claim, a cap."""
    channel_replaced: bool = False
    """A contact channel came and another went: one put for the other says no direction."""
    scoped: bool = False
    """Both sides say what the statement covers: a kind of service added to or dropped from
    that reach widens or narrows it. (A statement of reach added or dropped whole says no
    more of its own direction than the claims beside it.)"""
    restated: frozenset[tuple[str, bool]] = frozenset()
    """(practice, negated) the rest of the paragraph states, for a sentence added to it or
    dropped from it: the sentence restates them, and its direction is what it adds."""
    waived: frozenset[str] = frozenset()
    """Practices of a request answered at no cost on either side ("free of charge", "there is
    no fee for these requests"): a limit there ("unless they are excessive") narrows the
    waiver, whatever practice the sentence names."""


def narrows_a_protection(fact: Fact, added_: bool, around: Around) -> bool:
    """Whether an audience added to or dropped from a right or a protection narrows it. Where
    both sides name people for it, they are whom it reaches: one more protects more ("EU, EEA
    and UK individuals may invoke arbitration" -> "EU, EEA, UK and Swiss individuals"). Where
    one side names none, the people named are a condition on it: one added narrows it ("you
    have the right" -> "if you live in the EU, you have the right"), one dropped lifts it."""
    listed = (fact.practice, fact.negated) in around.listed_audiences
    return added_ != listed


def _states_reach(facts: Counter[Fact]) -> bool:
    return _has_role(facts, "site")


def _has_role(facts: Counter[Fact], role: str) -> bool:
    return any(f.role == role for f in facts)


def _audiences(facts: Counter[Fact]) -> frozenset[tuple[str, bool]]:
    return frozenset((f.practice, f.negated) for f in facts if f.role == "audience")


def _audience_only(old: Counter[Fact], new: Counter[Fact]) -> frozenset[tuple[str, bool]]:
    if _grants(old) != _grants(new):
        return frozenset()  # a right granted or withdrawn: its people go its way
    keys = {k for k in _audiences(old) | _audiences(new)
            if not k[0] or k[0] in PROTECTIVE_PRACTICES}  # fmt: skip
    return frozenset(k for k in keys if _besides_audiences(old, k) == _besides_audiences(new, k))


def _grants(facts: Counter[Fact]) -> Counter[Fact]:
    return Counter({f: n for f, n in facts.items() if f.role in ("right", "choice")})


def _besides_audiences(facts: Counter[Fact], key: tuple[str, bool]) -> Counter[Fact]:
    return Counter({f: n for f, n in facts.items()
                    if (f.practice, f.negated) == key and f.role != "audience"})  # fmt: skip


def _limited(facts: Counter[Fact], ontology: Ontology) -> frozenset[tuple[str, bool]]:
    """(practice, negated) that carry a limit, or data said to be kept from the person ("all
    data we collect is anonymised"): a quantifier there reaches a protection."""
    return frozenset(
        (f.practice, f.negated)
        for f in facts
        if f.role == "limit" or (f.role == "data" and ontology.concept("data", f.value).protective)
    )


def _waived(facts: Counter[Fact]) -> frozenset[str]:
    return frozenset(f.practice for f in facts if f.role == "waiver" or _no_fee(f))


def _no_fee(fact: Fact) -> bool:
    return fact.role == "terms" and fact.value == "fees" and fact.negated


GUARDING_ROLES = frozenset({"security", "qualifier"})


def _guarded(
    restated: frozenset[tuple[str, bool]], changed: Counter[Fact]
) -> frozenset[tuple[str, bool]]:
    """The restated practices a sentence states a measure for: the sentence is about how they
    are protected. (A sentence that adds a purpose or a recipient to a restated practice
    still goes the way its claims go.)"""
    guarded = {(f.practice, f.negated) for f in changed if f.role in GUARDING_ROLES}
    if ("", False) in guarded:
        return restated  # a measure stated apart from a practice ("encrypted in transit")
    return restated & frozenset(guarded)


RESTATED_ROLES = frozenset({"practice", "audience", "quantifier"})
GENERIC_DATA = "personal_information"


def restates(fact: Fact, around: Around) -> bool:
    """Whether a fact of a sentence added to a paragraph (or dropped from it) is the
    paragraph's already: the practice the rest of it states, with the people it reaches and
    its data named only as personal data ("Where we transfer personal data from the EEA to the
    U.S., we rely on the Standard Contractual Clauses" after "you consent to the transfer of
    information to the U.S."). A kind of data, a recipient or a purpose is the sentence's own."""
    if (fact.practice, fact.negated) not in around.restated:
        return False
    return fact.role in RESTATED_ROLES or (fact.role == "data" and fact.value == GENERIC_DATA)


def _stated(fact: Fact, old: Counter[Fact], new: Counter[Fact]) -> bool:
    return fact.negated or not (old[fact] and new[fact])


def _capped(facts: Counter[Fact]) -> frozenset[tuple[str, bool]]:
    """Keeping, or data named with no practice ("We keep server logs for 30 days"), with a
    period on the same side."""
    keys = {(f.practice, f.negated) for f in facts if _kept_or_named(f)}
    return frozenset(k for k in keys if Fact(*k, "duration", "") in _periods(facts))


def _kept_or_named(fact: Fact) -> bool:
    return (fact.role, fact.practice) in (("practice", RETAIN), ("data", ""))


def _periods(facts: Counter[Fact]) -> set[Fact]:
    return {f._replace(value="") for f in facts if f.role == "duration"}


def _kept_unnamed(old: Counter[Fact], new: Counter[Fact], ontology: Ontology) -> frozenset[Fact]:
    """The data facts both sides state that say data is kept from the person (anonymised,
    aggregated, de-identified)."""

    def unnamed(facts: Counter[Fact]) -> set[Fact]:
        return {f for f in facts
                if f.role == "data" and ontology.concept("data", f.value).protective}  # fmt: skip

    return frozenset(unnamed(old) & unnamed(new))


def still_unnamed(fact: Fact, around: Around, ontology: Ontology) -> bool:
    """Whether a de-identified kind of data (not one still personal, as pseudonymised data
    is) comes or goes under a wider kind both sides keep for the same practice."""
    concept = ontology.concept("data", fact.value)
    ancestors = ontology.ancestors("data", fact.value)
    if not concept.protective or "personal_information" in ancestors:
        return False
    return any(
        (kept.practice, kept.negated) == (fact.practice, fact.negated)
        and (kept.value == fact.value or kept.value in ancestors)
        for kept in around.unnamed
    )


def around_of(
    sides: tuple[Counter[Fact], Counter[Fact]],
    changed: tuple[Counter[Fact], Counter[Fact]],
    past_an_end: frozenset[tuple[str, bool]],
    ontology: Ontology,
    restated: frozenset[tuple[str, bool]] = frozenset(),
) -> Around:
    """What the facts of both sides (old, new) say about each fact still changed (added,
    removed: what the paired readings before it left)."""
    (old, new), (added, removed) = sides, changed
    return Around(
        limited=_limited(old + new, ontology),
        stated=frozenset(f for f in old | new if f.role == "practice" and _stated(f, old, new)),
        extended=past_an_end,
        aged=any(f.role == "age" for f in added | removed),
        claimed=frozenset((f.practice, f.negated) for f in added | removed if f.role == "practice"),
        unnamed=_kept_unnamed(old, new, ontology),
        scoped=_states_reach(old) and _states_reach(new),
        listed_audiences=_audiences(old) & _audiences(new),
        audience_only=_audience_only(old, new),
        channel_replaced=_has_role(added, "channel") and _has_role(removed, "channel"),
        capped=_capped(added) | _capped(removed),
        waived=_waived(old + new),
        restated=_guarded(restated, added + removed),
    )
