from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kpversion.config import DEFAULT_CHROME_PATTERNS
from kpversion.errors import InputError
from kpversion.text.convert import detect_format, to_markdown, to_markdown_file

from .conftest import SEEDS, needs_shared

REPO = Path(__file__).resolve().parents[1]


@needs_shared(SEEDS)
def test_privacy_seed_converts_to_the_golden_markdown(golden: Callable[[str, str], None]) -> None:
    markdown = to_markdown_file(SEEDS / "privacy-statement.txt", DEFAULT_CHROME_PATTERNS)
    golden("convert/privacy-statement.md", markdown)


@needs_shared(SEEDS)
def test_bundled_revision_is_the_converted_seed() -> None:
    markdown = to_markdown_file(SEEDS / "privacy-statement.txt", DEFAULT_CHROME_PATTERNS)
    bundled = REPO / "statements/privacy-statement/revisions/2023-01-24.md"
    assert bundled.read_text(encoding="utf-8") == markdown


@needs_shared(SEEDS)
def test_seed_headings_bullets_and_chrome() -> None:
    markdown = to_markdown_file(SEEDS / "privacy-statement.txt", DEFAULT_CHROME_PATTERNS)
    lines = markdown.splitlines()
    assert "## Privacy Statement" in lines
    assert "### 1. Web Logs" in lines
    assert "## Rights Under the CCPA/CPRA" in lines
    assert "- The correction of inaccurate personal information;" in lines
    assert "Skip to main content" not in markdown
    assert "•" not in markdown
    assert lines[-1] == "Last reviewed/updated: January 24, 2023"


def test_canonical_markdown_is_a_fixed_point() -> None:
    text = "## A\r\n\r\n\r\nSome text.   \n- one\n- two\n\n\n"
    once = to_markdown(text, "markdown")
    assert once == "## A\n\nSome text.\n- one\n- two\n"
    assert to_markdown(once, "markdown") == once


def test_plain_text_output_reads_back_unchanged_as_markdown() -> None:
    text = (
        "Title Here\n\nFirst para with a * star and [brackets].\n\n  • a\n  • b\n\n"
        "1. Heading\n\nBody."
    )
    markdown = to_markdown(text, "text")
    assert markdown == (
        "## Title Here\n\nFirst para with a \\* star and \\[brackets\\].\n\n- a\n- b\n\n"
        "### 1. Heading\n\nBody.\n"
    )
    assert to_markdown(markdown, "markdown") == markdown


def test_two_heading_like_lines_make_the_first_a_paragraph() -> None:
    markdown = to_markdown("Read This\n\nOur Mission\n\nWe help.", "text")
    assert markdown == "Read This\n\n## Our Mission\n\nWe help.\n"


def test_paragraph_starting_with_a_number_is_escaped() -> None:
    assert to_markdown("2023. It was a year of change.", "text") == (
        "2023\\. It was a year of change.\n"
    )


def test_html_goes_through_a_real_parser() -> None:
    html = (
        "<html><head><title>x</title><style>p{}</style></head><body>"
        "<nav>Home | About</nav><h1>Privacy</h1>"
        "<p>We <b>do not</b> sell. See <a href='/more'>more</a> and "
        "<a href='javascript:alert(1)'>this</a>.</p>"
        "<ul><li>One</li><li>Two &amp; <i>three</i></li></ul>"
        "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
        "<p>Last updated: May 1, 2024</p><script>alert(1)</script><footer>f</footer></body></html>"
    )
    assert to_markdown(html, "html") == (
        "# Privacy\n\nWe **do not** sell. See [more](/more) and this.\n\n- One\n- Two & *three*\n\n"
        # markdownify writes the delimiter row spaced (issue 15: HTML import on markdownify).
        "| A | B |\n| --- | --- |\n| 1 | 2 |\n\nLast updated: May 1, 2024\n"
    )


def test_configurable_chrome_patterns() -> None:
    text = "Cookie settings\n\nBody text.\n\nFooter links"
    assert to_markdown(text, "text", ["^Cookie settings$", "^Footer"]) == "Body text.\n"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.md", "x", "markdown"),
        ("a.html", "x", "html"),
        ("a.txt", "<p>x</p>", "text"),
        ("a", "<!DOCTYPE html><p>x</p>", "html"),
        ("a", "plain", "text"),
    ],
)
def test_detect_format(name: str, text: str, expected: str) -> None:
    assert detect_format(Path(name), text) == expected


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "file is empty"),
        (b"  \n\n", "file is empty"),
        (b"abc\x00def", "binary file"),
        (b"caf\xe9", "not UTF-8"),
    ],  # .txt: plain text must be UTF-8; HTML pages are decoded by charset (test_html.py)
)
def test_unreadable_files_are_refused_naming_the_file(
    tmp_path: Path, data: bytes, problem: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        to_markdown_file(path)
    assert info.value.message.startswith(f"{path}: {problem}")
