"""Materiality: every change gets a verdict, direction, category, rules and a reason.

A change is read in this order:
1. a move without edits is A3 (review when it moves into or out of a heading of another scope);
2. the format gate: only markup, case or whitespace (A1, A2), the date line (A4), page chrome
   that names no claim (A2), list items reordered (A3); a changed contact, rights or opt-out
   link is never format (A5);
3. an edit proven trivial (a spelling fix, an inflection, numbering, ...: trivial.py) is
   non-material;
4. otherwise the claims of its old and new text are compared (claims.py, differences.py): a
   claim added, removed, widened or narrowed is material, with the direction of the claim;
   equal claims are non-material (G2), unless a commitment word changed that the claims do not
   show (G1, review).
Claims removed in one change and added in another (a paragraph moved and reworded) cancel out.
The generic profile (statements of kind `general`) calls nothing material: at most review.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain

from kpversion.change import Change, ChangeKind, DiffResult, Direction, Verdict
from kpversion.materiality.around import GUARDING_ROLES
from kpversion.materiality.claim_change import Difference
from kpversion.materiality.claim_facts import Fact
from kpversion.materiality.commitment import CommitmentChange, commitment_change
from kpversion.materiality.context import DocumentContext
from kpversion.materiality.differences import differences
from kpversion.materiality.evidence import NEUTRAL, Evidence, one_line
from kpversion.materiality.formatting import format_gate, move_evidence
from kpversion.materiality.history import only_revision_notes
from kpversion.materiality.ruleset import Rules, default_rules
from kpversion.materiality.wording import Wording, quote

__all__ = ["classify", "classify_change", "gather_evidence"]

QUOTED_RULES = frozenset({"A11", "A12"})
"""Rules whose reason quotes the words: a negation or a modal is read best in its sentence."""


@dataclass
class Reading:
    """One change and what the classifier found in it."""

    change: Change
    decided: Evidence | None = None
    """Evidence that decided the change before its claims were read (gate, proof)."""
    old: Counter[Fact] = field(default_factory=Counter)
    new: Counter[Fact] = field(default_factory=Counter)
    commitment: CommitmentChange | None = None
    restated: frozenset[tuple[str, bool]] = frozenset()
    """The practices the rest of the paragraph states, for a sentence added to it or dropped
    from it (DocumentContext.restated)."""
    listed: Callable[[], tuple[Counter[Fact], Counter[Fact]]] = lambda: (Counter(), Counter())
    """Items added to or dropped from a list of known items (conjuncts.py), as claim facts:
    read only when every other claim is equal, which few changes are."""


def classify(result: DiffResult, rules: Rules | None = None) -> DiffResult:
    """Every change of `result` with its verdict, direction, category, rules and reason."""
    rules = rules or default_rules()
    context = DocumentContext(result.old.text, result.new.text, rules)
    readings = [_read(change, rules, context) for change in result.changes]
    _net(readings)
    _net_labels(readings)
    _net_commitments(readings)
    return result.with_changes(_decide(reading, rules) for reading in readings)


def classify_change(change: Change, rules: Rules) -> Change:
    """One change classified on its own (no other change to net its claims against)."""
    context = DocumentContext("", "", rules)
    return _decide(_read(change, rules, context), rules)


def gather_evidence(change: Change, rules: Rules) -> list[Evidence]:
    """The evidence for one change on its own, strongest first."""
    reading = _read(change, rules, DocumentContext("", "", rules))
    return _evidence(reading, rules)


def _read(change: Change, rules: Rules, context: DocumentContext) -> Reading:
    reading = Reading(change)
    wording = Wording.compare(change.old, change.new)
    if change.kind is ChangeKind.MOVED:
        moved = move_evidence(change, rules, context.sections_only_marked(change))
        if wording.same_words:
            reading.decided = moved[0]
            return reading
    link = context.channel_change(change)
    if link is not None:
        reading.decided = link
        return reading
    gate = format_gate(change, wording, rules, context.names_a_claim(change))
    if gate is not None:
        reading.decided = gate
        return reading
    proof = context.proof(change)
    if proof is not None:
        reading.decided = proof
        return reading
    reading.old, reading.new = context.facts(change)
    if any(f.role in GUARDING_ROLES for f in chain(reading.old, reading.new)):
        reading.restated = context.restated(change)  # read only where a measure is stated
    reading.listed = partial(context.list_facts, change)
    if not only_revision_notes(change.old, change.new):
        reading.commitment = commitment_change(wording, rules.lexicon)
    return reading


def _net(readings: Sequence[Reading]) -> None:
    """Claims removed by one change and added by another stand in the new text still."""
    removed: Counter[Fact] = Counter()
    added: Counter[Fact] = Counter()
    for reading in readings:
        if reading.decided is None:
            removed += reading.old - reading.new
            added += reading.new - reading.old
    moved = removed & added
    if not moved:
        return
    for reading in readings:
        if reading.decided is not None:
            continue
        gone = (reading.old - reading.new) & moved
        came = (reading.new - reading.old) & moved
        # Consume each moved fact once on each side: it leaves one change, arrives in another.
        for fact, count in gone.items():
            taken = min(count, moved[fact])
            reading.old[fact] -= taken
        for fact, count in came.items():
            taken = min(count, moved[fact])
            reading.new[fact] -= taken
            moved[fact] -= taken
        reading.old = +reading.old
        reading.new = +reading.new


LABEL_ROLES = frozenset({"data", "recipient", "purpose", "audience"})
"""What a label or heading names without a practice ("**Cookies**", "### Education")."""
LABEL_REACH = 2
"""Changes either side of a label's within which its term may have moved: a label made a
heading sits by its sentence; a rewrite's terms elsewhere are claims of their own."""


