"""Rights the reader is told they may use, written as a list of verbs: "You can access,
correct, update or delete your data", "You may ask us to access, export or erase the data we
hold".

The ontology's right terms read a verb with its object ("access your data", "export your
data"): in a list only the last verb stands beside the object, so a right added to or dropped
from the list went unread. Each verb of a list whose subject is the reader, standing before
the reader's data, names its right; a verb a right term already reads is that term's.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpversion.materiality.claim_facts import Fact
from kpversion.materiality.lexicon import Hit
from kpversion.materiality.reading import Sentence

VERB_RIGHTS = {
    "access": "access", "view": "access", "review": "access",
    "correct": "correction", "rectify": "correction", "update": "correction",
    "amend": "correction", "edit": "correction", "change": "correction", "modify": "correction",
    "delete": "deletion", "erase": "deletion",
    "export": "portability", "download": "portability",
    "restrict": "restriction",
}  # fmt: skip
"""Verbs of the statutory rights (GDPR Arts. 15-18 and 20; CCPA 1798.105, 1798.106,
1798.110), as a reader is told to use them."""
JOINS = frozenset({"or", "and"})
DETERMINERS = frozenset({"your", "the", "any", "all", "of", "such", "this", "that", "these",
                         "certain", "some"})  # fmt: skip
"""Words between the verbs and the data they reach ("delete all of the personal data")."""
CLAUSE_OPENERS = frozenset({"we", "that", "which", "you", "held", "about", "from", "at", "by",
                            "in", "through", "on", "to", "and", "or", "with", "for", "if",
                            "where", "when", "under", "as"})  # fmt: skip
"""Words that may follow "your data" when it is the whole object ("your data at any time")."""
READER_MODALS = frozenset({"can", "may", "could"})
ASKING = frozenset({"ask", "request", "require", "instruct", "right", "able", "entitled"})
"""Words before "to" that make the verbs after it the reader's: "ask us to", "the right to"."""
WINDOW = 6
"""How far before the verbs the reader is looked for ("you also have the right to")."""


def right_verb_facts(sentence: Sentence, hits: Sequence[Hit]) -> list[Fact]:
    """One right per verb of each list the reader is the subject of, once per sentence."""
    words = sentence.words
    granted: list[str] = []
    start = 0
    while start < len(words):
        end = _run_end(sentence, start)
        if end > start and _the_readers(words, start) and _before_data(sentence, hits, end):
            granted += [VERB_RIGHTS[words[i]] for i in range(start, end)
                        if words[i] in VERB_RIGHTS and not _in_a_right(hits, i)]  # fmt: skip
            start = end
        start += 1
    return [Fact("", False, "right", right) for right in dict.fromkeys(granted)]


def _run_end(sentence: Sentence, start: int) -> int:
    """Where a list of right verbs starting at start ends (start when none starts there):
    verbs joined by commas, "or" and "and"."""
    words, end = sentence.words, start
    if words[start] not in VERB_RIGHTS:
        return start
    at = start
    while at < len(words) and words[at] in VERB_RIGHTS:
        end = at + 1
        nxt = at + 1
        if nxt < len(words) and words[nxt] in JOINS:
            nxt += 1
        elif nxt >= len(words) or not sentence.breaks[nxt]:
            break  # no comma or "or" after the verb: the list ends with it
        at = nxt
    return end


def _the_readers(words: Sequence[str], start: int) -> bool:
    """Whether the reader is the subject of the verbs at start: "you can", "ask us to",
    "you have the right to"."""
    at = start - 1
    while at >= 0 and (words[at].endswith("ly") or words[at] == "also"):
        at -= 1  # "you can easily access", "you can also access", "to easily access"
    if at < 0:
        return False
    if words[at] in READER_MODALS:
        return at > 0 and words[at - 1] == "you"
    if words[at] != "to":
        return False
    lead = words[max(0, at - WINDOW) : at]
    # A sentence opening "To delete ..." may be a list item under "you may ask us:" or a
    # purpose of the writer's ("To update our records, we ..."): the reader is not named.
    return bool(ASKING & set(lead)) and ("you" in lead or "ask" in lead)


def _before_data(sentence: Sentence, hits: Sequence[Hit], end: int) -> bool:
    """Whether a kind of data follows the verbs ("your personal information", "all of the data
    we hold"), not a page ("view the list of services"), a setting ("update your local Git
    configuration") or a name before the data ("update GM Rewards Cards contact information",
    which one more word would put out of reach)."""
    words, at = sentence.words, end
    while at < len(words) and words[at] in DETERMINERS:
        at += 1
    if at < len(words) and words[at] in ("data", "information"):
        # "your data", which names no kind, unless it opens a compound ("your data collection
        # settings"): what follows it starts a clause, a list or a phrase of its own.
        after = at + 1
        return after == len(words) or sentence.breaks[after] or words[after] in CLAUSE_OPENERS
    return any(h.kind == "data" and h.start == at for h in hits)


def _in_a_right(hits: Sequence[Hit], index: int) -> bool:
    return any(h.kind == "right" and h.start <= index < h.end for h in hits)
