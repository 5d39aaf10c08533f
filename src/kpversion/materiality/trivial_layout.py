"""Trivial edits to how a text is set out, not to what it says: list numbering, heading capitals.

Also the two readings the other proofs compare texts by: a line without its list marker or
heading number, and whitespace folded.
"""

from __future__ import annotations

import re

from kpversion.materiality.trivial_proof import Context, Proof
from kpversion.text.normalize import EMPHASIS

_LIST_MARKER = re.compile(
    r"^(?P<lead>[ \t]{0,12}(?:>[ \t]?){0,5})"
    r"(?P<marker>[-*+•◦▪‣·●○■□]|\(?(?:\d{1,3}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,7})[.)])(?=[ \t])"
)
_HEADING_NUMBER = re.compile(
    r"^(?P<lead>#{1,6}[ \t]{1,4})"
    r"(?P<marker>(?:\d{1,3}(?:\.\d{1,3}){0,3}|[A-Z]|[IVXLC]{1,7})[.)])(?=[ \t])"
)


def _numbering(old: str, new: str, context: Context) -> Proof | None:
    old_lines, new_lines = old.strip().split("\n"), new.strip().split("\n")
    if len(old_lines) != len(new_lines):
        return None
    changed = []
    for before, after in zip(old_lines, new_lines, strict=True):
        old_marker, old_rest = _split_marker(before)
        new_marker, new_rest = _split_marker(after)
        if _fold(old_rest) != _fold(new_rest) or bool(old_marker) != bool(new_marker):
            return None
        if old_marker != new_marker:
            changed.append(f"'{old_marker}' → '{new_marker}'")
    if not changed:
        return None
    return Proof("numbering", "list numbering only: " + ", ".join(changed))


def _split_marker(line: str) -> tuple[str, str]:
    match = _HEADING_NUMBER.match(line) or _LIST_MARKER.match(line)
    if match is None:
        return "", line
    return match["marker"], match["lead"] + line[match.end() :]


def _heading_case(old: str, new: str, context: Context) -> Proof | None:
    is_heading = context.heading or (old.lstrip()[:1] == "#" and new.lstrip()[:1] == "#")
    before, after = _fold(EMPHASIS.sub("", old)), _fold(EMPHASIS.sub("", new))
    if not is_heading or before == after or before.casefold() != after.casefold():
        return None
    title = before.lstrip("#").strip(), after.lstrip("#").strip()
    return Proof("heading-case", f"heading capitalisation only: '{title[0]}' → '{title[1]}'")


_QUOTES = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'))
"""Typographic quotes as their plain forms: "users’ movement" and "users' movement" are one
text. (str.replace, which runs in C; str.translate with a table was a tenth of classifying a
160 KB paragraph.)"""


def _fold(text: str) -> str:
    for curly, plain in _QUOTES:
        if curly in text:
            text = text.replace(curly, plain)
    return " ".join(text.split())
