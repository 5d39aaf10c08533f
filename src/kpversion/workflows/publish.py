"""`publish`: the draft becomes the next revision, with its notice, retroactivity record,
ledger line, git commit and tag; all or nothing (see transaction.py for how).

Every refusal is decided before anything is written, and reads as one line.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpversion.change import DiffResult, Override, Verdict
from kpversion.compare import compare, rules_for
from kpversion.config import MAX_COUNT, notice_days
from kpversion.dates import DateVersion
from kpversion.errors import KpversionError, NothingToDo, StoreError
from kpversion.records.notice import Notice
from kpversion.records.record import RetroactivityRecord, load_record
from kpversion.records.retroactivity import HumanFacts
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
from kpversion.store.ledger import entry_trailer
from kpversion.store.tree import Revision, Statement, Store
from kpversion.text.version_line import stamp, template_problem

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
    """Who runs the publish (the audit line); never taken as who decided."""
    human: HumanFacts = field(default_factory=HumanFacts)
    """Who decided, when, on what advice, which notice channels were used: as given."""
    review: bool = False
    """An annual review: the draft's wording is unchanged; only the version line is stamped."""


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
    if request.human.decided_on is not None:
        DateVersion.parse(request.human.decided_on, "--decided-on date")
    for problem in tampering(store, request.slug, top):
        raise PublishRefused(f"{problem}; nothing published")
    latest = store.latest(request.slug)
    draft = store.draft(request.slug)
    layout = Layout(Path(store.display(statement.folder)))
    _refuse_draft(draft, latest, request, layout)
    published = now.date()
    version = DateVersion.parse(request.version) if request.version else DateVersion(published)
    _refuse_version(version, latest, published, layout)
    settings = statement.settings
    unreadable = template_problem(settings.version_line)
    if unreadable:
        raise PublishRefused(unreadable, layout.settings)
    text = stamp(draft, settings.version_line, version.date, settings.date_style)
    old = latest.text() if latest else text
    labels = (
        f"{statement.slug}@{latest.version if latest else version}",
        f"{statement.slug}@{version}",
    )
    rules = rules_for(store.settings, settings)
    result = compare(old, text, labels, rules=rules, override=override, because=request.because)
    if request.review and result.verdict is not Verdict.NON_MATERIAL:
        raise PublishRefused(
            f"--review publishes an unchanged text, but the stamped draft is {result.verdict}",
            layout.draft,
        )
    _refuse_unreviewed(result, layout)
    effective = _effective(store, statement, request, result, published, text)
    dated = stamp(draft, settings.version_line, version.date, settings.date_style, effective)
    if dated != text:  # the version line states the effective date: classify what is published
        text = dated
        result = compare(old, text, labels, rules=rules, override=override,
                         because=request.because)  # fmt: skip
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
        why="annual review" if request.review else "publish",
        rules=rules,
        human=request.human,
        governed_before=_governed(store, statement.slug, latest),
        review=request.review,
        tag=f"{statement.slug}/{version}" if top is not None else None,
        tree_rules=store.settings.rules,
    )
    return _plan(store, new)


def _refuse_draft(
    draft: str, latest: Revision | None, request: PublishRequest, layout: Layout
) -> None:
    if not draft.strip():
        raise PublishRefused("draft is empty: there is no text to publish", layout.draft)
    if "\x00" in draft:
        raise PublishRefused("draft holds NUL bytes: not a text statement", layout.draft)
    unchanged = latest is not None and draft == latest.text()
    if unchanged and not request.review:
        assert latest is not None
        raise NothingToDo(
            f"draft is unchanged since {latest.version} (an annual review that changes no "
            "wording is publish --review)",
            layout.draft,
        )
    if request.review and not unchanged:
        raise PublishRefused(
            "--review publishes the latest revision's wording unchanged, but the draft differs; "
            "publish without --review",
            layout.draft,
        )


