"""Trivial word edits: the stretch between two texts' common beginning and end, proven region
by region (a symbol for its word, a word doubled, a compound hyphenated or not, words spelled
or inflected another way).

No region is proven that changes a protected word, a number or a proper name, that touches an
identifier ("developers.mozilla.org"), or that changes a link target or a channel.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from rapidfuzz.distance import Indel

from kpversion.materiality.channels import channel_spans
from kpversion.materiality.links import links
from kpversion.materiality.spelling import _inflection, _spelling
from kpversion.materiality.trivial_layout import _split_marker
from kpversion.materiality.trivial_proof import NEGATIONS, PROTECTED, Context, Proof
from kpversion.materiality.trivial_sections import index_of
from kpversion.text.normalize import EMPHASIS

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|\S")
_LONGEST_EDIT = 400
"""Tokens between the texts' common start and end past which no word-level proof is tried."""
_SENTENCE_STARTERS = frozenset(".!?:;|\"'(“‘[")


class _Token(NamedTuple):
    text: str
    start: int
    end: int


class _Edit(NamedTuple):
    kind: str
    reason: str


def _word_edits(old: str, new: str, context: Context) -> Proof | None:
    if _reaches(old, context) != _reaches(new, context):
        return None  # a changed link target or channel is for the provers above
    a, b = _tokens(old), _tokens(new)
    regions = _regions([t.text for t in a], [t.text for t in b])
    if not regions:
        return None
    edits = []
    for region in regions:
        edit = _prove_region(a, b, region, context)
        if edit is None:
            return None
        edits.append(edit)
    return Proof(edits[0].kind, "; ".join(edit.reason for edit in edits))


