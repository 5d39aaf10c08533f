"""`log`: a statement's revisions as its ledger records them, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from kpversion.store.tree import Revision, Store


@dataclass(frozen=True)
class RevisionLog:
    """`kpversion log SLUG`: the statement and its revisions, newest first."""

    slug: str
    title: str
    revisions: tuple[Revision, ...]


def revision_log(store: Store, slug: str) -> RevisionLog:
    """The revisions of slug, newest first, each with its ledger entry."""
    statement = store.statement(slug)
    return RevisionLog(slug, statement.title, tuple(reversed(store.revisions(slug))))
