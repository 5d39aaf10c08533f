"""One word written two ways: a misspelling fixed, a British and an American form, an inflection.

A word is English when SymSpell's list (SCOWL words) holds it or one of its regional forms; a
fix is a small edit that changes no prefix and comes near no protected word. An inflection keeps
the lemma (simplemma), the tense and the degree.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from kpversion.materiality import lemmas
from kpversion.materiality.trivial_proof import PROTECTED, _words

# -- spelling ----------------------------------------------------------------------------------

_ENGLISH_LIST = "frequency_dictionary_en_82_765.txt"


@cache
def english_words() -> frozenset[str]:
    """SymSpell's English list: 82,765 words from Google Books n-grams that are in SCOWL."""
    spec = importlib.util.find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("symspellpy is not installed: kpversion needs its English word list")
    path = Path(next(iter(spec.submodule_search_locations))) / _ENGLISH_LIST
    with path.open(encoding="utf-8") as lines:
        return frozenset(line.partition(" ")[0] for line in lines)


class _Rule(NamedTuple):
    british: str
    american: str
    endings: frozenset[str]
    stem: int
    """The fewest letters before the changed part."""


def _rule(british: str, american: str, endings: str, stem: int) -> _Rule:
    return _Rule(british, american, frozenset(endings.split(",")), stem)


_REGIONAL = (
    _rule("is", "iz", "e,ed,es,er,ers,ing,ation,ations,ational,able,ability", 3),
    _rule("ys", "yz", "e,ed,es,er,ers,ing", 2),
    _rule("our", "or", ",s,ed,ing,ite,ites,able,ably,al,ally,er,ers,hood,hoods,ful,less", 3),
    _rule("tre", "ter", ",s", 2),
    _rule("bre", "ber", ",s", 2),
    _rule("ogue", "og", ",s", 3),
    _rule("ell", "el", "ed,ing,er,ers,or,ors", 3),
    _rule("all", "al", "ed,ing,er,ers", 3),
)
"""British and American spellings of one word, as a suffix pattern: "personalise" /
"personalize", "behaviour" / "behavior", "centre" / "center", "cancelled" / "canceled"."""
_VARIANTS = frozenset(
    frozenset(pair.split("/"))
    for pair in _words(
        "defence/defense defences/defenses licence/license licences/licenses licenced/licensed "
        "offence/offense offences/offenses pretence/pretense programme/program "
        "programmes/programs enquiry/inquiry enquiries/inquiries enquire/inquire "
        "enquired/inquired enquiring/inquiring fulfil/fulfill fulfils/fulfills "
        "fulfilment/fulfillment enrol/enroll enrols/enrolls enrolment/enrollment "
        "enrolments/enrollments instalment/installment instalments/installments "
        "skilful/skillful wilful/willful grey/gray ageing/aging judgement/judgment "
        "judgements/judgments acknowledgement/acknowledgment acknowledgements/acknowledgments "
        "requestor/requester requestors/requesters adviser/advisor advisers/advisors "
        "centred/centered"
    )
)
"""Pairs no suffix rule covers: "defence" / "defense", "fulfil" / "fulfill"."""


def _regional_forms(word: str) -> set[str]:
    """The word's other regional spellings, by the rules above (both ways)."""
    forms = {other for pair in _VARIANTS if word in pair for other in pair if other != word}
    for rule in _REGIONAL:
        for source, target in ((rule.british, rule.american), (rule.american, rule.british)):
            at = word.find(source, rule.stem)
            while at >= 0:
                if word[at + len(source) :] in rule.endings:
                    forms.add(word[:at] + target + word[at + len(source) :])
                at = word.find(source, at + 1)
    return forms


def _known(word: str) -> bool:
    """In the English word list, in a regional form, or an inflected form the lemma dictionary
    holds (the word list lacks some: "anonymized", "deidentified")."""
    english = english_words()
    if word in english or any(form in english for form in _regional_forms(word)):
        return True
    return lemmas.is_inflected_form(word)


_PREFIXES = _words("a an de re un in im il ir dis mis non anti pre post sub co ex over under up e")
"""Prefixes that change a word's meaning: "unencrypted" is no misspelling of "encrypted"."""