def _reaches(text: str, context: Context) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The link targets and channel values of a text, in order."""
    targets = tuple(link.target for link in links(text))
    found = tuple(
        (span.channel.kind, span.channel.value) for span in channel_spans(text, context.region)
    )
    return targets, found


def _tokens(text: str) -> list[_Token]:
    """Words and punctuation, list markers and emphasis dropped, spacing kept."""
    lines = (_split_marker(line)[1] for line in text.split("\n"))
    plain = html.unescape(EMPHASIS.sub("", " ".join(lines))).translate(_QUOTES)
    return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(plain)]


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def _regions(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]] | None:
    """The changed stretches (old start, old end, new start, new end), or None if too long."""
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle_a, middle_b = a[head : len(a) - tail], b[head : len(b) - tail]
    if max(len(middle_a), len(middle_b)) > _LONGEST_EDIT:
        return None
    regions: list[tuple[int, int, int, int]] = []
    for op in Indel.opcodes(middle_a, middle_b):
        if op.tag == "equal":
            continue
        span = (head + op.src_start, head + op.src_end, head + op.dest_start, head + op.dest_end)
        if regions and regions[-1][1] == span[0] and regions[-1][3] == span[2]:
            span = (regions[-1][0], span[1], regions[-1][2], span[3])
            regions.pop()
        regions.append(span)
    return regions


def _prove_region(
    a: list[_Token], b: list[_Token], region: tuple[int, int, int, int], context: Context
) -> _Edit | None:
    i1, i2, j1, j2 = region
    before, after = [t.text for t in a[i1:i2]], [t.text for t in b[j1:j2]]
    if any(_protected(word) for word in before + after):
        # A sentence boundary moved keeps every word, protected ones too ("time. All your
        # data" → "time, and all your data").
        moved = _sentence_boundary(a, b, region)
        if moved is not None:
            return moved
        # A modal or quantifier doubled ("certain certain", "will will") says it once; a
        # negation doubled may negate itself, and a number doubled may be two figures.
        repeated = before + after
        if any(_negating(w) or any(c.isdigit() for c in w) for w in repeated):
            return None
        return _duplicated(a, b, region)
    if any(_in_identifier(a, n) for n in range(i1, i2)) or any(
        _in_identifier(b, n) for n in range(j1, j2)
    ):
        return None
    return (
        _symbol(a, b, region)
        or _sentence_boundary(a, b, region)
        or _optional_that(a, b, region)
        or _your_personal(a, b, region)
        or _duplicated(a, b, region)
        or _abbreviation(a, b, region)
        or _compound(a, b, region)
        or _word_pairs(a, b, region, context)
    )


_JOINERS = frozenset("./@_:\\#=?&")


def _in_identifier(tokens: list[_Token], index: int) -> bool:
    """The token is part of a name such as "developers.mozilla.org" or "a_b/c": it touches a
    joining character that touches another word."""
    for step in (-1, 1):
        joiner, beyond = index + step, index + 2 * step
        if not (0 <= joiner < len(tokens) and 0 <= beyond < len(tokens)):
            continue
        first, second = sorted((index, joiner))
        third, fourth = sorted((joiner, beyond))
        if (
            tokens[joiner].text in _JOINERS
            and tokens[first].end == tokens[second].start
            and tokens[third].end == tokens[fourth].start
            and tokens[beyond].text[:1].isalnum()
        ):
            return True
    return False


def _lowered(word: str) -> str:
    return word.lower().replace("’", "'")


def _negating(word: str) -> bool:
    lowered = _lowered(word)
    return lowered in NEGATIONS or lowered.endswith("n't")


def _protected(word: str) -> bool:
    return _lowered(word) in PROTECTED or _negating(word) or any(c.isdigit() for c in word)


_SYMBOLS = {
    ("&",): (("and",),),
    ("%",): (("percent",), ("per", "cent")),
    ("+",): (("plus",),),
    ("@",): (("at",),),
    ("§",): (("section",),),
    ("§", "§"): (("sections",),),
    ("¶",): (("paragraph",),),
}
_STANDALONE = frozenset("&@+")
"""Symbols that are their word only apart from their neighbours ("R & D", not "a@b.com")."""


def _symbol(a: list[_Token], b: list[_Token], region: tuple[int, int, int, int]) -> _Edit | None:
    i1, i2, j1, j2 = region
    before = tuple(t.text.lower() for t in a[i1:i2])
    after = tuple(t.text.lower() for t in b[j1:j2])
    for symbols, words, tokens, start in ((before, after, a, i1), (after, before, b, j1)):
        if words in _SYMBOLS.get(symbols, ()):
            if symbols[0] in _STANDALONE and _attached(tokens, start, start + len(symbols)):
                return None
            old, new = " ".join(before), " ".join(after)
            return _Edit("symbol", f"a symbol for its word: '{old}' → '{new}'")
    return None


def _attached(tokens: list[_Token], start: int, end: int) -> bool:
    """The tokens touch the words on both sides, as the "@" of an address does."""
    left = start > 0 and tokens[start - 1].end == tokens[start].start
    right = end < len(tokens) and tokens[end].start == tokens[end - 1].end
    return left and right


class _OneSided(NamedTuple):
    """A region that only adds or only drops tokens: the side that has them, where they
    stand, and whether they were dropped."""

    tokens: list[_Token]
    start: int
    end: int
    dropped: bool


def _one_sided(
    a: list[_Token], b: list[_Token], region: tuple[int, int, int, int]
) -> _OneSided | None:
    i1, i2, j1, j2 = region
    if (i1 == i2) == (j1 == j2):
        return None
    return _OneSided(a, i1, i2, True) if j1 == j2 else _OneSided(b, j1, j2, False)


def _one_word(
    a: list[_Token], b: list[_Token], region: tuple[int, int, int, int], word: str
) -> tuple[list[_Token], int, str] | None:
    """Where `word` alone was added or dropped inside a text, with a word on either side: the
    tokens of the side that has it, its index, and "added" or "dropped"."""
    side = _one_sided(a, b, region)
    if side is None:
        return None
    tokens, start, end = side.tokens, side.start, side.end
    if end - start != 1 or tokens[start].text.casefold() != word:
        return None
    if start == 0 or end >= len(tokens):
        return None
    return tokens, start, "dropped" if side.dropped else "added"


def _optional_that(
    a: list[_Token], b: list[_Token], region: tuple[int, int, int, int]
) -> _Edit | None:
    """ "that" added or dropped before a clause ("the ads that you see", "the ads you see"):
    English leaves it out at will, and the clause says the same."""
    found = _one_word(a, b, region, "that")
    if found is None or not found[0][found[1] - 1].text.isalpha():
        return None
    return _Edit("optional-that", f"an optional 'that' {found[2]} before a clause")


_BOUNDARY_MARKS = frozenset(".;!?,:")
_ENDS = frozenset(".;!?")
_AND_OPENERS = frozenset(
    {"we", "you", "they", "it", "this", "these", "for", "in", "as", "our", "all", "the", "your",
     "their", "its", "each", "such"}
)  # fmt: skip
"""Words that open a clause with its own subject after "and" ("and for this reason we"): the
second sentence's words stand alone, so no modal or negation of the first reaches them."""
_RELATIVES = frozenset({"that", "which"})
_PRONOUNS = frozenset({"they", "it", "these", "this"})


