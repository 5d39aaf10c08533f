"""Differences between the claims of two texts, each with its rule, direction and reason.

A claim added, removed, widened or narrowed is material, and its direction follows from the
claim: a data type, purpose or recipient added, or a retention period lengthened, is more
permissive; a right, limit, cap, opt-out or protection added is more protective; under a
negated practice ("we do not sell ...") the same additions protect instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from kpversion.materiality.amounts import amount
from kpversion.materiality.around import (
    Around,
    around_of,
    narrows_a_protection,
    restates,
    still_unnamed,
)
from kpversion.materiality.claim_change import (
    CATEGORY,
    NEUTRAL,
    NOTICE,
    PERMISSIVE,
    PROTECTIVE,
    PROTECTIVE_PRACTICES,
    UNKNOWN,
    WEIGHTS,
    Difference,
    by_practice,
    drop_zero,
    practice_of,
)
from kpversion.materiality.claim_facts import NEGATIVE_RIGHTS, Fact
from kpversion.materiality.liability import DAMAGES
from kpversion.materiality.money import CAP, FEE, compared_amounts
from kpversion.materiality.ontology import SCOPE, Ontology
from kpversion.materiality.parties import same_party, same_place
from kpversion.materiality.periods import (
    compared_periods,
    ends_changed,
    extended,
    extension_difference,
    period_difference,
)

RETENTION_MARKS = ("extension", "end")
"""A period past an end, and data kept to an end: they say how a period reads, and are no
claim of their own."""
SHARING = frozenset({"share", "transfer"})
ROLE_CATEGORY = {
    "right": "user-access",
    "choice": "user-choice",
    "security": "data-security",
    "qualifier": "data-security",
    "count": "data-security",
    "threat": "data-security",
    "burden": "user-choice",
    "waiver": "user-access",
    "policy": "policy-change",
    "channel": "user-access",
    "addressee": "user-access",
    "age": "specific-audiences",
    "audience": "specific-audiences",
    "location": "specific-audiences",
    "location-protected": "specific-audiences",
    "entity": "specific-audiences",
    "subject": "user-choice",
    "breadth": "other",
    "terms": "other",
    "definition": "other",
    "instrument": "other",
    CAP: "other",
    FEE: "other",
    DAMAGES: "other",
}
ROLE_WORDS = {
    "data": "data type",
    "recipient": "recipient",
    "name": "recipient",
    "entity": "entity covered",
    "purpose": "purpose",
    "audience": "audience",
    "location": "where data is kept",
    "location-protected": "where data is kept",
    "limit": "limit",
    "condition": "conditions joined",
    "notified": "person notified",
    "discretion": "discretion",
    "hedge": "hedge",
    "quantifier": "quantifier",
    "qualifier": "security qualifier",
    "count": "count",
    "threat": "harm guarded against",
    "burden": "condition on a request",
    "waiver": "no fee for a request",
    "exception": "exception to a prohibition",
    "right": "right",
    "choice": "choice",
    "security": "security measure",
    "policy": "notice of changes",
    "terms": "term",
    "channel": "contact channel",
    "addressee": "who receives requests",
    "site": "website or service covered",
    "legal-basis": "legal basis",
    "ground": "ground for disclosure",
    "definition": "definition",
    "instrument": "agreement in force",
    CAP: "liability cap",
    FEE: "fee",
    DAMAGES: "kind of damages the liability clause names",
    "subject": "practice a right or choice reaches",
    "breadth": "breadth of the licence granted",
}


UNDIRECTED = frozenset(
    {"channel", "addressee", "terms", "policy", "site", "entity", "legal-basis", "definition",
     "instrument", "location-protected", "count", CAP, FEE}
)  # fmt: skip
"""Roles whose change says nothing of its own direction (a new contact, a definition)."""


def differences(
    old: Counter[Fact],
    new: Counter[Fact],
    ontology: Ontology,
    restated: frozenset[tuple[str, bool]] = frozenset(),
) -> list[Difference]:
    """What changed between two multisets of claim facts, strongest first; restated: the
    practices the rest of a sentence's paragraph states (see around.restates)."""
    added, removed = new - old, old - new
    found: list[Difference | None] = []
    found += _flips(added, removed, ontology)
    found += _modalities(added, removed)
    found += compared_periods(added, removed)
    found += compared_amounts(added, removed)
    # Whose period runs past an end: read before the ends are compared, and used by both.
    past_an_end = extended(added, removed, old, new)
    found += ends_changed(added, removed, past_an_end)
    found += _swaps(added, removed, ontology)
    found += _consent_models(added, removed)
    around = around_of((old, new), (added, removed), past_an_end, ontology, restated)
    found += [_directed(f, _one(f, ontology, False, around), around)
              for f in sorted(removed.elements())]  # fmt: skip
    found += [_directed(f, _one(f, ontology, True, around), around)
              for f in sorted(added.elements())]  # fmt: skip
    return _merged([d for d in found if d is not None])


