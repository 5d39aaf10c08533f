"""Commitments: the checks that always run (A11, A12, A16, A13 numbers, A18 entities, A5).

Negations flipped, modals weakened or strengthened, limits, discretion, hedges and quantifiers
added or removed, numbers (ages, retention periods), the entities the statement covers and the
contact channels for privacy requests.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from kpversion.change import Change, Direction, Verdict
from kpversion.materiality.evidence import (
    PERMISSIVE,
    PROTECTIVE,
    UNKNOWN,
    Evidence,
    hunk_quote,
    opposite,
)
from kpversion.materiality.practices import lexicon_hits, passage_category
from kpversion.materiality.ruleset import Rules, Terms
from kpversion.materiality.wording import Passage, Token, TokenKind, norm_words

_PHONE = re.compile(r"^\(?\d{3}\)?[-. ]?\d{3}[-. ]\d{4}$|^\d{3}-\d{3}-\d{4}$")
_HIDDEN_EMAIL = "[email protected]"


def commitment_evidence(passage: Passage, change: Change, rules: Rules) -> list[Evidence]:
    """The commitment checks, which run for statements of every kind."""
    # A paragraph added or removed whole has no commitment that flipped or weakened; its
    # practices speak for it (a removed negated commitment still counts as a flip).
    one_sided = not passage.old or not passage.new
    evidence = [] if not passage.old else _negation_evidence(passage, rules)
    if not one_sided:
        evidence += _modal_evidence(passage, rules)
        evidence += _limit_evidence(passage, rules)
    evidence += _number_evidence(passage, rules)
    evidence += _entity_evidence(passage, rules)
    evidence += _contact_evidence(passage, change, rules)
    return evidence


def _negation_evidence(passage: Passage, rules: Rules) -> list[Evidence]:
    negations = rules.words("commitments", "negations")
    delta = Counter(negations.count(_without_discretion(passage.new_text, rules)))
    delta.subtract(negations.count(_without_discretion(passage.old_text, rules)))
    delta = Counter({word: count for word, count in delta.items() if count})
    if not delta:
        return []
    removed = sum(delta.values()) < 0
    if not passage.new and not lexicon_hits(rules, passage.old_text, None, PERMISSIVE):
        return []
    direction = _negation_direction(passage, rules, removed)
    words = ", ".join(f"'{w}'" for w in delta)
    what = "negation removed from" if removed else "negation added to"
    reason = f"{what} a commitment ({words}): {hunk_quote(passage)}"
    return [_commitment(rules, "A11", direction, passage_category(passage, rules), reason)]


def _without_discretion(text: str, rules: Rules) -> str:
    """text without its discretion phrases, whose "not" ("but not limited to") or "without"
    ("without limitation") negates nothing: the phrase widens (A12)."""
    words = text.split()
    for _, start, end in list(rules.words("commitments", "discretion").matches(words)):
        words[start:end] = [""] * (end - start)
    return " ".join(word for word in words if word)


def _negation_direction(passage: Passage, rules: Rules, removed: bool) -> Direction:
    side = passage.old_text if removed else passage.new_text
    protective = lexicon_hits(rules, side, ("user-access", "user-choice"))
    practice = lexicon_hits(rules, side, None, PERMISSIVE)
    direction = PERMISSIVE if removed else PROTECTIVE
    if protective and not practice:
        return opposite(direction)
    return direction


_MODAL_LEVELS = (("obligations", 3), ("advisories", 2), ("permissions", 1))


def _modal_evidence(passage: Passage, rules: Rules) -> list[Evidence]:
    """Modal verbs ranked by how firmly they bind: must/will > should > may.

    A modal followed by a negation is a prohibition ("may not be re-disclosed"); those are
    compared among themselves, so "may not" -> "should not" weakens a prohibition."""
    old, new = _modal_levels(passage.old_text, rules), _modal_levels(passage.new_text, rules)
    if old == new:
        return []
    category = passage_category(passage, rules)
    weakened, strengthened = _modal_shift(old, new)
    if weakened and not strengthened:
        prohibition = any(_modal_shift(old, new, negated=True))
        direction = PERMISSIVE if prohibition else _weakening_direction(passage, rules)
        reason = f"a commitment was weakened to a discretion: {hunk_quote(passage)}"
        return [_commitment(rules, "A12", direction, category, reason)]
    if strengthened and not weakened:
        reason = f"a discretion became a commitment: {hunk_quote(passage)}"
        direction = opposite(_weakening_direction(passage, rules))
        return [_commitment(rules, "A12", direction, category, reason)]
    reason = f"a modal verb changed: {hunk_quote(passage)}"
    return [Evidence("A12", Verdict.REVIEW, UNKNOWN, category, reason)]


def _modal_levels(text: str, rules: Rules) -> Counter[tuple[bool, int]]:
    """How many modals of each level, split by whether a negation follows them."""
    words = text.split()
    negations = rules.words("commitments", "negations")
    levels = Counter[tuple[bool, int]]()
    for key, level in _MODAL_LEVELS:
        for _, _, end in rules.words("commitments", key).matches(words):
            negated = end < len(words) and negations.fullmatch(words[end])
            # "may not be re-disclosed" forbids as firmly as "must not".
            levels[(bool(negated), 3 if negated and level == 1 else level)] += 1
    return levels


def _modal_shift(
    old: Counter[tuple[bool, int]], new: Counter[tuple[bool, int]], negated: bool | None = None
) -> tuple[bool, bool]:
    """(weakened, strengthened): a modal of one level gave way to a lower or a higher one."""
    weakened = strengthened = False
    for group in (False, True) if negated is None else (negated,):
        delta = {level: new[(group, level)] - old[(group, level)] for _, level in _MODAL_LEVELS}
        for high in delta:
            for low in delta:
                if high > low and delta[high] < 0 < delta[low]:
                    weakened = True
                if high > low and delta[low] < 0 < delta[high]:
                    strengthened = True
    return weakened, strengthened


_EXCEPTIONS = frozenset(
    {"except", "unless", "as required by law", "required by law", "when required"}
)
"""Limits that, inside a prohibition, are exceptions to it: they widen what it forbids less."""


def _has_negation(text: str, rules: Rules) -> bool:
    return any(True for _ in rules.words("commitments", "negations").matches(text.split()))


def _weakening_direction(passage: Passage, rules: Rules) -> Direction:
    # "will post notice" -> "may post notice" widens discretion over a protection; "will
    # share" -> "may share" over a practice is not clearly either.
    protective = lexicon_hits(rules, passage.new_text, None, PROTECTIVE)
    practice = lexicon_hits(rules, passage.new_text, None, PERMISSIVE)
    return UNKNOWN if practice and not protective else PERMISSIVE


def _limit_evidence(passage: Passage, rules: Rules) -> list[Evidence]:
    category = passage_category(passage, rules)
    evidence = []
    for key, widening in (("limits", False), ("discretion", True), ("hedges", True)):
        delta = _delta(rules.words("commitments", key), passage)
        for word, count in delta.items():
            added = count > 0
            direction = PERMISSIVE if added == widening else PROTECTIVE
            if key == "hedges":
                # "generally" over a promise weakens it; over a practice ("some of our
                # email") it narrows the practice: the words around it decide.
                weaker = _weakening_direction(passage, rules)
                direction = weaker if added else opposite(weaker)
            elif word in _EXCEPTIONS and _has_negation(
                passage.new_text if added else passage.old_text, rules
            ):
                # An exception to a prohibition ("we do not share it, except with our
                # subcontractors") lets the practice happen: adding one widens it.
                direction = opposite(direction)
            what = "added" if added else "removed"
            label = {"limits": "limit", "discretion": "discretion", "hedges": "hedge"}[key]
            reason = f"{label} '{word}' {what}: {hunk_quote(passage)}"
            evidence.append(_commitment(rules, "A12", direction, category, reason))
    delta = _delta(rules.words("commitments", "quantifiers"), passage)
    for word, count in _delta(rules.words("commitments", "partial"), passage).items():
        delta[word] = count
    if delta:
        evidence.append(_quantifier_evidence(delta, passage, rules, category))
    return evidence


def _quantifier_evidence(
    delta: Counter[str], passage: Passage, rules: Rules, category: str
) -> Evidence:
    universal = rules.words("commitments", "universal")
    partial = rules.words("commitments", "partial")
    wider = sum(n for word, n in delta.items() if universal.fullmatch(word))
    narrower = sum(n for word, n in delta.items() if partial.fullmatch(word))
    reason = f"a quantifier changed ({', '.join(delta)}): {hunk_quote(passage)}"
    if wider < 0 < narrower or narrower < 0 < wider:
        # "All recurring materials will contain" -> "Most ...": the promise holds less often.
        weaker = _weakening_direction(passage, rules)
        direction = weaker if wider < 0 else opposite(weaker)
        return _commitment(rules, "A12", direction, category, f"scope of {reason}")
    return Evidence("A12", Verdict.REVIEW, UNKNOWN, category, reason)


def _number_evidence(passage: Passage, rules: Rules) -> list[Evidence]:
    old, new = _numbers(passage.old, rules), _numbers(passage.new, rules)
    if old == new:
        return []
    removed, added = list((old - new).elements()), list((new - old).elements())
    if _all_phones(removed + added):
        return []  # contact checks report phone numbers
    shown = f"'{' '.join(removed) or '-'}' became '{' '.join(added) or '-'}'"
    changed = _changed_numbers(passage.old, removed, rules) + _changed_numbers(
        passage.new, added, rules
    )
    commitments = "commitments"
    if _near_any(changed, rules.words(commitments, "age_context")):
        direction = _threshold_direction(removed, added, lower_is=PERMISSIVE)
        reason = f"age threshold {shown}"
        return [_commitment(rules, "A16", direction, "specific-audiences", reason)]
    if _near_any(changed, rules.words(commitments, "retention_context")):
        direction = _threshold_direction(removed, added, lower_is=PROTECTIVE)
        return [_commitment(rules, "A13", direction, "data-retention", f"retention period {shown}")]
    reason = f"a number changed, which a typo fix may not do: {shown}"
    return [Evidence("A1", Verdict.REVIEW, UNKNOWN, passage_category(passage, rules), reason)]


def _changed_numbers(
    tokens: tuple[Token, ...], values: list[str], rules: Rules
) -> list[tuple[tuple[Token, ...], int]]:
    """Each changed quantity (not a date or year) with its sentence's tokens and position."""
    wanted = Counter(values)
    found = []
    for index, token in enumerate(tokens):
        if wanted[token.norm] > 0 and _is_quantity(token):
            wanted[token.norm] -= 1
            found.append((tokens, index))
    return found