def _sentence_boundary(
    a: list[_Token], b: list[_Token], region: tuple[int, int, int, int]
) -> _Edit | None:
    """Two sentences joined, or one split, their words kept: "privacy. For this reason" and
    "privacy, and for this reason"; "small files that allow us" and "small files. They allow
    us"."""
    i1, i2, j1, j2 = region
    for joined, split, verb in ((b[j1:j2], a[i1:i2], "joined"), (a[i1:i2], b[j1:j2], "split")):
        if not any(t.text in _ENDS for t in split) or any(t.text in _ENDS for t in joined):
            continue
        kept = [t.text.lower() for t in joined if t.text not in _BOUNDARY_MARKS]
        parted = [t.text.lower() for t in split if t.text not in _BOUNDARY_MARKS]
        by_and = kept[:1] == ["and"] and kept[1:] == parted and parted[:1] != [] \
            and parted[0] in _AND_OPENERS  # fmt: skip
        by_pronoun = len(kept) == len(parted) == 1 and kept[0] in _RELATIVES \
            and parted[0] in _PRONOUNS  # fmt: skip
        if by_and or by_pronoun:
            return _Edit("sentence-boundary", f"sentences {verb}, their words kept")
    return None


_OWN_DATA = frozenset({"data", "information", "info"})


def _your_personal(
    a: list[_Token], b: list[_Token], region: tuple[int, int, int, int]
) -> _Edit | None:
    """ "personal" added or dropped between "your" and "data" or "information" ("a copy of
    your data", "a copy of your personal data"): the person's own data is personal data, so
    the words name the same thing. (Elsewhere "information" and "personal information" differ.)"""
    found = _one_word(a, b, region, "personal")
    if found is None:
        return None
    tokens, at, verb = found
    noun = tokens[at + 1].text
    if tokens[at - 1].text.casefold() != "your" or noun.casefold() not in _OWN_DATA:
        return None
    return _Edit("your-personal-data", f"'personal' {verb} in 'your {noun}': the same data")


_ABBREVIATION = re.compile(r"[A-Z]{2,8}s?")
_INITIAL_SKIPS = frozenset({"of", "the", "and", "for", "on", "in", "&"})
_QUOTE_MARKS = frozenset("\"'")


def _abbreviation(
    a: list[_Token], b: list[_Token], region: tuple[int, int, int, int]
) -> _Edit | None:
    """An abbreviation in brackets added or dropped right after the words it abbreviates
    ("European Economic Area (EEA)", "Standard Contractual Clauses (SCCs)"): it names them
    again, and nothing else."""
    side = _one_sided(a, b, region)
    if side is None:
        return None
    tokens, start = side.tokens, side.start
    inner = [t.text for t in tokens[start : side.end] if t.text not in _QUOTE_MARKS]
    if len(inner) != 3 or inner[0] != "(" or inner[2] != ")":
        return None
    short = inner[1]
    if not _ABBREVIATION.fullmatch(short) or not _initials_before(tokens, start, short):
        return None
    return _Edit("abbreviation", f"'({short})' {'dropped' if side.dropped else 'added'}: "
                 "the abbreviation of the words before it")  # fmt: skip


def _initials_before(tokens: list[_Token], start: int, short: str) -> bool:
    """The capitalised words just before `start` begin with the letters of `short`."""
    letters = short.rstrip("s")
    initials = ""
    for token in reversed(tokens[max(0, start - 2 * len(letters) - 2) : start]):
        if token.text.casefold() in _INITIAL_SKIPS:
            continue
        if not token.text[:1].isupper():
            break
        initials = token.text[0] + initials
        if initials == letters:
            return True
    return False


def _duplicated(
    a: list[_Token], b: list[_Token], region: tuple[int, int, int, int]
) -> _Edit | None:
    side = _one_sided(a, b, region)
    if side is None:
        return None
    tokens, start, end = side.tokens, side.start, side.end
    words = [t.text.casefold() for t in tokens[start:end]]
    if len(words) > 3 or not all(word.isalpha() for word in words):
        return None
    width = len(words)
    neighbours = (
        [t.text.casefold() for t in tokens[max(0, start - width) : start]],
        [t.text.casefold() for t in tokens[end : end + width]],
    )
    if words not in neighbours:
        return None
    shown = " ".join(t.text for t in tokens[start:end])
    if side.dropped:
        return _Edit("duplicated-word", f"a duplicated word removed: '{shown} {shown}' → '{shown}'")
    return _Edit("duplicated-word", f"a word doubled: '{shown}' → '{shown} {shown}'")


