"""Practices: the OPP-115 lexicons (A6-A10, A13-A15, A17, A19-A21, A23, A24).

What a passage adds to or removes from each lexicon, which way that points (a negation near a
term turns it around), and which category a text is about.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from kpversion.change import Direction, Verdict
from kpversion.materiality.evidence import PERMISSIVE, UNKNOWN, Evidence, hunk_quote, opposite
from kpversion.materiality.ruleset import Lexicon, Rules, Terms
from kpversion.materiality.wording import Passage, Token, Wording, norm_words

_NEGATION_WINDOW = (5, 3)


def practice_evidence(passage: Passage, rules: Rules) -> list[Evidence]:
    """Per lexicon, the terms the passage adds and the terms it removes."""
    old = _occurrences(rules, _practice_sentences(passage.old, rules))
    new = _occurrences(rules, _practice_sentences(passage.new, rules))
    evidence: list[Evidence] = []
    for number, lexicon in enumerate(rules.lexicons):
        if lexicon.material == "never":
            continue
        before, after = old.get(number, Counter()), new.get(number, Counter())
        evidence += _lexicon_evidence(lexicon, after - before, True, passage, rules)
        evidence += _lexicon_evidence(lexicon, before - after, False, passage, rules)
    return evidence


def _lexicon_evidence(
    lexicon: Lexicon,
    delta: Counter[tuple[str, bool]],
    added: bool,
    passage: Passage,
    rules: Rules,
) -> list[Evidence]:
    if not delta:
        return []
    directions = {_term_direction(lexicon, negated, added) for _, negated in delta}
    direction = _direction_of(directions)
    rule = lexicon.rule if added else lexicon.removed_rule
    terms = ", ".join(f"'{term}'" for term, _ in list(delta)[:3])
    what = "added" if added else "removed"
    reason = f"{lexicon.label} {what} ({terms}): {hunk_quote(passage)}"
    verdict = _lexicon_verdict(lexicon, rule, direction, rules)
    block = not added and _statutory(lexicon, delta) and direction is PERMISSIVE
    return [Evidence(rule, verdict, direction, lexicon.category, reason, block)]


def _term_direction(lexicon: Lexicon, negated: bool, added: bool) -> Direction:
    direction = lexicon.polarity
    if direction is UNKNOWN:
        return direction
    if negated != (not added):
        return opposite(direction)
    return direction


def _direction_of(directions: set[Direction]) -> Direction:
    if len(directions) == 1:
        return next(iter(directions))
    return PERMISSIVE if PERMISSIVE in directions else UNKNOWN


def _lexicon_verdict(lexicon: Lexicon, rule: str, direction: Direction, rules: Rules) -> Verdict:
    # "permissive" rows (A17 security) are material only when a protection is weakened.
    if lexicon.material != "permissive":
        return rules.row(rule).verdict
    return Verdict.MATERIAL if direction is PERMISSIVE else Verdict.REVIEW


def _statutory(lexicon: Lexicon, delta: Counter[tuple[str, bool]]) -> bool:
    statutory = lexicon.extra.get("statutory")
    if statutory is None:
        return False
    return any(statutory.search(norm_words(term)) for term, _ in delta)


def _occurrences(
    rules: Rules, sentences: Iterable[tuple[str, ...]]
) -> dict[int, Counter[tuple[str, bool]]]:
    """Per lexicon, how often each term occurs, and whether a negation stands near it."""
    lexicons = rules.lexicons
    negations, inverters = rules.words("commitments", "negations"), rules.negators
    found: dict[int, Counter[tuple[str, bool]]] = {}
    for words in sentences:
        for number, term, start, end in rules.catalogue.find(words):
            # "opt out of the sale" turns a practice around, not a right.
            practice = lexicons[number].polarity is PERMISSIVE
            negated = _negated(words, start, end, inverters if practice else negations)
            found.setdefault(number, Counter())[(term, negated)] += 1
    return found


def _negated(words: tuple[str, ...], start: int, end: int, negations: Terms) -> bool:
    before, after = _NEGATION_WINDOW
    window = words[max(0, start - before) : start] + words[end : end + after]
    return negations.search(window) is not None


def _practice_sentences(tokens: tuple[Token, ...], rules: Rules) -> list[tuple[str, ...]]:
    """Sentences as words for the practice lexicons; a pointer's link text names another
    section ("see [How we share your data]") and states no practice, so it is left out."""
    groups: dict[int, list[Token]] = {}
    for token in tokens:
        groups.setdefault(token.sentence, []).append(token)
    pointers = rules.words("links", "pointers")
    sentences = []
    for group in groups.values():
        words = tuple(t.norm for t in group)
        if any(t.in_link for t in group) and pointers.search(words):
            words = tuple(t.norm for t in group if not t.in_link)
        sentences.append(words)
    return sentences


def practice_lexicon(passage: Passage, rules: Rules) -> Lexicon | None:
    """The first lexicon that can be material found in the passage's sentences."""
    for words in (*passage.old_sentences, *passage.new_sentences):
        for number, *_ in rules.catalogue.find(words):
            lexicon = rules.lexicons[number]
            # A clause in a sentence about a right or a choice conditions it ("once per year").
            if lexicon.material != "never":
                return lexicon
    return None


def lexicon_hits(
    rules: Rules, text: str, categories: tuple[str, ...] | None, polarity: Direction | None = None
) -> bool:
    """True when text holds a term of a lexicon that can be material, of one of
    `categories` and of `polarity` when given."""
    for number, _, _, _ in rules.catalogue.find(tuple(text.split())):
        lexicon = rules.lexicons[number]
        if categories is not None and lexicon.category not in categories:
            continue
        if polarity is not None and lexicon.polarity is not polarity:
            continue
        if lexicon.material != "never":
            return True
    return False


def passage_category(passage: Passage, rules: Rules) -> str:
    """The category the lexicons find most in the passage's two sides."""
    return _text_category(f"{passage.new_text} {passage.old_text}", rules)


def context_category(wording: Wording, rules: Rules) -> str:
    """The category the lexicons find most in the change's two texts."""
    return _text_category(norm_words(f"{wording.new_plain} {wording.old_plain}"), rules)


@lru_cache(maxsize=4096)
def _text_category(text: str, rules: Rules) -> str:
    counts = Counter[str]()
    for number, _, _, _ in rules.catalogue.find(tuple(text.split())):
        lexicon = rules.lexicons[number]
        if lexicon.material != "never":
            counts[lexicon.category] += 1
    best = counts.most_common(1)
    return best[0][0] if best else "other"
