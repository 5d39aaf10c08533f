"""Turn a page (plain text, Markdown or HTML) into canonical Markdown.

Canonical Markdown is what revisions store: LF line ends, no trailing spaces, one blank line
between blocks, one final newline, and no page chrome. Converting canonical Markdown again
returns it unchanged.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kpversion.config import DEFAULT_CHROME_PATTERNS, compile_chrome_pattern
from kpversion.errors import InputError
from kpversion.limits import MAX_PAGE_BYTES, MAX_TEXT_BYTES, check_text, describe_limit
from kpversion.text.escape import escape_block_start, escape_inline
from kpversion.text.version_line import find_version_line

BULLET = re.compile(r"^\s*[•◦▪‣·●○■\-*–]\s+(?P<item>.+)$")
NUMBERED_HEADING = re.compile(r"^\d{1,2}[.)]\s+\S")
HEADING_END = re.compile(r"[.;,:!?]$")
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 14
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text"}


def read_bytes(path: Path, shown: str) -> bytes:
    """A file's bytes, refusing a missing, unreadable, empty, oversized or non-regular file (a
    FIFO would hang the command) with one clear line."""
    # Only a page that may be HTML is read up to the page's limit: Markdown and text are texts.
    textual = path.suffix.lower() in MARKDOWN_SUFFIXES | TEXT_SUFFIXES
    try:
        data, size = _read_regular(path, shown, MAX_TEXT_BYTES if textual else MAX_PAGE_BYTES)
    except FileNotFoundError:
        raise InputError("no such file", shown) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", shown) from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", shown) from None
    limit = MAX_TEXT_BYTES if textual or not _looks_like_html(path, data) else MAX_PAGE_BYTES
    if max(size, len(data)) > limit:
        raise InputError(f"is {max(size, len(data)):,} bytes, {describe_limit(limit)}", shown)
    if not data.strip():
        raise InputError("file is empty", shown)
    return data


def read_source(path: Path, display: str | None = None) -> str:
    """Read a file as text, refusing empty, binary and non-UTF-8 files with one clear line."""
    shown = display or str(path)
    data = read_bytes(path, shown)
    if b"\x00" in data:
        raise InputError("binary file, not text", shown)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", shown) from None


def read_html(path: Path, display: str | None = None) -> str:
    """Read an HTML page in whatever encoding it is in (see `text.html.decode_html`)."""
    from kpversion.text.html import decode_html

    shown = display or str(path)
    text = decode_html(read_bytes(path, shown), shown)
    if "\x00" in text:
        raise InputError("binary file, not text", shown)
    return text


def _read_regular(path: Path, shown: str, limit: int) -> tuple[bytes, int]:
    """A regular file's bytes, at most limit + 1 of them (a larger file is never read whole),
    and its size."""
    if path.is_dir():
        raise IsADirectoryError(path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError("is not a regular file", shown)
        return handle.read(limit + 1), info.st_size


def _looks_like_html(path: Path, data: bytes) -> bool:
    text = data[:600].decode("utf-8", "replace")
    return detect_format(path, text) == "html"


def detect_format(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(p|div|h[1-6]|body)\b", head):
        return "html"
    return "text"


def to_markdown(text: str, fmt: str, chrome_patterns: Sequence[str] = ()) -> str:
    """Convert text in fmt ("text", "markdown" or "html") to canonical Markdown."""
    if fmt == "html":
        from kpversion.text.html import html_to_markdown

        return canonical_markdown(html_to_markdown(text), chrome_patterns)
    if fmt == "markdown":
        return canonical_markdown(text, chrome_patterns)
    return plain_text_to_markdown(text, chrome_patterns)


def to_markdown_file(
    path: Path, chrome_patterns: Sequence[str] = (), display: str | None = None
) -> str:
    if path.suffix.lower() in HTML_SUFFIXES:
        text, fmt = read_html(path, display), "html"
    else:
        text = read_source(path, display)
        fmt = detect_format(path, text)
    markdown = to_markdown(text, fmt, chrome_patterns)
    if not markdown.strip():
        raise InputError("no text left after removing page chrome", display or str(path))
    return check_text(markdown, display or str(path))


def canonical_markdown(text: str, chrome_patterns: Sequence[str] = ()) -> str:
    lines = [line.rstrip() for line in _lines(text)]
    chrome = _compile(chrome_patterns)
    kept = [line for line in lines if not _is_chrome(line, chrome)]
    return _squeeze("\n".join(kept))


def plain_text_to_markdown(text: str, chrome_patterns: Sequence[str] = ()) -> str:
    paragraphs = _drop_chrome(_paragraphs(_lines(text)), chrome_patterns)
    blocks: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        blocks.append(_plain_block(paragraph, following))
    return _join(blocks)


def _plain_block(paragraph: str, following: str | None) -> str:
    if paragraph.startswith("\x00bullet"):
        return "\n".join(f"- {escape_inline(item)}" for item in paragraph.split("\x00bullet ")[1:])
    if _is_heading(paragraph, following):
        level = "###" if NUMBERED_HEADING.match(paragraph) else "##"
        return f"{level} {escape_inline(paragraph)}"
    return escape_block_start(escape_inline(paragraph))


def _is_heading(paragraph: str, following: str | None) -> bool:
    if following is None or not looks_like_heading(paragraph):
        return False
    # Two heading-like lines in a row: the first is a link or label, not a heading.
    return not (looks_like_heading(following) and not NUMBERED_HEADING.match(paragraph))


def looks_like_heading(line: str) -> bool:
    if "\n" in line or line.startswith("\x00") or len(line) > MAX_HEADING_CHARS:
        return False
    if HEADING_END.search(line) or len(line.split()) > MAX_HEADING_WORDS:
        return False
    if find_version_line(line) is not None:
        return False
    return line[:1].isupper() or line[:1].isdigit()


def _paragraphs(lines: Iterable[str]) -> list[str]:
    """Blank-line separated paragraphs; wrapped lines are joined, bullet runs kept together."""
    paragraphs: list[str] = []
    current: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()
        if bullets:
            paragraphs.append("".join(f"\x00bullet {item}" for item in bullets))
            bullets.clear()

    for raw in lines:
        line = raw.strip()
        bullet = BULLET.match(raw)
        if not line:
            if not bullets:
                flush()
        elif bullet:
            if current:
                flush()
            bullets.append(" ".join(bullet.group("item").split()))
        else:
            if bullets:
                flush()
            current.append(" ".join(line.split()))
    flush()
    return paragraphs


def _drop_chrome(blocks: Sequence[str], patterns: Sequence[str]) -> list[str]:
    chrome = _compile(patterns)
    return [block for block in blocks if not _is_chrome(block, chrome)]


def _compile(patterns: Sequence[str]) -> list[Any]:
    """The chrome patterns: the defaults (anchored literals, linear) on Python's engine, the
    user's on RE2, linear in the line whatever the pattern (see config)."""
    return [
        re.compile(p, re.IGNORECASE) if p in DEFAULT_CHROME_PATTERNS else compile_chrome_pattern(p)
        for p in patterns
    ]


def _is_chrome(line: str, chrome: Sequence[Any]) -> bool:
    stripped = line.strip()
    return bool(stripped) and any(p.search(stripped) for p in chrome)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")


def _join(blocks: Iterable[str]) -> str:
    return _squeeze("\n\n".join(block for block in blocks if block.strip()))


def _squeeze(text: str) -> str:
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n" if text else ""
