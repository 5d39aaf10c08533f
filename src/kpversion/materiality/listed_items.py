"""An item the ontology does not know, added to or dropped from a list whose lead-in states a
practice ("We use your email to:" then "- Invite you to community events near you."): one
purpose, data type or recipient more or fewer, though no term of it is known.

The kind is the lead-in's: "... to:" lists purposes, "... with:" or "the following providers:"
recipients, "the following information:" data types; otherwise the kind most of the other
items name. An item that is
no such thing (a lead-in with no practice, a list no kind can be found for) is left alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from kpversion.materiality.claim_facts import Fact, inherited_practice
from kpversion.materiality.claims import Reader
from kpversion.materiality.conjuncts import CONJUNCTIONS, NOT_ITEMS
from kpversion.materiality.reading import read
from kpversion.materiality.spelling import english_words

LEAD_KINDS = (
    (("in", "order", "to"), "purpose"),
    (("to", "whom"), "recipient"),
    (("to",), "purpose"),
    (("for",), "purpose"),
    (("with",), "recipient"),
)
"""A lead-in's last words and the kind of the items they introduce, longest first."""
ITEM_KINDS = ("purpose", "data", "recipient")
RECIPIENT_LEADS = frozenset(
    {"providers", "partners", "vendors", "processors", "subprocessors", "companies",
     "recipients", "parties", "affiliates", "advertisers", "networks"}
)  # fmt: skip
DATA_LEADS = frozenset({"information", "data", "details", "categories", "types"})
ITEM_WORDS = 12
"""An item past this many words is a sentence of its own, read by its claims."""
SIBLINGS_NAMING = 2
"""Other items that must name the kind, where the lead-in does not say it."""


def unknown_item_facts(
    item: str, lead: str, siblings: Sequence[str], reader: Reader
) -> Counter[Fact]:
    """The facts of a list item the claims found nothing in, from its list's lead-in."""
    words, written = _words(item)
    if not _item_like(words) or not lead.rstrip().endswith(":") or item.rstrip().endswith(":"):
        return Counter()  # an item ending in ":" leads in to its own list ("- Consent:")
    text = " ".join(written)  # as written, for the reason: "new recipient: Giphy"
    kind = _lead_kind(lead) or _siblings_kind(siblings, reader)
    if kind is None and _a_name(written) and _names_recipients(lead, reader):
        # "Below is a list of some of the main service providers which ... may process
        # personal data:" then "- DockerHub": a name under a lead-in naming recipients.
        kind = "recipient"
    if kind is None:
        return Counter()
    practices = reader.practices_of(lead)
    if not practices and kind == "recipient" and _names_recipients(lead, reader):
        # "we will send your searches to supported third parties ... We support the following
        # providers:": who gets the data, by a verb the ontology does not know.
        practices = ("share",)
    if not practices:
        return Counter()
    return Counter(Fact(practice, denied, kind, text)
                   for practice, denied in map(inherited_practice, practices))  # fmt: skip


HEADER_KINDS = (
    (frozenset({"provider", "providers", "service", "services", "vendor", "vendors", "processor",
                "processors", "subprocessor", "subprocessors", "company", "companies",
                "recipient", "recipients", "partner", "partners", "third", "party"}),
     "we share data with the following providers:"),
    (frozenset({"cookie", "cookies", "category", "categories"}),
     "we collect the following information:"),
)  # fmt: skip
"""A table's first header cell and the lead-in it stands for: a table of providers is who
gets data ("| Provider |"), a table of cookies or of categories what is collected. (A table
headed "Information" or "Data" is as often a contact block.)"""


def header_lead(lead: str, header: str) -> str:
    """The lead-in of a table's rows: the paragraph before the table, or, where that names no
    kind of item, what its first header cell names, joined to it."""
    if _lead_kind(lead) is not None:
        return lead
    words = set(_words(header)[0])
    for names, stands_for in HEADER_KINDS:
        if words & names:
            return f"{lead.rstrip().rstrip(':')} {stands_for}".strip()
    return lead


def _words(item: str) -> tuple[list[str], list[str]]:
    """The item's words as compared and as written."""
    sentences = read(item)
    words = [word for sentence in sentences for word in sentence.words]
    written = [word for sentence in sentences for word in sentence.written]
    # An item's own number or letter ("2. Messages", "g) Geolocation data") is not its name.
    if words and (words[0].isdigit() or len(words[0]) == 1):
        return words[1:], written[1:]
    return words, written


def _item_like(words: list[str]) -> bool:
    """A short item that starts as a thing or a purpose does, not a clause or a pointer
    ("Please see ...", "or")."""
    if not words or len(words) > ITEM_WORDS or words[0] in NOT_ITEMS | CONJUNCTIONS:
        return False
    return sum(len(word) > 2 for word in words) >= 1


def _lead_kind(lead: str) -> str | None:
    sentences = read(lead)
    if not sentences:
        return None
    words = sentences[-1].words
    for ending, kind in LEAD_KINDS:
        if tuple(words[-len(ending) :]) == ending:
            return kind
    if RECIPIENT_LEADS.intersection(words[-2:]):
        return "recipient"  # "We support the following providers:"
    return "data" if DATA_LEADS.intersection(words[-3:]) else None


NAME_WORDS = 6
"""Words within which an item can be an organisation's name ("Amazon AWS (S3)")."""


def _a_name(written: Sequence[str]) -> bool:
    """Whether an item, as written, is an organisation's name: a few capitalised words, one of
    them no common English word, or written as names are ("DockerHub", "Amazon AWS (S3)"). A
    list's items are capitalised anyway: "Review", "Country" or "Profile Picture" name a kind."""
    named = [word for word in written if word[:1].isalnum()]
    if not 0 < len(named) <= NAME_WORDS or not all(
        w[:1].isupper() or w[:1].isdigit() for w in named
    ):
        return False
    return any(_written_as_a_name(w) for w in named) or not all(
        w.lower() in english_words() for w in named
    )


def _written_as_a_name(word: str) -> bool:
    """A capital inside the word ("DockerHub"), letters all capitals ("AWS"), or a digit."""
    return any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)


def _names_recipients(lead: str, reader: Reader) -> bool:
    return any(h.kind == "recipient" for s in read(lead) for h in reader.hits(s))


def _siblings_kind(siblings: Sequence[str], reader: Reader) -> str | None:
    naming: Counter[str] = Counter()
    for sibling in siblings:
        kinds = {h.kind for sentence in read(sibling) for h in reader.hits(sentence)}
        naming.update(kinds & set(ITEM_KINDS))
    if not naming:
        return None
    kind, count = naming.most_common(1)[0]
    # Most of the other items name the kind, and at least two do.
    return kind if count >= SIBLINGS_NAMING and 2 * count > len(siblings) else None


__all__ = ["unknown_item_facts"]
