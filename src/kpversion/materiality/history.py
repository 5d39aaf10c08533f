"""A statement's own revision history: dated notes of its past edits ("July 7, 2009: Added
'not pornographic' to paragraph 2", "2015-01-30: Cleaned up section 2").

A note reports an edit; the edit itself is in the text, compared on its own. So a note added,
removed or moved (a change log put on a page of its own) states no data practice, and its
words ("not", "advertisements", "age requirement") are no claim of the statement.
"""

from __future__ import annotations

import re

from kpversion.materiality.reading import Sentence, read
from kpversion.materiality.references import MONTHS
from kpversion.materiality.wording import TokenKind

EDITS = frozenset(
    {"added", "adds", "clarified", "clarifies", "replaced", "edited", "updated", "removed",
     "revised", "cleaned", "specified", "changed", "amended", "modified", "moved", "deleted",
     "corrected", "fixed", "rewrote", "rewritten", "reorganized", "reorganised", "renamed",
     "expanded", "simplified", "introduced", "published", "inserted", "combined", "split"}
)  # fmt: skip
"""Verbs a revision note starts with, after its date."""
_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def is_revision_note(sentence: Sentence) -> bool:
    """A sentence that is a dated note of an edit: its date first, then a verb of editing."""
    words, kinds = sentence.words, sentence.kinds
    after = _date_end(words, kinds)
    return after > 0 and after < len(words) and words[after] in EDITS


def only_revision_notes(*texts: str) -> bool:
    """Whether every sentence of the texts (one side may be empty) is a revision note."""
    sentences = [s for text in texts for s in read(text)]
    return bool(sentences) and all(is_revision_note(s) for s in sentences)


def _date_end(words: tuple[str, ...], kinds: tuple[TokenKind, ...]) -> int:
    """The index after a date at the start ("july 7 2009", "7 july 2009", "2009-07-07"), or 0."""
    number = TokenKind.NUMBER
    if kinds[:1] == (number,) and _ISO_DATE.fullmatch(words[0]):
        return 1
    if len(words) < 3:
        return 0
    month_first = words[0] in MONTHS and kinds[1:3] == (number, number)
    day_first = kinds[0] is number and words[1] in MONTHS and kinds[2] is number
    return 3 if (month_first or day_first) and len(words[2]) == 4 else 0
