"""Shell completion: click's own, completing statement slugs and `SLUG@VERSION` from the store.

Completion only reads: it lists statement folders and ledgers and never opens the store (which
would finish an interrupted publish), and a tree it cannot read completes to nothing.

The store's modules are imported when a completion runs, not when a command that completes
is imported: `kpversion diff a.md b.md` never needs them (they cost it a tenth of its start).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kpversion.errors import KpversionError

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem


def statements_folder(ctx: click.Context) -> Path | None:
    """The statements/ folder the command would open (`--root`, searched upward)."""
    from kpversion.store.layout import STATEMENTS, TREE_SETTINGS

    root = ctx.find_root().params.get("root") or "."
    here = Path(root).resolve()
    for folder in (here, *here.parents):
        if (folder / TREE_SETTINGS).is_file():
            return folder
        if (folder / STATEMENTS).is_dir():
            return folder / STATEMENTS
    return None


def slugs(ctx: click.Context) -> list[str]:
    from kpversion.store.layout import Layout

    folder = statements_folder(ctx)
    if folder is None:
        return []
    return sorted(p.name for p in folder.iterdir() if Layout(p).settings.is_file())


def refs(ctx: click.Context, slug: str) -> list[str]:
    """`SLUG@draft`, `SLUG@latest` and `SLUG@VERSION` for every version in its ledger."""
    from kpversion.store.layout import Layout
    from kpversion.store.ledger import read_ledger
    from kpversion.store.tree import REFS

    folder = statements_folder(ctx)
    if folder is None or slug not in slugs(ctx):
        return []
    versions = [entry.version for _, entry in read_ledger(Layout(folder / slug).ledger)]
    return [f"{slug}@{ref}" for ref in (*REFS, *reversed(versions))]


def complete_slug(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    try:
        return [CompletionItem(slug) for slug in slugs(ctx) if slug.startswith(incomplete)]
    except (KpversionError, OSError):
        return []


def complete_ref(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Slugs, then, once one slug is chosen (or typed with `@`), its refs."""
    from click.shell_completion import CompletionItem

    try:
        return [CompletionItem(value) for value in _ref_values(ctx, incomplete)]
    except (KpversionError, OSError):
        return []


def complete_published_ref(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """complete_ref without `SLUG@draft`: a draft has no notice."""
    items = complete_ref(ctx, param, incomplete)
    return [item for item in items if not str(item.value).endswith("@draft")]


def complete_operand(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """A diff operand: a statement ref, or a file (the shell completes files when no ref
    matches: bash's script clears its list on a `file` item, so that item comes first)."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="file"), *complete_ref(ctx, param, incomplete)]


def _ref_values(ctx: click.Context, incomplete: str) -> list[str]:
    slug, at, _ = incomplete.partition("@")
    if at:
        return [ref for ref in refs(ctx, slug) if ref.startswith(incomplete)]
    matching = [s for s in slugs(ctx) if s.startswith(incomplete)]
    if len(matching) == 1:
        return [matching[0], *refs(ctx, matching[0])]
    return matching
