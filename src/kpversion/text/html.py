"""HTML to Markdown: the page decoded (BOM, UTF-8, its declared charset, else detected by
charset-normalizer), parsed by lxml through Beautiful Soup as a browser would (optional end
tags such as `</li>` and `</p>` implied), and converted by markdownify.

What kpversion adds to markdownify: page chrome elements (navigation, the page's own header
and footer, forms, scripts) are dropped first; text is escaped so it reads back as the same
text, never as a list, a heading or a link; links to scripts or data are kept as their text;
list numbers are counted once per list (markdownify counts each item's previous siblings,
which is quadratic); a `<pre>` gets a fence longer than any run of backticks in it; a table
cell's `|` is escaped. Elements nested deeper than MAX_DEPTH are refused with one line, as
markdownify converts recursively.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING, Any

from kpversion.errors import InputError
from kpversion.text.escape import escape_block_start, escape_inline

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

MAX_DEPTH = 256
"""Deepest element nesting read; real pages nest a few dozen levels."""
DROP = (
    "script", "style", "noscript", "template", "head", "title", "nav", "aside", "form",
    "button", "select", "svg", "iframe", "object", "canvas", "dialog",
)  # fmt: skip
PAGE_ONLY = ("header", "footer")
"""Dropped unless inside `<main>` or `<article>`, where they belong to the statement (its
title, its "Last updated" line)."""
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "[document]",
})  # fmt: skip
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
_DECLARED = re.compile(rb"<meta[^>]{0,512}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.I)
_LATIN_ALIASES = {"iso8859-1", "latin-1", "iso-8859-1", "ascii", "us-ascii", "latin1"}
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_html(data: bytes, shown: str) -> str:
    """A page's text: by its byte-order mark, else UTF-8 when it is valid UTF-8, else the
    charset its `<meta>` declares, else the encoding charset-normalizer finds."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, shown, "its byte-order mark")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        invalid_utf8 = exc
    declared = declared_charset(data)
    if declared == "utf-8":
        raise InputError(
            f"declares UTF-8 but is not (invalid byte at {invalid_utf8.start})", shown
        ) from None
    if declared:
        return _decode(data, declared, shown, f"its declared charset {declared}")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("cannot tell the text's encoding (not UTF-8, none declared)", shown)
    return str(best)


def declared_charset(data: bytes) -> str | None:
    """The charset a `<meta>` in the first 1024 bytes declares (as the HTML standard's
    prescan looks), as a Python codec name; latin-1 and ASCII mean windows-1252 there."""
    match = _DECLARED.search(data[:1024])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return "cp1252" if name in _LATIN_ALIASES else name


def _decode(data: bytes, encoding: str, shown: str, why: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"not {encoding} text as {why} says (byte {exc.start})", shown) from None


def html_to_markdown(html: str, shown: str = "") -> str:
    """The page as Markdown (not yet canonical: `convert` squeezes and strips it)."""
    soup = parse(html)
    _refuse_deep(soup, shown)
    _drop_chrome(soup)
    return _single_spaced(_Converter().convert_soup(soup))


_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_INNER_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")


def _single_spaced(markdown: str) -> str:
    """Runs of spaces inside a line made one (markdownify keeps a space on each side of an
    inline element), except in code blocks; indentation is kept, as it nests lists."""
    lines, fence = [], ""
    for line in markdown.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            fence = "" if opening and opening.group(1).startswith(fence) else fence
        elif opening:
            fence = opening.group(1)
        else:
            line = _INNER_SPACES.sub(" ", line)
        lines.append(line)
    return "\n".join(lines)


def parse(html: str) -> BeautifulSoup:
    from bs4 import BeautifulSoup

    # lxml implies the end tags HTML leaves optional; html.parser nests each unclosed <li>
    # inside the one before it.
    return BeautifulSoup(html, "lxml")


def _refuse_deep(soup: BeautifulSoup, shown: str) -> None:
    from bs4 import Tag

    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(f"elements nested deeper than {MAX_DEPTH} levels", shown)
        stack.extend((child, depth + 1) for child in element.children if isinstance(child, Tag))


def _drop_chrome(soup: BeautifulSoup) -> None:
    for element in soup.find_all(DROP):
        element.decompose()
    for element in soup.find_all(PAGE_ONLY):
        if element.find_parent(("main", "article")) is None:
            element.decompose()


def _converter_base() -> type[Any]:
    from markdownify import MarkdownConverter

    return MarkdownConverter


