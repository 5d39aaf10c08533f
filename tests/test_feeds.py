"""The notice feeds: Atom and JSON Feed 1.1, read back by a real parser (feedparser) and checked
against RFC 4287's required elements; ids unique per organisation (RFC 4151 tag URIs)."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from kpversion import Store
from kpversion.config import TreeSettings
from kpversion.site.build import build_site
from kpversion.site.feeds import base_url_warning, feed_ids
from tests.site_tree import make_tree

TODAY = dt.date(2024, 3, 10)
ATOM = "{http://www.w3.org/2005/Atom}"
TAG = re.compile(r"tag:[a-z0-9.-]+(@[a-z0-9.-]+)?,\d{4}(-\d{2}(-\d{2})?)?:\S+")
"""RFC 4151's tagURI, as kpversion writes them (lower-case names)."""


def with_settings(store: Store, extra: str) -> Store:
    path = store.folder / "kpversion.toml"
    path.write_text(path.read_text() + extra)
    return Store(store.root)


@pytest.fixture
def tree(tmp_path: Path) -> Store:
    return make_tree(tmp_path / "repo", TODAY)


def test_ids_are_tag_uris_from_the_authority_or_the_base_url() -> None:
    by_url = feed_ids(TreeSettings(base_url="https://Example.org/policies/"), "p", "2024-01-01")
    assert by_url.feed() == "tag:example.org,2024-01-01:policies/p/notices"
    assert by_url.entry("2024-03-01") == "tag:example.org,2024-01-01:policies/p/notices/2024-03-01"
    pinned = feed_ids(TreeSettings(authority="acme.example,2019"), "p", "2024-01-01")
    assert pinned.feed() == "tag:acme.example,2019:p/notices"
    other = feed_ids(TreeSettings(authority="other.example,2019"), "p", "2024-01-01")
    assert other.entry("2024-03-01") != pinned.entry("2024-03-01")  # unique per organisation
    assert TAG.fullmatch(pinned.entry("2024-03-01")) and TAG.fullmatch(by_url.feed())
    legacy = feed_ids(TreeSettings(), "p", "2024-01-01")
    assert not legacy.unique and legacy.feed().startswith("urn:uuid:")


def test_the_build_warns_without_a_base_url(tree: Store, tmp_path: Path) -> None:
    report = build_site(tree, tmp_path / "site", TODAY)
    assert report.warnings == [base_url_warning(tree.settings)]
    assert "ids are not unique" in report.warnings[0]
    feed = ET.parse(tmp_path / "site/policy/notices.atom").getroot()
    assert feed.find(f"{ATOM}link[@rel='self']") is None
    pinned = with_settings(tree, 'authority = "example.org,2024"\n')
    assert "ids are not unique" not in build_site(pinned, tmp_path / "site", TODAY).warnings[0]
    based = with_settings(pinned, 'base_url = "https://example.org/"\n')
    assert build_site(based, tmp_path / "site", TODAY).warnings == []


def required_atom_elements(path: Path) -> None:
    """RFC 4287 §4.1.1 and §4.1.2: what a feed and each entry MUST hold."""
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    entries = feed.findall(f"{ATOM}entry")
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None or all(
        e.find(f"{ATOM}author") is not None for e in entries
    )
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        content = entry.find(f"{ATOM}content")
        assert content is not None or entry.find(f"{ATOM}link[@rel='alternate']") is not None
        alternates = [(link.get("type"), link.get("hreflang")) for link in
                      entry.findall(f"{ATOM}link[@rel='alternate']")]  # fmt: skip
        assert len(alternates) == len(set(alternates))
        for stamp in (entry.findtext(f"{ATOM}updated"), feed.findtext(f"{ATOM}updated")):
            dt.datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))


def required_json_feed_fields(feed: dict[str, object]) -> None:
    """JSON Feed 1.1's rules (feedparser 6.0, the newest release, reads no JSON Feed)."""
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    for key in ("home_page_url", "feed_url"):
        assert key not in feed or str(feed[key]).startswith(("https://", "http://"))
    authors = feed["authors"]
    assert isinstance(authors, list) and all(isinstance(a, dict) and a["name"] for a in authors)
    items = feed["items"]
    assert isinstance(items, list)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) and all(isinstance(i, str) and i for i in ids)
    for item in items:
        assert item.get("content_html") or item.get("content_text")
        dt.datetime.fromisoformat(item["date_published"].replace("Z", "+00:00"))
        assert all(k in JSON_ITEM_KEYS or k.startswith("_") for k in item), item.keys()
    assert all(k in JSON_FEED_KEYS or k.startswith("_") for k in feed), feed.keys()


JSON_FEED_KEYS = {
    "version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url",
    "icon", "favicon", "authors", "language", "expired", "hubs", "items",
}  # fmt: skip
JSON_ITEM_KEYS = {
    "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
    "banner_image", "date_published", "date_modified", "authors", "tags", "language",
    "attachments",
}  # fmt: skip


def test_both_feeds_parse_and_carry_the_same_notices(tree: Store, tmp_path: Path) -> None:
    store = with_settings(tree, 'base_url = "https://example.org/policies/"\n')
    out = tmp_path / "site"
    build_site(store, out, TODAY)
    required_atom_elements(out / "policy/notices.atom")
    atom = feedparser.parse((out / "policy/notices.atom").read_bytes())
    assert not atom.bozo, atom.get("bozo_exception")
    assert atom.version == "atom10"
    assert atom.feed.id == "tag:example.org,2024-01-01:policies/policy/notices"
    links = {link.rel: link.href for link in atom.feed.links}
    assert links["self"] == "https://example.org/policies/policy/notices.atom"
    (entry,) = atom.entries
    assert entry.id == "tag:example.org,2024-01-01:policies/policy/notices/2024-03-01"
    assert entry.link == "https://example.org/policies/policy/compare/2024-01-01...2024-03-01/"
    assert entry.summary == "We may now sell personal information."
    assert "https://example.org/policies/policy/compare/2024-01-01...2024-03-01/" in (
        entry.content[0].value
    )
    raw = json.loads((out / "policy/notices.json").read_text())
    assert raw["version"] == "https://jsonfeed.org/version/1.1"
    assert raw["feed_url"] == "https://example.org/policies/policy/notices.json"
    required_json_feed_fields(raw)
    (item,) = raw["items"]
    assert (item["id"], item["url"], item["title"]) == (entry.id, entry.link, entry.title)
    assert raw["items"][0]["content_text"].endswith(
        "See every change since the version of January 1, 2024: "
        "https://example.org/policies/policy/compare/2024-01-01...2024-03-01/\n"
    )
    assert raw["items"][0]["date_published"] == "2024-03-01T00:00:00Z"


def test_without_a_base_url_links_are_relative_to_the_feed(tree: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(tree, out, TODAY)
    raw = json.loads((out / "policy/notices.json").read_text())
    assert "feed_url" not in raw and "home_page_url" not in raw
    assert raw["items"][0]["url"] == "compare/2024-01-01...2024-03-01/"
    required_json_feed_fields(raw)
    empty = json.loads((out / "empty/notices.json").read_text())
    assert empty["items"] == []
