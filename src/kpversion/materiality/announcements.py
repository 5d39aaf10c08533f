"""A banner announcing the statement's own update ("We've updated our Privacy Policy, effective
17 November 2021. You can view the prior Privacy Policy [here]."), added or taken down.

Such a banner is the notice of a revision, not a term of the statement: it comes with a new
version and goes when the notice period ends, while the text it announces is compared on its
own. It is recognised by its shape only: every sentence of the change announces an update of
the statement, points to the prior version, or says when the changes take effect; any other
sentence (a practice, a right, a promise of notice) makes it no banner.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpversion.materiality.lexicon import Lexicon
from kpversion.materiality.reading import read

ANNOUNCING = frozenset(
    {"updated", "revised", "changed", "amended", "refreshed", "updating", "revising", "changing"}
)
DOCUMENTS = frozenset({"policy", "statement", "notice", "terms", "policies"})
PRIOR = frozenset({"prior", "previous", "earlier", "old", "former", "past", "current"})
"""The version a banner points back to; during a notice period that is the "current" one."""
POINTING = frozenset(
    {"view", "read", "see", "review", "find", "access", "here", "learn", "preview"}
)
REACH = 8
"""Words from a sentence's start within which its announcement or pointer stands."""
CLAIMING = frozenset(
    {"practice", "data", "recipient", "purpose", "right", "choice", "security", "negation"}
)
"""What a banner never names: "we have changed our policy to no longer sell your data" is a
claim, not an announcement."""
WRITER = "first_party"
LONGEST = 40
"""Words in a banner's sentence at most: a longer one says more than that the text changed."""


def is_update_banner(text: str, lexicon: Lexicon) -> bool:
    """Whether a text is only a banner announcing the statement's update."""
    sentences = read(text)
    if not any(_announces_update(s.words) for s in sentences):
        # A banner says the statement was updated; "Such changes are effective immediately
        # upon posting" alone is the revisions clause, a claim (A19).
        return False
    return all(_announces(s.words) and not _claims(s.words, lexicon) for s in sentences)


def _announces_update(words: Sequence[str]) -> bool:
    head = words[:REACH]
    if "effective" in head and any(w in DOCUMENTS for w in head):
        # "The Privacy Policy below will be effective on April 30, 2024": when the announced
        # version takes effect.
        return True
    return any(w in ANNOUNCING for w in head) and any(w in DOCUMENTS for w in words)


def _claims(words: Sequence[str], lexicon: Lexicon) -> bool:
    return any(h.kind in CLAIMING and h.id != WRITER for h in lexicon.find(words))


def _announces(words: Sequence[str]) -> bool:
    if not words or len(words) > LONGEST:
        return False
    if _announces_update(words):
        return True
    if any(w in PRIOR for w in words) and any(w in DOCUMENTS for w in words):
        return any(w in POINTING for w in words)
    if "changes" in words and ("effect" in words or "effective" in words):
        # "Please take a look before the changes take effect on September 12, 2021."
        return True
    return len(words) <= 3 and any(w in POINTING for w in words)
