"""HTML to Markdown blocks through the standard library's HTML parser (never regexes)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from kpversion.text.escape import escape_inline

SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "iframe",
    "select",
    "title",
}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "blockquote",
    "dd",
    "dt",
    "pre",
    "table",
    "thead",
    "tbody",
    "ul",
    "ol",
    "dl",
    "figure",
    "figcaption",
    "address",
    "hr",
}
VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "source", "col", "area", "base"}
INLINE_MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.inline: list[str] = []
        self.skip_depth = 0
        self.lists: list[list[int]] = []
        self.prefix = ""
        self.link_stack: list[str | None] = []
        self.row: list[str] | None = None
        self.header_row_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_depth or tag in SKIP:
            if tag not in VOID:
                self.skip_depth += 1
            return
        if tag in HEADINGS or tag in BLOCKS or tag == "li" or tag == "tr":
            self._flush()
        if tag in HEADINGS:
            self.prefix = "#" * HEADINGS[tag] + " "
        elif tag in ("ul", "ol"):
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            self._start_item()
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.inline = []
        elif tag == "br":
            self.inline.append(" ")
        elif tag == "a":
            self.link_stack.append(dict(attrs).get("href"))
            self.inline.append("[")
        elif tag in INLINE_MARKS:
            self.inline.append(INLINE_MARKS[tag])

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth:
            if tag in SKIP or tag not in VOID:
                self.skip_depth -= 1
            return
        if tag in ("td", "th") and self.row is not None:
            self.row.append(self._text())
            self.inline = []
        elif tag == "tr":
            self._end_row()
        elif tag == "a" and self.link_stack:
            self._end_link(self.link_stack.pop())
        elif tag in INLINE_MARKS:
            self.inline.append(INLINE_MARKS[tag])
        elif tag in ("ul", "ol") and self.lists:
            self._flush()
            self.lists.pop()
        elif tag in HEADINGS or tag in BLOCKS or tag == "li":
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.inline.append(escape_inline(data))

    def _start_item(self) -> None:
        if not self.lists:
            self.lists.append([-1])
        counter = self.lists[-1]
        indent = "  " * (len(self.lists) - 1)
        if counter[0] >= 0:
            counter[0] += 1
            self.prefix = f"{indent}{counter[0]}. "
        else:
            self.prefix = f"{indent}- "

    def _end_link(self, href: str | None) -> None:
        opening = len(self.inline) - 1 - self.inline[::-1].index("[")
        label = "".join(self.inline[opening + 1 :]).strip()
        del self.inline[opening:]
        if href and label and not href.lower().startswith(("javascript:", "#")):
            self.inline.append(f"[{label}]({href.replace(' ', '%20').replace(')', '%29')})")
        else:
            self.inline.append(label)

    def _end_row(self) -> None:
        if self.row:
            cells = [cell.replace("|", "\\|") for cell in self.row]
            self.blocks.append("| " + " | ".join(cells) + " |")
            if not self.header_row_done:
                self.blocks[-1] += "\n|" + "---|" * len(cells)
                self.header_row_done = True
        self.row = None
        self.inline = []

    def _text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.inline)).strip()

    def _flush(self) -> None:
        if self.row is not None:
            return
        text = self._text()
        if text:
            self.blocks.append(self.prefix + text)
        self.inline = []
        self.prefix = ""


def html_blocks(html: str) -> list[str]:
    """Markdown blocks in reading order: headings, paragraphs, list items, table rows."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    walker._flush()
    return _merge_lists(walker.blocks)


def _merge_lists(blocks: list[str]) -> list[str]:
    """Consecutive list items and table rows form one block (no blank lines between)."""
    merged: list[str] = []
    for block in blocks:
        if merged and _same_run(merged[-1], block):
            merged[-1] += "\n" + block
        else:
            merged.append(block)
    return merged


def _same_run(previous: str, block: str) -> bool:
    item = re.compile(r"^\s*(-|\d+\.) ")
    last_line = previous.rsplit("\n", 1)[-1]
    if item.match(last_line) and item.match(block):
        return True
    return last_line.startswith("|") and block.startswith("|")
