"""A list widened or narrowed: an item added to, or dropped from, a list whose other items the
ontology knows.

"we may collect age, gender, heart rate and blood pressure" -> "..., blood pressure, blood
glucose levels and sleep patterns": the ontology need not know "blood glucose levels" for a
reader to see that more data is collected. An item is known by its neighbours: in a list whose
items name data types, an item added is a data type added, under the practice that owns the
list. Only a list that grew or shrank counts; an item reworded in place (the same number of
items) is left to the claims, so that "IDs" -> "identifiers" says nothing here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from kpversion.materiality.claim_facts import Fact, Frame
from kpversion.materiality.claims import Reader
from kpversion.materiality.frames import _frames, _owners
from kpversion.materiality.lexicon import Hit
from kpversion.materiality.reading import Sentence, read
from kpversion.materiality.wording import TokenKind, Wording

LIST_KINDS = frozenset(
    {"data", "purpose", "recipient", "audience", "security", "right", "choice", "threat"}
)
"""Kinds whose terms are listed as items ("name, email and phone"; "access, correction and
deletion"): an unknown item among them is one more of the kind."""
CONJUNCTIONS = frozenset({"and", "or", "nor"})
ITEM_WORDS = 6
"""Words beyond which a piece between commas is a clause, not a list item."""
LEAD_WORDS = frozenset(
    {"your", "the", "our", "a", "an", "their", "its", "his", "her", "like", "including",
     "include", "includes", "e.g", "i.e", "namely", "also"}
)  # fmt: skip
"""Words an item may start with that are not the item ("such as your IP address")."""
FILLERS = frozenset(
    {"for example", "for instance", "e g", "eg", "i e", "ie", "in particular", "namely",
     "among others", "amongst others", "in short", "etc"}
)  # fmt: skip
"""Phrases set off by commas that introduce or close a list, no item of it."""
NOT_ITEMS = frozenset(
    {"where", "when", "if", "which", "that", "who", "whom", "whose", "so", "unless", "except",
     "because", "while", "although", "whether", "until", "in", "on", "at", "from", "by", "we",
     "you", "it", "they", "this", "these", "those", "but", "then", "etc", "how", "what", "why",
     "there", "here", "please", "see", "learn", "is", "are", "was", "will", "may", "can", "as",
     "opens", "open", "click", "read", "visit", "view", "described"}
)  # fmt: skip
"""Words that start a clause or a circumstance, never a list item."""


@dataclass(frozen=True)
class Item:
    start: int
    text: str


@dataclass(frozen=True)
class Listing:
    """One list of a sentence: its items, the kind its known items share, and its sentence."""

    items: tuple[Item, ...]
    kind: str
    sentence: Sentence

    @cached_property
    def texts(self) -> Counter[str]:
        return Counter(item.text for item in self.items)


def list_facts(
    old: str, new: str, reader: Reader, context: tuple[Sequence[str], Sequence[str]] = ((), ())
) -> tuple[Counter[Fact], Counter[Fact]]:
    """The items added to or dropped from the lists of a change, as claim facts of their
    list's kind: (facts only the old text has, facts only the new one has)."""
    old_lists = list(_listings(old, reader))
    hunks = Wording.compare(old, new).hunks
    inserted = Counter(t.norm for h in hunks for t in h.added)
    deleted = Counter(t.norm for h in hunks for t in h.removed)
    gone: Counter[Fact] = Counter()
    came: Counter[Fact] = Counter()
    for listing in _listings(new, reader):
        twin = _twin(listing, old_lists)
        if twin is None:
            continue
        old_lists.remove(twin)
        # Only an item the edit wrote counts: one cut another way on the other side ("our
        # affiliates companies to administer" is one piece too long to be an item) is none.
        added = _written(listing.texts - twin.texts, inserted)
        removed = _written(twin.texts - listing.texts, deleted)
        if added and removed:
            continue  # an item reworded in place: the claims read it
        came += _facts(listing, added, reader, context[1])
        gone += _facts(twin, removed, reader, context[0])
    # A list of one made two ("aggregated statistics" + "and individual usage records"): by
    # words only added (or only dropped), not put for others ("Tracking" -> "and Other").
    only_added = Counter(t.norm for h in hunks if not h.removed for t in h.added)
    only_dropped = Counter(t.norm for h in hunks if not h.added for t in h.removed)
    came |= _conjoined(new, reader, only_added, context[1])
    gone |= _conjoined(old, reader, only_dropped, context[0])
    return gone, came


VERBS = frozenset({"be", "been", "being", "have", "has", "had", "do", "does", "did", "get", "make"})
"""Verbs that start a clause joined by "and" ("and be included in your download")."""
PRONOUNS = frozenset({"it", "them", "us", "him", "her", "me", "itself", "themselves"})
ITEM_ENDS = NOT_ITEMS | CONJUNCTIONS | {"with", "to", "for", "about", "through", "via", "into"}
"""Words that end an item conjoined to a known one: what follows is the sentence's own."""


def _conjoined(
    text: str, reader: Reader, written: Counter[str], context: Sequence[str]
) -> Counter[Fact]:
    """Items the edit conjoined to a term of a list kind ("aggregated statistics and
    individual usage records"), conjunction and all: one more item of that term's kind,
    under the practice that owns the term."""
    found: Counter[Fact] = Counter()
    if not written["and"] and not written["or"]:
        return found
    for sentence in read(text) if text else ():
        found_here = reader.hits(sentence)
        # A place the text covers ("site usage") is no term of an item's kind; any other is.
        every = [h for h in found_here if h.kind != "scope"]
        hits = [h for h in every if h.kind in LIST_KINDS]
        frames: list[Frame] | None = None
        for hit in _last_words(hits):
            span = _conjunct_after(sentence, hit.end, hit.kind)
            # A known term in it is the claims' to read; a practice makes it a clause ("and
            # keep it safe").
            if span is None or any(span[0] <= h.start < span[1] for h in every):
                continue
            item = _item(sentence, *span)
            if (
                Counter(("and", *item.text.split())) - written
                and Counter(("or", *item.text.split())) - written
            ):
                continue  # the edit did not write the conjunction and every word of it
            if frames is None:
                frames = _frames(sentence, found_here, context)
            found.update(
                Fact(f.practice, f.negated, hit.kind, item.text) for f in _owners(frames, hit.start)
            )
    return found


KIND_ORDER = ("data", "recipient", "purpose", "audience", "security", "right", "choice", "threat")
"""Which kind a term that is two kinds ("statistics") lends the item conjoined to it."""


def _last_words(hits: Sequence[Hit]) -> list[Hit]:
    """One hit for each place a term ends: the longest, then the first kind of KIND_ORDER."""
    best: dict[int, Hit] = {}
    for hit in hits:
        rank = (hit.end - hit.start, -KIND_ORDER.index(hit.kind))
        held = best.get(hit.end)
        if held is None or rank > (held.end - held.start, -KIND_ORDER.index(held.kind)):
            best[hit.end] = hit
    return list(best.values())


REPEATED_LEADS = {"purpose": frozenset({"to", "for"}), "recipient": frozenset({"with", "to"})}
"""The word that opens a conjunct of a kind as it opened the first ("for spam detection and
to measure site usage", "with the Scout Association and with our event booking provider")."""


def _conjunct_after(sentence: Sentence, end: int, kind: str = "") -> tuple[int, int] | None:
    """The words of an item joined by "and" or "or" right after position `end`."""
    words = sentence.words
    if end >= len(words) or words[end] not in ("and", "or") or sentence.breaks[end]:
        return None
    start = end + 1
    if start < len(words) and words[start] in REPEATED_LEADS.get(kind, ()):
        start += 1
    while start < len(words) and words[start] in LEAD_WORDS:
        start += 1
    stop = start
    while stop < len(words) and words[stop] not in ITEM_ENDS and not sentence.breaks[stop]:
        stop += 1
    if stop == start or stop - start > ITEM_WORDS or words[start] in NOT_ITEMS | VERBS:
        return None
    if any(kind is not TokenKind.WORD for kind in sentence.kinds[start:stop]):
        return None
    if PRONOUNS.intersection(words[start : stop + 1]):
        return None  # "and keep them", "and to keep it working": a clause, no new item
    return start, stop


def _written(texts: Counter[str], words: Counter[str]) -> Counter[str]:
    """The items whose every word the edit inserted (or deleted)."""
    return Counter({t: n for t, n in texts.items() if not Counter(t.split()) - words})


def _twin(listing: Listing, others: Sequence[Listing]) -> Listing | None:
    """The other side's list this one continues: of its kind, sharing most of its items."""
    best, shared_most = None, 0
    for other in others:
        if other.kind != listing.kind:
            continue
        shared = sum((listing.texts & other.texts).values())
        if shared > shared_most:
            best, shared_most = other, shared
    if best is None or 2 * shared_most < min(len(best.items), len(listing.items)):
        return None
    return best


def _facts(
    listing: Listing, texts: Counter[str], reader: Reader, context: Sequence[str]
) -> Counter[Fact]:
    found: Counter[Fact] = Counter()
    if not texts:
        return found
    sentence = listing.sentence
    frames = _frames(sentence, reader.hits(sentence), context)
    for item in listing.items:
        if texts[item.text] <= 0:
            continue
        texts[item.text] -= 1
        found.update(
            Fact(f.practice, f.negated, listing.kind, item.text)
            for f in _owners(frames, item.start)
        )
    return found


def _listings(text: str, reader: Reader) -> Iterator[Listing]:
    for sentence in read(text) if text else ():
        hits = [h for h in reader.hits(sentence) if h.kind in LIST_KINDS]
        for items in _runs(sentence):
            kinds = Counter(
                h.kind for item_start, item_end in items for h in hits
                if item_start <= h.start and h.end <= item_end
            )  # fmt: skip
            if kinds:
                kind = kinds.most_common(1)[0][0]
                yield Listing(tuple(_item(sentence, *span) for span in items), kind, sentence)


def _runs(sentence: Sentence) -> Iterator[list[tuple[int, int]]]:
    """Runs of two or more short pieces between commas and conjunctions, one of them joined by
    a conjunction ("A, B and C"; a bracket or a comma alone makes no list): a list's items,
    as (start, end) word spans without their leading articles and cue words."""
    run: list[tuple[int, int]] = []
    joined = False
    for start, end, conjoined in _pieces(sentence):
        span = _item_span(sentence, start, end)
        if span is not None:
            joined = joined or (conjoined and bool(run))
            run.append(span)
            continue
        if len(run) > 1 and joined:
            yield run
        run, joined = [], False
    if len(run) > 1 and joined:
        yield run


def _pieces(sentence: Sentence) -> Iterator[tuple[int, int, bool]]:
    """The sentence cut at punctuation and at conjunctions (which belong to no piece), each
    piece with whether a conjunction stands before it."""
    words = sentence.words
    start, conjoined = 0, False
    for index, word in enumerate(words):
        if word in CONJUNCTIONS:
            if index > start:
                yield start, index, conjoined
            start, conjoined = index + 1, True
        elif sentence.breaks[index] and index > start:
            yield start, index, conjoined
            start, conjoined = index, False
    if start < len(words):
        yield start, len(words), conjoined


def _item_span(sentence: Sentence, start: int, end: int) -> tuple[int, int] | None:
    words = sentence.words
    if words[start : start + 2] == ("such", "as"):
        start += 2
    elif words[start] in NOT_ITEMS:
        return None
    while start < end and words[start] in LEAD_WORDS:
        start += 1
    if start == end or end - start > ITEM_WORDS or words[start] in NOT_ITEMS:
        return None
    if _an_action(words, start, end):
        return None  # "at any time, including removing it from the Website": a clause
    if any(kind is not TokenKind.WORD for kind in sentence.kinds[start:end]):
        return None  # an address, a link or a figure is no item of a kind
    if " ".join(words[start:end]) in FILLERS:
        return None  # "includes, for example, name": the phrase between commas is no item
    return start, end


ACTED_ON = frozenset({"it", "them"})
"""Pronouns after a verb's "-ing" form that make it an action on a thing named before it."""


def _an_action(words: Sequence[str], start: int, end: int) -> bool:
    """A piece that opens with a verb's "-ing" form and a pronoun ("removing it from the
    Website") does something to a thing already named; "improving our services" names a
    purpose and "tracking information" a thing."""
    return words[start].endswith("ing") and start + 1 < end and words[start + 1] in ACTED_ON


def _item(sentence: Sentence, start: int, end: int) -> Item:
    return Item(start, " ".join(sentence.words[start:end]))
