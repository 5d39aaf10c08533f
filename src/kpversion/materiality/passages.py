"""Passages: the sentences around a group of word changes, read for what they change.

First what changes nothing (the A1 guard against typos and grammar, synonyms, cross-references,
technology refreshes and legal references), then the commitment and practice checks, then a
clause added to a practice; what no rule decides is review.
"""

from __future__ import annotations

from rapidfuzz.distance import OSA

from kpversion.change import Change, Verdict
from kpversion.materiality.commitments import commitment_evidence
from kpversion.materiality.evidence import NEUTRAL, UNKNOWN, Evidence, by_rule, hunk_quote
from kpversion.materiality.practices import passage_category, practice_evidence, practice_lexicon
from kpversion.materiality.ruleset import Rules, Terms
from kpversion.materiality.wording import Hunk, Passage, Token, TokenKind


def passage_evidence(passage: Passage, change: Change, rules: Rules) -> list[Evidence]:
    """All evidence for one passage; G1 (review) when no rule decides it."""
    if all(_is_typo(hunk, rules) for hunk in passage.hunks):
        return [_typo_evidence(passage, rules)]
    if passage.old and passage.new and _same_meaning(passage, rules):
        reason = f"a word swapped for a synonym: {hunk_quote(passage)}"
        return [by_rule(rules, "A1", NEUTRAL, "other", reason)]
    if _only_pointers(passage, rules):
        reason = f"a cross-reference to another page or section: {hunk_quote(passage)}"
        return [Evidence("G1", Verdict.REVIEW, UNKNOWN, passage_category(passage, rules), reason)]
    if _cross_reference(passage, rules):
        reason = f"only the wording of a cross-reference link changed: {hunk_quote(passage)}"
        return [by_rule(rules, "A2", NEUTRAL, "other", reason)]
    neutral = _neutral_rewording(passage, rules)
    if neutral is not None:
        return [neutral]
    evidence = commitment_evidence(passage, change, rules)
    if rules.practices:
        evidence += practice_evidence(passage, rules)
    return evidence or [_unruled(passage, rules)]


def _cross_reference(passage: Passage, rules: Rules) -> bool:
    """True when only a pointer's link text changed ("see [About your profile](...)")."""
    if not passage.old or not passage.new:
        return False
    filler = rules.words("links", "filler")
    changed = [t for hunk in passage.hunks for t in (*hunk.removed, *hunk.added)]
    for token in changed:
        if _commitment_word(token, rules) or not (token.in_link or filler.fullmatch(token.norm)):
            return False
    pointers = rules.words("links", "pointers")
    return bool(pointers.search(passage.old_text) and pointers.search(passage.new_text))


def _only_pointers(passage: Passage, rules: Rules) -> bool:
    """A sentence added or removed whole that only points to another page ("To learn about
    your California privacy rights, see [our California notice](...)")."""
    side = passage.new if not passage.old else passage.old if not passage.new else ()
    if not side:
        return False
    pointers = rules.words("links", "pointers")
    for sentence in {t.sentence for t in side}:
        tokens = [t for t in side if t.sentence == sentence]
        if not any(t.in_link for t in tokens) or not pointers.search([t.norm for t in tokens]):
            return False
        if any(_commitment_word(t, rules) and t.kind is TokenKind.WORD for t in tokens):
            return False
    return True


def _commitment_word(token: Token, rules: Rules) -> bool:
    return token.kind is not TokenKind.WORD or rules.guard.fullmatch(token.norm)


def _is_typo(hunk: Hunk, rules: Rules) -> bool:
    removed, added = hunk.removed, hunk.added
    if any(_guarded(t, rules) for t in (*removed, *added)):
        return False
    if "".join(t.norm for t in removed) == "".join(t.norm for t in added):
        return True
    grammar = rules.words("commitments", "grammar")
    if all(grammar.fullmatch(t.norm) for t in (*removed, *added)):
        return True
    if _only_determiners(hunk, rules):
        return True
    if len(removed) != len(added):
        return False
    return all(_misspelling(a.norm, b.norm, rules) for a, b in zip(removed, added, strict=True))


def _same_meaning(passage: Passage, rules: Rules) -> bool:
    """Both sides read the same once synonyms are reduced to one word ("utilize" -> "use")."""
    synonyms = rules.synonyms
    return synonyms.canonical(passage.old_text.split()) == synonyms.canonical(
        passage.new_text.split()
    )