def _net_labels(readings: Sequence[Reading]) -> None:
    """A term that moved between a label and a sentence (a bold lead-in made a heading,
    "**Cookies** We may use cookies" → "### Cookies" + "We may use cookies"): the label
    named it with no practice, the sentence with one. It stands in the new text still."""
    for label_side, claim_side in (("new", "old"), ("old", "new")):
        for index, reading in enumerate(readings):
            if reading.decided is not None:
                continue
            near = [r for r in readings[max(0, index - LABEL_REACH) : index + LABEL_REACH + 1]
                    if r.decided is None]  # fmt: skip
            for fact in [f for f in _gained(reading, label_side) if _is_label(f)]:
                twin = _claim_twin(near, claim_side, fact)
                if twin is not None:
                    _take(reading, label_side, fact)
                    _take(twin[0], claim_side, twin[1])


COMMITMENT_REACH = 1
"""Changes after one within which a commitment word may have moved with its sentence: the
next only (a sentence split in two, or joined); farther off, counts cancel by chance."""


def _net_commitments(readings: Sequence[Reading]) -> None:
    """A commitment word one change drops and a nearby one adds, where neither changes a
    claim ("We do not sell your data, and we do not share it" split in two sentences): the
    word moved with its claim, which stands in the new text still."""
    for index, reading in enumerate(readings):
        mine = _commitment_only(reading)
        if mine is None:
            continue
        for other in readings[index + 1 : index + COMMITMENT_REACH + 1]:
            theirs = _commitment_only(other)
            if theirs is not None and _undoes(mine, theirs):
                reading.commitment = other.commitment = None
                break


def _commitment_only(reading: Reading) -> CommitmentChange | None:
    """The change's commitment change, where its claims are equal and nothing decided it."""
    if reading.decided is None and reading.old == reading.new:
        return reading.commitment
    return None


def _undoes(one: CommitmentChange, other: CommitmentChange) -> bool:
    total: Counter[str] = Counter()
    for kind, count in (*one.moved, *other.moved):
        total[kind] += count
    return bool(one.moved) and not any(total.values())


def _is_label(fact: Fact) -> bool:
    return not fact.practice and not fact.negated and fact.role in LABEL_ROLES


def _gained(reading: Reading, side: str) -> list[Fact]:
    """The facts a reading's side has that the other side has not."""
    mine, other = (reading.new, reading.old) if side == "new" else (reading.old, reading.new)
    return list((mine - other).elements())


def _claim_twin(readings: Sequence[Reading], side: str, label: Fact) -> tuple[Reading, Fact] | None:
    for reading in readings:
        for fact in _gained(reading, side):
            same = (fact.role, fact.value) == (label.role, label.value)
            if same and fact.practice and not fact.negated:
                return reading, fact
    return None


def _take(reading: Reading, side: str, fact: Fact) -> None:
    counter = reading.new if side == "new" else reading.old
    counter[fact] -= 1
    if side == "new":
        reading.new = +counter
    else:
        reading.old = +counter


def _decide(reading: Reading, rules: Rules) -> Change:
    evidence = _evidence(reading, rules)
    return _apply(reading.change, evidence, rules)


