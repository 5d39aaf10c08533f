"""The format gate (A1-A4, page chrome): changes that leave the statement's words as they were.

Only case, punctuation, whitespace or markup; the date line; page chrome and cookie banners;
the items of a list reordered; a block moved (A3), which matters only when it moves under
headings of another scope. Headings and titles are read for their claims like any text.
"""

from __future__ import annotations

import re
from itertools import pairwise

from kpversion.change import Change, Verdict
from kpversion.materiality.announcements import is_update_banner
from kpversion.materiality.evidence import NEUTRAL, UNKNOWN, Evidence, by_rule, one_line
from kpversion.materiality.numbers import YEAR
from kpversion.materiality.ontology import SCOPE
from kpversion.materiality.quantities import UNIT_WORDS
from kpversion.materiality.references import names_instrument
from kpversion.materiality.ruleset import Rules, Terms
from kpversion.materiality.wording import Token, TokenKind, Wording, norm_words, quote
from kpversion.text.version_line import LABELS

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
_LIST_TOKEN = re.compile(r"\w+(?:['’.-]\w+)*|[^\w\s]")
_LIST_SEPARATORS = frozenset({",", ";", "and", "or"})


def move_evidence(change: Change, rules: Rules, only_marked: bool = False) -> list[Evidence]:
    """A3: a block moved; review when its headings put it in another scope (only_marked:
    its sections differ only by a line made a heading, or the reverse)."""
    scope = rules.words("scope", "headings")
    before = _scope_of(change.old_section, scope)
    after = _scope_of(change.new_section, scope)
    same = before == after or only_marked
    if same or _same_scoped_heading(change.old_section, change.new_section, scope):
        return [by_rule(rules, "A3", NEUTRAL, "other", "moved without edits to its meaning")]
    old, new = _path(change.old_section), _path(change.new_section)
    reason = f"moved from '{old}' to '{new}', which changes the scope it is read in"
    return [Evidence("A3", Verdict.REVIEW, UNKNOWN, "other", reason)]


def _same_scoped_heading(old: tuple[str, ...], new: tuple[str, ...], scope: Terms) -> bool:
    """A section re-nested under other headings, its own heading the same and naming a scope
    ("Notice for California Users" moved under "Additional Terms"): its own heading still
    sets the scope it is read in."""
    if not old or not new or norm_words(old[-1]) != norm_words(new[-1]):
        return False
    return bool(_scope_of(old[-1:], scope))


def _scope_of(section: tuple[str, ...], scope: Terms) -> frozenset[str]:
    text = " ".join(norm_words(heading) for heading in section)
    return frozenset(scope.count(text))


def _path(section: tuple[str, ...]) -> str:
    return " > ".join(section) or "(top)"


def format_gate(
    change: Change, wording: Wording, rules: Rules, names_a_claim: bool = False
) -> Evidence | None:
    """The evidence when the gate decides the change; None when its claims must be read.

    names_a_claim: the change's text names a term of the ontology; no chrome rule may then
    demote it (chrome patterns match by shape, and a claim can have any shape)."""
    if wording.same_words:
        return _format_evidence(change, wording, rules)
    gate = _version_line(wording, rules) or (None if names_a_claim else _chrome(wording, rules))
    if gate is not None:
        return gate
    if _is_added_or_removed_banner(change, rules):
        reason = "a banner announcing this update added or taken down"
        return by_rule(rules, "A4", NEUTRAL, "policy-change", reason)
    if _only_reordered(wording.old_plain, wording.new_plain):
        return by_rule(rules, "A3", NEUTRAL, "other", "only the order of listed items changed")
    return None


def _is_added_or_removed_banner(change: Change, rules: Rules) -> bool:
    """A block that only announces the update (its notice), added or taken down whole."""
    if change.old and change.new:
        return False
    return is_update_banner(change.old or change.new, rules.lexicon)


def _format_evidence(change: Change, wording: Wording, rules: Rules) -> Evidence:
    if _squash(change.old) == _squash(change.new):
        return by_rule(rules, "A2", NEUTRAL, "other", "only whitespace or line wrapping changed")
    if _squash(wording.old_plain) == _squash(wording.new_plain):
        what = "markup, link targets or front matter"
        return by_rule(rules, "A2", NEUTRAL, "other", f"only {what} changed")
    what = "capitalization, punctuation, quotes or bullets"
    return by_rule(rules, "A1", NEUTRAL, "other", f"only {what} changed")


