"""Commands that write history and guard it: publish, check, hooks, backfill."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kpversion.change import Override
from kpversion.cli.completion import complete_slug
from kpversion.cli.store_commands import default_editor, format_option, open_store

if TYPE_CHECKING:
    from kpversion.store.tree import Store
    from kpversion.workflows.check import CheckReport

DATE = click.DateTime(["%Y-%m-%d"])


@click.command()
@click.argument("slug", shell_complete=complete_slug)
@click.option("--version", help="Version YYYY-MM-DD (default: today).")
@click.option(
    "--effective",
    help="Effective date YYYY-MM-DD (default: today; for a material change, today plus the "
    "notice period).",
)
@click.option("--summary", default="", help="Your plain-language summary; shown first.")
@click.option(
    "--override",
    type=click.Choice([o.value for o in Override]),
    help="Decide the verdict yourself (needs --because).",
)
@click.option(
    "--because",
    default="",
    help="Why: recorded with an override, or to justify a notice shorter than the notice period.",
)
@click.option("--no-git", is_flag=True, help="Write the files only: no git commit or tag.")
@click.option(
    "--review",
    is_flag=True,
    help="An annual review: publish the unchanged wording with only its version line dated.",
)
@click.option("--decided-by", help="Who decided the verdict (recorded; never guessed).")
@click.option("--decided-on", metavar="YYYY-MM-DD", help="When they decided.")
@click.option(
    "--counsel-consulted/--no-counsel",
    default=None,
    help="Whether counsel was consulted (unrecorded when neither is given).",
)
@click.option("--advice", help="On what advice the decision was taken.")
@click.option(
    "--channel",
    "channels",
    multiple=True,
    help="A channel that carried the notice (repeat: --channel 'site banner' --channel e-mail).",
)
@click.pass_context
def publish(
    ctx: click.Context,
    slug: str,
    version: str | None,
    effective: str | None,
    summary: str,
    override: str | None,
    because: str,
    no_git: bool,
    review: bool,
    decided_by: str | None,
    decided_on: str | None,
    counsel_consulted: bool | None,
    advice: str | None,
    channels: tuple[str, ...],
) -> None:
    """Publish the draft of SLUG as its next revision: revision, notice, record, commit, tag."""
    from kpversion.records.retroactivity import HumanFacts
    from kpversion.workflows.publish import PublishRequest
    from kpversion.workflows.publish import publish as run

    store = open_store(ctx)
    editor = default_editor(store)
    human = HumanFacts(decided_by, decided_on, counsel_consulted, advice, channels or None)
    request = PublishRequest(
        slug,
        version,
        effective,
        summary,
        Override.parse(override),
        because,
        not no_git,
        editor,
        human,
        review,
    )
    done = run(store, request, dt.datetime.now().astimezone())
    entry = done.revision.entry
    click.echo(
        f"published {store.display(done.revision.path)} ({done.verdict}, "
        f"published {entry.published_at}, effective {entry.effective})"
    )
    if done.notice is not None:
        click.echo(f"notice: {done.notice.title}")
    if done.record.consent_required:
        click.echo("consent required: a material, more permissive change reaches data already "
                   f"held; see records/{entry.version}.json", err=True)  # fmt: skip
    if done.commit:
        click.echo(f"git: commit {done.commit[:12]}, tag {done.tag}")
    elif not no_git:
        click.echo("git: not a git work tree here, so no commit and no tag", err=True)


@click.command()
@click.option(
    "--today", type=DATE, metavar="YYYY-MM-DD", help="Date to check against (default: today)."
)
@click.option(
    "--staged",
    is_flag=True,
    help="Pre-commit mode: also check the git index; only tampering fails, obligations warn.",
)
@format_option("text", "json", "github")
@click.pass_context
def check(ctx: click.Context, today: dt.datetime | None, staged: bool, fmt: str) -> None:
    """Verify, then check obligations: annual review, notices, dates, the draft; exit 3 if found."""
    from kpversion.cli import reports
    from kpversion.workflows.check import check_store

    store = open_store(ctx)
    report = check_store(store, today.date() if today else dt.date.today(), staged=staged)
    if fmt == "json":
        click.echo(reports.check_json(report, staged=staged), nl=False)
        ctx.exit(3 if report.failed(staged=staged) else 0)
    for line in _finding_lines(store, report, staged, fmt):
        click.echo(line)
    if report.failed(staged=staged):
        count = len(report.blocking(staged=staged))
        click.echo(f"check: {count} problem(s) in {report.statements} statements", err=True)
        ctx.exit(3)
    click.echo(f"ok: {report.statements} statements checked")


def _finding_lines(store: Store, report: CheckReport, staged: bool, fmt: str) -> list[str]:
    from kpversion.cli import reports

    if fmt == "github":
        from kpversion.cli.annotations import check_annotations

        def is_file(path: str) -> bool:
            return (store.root / path).is_file()

        return check_annotations(report, staged=staged, is_file=is_file)
    return [reports.one_line(str(finding)) for finding in report.findings]


@click.group()
def hooks() -> None:
    """Git hooks that guard published revisions and ledgers."""


@hooks.command("install")
@click.option("--force", is_flag=True, help="Replace a pre-commit hook kpversion did not write.")
@click.pass_context
def install(ctx: click.Context, force: bool) -> None:
    """Install a pre-commit hook: refuse edits to revisions and ledger lines, run check."""
    from kpversion.workflows.hooks import install as install_hook

    path = install_hook(Path(ctx.find_root().obj["root"]), force=force)
    click.echo(f"installed {path}")


@click.command()
@click.option(
    "--repo",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The git repository holding the file's history.",
)
@click.option("--path", "file", required=True, help="The file's newest path in that repository.")
@click.option("--statement", "slug", required=True, help="Slug of the statement to build.")
@click.option("--title", help="Title, when the statement is new (default: from the text).")
@click.option("--kind", type=click.Choice(["privacy", "general"]), help="Kind, when new.")
@click.option(
    "--commit",
    "commit",
    is_flag=True,
    help="Commit the statement in this repository and tag every revision.",
)
@click.pass_context
def backfill(
    ctx: click.Context,
    repo: Path,
    file: str,
    slug: str,
    title: str | None,
    kind: str | None,
    commit: bool,
) -> None:
    """Rebuild a statement's revisions from another repository's git log of one file."""
    from rich.console import Console
    from rich.progress import Progress

    from kpversion.workflows.backfill import BackfillRequest, summary
    from kpversion.workflows.backfill import backfill as run

    store = open_store(ctx)
    request = BackfillRequest(repo, file, slug, title, kind, default_editor(store), commit)
    with Progress(transient=True, console=Console(stderr=True)) as bar:
        tasks = {name: bar.add_task(name, total=None) for name in ("history", "revisions")}
        done = run(
            store,
            request,
            dt.datetime.now().astimezone(),
            lambda stage, n, total: bar.update(tasks[stage], completed=n, total=total),
        )
    for line in summary(done):
        click.echo(line)
