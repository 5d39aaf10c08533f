"""Plain text from Markdown, read from markdown-it's tokens (never by stripping characters).

The banner, the feeds, notices and e-mails show text, not markup: `[FAQ](url)` reads "FAQ",
`**bold**` reads "bold", a list item loses its marker, a table row becomes its cells, and raw
HTML (a `<table>` pasted into a statement) becomes the text inside it, so no markup of a
statement ever reaches a page as HTML through these paths.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

CELL_SEPARATOR = " · "
"""Between the cells of a table row in plain text."""
_SPACE = re.compile(r"\s+")
_ROW_CELL = re.compile(r"(?<!\\)\|")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
"""The name of one raw HTML tag (markdown-it gives each tag as its own token)."""
_BREAKING_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
_CELL_TAGS = frozenset({"td", "th"})
_HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript"})


@lru_cache(maxsize=1 << 14)
def plain_text(markdown: str, *, bullets: str = "- ") -> str:
    """The text of markdown: blocks separated by blank lines, list items starting with bullets,
    table rows as their cells joined by CELL_SEPARATOR, HTML as the text it holds. Cached, as
    the site asks for the same headings and blocks across a statement's revisions."""
    blocks = _Blocks(bullets)
    for token in _parser().parse(markdown):
        blocks.feed(token)
    return blocks.joined()


def row_cells(row: str) -> list[str]:
    """The cells of a Markdown table row, an escaped "\\|" kept inside its cell."""
    return [cell.strip() for cell in _ROW_CELL.split(row.strip().strip("|"))]


@lru_cache(maxsize=1 << 14)
def plain_line(markdown: str) -> str:
    """The text of markdown on one line (a table row given alone too), for quotes and leads."""
    stripped = markdown.strip()
    if stripped.startswith("|") and len(stripped) > 1:
        cells = row_cells(stripped)
        return CELL_SEPARATOR.join(c for c in (plain_line(cell) for cell in cells) if c)
    return _SPACE.sub(" ", plain_text(markdown, bullets="")).strip()


def first_paragraph(markdown: str) -> str:
    """The text of the first paragraph or list item of markdown (headings skipped), on one
    line: the lead of a summary."""
    inside = ""
    for token in _parser().parse(markdown):
        if token.type in ("paragraph_open", "heading_open"):
            inside = token.type
        elif token.type == "inline" and inside == "paragraph_open":
            text = _SPACE.sub(" ", inline_text(token)).strip()
            if text:
                return text
        elif token.type == "html_block":
            text = _SPACE.sub(" ", html_text(token.content)).strip()
            if text:
                return text
    return ""


def html_text(html: str) -> str:
    """The text a browser would show for a fragment of HTML, with breaks between blocks."""
    reader = _HtmlText()
    reader.feed(_complete_tags(html))
    reader.close()
    return reader.text()


def _complete_tags(html: str) -> str:
    """html with every comment dropped and every `<` that opens no complete tag written as
    `&lt;`, in one pass.

    The standard library's parser rescans what it holds for the end of an unfinished comment
    or tag: 100 KB of `<!-- a ` took 4 s, of `<a ` 165 s. Here each `<` either starts a tag
    that ends before the next `<`, or is text. An unclosed comment hides the rest of the
    fragment, as in a browser. (A `<` inside a quoted attribute value, which HTML allows,
    ends the tag early here; statements' HTML does not write one.)"""
    out: list[str] = []
    position, end = 0, len(html)
    next_close = -2  # the next `>` at or after the tag being read; -1: none left
    while position < end:
        start = html.find("<", position)
        if start < 0:
            out.append(html[position:])
            break
        out.append(html[position:start])
        if html.startswith("<!--", start):
            stop = html.find("-->", start + 4)
            if stop < 0:
                break
            position = stop + 3
            continue
        if next_close != -1 and next_close <= start:
            next_close = html.find(">", start + 1)
        following = html.find("<", start + 1)
        if next_close < 0 or 0 <= following < next_close:
            out.append("&lt;")
            position = start + 1
        else:
            out.append(html[start : next_close + 1])
            position = next_close + 1
    return "".join(out)


class _Blocks:
    """Collects the text of each block token in turn."""

    def __init__(self, bullets: str) -> None:
        self.bullets = bullets
        self.out: list[tuple[str, bool]] = []
        """Each block's text, and whether it is inside a list (items follow each other)."""
        self.row: list[str] | None = None
        self.items = 0
        self.pending_bullet = False

    def feed(self, token: Token) -> None:
        kind = token.type
        if kind == "list_item_open":
            self.items += 1
            self.pending_bullet = True
        elif kind == "list_item_close":
            self.items -= 1
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close" and self.row is not None:
            self.add(CELL_SEPARATOR.join(cell for cell in self.row if cell))
            self.row = None
        elif kind == "inline":
            text = inline_text(token)
            if self.row is not None:
                self.row.append(text)
            else:
                self.add(text)
        elif kind in ("fence", "code_block"):
            self.add(token.content.rstrip("\n"))
        elif kind == "html_block":
            self.add(html_text(token.content))

    def add(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        if self.pending_bullet:
            text = self.bullets + text
            self.pending_bullet = False
        self.out.append((text, self.items > 0))

    def joined(self) -> str:
        parts: list[str] = []
        for index, (text, in_list) in enumerate(self.out):
            if index:
                parts.append("\n" if in_list and self.out[index - 1][1] else "\n\n")
            parts.append(text)
        return "".join(parts)


def inline_text(token: Token) -> str:
    """The text of an inline token: words, code and image alt texts; no marks, no URLs. Raw
    HTML tags are dropped, a cell of a raw table starting with CELL_SEPARATOR."""
    parts: list[str] = []
    row_start = True
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "code_inline", "image"):
            parts.append(child.content)
            row_start = row_start and not child.content.strip()
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "html_inline":
            tag = _TAG.match(child.content)
            name = tag.group(2).lower() if tag else ""
            if tag and name in _CELL_TAGS and not tag.group(1):
                parts.append(" " if row_start else CELL_SEPARATOR)
                row_start = False
            elif name == "tr" or name in _BREAKING_TAGS:
                parts.append(" ")
                row_start = row_start or name in ("tr", "table")
    return "".join(parts)


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag in _BREAKING_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(CELL_SEPARATOR)
        elif tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BREAKING_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    def text(self) -> str:
        lines = (_SPACE.sub(" ", line).strip() for line in "".join(self.parts).split("\n"))
        cleaned = (line.removeprefix(CELL_SEPARATOR.strip()).strip() for line in lines)
        return "\n".join(line for line in cleaned if line)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")