def _flips(added: Counter[Fact], removed: Counter[Fact], ontology: Ontology) -> list[Difference]:
    """The same claim with its negation added or removed (A11)."""
    found = []
    practices: list[Fact] = []
    flipped: set[tuple[str, bool]] = set()
    for fact in list(removed):
        twin = fact._replace(negated=not fact.negated)
        if removed[fact] and added[twin]:
            removed[fact] -= 1
            added[twin] -= 1
            if fact.role == "practice":
                practices.append(fact)
            if fact.role in ("practice", "modality", *RETENTION_MARKS):
                continue
            flipped.add((fact.practice, fact.negated))
            practice = fact.practice or fact.role
            widened = fact.negated != (practice in PROTECTIVE_PRACTICES or (not fact.practice and
                                       fact.role in ("right", "choice", "security")))  # fmt: skip
            if fact.role == "right" and fact.value in NEGATIVE_RIGHTS:
                widened = not widened  # "will not discriminate" -> "may discriminate"
            what = _name(fact, ontology)
            verb = "removed from" if fact.negated else "added to"
            reason = f"negation {verb} a commitment: {practice_of(fact)} {what}"
            direction = PERMISSIVE if widened else PROTECTIVE
            found.append(Difference("A11", direction, _category(fact), reason, block=widened,
                                    weight=WEIGHTS["A11"]))  # fmt: skip
    # A practice turned around with no object of its own ("Google may link information" ->
    # "Google does not link information") is the flip itself.
    for fact in practices:
        if (fact.practice, fact.negated) not in flipped:
            found.append(_practice_flip(fact))
    drop_zero(added, removed)
    return found


def _practice_flip(fact: Fact) -> Difference:
    widened = fact.negated != (fact.practice in PROTECTIVE_PRACTICES)
    verb = "removed from" if fact.negated else "added to"
    reason = f"negation {verb} a commitment: {practice_of(fact)}"
    direction = PERMISSIVE if widened else PROTECTIVE
    return Difference("A11", direction, _category(fact), reason, block=widened,
                      weight=WEIGHTS["A11"])  # fmt: skip


def _modalities(added: Counter[Fact], removed: Counter[Fact]) -> list[Difference]:
    """A practice whose modality changed ("will" -> "may": A12)."""
    rank = {"obligation": 2, "": 1, "advice": 1, "permission": 0}
    found = []
    old = {(f.practice, f.negated): f for f in removed if f.role == "modality"}
    new = {(f.practice, f.negated): f for f in added if f.role == "modality"}
    # In the order the facts were read, not a set's (reasons must not vary between runs).
    for key in dict.fromkeys([*old, *new]):
        before = old[key].value if key in old else ""
        after = new[key].value if key in new else ""
        if before == after:
            continue
        practice, negated = key
        weaker = rank[after] < rank[before]
        binding = negated or practice in PROTECTIVE_PRACTICES
        direction = (PERMISSIVE if weaker else PROTECTIVE) if binding else UNKNOWN
        reason = f"{practice or 'a commitment'}: {before or 'stated'} → {after or 'stated'}"
        found.append(Difference("A12", direction, CATEGORY.get(practice, "other"), reason,
                                weight=WEIGHTS["modality"]))  # fmt: skip
        for facts, fact in ((removed, old.get(key)), (added, new.get(key))):
            if fact is not None:
                facts[fact] -= 1
    drop_zero(added, removed)
    return found


