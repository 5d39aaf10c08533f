"""Materiality: every change gets a verdict, direction, category, rules and a reason.

The checks run in the order of LEGAL.md's engineering notes: the format gate (A1-A4, page
chrome), then the commitment checks that always run (negations, modals, limits, numbers,
entities, contacts: A11, A12, A16, A18, A5), then the practice lexicons by OPP-115 category.
A change's verdict is its strongest evidence; anything substantive that no rule decides is
`review`, never `non-material`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from kpversion.change import Change, ChangeKind, DiffResult, Direction, Verdict
from kpversion.config import StatementSettings, TreeSettings
from kpversion.materiality.ruleset import Lexicon, Rules, Terms, default_rules
from kpversion.materiality.ruleset import load_rules as _load_rules
from kpversion.materiality.wording import (
    Hunk,
    Passage,
    Token,
    TokenKind,
    Wording,
    plain,
    quote,
    tokenize,
)
from kpversion.text.clip import clip
from kpversion.text.version_line import LABELS

__all__ = ["Evidence", "Rules", "classify", "classify_change", "gather_evidence", "load_rules"]

_PERMISSIVE = Direction.MORE_PERMISSIVE
_PROTECTIVE = Direction.MORE_PROTECTIVE
_UNKNOWN = Direction.UNKNOWN
_NEUTRAL = Direction.NEUTRAL
_OPPOSITE = {_PERMISSIVE: _PROTECTIVE, _PROTECTIVE: _PERMISSIVE}
_MONTHS = frozenset(
    (
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "st", "nd", "rd", "th",
    )
)  # fmt: skip
_VERSION_WORDS = re.compile(
    rf"\b(?:{'|'.join(LABELS)}|updated|revised|effective|version|dated?|as of|applies from"
    r"|in effect|valid from|last)\b",
    re.IGNORECASE,
)
_VERSION_LABEL = frozenset(
    [
        "last",
        "updated",
        "update",
        "reviewed",
        "revised",
        "modified",
        "effective",
        "date",
        "version",
        "as",
        "of",
        "on",
        "from",
        "in",
        "effect",
        "since",
        "this",
    ]
)
_PHONE = re.compile(r"^\(?\d{3}\)?[-. ]?\d{3}[-. ]\d{4}$|^\d{3}-\d{3}-\d{4}$")
_HEADING = re.compile(r"^\s*#{1,6}\s|\n[=-]{3,}\s*$")
_NEGATION_WINDOW = (5, 3)
_HIDDEN_EMAIL = "[email protected]"


@dataclass(frozen=True)
class Evidence:
    """What one rule found in one change: the evidence behind a verdict."""

    rule: str
    verdict: Verdict
    direction: Direction
    category: str
    reason: str
    block: bool = False

    @property
    def strength(self) -> tuple[int, bool, bool]:
        return (self.verdict.rank, self.block, self.direction is _PERMISSIVE)


def load_rules(
    tree: TreeSettings | None = None, statement: StatementSettings | None = None
) -> Rules:
    """The packaged rules, extended by the tree's and then the statement's `[rules]`."""
    return _load_rules(tree, statement)


def classify(result: DiffResult, rules: Rules | None = None) -> DiffResult:
    """Every change of `result` with its verdict, direction, category, rules and reason."""
    rules = rules or default_rules()
    changes = [classify_change(change, rules) for change in result.changes]
    changes = _net_within_paragraphs(changes, rules)
    return result.with_changes(_fragments_among_chrome(changes))


def classify_change(change: Change, rules: Rules) -> Change:
    evidence = gather_evidence(change, rules)
    return _apply(change, evidence, rules)


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
            text = _clip(change.new or change.old)
            reason = f"a short fragment among page chrome (sidebar, menu or counters): '{text}'"
            changes[index] = replace(
                change, verdict=Verdict.REVIEW, direction=_UNKNOWN, reason=reason, block=False
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


def _apply(change: Change, evidence: Sequence[Evidence], rules: Rules) -> Change:
    ordered = sorted(evidence, key=lambda e: e.strength, reverse=True)
    top = _ceiling(ordered[0], rules)
    leaders = [e for e in ordered if e.verdict is ordered[0].verdict]
    return replace(
        change,
        verdict=top.verdict,
        direction=_direction(leaders) if top.verdict is not Verdict.NON_MATERIAL else _NEUTRAL,
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
    for direction in (_PERMISSIVE, _UNKNOWN, _PROTECTIVE):
        if direction in directions:
            return direction
    return _NEUTRAL


def _category(evidence: Sequence[Evidence]) -> str:
    named = [e.category for e in evidence if e.category and e.category != "other"]
    return named[0] if named else "other"


def gather_evidence(change: Change, rules: Rules) -> list[Evidence]:
    """All evidence for one change, strongest not necessarily first."""
    evidence = _move_evidence(change, rules) if change.kind is ChangeKind.MOVED else []
    wording = Wording.compare(change.old, change.new)
    if change.kind is ChangeKind.MOVED and wording.same_words:
        return evidence
    return evidence + _wording_evidence(change, wording, rules)


# -- moves (A3) ------------------------------------------------------------------------------


def _move_evidence(change: Change, rules: Rules) -> list[Evidence]:
    scope = rules.words("scope", "headings")
    before = _scope_of(change.old_section, scope)
    after = _scope_of(change.new_section, scope)
    if before == after:
        return [_by_rule(rules, "A3", _NEUTRAL, "other", "moved without edits to its meaning")]
    old, new = _path(change.old_section), _path(change.new_section)
    reason = f"moved from '{old}' to '{new}', which changes the scope it is read in"
    return [Evidence("A3", Verdict.REVIEW, _UNKNOWN, "other", reason)]


def _scope_of(section: tuple[str, ...], scope: Terms) -> frozenset[str]:
    text = " ".join(_norm_words(heading) for heading in section)
    return frozenset(scope.count(text))


def _path(section: tuple[str, ...]) -> str:
    return " > ".join(section) or "(top)"


# -- the format gate (A1, A2, A4, page chrome) -----------------------------------------------


def _wording_evidence(change: Change, wording: Wording, rules: Rules) -> list[Evidence]:
    if wording.same_words:
        return [_format_evidence(change, wording, rules)]
    gate = _version_line(wording, rules) or _chrome(wording, rules)
    if gate is not None:
        return [gate]
    if _only_reordered(wording.old_plain, wording.new_plain):
        return [_by_rule(rules, "A3", _NEUTRAL, "other", "only the order of listed items changed")]
    if _is_heading(change):
        return [_heading_evidence(change, wording, rules)]
    if _is_title(wording, rules):
        side = _clip(wording.new_plain or wording.old_plain)
        reason = f"a title or navigation label {_verb(change)}: '{side}'"
        return [Evidence("G1", Verdict.REVIEW, _UNKNOWN, _context_category(wording, rules), reason)]
    evidence: list[Evidence] = []
    for passage in wording.passages:
        evidence += _passage_evidence(passage, change, rules)
    return evidence


_LIST_TOKEN = re.compile(r"\w+(?:['’.-]\w+)*|[^\w\s]")
_LIST_SEPARATORS = frozenset({",", ";", "and", "or"})


def _only_reordered(old: str, new: str) -> bool:
    """The texts differ only in the order of the items of a list ("payroll, taxes, benefits").

    Between the words both texts share at their start and end, each side is cut into items at
    commas, semicolons, "and" and "or"; the same items in another order is a reorder. Moving a
    word from one item to another ("shares with A" / "shares with B") changes the items."""
    a, b = _LIST_TOKEN.findall(old.lower()), _LIST_TOKEN.findall(new.lower())
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    old_items, new_items = _items(a[start : len(a) - end]), _items(b[start : len(b) - end])
    return len(old_items) > 1 and old_items != new_items and sorted(old_items) == sorted(new_items)


def _items(tokens: list[str]) -> list[tuple[str, ...]]:
    items: list[tuple[str, ...]] = []
    current: list[str] = []
    for token in [*tokens, ","]:
        if token in _LIST_SEPARATORS:
            if current:
                items.append(tuple(current))
            current = []
        else:
            current.append(token)
    return items


def _format_evidence(change: Change, wording: Wording, rules: Rules) -> Evidence:
    if _squash(change.old) == _squash(change.new):
        return _by_rule(rules, "A2", _NEUTRAL, "other", "only whitespace or line wrapping changed")
    if _squash(wording.old_plain) == _squash(wording.new_plain):
        what = "markup, link targets or front matter"
        return _by_rule(rules, "A2", _NEUTRAL, "other", f"only {what} changed")
    what = "capitalization, punctuation, quotes or bullets"
    return _by_rule(rules, "A1", _NEUTRAL, "other", f"only {what} changed")


def _squash(text: str) -> str:
    return "".join(text.split())


def _version_line(wording: Wording, rules: Rules) -> Evidence | None:
    changed = [t for hunk in wording.hunks for t in (*hunk.removed, *hunk.added)]
    if not changed or not all(_is_date_part(t) or t.norm in _VERSION_LABEL for t in changed):
        return None
    sides = [side for side in (wording.old, wording.new) if side]
    if not all(_is_version_text(side) for side in sides):
        return None
    old, new = _date_quote(wording.old, changed), _date_quote(wording.new, changed)
    reason = f"only the date line changed: '{old or '-'}' became '{new or '-'}'"
    return _by_rule(rules, "A4", _NEUTRAL, "other", reason)


def _is_version_text(tokens: tuple[Token, ...]) -> bool:
    """A short line stating a date and what it is (last updated, effective, version)."""
    if len(tokens) > 40 or not any(_is_date_part(t) for t in tokens):
        return False
    return _VERSION_WORDS.search(" ".join(t.text for t in tokens)) is not None


def _is_date_part(token: Token) -> bool:
    if token.kind is TokenKind.NUMBER:
        return True
    return token.kind is TokenKind.WORD and token.norm in _MONTHS


def _date_quote(tokens: tuple[Token, ...], changed: list[Token]) -> str:
    ids = {id(t) for t in changed}
    hits = [i for i, t in enumerate(tokens) if id(t) in ids]
    if not hits:
        return quote(tokens, 60)
    return quote(tokens[max(0, hits[0] - 3) : hits[-1] + 3], 60)


def _chrome(wording: Wording, rules: Rules) -> Evidence | None:
    sides = [wording.old_plain, wording.new_plain]
    if all(_is_chrome_text(side, rules) for side in sides):
        return _by_rule(rules, "A2", _NEUTRAL, "other", _chrome_reason(wording))
    banner = next((side for side in sides if _is_banner(side, rules)), None)
    if banner is not None and not (_has_prose(wording.old_plain) and _has_prose(wording.new_plain)):
        reason = f"looks like a cookie banner, not policy text: '{_clip(banner)}'"
        return Evidence("A2", Verdict.REVIEW, _UNKNOWN, "other", reason)
    return None


def _is_chrome_text(text: str, rules: Rules) -> bool:
    """Empty, or chrome lines (and short labels beside at least one of them)."""
    lines = [_strip_line(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    chrome = [any(p.match(line) for p in rules.chrome) for line in lines]
    if not all(c or _is_label(line, rules) for c, line in zip(chrome, lines, strict=True)):
        return False
    return any(chrome) or not lines


def _is_label(line: str, rules: Rules) -> bool:
    words = _norm_words(line).split()
    if len(words) > 3 or re.search(r"[.!?;:,]", line):
        return False
    return not any(rules.guard.fullmatch(w) or rules.practice_words.fullmatch(w) for w in words)


def _strip_line(line: str) -> str:
    return re.sub(r"^(?:[\s>*+\-•#]|\d+[.)]\s)*|[\s*_|]+$", "", line).strip(" *_[]()")


def _is_banner(text: str, rules: Rules) -> bool:
    low = _norm_words(text)
    return "cookie" in low and rules.words("chrome", "banner_markers").search(low) is not None


def _has_prose(text: str) -> bool:
    return len(text.split()) > 3


def _chrome_reason(wording: Wording) -> str:
    side = wording.new_plain.strip() or wording.old_plain.strip()
    return f"page chrome (navigation, footer or counters) changed: '{_clip(side)}'"


def _is_title(wording: Wording, rules: Rules) -> bool:
    """A short Title Case or CAPITALS line added or removed: a title, menu entry or button.

    Labels naming personal information, recipients or selling still go through the checks:
    "Social Security Number" in a list of categories is a practice, not a menu."""
    if wording.old and wording.new:
        return False
    tokens = wording.old or wording.new
    text = wording.old_plain or wording.new_plain
    words = [t for t in tokens if t.kind is TokenKind.WORD and len(t.text) > 3]
    if len(tokens) > 8 or not words or re.search(r"[.!?;:,]\s*$", text.strip()):
        return False
    if not all(t.text[:1].isupper() for t in words):
        return False
    found = rules.catalogue.find(tuple(t.norm for t in tokens))
    naming = {"data-types", "recipients", "selling", "rights"}
    return not any(rules.lexicons[number].name in naming for number, *_ in found)


def _verb(change: Change) -> str:
    return "removed" if change.kind is ChangeKind.REMOVED or not change.new.strip() else "added"


def _is_heading(change: Change) -> bool:
    if change.unit == "heading":
        return True
    for text, section in ((change.old, change.old_section), (change.new, change.new_section)):
        if text.strip() and _HEADING.search(text):
            return True
        if text.strip() and section and _norm_words(text) == _norm_words(section[-1]):
            return True
    return False


def _heading_evidence(change: Change, wording: Wording, rules: Rules) -> Evidence:
    old, new = _clip(wording.old_plain), _clip(wording.new_plain)
    verb = {ChangeKind.ADDED: "added", ChangeKind.REMOVED: "removed"}.get(change.kind)
    reason = (
        f"section heading {verb}: '{new or old}'" if verb else f"heading '{old}' became '{new}'"
    )
    return Evidence("A3", Verdict.REVIEW, _UNKNOWN, _context_category(wording, rules), reason)


# -- passages: the A1 guard, commitments and practices ---------------------------------------


def _passage_evidence(passage: Passage, change: Change, rules: Rules) -> list[Evidence]:
    if all(_is_typo(hunk, rules) for hunk in passage.hunks):
        return [_typo_evidence(passage, rules)]
    if passage.old and passage.new and _same_meaning(passage, rules):
        reason = f"a word swapped for a synonym: {_hunk_quote(passage)}"
        return [_by_rule(rules, "A1", _NEUTRAL, "other", reason)]
    if _only_pointers(passage, rules):
        reason = f"a cross-reference to another page or section: {_hunk_quote(passage)}"
        return [Evidence("G1", Verdict.REVIEW, _UNKNOWN, _passage_category(passage, rules), reason)]
    if _cross_reference(passage, rules):
        reason = f"only the wording of a cross-reference link changed: {_hunk_quote(passage)}"
        return [_by_rule(rules, "A2", _NEUTRAL, "other", reason)]
    neutral = _neutral_rewording(passage, rules)
    if neutral is not None:
        return [neutral]
    evidence = _commitment_evidence(passage, change, rules)
    if rules.practices:
        evidence += _practice_evidence(passage, rules)
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
    distance = osa_distance(old, new)
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
    if token.text[:1].isupper() and not _sentence_start(token):
        return True
    return rules.guard.fullmatch(token.norm)


def _sentence_start(token: Token) -> bool:
    return token.first


def _typo_evidence(passage: Passage, rules: Rules) -> Evidence:
    hunk = passage.hunks[0]
    reason = f"typo or grammar fix: '{hunk.quote_old()}' became '{hunk.quote_new()}'"
    return _by_rule(rules, "A1", _NEUTRAL, "other", reason)


def _neutral_rewording(passage: Passage, rules: Rules) -> Evidence | None:
    for lexicon in rules.lexicons:
        refresh = lexicon.extra.get("refresh")
        if refresh is not None and _equal_without(passage, refresh):
            reason = f"technology refresh: {_hunk_quote(passage)}"
            return Evidence("A17", Verdict.NON_MATERIAL, _NEUTRAL, lexicon.category, reason)
    legal = next((lex for lex in rules.lexicons if lex.rule == "A22"), None)
    if legal is not None and _equal_without(passage, legal.terms):
        reason = f"legal reference updated: {_hunk_quote(passage)}"
        return _by_rule(rules, "A22", _NEUTRAL, "other", reason)
    return None


def _equal_without(passage: Passage, terms: Terms) -> bool:
    return terms.strip(passage.old_text) == terms.strip(passage.new_text)


def _unruled(passage: Passage, rules: Rules) -> Evidence:
    clause = _practice_clause(passage, rules) if rules.practices else None
    if clause is not None:
        return clause
    category = _passage_category(passage, rules)
    return Evidence("G1", rules.row("G1").verdict, _UNKNOWN, category, _wording_reason(passage))


def _practice_clause(passage: Passage, rules: Rules) -> Evidence | None:
    """A clause added to or cut from a sentence that states a practice widens or narrows it
    ("when you fill forms" -> "when you log into your accounts and fill forms")."""
    commitments = rules.data.get("commitments", {})
    stopwords = set(commitments.get("stopwords", ()))
    needed = int(commitments.get("clause_words", 4))
    grown = [h for h in passage.hunks if _content_growth(h, stopwords) >= needed]
    if not grown or not passage.old or not passage.new:
        return None
    lexicon = _practice_lexicon(passage, rules)
    if lexicon is None:
        return None
    hunk = grown[0]
    what = (
        f"'{hunk.quote_new()}'" if len(hunk.added) > len(hunk.removed) else f"'{hunk.quote_old()}'"
    )
    reason = f"a clause changed in a sentence about {lexicon.label}: {what}"
    return Evidence(lexicon.rule, Verdict.MATERIAL, _UNKNOWN, lexicon.category, reason)


def _content_growth(hunk: Hunk, stopwords: set[str]) -> int:
    added = sum(t.norm not in stopwords for t in hunk.added)
    removed = sum(t.norm not in stopwords for t in hunk.removed)
    return abs(added - removed)


def _practice_lexicon(passage: Passage, rules: Rules) -> Lexicon | None:
    for words in (*passage.old_sentences, *passage.new_sentences):
        for number, *_ in rules.catalogue.find(words):
            lexicon = rules.lexicons[number]
            # A clause in a sentence about a right or a choice conditions it ("once per year").
            if lexicon.material != "never":
                return lexicon
    return None


def _wording_reason(passage: Passage) -> str:
    return f"wording changed and no rule decides it: {_hunk_quote(passage)}"


def _hunk_quote(passage: Passage) -> str:
    hunk = max(passage.hunks, key=lambda h: len(h.removed) + len(h.added))
    context = hunk.before or hunk.after
    if not hunk.removed:
        around = f": '{hunk.quote_new()}'" if context else ""
        return f"'{quote(hunk.added)}' added{around}"
    if not hunk.added:
        around = f" from '{hunk.quote_old()}'" if context else ""
        return f"'{quote(hunk.removed)}' removed{around}"
    return f"'{hunk.quote_old()}' became '{hunk.quote_new()}'"


# -- commitments (A11, A12, A16, A13 numbers, A18 entities, A5 contacts) ---------------------


def _commitment_evidence(passage: Passage, change: Change, rules: Rules) -> list[Evidence]:
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
    if not passage.new and not _lexicon_hits(rules, passage.old_text, None, _PERMISSIVE):
        return []
    direction = _negation_direction(passage, rules, removed)
    words = ", ".join(f"'{w}'" for w in delta)
    what = "negation removed from" if removed else "negation added to"
    reason = f"{what} a commitment ({words}): {_hunk_quote(passage)}"
    return [_commitment(rules, "A11", direction, _passage_category(passage, rules), reason)]


def _without_discretion(text: str, rules: Rules) -> str:
    """text without its discretion phrases, whose "not" ("but not limited to") or "without"
    ("without limitation") negates nothing: the phrase widens (A12)."""
    words = text.split()
    for _, start, end in list(rules.words("commitments", "discretion").matches(words)):
        words[start:end] = [""] * (end - start)
    return " ".join(word for word in words if word)


def _negation_direction(passage: Passage, rules: Rules, removed: bool) -> Direction:
    side = passage.old_text if removed else passage.new_text
    protective = _lexicon_hits(rules, side, ("user-access", "user-choice"))
    practice = _lexicon_hits(rules, side, None, _PERMISSIVE)
    direction = _PERMISSIVE if removed else _PROTECTIVE
    if protective and not practice:
        return _opposite(direction)
    return direction


_MODAL_LEVELS = (("obligations", 3), ("advisories", 2), ("permissions", 1))


def _modal_evidence(passage: Passage, rules: Rules) -> list[Evidence]:
    """Modal verbs ranked by how firmly they bind: must/will > should > may.

    A modal followed by a negation is a prohibition ("may not be re-disclosed"); those are
    compared among themselves, so "may not" -> "should not" weakens a prohibition."""
    old, new = _modal_levels(passage.old_text, rules), _modal_levels(passage.new_text, rules)
    if old == new:
        return []
    category = _passage_category(passage, rules)
    weakened, strengthened = _modal_shift(old, new)
    if weakened and not strengthened:
        prohibition = any(_modal_shift(old, new, negated=True))
        direction = _PERMISSIVE if prohibition else _weakening_direction(passage, rules)
        reason = f"a commitment was weakened to a discretion: {_hunk_quote(passage)}"
        return [_commitment(rules, "A12", direction, category, reason)]
    if strengthened and not weakened:
        reason = f"a discretion became a commitment: {_hunk_quote(passage)}"
        direction = _opposite(_weakening_direction(passage, rules))
        return [_commitment(rules, "A12", direction, category, reason)]
    reason = f"a modal verb changed: {_hunk_quote(passage)}"
    return [Evidence("A12", Verdict.REVIEW, _UNKNOWN, category, reason)]


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
    protective = _lexicon_hits(rules, passage.new_text, None, _PROTECTIVE)
    practice = _lexicon_hits(rules, passage.new_text, None, _PERMISSIVE)
    return _UNKNOWN if practice and not protective else _PERMISSIVE


def _limit_evidence(passage: Passage, rules: Rules) -> list[Evidence]:
    category = _passage_category(passage, rules)
    evidence = []
    for key, widening in (("limits", False), ("discretion", True), ("hedges", True)):
        delta = _delta(rules.words("commitments", key), passage)
        for word, count in delta.items():
            added = count > 0
            direction = _PERMISSIVE if added == widening else _PROTECTIVE
            if key == "hedges":
                # "generally" over a promise weakens it; over a practice ("some of our
                # email") it narrows the practice: the words around it decide.
                weaker = _weakening_direction(passage, rules)
                direction = weaker if added else _opposite(weaker)
            elif word in _EXCEPTIONS and _has_negation(
                passage.new_text if added else passage.old_text, rules
            ):
                # An exception to a prohibition ("we do not share it, except with our
                # subcontractors") lets the practice happen: adding one widens it.
                direction = _opposite(direction)
            what = "added" if added else "removed"
            label = {"limits": "limit", "discretion": "discretion", "hedges": "hedge"}[key]
            reason = f"{label} '{word}' {what}: {_hunk_quote(passage)}"
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
    reason = f"a quantifier changed ({', '.join(delta)}): {_hunk_quote(passage)}"
    if wider < 0 < narrower or narrower < 0 < wider:
        # "All recurring materials will contain" -> "Most ...": the promise holds less often.
        weaker = _weakening_direction(passage, rules)
        direction = weaker if wider < 0 else _opposite(weaker)
        return _commitment(rules, "A12", direction, category, f"scope of {reason}")
    return Evidence("A12", Verdict.REVIEW, _UNKNOWN, category, reason)


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
        direction = _threshold_direction(removed, added, lower_is=_PERMISSIVE)
        reason = f"age threshold {shown}"
        return [_commitment(rules, "A16", direction, "specific-audiences", reason)]
    if _near_any(changed, rules.words(commitments, "retention_context")):
        direction = _threshold_direction(removed, added, lower_is=_PROTECTIVE)
        return [_commitment(rules, "A13", direction, "data-retention", f"retention period {shown}")]
    reason = f"a number changed, which a typo fix may not do: {shown}"
    return [Evidence("A1", Verdict.REVIEW, _UNKNOWN, _passage_category(passage, rules), reason)]


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
        return _UNKNOWN
    return lower_is if after < before else _opposite(lower_is)


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
        reason = f"an entity covered by the statement changed ({words}): {_hunk_quote(passage)}"
        return [_commitment(rules, "A18", _UNKNOWN, "other", reason)]
    names = _proper_names(passage, rules)
    if not names:
        return []
    category = _passage_category(passage, rules)
    kin = _kindred_names(passage, rules)
    if kin:
        # "Mid-Atlantic Permanente Medical Group" added beside TPMG and SCPMG: a sister entity.
        reason = f"a name like the statement's entities changed ({kin}): {_hunk_quote(passage)}"
        return [_commitment(rules, "A18", _UNKNOWN, "specific-audiences", reason)]
    reason = f"a named party changed ({', '.join(names)}): {_hunk_quote(passage)}"
    return [Evidence("A18", Verdict.REVIEW, _UNKNOWN, category, reason)]


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
    return token.text[:1].isupper() and not _sentence_start(token) and len(token.text) > 1


def _contact_evidence(passage: Passage, change: Change, rules: Rules) -> list[Evidence]:
    old, new = _channels(passage.old, rules), _channels(passage.new, rules)
    terms = _delta(rules.words("contact", "terms"), passage)
    if old == new and not terms:
        return []
    changed = sorted((old ^ new) | set(terms))
    headings = " ".join(_norm_words(h) for h in (*change.old_section, *change.new_section))
    context = f"{passage.old_text} {passage.new_text} {headings}"
    shown = ", ".join(f"'{c}'" for c in changed[:3])
    if _HIDDEN_EMAIL in old ^ new:
        reason = f"an email address is hidden by the page's email protection ({shown})"
        return [Evidence("A5", Verdict.REVIEW, _UNKNOWN, "other", reason)]
    if rules.words("contact", "requests").search(context):
        reason = f"the contact channel for privacy questions or requests changed ({shown})"
        return [_commitment(rules, "A5", _UNKNOWN, "other", reason, Verdict.MATERIAL)]
    reason = f"contact details changed ({shown})"
    return [Evidence("A5", rules.row("A5").verdict, _UNKNOWN, "other", reason)]


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


# -- practices by OPP-115 category (A6-A10, A13-A15, A17, A19-A21, A23, A24) -----------------


def _practice_evidence(passage: Passage, rules: Rules) -> list[Evidence]:
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
    reason = f"{lexicon.label} {what} ({terms}): {_hunk_quote(passage)}"
    verdict = _lexicon_verdict(lexicon, rule, direction, rules)
    block = not added and _statutory(lexicon, delta) and direction is _PERMISSIVE
    return [Evidence(rule, verdict, direction, lexicon.category, reason, block)]


def _term_direction(lexicon: Lexicon, negated: bool, added: bool) -> Direction:
    direction = lexicon.polarity
    if direction is _UNKNOWN:
        return direction
    if negated != (not added):
        return _opposite(direction)
    return direction


def _opposite(direction: Direction) -> Direction:
    return _OPPOSITE.get(direction, direction)


def _direction_of(directions: set[Direction]) -> Direction:
    if len(directions) == 1:
        return next(iter(directions))
    return _PERMISSIVE if _PERMISSIVE in directions else _UNKNOWN


def _lexicon_verdict(lexicon: Lexicon, rule: str, direction: Direction, rules: Rules) -> Verdict:
    # "permissive" rows (A17 security) are material only when a protection is weakened.
    if lexicon.material != "permissive":
        return rules.row(rule).verdict
    return Verdict.MATERIAL if direction is _PERMISSIVE else Verdict.REVIEW


def _statutory(lexicon: Lexicon, delta: Counter[tuple[str, bool]]) -> bool:
    statutory = lexicon.extra.get("statutory")
    if statutory is None:
        return False
    return any(statutory.search(_norm_words(term)) for term, _ in delta)


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
            practice = lexicons[number].polarity is _PERMISSIVE
            negated = _negated(words, start, end, inverters if practice else negations)
            found.setdefault(number, Counter())[(term, negated)] += 1
    return found


def _negated(words: tuple[str, ...], start: int, end: int, negations: Terms) -> bool:
    before, after = _NEGATION_WINDOW
    window = words[max(0, start - before) : start] + words[end : end + after]
    return negations.search(window) is not None


# -- shared helpers ---------------------------------------------------------------------------


def _delta(terms: Terms, passage: Passage) -> Counter[str]:
    """Net change in each term's count, new minus old (negative: removed)."""
    delta = Counter(terms.count(passage.new_text))
    delta.subtract(terms.count(passage.old_text))
    return Counter({k: v for k, v in delta.items() if v})


