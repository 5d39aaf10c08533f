"""A statement's title: the text of its first level-one heading (ATX `# ...` or setext)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def title_of(markdown: str) -> str | None:
    """The first level-one heading's words, without its marks or inline markup; None when the
    text has none. A `#` line inside a code block or a list is not a heading."""
    tokens = _parser().parse(markdown)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and index + 1 < len(tokens):
            inline = tokens[index + 1]
            words = "".join(child.content for child in inline.children or () if child.type in _TEXT)
            title = " ".join(words.split())
            if title:
                return title
    return None


_TEXT = ("text", "code_inline")


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")
