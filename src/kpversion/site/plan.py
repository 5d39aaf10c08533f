"""The plan of the site: every page of every statement, with its key and its renderer.

Each key is the sha256 of everything the page's bytes depend on: templates, static files,
kpversion's code, settings, and the revisions and notices it shows (see pages.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from kpversion.change import DiffResult, Verdict
from kpversion.config import StatementSettings, statement_language, text_direction
from kpversion.records.notice import Notice, notices
from kpversion.site.compare_view import compare_sections
from kpversion.site.documents import changes_data, document_data
from kpversion.site.feeds import atom_date, feed_entries, feed_ids, json_feed
from kpversion.site.pages import Page, code_digest, input_key, json_bytes
from kpversion.site.templating import STATIC, make_environment, templates_digest, xml_text
from kpversion.site.views import (
    Lazy,
    banner_active,
    banner_payload,
    change_view,
    compare_result,
    counts,
    revision_view,
)
from kpversion.store import files
from kpversion.store.tree import Revision, Store, in_force, upcoming
from kpversion.text.document import parse

if TYPE_CHECKING:
    from kpversion.materiality import Rules

SITE_STATIC = ("site.css", "compare.js", "diff.min.js", "diff.LICENSE.txt")
BANNER_FILES = ("banner.js", "banner.json", "banner.html")
FOLD_FROM = 30
"""A compare page with this many changes or more folds each section's changes too."""


def read_notices(store: Store, slug: str) -> dict[str, Notice]:
    """Notices by version, as the ledger records them (kpversion.notice)."""
    return {notice.version: notice for notice in notices(store, slug)}


def read_records(store: Store, slug: str) -> dict[str, bytes]:
    """The retroactivity records' exact bytes, by version."""
    folder = store.statement(slug).layout.records
    if not folder.is_dir():
        return {}
    records = {}
    for path in sorted(folder.glob("*.json")):
        if _is_version(path.stem):
            records[path.stem] = files.read_bytes(path, path.parents[1], store.display(path))
    return records


def _is_version(text: str) -> bool:
    from kpversion.dates import DateVersion

    return DateVersion.is_valid(text)


@dataclass(frozen=True)
class StatementData:
    """Everything one statement's pages are made from."""

    slug: str
    settings: StatementSettings
    revisions: tuple[Revision, ...]
    notices: Mapping[str, Notice]
    records: Mapping[str, bytes]

    @property
    def versions(self) -> list[str]:
        return [str(r.version) for r in self.revisions]

    @property
    def latest(self) -> Revision | None:
        return self.revisions[-1] if self.revisions else None

    def pairs(self) -> list[tuple[Revision, Revision]]:
        return list(itertools.pairwise(self.revisions))

    def in_force(self, today: dt.date) -> Revision | None:
        """The revision in force today; the latest when none is in force yet."""
        return in_force(self.revisions, today) or self.latest

    def upcoming(self, today: dt.date) -> Revision | None:
        """The revision that takes effect next, when one is pending."""
        return upcoming(self.revisions, today)

    def material_notice(self) -> Notice | None:
        """The latest material revision's notice: the one the banner announces."""
        for revision in reversed(self.revisions):
            notice = self.notices.get(str(revision.version))
            if notice is not None and revision.entry.verdict == Verdict.MATERIAL:
                return notice
        return None

    @cached_property
    def key(self) -> str:
        return input_key(self.slug, asdict(self.settings))


