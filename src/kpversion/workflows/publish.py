"""`publish`: the draft becomes the next revision, with its notice, retroactivity record,
ledger line, git commit and tag; all or nothing (see transaction.py for how).

Every refusal is decided before anything is written, and reads as one line.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpversion.change import DiffResult, Override, Verdict
from kpversion.compare import compare, rules_for
from kpversion.config import notice_days
from kpversion.dates import DateVersion
from kpversion.errors import KpversionError, NothingToDo, StoreError
from kpversion.records.notice import Notice
from kpversion.records.record import RetroactivityRecord
from kpversion.records.revision_files import NewRevision, RevisionFiles, build_revision_files
from kpversion.store import transaction
from kpversion.store.history import tampering
from kpversion.store.layout import (
    DRAFT,
    LEDGER,
    PUBLISHED_FOLDERS,
    Layout,
    notice_name,
    record_name,
    revision_name,
)
from kpversion.store.ledger import LedgerEntry
from kpversion.store.tree import Revision, Statement, Store
from kpversion.text.version_line import stamp

TRAILERS = ("Kpversion-Statement", "Kpversion-Version", "Kpversion-Verdict")


class PublishRefused(KpversionError):
    """Publishing was refused; nothing was written."""


@dataclass(frozen=True)
class PublishRequest:
    """What the editor asked for (`kpversion publish` options)."""

    slug: str
    version: str | None = None
    """Default: the day of publishing."""
    effective: str | None = None
    """Default: the day of publishing, or after the notice period when material."""
    summary: str = ""
    override: Override | str | None = None
    """An editor's verdict in place of the computed one (needs `because`)."""
    because: str = ""
    git: bool = True
    editor: str = ""


@dataclass(frozen=True)
class Plan:
    """Everything a publish writes, computed and checked before anything is written."""

    statement: Statement
    revision: Revision
    result: DiffResult
    notice: Notice | None
    record: RetroactivityRecord
    files: tuple[tuple[str, bytes], ...]
    """(path relative to the statement folder, bytes); the ledger is last."""


@dataclass(frozen=True)
class Published:
    revision: Revision
    verdict: Verdict
    notice: Notice | None
    record: RetroactivityRecord
    commit: str | None
    tag: str | None


def publish(store: Store, request: PublishRequest, now: dt.datetime) -> Published:
    """Publish the draft of request.slug as its next revision."""
    statement = store.statement(request.slug)
    with transaction.locked(statement.folder, store.display(statement.folder)):
        top = _worktree(store) if request.git else None
        plan = prepare(store, request, now, top)
        git = git_plan(store, plan, top) if top else None
        try:
            commit = transaction.run(statement.folder, plan.files, git)
        except OSError as exc:
            # transaction.run has put every file back before re-raising.
            shown = store.display(Path(exc.filename)) if exc.filename else None
            raise StoreError(f"{exc.strerror or exc}; nothing published", shown) from None
    return Published(
        plan.revision,
        plan.result.verdict,
        plan.notice,
        plan.record,
        commit,
        git.tag if git else None,
    )


def prepare(
    store: Store, request: PublishRequest, now: dt.datetime, top: Path | None = None
) -> Plan:
    """Check every refusal and build the revision, notice, record and ledger line."""
    statement = store.statement(request.slug)
    override = _override(request)
    for problem in tampering(store, request.slug, top):
        raise PublishRefused(f"{problem}; nothing published")
    latest = store.latest(request.slug)
    draft = store.draft(request.slug)
    layout = Layout(Path(store.display(statement.folder)))
    if latest is not None and draft == latest.text():
        raise NothingToDo(f"draft is unchanged since {latest.version}", layout.draft)
    published = now.date()
    version = DateVersion.parse(request.version) if request.version else DateVersion(published)
    _refuse_version(version, latest, published, layout)
    if "\x00" in draft:
        raise PublishRefused("draft holds NUL bytes: not a text statement", layout.draft)
    settings = statement.settings
    text = stamp(draft, settings.version_line, version.date, settings.date_style)
    old = latest.text() if latest else text
    labels = (
        f"{statement.slug}@{latest.version if latest else version}",
        f"{statement.slug}@{version}",
    )
    rules = rules_for(store.settings, settings)
    result = compare(old, text, labels, rules=rules, override=override, because=request.because)
    _refuse_unreviewed(result, layout)
    effective = _effective(store, statement, request, result, published)
    new = NewRevision(
        statement=statement,
        previous=latest,
        version=version,
        text=text,
        result=result,
        published=published,
        effective=effective,
        history=tuple(
            (r.entry.version, r.entry.effective) for r in store.revisions(statement.slug)
        ),
        source="publish",
        editor=request.editor,
        now=now,
        editor_summary=request.summary,
        provenance=_provenance(request, override),
        rules=rules,
    )
    return _plan(store, new)


def _override(request: PublishRequest) -> Override | None:
    try:
        override = Override.parse(request.override)
    except ValueError:
        raise PublishRefused(f"--override must be one of {', '.join(Override)}") from None
    if override is not None and not request.because.strip():
        raise PublishRefused("--override needs --because TEXT (the reason is recorded)")
    return override


