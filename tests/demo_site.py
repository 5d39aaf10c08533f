"""A site with three statements and their revisions, published by kpversion itself (publish,
with its notices and records): the bundled privacy statement with two material revisions, the
bundled equity statement with one revision, and GitHub's privacy statement (three real
revisions from the corpus, its 2024 rewrite last). The browser tests check every page of it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from kpversion import Store
from kpversion.dates import DateVersion
from kpversion.workflows.publish import PublishRequest, publish

from .conftest import CORPUS, REPO

GITHUB = CORPUS / "github-site-policy/privacy-statement"
GITHUB_REVISIONS = (("053.md", "2022-12-15"), ("057.md", "2023-10-10"), ("070.md", "2024-02-01"))
BASE_URL = "https://policies.example.org/"


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T10:00:00+00:00")


def edit_and_publish(
    store: Store, slug: str, edits: tuple[tuple[str, str], ...], version: str, summary: str
) -> None:
    text = store.draft(slug)
    for old, new in edits:
        assert old in text, (slug, old)
        text = text.replace(old, new)
    store.write_draft(slug, text)
    request = PublishRequest(
        slug,
        version=version,
        summary=summary,
        override="material",
        because="Reviewed by counsel",
        git=False,
        editor="Test Editor",
    )
    publish(store, request, at(version))


def make_demo_site(root: Path, with_github: bool = True) -> Store:
    """The tree in root/statements (root is created)."""
    root.mkdir(parents=True)
    shutil.copytree(REPO / "statements", root / "statements")
    settings = root / "statements/kpversion.toml"
    settings.write_text(
        settings.read_text().replace('base_url = ""', f'base_url = "{BASE_URL}"'),
        encoding="utf-8",
    )
    store = Store(root)
    edit_and_publish(
        store,
        "privacy-statement",
        (("session cookies to help", "session and analytics cookies to help"),),
        "2024-05-01",
        "We now use analytics cookies.",
    )
    edit_and_publish(
        store,
        "privacy-statement",
        (("We do not sell or rent", "We may sell or rent"),),
        "2024-09-01",
        "We may now sell or rent personal information about visitors.",
    )
    edit_and_publish(
        store,
        "equity-inclusion",
        (("equity", "equity and fairness"),),
        "2026-11-30",
        "We describe our commitment to fairness.",
    )
    if with_github and GITHUB.is_dir():
        add_github(store)
    return Store(root)


def add_github(store: Store) -> None:
    first, version = GITHUB_REVISIONS[0]
    store.create_statement(
        "github-privacy",
        {"title": "GitHub General Privacy Statement", "version_line": "Effective date: {date}"},
    )
    text = (GITHUB / first).read_text(encoding="utf-8")
    store.add_revision(
        "github-privacy", DateVersion.parse(version), text, {"published_at": version}
    )
    for name, version in GITHUB_REVISIONS[1:]:
        store.write_draft("github-privacy", (GITHUB / name).read_text(encoding="utf-8"))
        request = PublishRequest(
            "github-privacy",
            version=version,
            override="material",
            because="Reviewed by counsel",
            git=False,
            editor="Test Editor",
        )
        publish(store, request, at(version))
