"""The form texts are compared in: `normalize`, the words of a word diff, the version line.

Quotes, dashes and spaces are folded to ASCII, Markdown markers and emphasis dropped; stored
text is never altered.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

from kpversion.text.version_line import LABELS

_FOLDED_CHARS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200b": "",
    "\u00ad": "",
}
"""Quotes, dashes and spaces compared as their ASCII forms (soft hyphen and zero width space
as nothing)."""
_CHARS = str.maketrans(_FOLDED_CHARS)
_LINE_MARKER = re.compile(r"^\s*(?:>\s*)*(?:#{1,6}\s+|[-*+•◦▪‣·●○■□➢►]\s+)?")
# A run of "*" or "_" after a non-word character, or the longest one before a non-word
# character; written to begin with the character class so the regex engine skips to it.
EMPHASIS = re.compile(r"[*_](?:(?<!\w[*_])[*_]*|[*_]*(?!\w))")
_LINE_MARKERS = re.compile(_LINE_MARKER.pattern.replace(r"\s", r"[ \t]"), re.MULTILINE)
_MARKER_STARTS = frozenset(" \t>#-*+•◦▪‣·●○■□➢►")
_DIGIT = re.compile(r"\d")
# Whitespace next to punctuation is insignificant when comparing ('"Opt out"section').
# On text whose whitespace is already single spaces; starting at a space keeps the scan fast.
_PUNCTUATION_SPACE = re.compile(r" (?:(?=[^\w\s])|(?<=[^\w\s] ))")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
)


# The version-line patterns are the largest here (about half of what importing the diff spent
# compiling patterns), so each is compiled when first needed.
#
# The space around the separator is possessive: as `\s*(?:[:\-]|\bon\b)?\s*`, a label
# followed by a long run of spaces was tried at every split of the run (quadratic). Neither the
# separator nor the date starts with a space, so the possessive form matches the same lines.
@cache
def _version_line() -> re.Pattern[str]:
    return re.compile(
        rf"^\W*+(?P<label>{'|'.join(LABELS)})\s*+(?:(?:[:\-]|\bon\b)\s*+)?(?P<date>{_DATE})\W*$",
        re.IGNORECASE,
    )


@cache
def _version_lines() -> re.Pattern[str]:
    return re.compile(
        rf"^[^\w\n]*+(?P<label>{'|'.join(LABELS)})[ \t]*+(?:(?:[:\-]|\bon\b)[ \t]*+)?"
        rf"(?P<date>{_DATE})[^\w\n]*$",
        re.IGNORECASE | re.MULTILINE,
    )


_TOKEN = re.compile(r"\s+|(?:\w+|[^\w\s])\s*")


def is_version_line(text: str) -> bool:
    """True for the statement's own version line, e.g. "Last reviewed/updated: January 24, 2023"."""
    return _version_line().match(_plain_line(text)) is not None


def normalize(text: str) -> str:
    """The form texts are compared in; stored text is never altered.

    Folds whitespace (including spacing around punctuation) and line wrapping, Unicode quotes
    and dashes, bullet glyphs, heading and quote markers, Markdown emphasis, and the date in
    the statement's own version line.
    """
    plain = text if text.isascii() else unicodedata.normalize("NFKC", _fold_chars(text))
    if "\n" in plain or plain[:1] in _MARKER_STARTS:
        plain = _LINE_MARKERS.sub("", plain)
    if "*" in plain or "_" in plain:
        plain = EMPHASIS.sub("", plain)
    if _DIGIT.search(plain):
        plain = _version_lines().sub(_version_key, plain)
    return _PUNCTUATION_SPACE.sub("", " ".join(plain.split()))


def _fold_chars(text: str) -> str:
    # str.translate looks every character up; on a block, replacing only the few characters
    # present is several times faster. No replacement is itself folded, so order is free.
    for char, replacement in _FOLDED_CHARS.items():
        if char in text:
            text = text.replace(char, replacement)
    return text


def _version_key(match: re.Match[str]) -> str:
    return f"{' '.join(match['label'].lower().split())}: {{date}}"


def _plain_line(line: str) -> str:
    line = unicodedata.normalize("NFKC", _fold_chars(line))
    line = _LINE_MARKER.sub("", line, count=1)
    return EMPHASIS.sub("", line).strip()


class Word(NamedTuple):
    """A word or punctuation character with the whitespace that follows it."""

    text: str
    key: str


def words(text: str) -> list[Word]:
    """Split text into tokens whose texts concatenate back to `text` exactly.

    Emphasis markers and other tokens that normalize to nothing join the following token, so
    `**bold**` compares equal to `bold`.
    """
    return list(map(Word, *tokens(text)))


def tokens(text: str) -> tuple[list[str], list[str]]:
    """The texts and keys of `words(text)`, as two lists (what a word diff needs)."""
    raws = _TOKEN.findall(text)
    if text.isascii():
        keys = [raw.strip().strip("*_") for raw in raws]
    else:
        keys = [_token_key(raw) for raw in raws]
    if all(keys):
        return raws, keys
    return _joined(raws, keys)


def _joined(raws: list[str], keys: list[str]) -> tuple[list[str], list[str]]:
    """Tokens that normalize to nothing joined to the next (the last ones to the one before)."""
    texts: list[str] = []
    kept: list[str] = []
    pending = ""
    for raw, key in zip(raws, keys, strict=True):
        if not key:
            pending += raw
            continue
        texts.append(pending + raw)
        kept.append(key)
        pending = ""
    if pending:
        if texts:
            texts[-1] += pending
        else:
            texts.append(pending)
            kept.append("")
    return texts, kept


def _token_key(raw: str) -> str:
    if raw.isascii():
        return raw.strip().strip("*_")
    return unicodedata.normalize("NFKC", raw.translate(_CHARS)).strip().strip("*_")
