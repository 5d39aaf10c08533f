"""Proper names a sentence gives as parties: the recipients it names ("shared with LinkedIn",
"stored by Mailchimp"), or the entities a text covers (A18).

Which of the two a sentence's names are depends on what it is about; a heading or label in
Title Case names none, since its capitals start no names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from kpversion.materiality.claim_facts import ENTITY, Fact, Frame
from kpversion.materiality.lexicon import Hit
from kpversion.materiality.reading import Sentence, read

RECIPIENT_PRACTICES = frozenset({"share", "sell", "transfer"})
SCOPE_CUES = frozenset(
    {"applies", "apply", "covered", "covers", "entities", "entity", "governs", "govern", "branded"}
)
"""Words that make the names of a sentence the entities it covers ("applies to", "Xfinity-branded
services")."""
_NAME_CUES = frozenset(
    {"with", "to", "by", "from", "through", "via", "using", "as", "including", "like", "and", "or"}
)
_NAME_JOINERS = frozenset({"&", "of", "for", "the"})
_NAME_SUFFIXES = frozenset({"inc", "llc", "ltd", "gmbh", "corp", "corporation", "co", "plc", "sa"})
_NOT_NAMES = frozenset(
    {
        "i", "we", "you", "our", "your", "us", "it", "they", "this", "these", "the", "a", "an",
        "my", "sign", "log", "shop", "view", "see", "learn", "more", "help",
        "privacy", "policy", "statement", "notice", "terms", "service", "services", "section",
        "personal", "information", "data", "site", "website", "app", "account", "cookie",
        "cookies", "users", "user", "customer", "customers",
    }
)  # fmt: skip


def _party_role(sentence: Sentence, frames: Sequence[Frame], hits: Sequence[Hit]) -> str:
    """What the proper names of a sentence are: recipients ("name") in a sentence about
    recipients or one naming who does a practice ("stored by Mailchimp"); the entities the
    text covers ("entity") in one about whom it covers ("applies only to the following
    entities"); nothing elsewhere."""
    if any(f.practice in RECIPIENT_PRACTICES for f in frames):
        return "name"
    if any(word in SCOPE_CUES for word in sentence.words):
        return ENTITY
    if any(h.kind == "recipient" for h in hits) or _agent_named(sentence, frames):
        return "name"
    if _tool_named(sentence):
        return "name"
    return ENTITY if any(h.kind == "audience" for h in hits) else ""


def _agent_named(sentence: Sentence, frames: Sequence[Frame]) -> bool:
    """A name after "by" that follows a practice is who does it ("stored by Mailchimp")."""
    stated = [f.position for f in frames if f.practice and f.position >= 0]
    words = sentence.words
    return any(
        words[i] == "by" and sentence.capitalized(i + 1) and words[i + 1] not in _NOT_NAMES
        and any(p < i for p in stated)
        for i in range(len(words) - 1)
    )  # fmt: skip


TOOL_VERBS = frozenset({"use", "uses"})
"""A finite "use" only: "spotlight dependencies using Dependencies shortcut" names a feature."""


def _tool_named(sentence: Sentence) -> bool:
    """A name right after "use" is a service the writer uses ("We use Greenhouse and HireVue
    to handle applications"): a processor, whatever audience the sentence names."""
    words = sentence.words
    return any(
        words[i] in TOOL_VERBS and sentence.capitalized(i + 1) and words[i + 1] not in _NOT_NAMES
        for i in range(len(words) - 1)
    )


TITLE_LOWER = 1
"""Long words a Title Case label may leave in lower case ("Sharing with Others")."""


def _title_case(sentence: Sentence) -> bool:
    """A heading or label in Title Case: its capitals start no names."""
    words = [w for w, k in zip(sentence.written, sentence.kinds, strict=True) if len(w) > 3]
    lower = sum(w[:1].islower() for w in words)
    # A sentence that lists names still has words of its own ("applies only to the following").
    return bool(words) and lower <= TITLE_LOWER and len(words) - lower > 0.6 * len(words)


def _party_names(
    sentence: Sentence, hits: Sequence[Hit], frames: Sequence[Frame]
) -> set[tuple[int, str]]:
    """Proper names a sentence gives as parties: after its practice, following "with", "to",
    "by", "such as", a comma or another name ("shared with LinkedIn and Meta")."""
    covered = {i for h in hits if not _named(sentence, h) for i in range(h.start, h.end)}
    after = min((f.position for f in frames if f.practice and f.position >= 0), default=0)
    names = set()
    for start, name in _proper_names(sentence, covered):
        if start <= after:
            continue
        if all(word in _NAME_SUFFIXES for word in name.split()):
            continue
        cue = sentence.words[start - 1] if start > 0 else ""
        if cue in _NAME_CUES or sentence.breaks[start]:
            names.add((start, name))
    return names


def _named(sentence: Sentence, hit: Hit) -> bool:
    """A recipient the ontology knows by its name ("Mailchimp", "Google Analytics"): the name
    is a party too, so that one vendor put for another of its kind is seen."""
    return hit.kind == "recipient" and all(
        sentence.capitalized(i) for i in range(hit.start, hit.end)
    )


def _proper_names(sentence: Sentence, covered: set[int]) -> Iterator[tuple[int, str]]:
    words = sentence.words
    current: list[str] = []
    start = 0
    for index in range(1, len(words) + 1):
        capital = (
            index < len(words)
            and sentence.capitalized(index)
            and index not in covered
            and words[index] not in _NOT_NAMES
        )
        broken = index < len(words) and sentence.breaks[index]
        joiner = bool(current) and index < len(words) and words[index] in _NAME_JOINERS
        suffix = bool(current) and index < len(words) and words[index] in _NAME_SUFFIXES
        if current and broken and capital:
            yield start, " ".join(current)
            current = []
        if capital or suffix or (joiner and not broken and _next_capital(sentence, index)):
            if not current:
                start = index
            current.append(words[index])
            continue
        if current:
            yield start, " ".join(current)
            current = []


def _next_capital(sentence: Sentence, index: int) -> bool:
    return index + 1 < len(sentence.words) and sentence.capitalized(index + 1)


PARTY_ROLES = frozenset({"name", ENTITY})


def keep_changed_parties(old: Counter[Fact], new: Counter[Fact], texts: tuple[str, str]) -> None:
    """Drop the names one side gives as parties that the other side writes just as often:
    their case changed ("Internet Service Provider" / "internet service provider"), or the
    words around them did, so that a sentence read as Title Case names none. A party added
    is written once more; one put for another is written on one side only; one moved to
    another practice is a party on both sides."""
    lonely = [
        (mine, fact)
        for mine, other in ((old, new), (new, old))
        # A name the other side reads as a party too, under another practice, was moved from
        # one practice to another ("share with Acme" -> "sell to Acme"): that stays.
        for fact in _lonely_parties(mine, other)
    ]
    if not lonely:
        return
    sizes = {len(fact.value.split()) for _, fact in lonely}
    counts = [_phrases(text, sizes) for text in texts]
    for mine, fact in lonely:
        phrase = tuple(fact.value.split())
        if counts[0][phrase] == counts[1][phrase]:
            del mine[fact]


def _lonely_parties(mine: Counter[Fact], other: Counter[Fact]) -> list[Fact]:
    parties = {f.value for f in other if f.role in PARTY_ROLES}
    return [f for f in mine if f.role in PARTY_ROLES and f.value not in parties]


def _phrases(text: str, sizes: set[int]) -> Counter[tuple[str, ...]]:
    """Every run of words of the given lengths in the text, counted once over (linear)."""
    found: Counter[tuple[str, ...]] = Counter()
    for sentence in read(text):
        words = sentence.words
        for size in sizes:
            found.update(words[i : i + size] for i in range(len(words) - size + 1))
    return found