def _is_quantity(token: Token) -> bool:
    if token.kind is not TokenKind.NUMBER:
        return True
    return token.norm.isdigit() and int(token.norm) < 1000


def _near_any(changed: list[tuple[tuple[Token, ...], int]], terms: Terms) -> bool:
    for tokens, index in changed:
        sentence = tokens[index].sentence
        window = tokens[max(0, index - 6) : index + 7]
        words = " ".join(t.norm for t in window if t.sentence == sentence)
        if terms.search(words):
            return True
    return False


def _numbers(tokens: tuple[Token, ...], rules: Rules) -> Counter[str]:
    words = rules.words("commitments", "number_words")
    return Counter(
        t.norm
        for t in tokens
        if t.kind is TokenKind.NUMBER or (t.kind is TokenKind.WORD and words.fullmatch(t.norm))
    )


def _all_phones(numbers: list[str]) -> bool:
    return bool(numbers) and all(_PHONE.match(n) for n in numbers)


def _threshold_direction(removed: list[str], added: list[str], lower_is: Direction) -> Direction:
    before, after = _first_value(removed), _first_value(added)
    if before is None or after is None or before == after:
        return UNKNOWN
    return lower_is if after < before else opposite(lower_is)


def _first_value(numbers: list[str]) -> float | None:
    for number in numbers:
        try:
            return float(number.replace(",", ""))
        except ValueError:
            continue
    return None


