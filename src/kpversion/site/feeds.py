"""The feeds of a statement's notices: Atom (`notices.atom`, RFC 4287) and JSON Feed 1.1
(`notices.json`), from the same entries.

Ids must be unique for all time and across organisations (RFC 4287 §4.2.6), so they are tag
URIs (RFC 4151): `tag:<authority>:<slug>/notices[/<version>]`, the authority being the tree's
`authority` setting, or else base_url's host and the date of the statement's first revision
(with base_url's path in front of the slug). A site with neither keeps the older
`urn:uuid:` ids, which are the same for every organisation using the same slug; the build warns.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from kpversion.config import TreeSettings
from kpversion.records.notice import Notice
from kpversion.site.views import lead, notice_html, notice_text

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class FeedIds:
    """The ids of one statement's feed and of its entries."""

    prefix: str
    """`tag:<authority>:<path>` (unique), or "" for the older, non-unique uuid ids."""
    slug: str

    @property
    def unique(self) -> bool:
        return bool(self.prefix)

    def feed(self) -> str:
        return f"{self.prefix}/notices" if self.prefix else _uuid(self.slug, "notices")

    def entry(self, version: str) -> str:
        return f"{self.prefix}/notices/{version}" if self.prefix else _uuid(self.slug, version)


def feed_ids(tree: TreeSettings, slug: str, first_version: str | None) -> FeedIds:
    """The statement's ids: from `authority`, else from base_url and its first revision."""
    if tree.authority:
        return FeedIds(f"tag:{tree.authority}:{slug}", slug)
    parts = urlsplit(tree.base_url)
    if not parts.hostname or first_version is None:
        return FeedIds("", slug)
    path = "/".join(p for p in parts.path.split("/") if p)
    specific = f"{path}/{slug}" if path else slug
    return FeedIds(f"tag:{parts.hostname.lower()},{first_version}:{specific}", slug)


def _uuid(slug: str, name: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"kpversion:{slug}:{name}").urn


def base_url_warning(tree: TreeSettings) -> str | None:
    """What the build warns about when the site's public URL is unknown."""
    if tree.base_url:
        return None
    ids = "" if tree.authority else ", and their ids are not unique to this organisation"
    return (
        'statements/kpversion.toml: base_url is not set: the feeds have no rel="self" link '
        f"and only relative links{ids}; set base_url (and authority to keep ids if it changes)"
    )


@dataclass(frozen=True)
class FeedEntry:
    """One notice as both feeds carry it."""

    notice: Notice
    id: str
    link: str
    """The full comparison: absolute under base_url, else relative to the feed."""
    updated: str
    content: Markup
    text: str
    lead: str


def feed_entries(
    notices: Sequence[Notice], ids: FeedIds, absolute: Callable[[str], str]
) -> list[FeedEntry]:
    """The entries, newest first; absolute makes a URL under base_url ("" without one)."""
    entries = []
    for notice in sorted(notices, key=lambda n: n.version, reverse=True):
        path = notice.comparison_path()
        link = absolute(path) or path.removeprefix(f"{notice.slug}/")
        entries.append(
            FeedEntry(
                notice=notice,
                id=ids.entry(notice.version),
                link=link,
                updated=atom_date(notice.published),
                content=notice_html(notice, link),
                text=notice_text(notice, link),
                lead=lead(notice.summary),
            )
        )
    return entries


def json_feed(
    title: str,
    language: str,
    author: str,
    entries: Sequence[FeedEntry],
    urls: tuple[str, str],
) -> dict[str, Any]:
    """JSON Feed 1.1; urls are the statement's page and the feed's own URL (each "" when the
    site has no base_url: JSON Feed has no relative home page)."""
    home, feed_url = urls
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": f"{title}: notices of material changes",
        "description": f"Notices of material changes to {title}, before they take effect.",
        "language": language,
        "authors": [{"name": author}],
    }
    if home:
        feed["home_page_url"] = home
    if feed_url:
        feed["feed_url"] = feed_url
    feed["items"] = [_json_item(entry, language) for entry in entries]
    return feed


def _json_item(entry: FeedEntry, language: str) -> dict[str, Any]:
    notice = entry.notice
    return {
        "id": entry.id,
        "url": entry.link,
        "title": notice.title,
        "summary": entry.lead,
        "content_html": str(entry.content),
        "content_text": entry.text,
        "date_published": entry.updated,
        "language": language,
        "_kpversion": {
            "version": notice.version,
            "published": notice.published,
            "effective": notice.effective,
            "compare": notice.compare,
            "more": notice.more,
        },
    }


def atom_date(day: str) -> str:
    return f"{day[:10]}T00:00:00Z"
