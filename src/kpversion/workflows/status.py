"""`status`: every statement's latest version, its age and the state of its draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpversion.store.tree import Store


@dataclass(frozen=True)
class StatementStatus:
    slug: str
    title: str
    latest: str | None
    days_since: int | None
    draft_changed: bool
    pending_verdict: str | None
    """Verdict of the draft against the latest revision, when the draft differs."""


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
    from kpversion import materiality
    from kpversion.diff.engine import diff_texts

    statement = store.statement(slug)
    result = diff_texts(old, new, f"{slug}@latest", f"{slug}@draft")
    rules = materiality.load_rules(store.settings, statement.settings)
    return materiality.classify(result, rules).verdict.value