def _entity_evidence(passage: Passage, rules: Rules) -> list[Evidence]:
    delta = _delta(rules.words("entities", "names"), passage)
    if delta:
        words = ", ".join(
            f"'{name}' {'added' if n > 0 else 'removed'}" for name, n in delta.items()
        )
        reason = f"an entity covered by the statement changed ({words}): {hunk_quote(passage)}"
        return [_commitment(rules, "A18", UNKNOWN, "other", reason)]
    names = _proper_names(passage, rules)
    if not names:
        return []
    category = passage_category(passage, rules)
    kin = _kindred_names(passage, rules)
    if kin:
        # "Mid-Atlantic Permanente Medical Group" added beside TPMG and SCPMG: a sister entity.
        reason = f"a name like the statement's entities changed ({kin}): {hunk_quote(passage)}"
        return [_commitment(rules, "A18", UNKNOWN, "specific-audiences", reason)]
    reason = f"a named party changed ({', '.join(names)}): {hunk_quote(passage)}"
    return [Evidence("A18", Verdict.REVIEW, UNKNOWN, category, reason)]


def _kindred_names(passage: Passage, rules: Rules) -> str:
    """Capitalized words added or removed that share two or more words with the entities."""
    entity_words = rules.entity_words
    for hunk in passage.hunks:
        for side in (hunk.added, hunk.removed):
            shared = {t.text for t in side if _guarded_name(t, rules) and t.norm in entity_words}
            if len(shared) >= 2:
                return ", ".join(sorted(shared))
    return ""


