from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kpversion.text.plain import first_paragraph, html_text, plain_line, plain_text


def test_links_emphasis_and_list_markers_never_show() -> None:
    assert plain_line("- **Precise** geolocation, see [FAQ](https://x.example/faq)") == (
        "Precise geolocation, see FAQ"
    )
    assert plain_line("* `code` and ![a seal](seal.png) &amp; more") == "code and a seal & more"
    assert plain_text("# Title\n\nOne *two*.\n\n- a\n- b [c](d)\n\nafter") == (
        "Title\n\nOne two.\n\n- a\n- b c\n\nafter"
    )


def test_a_table_reads_as_its_cells_and_a_lone_row_too() -> None:
    assert plain_text("| h | i |\n|---|---|\n| 1 | **2** |\n") == "h · i\n\n1 · 2"
    assert plain_line("| [Who](#who) | Subject to *limited* exceptions |") == (
        "Who · Subject to limited exceptions"
    )


def test_raw_html_becomes_its_text() -> None:
    html = "<table><tr><td>A</td><td>B</td></tr><tr><td>C"  # unclosed, as pasted
    assert plain_text(html) == "A · B\nC"
    assert html_text("<p>x<script>alert(1)</script></p><style>p{}</style><p>y</p>") == "x\ny"
    assert plain_line("Hello <b>bold</b> <img src=x onerror=alert(1)> end") == "Hello bold end"


def test_the_first_paragraph_skips_headings() -> None:
    assert first_paragraph("## What we collect\n\n- In “X”, we **added** it.\n- two") == (
        "In “X”, we added it."
    )
    assert first_paragraph("Editor [says](x).\n\n## T\n\n- a") == "Editor says."
    assert first_paragraph("") == ""


@given(st.text(max_size=300))
def test_plain_text_holds_no_markup_characters_it_did_not_get(text: str) -> None:
    line = plain_line(text)
    assert "\n" not in line
    for mark in "<>*[]`":
        assert line.count(mark) <= text.count(mark)


def test_html_text_drops_comments_and_keeps_a_stray_angle_bracket_as_text() -> None:
    assert html_text("<p>a <!-- hidden --> b</p>") == "a b"
    assert html_text("<p>kept</p><!-- never closed <p>gone</p>") == "kept"
    assert html_text("<p>1 < 2 and <b>bold</b></p>") == "1 < 2 and bold"