def _lexicon_hits(
    rules: Rules, text: str, categories: tuple[str, ...] | None, polarity: Direction | None = None
) -> bool:
    for number, _, _, _ in rules.catalogue.find(tuple(text.split())):
        lexicon = rules.lexicons[number]
        if categories is not None and lexicon.category not in categories:
            continue
        if polarity is not None and lexicon.polarity is not polarity:
            continue
        if lexicon.material != "never":
            return True
    return False


def _passage_category(passage: Passage, rules: Rules) -> str:
    return _text_category(f"{passage.new_text} {passage.old_text}", rules)


def _context_category(wording: Wording, rules: Rules) -> str:
    return _text_category(_norm_words(f"{wording.new_plain} {wording.old_plain}"), rules)


@lru_cache(maxsize=4096)
def _text_category(text: str, rules: Rules) -> str:
    counts = Counter[str]()
    for number, _, _, _ in rules.catalogue.find(tuple(text.split())):
        lexicon = rules.lexicons[number]
        if lexicon.material != "never":
            counts[lexicon.category] += 1
    best = counts.most_common(1)
    return best[0][0] if best else "other"


def _by_rule(rules: Rules, rule: str, direction: Direction, category: str, reason: str) -> Evidence:
    """Evidence for `rule` with the verdict the rules give it."""
    return Evidence(rule, rules.row(rule).verdict, direction, category, reason)


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
    block = direction is not _PROTECTIVE
    return Evidence(rule, verdict, direction, category, reason, block)


@lru_cache(maxsize=4096)
def _norm_words(text: str) -> str:
    return " ".join(t.norm for t in tokenize(plain(text)))


def _clip(text: str, limit: int = 80) -> str:
    return clip(" ".join(text.split()), limit)


def osa_distance(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbours as one edit ("form" -> "from")."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]
