"""The static site: every page planned with a hash of its inputs, rendered only when they change.

A build plans all pages first. Each `Page` carries a key, the sha256 of everything its bytes
depend on (templates, static files, kpversion's code, settings, the revisions and notices it
shows). The manifest `<out>/.kpversion-build.json` remembers the key of every page written; a
page whose key is unchanged and whose file exists is not even rendered, and a rendered page is
written (atomically) only when its bytes differ from the file on disk.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import json
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from kpversion.store import atomic
from kpversion.change import Change, DiffResult
from kpversion.config import StatementSettings
from kpversion.errors import IntegrityError
from kpversion.records.notice import Notice, notices
from kpversion.store.layout import safe_join
from kpversion.store.tree import Revision, Store
from kpversion.site.templating import PACKAGE, STATIC, make_environment, templates_digest, xml_text
from kpversion.dates import format_date
from kpversion.text.clip import clip

MANIFEST = ".kpversion-build.json"
SITE_STATIC = ("site.css", "compare.js")
BANNER_FILES = ("banner.js", "banner.json", "banner.html")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, the hash of its inputs, and how to make its bytes."""

    path: str
    key: str
    render: Callable[[], bytes]


@dataclass
class BuildReport:
    """What a build did."""

    pages: int = 0
    rendered: int = 0
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def build_site(
    store: Store, out: Path, today: dt.date, progress: Progress | None = None
) -> BuildReport:
    """Build the site of store into out; today decides whether banner.html shows a notice.

    A tree that does not verify is refused (IntegrityError): the pages would show the ledger's
    hashes over text that is not what was published.
    """
    _refuse_unverified(store)
    pages = list(SitePlan(store, out, today).pages())
    return write_pages(out, pages, progress)


def _refuse_unverified(store: Store) -> None:
    from kpversion.store.ledger import verify_store

    problems = verify_store(store).problems
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise IntegrityError(
            f"{problems[0].problem}{more}; the site is not built (see kpversion verify)",
            problems[0].path,
        )


def write_pages(out: Path, pages: Sequence[Page], progress: Progress | None = None) -> BuildReport:
    out.mkdir(parents=True, exist_ok=True)
    old = _read_manifest(out)
    report = BuildReport(pages=len(pages))
    manifest: dict[str, str] = {}
    existing = _existing_files(out)
    for done, page in enumerate(pages, 1):
        manifest[page.path] = page.key
        if old.get(page.path) != page.key or page.path not in existing:
            report.rendered += 1
            target = safe_join(out, *page.path.split("/"))
            if _write_if_changed(target, page.render()):
                report.written.append(page.path)
        if progress is not None:
            progress(done, len(pages))
    report.removed = _remove_stale(out, old, manifest)
    if manifest != old:
        # Only when pages changed; the first build after an upgrade changes every key, so it
        # also clears the folders an older kpversion left empty.
        _remove_empty_folders(out)
        atomic.write_bytes(out / MANIFEST, _json_bytes(manifest))
    return report


def _existing_files(out: Path) -> set[str]:
    """Every file under out, as page paths; one walk instead of a stat per page."""
    found: set[str] = set()
    top = len(str(out)) + 1
    for folder, _, files in os.walk(out):
        prefix = folder[top:].replace(os.sep, "/")
        found.update(f"{prefix}/{name}" if prefix else name for name in files)
    return found


def _write_if_changed(target: Path, data: bytes) -> bool:
    if target.is_file() and target.read_bytes() == data:
        return False
    atomic.write_bytes(target, data)
    return True


def _remove_stale(out: Path, old: Mapping[str, str], manifest: Mapping[str, str]) -> list[str]:
    """Delete pages an earlier build wrote that this build no longer has (a removed statement)."""
    removed = []
    for path in sorted(set(old) - set(manifest)):
        target = safe_join(out, *path.split("/"))
        if target.is_file():
            target.unlink()
            removed.append(path)
    return removed


