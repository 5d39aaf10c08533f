"""Materiality: every change gets a verdict, direction, category, rules and a reason.

The checks run in the order of docs/legal.md's rule table: the format gate (A1-A4, page
chrome: `formatting`), then in each changed passage (`passages`) the commitment checks that
always run (negations, modals, limits, numbers, entities, contacts: A11, A12, A16, A18, A5:
`commitments`), then the practice lexicons by OPP-115 category (`practices`). A change's
verdict is its strongest evidence; anything substantive that no rule decides is `review`,
never `non-material`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kpversion.change import Change, ChangeKind, DiffResult, Direction, Verdict
from kpversion.materiality.evidence import (
    NEUTRAL,
    PERMISSIVE,
    PROTECTIVE,
    UNKNOWN,
    Evidence,
    one_line,
)
from kpversion.materiality.formatting import format_gate, move_evidence
from kpversion.materiality.passages import passage_evidence
from kpversion.materiality.ruleset import Rules, default_rules
from kpversion.materiality.wording import Wording

__all__ = ["classify", "classify_change", "gather_evidence"]


def classify(result: DiffResult, rules: Rules | None = None) -> DiffResult:
    """Every change of `result` with its verdict, direction, category, rules and reason."""
    rules = rules or default_rules()
    changes = [classify_change(change, rules) for change in result.changes]
    changes = _net_within_paragraphs(changes, rules)
    return result.with_changes(_fragments_among_chrome(changes))


def classify_change(change: Change, rules: Rules) -> Change:
    evidence = gather_evidence(change, rules)
    return _apply(change, evidence, rules)


def gather_evidence(change: Change, rules: Rules) -> list[Evidence]:
    """All evidence for one change, strongest not necessarily first."""
    evidence = move_evidence(change, rules) if change.kind is ChangeKind.MOVED else []
    wording = Wording.compare(change.old, change.new)
    if change.kind is ChangeKind.MOVED and wording.same_words:
        return evidence
    return evidence + _wording_evidence(change, wording, rules)


def _wording_evidence(change: Change, wording: Wording, rules: Rules) -> list[Evidence]:
    """The format gate's evidence when it decides the change; else each passage's."""
    gate = format_gate(change, wording, rules)
    if gate is not None:
        return [gate]
    evidence: list[Evidence] = []
    for passage in wording.passages:
        evidence += passage_evidence(passage, change, rules)
    return evidence


def _apply(change: Change, evidence: Sequence[Evidence], rules: Rules) -> Change:
    ordered = sorted(evidence, key=lambda e: e.strength, reverse=True)
    top = _ceiling(ordered[0], rules)
    leaders = [e for e in ordered if e.verdict is ordered[0].verdict]
    return replace(
        change,
        verdict=top.verdict,
        direction=_direction(leaders) if top.verdict is not Verdict.NON_MATERIAL else NEUTRAL,
        category=_category(ordered),
        rules=tuple(dict.fromkeys(e.rule for e in ordered)),
        reason=top.reason,
        block=any(e.block and rules.row(e.rule).block for e in ordered) and rules.practices,
    )


def _ceiling(evidence: Evidence, rules: Rules) -> Evidence:
    # The generic profile (statements of kind `general`) never calls wording material.
    if not rules.practices and evidence.verdict is Verdict.MATERIAL:
        return replace(evidence, verdict=Verdict.REVIEW)
    return evidence


def _direction(evidence: Sequence[Evidence]) -> Direction:
    # Consent depends on direction, so permissive evidence wins over protective evidence.
    directions = {e.direction for e in evidence}
    for direction in (PERMISSIVE, UNKNOWN, PROTECTIVE):
        if direction in directions:
            return direction
    return NEUTRAL


def _category(evidence: Sequence[Evidence]) -> str:
    named = [e.category for e in evidence if e.category and e.category != "other"]
    return named[0] if named else "other"


def _net_within_paragraphs(changes: list[Change], rules: Rules) -> list[Change]:
    """Cap sentence changes by what their paragraph as a whole says.

    The diff may report one edit as a sentence removed here and added there; read alone,
    each looks like a practice removed and another added. The paragraph's old and new text,
    compared whole, shows what really changed.
    """
    groups: dict[tuple[str, str], list[int]] = {}
    for index, change in enumerate(changes):
        if change.unit == "sentence" and change.old_context and change.new_context:
            groups.setdefault((change.old_context, change.new_context), []).append(index)
    for (old, new), members in groups.items():
        if len(members) < 2 or max(changes[i].verdict.rank for i in members) == 0:
            continue
        first = changes[members[0]]
        whole = replace(first, kind=ChangeKind.MODIFIED, unit="block", old=old, new=new)
        paragraph = classify_change(whole, rules)
        for i in members:
            if changes[i].verdict.rank > paragraph.verdict.rank:
                changes[i] = _capped(changes[i], paragraph)
    return changes


def _fragments_among_chrome(changes: list[Change]) -> list[Change]:
    """A short fragment added or removed between pieces of page chrome is chrome too.

    Captured pages carry sidebars ("My old posts" / "by someone" / "2 days ago" / "0 votes");
    their titles are no statement of practice, so they are review at most."""
    chrome = [c.rules == ("A2",) and c.verdict is Verdict.NON_MATERIAL for c in changes]
    for index, change in enumerate(changes):
        near = chrome[max(0, index - 2) : index] + chrome[index + 1 : index + 3]
        if change.verdict is Verdict.MATERIAL and any(near) and _fragment(change):
            text = one_line(change.new or change.old)
            reason = f"a short fragment among page chrome (sidebar, menu or counters): '{text}'"
            changes[index] = replace(
                change, verdict=Verdict.REVIEW, direction=UNKNOWN, reason=reason, block=False
            )
    return changes


def _fragment(change: Change) -> bool:
    text = (change.new or change.old).strip()
    one_sided = not change.new.strip() or not change.old.strip()
    return one_sided and len(text.split()) <= 8 and not re.search(r"[.;:]\s*$", text)


def _capped(change: Change, paragraph: Change) -> Change:
    reason = f"read with the rest of its paragraph: {paragraph.reason}"
    return replace(
        change,
        verdict=paragraph.verdict,
        direction=paragraph.direction,
        category=paragraph.category,
        rules=paragraph.rules,
        reason=reason,
        block=paragraph.block,
    )