# markdownify's stub declares none of the methods overridden here: the base is typed Any.
class _Converter(_converter_base()):  # type: ignore[misc]
    """markdownify, with kpversion's escaping, links, list numbers, fences and cells."""

    def __init__(self) -> None:
        super().__init__(
            heading_style="atx",
            bullets="-",
            newline_style="backslash",
            table_infer_header=True,
            wrap=True,
            wrap_width=None,
            escape_misc=False,
        )
        self.numbers: dict[int, int] = {}
        self.first_rows: set[int] = set()

    def escape(self, text: str, parent_tags: set[str]) -> str:
        text = escape_inline(text.replace("\xa0", " "))
        return text.replace("|", "\\|") if {"td", "th"} & parent_tags else text

    def process_text(self, el: Any, parent_tags: set[str] | None = None) -> str:
        text: str = super().process_text(el, parent_tags=parent_tags)
        inline = parent_tags is not None and bool({"_inline", "_noformat", "pre"} & parent_tags)
        if text and not inline and _starts_line(el):
            # The source's line break after a <br> is not part of the next line.
            return escape_block_start(text.lstrip(" "))
        return text

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        href = str(el.get("href") or "").strip()
        if "_noformat" in parent_tags or not text.strip():
            return text
        if not href or href.startswith("#") or _unsafe(href):
            return text
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() else ""
        return f"{lead}[{text.strip()}]({_link_target(href)}){trail}"

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        alt = escape_inline(" ".join(str(el.get("alt") or "").split()))
        src = str(el.get("src") or "").strip()
        if "_inline" in parent_tags or not src or _unsafe(src):
            return alt
        return f"![{alt}]({_link_target(src)})"

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.parent
        ordered = parent is not None and parent.name == "ol"
        bullet = f"{self._number(parent)}. " if ordered and parent is not None else "- "
        indent = " " * len(bullet)
        lines = text.split("\n")
        body = [lines[0], *(indent + line if line else "" for line in lines[1:])]
        return bullet + "\n".join(body) + "\n"

    def _number(self, ordered: Tag) -> int:
        """The next number of this list: its start, counted up once per item."""
        key = id(ordered)
        if key not in self.numbers:
            start = str(ordered.get("start") or "1").strip()
            self.numbers[key] = (int(start) if start.isdigit() else 1) - 1
        self.numbers[key] += 1
        return self.numbers[key]

    def convert_tr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A table row; the first row of a table is its header (a delimiter row follows).

        markdownify's own looks each row's siblings and cells up through Beautiful Soup's
        filters, which made a long table several times slower than this."""
        from bs4.element import Tag

        cells = [c for c in el.children if isinstance(c, Tag) and c.name in ("td", "th")]
        span = sum(_colspan(cell) for cell in cells)
        row = "|" + text + "\n"
        if self._first_row(el):
            return row + "| " + " | ".join(["---"] * span) + " |\n"
        return row

    def _first_row(self, row: Tag) -> bool:
        """Whether this is the first row converted of its table (rows convert in order)."""
        group = row.parent
        table = group.parent if group is not None and group.name != "table" else group
        if id(table) in self.first_rows:
            return False
        self.first_rows.add(id(table))
        return True

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if not text.strip("\n"):
            return ""
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"\n\n{fence}\n{text.strip(chr(10))}\n{fence}\n\n"

    def convert_dt(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return str(self.convert_p(el, text, parent_tags))

    def convert_dd(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return str(self.convert_p(el, text, parent_tags))


def _starts_line(el: Any) -> bool:
    """Whether this text begins a line of Markdown: first in its block, or after a `<br>`."""
    from bs4.element import Comment, NavigableString, Tag

    node = el
    while True:
        previous = node.previous_sibling
        while isinstance(previous, Comment) or (
            isinstance(previous, NavigableString) and not previous.strip()
        ):
            previous = previous.previous_sibling
        if previous is not None:
            return isinstance(previous, Tag) and (previous.name == "br" or previous.name in BLOCKS)
        parent = node.parent
        if parent is None or parent.name in BLOCKS:
            return True
        node = parent


def _colspan(cell: Tag) -> int:
    value = str(cell.get("colspan") or "1")
    return max(1, min(1000, int(value))) if value.isdigit() else 1


def _unsafe(url: str) -> bool:
    squeezed = re.sub(r"[\x00-\x20]+", "", url).lower()
    return squeezed.startswith(UNSAFE_SCHEMES)


def _link_target(url: str) -> str:
    """A URL as a Markdown link destination: no space, bracket or parenthesis to end it."""
    url = re.sub(r"[\r\n\t]", "", url)
    for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E")):
        url = url.replace(char, code)
    return url
