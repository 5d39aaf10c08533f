"""Claims a sentence makes by reference: the laws it names as grounds for disclosing data, the
terms it defines, and the dates of the agreements it incorporates.

- A law named where data is disclosed ("if compelled by a binding order or proper request
  under the Stored Communications Act") is a ground for the disclosure: a ground added lowers
  the threshold for disclosure (A23). Elsewhere a law named is a legal reference (A22), no
  claim.
- A definition of a party or of what the text covers ("When we say 'You' ... we are referring
  to the people or organizations that own an account", "Personal information means ...") sets
  the scope of every claim that uses the term (A18): its wording is the claim.
- An agreement in force from a date ("The DPA is effective as of October 5, 2020 and
  replaces ...") is a term of the contract (A25): a new date is a new agreement, not the
  statement's own date line.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpversion.materiality.claim_facts import Fact, Frame
from kpversion.materiality.parties import LEGAL_FORMS
from kpversion.materiality.reading import Sentence
from kpversion.materiality.wording import TokenKind

DISCLOSING = frozenset({"share", "sell", "transfer"})
LAW_ENDS = frozenset({"act", "regulation", "directive"})
LAW_ACRONYMS = frozenset(
    {"ccpa", "cpra", "gdpr", "coppa", "ferpa", "hipaa", "glba", "pipeda", "lgpd", "vcdpa",
     "ecpa", "sca", "cfaa", "dsa", "dma", "fisa", "pipl", "appi", "popia"}
)  # fmt: skip
DEFINED = frozenset(
    {"you", "your", "we", "us", "our", "company", "customer", "customers", "user", "users",
     "member", "members", "subscriber", "subscribers", "services", "service", "site", "sites",
     "platform", "products", "information", "data", "controller", "account", "accounts"}
)  # fmt: skip
DEFINING = frozenset({"means", "mean", "refers", "referring", "refer", "defined"})
DEFINITION_SKIPS = frozenset(
    {"we", "are", "is", "the", "term", "terms", "when", "say", "by", "as", "used", "in", "this",
     "shall", "will", "or", "and"}
)  # fmt: skip
"""Words between a defined term and the verb that defines it ("'You' or 'your', we are
referring to", "the term 'Services' shall mean")."""
DEFINITION_REACH = 6
DEFINITION_WORDS = 40
"""Words of a definition compared: a run-on sentence is cut after these."""
INSTRUMENTS = frozenset({"addendum", "dpa", "agreement", "contract", "clauses", "amendment"})
IN_FORCE = frozenset(
    {"effective", "effect", "supersedes", "replaces", "incorporate", "incorporates", "dated"}
)
"""Words that put an agreement in force from a date (a year in its name alone, "the 2009
Registrar Accreditation Agreement", is a legal reference, A22)."""
MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"}
)  # fmt: skip


def reference_facts(sentence: Sentence, frames: Sequence[Frame]) -> list[Fact]:
    """The grounds, definitions and agreement dates a sentence states."""
    return _grounds(sentence, frames) + _definition(sentence) + _instrument_date(sentence)


def names_instrument(words: Sequence[str]) -> bool:
    """Whether a text puts an agreement of its own in force (a line stating its date is no
    date line of the statement)."""
    return any(word in INSTRUMENTS for word in words) and any(word in IN_FORCE for word in words)


def _grounds(sentence: Sentence, frames: Sequence[Frame]) -> list[Fact]:
    disclosing = [f for f in frames if f.practice in DISCLOSING]
    if not disclosing:
        return []
    laws = sorted(_laws(sentence))
    return [Fact(f.practice, f.negated, "ground", law) for f in disclosing for law in laws]


def _laws(sentence: Sentence) -> set[str]:
    """The laws a sentence names, each as its acronym ("Stored Communications Act" is SCA,
    as "SCA" is): the same law written out or abbreviated is the same ground."""
    words, laws = sentence.words, set()
    for index, word in enumerate(words):
        if word in LAW_ACRONYMS:
            laws.add(word.upper())
        elif word in LAW_ENDS and index > 0 and sentence.capitalized(index):
            start = index
            while start > 1 and sentence.capitalized(start - 1):
                start -= 1
            if start < index:
                laws.add("".join(w[0] for w in words[start : index + 1]).upper())
    return laws


SPELLED = {long: short for form in LEGAL_FORMS if "company" not in form
           for short, long in [sorted(form, key=len)]}  # fmt: skip
"""A legal form written out, by its abbreviation: "refers to Volentio JSD Limited" and "...
Ltd" define one party. ("Company" is left: "refers to the company" names no form.)"""


def _definition(sentence: Sentence) -> list[Fact]:
    words = sentence.words
    for index, word in enumerate(words):
        if word not in DEFINING:
            continue
        term = _defined_term(words, index)
        if term and not _names_a_term(words, index):
            body = " ".join(SPELLED.get(w, w) for w in words[index : index + DEFINITION_WORDS])
            return [Fact("", False, "definition", f"{term}: {body}")]
    return []


NAMING = ("to", "as")
"""After "refer": the writer names a term ("which we refer to as 'network data'"), and defines
no party by it."""


def _names_a_term(words: Sequence[str], cue: int) -> bool:
    return tuple(words[cue + 1 : cue + 3]) == NAMING


def _defined_term(words: Sequence[str], cue: int) -> str:
    """The party or scope term a defining verb defines, found before it past the words that
    join them; "" where another word comes first ("you can refer to our guide")."""
    for index in range(cue - 1, max(-1, cue - 1 - DEFINITION_REACH), -1):
        if words[index] in DEFINED:
            return words[index]
        if words[index] not in DEFINITION_SKIPS:
            return ""
    return ""


def _instrument_date(sentence: Sentence) -> list[Fact]:
    words, kinds = sentence.words, sentence.kinds
    if not names_instrument(words):
        return []
    dates = [
        w for w, k in zip(words, kinds, strict=True)
        if w in MONTHS or (k is TokenKind.NUMBER and len(w) == 4 and w.startswith(("19", "20")))
    ]  # fmt: skip
    if not dates:
        return []
    instrument = next(w for w in words if w in INSTRUMENTS)
    return [Fact("", False, "instrument", f"{instrument} of {' '.join(dates)}")]