def _governed(store: Store, slug: str, latest: Revision | None) -> dict[str, str]:
    """Which revision governed each cohort in the latest revision's record."""
    if latest is None or not store.statement(slug).layout.record(latest.version).is_file():
        return {}
    record = load_record(store, slug, str(latest.version))
    return {cohort.version: cohort.governed_by for cohort in record.cohorts}


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
    text: str,
) -> dt.date:
    """The default effective date, or the one asked for once it passes every rule: never
    before publication, a material change only after its notice period (unless --because
    says why), and never before a pending material revision whose change the text carries."""
    days = notice_days(store.settings, statement.settings)
    material = result.verdict is Verdict.MATERIAL
    pending = carried_pending(store, statement, text, published)
    floor = max((dt.date.fromisoformat(p.entry.effective) for p in pending), default=None)
    if request.effective is None:
        effective = published + dt.timedelta(days=days if material else 0)
        return max(effective, floor) if floor else effective
    effective = DateVersion.parse(request.effective, "effective date").date
    folder = store.display(statement.folder)
    if effective < published:
        raise PublishRefused(
            f"effective date {effective} is before the published date {published}", folder
        )
    if (effective - published).days > MAX_COUNT:
        # Records count review dates and notice windows on from it; years past 9999 do not exist.
        raise PublishRefused(
            f"effective date {effective} is more than {MAX_COUNT:,} days (a hundred years) after "
            f"the published date {published}",
            folder,
        )
    if floor is not None and effective < floor:
        first = next(p for p in pending if p.entry.effective == floor.isoformat())
        raise PublishRefused(
            f"the text carries the material change of revision {first.version}, pending until "
            f"{floor}: effective {effective} would put it in force before its notice period "
            f"ends; give --effective {floor} or later",
            folder,
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


def carried_pending(
    store: Store, statement: Statement, text: str, published: dt.date
) -> list[Revision]:
    """The material revisions not yet in force on `published` whose change text still carries:
    compared with the revision each one followed, text is still materially different."""
    revisions = store.revisions(statement.slug)
    rules = rules_for(store.settings, statement.settings)
    found = []
    for index, revision in enumerate(revisions):
        if revision.entry.verdict != Verdict.MATERIAL.value or index == 0:
            continue
        if dt.date.fromisoformat(revision.entry.effective) <= published:
            continue
        before = revisions[index - 1]
        labels = (f"{statement.slug}@{before.version}", f"{statement.slug}@draft")
        if compare(before.text(), text, labels, rules=rules).verdict is Verdict.MATERIAL:
            found.append(revision)
    return found


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
    files = _files(str(new.version), data, built, store.ledger_with(statement.slug, entry))
    _refuse_leftovers(store, statement, files)
    revision = Revision(
        statement.slug, new.version, Layout(statement.folder).revision(new.version), entry
    )
    return Plan(statement, revision, new.result, built.notice, built.record, files)


def _files(
    version: str, data: bytes, built: RevisionFiles, ledger: bytes
) -> tuple[tuple[str, bytes], ...]:
    files = [(revision_name(version), data)]
    if built.notice_bytes is not None:
        files.append((notice_name(version), built.notice_bytes))
    files.append((record_name(version), built.record_bytes))
    files.append((DRAFT, data))
    files.append((LEDGER, ledger))
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
    line = plan.revision.entry.to_line()
    message = (
        f"Publish {slug} {version} ({verdict})\n\n{summary}\n\n"
        + "\n".join(f"{key}: {value}" for key, value in trailers)
        + "\n"
    )
    folder = plan.statement.folder.resolve()
    paths = tuple(
        Path(os.path.relpath(folder / name, top.resolve())).as_posix() for name, _ in plan.files
    )
    title = plan.notice.title if plan.notice else f"{plan.statement.title} ({verdict})"
    return transaction.GitPlan(
        top=transaction.relative_top(folder, top),
        parent=None,  # HEAD when the commit is made, under the repository's lock
        paths=paths,
        message=message,
        trailers=trailers,
        tag=tag,
        tag_message=f"{slug} {version}: {title}\n\n{entry_trailer(line)}\n",
    )


def _worktree(store: Store) -> Path | None:
    from kpversion import gitio

    return gitio.worktree(store.folder)
