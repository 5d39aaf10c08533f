"""How large a statement's text may be: 5 MB per revision, draft or diff operand.

The largest real policy in the corpus is about 200 KB; a text 25 times that is a mistake or an
attack, and every stage below the limit runs in time and memory linear in the text (measured in
bench/size_bench.py). A source page may be larger than its text (HTML carries markup), so an
HTML file is read up to 20 MB and its converted text must then fit the text's limit.
"""

from __future__ import annotations

from pathlib import Path

from kpversion.errors import InputError

MAX_TEXT_BYTES = 5_000_000
"""Largest text of a revision, a draft or a diff operand, in bytes of UTF-8 (5 MB)."""
MAX_PAGE_BYTES = 20_000_000
"""Largest HTML page read for import or diff, in bytes, before its text is taken (20 MB)."""


def describe_limit(limit: int) -> str:
    what = "an HTML page" if limit == MAX_PAGE_BYTES else "a statement's text"
    return f"over the {limit // 1_000_000} MB limit of {what} ({limit:,} bytes)"


def check_text(text: str, shown: Path | str) -> str:
    """text, refused with one line when its UTF-8 form is over MAX_TEXT_BYTES."""
    # A character is at most 4 bytes: only texts near the limit need encoding to tell.
    if len(text) * 4 > MAX_TEXT_BYTES:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_TEXT_BYTES:
            raise InputError(f"is {size:,} bytes, {describe_limit(MAX_TEXT_BYTES)}", shown)
    return text
