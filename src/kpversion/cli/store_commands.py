"""Commands that create and read the store: init, import, status, log, show, verify."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kpversion.cli.completion import complete_ref, complete_slug
from kpversion.store.tree import Store

if TYPE_CHECKING:
    from rich.console import Console

    from kpversion.workflows.status import StatusReport


def open_store(ctx: click.Context) -> Store:
    """The store every command opens, its settings validated once, here."""
    return Store.open(ctx.find_root().obj["root"])


F = TypeVar("F", bound=Callable[..., Any])


def format_option(*formats: str) -> Callable[[F], F]:
    """`--format text|json[|...]`: for people (the default) or the documented JSON."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(formats),
        default=formats[0],
        show_default=True,
        help="text: for people; json: the documented schema (docs/schemas/)"
        + ("; github: workflow annotations" if "github" in formats else "")
        + ".",
    )


def default_editor(store: Store) -> str:
    """Who publishes: git's user.name in the store's repository, else the login name."""
    from kpversion import gitio

    top = gitio.worktree(store.folder)
    name = gitio.user_name(top) if top else ""
    return name or os.environ.get("USER", "") or os.environ.get("USERNAME", "")


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


@click.command()
@click.option("--title", default="Policies", show_default=True, help="Site title.")
@click.pass_context
def init(ctx: click.Context, title: str) -> None:
    """Scaffold statements/ with its kpversion.toml."""
    store = Store.init(ctx.obj["root"], site_title=title)
    click.echo(f"initialised {store.display(store.folder)}/")


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "--statement",
    "slug",
    required=True,
    help="Slug of the statement.",
    shell_complete=complete_slug,
)
@click.option("--version", help="Version YYYY-MM-DD (default: the text's own version line).")
@click.option("--title", help="Title, when the statement is new.")
@click.option(
    "--kind",
    type=click.Choice(["privacy", "general"]),
    help="For a new statement: privacy (default; full materiality rules and the CCPA annual "
    "review) or general (a policy that is not a privacy statement).",
)
@click.pass_context
def import_(
    ctx: click.Context,
    file: Path,
    slug: str,
    version: str | None,
    title: str | None,
    kind: str | None,
) -> None:
    """Add a revision from a .txt, .md or .html FILE."""
    from kpversion.workflows.importing import ImportRequest, import_revision

    store = open_store(ctx)
    request = ImportRequest(file, slug, version, title, kind)
    revision = import_revision(store, request, dt.datetime.now(dt.UTC))
    click.echo(f"imported {store.display(revision.path)} ({revision.entry.sha256[:12]})")


@click.command()
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Date to count ages from.",
)
@format_option("text", "json")
@click.pass_context
def status(ctx: click.Context, today: dt.datetime | None, fmt: str) -> None:
    """Every statement: latest version, its age, and whether the draft differs."""
    from kpversion.workflows.status import status_report

    day = today.date() if today else dt.date.today()
    report = status_report(open_store(ctx), day)
    if fmt == "json":
        from kpversion.cli.reports import status_json

        click.echo(status_json(report), nl=False)
        return
    console().print(_status_table(report))


def _status_table(report: StatusReport) -> Any:
    from rich.table import Table

    rows = report.statements
    table = Table()
    # The slug is what one types next, and a version is a date: neither may be cut short.
    widest = max((len(row.slug) for row in rows), default=9)
    table.add_column("statement", no_wrap=True, min_width=widest)
    table.add_column("title")
    table.add_column("latest", no_wrap=True, min_width=10)
    table.add_column("age (days)")
    table.add_column("draft")
    for row in rows:
        draft = "unchanged"
        if row.draft_changed:
            draft = f"changed ({row.pending_verdict})" if row.pending_verdict else "changed"
        age = "" if row.days_since is None else str(row.days_since)
        table.add_row(row.slug, row.title, row.latest or "none", age, draft)
    return table


@click.command()
@click.argument("slug", shell_complete=complete_slug)
@format_option("text", "json")
@click.pass_context
def log(ctx: click.Context, slug: str, fmt: str) -> None:
    """Revisions of SLUG with their dates and verdicts, newest first."""
    from kpversion.workflows.log import revision_log

    store = open_store(ctx)
    history = revision_log(store, slug)
    if fmt == "json":
        from kpversion.cli.reports import log_json

        click.echo(log_json(history, store), nl=False)
        return
    for revision in history.revisions:
        entry = revision.entry
        source = entry.meta.get("source", "")
        click.echo(
            f"{entry.version}  published {entry.published_at}  effective {entry.effective}  "
            f"{entry.verdict:<12}  by {source:<8}  sha256 {entry.sha256[:12]}"
        )


@click.command()
@click.argument(
    "spec",
    metavar="SLUG[@VERSION|@draft|@latest|@YYYY-MM-DD --in-force]",
    shell_complete=complete_ref,
)
@click.option(
    "--in-force",
    is_flag=True,
    help="SLUG@YYYY-MM-DD is a day: print the text in force that day (its version on stderr).",
)
@click.pass_context
def show(ctx: click.Context, spec: str, in_force: bool) -> None:
    """Print the exact text of a revision or the draft, or the text in force on a day."""
    from kpversion.store.tree import parse_ref

    slug, ref = parse_ref(spec)
    store = open_store(ctx)
    if in_force:
        revision = store.revision_in_force(slug, ref)
        entry = revision.entry
        click.echo(f"{slug}@{ref}: in force: version {entry.version} (effective "
                   f"{entry.effective}, published {entry.published_at})", err=True)  # fmt: skip
        text = revision.text()
    else:
        text = store.text(slug, ref)
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


@click.command()
@click.option(
    "--against",
    metavar="FOLDER|URL",
    help="Also compare with an earlier copy of the built site (its integrity.json): a "
    "rewritten history shows as a revision or ledger head that changed.",
)
@format_option("text", "json")
@click.pass_context
def verify(ctx: click.Context, against: str | None, fmt: str) -> None:
    """Recompute every hash chain and file sha256, and each publish tag; exit 3 on a mismatch."""
    from kpversion import gitio
    from kpversion.cli.reports import one_line, verify_json
    from kpversion.store.anchor import load_saved, verify_against
    from kpversion.store.verify import verify_store

    store = open_store(ctx)
    report = verify_store(store, gitio.worktree(store.folder))
    problems = list(report.problems)
    if against:
        problems += verify_against(store, load_saved(against), against)
    if fmt == "json":
        click.echo(verify_json(report, problems), nl=False)
        ctx.exit(3 if problems else 0)
    for stray in report.strays:
        click.echo(one_line(f"warning: {stray}"), err=True)
    for problem in problems:
        click.echo(one_line(str(problem)), err=True)
    if problems:
        ctx.exit(3)
    click.echo(f"ok: {report.statements} statements, {report.revisions} revisions verified")


@click.command()
@click.pass_context
def recover(ctx: click.Context) -> None:
    """Put right what killed commands left: an interrupted publish or backfill, stale locks,
    git's stale lock files; say what was found and done. Exit 1 if something is still running."""
    from kpversion.workflows.recover import recover_store

    report = recover_store(Store.discover(ctx.obj["root"], recover=False))
    for line in report.done:
        click.echo(line)
    for line in report.blocked:
        click.echo(line, err=True)
    if report.blocked:
        ctx.exit(1)
    if not report.done:
        click.echo(
            "nothing to recover: no interrupted publish or backfill, stale lock or leftover file"
        )
