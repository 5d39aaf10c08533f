"""Links in a statement's Markdown: where a reader (or a mail client) sees one, and its target.

Inline, reference and autolinks, reference definitions, HTML `<a href>` left in the Markdown,
and bare URLs, found once each: spans never overlap, and an image is no link. Contact channels
(channels.py) are read from these links' targets and texts; the trivial-edit proofs compare
texts by what they say outside them.

Every pattern here is linear: bounded repetitions over disjoint character classes, and no
nested unbounded quantifier; `tests/test_channels.py` runs each on 100 KB adversarial text.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Link:
    """A Markdown or HTML link: its visible text, its target and where it sits."""

    text: str
    """Visible text, Markdown escapes undone; for an autolink or a bare URL, the URL."""
    target: str
    """The target as written (a reference link's definition resolved)."""
    start: int
    end: int
    style: str
    """"inline", "reference", "definition", "autolink", "html" or "bare"."""


_TEXT = r"(?:\\.|[^\[\]\\\n]|\n(?![ \t]*\n)){0,1000}"
"""Link text: escapes, ordinary characters or a single line break, bounded."""
_DESTINATION = r"(?:<[^<>\n]{0,2000}>|[^\s()<>]{0,2000}(?:\([^\s()]{0,500}\)[^\s()<>]{0,500}){0,3})"
_TITLE = r"(?:[ \t\n]{1,20}(?:\"[^\"\n]{0,500}\"|'[^'\n]{0,500}'|\([^()\n]{0,500}\)))?"
_INLINE = re.compile(
    rf"(?<!!)\[(?P<text>{_TEXT})\]\([ \t\n]{{0,20}}(?P<target>{_DESTINATION}){_TITLE}"
    r"[ \t\n]{0,20}\)"
)
_IMAGE = re.compile(rf"!\[{_TEXT}\]\([ \t\n]{{0,20}}{_DESTINATION}{_TITLE}[ \t\n]{{0,20}}\)")
_REFERENCE = re.compile(rf"(?<!!)\[(?P<text>{_TEXT})\](?:\[(?P<label>[^\[\]\n]{{0,200}})\])?")
_DEFINITION = re.compile(
    r"^ {0,3}\[(?P<label>[^\[\]\n]{1,200})\]:[ \t]{0,20}(?P<target><[^<>\n]{0,2000}>|\S{1,2000})",
    re.MULTILINE,
)
_AUTOLINK = re.compile(
    r"<(?P<target>(?:https?|ftp)://[^\s<>]{1,2000}|mailto:[^\s<>]{1,500}|tel:[^\s<>]{1,100}"
    r"|[\w.%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,10})>"
)
_ANCHOR_OPEN = re.compile(r"<a\b[^<>]{0,2000}>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref[ \t\n]{0,20}=[ \t\n]{0,20}(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_ANCHOR_CLOSE = re.compile(r"</a[ \t\n]{0,20}>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]\"'`]{1,2000}")
_TRAILING_PUNCTUATION = ".,;:!?*_'\""
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@lru_cache(maxsize=16)
def links(markdown: str) -> tuple[Link, ...]:
    """Every link in the Markdown, in reading order: inline, reference, autolink, HTML, bare.

    Spans never overlap: a URL inside a link's target is that link, not a bare URL too.
    """
    found: list[Link] = []
    taken: list[tuple[int, int]] = []
    if "![" in markdown:
        for image in _IMAGE.finditer(markdown):  # an image's source is no link
            _take(taken, image.start(), image.end())
    definitions = _definitions(markdown)
    for link in (
        *_inline_links(markdown),
        *_html_links(markdown),
        *_autolinks(markdown),
        *definitions.values(),
        *_reference_links(markdown, definitions),
        *_bare_urls(markdown),
    ):
        if not _overlaps(taken, link.start, link.end):
            _take(taken, link.start, link.end)
            found.append(link)
    return tuple(sorted(found, key=lambda link: link.start))


def _inline_links(markdown: str) -> list[Link]:
    if "](" not in markdown:
        return []
    return [
        Link(_unescape(m["text"]), m["target"].strip("<>"), m.start(), m.end(), "inline")
        for m in _INLINE.finditer(markdown)
    ]


def _definitions(markdown: str) -> dict[str, Link]:
    if "]:" not in markdown:
        return {}
    found: dict[str, Link] = {}
    for m in _DEFINITION.finditer(markdown):
        label = _label(m["label"])
        found.setdefault(label, Link("", m["target"].strip("<>"), m.start(), m.end(), "definition"))
    return found


def _reference_links(markdown: str, definitions: dict[str, Link]) -> list[Link]:
    if not definitions:
        return []
    found = []
    for m in _REFERENCE.finditer(markdown):
        label = _label(m["label"] or m["text"])
        definition = definitions.get(label)
        if definition is not None:
            found.append(
                Link(_unescape(m["text"]), definition.target, m.start(), m.end(), "reference")
            )
    return found


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _autolinks(markdown: str) -> list[Link]:
    if "<" not in markdown:
        return []
    return [
        Link(m["target"], m["target"], m.start(), m.end(), "autolink")
        for m in _AUTOLINK.finditer(markdown)
    ]


def _html_links(markdown: str) -> list[Link]:
    if "<a" not in markdown and "<A" not in markdown:
        return []
    closes = [m.start() for m in _ANCHOR_CLOSE.finditer(markdown)]
    close_ends = {m.start(): m.end() for m in _ANCHOR_CLOSE.finditer(markdown)}
    found = []
    for tag in _ANCHOR_OPEN.finditer(markdown):
        href = _HREF.search(tag.group())
        index = bisect.bisect_left(closes, tag.end())
        if href is None or index == len(closes):
            continue
        target = html.unescape(next(group for group in href.groups() if group is not None))
        inner = _TAG.sub("", markdown[tag.end() : closes[index]])
        text = " ".join(html.unescape(inner).split())
        found.append(Link(text, target, tag.start(), close_ends[closes[index]], "html"))
    return found


def _bare_urls(markdown: str) -> list[Link]:
    if "http" not in markdown and "www." not in markdown:
        return []
    found = []
    for m in _BARE_URL.finditer(markdown):
        url = m.group().rstrip(_TRAILING_PUNCTUATION)
        found.append(Link(url, url, m.start(), m.start() + len(url), "bare"))
    return found


def _unescape(text: str) -> str:
    return " ".join(_ESCAPE.sub(r"\1", text).split())


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_right(taken, (start, end))
    before = taken[index - 1] if index else None
    after = taken[index] if index < len(taken) else None
    return (before is not None and before[1] > start) or (after is not None and after[0] < end)


def _take(taken: list[tuple[int, int]], start: int, end: int) -> None:
    bisect.insort(taken, (start, end))
