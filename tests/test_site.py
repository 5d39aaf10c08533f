from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import Result

from kpversion import Store
from kpversion.dates import DateVersion
from kpversion.errors import IntegrityError, KpversionError
from kpversion.site.build import MANIFEST, build_site, write_pages
from kpversion.site.pages import Page
from tests.site_tree import TEXT_V3, XSS, add_material, make_tree

TODAY = dt.date(2024, 3, 10)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def tree(tmp_path: Path) -> Store:
    return make_tree(tmp_path / "repo", TODAY)


def build(store: Store, out: Path, today: dt.date = TODAY) -> list[str]:
    return build_site(store, out, today).written


def test_build_writes_the_documented_layout(tree: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(tree, out)
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == [
        MANIFEST,
        "empty/archive/index.html",
        "empty/banner.html",
        "empty/banner.js",
        "empty/banner.json",
        "empty/compare/index.html",
        "empty/index.html",
        "empty/notices.atom",
        "empty/notices.json",
        "empty/records/index.html",
        "index.html",
        "integrity.json",
        "policy/2024-01-01/document.json",
        "policy/2024-01-01/index.html",
        "policy/2024-01-01/statement.md",
        "policy/2024-03-01/document.json",
        "policy/2024-03-01/index.html",
        "policy/2024-03-01/statement.md",
        "policy/archive/index.html",
        "policy/banner.html",
        "policy/banner.js",
        "policy/banner.json",
        "policy/compare/2024-01-01...2024-03-01/changes.json",
        "policy/compare/2024-01-01...2024-03-01/index.html",
        "policy/compare/index.html",
        "policy/index.html",
        "policy/notices.atom",
        "policy/notices.json",
        "policy/records/2024-03-01.json",
        "policy/records/index.html",
        "static/compare.js",
        "static/diff.LICENSE.txt",
        "static/diff.min.js",
        "static/site.css",
    ]


def test_index_lists_every_statement(tree: Store, tmp_path: Path) -> None:
    build(tree, tmp_path / "site")
    page = (tmp_path / "site/index.html").read_text()
    assert "<h1>Example policies</h1>" in page
    assert '<a href="policy/index.html">Privacy Statement</a>' in page
    assert '<a href="empty/index.html">Terms</a>' in page
    assert '<a href="policy/2024-03-01/index.html">2024-03-01</a>' in page


def test_statement_page_shows_current_text_version_line_and_archive(
    tree: Store, tmp_path: Path
) -> None:
    build(tree, tmp_path / "site")
    # On TODAY the material 2024-03-01 revision is still in its notice period: the page shows
    # the text in force and says when the next one takes effect.
    pending = (tmp_path / "site/policy/index.html").read_text()
    assert "<p>We do not sell or rent personal information" in pending
    assert (
        "In force today: version 2024-01-01. Version <strong>2024-03-01</strong> takes effect on "
        '<time datetime="2024-03-31">2024-03-31</time>'
    ) in pending
    build(tree, tmp_path / "site", dt.date(2024, 3, 31))
    page = (tmp_path / "site/policy/index.html").read_text()
    assert "<p>We may sell or rent personal information" in page
    assert "In force today" not in page
    assert "Last reviewed/updated: March 1, 2024 · version <strong>2024-03-01</strong>" in page
    assert '<a href="archive/index.html">Archive of all versions</a>' in page
    assert 'href="compare/2024-01-01...2024-03-01/index.html"' in page
    assert 'href="../static/site.css"' in page
    old = (tmp_path / "site/policy/2024-01-01/index.html").read_text()
    assert "We do not sell or rent" in old
    assert 'href="../2024-03-01/index.html" rel="next"' in old
    assert (tmp_path / "site/policy/2024-01-01/statement.md").read_bytes() == (
        tree.folder / "policy/revisions/2024-01-01.md"
    ).read_bytes()


def test_compare_page_shows_redline_and_change_list(tree: Store, tmp_path: Path) -> None:
    build(tree, tmp_path / "site")
    page = (tmp_path / "site/policy/compare/2024-01-01...2024-03-01/index.html").read_text()
    assert '<del><span class="sr-only">deleted: </span>do not</del>' in page
    assert '<ins><span class="sr-only">inserted: </span>may</ins>' in page
    assert '<table class="change-list">' in page
    assert '<span class="verdict verdict-' in page
    assert "Notice: Changes effective 2024-03-31" in page
    assert '<a href="../index.html">Compare any two versions</a>' in page
    assert 'data-verdict="material"' in page and '<nav class="toc" aria-label="Sections">' in page
    any_two = (tmp_path / "site/policy/compare/index.html").read_text()
    assert 'data-versions="2024-01-01 2024-03-01"' in any_two
    assert '<option value="2024-01-01" selected>' in any_two


def test_feed_is_valid_atom(tree: Store, tmp_path: Path) -> None:
    build(tree, tmp_path / "site")
    feed = ET.parse(tmp_path / "site/policy/notices.atom").getroot()
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    assert feed.findtext(f"{ATOM}updated") == "2024-03-01T00:00:00Z"
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id", "").startswith("urn:uuid:")
    assert entry.findtext(f"{ATOM}title") == "Changes effective 2024-03-31"
    link = entry.find(f"{ATOM}link")
    assert link is not None and link.get("href") == "compare/2024-01-01...2024-03-01/"
    content = entry.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    assert "<p>We may now sell personal information.</p>" in (content.text or "")
    empty = ET.parse(tmp_path / "site/empty/notices.atom").getroot()
    assert empty.findall(f"{ATOM}entry") == []


def test_feed_links_are_absolute_with_a_base_url(tree: Store, tmp_path: Path) -> None:
    settings = tree.folder / "kpversion.toml"
    settings.write_text(settings.read_text() + 'base_url = "https://example.org/policies/"\n')
    build(Store(tree.root), tmp_path / "site")
    feed = ET.parse(tmp_path / "site/policy/notices.atom").getroot()
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None
    assert self_link.get("href") == "https://example.org/policies/policy/notices.atom"
    banner = json.loads((tmp_path / "site/policy/banner.json").read_text())
    assert banner["notice"]["url"] == (
        "https://example.org/policies/policy/compare/2024-01-01...2024-03-01/"
    )


def test_records_are_copied_and_shown(tree: Store, tmp_path: Path) -> None:
    build(tree, tmp_path / "site")
    source = tree.folder / "policy/records/2024-03-01.json"
    assert (tmp_path / "site/policy/records/2024-03-01.json").read_bytes() == source.read_bytes()
    page = (tmp_path / "site/policy/records/index.html").read_text()
    assert 'id="record-2024-03-01"' in page
    assert "<dt>Consent required</dt><dd>yes</dd>" in page
    assert "<td>b-consent</td>" in page
    assert "<blockquote>Any revised statement applies to information we already have" in page
    assert "<td>2024-01-01</td><td>2024-01-01</td><td>2024-03-31</td><td>2024-01-01</td>" in page


def test_banner_payload_and_window(tree: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(tree, out)
    payload = json.loads((out / "policy/banner.json").read_text())
    assert payload == {
        "statement": "policy",
        "title": "Privacy Statement",
        "notice": {
            "version": "2024-03-01",
            "title": "Changes effective 2024-03-31",
            "summary": "We may now sell personal information.",
            "text": "We may now sell personal information.",
            "published": "2024-03-01",
            "effective": "2024-03-31",
            "start": "2024-03-01",
            "end": "2024-04-30",
            "url": "compare/2024-01-01...2024-03-01/",
        },
        "in_force": {"version": "2024-01-01", "effective": "2024-01-01"},
        "next": {"version": "2024-03-01", "effective": "2024-03-31"},
    }
    snippet = (out / "policy/banner.html").read_text()
    assert 'role="region" aria-label="Privacy Statement: notice of changes"' in snippet
    assert json.loads((out / "empty/banner.json").read_text())["notice"] is None
    assert (out / "policy/banner.js").read_text().startswith("/* kpversion change banner")
    build(tree, out, dt.date(2024, 5, 1))
    assert "no notice in its window" in (out / "policy/banner.html").read_text()


def test_second_build_writes_and_renders_nothing(tree: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(tree, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    report = build_site(tree, out, TODAY)
    assert (report.rendered, report.written, report.removed) == (0, [], [])
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


def test_a_new_revision_rewrites_only_the_pages_that_depend_on_it(
    tree: Store, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(tree, out)
    add_material(
        tree,
        "policy",
        "2024-03-01",
        "2024-06-01",
        TEXT_V3,
        published="2024-06-01",
        effective="2024-07-01",
    )
    assert sorted(build(tree, out)) == [
        "index.html",
        "integrity.json",
        "policy/2024-03-01/index.html",
        "policy/2024-06-01/document.json",
        "policy/2024-06-01/index.html",
        "policy/2024-06-01/statement.md",
        "policy/archive/index.html",
        "policy/banner.html",
        "policy/banner.json",
        "policy/compare/2024-03-01...2024-06-01/changes.json",
        "policy/compare/2024-03-01...2024-06-01/index.html",
        "policy/compare/index.html",
        "policy/index.html",
        "policy/notices.atom",
        "policy/notices.json",
        "policy/records/2024-06-01.json",
        "policy/records/index.html",
    ]


def test_a_deleted_page_is_rebuilt_and_a_removed_statement_goes(
    tree: Store, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(tree, out)
    (out / "policy/index.html").unlink()
    assert build(tree, out) == ["policy/index.html"]
    for path in sorted((tree.folder / "empty").iterdir(), reverse=True):
        path.unlink()
    (tree.folder / "empty").rmdir()
    (out / ".git/refs/tags").mkdir(parents=True)
    outside = tmp_path / "outside/empty"
    outside.mkdir(parents=True)
    (out / "policy/linked").symlink_to(outside)
    report = build_site(tree, out, TODAY)
    assert "empty/index.html" in report.removed
    assert not (out / "empty").exists()  # `serve` would list an empty folder
    assert (out / ".git/refs/tags").is_dir()  # a hidden folder is not the build's
    assert outside.is_dir() and (out / "policy/linked").is_symlink()
    assert (out / "policy/archive").is_dir()


def test_folders_an_earlier_build_left_empty_go_once_pages_change(
    tree: Store, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(tree, out)
    (out / "gone/compare/2024-01-01...2024-03-01").mkdir(parents=True)
    build(tree, out)
    assert (out / "gone").is_dir()  # a build that changes nothing does not walk the folder
    tree.add_revision("policy", DateVersion.parse("2024-06-01"), TEXT_V3, {})
    build(tree, out)
    assert not (out / "gone").exists()
    assert out.is_dir()


def test_user_templates_override_packaged_ones(tree: Store, tmp_path: Path) -> None:
    settings = tree.folder / "kpversion.toml"
    settings.write_text(settings.read_text() + 'templates = "templates"\n')
    (tree.folder / "templates").mkdir()
    (tree.folder / "templates/index.html").write_text(
        '{% extends "base.html" %}{% block main %}<p>Ours: {{ site_title }}</p>{% endblock %}'
    )
    out = tmp_path / "site"
    build(Store(tree.root), out)
    assert "<p>Ours: Example policies</p>" in (out / "index.html").read_text()
    (tree.folder / "templates/index.html").write_text("<p>Changed</p>")
    assert "index.html" in build(Store(tree.root), out)


class ScriptFinder(HTMLParser):
    """Everything in a page that could run script."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and "javascript:" in (value or "").lower():
                self.found.append(f"<{tag} {name}={value}>")
        src = dict(attrs).get("src") or ""
        if tag == "script" and not src.endswith(("static/compare.js", "static/diff.min.js")):
            self.found.append(f"<script src={src!r}>")
        if tag in ("svg", "iframe", "object", "embed"):
            self.found.append(f"<{tag}>")


def test_xss_payloads_run_nowhere(tmp_path: Path) -> None:
    store = make_tree(tmp_path / "repo", TODAY)
    (store.folder / "policy/statement.toml").write_text(f"title = {json.dumps(XSS)}\n")
    text = TEXT_V3 + "\n" + XSS + "\n"
    add_material(
        store,
        "policy",
        "2024-03-01",
        "2024-04-01",
        text,
        published="2024-03-05",
        effective="2024-04-01",
        summary=XSS,
    )
    out = tmp_path / "site"
    build(store, out)
    pages = [p for p in out.rglob("*") if p.suffix in (".html", ".atom")]
    assert len(pages) > 10
    for page in pages:
        finder = ScriptFinder()
        finder.feed(page.read_text())
        assert finder.found == [], page
    feed = ET.parse(out / "policy/notices.atom").getroot()
    for content in feed.iter(f"{ATOM}content"):
        finder = ScriptFinder()
        finder.feed(content.text or "")
        assert finder.found == []
    banner = json.loads((out / "policy/banner.json").read_text())
    # Plain text from markdown-it's tokens (the raw HTML dropped), for textContent only.
    assert banner["notice"]["summary"] == "[click](javascript:alert(1)) raw \"'>"


NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def test_characters_xml_forbids_reach_no_page(tmp_path: Path) -> None:
    store = make_tree(tmp_path / "repo", TODAY)
    (store.folder / "policy/statement.toml").write_text('title = "Privacy\\u0008 Statement"\n')
    sentence = "We keep x\x01y logs."
    add_material(
        store,
        "policy",
        "2024-03-01",
        "2024-04-01",
        f"{TEXT_V3}\n{sentence}\n",
        published="2024-03-05",
        effective="2024-04-01",
        summary=f'Added: "{sentence}" <b>\x02</b> \x1b',
    )
    out = tmp_path / "site"
    build(store, out)
    feed = ET.parse(out / "policy/notices.atom").getroot()
    assert feed.findtext(f"{ATOM}title") == "Privacy\ufffd Statement: notices of material changes"
    entry = feed.find(f"{ATOM}entry")
    assert entry is not None
    summary = 'Added: "We keep x\ufffdy logs." \ufffd \ufffd'  # plain text: no <b>
    assert entry.findtext(f"{ATOM}summary") == summary
    assert "We keep x\ufffdy logs." in entry.findtext(f"{ATOM}content", "")
    for page in out.rglob("*"):
        if page.suffix in (".html", ".atom"):
            assert not NOT_XML.search(page.read_text(encoding="utf-8")), page
    assert "x\x01y" in (out / "policy/2024-04-01/statement.md").read_text()  # the exact bytes


class ImageFinder(HTMLParser):
    """The src of every image in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.sources.append(dict(attrs).get("src"))


TRACKERS = (
    "![a](https://evil.example/a.gif) ![b](//evil.example/b.gif) "
    '<img src="https://evil.example/c.gif" alt="c"> <img src="HTTP://evil.example/d.gif"> '
    '<img src="//evil.example/e.gif"> <img src="/\\evil.example/f.gif"> '
    '<img src=" \t//evil.example/g.gif"> <img src="data:image/gif;base64,R0lGOD"> '
    '![logo](logo.png) <img src="/img/seal.png" alt="seal">'
)


def test_images_from_other_sites_are_dropped(tmp_path: Path) -> None:
    store = make_tree(tmp_path / "repo", TODAY)
    add_material(
        store,
        "policy",
        "2024-03-01",
        "2024-04-01",
        f"{TEXT_V3}\n{TRACKERS}\n",
        published="2024-03-05",
        effective="2024-04-01",
        summary=TRACKERS,
    )
    out = tmp_path / "site"
    build(store, out, dt.date(2024, 4, 1))  # the day the new text is in force
    feed = ET.parse(out / "policy/notices.atom").getroot()
    pages = {
        "policy/2024-04-01/index.html": (out / "policy/2024-04-01/index.html").read_text(),
        "policy/index.html": (out / "policy/index.html").read_text(),
        "feed": feed.findtext(f"{ATOM}entry/{ATOM}content", ""),
    }
    for name, html in pages.items():
        finder = ImageFinder()
        finder.feed(html)
        shown = [None] * 8 + ["logo.png", "/img/seal.png"]
        assert finder.sources and finder.sources == shown * (len(finder.sources) // 10), name


def test_unknown_files_in_records_are_ignored(tree: Store, tmp_path: Path) -> None:
    (tree.folder / "policy/records/notes.json").write_text("{}")
    build(tree, tmp_path / "site")
    assert not (tmp_path / "site/policy/records/notes.json").exists()


def test_build_command(tree: Store, tmp_path: Path, cli_invoke: Callable[..., Result]) -> None:
    result = cli_invoke("build", "--out", "site", "--today", "2024-03-10", cwd=tree.root)
    assert result.exit_code == 0, result.output
    assert result.stdout == "site/: 33 pages, 33 rendered, 33 written, 0 removed\n"
    assert result.stderr.startswith("warning: statements/kpversion.toml: base_url is not set: ")
    again = cli_invoke("build", "--out", "site", "--today", "2024-03-10", cwd=tree.root)
    assert again.stdout == "site/: 33 pages, 0 rendered, 0 written, 0 removed\n"


def test_no_page_can_leave_the_output_folder(tmp_path: Path) -> None:
    evil = Page("../outside.html", "key", lambda: b"x")
    with pytest.raises(KpversionError, match="leaves"):
        write_pages(tmp_path / "site", [evil])
    assert not (tmp_path / "outside.html").exists()


def test_a_broken_record_is_a_one_line_error(tree: Store, tmp_path: Path) -> None:
    (tree.folder / "policy/records/2024-01-01.json").write_text("{}\n")
    with pytest.raises(KpversionError) as caught:
        build(tree, tmp_path / "site")
    assert caught.value.message.startswith("statements/policy/records/2024-01-01.json: not a")


def test_an_editors_override_is_the_compare_pages_verdict(tree: Store, tmp_path: Path) -> None:
    override = {"verdict": "non-material", "because": "Counsel: only a clarification"}
    tree.add_revision("policy", DateVersion.parse("2024-06-01"), TEXT_V3, {"override": override})
    build(tree, tmp_path / "site")
    page = (tmp_path / "site/policy/compare/2024-03-01...2024-06-01/index.html").read_text()
    assert 'verdict-non-material">non-material</span> (set by the editor: Counsel: only' in page


def test_a_tampered_or_linked_revision_is_refused(tree: Store, tmp_path: Path) -> None:
    revision = next((tree.folder / "policy/revisions").glob("*.md"))
    original = revision.read_bytes()
    revision.write_bytes(original + b"\nWe now sell your data.\n")
    with pytest.raises(IntegrityError, match=r"sha256 mismatch.*site is not built"):
        build(tree, tmp_path / "site")
    assert not (tmp_path / "site").exists()
    secret = tmp_path / "secret.txt"
    secret.write_bytes(original)
    revision.unlink()
    revision.symlink_to(secret)
    with pytest.raises(IntegrityError, match="symbolic link"):
        build(tree, tmp_path / "site")


FRONT = """---
title: "Our <Privacy> Statement"
description: How we handle your data.
redirect_from:
  - /privacy
---

"""


def test_front_matter_is_metadata_not_body_text(tree: Store, tmp_path: Path) -> None:
    tree.add_revision("policy", DateVersion.parse("2024-06-01"), FRONT + TEXT_V3, {})
    build(tree, tmp_path / "site", dt.date(2024, 6, 1))  # the day it takes effect
    page = (tmp_path / "site/policy/index.html").read_text()
    assert "redirect_from" not in page and "/privacy\n" not in page
    assert '<meta name="description" content="How we handle your data.">' in page
    assert 'aria-label="Our &lt;Privacy&gt; Statement"' in page
    assert '<article class="statement" aria-label=' in page
    assert "<hr" not in page.split('<article class="statement"')[1]


def test_language_direction_and_versions_in_other_languages(tree: Store, tmp_path: Path) -> None:
    tree.create_statement("politique", {"title": "Politique", "language": "fr"})
    tree.add_revision("politique", DateVersion.parse("2024-02-01"), "# Politique\n\nTexte.\n", {})
    tree.create_statement(
        "siyasa", {"title": "Siyasa", "language": "ar", "translations": ["policy"]}
    )
    tree.add_revision("siyasa", DateVersion.parse("2024-02-01"), "# Siyasa\n\nنص.\n", {})
    settings = tree.folder / "policy/statement.toml"
    original = settings.read_text()
    settings.write_text(original + 'translations = ["politique"]\n')
    out = tmp_path / "site"
    build(Store(tree.root), out)
    policy = (out / "policy/index.html").read_text()
    assert '<html lang="en" dir="ltr">' in policy
    assert '<link rel="alternate" hreflang="fr" href="../politique/index.html">' in policy
    assert '<link rel="alternate" hreflang="ar" href="../siyasa/index.html">' in policy
    arabic = (out / "siyasa/index.html").read_text()
    assert '<article class="statement" lang="ar" dir="rtl">' in arabic
    assert '<link rel="alternate" hreflang="en" href="../policy/index.html">' in arabic
    french = (out / "politique/2024-02-01/index.html").read_text()
    assert '<article class="statement" lang="fr" dir="ltr">' in french
    assert '<link rel="alternate" hreflang="en"' in (out / "politique/index.html").read_text()
    settings.write_text(original + 'translations = ["nope"]\n')
    with pytest.raises(KpversionError, match="translations names 'nope'"):
        build(Store(tree.root), out)


def test_an_old_revision_says_what_superseded_it(tree: Store, tmp_path: Path) -> None:
    """Once the next version is in force: until then (TODAY, 2024-03-01 takes effect on
    March 31) the older one is the text in force and says nothing of the kind."""
    site = tmp_path / "site"
    build(tree, site)
    assert "no longer in effect" not in (site / "policy/2024-01-01/index.html").read_text()
    changed = sorted(build(tree, site, dt.date(2024, 3, 31)))
    assert changed == ["policy/2024-01-01/index.html", "policy/banner.json", "policy/index.html"]
    old = (site / "policy/2024-01-01/index.html").read_text()
    assert "This version is no longer in effect." in old
    assert 'superseded by\n<a href="../2024-03-01/index.html">version 2024-03-01</a>' in old
    assert '(effective <time datetime="2024-03-31">March 31, 2024</time>)' in old
    assert "no longer in effect" not in (site / "policy/2024-03-01/index.html").read_text()


CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; '
    "script-src &#39;self&#39;;"
)


def test_every_page_has_the_content_security_policy_and_no_inline_script(
    tree: Store, tmp_path: Path
) -> None:
    build(tree, tmp_path / "site")
    pages = sorted((tmp_path / "site").rglob("*.html"))
    pages = [p for p in pages if p.name != "banner.html"]  # a snippet for the host's page
    assert len(pages) >= 10
    for page in pages:
        html = page.read_text()
        assert CSP in html, page
        assert "<script>" not in html and " style=" not in html
        assert not re.search(r"<[^>]+\son[a-z]+=", html), page


def test_a_compare_page_folds_unchanged_sections_and_lists_them(
    tree: Store, tmp_path: Path
) -> None:
    tree.add_revision("policy", DateVersion.parse("2024-06-01"), TEXT_V3, {})
    build(tree, tmp_path / "site")
    page = (tmp_path / "site/policy/compare/2024-03-01...2024-06-01/index.html").read_text()
    changed = page.split('<section class="cmp-section changed" id="s-3"')[1].split("</section>")[0]
    assert "Cookies" in changed and "<ins><span" in changed and "persistent" in changed
    assert '<details class="section-changes" open>' in changed  # few changes: open
    folded = page.split('<section class="cmp-section unchanged" id="s-2"')[1].split("</section>")[0]
    assert "<details><summary>" in folded and "We may sell or rent" in folded
    toc = page.split('<nav class="toc"')[1].split("</nav>")[0]
    assert '<a href="#s-2">Sharing</a>\n<span class="toc-count">unchanged</span>' in toc
    assert '<a href="#s-3">Cookies</a>' in toc
    assert '<form class="filter" hidden' in page  # shown by compare.js


def test_the_browser_comparison_reads_document_models_and_block_maps(
    tree: Store, tmp_path: Path
) -> None:
    build(tree, tmp_path / "site")
    document = json.loads((tmp_path / "site/policy/2024-03-01/document.json").read_text())
    assert document["format"] == 1 and document["version"] == "2024-03-01"
    assert document["sections"][1] == ["Privacy Statement", "Sharing"]
    sharing = document["blocks"][2]
    assert sharing["t"].startswith("We may sell or rent") and sharing["s"] == 1
    heading = document["blocks"][0]
    assert (heading["k"], heading["t"], heading["m"]) == (
        "heading",
        "Privacy Statement",
        "# Privacy Statement",
    )
    step = json.loads(
        (tmp_path / "site/policy/compare/2024-01-01...2024-03-01/changes.json").read_text()
    )
    assert (step["old"], step["new"]) == ("2024-01-01", "2024-03-01")
    assert step["map"] == list(range(len(document["blocks"])))
    flip = next(c for c in step["changes"] if c["verdict"] == "material")
    assert flip["o"] == flip["n"] == 2 and flip["rules"][0] == "A11"


RAW_TABLE = "<table><tr><td>Data</td><td>**Kept**</td></tr><tr><td>[Logs](https://x.example)"


def test_raw_table_html_never_breaks_a_page(tmp_path: Path) -> None:
    store = make_tree(tmp_path / "repo", TODAY)
    add_material(
        store,
        "policy",
        "2024-03-01",
        "2024-04-01",
        f"{TEXT_V3}\n{RAW_TABLE}\n",
        published="2024-03-05",
        effective="2024-04-01",
        summary=f"We added a table. {RAW_TABLE}",
    )
    out = tmp_path / "site"
    build(store, out, dt.date(2024, 4, 1))  # the day it takes effect: the page shows it
    page = (out / "policy/index.html").read_text()
    article = page.split('<article class="statement">')[1].split("</article>")[0]
    assert article.count("<table") == article.count("</table>") == 1
    assert '<div class="table-wrap" role="group" aria-label="Table" tabindex="0"><table>' in article
    assert page.index("</article>") < page.index("</main>") < page.index('<footer class="site">')
    banner = json.loads((out / "policy/banner.json").read_text())
    assert banner["notice"]["summary"] == "We added a table. Data · Kept Logs"
    feed = ET.parse(out / "policy/notices.atom").getroot()
    assert feed.findtext(f"{ATOM}entry/{ATOM}summary") == banner["notice"]["summary"]