def _proper_names(passage: Passage, rules: Rules) -> list[str]:
    names = []
    for tokens, side in ((passage.old, "old"), (passage.new, "new")):
        pointers = _pointer_sentences(tokens, rules)
        changed = {
            id(t) for hunk in passage.hunks for t in (hunk.removed if side == "old" else hunk.added)
        }
        names += [
            t.text
            for t in tokens
            if id(t) in changed
            and t.kind is TokenKind.WORD
            and _guarded_name(t, rules)
            and not (t.in_link and t.sentence in pointers)
        ]
    return list(dict.fromkeys(f"'{n}'" for n in names))[:4]


def _pointer_sentences(tokens: tuple[Token, ...], rules: Rules) -> set[int]:
    pointers = rules.words("links", "pointers")
    sentences: dict[int, list[str]] = {}
    for token in tokens:
        sentences.setdefault(token.sentence, []).append(token.norm)
    return {number for number, words in sentences.items() if pointers.search(words)}


def _guarded_name(token: Token, rules: Rules) -> bool:
    return token.text[:1].isupper() and not token.first and len(token.text) > 1


def _contact_evidence(passage: Passage, change: Change, rules: Rules) -> list[Evidence]:
    old, new = _channels(passage.old, rules), _channels(passage.new, rules)
    terms = _delta(rules.words("contact", "terms"), passage)
    if old == new and not terms:
        return []
    changed = sorted((old ^ new) | set(terms))
    headings = " ".join(norm_words(h) for h in (*change.old_section, *change.new_section))
    context = f"{passage.old_text} {passage.new_text} {headings}"
    shown = ", ".join(f"'{c}'" for c in changed[:3])
    if _HIDDEN_EMAIL in old ^ new:
        reason = f"an email address is hidden by the page's email protection ({shown})"
        return [Evidence("A5", Verdict.REVIEW, UNKNOWN, "other", reason)]
    if rules.words("contact", "requests").search(context):
        reason = f"the contact channel for privacy questions or requests changed ({shown})"
        return [_commitment(rules, "A5", UNKNOWN, "other", reason, Verdict.MATERIAL)]
    reason = f"contact details changed ({shown})"
    return [Evidence("A5", rules.row("A5").verdict, UNKNOWN, "other", reason)]


def _channels(tokens: tuple[Token, ...], rules: Rules) -> frozenset[str]:
    found = {
        t.norm
        for t in tokens
        if t.kind is TokenKind.EMAIL or (t.kind is TokenKind.NUMBER and _PHONE.match(t.norm))
    }
    words = [t.norm for t in tokens]
    # Captured pages show "[email protected]" where a CDN obfuscated an address.
    if any(a == "email" and b == "protected" for a, b in pairwise(words)):
        found.add(_HIDDEN_EMAIL)
    return frozenset(found)


def _delta(terms: Terms, passage: Passage) -> Counter[str]:
    """Net change in each term's count, new minus old (negative: removed)."""
    delta = Counter(terms.count(passage.new_text))
    delta.subtract(terms.count(passage.old_text))
    return Counter({k: v for k, v in delta.items() if v})


def _commitment(
    rules: Rules,
    rule: str,
    direction: Direction,
    category: str,
    reason: str,
    verdict: Verdict | None = None,
) -> Evidence:
    """Commitment evidence, capped by the profile (the generic profile caps it at review)."""
    verdict = min(
        verdict or rules.row(rule).verdict, rules.commitments_verdict, key=lambda v: v.rank
    )
    block = direction is not PROTECTIVE
    return Evidence(rule, verdict, direction, category, reason, block)
