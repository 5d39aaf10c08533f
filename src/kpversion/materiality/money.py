"""Amounts of money a term states, and which of two amounts it takes: a liability cap ("our
liability will not exceed $100", "the greater of $50 or the fees you paid") and a fee ("a fee
of $10 per request").

A cap on what the writer owes is the person's: raised, they may recover more; "the greater
of" two amounts made "the lesser of", less. A fee is the person's cost: raised, it burdens
them. An amount stated where none was, or dropped, says no direction of its own (a cap
"of $100" put for "the amount you paid us" may be more or less).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from kpversion.materiality.claim_change import (
    PERMISSIVE,
    PROTECTIVE,
    WEIGHTS,
    Difference,
    drop_zero,
)
from kpversion.materiality.claim_facts import Fact
from kpversion.materiality.lexicon import Hit
from kpversion.materiality.numbers import CURRENCY_SIGNS
from kpversion.materiality.reading import Sentence

CAP = "liability-cap"
"""The role of an amount a liability is limited to, or of the rule that picks it."""
FEE = "fee"
"""The role of an amount the person is charged."""
ROLE_OF_TERM = {"limitation_of_liability": CAP, "fees": FEE}
"""The terms of service whose sentences state amounts, and the role the amounts take."""
CURRENCY_WORDS = {"usd": "$", "dollars": "$", "eur": "€", "euros": "€", "gbp": "£",
                  "pounds": "£"}  # fmt: skip
"""Currencies written in words, before an amount ("USD 100") or after it ("30 euros"), and
the sign they are compared as."""
_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,2})?|\d{1,12}(?:\.\d{1,2})?")
GREATER, LESSER = "the greater of", "the lesser of"
_PICKS = {"greater": GREATER, "higher": GREATER, "lesser": LESSER, "lower": LESSER,
          "less": LESSER}  # fmt: skip
"""The rule that picks one of two amounts ("the greater of $50 or ...", "$50 or the fees you
paid, whichever is greater"): the greater is the person's, the lesser the writer's."""


def money_facts(sentence: Sentence, hits: Sequence[Hit], clause: Sequence[str] = ()) -> list[Fact]:
    """One fact per amount of money, and per rule picking one of two, in a sentence stating a
    liability's limit or a fee (a liability read first: "liability for fees paid"), or in a
    liability clause stated before it (`clause`: the liability context of its paragraph)."""
    terms = {hit.id for hit in hits if hit.kind == "terms"}
    role = CAP if clause else next((ROLE_OF_TERM[t] for t in ROLE_OF_TERM if t in terms), None)
    if role is None:
        return []
    words = sentence.words
    found = [Fact("", False, role, value) for value in amounts(words)]
    for index in range(1, len(words)):
        if words[index] in _PICKS and _picking(words, index):
            found.append(Fact("", False, role, _PICKS[words[index]]))
    return found


def _picking(words: Sequence[str], index: int) -> bool:
    if words[index - 1] == "the" and index + 1 < len(words) and words[index + 1] == "of":
        return words[index] != "less"  # "the less of" is no English
    return index > 1 and (words[index - 2], words[index - 1]) == ("whichever", "is")


def amounts(words: Sequence[str]) -> list[str]:
    """The amounts of money written in words, each with its currency's sign: "$50" for "$50",
    "USD 50" and "50 dollars" alike."""
    found = []
    for index, word in enumerate(words):
        if not _AMOUNT.fullmatch(word):
            continue
        before = words[index - 1] if index else ""
        after = words[index + 1] if index + 1 < len(words) else ""
        sign = before if before in CURRENCY_SIGNS else CURRENCY_WORDS.get(before)
        sign = sign or CURRENCY_WORDS.get(after)
        if sign:
            found.append(sign + _written(float(word.replace(",", ""))))
    return found


def _written(value: float) -> str:
    return f"{int(value):,}" if value.is_integer() else f"{value:,.2f}"


def compared_amounts(added: Counter[Fact], removed: Counter[Fact]) -> list[Difference]:
    """Amounts put for amounts, and picking rules for rules, of a cap or a fee: raised or
    lowered, the greater made the lesser."""
    found = []
    for role in (CAP, FEE):
        for picks in (True, False):
            old = sorted(f for f in removed.elements() if f.role == role and _picks(f) == picks)
            new = sorted(f for f in added.elements() if f.role == role and _picks(f) == picks)
            for before, after in zip(old, new, strict=False):
                removed[before] -= 1
                added[after] -= 1
                found.append(_compared(role, before.value, after.value))
    drop_zero(added, removed)
    return [d for d in found if d is not None]


def _picks(fact: Fact) -> bool:
    return fact.value in (GREATER, LESSER)


def _compared(role: str, before: str, after: str) -> Difference | None:
    if before == after:
        return None
    picked = before in (GREATER, LESSER)
    raised = after == GREATER if picked else _number(after) > _number(before)
    what = "liability cap" if role == CAP else "fee"
    verb = "raised" if raised else "lowered"
    # A higher cap is owed to the person; a higher fee is taken from them.
    protects = raised == (role == CAP)
    return Difference("A25", PROTECTIVE if protects else PERMISSIVE, "other",
                      f"{what} {verb}: {before} → {after}", weight=WEIGHTS["duration"])  # fmt: skip


def _number(value: str) -> float:
    digits = "".join(c for c in value if c.isdigit() or c == ".")
    return float(digits or 0)