def _swaps(added: Counter[Fact], removed: Counter[Fact], ontology: Ontology) -> list[Difference]:
    """One recipient named in place of another ("Mailchimp" -> "Acoustic")."""
    found = []
    for role, rule, what in (("name", "A9", "recipient"), ("entity", "A18", "entity covered")):
        old = by_practice(removed, role)
        new = by_practice(added, role)
        for key in [k for k in old if k in new]:
            for before, after in zip(sorted(old[key]), sorted(new[key]), strict=False):
                removed[before] -= 1
                added[after] -= 1
                same = same_place if role == "entity" else same_party
                if same(before.value, after.value):
                    continue
                reason = f"{what} replaced: {before.value.title()} → {after.value.title()}"
                found.append(Difference(rule, NEUTRAL, _category(before), reason,
                                        weight=WEIGHTS[role]))  # fmt: skip
    drop_zero(added, removed)
    return found


CONSENT_MODELS = ("opt_out", "opt_in_consent")
"""A choice to refuse after the fact, and consent asked before: one put for the other changes
whether the practice waits for the person."""


def _consent_models(added: Counter[Fact], removed: Counter[Fact]) -> list[Difference]:
    """An opt-out replaced by opt-in consent ("you can opt out of analytics" -> "analytics is
    off unless you opt in") protects: nothing happens until the person agrees. The reverse
    exposes them. Read as one change of model, not as a choice removed and one added."""
    found = []
    for before, after in (CONSENT_MODELS, CONSENT_MODELS[::-1]):
        gone, come = Fact("", False, "choice", before), Fact("", False, "choice", after)
        if not (removed[gone] and added[come]):
            continue
        removed[gone] -= 1
        added[come] -= 1
        protects = after == "opt_in_consent"
        reason = f"consent model changed: {before.replace('_', ' ')} → {after.replace('_', ' ')}"
        found.append(Difference("A24", PROTECTIVE if protects else PERMISSIVE, _category(gone),
                                reason, block=not protects, weight=WEIGHTS["A11"]))  # fmt: skip
    drop_zero(added, removed)
    return found


def _directed(fact: Fact, found: Difference | None, around: Around) -> Difference | None:
    """A difference restated from the rest of its paragraph is still one, but says no
    direction: the sentence's own claims (a safeguard, a new kind of data) do."""
    if found is None or not restates(fact, around):
        return found
    return replace(found, direction=NEUTRAL)


def _one(fact: Fact, ontology: Ontology, added_: bool, around: Around) -> Difference | None:
    if fact.role == "modality":
        return None
    if fact.role in ("practice", "data") and (fact.practice, fact.negated) in around.capped:
        return None  # what is kept, and that it is: the period says how long, a cap
    if fact.role == "practice":
        return _practice_difference(fact, added_) if fact in around.stated else None
    if fact.role in ("duration", "interval"):
        return (
            None
            if (fact.practice, fact.negated) in around.extended
            else period_difference(fact, added_)
        )
    if fact.role in RETENTION_MARKS:
        key = (fact.practice, fact.negated)
        return (
            extension_difference(fact, added_)
            if fact.role == "extension" and key in around.extended
            else None
        )
    if fact.role == "period":
        thing, _, days = fact.value.partition("=")
        reason = f"period for {thing or 'a claim'} {'stated' if added_ else 'dropped'}: " + (
            amount("duration", days)
        )
        return Difference("A13", UNKNOWN, CATEGORY.get(fact.practice, "data-retention"), reason,
                          weight=WEIGHTS["duration"])  # fmt: skip
    if fact.role == "data" and still_unnamed(fact, around, ontology):
        # "aggregated or anonymized information" → "anonymized information": the data is
        # still said to be de-identified, the wider promise; a narrower one beside it or gone
        # is rewording. ("aggregate anonymous" → "aggregate" drops the wider promise.)
        return None
    widens = _widens(fact, added_, (fact.practice, fact.negated) in around.limited)
    if fact.role == "audience" and around.aged:
        widens = not added_  # "children and teenagers under 18": the threshold's own group
    elif fact.role == "audience" and (fact.practice, fact.negated) in around.audience_only:
        widens = narrows_a_protection(fact, added_, around)
    elif fact.role == "limit" and fact.practice in around.waived:
        widens = added_ != fact.negated  # an exception to a waiver narrows it, as to a right
    if (
        fact.role in ("data", "purpose")
        and ontology.concept(fact.role, fact.value).protective
        and (fact.practice, fact.negated) not in around.claimed
    ):
        # Data said to be anonymous or aggregate, ads chosen without a profile: the qualifier
        # dropped exposes people. In a claim made or withdrawn whole ("we may share aggregated
        # statistics with partners") it goes the claim's way: a new sharing shares more.
        widens = not widens
    direction = PERMISSIVE if widens else PROTECTIVE
    if fact.role in UNDIRECTED:
        direction = (NEUTRAL if fact.role in ("channel", "addressee", "site", "entity",
                     "location-protected") else UNKNOWN)  # fmt: skip
        if fact.role == "channel" and not around.channel_replaced:
            # One more way to reach the writer, or one fewer, where none takes its place:
            # the person's requests have more or fewer ways in.
            direction = PROTECTIVE if added_ else PERMISSIVE
        protects = ontology.concept(fact.role, fact.value).protective
        if fact.role == "site" and around.scoped:
            # A reach narrowed or widened, the statement of it kept: see the scopes' table.
            protects = ontology.concept(SCOPE, fact.value).protective
        if protects is not None:
            direction = PROTECTIVE if protects == (added_ != fact.negated) else PERMISSIVE
    verb = "added" if added_ else "removed"
    what = _name(fact, ontology)
    role = ROLE_WORDS.get(fact.role, fact.role)
    where = f" ({practice_of(fact)})" if fact.practice else ""
    if fact.role in ("recipient", "name") and added_:
        reason = f"new recipient: {what}{where}"
    else:
        reason = f"{role} {verb}: {what}{where}"
    rule = _rule(fact, added_)
    block = rule == "A15" and ontology.concept("right", fact.value).statutory
    weight = WEIGHTS.get(fact.role, 1)
    return Difference(rule, direction, _category(fact), reason, block=block, weight=weight)