def _only_determiners(hunk: Hunk, rules: Rules) -> bool:
    """'our' or 'your' added or cut alone, not before a practice word ("our partners")."""
    words = hunk.removed or hunk.added
    if (hunk.removed and hunk.added) or not words:
        return False
    if not all(rules.words("commitments", "determiners").fullmatch(t.norm) for t in words):
        return False
    return not any(rules.practice_words.fullmatch(t.norm) for t in hunk.after[:1])


def _misspelling(old: str, new: str, rules: Rules) -> bool:
    # Optimal string alignment: a swap of neighbours is one edit ("form" -> "from").
    distance = OSA.distance(old, new)
    if distance > (1 if min(len(old), len(new)) <= 5 else 2):
        return False
    if len(old) <= 3 or rules.practice_words.fullmatch(old) or rules.practice_words.fullmatch(new):
        # A practice word may be mended ("recrod", "colect") but not swapped for another
        # word by changing a letter ("sell" -> "tell").
        if sorted(old) == sorted(new) or (abs(len(old) - len(new)) == 1 and distance == 1):
            return True
        return _spelling_variant(old, new)
    return True


def _spelling_variant(old: str, new: str) -> bool:
    """British and American spellings of one word ("personalisation", "personalization")."""
    if len(old) != len(new):
        return False
    differ = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    return len(differ) == 1 and set(differ[0]) == {"s", "z"}


def _guarded(token: Token, rules: Rules) -> bool:
    """The A1 guard: negations, numbers, modals, quantifiers and names are never typos."""
    if token.kind is not TokenKind.WORD:
        return True
    if token.text[:1].isupper() and not token.first:
        return True
    return rules.guard.fullmatch(token.norm)


def _typo_evidence(passage: Passage, rules: Rules) -> Evidence:
    hunk = passage.hunks[0]
    reason = f"typo or grammar fix: '{hunk.quote_old()}' became '{hunk.quote_new()}'"
    return by_rule(rules, "A1", NEUTRAL, "other", reason)


def _neutral_rewording(passage: Passage, rules: Rules) -> Evidence | None:
    for lexicon in rules.lexicons:
        refresh = lexicon.extra.get("refresh")
        if refresh is not None and _equal_without(passage, refresh):
            reason = f"technology refresh: {hunk_quote(passage)}"
            return Evidence("A17", Verdict.NON_MATERIAL, NEUTRAL, lexicon.category, reason)
    legal = next((lex for lex in rules.lexicons if lex.rule == "A22"), None)
    if legal is not None and _equal_without(passage, legal.terms):
        reason = f"legal reference updated: {hunk_quote(passage)}"
        return by_rule(rules, "A22", NEUTRAL, "other", reason)
    return None


def _equal_without(passage: Passage, terms: Terms) -> bool:
    return terms.strip(passage.old_text) == terms.strip(passage.new_text)


def _unruled(passage: Passage, rules: Rules) -> Evidence:
    clause = _practice_clause(passage, rules) if rules.practices else None
    if clause is not None:
        return clause
    category = passage_category(passage, rules)
    return Evidence("G1", rules.row("G1").verdict, UNKNOWN, category, _wording_reason(passage))


def _practice_clause(passage: Passage, rules: Rules) -> Evidence | None:
    """A clause added to or cut from a sentence that states a practice widens or narrows it
    ("when you fill forms" -> "when you log into your accounts and fill forms")."""
    commitments = rules.data.get("commitments", {})
    stopwords = set(commitments.get("stopwords", ()))
    needed = int(commitments.get("clause_words", 4))
    grown = [h for h in passage.hunks if _content_growth(h, stopwords) >= needed]
    if not grown or not passage.old or not passage.new:
        return None
    lexicon = practice_lexicon(passage, rules)
    if lexicon is None:
        return None
    hunk = grown[0]
    what = (
        f"'{hunk.quote_new()}'" if len(hunk.added) > len(hunk.removed) else f"'{hunk.quote_old()}'"
    )
    reason = f"a clause changed in a sentence about {lexicon.label}: {what}"
    return Evidence(lexicon.rule, Verdict.MATERIAL, UNKNOWN, lexicon.category, reason)


def _content_growth(hunk: Hunk, stopwords: set[str]) -> int:
    added = sum(t.norm not in stopwords for t in hunk.added)
    removed = sum(t.norm not in stopwords for t in hunk.removed)
    return abs(added - removed)


def _wording_reason(passage: Passage) -> str:
    return f"wording changed and no rule decides it: {hunk_quote(passage)}"