def _remove_empty_folders(out: Path) -> None:
    """Delete the folders left empty inside out, deepest first: `serve` would list them. Never
    out itself, and never a hidden folder or what is in it (a `.git` there is not the build's);
    symbolic links are not followed."""
    folders: list[tuple[str, int]] = []
    for folder, subfolders, files in os.walk(out):
        folders.append((folder, len(subfolders) + len(files)))
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
    emptied: Counter[str] = Counter()
    for folder, entries in reversed(folders[1:]):
        if entries == emptied[folder] and _remove_folder(folder):
            emptied[os.path.dirname(folder)] += 1


def _remove_folder(folder: str) -> bool:
    try:
        os.rmdir(folder)
    except OSError:  # something was written there meanwhile
        return False
    return True


def _read_manifest(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def input_key(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def code_digest() -> str:
    """kpversion's source as this process loaded it: new diff rules or page code change every
    page's key. Cached, so a long-running `serve` keeps the digest of the code it runs."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".toml", ".json", ".yaml"):
            digest.update(path.read_bytes())
    return digest.hexdigest()


# --- reading notices and records -----------------------------------------------------------


def read_notices(store: Store, slug: str) -> dict[str, Notice]:
    """Notices by version, as the ledger records them (kpversion.notice)."""
    return {notice.version: notice for notice in notices(store, slug)}


def read_records(store: Store, slug: str) -> dict[str, bytes]:
    """The retroactivity records' exact bytes, by version."""
    folder = store.statement(slug).folder / "records"
    if not folder.is_dir():
        return {}
    records = {}
    for path in sorted(folder.glob("*.json")):
        if _is_version(path.stem):
            records[path.stem] = path.read_bytes()
    return records


def _is_version(text: str) -> bool:
    from kpversion.dates import DateVersion

    return DateVersion.is_valid(text)


# --- the plan ----------------------------------------------------------------------------


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

    def material_notice(self) -> Notice | None:
        """The latest material revision's notice: the one the banner announces."""
        for revision in reversed(self.revisions):
            notice = self.notices.get(str(revision.version))
            if notice is not None and revision.entry.verdict == "material":
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

    def pages(self) -> Iterator[Page]:
        data = [self.statement_data(slug) for slug in self.store.slugs()]
        yield self.index_page(data)
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
        text = self.env.get_template(template).render(
            site_title=self.tree.site_title, root=relative_root(path), **context
        )
        # Texts in the ledger cannot be edited, so a stray control character is handled here.
        return xml_text(text).encode("utf-8")

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
        self.common = {"statement": data.settings, "slug": data.slug}

    @cached_property
    def lines(self) -> dict[str, str]:
        """Each revision's ledger line: what its pages show of it, as a key."""
        return {str(r.version): r.entry.to_line() for r in self.data.revisions}

    @cached_property
    def rules(self) -> Any:
        """The statement's materiality rules, loaded once for all its compare pages."""
        from kpversion import materiality

        return materiality.load_rules(self.plan.tree, self.data.settings)

    def pages(self) -> Iterator[Page]:
        yield self.statement_page()
        yield self.archive_page()
        yield self.compare_index_page()
        for index, revision in enumerate(self.data.revisions):
            yield from self.revision_pages(index, revision)
        for old, new in self.data.pairs():
            yield self.compare_page(old, new)
        yield self.feed_page()
        yield self.records_page()
        for version in self.data.records:
            yield self.record_json(version)
        yield from self.banner_pages()

    def page(self, path: str, template: str, key: Any, **context: Any) -> Page:
        full = f"{self.slug}/{path}"
        return self.plan.page(full, template, [self.data.key, key], **self.common, **context)

    def revision_context(self, revision: Revision) -> dict[str, Any]:
        index = self.data.revisions.index(revision)
        before = self.data.revisions[index - 1] if index else None
        after = self.data.revisions[index + 1] if index + 1 < len(self.data.revisions) else None
        return {
            "revision": _revision_view(revision, self.data.settings),
            "previous": str(before.version) if before else "",
            "next": str(after.version) if after else "",
            "notice": self.data.notices.get(str(revision.version)),
        }

    def statement_page(self) -> Page:
        latest = self.data.latest
        if latest is None:
            return self.page("index.html", "statement.html", None, revision=None, text="")
        context = self.revision_context(latest)
        key = [self.lines[str(latest.version)], context["previous"], context["notice"]]
        return self.page("index.html", "statement.html", key, text=_Lazy(latest), **context)

    def revision_pages(self, index: int, revision: Revision) -> Iterator[Page]:
        version = str(revision.version)
        context = self.revision_context(revision)
        key = [self.lines[version], context["previous"], context["next"], context["notice"]]
        yield self.page(
            f"{version}/index.html", "revision.html", key, text=_Lazy(revision), **context
        )
        yield Page(
            f"{self.slug}/{version}/statement.md",
            input_key(revision.entry.sha256),
            revision.path.read_bytes,
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
            "compare/index.html", "compare_any.html", key, versions=versions, pairs=pairs
        )

    def compare_page(self, old: Revision, new: Revision) -> Page:
        name = compare_name(str(old.version), str(new.version))
        notice = self.data.notices.get(str(new.version))
        key = [self.lines[str(old.version)], self.lines[str(new.version)], notice]
        return Page(
            f"{self.slug}/compare/{name}/index.html",
            input_key(self.plan.digest, self.data.key, key),
            lambda: self.render_compare(old, new, name, notice),
        )

    def render_compare(
        self, old: Revision, new: Revision, name: str, notice: Notice | None
    ) -> bytes:
        result = compare_result(self.rules, self.data, old, new)
        context = {
            **self.common,
            "old": _revision_view(old, self.data.settings),
            "new": _revision_view(new, self.data.settings),
            "result": result,
            "changes": [_change_view(change) for change in result.changes],
            "counts": _counts(result),
            "notice": notice,
        }
        return self.plan.render(f"{self.slug}/compare/{name}/index.html", "compare.html", context)

    def feed_page(self) -> Page:
        notices = sorted(self.data.notices.values(), key=lambda n: n.version, reverse=True)
        latest = self.data.latest
        updated = notices[0].published if notices else (latest.entry.published_at if latest else "")
        self_url = self.plan.absolute(f"{self.slug}/notices.atom")
        entries = [self.feed_entry(n) for n in notices]
        return self.page(
            "notices.atom",
            "notices.atom",
            [entries, updated],
            entries=entries,
            updated=_atom_date(updated or "1970-01-01"),
            feed_id=_urn(self.slug, "notices"),
            self_url=self_url,
            statement_url=self.plan.absolute(f"{self.slug}/") or "./",
        )

    def feed_entry(self, notice: Notice) -> dict[str, Any]:
        link = f"compare/{notice.compare}/" if notice.compare else f"{notice.version}/"
        return {
            "notice": notice,
            "id": _urn(self.slug, notice.version),
            "link": self.plan.absolute(f"{self.slug}/{link}") or link,
            "updated": _atom_date(notice.published),
            "content": _notice_html(notice),
            "lead": lead(notice.summary),
        }

    def records_page(self) -> Page:
        versions = sorted(self.data.records, reverse=True)
        key = [hashlib.sha256(self.data.records[v]).hexdigest() for v in versions]
        return Page(
            f"{self.slug}/records/index.html",
            input_key(self.plan.digest, self.data.key, versions, key),
            lambda: self.render_records(versions),
        )

    def render_records(self, versions: Sequence[str]) -> bytes:
        from kpversion.records.retroactivity import load_record

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
        payload = banner_payload(self.plan, self.data)
        yield self.plan.static_page(f"{self.slug}/banner.js", "banner.js")
        yield Page(
            f"{self.slug}/banner.json",
            input_key(self.plan.digest, payload),
            lambda: _json_bytes(payload),
        )
        active = banner_active(payload, self.plan.today)
        yield self.page(
            "banner.html", "banner.html", [payload, active], banner=payload if active else None
        )


class _Lazy:
    """A revision's text rendered as Markdown only when a template prints it."""

    def __init__(self, revision: Revision) -> None:
        self.revision = revision

    def __html__(self) -> str:
        from kpversion.site.templating import render_markdown

        return str(render_markdown(self.revision.text()))


def _notice_html(notice: Notice) -> Markup:
    """The feed entry's HTML: the notice file rendered, or its summary and dates."""
    from kpversion.site.templating import render_markdown

    effective = Markup("<p>Effective {}.</p>\n").format(notice.effective)
    return render_markdown(notice.summary) + effective


def lead(markdown: str, limit: int = 200) -> str:
    """The first paragraph of a Markdown summary as plain text, for the banner and feed."""
    paragraph = next((p for p in markdown.split("\n\n") if p.strip()), "")
    lines = [line.strip().removeprefix("- ").removeprefix("* ") for line in paragraph.splitlines()]
    return clip(" ".join(line for line in lines if line), limit, "…")


def _revision_view(revision: Revision, settings: StatementSettings) -> dict[str, Any]:
    entry = revision.entry
    line = settings.version_line.replace(
        "{date}", format_date(revision.version.date, settings.date_style)
    )
    return {
        "version": entry.version,
        "published": entry.published_at[:10],
        "effective": entry.effective[:10],
        "verdict": entry.verdict,
        "version_line": line,
        "sha256": entry.sha256,
    }


def compare_result(rules: Any, data: StatementData, old: Revision, new: Revision) -> DiffResult:
    from kpversion.diff.engine import diff_texts
    from kpversion import materiality

    result = diff_texts(
        old.text(), new.text(), f"{data.slug}@{old.version}", f"{data.slug}@{new.version}"
    )
    override = new.entry.meta.get("override")
    if isinstance(override, Mapping) and override.get("verdict") in ("material", "non-material"):
        result = replace(result, override=override["verdict"], because=override.get("because", ""))
    return materiality.classify(result, rules)


def _change_view(change: Change) -> dict[str, Any]:
    from kpversion.diff.redline import redline, section_title

    return {
        "change": change,
        "section": section_title(change.new_section or change.old_section),
        "old_section": section_title(change.old_section),
        "redline": redline_html(redline(change)),
    }


def redline_html(segments: Sequence[Any]) -> Markup:
    """Word segments as escaped text with <del> and <ins>; a screen reader hears which is which."""
    parts: list[str] = []
    for seg in segments:
        if seg.tag == "equal":
            parts.append(str(escape(seg.new)))
            continue
        old, new, tail = _shared_tail(seg.old, seg.new)
        if old:
            parts.append(f'<del><span class="sr-only">deleted: </span>{escape(old)}</del>')
        if new:
            parts.append(f'<ins><span class="sr-only">inserted: </span>{escape(new)}</ins>')
        parts.append(str(escape(tail)))
    return Markup("".join(parts))


def _shared_tail(old: str, new: str) -> tuple[str, str, str]:
    """Keep the space both sides end with outside the marks, so "do not " reads "do not"."""
    if not (old and new):
        return old, new, ""
    old_core, new_core = old.rstrip(), new.rstrip()
    tail = old[len(old_core) :]
    return (old_core, new_core, tail) if tail == new[len(new_core) :] else (old, new, "")


def _counts(result: DiffResult) -> dict[str, int]:
    counts = {"material": 0, "review": 0, "non-material": 0}
    for change in result.changes:
        counts[change.verdict.value] += 1
    return counts


def banner_payload(plan: SitePlan, data: StatementData) -> dict[str, Any]:
    """What banner.js reads: the latest material notice and the window it shows in."""
    notice = data.material_notice()
    payload: dict[str, Any] = {"statement": data.slug, "title": data.settings.title, "notice": None}
    if notice is None:
        return payload
    days = data.settings.banner_days
    days = plan.tree.banner_days if days is None else days
    end = dt.date.fromisoformat(notice.effective) + dt.timedelta(days=days)
    link = f"compare/{notice.compare}/" if notice.compare else f"{notice.version}/"
    payload["notice"] = {
        "version": notice.version,
        "title": notice.title,
        "summary": lead(notice.summary),
        "published": notice.published,
        "effective": notice.effective,
        "start": notice.published,
        "end": end.isoformat(),
        "url": plan.absolute(f"{data.slug}/{link}") or link,
    }
    return payload


def banner_active(payload: Mapping[str, Any], today: dt.date) -> bool:
    notice = payload.get("notice")
    if not notice:
        return False
    return bool(notice["start"] <= today.isoformat() <= notice["end"])


def _atom_date(day: str) -> str:
    return f"{day[:10]}T00:00:00Z"


def _urn(slug: str, name: str) -> str:
    """A stable Atom id that survives a change of base_url."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"kpversion:{slug}:{name}").urn
