from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from kpversion.site.templating import make_environment, render_markdown, sanitize, templates_digest


def test_user_templates_come_first_and_packaged_ones_remain(tmp_path: Path) -> None:
    (tmp_path / "banner.html").write_text("mine: {{ banner }}")
    env = make_environment(tmp_path)
    assert env.get_template("banner.html").render(banner="<b>") == "mine: &lt;b&gt;"
    assert "<!DOCTYPE html>" in env.get_template("base.html").render(site_title="T", root="")


def test_a_missing_variable_is_an_error() -> None:
    env = make_environment()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ nope }}").render()


def test_autoescape_is_on_for_every_template(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("{{ value }}")
    env = make_environment(tmp_path)
    payload = "\"'><script>alert(1)</script>"
    assert env.get_template("page.txt").render(value=payload) == (
        "&#34;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    )


def test_markdown_is_commonmark() -> None:
    assert render_markdown("## Title\n\nSome *text* and [a link](https://example.org).") == (
        "<h2>Title</h2>\n<p>Some <em>text</em> and "
        '<a href="https://example.org" rel="noopener noreferrer">a link</a>.</p>\n'
    )
    assert "<table>" in render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<script>alert(1)</script>", ""),
        ("<img src=x onerror=alert(1)>", '<img src="x">'),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
        ('<a href="javascript:alert(1)">x</a>', '<p><a rel="noopener noreferrer">x</a></p>\n'),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', '<p><a rel="noopener noreferrer">x</a></p>\n'),
        ('<p title="a" onclick="alert(1)">y</p>', '<p title="a">y</p>'),
        ("<svg onload=alert(1)>", ""),
        ("<iframe src=https://evil.example></iframe>", ""),
    ],
)
def test_raw_html_in_markdown_is_sanitized(source: str, expected: str) -> None:
    assert render_markdown(source) == expected


def test_sanitize_keeps_plain_markup() -> None:
    html = '<p>a <ins>b</ins> <del>c</del> <a href="mailto:x@example.org">d</a></p>'
    assert sanitize(html) == html.replace('">d', '" rel="noopener noreferrer">d')


def test_digest_follows_user_templates(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("one")
    before = templates_digest(tmp_path)
    assert templates_digest(tmp_path) == before
    (tmp_path / "index.html").write_text("two")
    assert templates_digest(tmp_path) != before
    assert templates_digest(None) != before
