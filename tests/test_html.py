"""HTML import: markdownify over lxml, encodings by BOM, declaration or charset-normalizer.

Golden pages in tests/data/html/ (written for these tests) hold two tables, nested numbered
lists with paragraphs, `<br>`, `<pre>`, images, page chrome and windows-1252 / UTF-16 bytes.
The corpus's two HTML revisions are checked by their outline (block kinds, sizes and hashes):
the corpus's texts are not copied into this repository (their licence notes ask so).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kpversion.config import DEFAULT_CHROME_PATTERNS
from kpversion.errors import InputError
from kpversion.text.convert import to_markdown, to_markdown_file
from kpversion.text.document import BlockKind, parse
from kpversion.text.html import MAX_DEPTH, declared_charset, decode_html

from .conftest import CORPUS, needs_shared

PAGES = Path(__file__).parent / "data" / "html"
GOLDEN_PAGES = [
    "two-tables",
    "nested-lists",
    "breaks-pre-images",
    "chrome",
    "windows-1252",
    "windows-1252-undeclared",
    "utf-16",
    "utf-16-undeclared",
]
LEGALMATTIC = CORPUS / "automattic-legalmattic" / "privacy-policy"


def convert(name: str) -> str:
    return to_markdown_file(PAGES / f"{name}.html", DEFAULT_CHROME_PATTERNS)


@pytest.mark.parametrize("name", GOLDEN_PAGES)
def test_golden_pages(name: str, golden: Callable[[str, str], None]) -> None:
    markdown = convert(name)
    golden(f"html/{name}.md", markdown)
    assert to_markdown(markdown, "markdown") == markdown, "canonical: converting again is a no-op"


def kinds(markdown: str) -> list[BlockKind]:
    return [block.kind for block in parse(markdown).blocks]


def test_both_tables_are_tables() -> None:
    document = parse(convert("two-tables"))
    rows = [block.text for block in document.blocks if block.kind is BlockKind.ROW]
    assert rows[0] == "| Record | Kept for |" and "| Recipient | Purpose | Data |" in rows
    assert "| Payment processor | Billing | Card number \\| expiry |" in rows
    assert document.blocks[-1].text == "Last updated: March 3, 2025"


def test_numbered_lists_keep_their_numbers_and_nesting() -> None:
    markdown = convert("nested-lists")
    lines = markdown.splitlines()
    assert "1. **Access.** You may ask what we hold about you." in lines
    assert "   We answer within 45 days." in lines
    assert [line for line in lines if line.startswith("   ") and "by " in line] == [
        "   1. by email;",
        "   2. by mail;",
        "   3. by telephone.",
    ]
    assert "3. **Deletion.** You may ask us to delete it, except:" in lines
    assert lines[-2:] == ["4. Portability", "5. Objection"]


def test_breaks_pre_and_images() -> None:
    markdown = convert("breaks-pre-images")
    assert "Privacy Office\\\nPO Box 12345\\\nOakland, CA 94612" in markdown
    assert "Call us at 1-800-555-0100.\\\n1\\. This line is not a list item." in markdown
    assert "````\nPOST /v1/opt-out\n" in markdown
    assert "Lines keep    their spacing, and ``` stays inside the block.\n````" in markdown
    assert "![Example Health logo](/img/logo.png)" in markdown
    assert "![TRUSTe certified](seal.svg)" in markdown
    assert "data:" not in markdown and "javascript" not in markdown
    assert "See this, [your choices](/privacy#choices)" in markdown
    assert "[the terms](/terms%20%282024%29.html)" in markdown


def test_page_chrome_goes_and_the_article_header_stays() -> None:
    assert convert("chrome") == (
        "# Privacy Notice\n\nLast updated: January 5, 2025\n\nWe respect your privacy.\n\n"
        "Questions? Write to privacy@example.org.\n"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("windows-1252", "We don’t sell your data — ever. Café résumé naïve: “quoted” €5."),
        ("utf-16", "We don’t sell your data. Été — 日本."),
        ("utf-16-undeclared", "We don’t sell your data. Été — 日本."),
    ],
)
def test_encodings(name: str, expected: str) -> None:
    assert convert(name).splitlines()[-1] == expected


def test_an_undeclared_windows_1252_page_is_detected() -> None:
    assert "We don’t sell your data — ever." in convert("windows-1252-undeclared")


def test_declared_charsets() -> None:
    assert declared_charset(b'<meta charset="ISO-8859-1">') == "cp1252"
    assert declared_charset(
        b"<meta http-equiv=Content-Type content='text/html; charset=utf-8'>"
    ) == ("utf-8")
    assert declared_charset(b'<meta charset="no-such-codec">') is None
    assert declared_charset(b" " * 1024 + b'<meta charset="koi8-r">') is None


def test_a_page_that_lies_about_utf_8_is_refused_in_one_line(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_bytes(b'<meta charset="utf-8"><p>caf\xe9</p>')
    with pytest.raises(InputError) as info:
        to_markdown_file(page)
    assert info.value.message == f"{page}: declares UTF-8 but is not (invalid byte at 28)"


def test_utf_8_wins_over_a_wrong_declaration() -> None:
    assert decode_html('<meta charset="latin-1"><p>café</p>'.encode(), "x") == (
        '<meta charset="latin-1"><p>café</p>'
    )


def test_nesting_past_the_limit_is_refused_in_one_line(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<div>" * (MAX_DEPTH + 5) + "text" + "</div>" * (MAX_DEPTH + 5))
    with pytest.raises(InputError, match=f"nested deeper than {MAX_DEPTH} levels"):
        to_markdown_file(page)
    fine = tmp_path / "fine.html"
    fine.write_text("<div>" * 200 + "<p>text</p>" + "</div>" * 200)
    assert to_markdown_file(fine) == "text\n"


def test_optional_end_tags_are_implied() -> None:
    html = "<ul><li>a<li>b</ul><p>one<p>two<table><tr><th>A<th>B<tr><td>1<td>2</table>"
    assert to_markdown(html, "html") == (
        "- a\n- b\n\none\n\ntwo\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n"
    )


def test_text_that_looks_like_markdown_stays_text() -> None:
    html = "<p># not a heading</p><p>- not an item</p><p>*stars* and [brackets](x) &lt;b&gt;</p>"
    markdown = to_markdown(html, "html")
    assert markdown == (
        "\\# not a heading\n\n\\- not an item\n\n\\*stars\\* and \\[brackets\\](x) \\<b>\n"
    )
    assert [block.kind for block in parse(markdown).blocks] == [BlockKind.PARAGRAPH] * 3


def test_a_long_numbered_list_converts_in_linear_time() -> None:
    """markdownify alone counts each item's previous siblings: 8,000 items took 24 s. A bound
    against that, with a wide margin (speed is measured in bench/html_bench.py)."""
    html = "<ol>" + "<li>item text</li>" * 8000 + "</ol>"
    started = time.perf_counter()
    markdown = to_markdown(html, "html")
    assert time.perf_counter() - started < 20
    assert markdown.splitlines()[-1] == "8000. item text"


def outline(markdown: str) -> str:
    """A fingerprint of a converted page: its hash, then each block's kind, size and hash."""
    lines = [f"sha256 {hashlib.sha256(markdown.encode()).hexdigest()}"]
    for block in parse(markdown).blocks:
        digest = hashlib.sha256(block.text.encode()).hexdigest()[:12]
        lines.append(f"{block.kind.value:<9} {len(block.text.split()):>4} words  {digest}")
    return "\n".join(lines) + "\n"


@needs_shared(LEGALMATTIC)
@pytest.mark.parametrize("name", ["001.html", "002.html"])
def test_the_corpus_html_revisions(name: str, golden: Callable[[str, str], None]) -> None:
    path = LEGALMATTIC / name
    markdown = to_markdown_file(path, DEFAULT_CHROME_PATTERNS)
    golden(f"html/legalmattic-{name.removesuffix('.html')}.outline", outline(markdown))
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    blocks = parse(markdown).blocks
    headings = [b for b in blocks if b.kind is BlockKind.HEADING]
    assert len(headings) == len(soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]))
    items = [b for b in blocks if b.kind is BlockKind.ITEM]
    assert len(items) == len(soup.find_all("li"))
    for link in soup.find_all("a", href=True):
        assert f"]({str(link['href']).strip()})" in markdown, link["href"]
    manifest = json.loads((LEGALMATTIC / "manifest.json").read_text(encoding="utf-8"))
    assert any(entry["file"] == name for entry in manifest)
