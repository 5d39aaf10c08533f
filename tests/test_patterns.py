"""The patterns that read statement text are linear: each rewrite matches exactly what the old
pattern matched (Hypothesis, on strings made of the characters that matter), and its worst
input of 100 KB, quadratic before, takes well under a second."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpversion.materiality import formatting, wording
from kpversion.text import document, normalize
from kpversion.text.normalize import _DATE
from kpversion.text.version_line import LABELS

BOUND = 1.0
"""CPU seconds: a bound against a return of the quadratic pattern (it took minutes), not a
speed target. CPU time, not the clock's, which other work on the machine slows."""


def pieces(*parts: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(parts), max_size=12).map("".join)


def bounded(run: Callable[[], object]) -> None:
    start = time.process_time()
    run()
    assert time.process_time() - start < BOUND


OLD_STRIP = re.compile(r"^(?:[\s>*+\-•#]|\d+[.)]\s)*|[\s*_|]+$")


@settings(max_examples=400)
@given(pieces(" ", "*", "_", "|", "1.", "2)", "#", ">", "-", "•", "a", "\t", "\n", "[", "\xa0"))
def test_a_formatting_lines_trailing_run_is_stripped_as_before(line: str) -> None:
    assert formatting._strip_line(line) == OLD_STRIP.sub("", line).strip(" *_[]()")


def test_a_long_run_of_spaces_and_stars_is_stripped_in_linear_time() -> None:
    bounded(lambda: formatting._strip_line("words" + " *|_" * 25_000 + "x"))


OLD_MARKUP = re.compile(
    r"<!--.*?-->|\{%.*?%\}|\{:[^}\n]*\}|</?[a-zA-Z][^<>\n]*>|^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$",
    re.DOTALL | re.MULTILINE,
)


@settings(max_examples=400)
@given(pieces("<!--", "-->", "<!-->", "<a>", "</b>", "{%", "%}", "{:x}", "[r]: u\n", "x", "\n"))
def test_comments_and_markup_are_removed_as_before(text: str) -> None:
    assert wording._MARKUP.sub(wording._unmarked, text) == OLD_MARKUP.sub(" ", text)


def test_unclosed_comments_are_read_in_linear_time() -> None:
    bounded(lambda: wording.plain("<!-- a " * 14_000))


def test_periods_after_short_words_are_read_in_linear_time() -> None:
    # Materiality cuts sentences with the project's one splitter (text.sentences).
    bounded(lambda: wording.tokenize("a. " * 33_000))


OLD_VERSION_LINE = re.compile(
    rf"^\W*(?P<label>{'|'.join(LABELS)})\s*(?:[:\-]|\bon\b)?\s*(?P<date>{_DATE})\W*$",
    re.IGNORECASE,
)
OLD_VERSION_LINES = re.compile(
    rf"^[^\w\n]*(?P<label>{'|'.join(LABELS)})[ \t]*(?:[:\-]|\bon\b)?[ \t]*"
    rf"(?P<date>{_DATE})[^\w\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
VERSION_PIECES = pieces(
    "Last updated", " ", ":", "-", "on", "January 5, 2024", "2024-01-02", "\n", "*", "\t",
    "Effective date", "x", "Version", "1/2/2024",
)  # fmt: skip


@settings(max_examples=400)
@given(VERSION_PIECES)
def test_the_version_line_is_found_as_before_when_comparing(text: str) -> None:
    old, new = OLD_VERSION_LINE.match(text), normalize._version_line().match(text)
    assert (old and old.groupdict()) == (new and new.groupdict())
    key = normalize._version_key
    assert normalize._version_lines().sub(key, text) == OLD_VERSION_LINES.sub(key, text)


def test_a_label_followed_by_a_long_run_of_spaces_is_compared_in_linear_time() -> None:
    bounded(lambda: normalize.normalize("Last updated" + " " * 100_000 + "x"))


OLD_ATX = re.compile(r"(#{1,6})[ \t]+([^#\\]*[^#\\\s][^#\\]*)")


@settings(max_examples=400)
@given(pieces("#", "##", " ", "\t", "a", "\\", "b", "\xa0", "#######", "\x0b"))
def test_an_atx_heading_is_read_as_before(line: str) -> None:
    old, new = OLD_ATX.fullmatch(line), document._ATX.fullmatch(line)
    assert (old and old.groups()) == (new and new.groups())


def test_a_long_heading_ending_in_a_hash_is_read_in_linear_time() -> None:
    bounded(lambda: document.parse("# " + "a" * 100_000 + "#\n"))


@pytest.mark.parametrize(
    "fragment", ["<!-- a " * 14_000, "<a " * 33_000, "</" * 50_000, "<!" * 50_000]
)
def test_the_text_of_unfinished_html_is_read_in_linear_time(fragment: str) -> None:
    # The standard library's parser took 4 s on the first and 165 s on the second.
    from kpversion.text.plain import html_text

    bounded(lambda: html_text(fragment))
