"""Commands that make the static site and what it posts: build, serve and notice."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kpversion.cli.completion import complete_published_ref
from kpversion.cli.store_commands import console, open_store

if TYPE_CHECKING:
    from kpversion.site.build import BuildReport, Progress
    from kpversion.store.tree import Store

PROGRESS_FROM = 200
"""Builds planning at least this many pages to render show a progress bar."""


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the site to.  [default: site/ beside statements/]",
)
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Date for banner.html's window.",
)
@click.option("--quiet", is_flag=True, help="No progress bar and no summary.")
@click.pass_context
def build(ctx: click.Context, out: Path | None, today: dt.datetime | None, quiet: bool) -> None:
    """Build the static site: pages, compare pages, feeds, records and banners."""
    from kpversion.site.build import build_site

    store = open_store(ctx)
    out = out or store.root / "site"
    day = today.date() if today else dt.date.today()
    with progress_bar(quiet) as progress:
        report = build_site(store, out, day, progress)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not quiet:
        click.echo(summary(report, store.display(out)))


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0 picks a free one).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to build into and serve.  [default: site/ beside statements/]",
)
@click.option(
    "--interval", type=float, default=1.0, show_default=True, help="Seconds between checks."
)
@click.pass_context
def serve(ctx: click.Context, port: int, out: Path | None, interval: float) -> None:
    """Preview the site on http://127.0.0.1:PORT/ and rebuild it when statements/ changes."""
    from kpversion.site.serve import Preview

    store: Store = open_store(ctx)
    out = out or store.root / "site"
    preview = Preview(
        store, out, port, interval, today=dt.date.today, log=lambda line: click.echo(line, err=True)
    )
    click.echo(f"serving {store.display(out)}/ on {preview.url} (Ctrl-C to stop)")
    try:
        preview.serve_forever()
    except KeyboardInterrupt:
        preview.stop()


def summary(report: BuildReport, out: str) -> str:
    return (
        f"{out}/: {report.pages} pages, {report.rendered} rendered, "
        f"{len(report.written)} written, {len(report.removed)} removed"
    )


@contextmanager
def progress_bar(quiet: bool) -> Iterator[Progress | None]:
    """A rich progress bar that appears only once a build turns out to be long."""
    terminal = console()
    if quiet or not terminal.is_terminal:
        yield None
        return
    from rich.progress import Progress as RichProgress

    with RichProgress(console=terminal, transient=True) as bar:
        task = bar.add_task("building the site", total=None, visible=False)

        def advance(done: int, total: int) -> None:
            if total >= PROGRESS_FROM:
                bar.update(task, completed=done, total=total, visible=True)

        yield advance


@click.command()
@click.argument("spec", metavar="SLUG[@VERSION|@latest]", shell_complete=complete_published_ref)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "html", "eml", "json"]),
    default="text",
    show_default=True,
    help="text, HTML (styles inlined), a multipart e-mail, or JSON.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option("--base-url", default="", help="The site's public URL.  [default: base_url]")
@click.option("--from", "sender", default="", help="The e-mail's From address.")
@click.option("--to", "recipient", default="", help="The e-mail's To address.")
@click.pass_context
def notice(
    ctx: click.Context,
    spec: str,
    fmt: str,
    output: Path | None,
    base_url: str,
    sender: str,
    recipient: str,
) -> None:
    """Write the notice of SLUG's latest material revision (or of VERSION) to send or post.

    kpversion sends nothing: an e-mail (--format eml) is a file for your mail system, with a
    subject, a text part and an HTML part, and absolute links to the statement and to every
    change. Exits 4 (nothing to do), writing nothing, when there is no such notice.
    """
    from kpversion.site.notice_formats import NoticeRequest, notice_output
    from kpversion.store import atomic

    request = NoticeRequest(spec, fmt, base_url, sender, recipient)
    data = notice_output(open_store(ctx), request, dt.datetime.now().astimezone())
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic.write_bytes(output, data)
