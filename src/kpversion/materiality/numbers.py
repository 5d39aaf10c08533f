"""Numbers as a sentence writes them: digits ("30", "1,000") or words ("thirty"), and never an
amount of money ("Gifts Under $30" is a price)."""

from __future__ import annotations

import re

from kpversion.materiality.reading import Sentence
from kpversion.materiality.wording import TokenKind

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "sixty": 60, "ninety": 90,
}  # fmt: skip
_NUMBER = re.compile(r"\d{1,9}(?:[.,]\d{1,9})?")
YEAR = re.compile(r"(?:19|20)\d\d")
"""A year as a text writes it ("2024"): a date's part, no count or postcode."""
_RANGE = re.compile(r"\d{1,9}[-–](\d{1,9})")
CURRENCY_SIGNS = frozenset({"$", "€", "£", "¥"})
_MONEY = CURRENCY_SIGNS | {"usd", "eur", "gbp"}
"""Signs before an amount of money."""


def number_at(sentence: Sentence, index: int) -> float | None:
    """The number the word at index writes, or None."""
    word = sentence.words[index]
    if index > 0 and sentence.words[index - 1] in _MONEY:
        return None
    if sentence.kinds[index] is TokenKind.NUMBER and _NUMBER.fullmatch(word):
        return float(word.replace(",", ""))
    if sentence.kinds[index] is TokenKind.NUMBER and (upper := _RANGE.fullmatch(word)):
        # A range ("4-8 weeks") is read at its upper end: the longest the text allows.
        return float(upper.group(1).replace(",", ""))
    return float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else None


def first_number(sentence: Sentence) -> int:
    """Where the sentence's first number stands (its length when it has none)."""
    return next(
        (i for i in range(len(sentence.words)) if number_at(sentence, i) is not None),
        len(sentence.words),
    )