class SitePlan:
    """Plans every page of the site, with its key and a renderer."""

    def __init__(self, store: Store, out: Path, today: dt.date) -> None:
        self.store = store
        self.out = out
        self.today = today
        self.tree = store.settings
        self.user_templates = (store.folder / self.tree.templates) if self.tree.templates else None

    @cached_property
    def env(self) -> jinja2.Environment:
        return make_environment(self.user_templates)

    @cached_property
    def digest(self) -> str:
        return input_key(templates_digest(self.user_templates), code_digest(), asdict(self.tree))

    @cached_property
    def settings_by_slug(self) -> dict[str, StatementSettings]:
        return {slug: self.store.statement(slug).settings for slug in self.store.slugs()}

    def translations(self, data: StatementData) -> list[dict[str, str]]:
        """The statement's versions in other languages (its own `translations`, and every
        statement naming it in theirs), for hreflang links."""
        from kpversion.errors import ConfigError

        known = self.settings_by_slug
        for slug in data.settings.translations:
            if slug not in known:
                path = self.store.statement(data.slug).layout.settings
                raise ConfigError(f"translations names {slug!r}, which is no statement", path)
        named = set(data.settings.translations)
        named |= {slug for slug, s in known.items() if data.slug in s.translations}
        named.discard(data.slug)
        return [
            {"slug": slug, "title": known[slug].title,
             "language": statement_language(self.tree, known[slug])}
            for slug in sorted(named)
        ]  # fmt: skip

    def pages(self) -> Iterator[Page]:
        data = [self.statement_data(slug) for slug in self.store.slugs()]
        yield self.index_page(data)
        yield self.integrity_page()
        for name in SITE_STATIC:
            yield self.static_page(f"static/{name}", name)
        for statement in data:
            yield from StatementPages(self, statement).pages()

    def statement_data(self, slug: str) -> StatementData:
        revisions = tuple(self.store.revisions(slug))
        return StatementData(
            slug,
            self.store.statement(slug).settings,
            revisions,
            read_notices(self.store, slug),
            read_records(self.store, slug),
        )

    def page(self, path: str, template: str, key: Any, **context: Any) -> Page:
        return Page(path, input_key(self.digest, key), lambda: self.render(path, template, context))

    def render(self, path: str, template: str, context: Mapping[str, Any]) -> bytes:
        language = self.tree.language
        defaults: dict[str, Any] = {
            "language": language,
            "dir": text_direction(language),
            "translations": (),
        }
        text = self.env.get_template(template).render(
            site_title=self.tree.site_title,
            root=relative_root(path),
            site_language=language,
            site_dir=text_direction(language),
            **(defaults | dict(context)),
        )
        # Texts in the ledger cannot be edited, so a stray control character is handled here.
        return xml_text(text).encode("utf-8")

    def integrity_page(self) -> Page:
        """`integrity.json`: every revision's sha256 and each ledger's head (store/anchor.py),
        for `kpversion verify --against` a saved copy of the site."""
        from kpversion.store.anchor import integrity

        data = integrity(self.store)
        return Page("integrity.json", input_key(data), lambda: json_bytes(data))

    def static_page(self, path: str, name: str) -> Page:
        return Page(path, input_key(self.digest, name), lambda: (STATIC / name).read_bytes())

    def index_page(self, data: Sequence[StatementData]) -> Page:
        rows = [_index_row(statement) for statement in data]
        return self.page("index.html", "index.html", rows, statements=rows)

    def absolute(self, path: str) -> str:
        """An absolute URL under base_url, or "" when the site has none."""
        base = self.tree.base_url
        return f"{base.rstrip('/')}/{path}" if base else ""


def _index_row(statement: StatementData) -> dict[str, Any]:
    latest = statement.latest
    return {
        "slug": statement.slug,
        "title": statement.settings.title,
        "version": str(latest.version) if latest else "",
        "published": latest.entry.published_at if latest else "",
        "revisions": len(statement.revisions),
    }


def _state(revision: Revision | None) -> dict[str, str] | None:
    """A revision as the banner states it: its version and effective date."""
    if revision is None:
        return None
    return {"version": str(revision.version), "effective": revision.entry.effective[:10]}


def notice_link(notice: Notice | None, page: str) -> str:
    """From page to the full comparison of notice ("" without a notice)."""
    return f"{relative_root(page)}{notice.comparison_path()}" if notice else ""


def relative_root(path: str) -> str:
    """The relative prefix from the folder of path back to the site root ("" at the root)."""
    depth = path.count("/")
    return "../" * depth


def compare_name(old: str, new: str) -> str:
    return f"{old}...{new}"


