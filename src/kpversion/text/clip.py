"""Clipping: a text cut to a length for a reason, a notice, the banner or a feed."""

from __future__ import annotations


def clip(text: str, limit: int, ellipsis: str = "...", *, at_word: bool = False) -> str:
    """text when it fits in limit characters; else cut and ended with ellipsis.

    at_word cuts at the last space before limit (trailing ",;:" dropped) and then adds the
    ellipsis; otherwise the result, ellipsis included, is at most limit characters.
    """
    if len(text) <= limit:
        return text
    if at_word:
        return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + ellipsis
    return text[: limit - len(ellipsis)].rstrip() + ellipsis