def _refuse_version(
    version: DateVersion, latest: Revision | None, published: dt.date, layout: Layout
) -> None:
    if latest is not None and version <= latest.version:
        tomorrow = "; versions are dates: the next revision can be published tomorrow"
        raise PublishRefused(
            f"version {version} is not after the latest revision {latest.version}"
            f"{tomorrow if latest.version.date == published else ''}",
            layout.revision(version),
        )
    if version.date > published:
        raise PublishRefused(
            f"version {version} is after today ({published}): a version is the date the "
            "statement was last revised (a later date is --effective)",
            layout.revision(version),
        )


def _refuse_unreviewed(result: DiffResult, layout: Layout) -> None:
    if result.override is not None:
        return
    hint = "publish with --override material|non-material --because TEXT"
    for change in result.blocking:
        raise PublishRefused(
            f"a change {_where(change.new_section or change.old_section)} blocks publish "
            f"({', '.join(change.rules) or 'no rule'}: {change.reason or 'see kpversion diff'})"
            f"; {hint}",
            layout.draft,
        )
    review = [c for c in result.changes if c.verdict is Verdict.REVIEW]
    if review:
        first = review[0]
        raise PublishRefused(
            f"{len(review)} change(s) need a person's review (first: "
            f"{_where(first.new_section or first.old_section)}"
            f"{', rule ' + ', '.join(first.rules) if first.rules else ''}); {hint}",
            layout.draft,
        )


def _where(section: tuple[str, ...]) -> str:
    return f"in “{section[-1]}”" if section else "at the start"


def _effective(
    store: Store,
    statement: Statement,
    request: PublishRequest,
    result: DiffResult,
    published: dt.date,
) -> dt.date:
    days = notice_days(store.settings, statement.settings)
    material = result.verdict is Verdict.MATERIAL
    if request.effective is None:
        return published + dt.timedelta(days=days if material else 0)
    effective = DateVersion.parse(request.effective, "effective date").date
    folder = store.display(statement.folder)
    if effective < published:
        raise PublishRefused(
            f"effective date {effective} is before the published date {published}", folder
        )
    lead = (effective - published).days
    if material and lead < days and not request.because.strip():
        raise PublishRefused(
            f"material change effective {effective} gives {lead} days of notice, fewer than the "
            f"notice period of {days} days (notice_days); give --effective "
            f"{published + dt.timedelta(days=days)} or later, or justify with --because TEXT",
            folder,
        )
    return effective


def _provenance(request: PublishRequest, override: Override | None) -> dict[str, Any]:
    if override is not None:
        return {"override": {"verdict": override.value, "because": request.because}}
    if request.because.strip():
        return {"because": request.because}
    return {}


def _plan(store: Store, new: NewRevision) -> Plan:
    statement = new.statement
    built = build_revision_files(
        new,
        notice_days(store.settings, statement.settings),
        store.settings.review_months,
        store.settings.base_url,
    )
    data = new.text.encode("utf-8")
    entry = store.next_entry(statement.slug, new.version, data, built.fields)
    files = _files(statement, str(new.version), data, built, entry)
    _refuse_leftovers(store, statement, files)
    revision = Revision(
        statement.slug, new.version, Layout(statement.folder).revision(new.version), entry
    )
    return Plan(statement, revision, new.result, built.notice, built.record, files)


def _files(
    statement: Statement, version: str, data: bytes, built: RevisionFiles, entry: LedgerEntry
) -> tuple[tuple[str, bytes], ...]:
    ledger = Layout(statement.folder).ledger
    old = ledger.read_bytes() if ledger.exists() else b""
    if old and not old.endswith(b"\n"):
        old += b"\n"
    files = [(revision_name(version), data)]
    if built.notice_markdown is not None:
        files.append((notice_name(version), built.notice_markdown.encode("utf-8")))
    files.append((record_name(version), built.record.to_json().encode("utf-8")))
    files.append((DRAFT, data))
    files.append((LEDGER, old + entry.to_line().encode("utf-8") + b"\n"))
    return tuple(files)


def _refuse_leftovers(
    store: Store, statement: Statement, files: tuple[tuple[str, bytes], ...]
) -> None:
    for name, _ in files:
        path = statement.folder / name
        if name.split("/")[0] in PUBLISHED_FOLDERS and path.exists():
            raise PublishRefused(
                "exists already; remove it or pick another --version", store.display(path)
            )


def git_plan(store: Store, plan: Plan, top: Path) -> transaction.GitPlan:
    """The commit (with trailers) and annotated tag of a publish."""
    from kpversion import gitio

    slug, version = plan.statement.slug, str(plan.revision.version)
    verdict = plan.result.verdict.value
    tag = f"{slug}/{version}"
    if gitio.has_tag(top, tag):
        raise PublishRefused(f"git tag {tag} exists already", str(top))
    trailers = tuple(zip(TRAILERS, (slug, version, verdict), strict=True))
    summary = plan.revision.entry.meta.get("summary", "")
    message = (
        f"Publish {slug} {version} ({verdict})\n\n{summary}\n\n"
        + "\n".join(f"{key}: {value}" for key, value in trailers)
        + "\n"
    )
    paths = tuple(os.path.relpath(plan.statement.folder / name, top) for name, _ in plan.files)
    title = plan.notice.title if plan.notice else f"{plan.statement.title} ({verdict})"
    return transaction.GitPlan(
        top=str(top),
        parent=gitio.head(top),
        paths=paths,
        message=message,
        trailers=trailers,
        tag=tag,
        tag_message=f"{slug} {version}: {title}\n",
    )


def _worktree(store: Store) -> Path | None:
    from kpversion import gitio

    return gitio.worktree(store.folder)