def _spelling(old: str, new: str) -> str | None:
    """The reason `new` is `old` spelled right, or None; `{old}` and `{new}` left to fill."""
    if not (old.isalpha() and new.isalpha()):
        return None
    if not _may_be_spelling(old, new):
        return None  # decided without the word list, which costs a process 50 ms to load
    english = english_words()
    if new in _regional_forms(old) and (old in english or new in english):
        return "British and American spellings of one word: '{old}' → '{new}'"
    if _known(old) and not _known(new) and _typo_of(old, new):
        return "typo, read as the word it was: '{old}' → '{new}'"
    if _known(old) or not _known(new) or _affixed(old, new) or not _close(old, new):
        return None
    if _near_protected(old):
        return None
    return "spelling fixed: '{old}' → '{new}'"


def _may_be_spelling(old: str, new: str) -> bool:
    """Whether any proof below could hold, with no need of the word list: each asks for a
    regional form, or for `_close` (a typo is one edit, which `_close` allows)."""
    return new in _regional_forms(old) or _close(old, new)


TYPO_LENGTH = 5
"""A typo made in a word this long or longer is read as the word ("anonymus"); in a shorter
one, the slip may be another word the list lacks."""


def _typo_of(old: str, new: str) -> bool:
    """`new` is `old` with one letter slipped: a word no dictionary knows, one edit away."""
    if len(new) < TYPO_LENGTH or OSA.distance(old, new) != 1 or _affixed(old, new):
        return False
    return not _near_protected(new)


def _close(old: str, new: str) -> bool:
    distance = OSA.distance(old, new)
    if min(len(old), len(new)) <= 3:
        return distance == 1 and sorted(old) == sorted(new)
    return distance <= (1 if max(len(old), len(new)) <= 7 else 2)


def _affixed(old: str, new: str) -> bool:
    """One word is the other with letters added at an end (bar a doubled last letter, as in
    "untill"), or with a prefix swapped ("de-" for "re-")."""
    short, long = sorted((old, new), key=len)
    if long.startswith(short):
        extra = long[len(short) :]
        return not (len(extra) == 1 and extra == short[-1])
    if long.endswith(short):
        return True
    for size in range(1, 5):
        rest = old[size:]
        if old[:size] in _PREFIXES and len(rest) >= 3:
            for other in range(0, 5):
                if new[:other] in _PREFIXES | {""} and new[other:] == rest and other != size:
                    return True
    for size in range(1, 5):
        rest = new[size:]
        if new[:size] in _PREFIXES and len(rest) >= 3 and old.endswith(rest):
            return old[: len(old) - len(rest)] in _PREFIXES | {""}
    return False


def _near_protected(word: str) -> bool:
    """A misspelling one edit from a negation, modal or quantifier ("nto", "mya") is no typo
    to guess at."""
    found = process.extractOne(word, PROTECTED, scorer=OSA.distance, score_cutoff=1)
    return found is not None


# -- inflection --------------------------------------------------------------------------------

_AUXILIARIES = _words("be is are was were been being am have has had having do does did")
_LEXICAL_PLURALS = _words(
    "damages terms goods customs arms means premises savings grounds proceeds securities"
    " letters papers quarters works spirits manners forces"
)
"""Plurals that mean something else than their singular ("damages", "securities")."""


def _inflection(old: str, new: str) -> str | None:
    """The shared lemma when `old` and `new` are inflections of one word with one tense and
    one degree, else None."""
    if not (old.isalpha() and new.isalpha()) or {old, new} & (_AUXILIARIES | _LEXICAL_PLURALS):
        return None
    if old[:2] != new[:2] or not _may_inflect(old, new):
        return None
    lemma = lemmas.lemma(old)
    if lemma != lemmas.lemma(new):
        return None
    forms = {_form(old, lemma), _form(new, lemma)}
    if forms in _SAME_TENSE or (len(forms) == 1 and forms <= {"s", "ing", "ed"}):
        return lemma
    return None


_SAME_TENSE = ({"base", "s"}, {"ing", "ed"})
"""Forms that differ in number or agreement ("collect" / "collects"), or participles
("transferring" / "transferred"); a past form against a present one changes the tense."""


def _may_inflect(old: str, new: str) -> bool:
    """Whether `_form` could find an inflection, with no need of the lemmas: every form set
    `_inflection` accepts holds an "s", "ing" or "ed" form, which only a word with that ending
    has. (A lemma costs a process its first look-up in the stored lemmas, `lemmas`.)"""
    return any(word.endswith(_ENDINGS) for word in (old, new))


_ENDINGS = ("ing", "ed", "s")


def _form(word: str, lemma: str) -> str:
    if word == lemma:
        return "base"
    for ending, form in (("ing", "ing"), ("ed", "ed"), ("s", "s")):
        if word.endswith(ending):
            return form
    return "other"
