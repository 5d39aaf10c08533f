"""`publish`: the draft becomes the next revision, with its notice, retroactivity record,
ledger line, git commit and tag; all or nothing (see journal.py for how).

Every refusal is decided before anything is written, and reads as one line.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kpversion.change import DiffResult, Verdict
from kpversion.dates import DateVersion
from kpversion.errors import KpversionError, NothingToDo, StoreError
from kpversion.records.notice import Notice, build_notice, summarize
from kpversion.records.retroactivity import RecordInput, RetroactivityRecord, build_record
from kpversion.store import transaction as journal
from kpversion.store.ledger import LedgerEntry, sha256_bytes
from kpversion.store.tree import Revision, Statement, Store
from kpversion.text.version_line import stamp

OVERRIDES = ("material", "non-material")
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
    override: str = ""
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
    with journal.locked(statement.folder, store.display(statement.folder)):
        top = _worktree(store) if request.git else None
        plan = prepare(store, request, now, top)
        git = git_plan(store, plan, top) if top else None
        try:
            commit = journal.run(statement.folder, plan.files, git)
        except OSError as exc:
            # journal.run has put every file back before re-raising.
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
    from kpversion.workflows.check import tampering

    statement = store.statement(request.slug)
    _refuse_override_without_reason(request)
    for finding in tampering(store, request.slug, top):
        raise PublishRefused(f"{finding}; nothing published")
    latest = store.latest(request.slug)
    draft = store.draft(request.slug)
    folder = store.display(statement.folder)
    if latest is not None and draft == latest.text():
        raise NothingToDo(f"draft is unchanged since {latest.version}", f"{folder}/draft.md")
    published = now.date()
    version = DateVersion.parse(request.version) if request.version else DateVersion(published)
    if latest is not None and version <= latest.version:
        tomorrow = "; versions are dates: the next revision can be published tomorrow"
        raise PublishRefused(
            f"version {version} is not after the latest revision {latest.version}"
            f"{tomorrow if latest.version.date == published else ''}",
            f"{folder}/revisions/{version}.md",
        )
    if version.date > published:
        raise PublishRefused(
            f"version {version} is after today ({published}): a version is the date the "
            "statement was last revised (a later date is --effective)",
            f"{folder}/revisions/{version}.md",
        )
    if "\x00" in draft:
        raise PublishRefused("draft holds NUL bytes: not a text statement", f"{folder}/draft.md")
    settings = statement.settings
    text = stamp(draft, settings.version_line, version.date, settings.date_style)
    result = classified(store, statement, latest, text, str(version))
    result = replace(result, override=request.override, because=request.because)
    _refuse_unreviewed(result, request, folder)
    effective = _effective(store, statement, request, result, published)
    return _plan(
        store, statement, request, (latest, version, text), result, (published, effective), now
    )


def classified(
    store: Store, statement: Statement, latest: Revision | None, text: str, version: str
) -> DiffResult:
    """The changes from the latest revision to text, with verdicts (none for a first one)."""
    from kpversion import materiality
    from kpversion.diff.engine import diff_texts

    old = latest.text() if latest else text
    old_label = f"{statement.slug}@{latest.version if latest else version}"
    result = diff_texts(old, text, old_label, f"{statement.slug}@{version}")
    return materiality.classify(result, materiality.load_rules(store.settings, statement.settings))


def notice_days(store: Store, statement: Statement) -> int:
    days = statement.settings.notice_days
    return store.settings.notice_days if days is None else days


def _refuse_override_without_reason(request: PublishRequest) -> None:
    if request.override and request.override not in OVERRIDES:
        raise PublishRefused(f"--override must be one of {', '.join(OVERRIDES)}")
    if request.override and not request.because.strip():
        raise PublishRefused("--override needs --because TEXT (the reason is recorded)")


def _refuse_unreviewed(result: DiffResult, request: PublishRequest, folder: str) -> None:
    hint = "publish with --override material|non-material --because TEXT"
    for change in result.blocking:
        if not request.override:
            raise PublishRefused(
                f"a change {_where(change.new_section or change.old_section)} blocks publish "
                f"({', '.join(change.rules) or 'no rule'}: {change.reason or 'see kpversion diff'})"
                f"; {hint}",
                f"{folder}/draft.md",
            )
    review = [c for c in result.changes if c.verdict is Verdict.REVIEW]
    if review and not request.override:
        first = review[0]
        raise PublishRefused(
            f"{len(review)} change(s) need a person's review (first: "
            f"{_where(first.new_section or first.old_section)}"
            f"{', rule ' + ', '.join(first.rules) if first.rules else ''}); {hint}",
            f"{folder}/draft.md",
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
    days = notice_days(store, statement)
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


def _plan(
    store: Store,
    statement: Statement,
    request: PublishRequest,
    target: tuple[Revision | None, DateVersion, str],
    result: DiffResult,
    dates: tuple[dt.date, dt.date],
    now: dt.datetime,
) -> Plan:
    latest, version, text = target
    published, effective = dates
    previous = str(latest.version) if latest else None
    material = result.verdict is Verdict.MATERIAL
    notice = None
    if material:
        notice = build_notice(
            statement.slug,
            statement.title,
            result,
            (previous, str(version), published, effective),
            request.summary,
        )
    data = text.encode("utf-8")
    record = build_record(
        _record_input(store, statement, request, target, dates, now, notice), result
    )
    fields = _ledger_fields(request, result, previous, notice, dates, now)
    entry = store.next_entry(statement.slug, version, data, fields)
    files = _files(statement, str(version), data, notice, record, entry)
    path = statement.folder / "revisions" / f"{version}.md"
    _refuse_leftovers(store, statement, files)
    return Plan(
        statement, Revision(statement.slug, version, path, entry), result, notice, record, files
    )


def _record_input(
    store: Store,
    statement: Statement,
    request: PublishRequest,
    target: tuple[Revision | None, DateVersion, str],
    dates: tuple[dt.date, dt.date],
    now: dt.datetime,
    notice: Notice | None,
) -> RecordInput:
    latest, version, text = target
    settings = statement.settings
    history = tuple((r.entry.version, r.entry.effective) for r in store.revisions(statement.slug))
    return RecordInput(
        slug=statement.slug,
        title=statement.title,
        url=settings.url,
        regimes=settings.regimes,
        entities=settings.entities,
        previous=(str(latest.version), latest.entry.sha256, latest.text()) if latest else None,
        version=str(version),
        sha256=sha256_bytes(text.encode("utf-8")),
        text=text,
        published=dates[0],
        effective=dates[1],
        notice_days=notice_days(store, statement),
        review_months=store.settings.review_months,
        history=history,
        editor=request.editor,
        now=now,
        notice_sha256=sha256_bytes(notice.to_markdown().encode("utf-8")) if notice else None,
    )


def _ledger_fields(
    request: PublishRequest,
    result: DiffResult,
    previous: str | None,
    notice: Notice | None,
    dates: tuple[dt.date, dt.date],
    now: dt.datetime,
) -> dict[str, Any]:
    published, effective = dates
    fields: dict[str, Any] = {
        "published_at": published.isoformat(),
        "effective": effective.isoformat(),
        "verdict": result.verdict.value,
        "source": "publish",
        "previous": previous,
        "summary": notice.summary if notice else summarize(result, request.summary),
    }
    if request.override:
        fields["override"] = {"verdict": request.override, "because": request.because}
    elif request.because.strip():
        fields["because"] = request.because
    if notice is not None:
        fields["notice"] = notice.to_meta()
    fields["recorded_at"] = now.isoformat(timespec="seconds")
    return fields


def _files(
    statement: Statement,
    version: str,
    data: bytes,
    notice: Notice | None,
    record: RetroactivityRecord,
    entry: LedgerEntry,
) -> tuple[tuple[str, bytes], ...]:
    ledger = statement.folder / "ledger.jsonl"
    old = ledger.read_bytes() if ledger.exists() else b""
    if old and not old.endswith(b"\n"):
        old += b"\n"
    files = [(f"revisions/{version}.md", data)]
    if notice is not None:
        files.append((f"notices/{version}.md", notice.to_markdown().encode("utf-8")))
    files.append((f"records/{version}.json", record.to_json().encode("utf-8")))
    files.append(("draft.md", data))
    files.append(("ledger.jsonl", old + entry.to_line().encode("utf-8") + b"\n"))
    return tuple(files)


def _refuse_leftovers(
    store: Store, statement: Statement, files: tuple[tuple[str, bytes], ...]
) -> None:
    for name, _ in files:
        path = statement.folder / name
        if name.split("/")[0] in ("revisions", "notices", "records") and path.exists():
            raise PublishRefused(
                "exists already; remove it or pick another --version", store.display(path)
            )


def git_plan(store: Store, plan: Plan, top: Path) -> journal.GitPlan:
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
    return journal.GitPlan(
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


def default_editor(store: Store) -> str:
    """Who publishes: git's user.name in the store's repository, else the login name."""
    from kpversion import gitio

    top = gitio.worktree(store.folder)
    name = gitio.user_name(top) if top else ""
    return name or os.environ.get("USER", "") or os.environ.get("USERNAME", "")