def _practice_difference(fact: Fact, added_: bool) -> Difference:
    protective = fact.practice in PROTECTIVE_PRACTICES
    widens = (added_ != fact.negated) != protective
    direction = PERMISSIVE if widens else PROTECTIVE
    verb = "added" if added_ else "removed"
    # A negated practice is a prohibition ("not sell"): its loss reads as one, not as
    # "no longer not sell".
    kind = "prohibition" if fact.negated else "practice"
    reason = f"{kind} {verb}: {practice_of(fact)}"
    weight = WEIGHTS["practice"]
    return Difference(_rule(fact, added_), direction, _category(fact), reason, weight=weight)


def _widens(fact: Fact, added_: bool, limited: bool = False) -> bool:
    """Whether the fact, added (or removed), widens what is done with data. A quantifier
    widens what its practice reaches ("all" for "some"), unless the practice is negated,
    protective or limited ("in all jurisdictions, we only use ... with consent")."""
    if fact.role == "quantifier":
        grows = added_ == (fact.value == "universal")
        binding = fact.negated or fact.practice in PROTECTIVE_PRACTICES or limited
        return grows != binding
    if fact.role in ("exception", "ground"):
        # A ground for disclosure, like an exception to a prohibition, is an allowance.
        return added_
    if fact.role == "condition":
        # Conditions joined by "or" let the practice happen on any one of them: wider for a
        # practice with data, and for a protection (a notice "if A or B") it protects more.
        grows = added_ == (fact.value == "any")
        return grows != (fact.practice in PROTECTIVE_PRACTICES)
    if fact.role == "notified":
        # The person told, dropped, is no longer told; "we will not notify you" added tells
        # them less too.
        return added_ == fact.negated
    if fact.role == "burden":
        # A formality a person must meet ("a notarized request") burdens them, whatever the
        # practice it is attached to.
        return added_ != fact.negated
    if fact.role == DAMAGES:
        # Damages excluded ("not liable for any direct ... damages"): one more kind excluded
        # leaves the person less to recover; one the writer owes, more.
        return added_ == fact.negated
    if fact.role == "waiver":
        # A request answered free of charge: dropped, the writer may charge for it.
        return added_ == fact.negated
    if fact.role == "age":
        # An age threshold protects the young below it, whether the text bars them ("not
        # allowed ... under 16") or what it does with their data ("we do not target children
        # under 18"): one added protects more people, one dropped fewer, as raising one does.
        return not added_
    if fact.role == "purpose" and fact.practice == "protect":
        # A purpose is what data is used for: read beside a protection ("to keep a secure
        # environment and deliver ads"), it is still one more use, not a protection.
        protective = False
    elif fact.role == "limit" and fact.practice in PROTECTIVE_PRACTICES:
        # A limit on a protection narrows it ("the right to delete, subject to our policy").
        protective = False
    elif fact.role in ("right", "choice", "subject", "security", "qualifier", "threat", "limit"):
        protective = True
    elif fact.role in ("discretion", "hedge"):
        # Discretion or a hedge loosens whatever it is put on, a prohibition too ("we do not
        # knowingly collect"): added, it widens; removed, it narrows.
        return added_
    elif fact.role in ("recipient", "name"):
        # A party that gets data exposes it whatever the practice it serves ("to answer your
        # request, we use SocketLabs"): one more is wider, one fewer narrower.
        protective = False
    else:
        protective = fact.practice in PROTECTIVE_PRACTICES
    grows = added_ != fact.negated
    return grows != protective


