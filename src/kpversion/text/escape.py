"""Markdown escaping: plain text written into canonical Markdown reads back as the same text,
never as emphasis, a link, a heading, a list or a quote."""

from __future__ import annotations

import re


def escape_inline(text: str) -> str:
    text = re.sub(r"([\\`*\[\]<])", r"\\\1", text)
    return re.sub(r"(?<!\w)_|_(?!\w)", r"\\_", text)


def escape_block_start(text: str) -> str:
    """Keep a paragraph from being read as a heading, list, quote or rule."""
    match = re.match(r"^(\d{1,9})([.)])(\s)", text)
    if match:
        return f"{match.group(1)}\\{match.group(2)}{text[match.end(2) :]}"
    if re.match(r"^([#>+\-=]|\*)", text):
        return "\\" + text
    return text
