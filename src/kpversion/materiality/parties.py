"""Proper names a sentence gives as parties: the recipients it names ("shared with LinkedIn",
"stored by Mailchimp"), or the entities a text covers (A18).

Which of the two a sentence's names are depends on what it is about; a heading or label in
Title Case names none, since its capitals start no names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from rapidfuzz.distance import OSA

from kpversion.materiality.claim_facts import ENTITY, PROTECT, Fact, Frame
from kpversion.materiality.lexicon import Hit
from kpversion.materiality.numbers import CURRENCY_SIGNS
from kpversion.materiality.reading import Sentence, read
from kpversion.materiality.wording import TokenKind

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
    if frames and all(f.practice == PROTECT and f.inherited for f in frames):
        # A sentence about a security measure, with no practice ("security updates for Google
        # Nest devices first sold on the Google Store"): the names a recipient of the
        # ontology starts are the products protected, unless one is used or acts.
        return "name" if _tool_named(sentence) or _agent_named(sentence, frames) else ""
    if any(h.kind == "recipient" for h in hits) or _agent_named(sentence, frames):
        return "name"
    if _tool_named(sentence):
        return "name"
    if _company_named(sentence) and _claims_something(hits) and not _names_the_writer(sentence):
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


def _company_named(sentence: Sentence) -> bool:
    """A company by its legal form ("Acme Corp", "Beta GmbH"): an organisation, whether or not
    the ontology knows it."""
    words = sentence.words
    return any(
        words[i] in _NAME_SUFFIXES and sentence.capitalized(i - 1) for i in range(2, len(words))
    )


WRITER_WORDS = frozenset({"we", "us", "our"})


WRITER_SPAN = 6
"""Words within which a definition of the writer names "we", "us" and "our"."""


def _names_the_writer(sentence: Sentence) -> bool:
    """A sentence that defines the writer ("GitHub, Inc. or GitHub B.V. ("GitHub", "we", "us"
    or "our")"): "we", "us" and "our" all within a few words, as only such a definition
    writes them ("When you contact us, we work with Acme Ltd" names a recipient). Its
    companies are the writer, no recipient."""
    words = sentence.words
    return any(set(words[i : i + WRITER_SPAN]) >= WRITER_WORDS for i in range(len(words)))


def _claims_something(hits: Sequence[Hit]) -> bool:
    """Whether the sentence states a practice, a purpose or a data type: a company named in it
    takes part ("We work with Acme Corp to deliver ads")."""
    return any(h.kind in ("practice", "purpose", "data") for h in hits)


TITLE_LOWER = 1
"""Long words a Title Case label may leave in lower case ("Sharing with Others")."""


TITLE_SMALL_WORDS = frozenset({"and", "but", "for", "nor", "the", "via"})
"""Three-letter words Title Case leaves in lower case; another three-letter word in lower case
("are", "use") counts as the longer ones do, as prose ("We use Cloudflare.")."""


def _title_case(sentence: Sentence) -> bool:
    """A heading or label in Title Case: its capitals start no names."""
    words = [
        w
        for w, k in zip(sentence.written, sentence.kinds, strict=True)
        if len(w) > 3 or (len(w) == 3 and w not in TITLE_SMALL_WORDS)
    ]
    lower = sum(w[:1].islower() for w in words)
    # A sentence that lists names still has words of its own ("applies only to the following").
    return bool(words) and lower <= TITLE_LOWER and len(words) - lower > 0.6 * len(words)


NAME_HEADS = frozenset(
    {"foundation", "inc", "llc", "ltd", "limited", "corporation", "corp", "company", "gmbh",
     "plc", "group", "institute", "association", "agency", "trust", "society", "council",
     "addendum", "agreement", "policy", "policies"}
)  # fmt: skip
"""The last word of an organisation's or a document's name ("Processing Foundation", "Data
Processing Addendum", "Acceptable Use Policy")."""
NAME_REACH = 3
"""Capitalised words within which a name's head may follow the practice word."""


MENU_WORDS = 12
"""Words beyond which a sentence in Title Case is a menu, not a heading or a label."""
SHOUTED_WORDS = 6
"""Words in capitals from which a sentence is prose in capitals, not a heading or a menu."""


def shouted_prose(sentence: Sentence) -> bool:
    """A sentence written all in capitals, as terms write disclaimers ("IN NO EVENT WILL WE BE
    LIABLE ..."): read as prose, though its capitals start no names."""
    letters = [w for w in sentence.written if len(w) > 1 and w.isalpha()]
    upper = sum(w.isupper() for w in letters)
    return upper >= SHOUTED_WORDS and upper * 5 >= len(letters) * 4


def menu(sentence: Sentence) -> bool:
    """A long run of Title Case labels (the caller has checked the case) with no figure but
    prices: a menu. (An address in Title Case has its street number and postcode: "Sumitomo
    Fudosan Azabu Bldg 1-4-1 Mita".)"""
    if len(sentence.words) <= MENU_WORDS:
        return False
    return all(
        kind is not TokenKind.NUMBER or (index > 0 and sentence.words[index - 1] in CURRENCY_SIGNS)
        for index, kind in enumerate(sentence.kinds)
    )


def in_a_name(sentence: Sentence, start: int, end: int) -> bool:
    """Whether the words start..end stand inside the name of an organisation or a document in
    prose: capitalised after the sentence's first word, the name's head among the capitalised
    words after them ("share it with Processing Foundation", "our Data Processing Addendum").
    A practice word there names, and states no practice; a heading run into a sentence
    ("International Data Transfers When GM transfers ...") is read as before."""
    if start == 0 or not all(sentence.capitalized(i) for i in range(start, end)):
        return False
    at = end
    while at < min(len(sentence.words), end + NAME_REACH) and sentence.capitalized(at):
        if sentence.words[at] in NAME_HEADS:
            return True
        at += 1
    return False


def _party_names(
    sentence: Sentence, hits: Sequence[Hit], frames: Sequence[Frame]
) -> set[tuple[int, str]]:
    """Proper names a sentence gives as parties: after its practice, following "with", "to",
    "by", "such as", a comma or another name ("shared with LinkedIn and Meta")."""
    covered = {i for h in hits if not _named(sentence, h) for i in range(h.start, h.end)}
    after = min((f.position for f in frames if f.practice and f.position >= 0), default=0)
    names = set()
    claimed = {i for h in hits if h.kind in NAME_ENDS for i in range(h.start, h.end)}
    for start, name in _proper_names(sentence, covered, claimed):
        if start <= after:
            continue
        if all(word in _NAME_SUFFIXES for word in name.split()):
            continue
        cue = sentence.words[start - 1] if start > 0 else ""
        # A name right after a finite "use" is a service the writer uses ("We use Cloudflare").
        if cue in _NAME_CUES or cue in TOOL_VERBS or sentence.breaks[start]:
            names.add((start, name))
    return names


def _named(sentence: Sentence, hit: Hit) -> bool:
    """A recipient the ontology knows by its name ("Mailchimp", "Google Analytics"): the name
    is a party too, so that one vendor put for another of its kind is seen."""
    return hit.kind == "recipient" and all(
        sentence.capitalized(i) for i in range(hit.start, hit.end)
    )


NAME_ENDS = frozenset({"security", "purpose", "data", "practice", "right", "choice"})
"""Kinds of term that no name runs on into over "for", "of" or "the"."""


def _proper_names(
    sentence: Sentence, covered: set[int], claimed: set[int]
) -> Iterator[tuple[int, str]]:
    words = sentence.words
    current: list[str] = []
    start = 0
    for index in range(1, len(words) + 1):
        capital = (
            index < len(words)
            and sentence.capitalized(index)
            and index not in covered
            and (words[index] not in _NOT_NAMES or _starts_a_name(sentence, index, claimed))
        )
        broken = index < len(words) and sentence.breaks[index]
        joiner = bool(current) and index < len(words) and words[index] in _NAME_JOINERS
        suffix = bool(current) and index < len(words) and words[index] in _NAME_SUFFIXES
        if current and broken and capital:
            yield start, " ".join(current)
            current = []
        joined = joiner and not broken and _next_capital(sentence, index, claimed)
        if capital or suffix or joined:
            if not current:
                start = index
            current.append(words[index])
            continue
        if current:
            yield start, " ".join(current)
            current = []


def _starts_a_name(sentence: Sentence, index: int, claimed: set[int]) -> bool:
    """A capital "The" inside a sentence, before another capital, is part of a name ("Stripe
    and The Giving Block", "The Trade Desk"); at a break it starts a clause ("Note: The")."""
    return (
        sentence.words[index] == "the"
        and not sentence.breaks[index]
        and _next_capital(sentence, index, claimed)
    )


def _next_capital(sentence: Sentence, index: int, claimed: set[int]) -> bool:
    """Whether the next word goes on a name: a capital that starts no measure, purpose, data
    type or practice ("Cloudflare for DDoS protection" ends at "Cloudflare"; a place goes on:
    "Bank of America")."""
    following = index + 1
    return (
        following < len(sentence.words)
        and sentence.capitalized(following)
        and following not in claimed
    )


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


NAME_GLUE = _NAME_JOINERS | {"and"}
"""Words inside a name that name nothing ("Bank of America")."""


SPELT_NAME = 7
"""Letters from which a one-letter slip in a one-word place is its spelling, not another
place ("Lichtenstein" / "Liechtenstein"). Never for a recipient: "Segment" / "Segmint" may
be two vendors."""
LEGAL_FORMS = (
    frozenset({"inc", "incorporated"}),
    frozenset({"corp", "corporation"}),
    frozenset({"ltd", "limited"}),
    frozenset({"co", "company"}),
)
"""Spellings of one legal form: "Acme Corp" / "Acme Corporation" is one company, where "Acme
Inc" / "Acme GmbH" are two entities (a controller or a transfer abroad changes with them)."""


def same_place(old: str, new: str) -> bool:
    """One entity covered written another way, or a long one-word name spelled right."""
    if len(old.split()) == len(new.split()) == 1 and min(len(old), len(new)) >= SPELT_NAME:
        return OSA.distance(old, new) <= 1
    return same_party(old, new)


def _legal_forms(words: list[str]) -> set[frozenset[str]]:
    return {
        next((f for f in LEGAL_FORMS if w in f), frozenset({w}))
        for w in words
        if w in _NAME_SUFFIXES
    }


def same_party(old: str, new: str) -> bool:
    """One party's name written another way: the same first word and most words shared
    ("Read the Docs for Business" / "Read the Docs Business")."""
    a, b = old.split(), new.split()
    if "".join(a) == "".join(b):
        return True  # one name spaced or hyphenated another way ("Check-Up" / "Checkup")
    forms_a, forms_b = _legal_forms(a), _legal_forms(b)
    if forms_a and forms_b and forms_a != forms_b:
        return False  # two legal entities ("Acme Inc" / "Acme GmbH")
    if a[0] == b[0] and (a[: len(b)] == b or b[: len(a)] == a):
        # One name the start of the other ("Google" / "Google Vulnerability Reward Programme"
        # once its last words are written in lower case): the same party.
        return True
    # Most of the words that name: "of", "the", "for" name nothing, so "Bank of America" and
    # "Bank of Scotland" share only "bank", half of each, and are two parties. A legal form
    # is no part of the name either ("Acme Corp" / "Acme Corporation").
    mine, theirs = set(a) - NAME_GLUE - _NAME_SUFFIXES, set(b) - NAME_GLUE - _NAME_SUFFIXES
    if mine == theirs:
        return True
    return a[0] == b[0] and len(mine & theirs) * 2 > max(len(mine), len(theirs))