def _evidence(reading: Reading, rules: Rules) -> list[Evidence]:
    if reading.decided is not None:
        return [reading.decided]
    found = differences(reading.old, reading.new, rules.ontology, reading.restated)
    if not found and reading.commitment is None:
        # Equal claims, but a list of known items grew or shrank by an item they do not know.
        found = differences(*reading.listed(), rules.ontology)
    if found:
        return [_from_difference(d, rules) for d in found]
    if reading.commitment is not None:
        return [_from_commitment(reading.commitment, reading.change, rules)]
    if not rules.practices:
        # The generic profile reads no data practices: a person reads its wording.
        reason = f"wording changed: {_quote(reading.change)}"
        return [Evidence("G1", Verdict.REVIEW, Direction.UNKNOWN, "other", reason)]
    reason = f"wording changed, every claim the same: {_quote(reading.change)}"
    return [Evidence("G2", rules.row("G2").verdict, NEUTRAL, "other", reason)]


def _from_commitment(found: CommitmentChange, change: Change, rules: Rules) -> Evidence:
    """A commitment word changed on a verb no practice names: material where the sentence
    names anything of the ontology; review where it names nothing (a person reads it)."""
    reason = f"{found.what}: {_quote(change)}"
    if not found.names_a_claim:
        return Evidence("G1", Verdict.REVIEW, Direction.UNKNOWN, "other", reason)
    block = found.rule == "A11" and found.direction is Direction.MORE_PERMISSIVE
    return Evidence(found.rule, Verdict.MATERIAL, found.direction, "other", reason, block, 2)


def _from_difference(difference: Difference, rules: Rules) -> Evidence:
    return Evidence(
        difference.rule,
        difference.verdict,
        difference.direction,
        difference.category,
        difference.reason,
        difference.block,
        difference.weight,
    )


def _apply(change: Change, evidence: Sequence[Evidence], rules: Rules) -> Change:
    ordered = sorted(evidence, key=lambda e: e.strength, reverse=True)
    top = _ceiling(ordered[0], rules)
    leaders = [e for e in ordered if e.verdict is ordered[0].verdict]
    reason = top.reason
    if top.rule in QUOTED_RULES:
        reason = f"{reason}: {_quote(change)}"
    more = len(leaders) - 1
    if more and top.verdict is Verdict.MATERIAL:
        named = "; ".join(e.reason for e in leaders[1:4])
        unnamed = more - min(more, 3)
        tail = f"; ... ({unnamed} not shown)" if unnamed else ""
        reason = f"{reason}; and {more} more: {named}{tail}"
    return replace(
        change,
        verdict=top.verdict,
        direction=_direction(leaders) if top.verdict is not Verdict.NON_MATERIAL else NEUTRAL,
        category=_category(ordered),
        rules=tuple(dict.fromkeys(e.rule for e in ordered)),
        reason=one_line(reason, 400),
        block=any(e.block and rules.row(e.rule).block for e in ordered) and rules.practices,
    )


def _ceiling(evidence: Evidence, rules: Rules) -> Evidence:
    # The generic profile (statements of kind `general`) never calls wording material.
    if not rules.practices and evidence.verdict is Verdict.MATERIAL:
        return replace(evidence, verdict=Verdict.REVIEW)
    return evidence


def _direction(evidence: Sequence[Evidence]) -> Direction:
    """The way the change's differences weigh: a practice removed with its limits is more
    protective, though the limits alone would read permissive. Consent depends on direction,
    so a tie is permissive."""
    votes = {direction: 0 for direction in Direction}
    for item in evidence:
        votes[item.direction] += max(item.weight, 1)
    permissive, protective = votes[Direction.MORE_PERMISSIVE], votes[Direction.MORE_PROTECTIVE]
    if permissive or protective:
        return Direction.MORE_PERMISSIVE if permissive >= protective else Direction.MORE_PROTECTIVE
    return Direction.UNKNOWN if votes[Direction.UNKNOWN] else NEUTRAL


def _category(evidence: Sequence[Evidence]) -> str:
    named = [e.category for e in evidence if e.category and e.category != "other"]
    return named[0] if named else "other"


QUOTE_WORDS = 60
"""Characters of the words changed a reason quotes."""


def _quote(change: Change) -> str:
    """The words that changed, where they stand: what a reader checks the verdict against."""
    old, new = one_line(change.old, QUOTE_WORDS), one_line(change.new, QUOTE_WORDS)
    if not (old and new):
        return f"'{new or old}' {'added' if new else 'removed'}"
    hunks = Wording.compare(change.old, change.new).hunks
    if not hunks:
        return f"'{old}' became '{new}'"
    first = hunks[0]
    removed, added = quote(first.removed, QUOTE_WORDS), quote(first.added, QUOTE_WORDS)
    if not removed:
        shown = f"'{added}' added: '{first.quote_new()}'"
    elif not added:
        shown = f"'{removed}' removed from '{first.quote_old()}'"
    else:
        shown = f"'{removed}' → '{added}' in '{first.quote_new()}'"
    more = len(hunks) - 1
    return f"{shown} (and {more} more edit{'s' if more > 1 else ''})" if more else shown
