"""The document model: parsing into sections and blocks, sentences, words, normalization."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpversion.text.document import BlockKind, parse
from kpversion.text.normalize import is_version_line, normalize, words
from kpversion.text.sentences import split_sentences

STATEMENT = """\
---
title: Example
---

Intro text before any heading.

## Privacy Statement

We do **not** sell data.

### 1. Web Logs

- first item
- second item

| kind | use |
|------|-----|
| logs | security |

## Questions

Last updated: January 24, 2023
"""


def test_parse_gives_blocks_with_heading_paths() -> None:
    blocks = parse(STATEMENT).blocks
    assert [(b.kind, b.section) for b in blocks] == [
        (BlockKind.FRONT_MATTER, ()),
        (BlockKind.PARAGRAPH, ()),
        (BlockKind.HEADING, ("Privacy Statement",)),
        (BlockKind.PARAGRAPH, ("Privacy Statement",)),
        (BlockKind.HEADING, ("Privacy Statement", "1. Web Logs")),
        (BlockKind.ITEM, ("Privacy Statement", "1. Web Logs")),
        (BlockKind.ITEM, ("Privacy Statement", "1. Web Logs")),
        (BlockKind.ROW, ("Privacy Statement", "1. Web Logs")),
        (BlockKind.ROW, ("Privacy Statement", "1. Web Logs")),
        (BlockKind.HEADING, ("Questions",)),
        (BlockKind.PARAGRAPH, ("Questions",)),
    ]
    assert blocks[5].text == "- first item"
    assert blocks[8].text == "| logs | security |"


def test_sections_group_blocks_under_their_heading() -> None:
    sections = parse(STATEMENT).sections
    assert [s.path for s in sections] == [
        (),
        ("Privacy Statement",),
        ("Privacy Statement", "1. Web Logs"),
        ("Questions",),
    ]
    heading = sections[1].heading
    assert heading is not None and heading.text == "## Privacy Statement"
    assert sections[0].heading is None


def test_stored_text_is_never_altered() -> None:
    block = parse("We do **not** sell “data”.\n").blocks[0]
    assert block.text == "We do **not** sell “data”."
    assert block.key == 'We do not sell"data".'


def test_normalize_folds_whitespace_quotes_dashes_bullets_and_emphasis() -> None:
    assert normalize("We  do\nnot\tsell") == normalize("We do not sell")
    assert normalize("“data” — ‘here’") == normalize("\"data\" - 'here'")
    assert normalize("• Name") == normalize("- Name") == normalize("* Name") == "Name"
    assert normalize("**bold** and _italic_ and snake_case") == "bold and italic and snake_case"
    assert normalize('the "Opt out"section') == normalize("the “Opt out” section")


def test_normalize_keeps_words_and_numbers() -> None:
    assert normalize("We do not sell") != normalize("We may sell")
    assert normalize("1. Web Logs") != normalize("2. Web Logs")


def test_version_line_date_is_folded() -> None:
    old = normalize("Last reviewed/updated: January 24, 2023")
    assert old == normalize("Last reviewed/updated: March 1, 2024")
    assert old != normalize("Effective date: March 1, 2024")


def test_is_version_line() -> None:
    assert is_version_line("Last reviewed/updated: January 24, 2023")
    assert is_version_line("Effective date: July 22, 2020")
    assert is_version_line("Last updated March 3rd, 2021")
    assert is_version_line("Effective date: **January 26, 2017**")
    assert is_version_line("_Last updated: 2020-01-02_")
    assert not is_version_line("We last updated our cookies on January 24, 2023 for you.")
    assert not is_version_line("Last updated")


def test_sentences_keep_legal_abbreviations_whole() -> None:
    text = (
        "We collect identifiers (e.g., Social Security number) from Acme Inc. in the U.S. "
        "under (i) a contract or (ii) the law. You may object."
    )
    sentences = [s.text.strip() for s in split_sentences(text)]
    assert sentences == [
        "We collect identifiers (e.g., Social Security number) from Acme Inc. in the U.S. "
        "under (i) a contract or (ii) the law.",
        "You may object.",
    ]


def test_list_marker_stays_with_the_first_sentence() -> None:
    sentences = split_sentences("1. We share data. We sell none.")
    assert [s.text for s in sentences] == ["1. We share data. ", "We sell none."]


def test_block_sentences_cover_the_block() -> None:
    block = parse("- One sentence here. Another one.\n  Wrapped.\n").blocks[0]
    assert "".join(s.text for s in block.sentences) == block.text


@given(st.text())
def test_words_concatenate_back_to_the_text(text: str) -> None:
    assert "".join(word.text for word in words(text)) == text


@given(st.lists(st.sampled_from(["We share", "data.", "“quoted”", "**bold**", "\n", " "])))
def test_sentences_concatenate_back_to_the_text(parts: list[str]) -> None:
    text = " ".join(parts)
    assert "".join(s.text for s in split_sentences(text)) == text


_LINE_SHAPES = st.one_of(
    st.sampled_from(["Plain text", "# Heading", "", "  ", "**Bold** start", "(a) clause"]),
    st.builds(
        lambda indent, marker, gap, content: f"{indent}{marker}{gap}{content}",
        st.sampled_from(["", " ", "  ", "   ", "    ", "      ", "\t", " \t"]),
        st.sampled_from(["-", "*", "+", "1."]),
        st.sampled_from([" ", "  ", "   ", "    ", "     ", "\t", "\t ", " \t", ""]),
        st.sampled_from(["Item", "**Bold** item", "/path", "---", "Item  "]),
    ),
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_LINE_SHAPES, min_size=1, max_size=8))
def test_the_quick_path_finds_the_blocks_markdown_it_finds(lines: list[str]) -> None:
    from kpversion.text import document

    chunk = "\n".join(lines)
    spans = document._quick_spans(chunk)
    if spans is not None:
        slow = document._parse_chunks([chunk])[chunk]
        assert document._chunk_blocks(chunk, spans) == document._chunk_blocks(chunk, slow)


@pytest.mark.parametrize("before", ["", "Plain text\n", "# Heading\n"])
def test_lists_nested_past_markdown_its_limit_are_left_to_it(before: str) -> None:
    from kpversion.text import document

    chunk = before + "\n".join("  " * depth + f"- level {depth}" for depth in range(12))
    assert document._quick_spans(chunk) is None
    shallow = before + "\n".join("  " * depth + f"- level {depth}" for depth in range(9))
    spans = document._quick_spans(shallow)
    assert spans is not None
    assert spans == document._parse_chunks([shallow])[shallow]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bitwarden cannot access Vault Data.You may delete Vault Data at any time.",
            ["Bitwarden cannot access Vault Data.", "You may delete Vault Data at any time."],
        ),
        ("Visit Wix.Com or Mail.Ru today.", ["Visit Wix.Com or Mail.Ru today."]),
        ("See [x](https://a.com/Page.Html) now.", ["See [x](https://a.com/Page.Html) now."]),
        ("Go to www.AboutAds.info now.", ["Go to www.AboutAds.info now."]),
    ],
)
def test_sentences_run_together_without_a_space_are_two(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_a_blob_of_joined_words_is_kept_whole_and_read_in_linear_time() -> None:
    blob = "ab.Cd" * 80_000
    assert [s.text for s in split_sentences(blob)] == [blob]