class StatementPages:
    """The pages of one statement."""

    def __init__(self, plan: SitePlan, data: StatementData) -> None:
        self.plan = plan
        self.data = data
        self.slug = data.slug
        self.language = statement_language(plan.tree, data.settings)
        self.common = {
            "statement": data.settings,
            "slug": data.slug,
            "language": self.language,
            "dir": text_direction(self.language),
            "translations": plan.translations(data),
        }
        self.last: tuple[str, DiffResult] | None = None

    @cached_property
    def lines(self) -> dict[str, str]:
        """Each revision's ledger line: what its pages show of it, as a key."""
        return {str(r.version): r.entry.to_line() for r in self.data.revisions}

    @cached_property
    def rules(self) -> Rules:
        """The statement's materiality rules, loaded once for all its compare pages."""
        from kpversion.compare import rules_for

        return rules_for(self.plan.tree, self.data.settings)

    def pages(self) -> Iterator[Page]:
        yield self.statement_page()
        yield self.archive_page()
        yield self.compare_index_page()
        for index, revision in enumerate(self.data.revisions):
            yield from self.revision_pages(index, revision)
        for old, new in self.data.pairs():
            yield from self.compare_pages(old, new)
        yield from self.feed_pages()
        yield self.records_page()
        for version in self.data.records:
            yield self.record_json(version)
        yield from self.banner_pages()

    def page(self, path: str, template: str, key: Any, **context: Any) -> Page:
        full = f"{self.slug}/{path}"
        translations = self.common["translations"]
        return self.plan.page(
            full, template, [self.data.key, translations, key], **self.common, **context
        )

    def revision_context(self, revision: Revision, page: str) -> dict[str, Any]:
        """What the pages of revision show; page is the page's path (for relative links)."""
        index = self.data.revisions.index(revision)
        before = self.data.revisions[index - 1] if index else None
        after = self.data.revisions[index + 1] if index + 1 < len(self.data.revisions) else None
        notice = self.data.notices.get(str(revision.version))
        successor = self.successor(revision)
        return {
            "revision": revision_view(revision, self.data.settings),
            "previous": str(before.version) if before else "",
            "next": str(after.version) if after else "",
            "superseded": revision_view(successor, self.data.settings) if successor else None,
            "notice": notice,
            "notice_link": notice_link(notice, page),
        }

    def successor(self, revision: Revision) -> Revision | None:
        """The later revision that ended revision's force by the build day: the first later
        version in effect by then (None while revision is in force, or when the next takes
        effect later: a pending revision supersedes nothing yet)."""
        day = self.plan.today.isoformat()
        index = self.data.revisions.index(revision)
        later = self.data.revisions[index + 1 :]
        return next((r for r in later if r.entry.effective[:10] <= day), None)

    def statement_page(self) -> Page:
        """The text in force today, and what takes effect next: the same state the banner
        announces (both come from StatementData.in_force and upcoming)."""
        today = self.plan.today
        current = self.data.in_force(today)
        if current is None:
            return self.page("index.html", "statement.html", None, revision=None, text="",
                             upcoming=None)  # fmt: skip
        page = f"{self.slug}/index.html"
        context = self.revision_context(current, page)
        upcoming = self.data.upcoming(today)
        if upcoming is current:  # nothing in force yet: the page shows the first to come
            upcoming = None
        shown = revision_view(upcoming, self.data.settings) if upcoming else None
        if shown is not None:
            notice = self.data.material_notice()
            context["notice"] = notice
            context["notice_link"] = notice_link(notice, page)
        key = [self.lines[str(current.version)], context["previous"], context["notice"], shown,
               self.head]  # fmt: skip
        return self.page("index.html", "statement.html", key, text=Lazy(current),
                         upcoming=shown, meta_sha256=current.entry.sha256,
                         meta_ledger_head=self.head, **context)  # fmt: skip

    @cached_property
    def entries(self) -> dict[str, str]:
        """The sha256 of each revision's ledger line, by version."""
        from kpversion.store.ledger import line_hash

        return {version: line_hash(line) for version, line in self.lines.items()}

    @cached_property
    def head(self) -> str:
        """The hash of the ledger's last line: every page of the statement carries it."""
        from kpversion.store.ledger import line_hash

        latest = self.data.latest
        return line_hash(latest.entry.to_line()) if latest else ""

    def revision_pages(self, index: int, revision: Revision) -> Iterator[Page]:
        version = str(revision.version)
        context = self.revision_context(revision, f"{self.slug}/{version}/index.html")
        superseded = context["superseded"]
        key = [self.lines[version], context["previous"], context["next"], context["notice"]]
        key.append(superseded and [superseded["version"], superseded["effective"]])
        # Its own hashes only: a page that carried the ledger head would change on every
        # publish (the statement page and integrity.json carry the head).
        yield self.page(
            f"{version}/index.html",
            "revision.html",
            key,
            text=Lazy(revision),
            meta_sha256=revision.entry.sha256,
            meta_entry=self.entries[version],
            **context,
        )
        yield Page(
            f"{self.slug}/{version}/statement.md",
            input_key(revision.entry.sha256),
            lambda: files.read_bytes(revision.path, revision.path.parents[1]),
        )
        yield Page(
            f"{self.slug}/{version}/document.json",
            input_key(self.plan.digest, revision.entry.sha256),
            lambda: json_bytes(document_data(version, revision.text())),
        )

    def archive_page(self) -> Page:
        versions = self.data.versions
        rows = [
            {
                "version": str(r.version),
                "previous": versions[i - 1] if i else "",
                "published": r.entry.published_at,
                "effective": r.entry.effective,
                "verdict": r.entry.verdict,
                "notice": str(r.version) in self.data.notices,
                "record": str(r.version) in self.data.records,
            }
            for i, r in enumerate(self.data.revisions)
        ]
        return self.page("archive/index.html", "archive.html", rows, rows=rows)

    def compare_index_page(self) -> Page:
        versions = self.data.versions
        pairs = [compare_name(o, n) for o, n in itertools.pairwise(versions)]
        key = [versions]
        return self.page(
            "compare/index.html",
            "compare_any.html",
            key,
            versions=versions,
            pairs=pairs,
            fold_from=FOLD_FROM,
        )

    def compare_pages(self, old: Revision, new: Revision) -> Iterator[Page]:
        """The compare page of a consecutive pair, and its changes.json for the browser."""
        name = compare_name(str(old.version), str(new.version))
        notice = self.data.notices.get(str(new.version))
        key = [self.lines[str(old.version)], self.lines[str(new.version)]]
        folder = f"{self.slug}/compare/{name}"
        yield Page(
            f"{folder}/index.html",
            input_key(self.plan.digest, self.data.key, key, notice, self.common["translations"]),
            lambda: self.render_compare(old, new, name, notice),
        )
        yield Page(
            f"{folder}/changes.json",
            input_key(self.plan.digest, self.data.key, key),
            lambda: json_bytes(self.changes_json(old, new)),
        )

    def result(self, old: Revision, new: Revision) -> DiffResult:
        """The pair's comparison, made once for its page and its changes.json."""
        # One pair at a time: its two pages are planned one after the other, and a whole
        # history of large results would not fit in memory.
        name = compare_name(str(old.version), str(new.version))
        if self.last is None or self.last[0] != name:
            self.last = (name, compare_result(self.rules, self.slug, old, new))
        return self.last[1]

    def changes_json(self, old: Revision, new: Revision) -> dict[str, Any]:
        result = self.result(old, new)
        return changes_data(result, parse(result.old.text), parse(result.new.text))

    def render_compare(
        self, old: Revision, new: Revision, name: str, notice: Notice | None
    ) -> bytes:
        result = self.result(old, new)
        changes = [change_view(change, n) for n, change in enumerate(result.changes, 1)]
        path = f"{self.slug}/compare/{name}/index.html"
        context = {
            **self.common,
            "old": revision_view(old, self.data.settings),
            "new": revision_view(new, self.data.settings),
            "result": result,
            "changes": changes,
            "sections": compare_sections(result, changes),
            "counts": counts(result),
            "notice": notice,
            "notice_link": "#changes",
            "fold_from": FOLD_FROM,
        }
        return self.plan.render(path, "compare.html", context)

    def feed_pages(self) -> Iterator[Page]:
        """notices.atom and notices.json, from the same entries."""
        first = self.data.versions[0] if self.data.versions else None
        ids = feed_ids(self.plan.tree, self.slug, first)
        entries = feed_entries(list(self.data.notices.values()), ids, self.plan.absolute)
        latest = self.data.latest
        newest = entries[0].notice.published if entries else ""
        updated = newest or (latest.entry.published_at if latest else "")
        urls = {
            name: self.plan.absolute(f"{self.slug}/{name}")
            for name in ("", "notices.atom", "notices.json")
        }
        language = statement_language(self.plan.tree, self.data.settings)
        yield self.page(
            "notices.atom",
            "notices.atom",
            [ids.feed(), [(e.id, e.link, e.notice.to_meta()) for e in entries], updated],
            entries=entries,
            updated=atom_date(updated or "1970-01-01"),
            feed_id=ids.feed(),
            self_url=urls["notices.atom"],
            statement_url=urls[""] or "./",
        )
        feed = json_feed(
            self.data.settings.title,
            language,
            self.plan.tree.site_title,
            entries,
            (urls[""], urls["notices.json"]),
        )
        yield Page(
            f"{self.slug}/notices.json",
            input_key(self.plan.digest, feed),
            lambda: json_bytes(feed),
        )

    def records_page(self) -> Page:
        versions = sorted(self.data.records, reverse=True)
        key = [hashlib.sha256(self.data.records[v]).hexdigest() for v in versions]
        return Page(
            f"{self.slug}/records/index.html",
            input_key(self.plan.digest, self.data.key, versions, key),
            lambda: self.render_records(versions),
        )

    def render_records(self, versions: Sequence[str]) -> bytes:
        from kpversion.records.record import load_record

        records = [load_record(self.plan.store, self.slug, version) for version in versions]
        context = {**self.common, "records": records}
        return self.plan.render(f"{self.slug}/records/index.html", "records.html", context)

    def record_json(self, version: str) -> Page:
        raw = self.data.records[version]
        return Page(
            f"{self.slug}/records/{version}.json",
            input_key(hashlib.sha256(raw).hexdigest()),
            lambda: raw,
        )

    def banner_pages(self) -> Iterator[Page]:
        today = self.plan.today
        payload = banner_payload(
            self.slug,
            self.data.settings,
            self.data.material_notice(),
            self.plan.tree,
            self.plan.absolute,
        )
        current, upcoming = self.data.in_force(today), self.data.upcoming(today)
        payload["in_force"] = _state(current)
        payload["next"] = _state(upcoming)
        yield self.plan.static_page(f"{self.slug}/banner.js", "banner.js")
        yield Page(
            f"{self.slug}/banner.json",
            input_key(self.plan.digest, payload),
            lambda: json_bytes(payload),
        )
        active = banner_active(payload, self.plan.today)
        yield self.page(
            "banner.html", "banner.html", [payload, active], banner=payload if active else None
        )