def _squash(text: str) -> str:
    return "".join(text.split())


def _version_line(wording: Wording, rules: Rules) -> Evidence | None:
    changed = [t for hunk in wording.hunks for t in (*hunk.removed, *hunk.added)]
    if not changed or not all(_is_date_part(t) or t.norm in _VERSION_LABEL for t in changed):
        return None
    sides = [side for side in (wording.old, wording.new) if side]
    if not all(_is_version_text(side) for side in sides):
        return None
    if any(_counts_a_period(side) for side in sides):
        return None
    if not all(_dated(side, changed) for side in sides):
        return None
    old, new = _date_quote(wording.old, changed), _date_quote(wording.new, changed)
    reason = f"only the date line changed: '{old or '-'}' became '{new or '-'}'"
    return by_rule(rules, "A4", NEUTRAL, "other", reason)


def _dated(tokens: tuple[Token, ...], changed: list[Token]) -> bool:
    """Whether each changed number of a side is part of a date or a version: a year, a written
    date ("2024-01-05"), a figure beside a month or a year ("5 January", "March 3, 2024"), or
    a version's number. A number that is none ("children under 13 ... your date of birth") is
    no date line's."""
    ids = {id(t) for t in changed}
    for index, token in enumerate(tokens):
        if id(token) not in ids or token.kind is not TokenKind.NUMBER:
            continue
        near = tokens[max(0, index - DATE_REACH) : index + DATE_REACH + 1]
        numbered = index > 0 and tokens[index - 1].norm in ("version", "v", "revision")
        dated = YEAR.fullmatch(token.text) or _WRITTEN_DATE.fullmatch(token.text)
        if not (numbered or dated or any(map(_month_or_year, near))):
            return False
    return True


DATE_REACH = 2
"""Tokens either side of a day within which its month or year stands."""
_WRITTEN_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


def _month_or_year(token: Token) -> bool:
    return token.norm in _MONTHS or bool(YEAR.fullmatch(token.text))


def _counts_a_period(tokens: tuple[Token, ...]) -> bool:
    """A number followed by a unit ("for at least 5 years from the date") is a period, not a
    date: changing it is no date line's update."""
    return any(
        token.kind is TokenKind.NUMBER and following.norm in UNIT_WORDS
        for token, following in pairwise(tokens)
    )


def _is_version_text(tokens: tuple[Token, ...]) -> bool:
    """A short line stating a date and what it is (last updated, effective, version)."""
    if len(tokens) > 40 or not any(_is_date_part(t) for t in tokens):
        return False
    if names_instrument([t.norm for t in tokens]):
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
        return by_rule(rules, "A2", NEUTRAL, "other", _chrome_reason(wording))
    banner = next((side for side in sides if _is_banner(side, rules)), None)
    if banner is not None and not (_has_prose(wording.old_plain) and _has_prose(wording.new_plain)):
        reason = f"looks like a cookie banner, not policy text: '{one_line(banner)}'"
        return Evidence("A2", Verdict.REVIEW, UNKNOWN, "other", reason)
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
    if len(line.split()) > 4 or re.search(r"[.!?;:,]", line):
        return False
    words = norm_words(line).split()
    # A kind of service ("Apps") is a label: it claims nothing outside a sentence of scope.
    return len(words) <= 3 and all(h.kind == SCOPE for h in rules.lexicon.find(words))


_LINE_START = re.compile(r"^(?:[\s>*+\-•#]|\d+[.)]\s)*")
# A trailing run is tried only where a run starts: searched from each position of a long run
# of spaces or stars, `[\s*_|]+$` alone takes time quadratic in its length.
_LINE_END = re.compile(r"(?<![\s*_|])[\s*_|]+$")


def _strip_line(line: str) -> str:
    return _LINE_END.sub("", _LINE_START.sub("", line, count=1)).strip(" *_[]()")


def _is_banner(text: str, rules: Rules) -> bool:
    low = norm_words(text)
    return "cookie" in low and rules.words("chrome", "banner_markers").search(low) is not None


def _has_prose(text: str) -> bool:
    return len(text.split()) > 3


def _chrome_reason(wording: Wording) -> str:
    side = wording.new_plain.strip() or wording.old_plain.strip()
    return f"page chrome (navigation, footer or counters) changed: '{one_line(side)}'"


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
