"""`status`: every statement's latest version, its age and the state of its draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpversion.store.tree import Store


@dataclass(frozen=True)
class StatementStatus:
    """One statement's row of `kpversion status`."""

    slug: str
    title: str
    latest: str | None
    days_since: int | None
    draft_changed: bool
    pending_verdict: str | None
    """Verdict of the draft against the latest revision, when the draft differs."""


@dataclass(frozen=True)
class StatusReport:
    """`kpversion status`: every statement, as of a day."""

    today: dt.date
    statements: tuple[StatementStatus, ...]


def status_report(store: Store, today: dt.date, *, classify: bool = True) -> StatusReport:
    """Every statement's latest version, its age on today, and the state of its draft."""
    return StatusReport(today, tuple(statement_status(store, today, classify=classify)))


def statement_status(
    store: Store, today: dt.date, *, classify: bool = True
) -> list[StatementStatus]:
    return [_one(store, slug, today, classify) for slug in store.slugs()]


def _one(store: Store, slug: str, today: dt.date, classify: bool) -> StatementStatus:
    statement = store.statement(slug)
    latest = store.latest(slug)
    draft = store.draft(slug) if store.draft_path(slug).exists() else ""
    changed = latest is None or draft != latest.text()
    verdict = None
    if changed and latest is not None and classify:
        verdict = pending_verdict(store, slug, latest.text(), draft)
    return StatementStatus(
        slug=slug,
        title=statement.title,
        latest=str(latest.version) if latest else None,
        days_since=(today - latest.version.date).days if latest else None,
        draft_changed=changed,
        pending_verdict=verdict,
    )


def pending_verdict(store: Store, slug: str, old: str, new: str) -> str:
    from kpversion.compare import compare, rules_for

    rules = rules_for(store.settings, store.statement(slug).settings)
    return compare(old, new, (f"{slug}@latest", f"{slug}@draft"), rules=rules).verdict.value