def _rule(fact: Fact, added_: bool) -> str:
    role, practice = fact.role, fact.practice
    if role in ("data", "practice"):
        if practice == "sell":
            return "A10"
        if practice in SHARING:
            return "A9"
        if practice in ("retain", "delete"):
            return "A13"
        if practice == "protect":
            return "A17"
        if practice in NOTICE:
            return "A19"
        return "A6" if added_ != fact.negated else "A7"
    return {
        "recipient": "A10" if practice == "sell" else "A9",
        "name": "A10" if practice == "sell" else "A9",
        "purpose": "A8",
        "audience": "A18",
        "location": "A9",
        "location-protected": "A9",
        "entity": "A18",
        "limit": "A12",
        "condition": "A12",
        "notified": "A19",
        "discretion": "A12",
        "hedge": "A12",
        "quantifier": "A12",
        "qualifier": "A17",
        "count": "A17",
        "threat": "A17",
        "burden": "A24",
        "waiver": "A24",
        "exception": "A12",
        "security": "A17",
        "right": "A14" if added_ != fact.negated else "A15",
        "choice": "A24",
        "subject": "A24",
        "breadth": "A25",
        "policy": "A19",
        "terms": "A25",
        "channel": "A5",
        "addressee": "A5",
        "site": "A18",
        "legal-basis": "A8",
        "ground": "A23",
        "definition": "A18",
        "instrument": "A25",
        CAP: "A25",
        FEE: "A25",
        DAMAGES: "A25",
        "duration": "A13",
        "interval": "A13",
        "extension": "A13",
        "age": "A16",
    }.get(role, "G1")


def _category(fact: Fact) -> str:
    if (fact.role, fact.practice) == ("count", "exercise"):
        return "user-access"  # how often a right may be used
    if fact.role in ROLE_CATEGORY:
        return ROLE_CATEGORY[fact.role]
    if not fact.practice and fact.role in ("data", "purpose"):
        return "first-party-collection"
    if not fact.practice and fact.role in ("recipient", "name"):
        return "third-party-sharing"
    return CATEGORY.get(fact.practice, "other")


def _name(fact: Fact, ontology: Ontology) -> str:
    if fact.role in ("name", "entity"):
        return fact.value.title()
    if fact.role in ("duration", "interval", "age"):
        return amount("age" if fact.role == "age" else "duration", fact.value)
    if fact.role in ("channel", "site", "addressee", "ground", "definition", "instrument",
                     "location", "location-protected"):  # fmt: skip
        return fact.value
    if fact.role in ("subject", "breadth", CAP, FEE, DAMAGES):
        return fact.value
    if fact.role in ("limit", "discretion", "hedge", "quantifier", "qualifier", "burden", "count",
                     "waiver"):  # fmt: skip
        return fact.value
    if fact.role == "exception":
        return f"{practice_of(fact)}, except"
    if fact.role == "condition":
        return "all of them ('and')" if fact.value == "all" else "any one of them ('or')"
    if fact.role == "policy":
        return ontology.label("policy", fact.value)
    return ontology.label(fact.role, fact.value)


def _merged(found: Iterable[Difference]) -> list[Difference]:
    """One difference per reason, strongest first (material, blocking, permissive)."""
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=_strength, reverse=True)


def _strength(difference: Difference) -> tuple[int, bool, int, bool]:
    return (
        difference.verdict.rank,
        difference.block,
        difference.weight,
        difference.direction is PERMISSIVE,
    )