def _compound(a: list[_Token], b: list[_Token], region: tuple[int, int, int, int]) -> _Edit | None:
    """One compound hyphenated, or not: "e-mail" / "email", "opt-out" / "opt out"."""
    i1, i2, j1, j2 = region
    before, after = a[i1:i2], b[j1:j2]
    hyphens = [(a, n) for n in range(i1, i2) if a[n].text == "-"]
    hyphens += [(b, n) for n in range(j1, j2) if b[n].text == "-"]
    if not hyphens or any(not (t.text.isalpha() or t.text == "-") for t in before + after):
        return None
    if _letters(before) != _letters(after):
        return None
    for tokens, n in hyphens:
        if not _attached(tokens, n, n + 1) or not tokens[n - 1].text.isalpha():
            return None
        if not tokens[n + 1].text.isalpha() or tokens[n - 1].text.lower() == "re":
            return None  # "re-sign" is not "resign"
    if not (_lower_or_starting(a, i1, i2) and _lower_or_starting(b, j1, j2)):
        return None  # "Privacy Check-Up" may be a name
    old, new = _spelled(a, i1, i2), _spelled(b, j1, j2)
    return _Edit("spelling", f"one compound written another way: '{old}' → '{new}'")


def _lower_or_starting(tokens: list[_Token], start: int, end: int) -> bool:
    """Lower case throughout, bar a capital that starts the sentence."""
    words = [t.text for t in tokens[start:end] if t.text != "-"]
    if not words or all(word.islower() for word in words):
        return True
    return _starts_sentence(tokens, start) and all(
        w.islower() for w in [words[0][1:], *words[1:]] if w
    )


def _letters(tokens: list[_Token]) -> str:
    return "".join(t.text for t in tokens if t.text != "-").casefold()


def _spelled(tokens: list[_Token], start: int, end: int) -> str:
    """The words of a change as written; a lone hyphen shows with its neighbours."""
    if end == start or (end - start == 1 and tokens[start].text == "-"):
        start, end = max(0, start - 1), min(len(tokens), end + 1)
    text = ""
    for n in range(start, end):
        if n > start and tokens[n - 1].end != tokens[n].start:
            text += " "
        text += tokens[n].text
    return text


def _word_pairs(
    a: list[_Token], b: list[_Token], region: tuple[int, int, int, int], context: Context
) -> _Edit | None:
    i1, i2, j1, j2 = region
    if i2 - i1 != j2 - j1 or i1 == i2:
        return None
    reasons, kinds = [], []
    for offset in range(i2 - i1):
        old, new = a[i1 + offset], b[j1 + offset]
        if not _may_compare(a, i1 + offset, b, j1 + offset, context):
            return None
        edit = _word_pair(old.text, new.text)
        if edit is None:
            return None
        kinds.append(edit.kind)
        reasons.append(edit.reason)
    return _Edit(kinds[0], "; ".join(reasons))


def _word_pair(old: str, new: str) -> _Edit | None:
    lowered = old.lower(), new.lower()
    spelling = _spelling(*lowered)
    if spelling is not None:
        return _Edit("spelling", spelling.format(old=old, new=new))
    lemma = _inflection(*lowered)
    if lemma is not None:
        return _Edit("inflection", f"inflection only: '{old}' → '{new}' (one lemma, '{lemma}')")
    return None


def _may_compare(a: list[_Token], i: int, b: list[_Token], j: int, context: Context) -> bool:
    """Neither word is a proper name: capitals only where a sentence or heading starts them,
    and then on a word the texts also write in lower case."""
    old, new = a[i].text, b[j].text
    if not (old.isalpha() and new.isalpha()):
        return False
    if old.isupper() and new.isupper() and len(old) >= 5 and len(new) >= 5:
        return True
    if any(c.isupper() for c in old[1:] + new[1:]) or old[0].isupper() != new[0].isupper():
        return False
    if not old[0].isupper():
        return True
    starts = _starts_sentence(a, i) and _starts_sentence(b, j)
    if not (starts or context.heading):
        return False
    return _written_lower(new.lower(), context, a, b)


def _starts_sentence(tokens: list[_Token], index: int) -> bool:
    return index == 0 or tokens[index - 1].text in _SENTENCE_STARTERS


def _written_lower(word: str, context: Context, a: list[_Token], b: list[_Token]) -> bool:
    if any(t.text == word for t in a + b):
        return True
    return any(
        document and word in index_of(context, old=side).lowercase_words
        for side, document in ((True, context.old_document), (False, context.new_document))
    )
