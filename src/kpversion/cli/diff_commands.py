"""The `diff` command: parses options, compares, prints, and sets the exit code."""

from __future__ import annotations

from pathlib import Path

import click

from kpversion.change import DiffResult, Override, Verdict
from kpversion.cli.completion import complete_operand
from kpversion.diff.redline import FORMATS


@click.command()
@click.argument("operands", nargs=-1, metavar="[A [B]]", shell_complete=complete_operand)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text: terminal redline; unified: a patch (git apply accepts it); markdown: for "
    "pull requests; json: the stable schema (docs/schemas/); html: a standalone redline page.",
)
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are changes (like git diff).")
@click.option(
    "--fail-on",
    type=click.Choice(["material", "review"]),
    help="Exit 3 when the verdict is at least this strong.",
)
@click.option(
    "--override",
    type=click.Choice([o.value for o in Override]),
    help="The editor's verdict, replacing the computed one (needs --because).",
)
@click.option("--because", default="", help="Why the override is right.")
@click.pass_context
def diff(
    ctx: click.Context,
    operands: tuple[str, ...],
    fmt: str,
    exit_code: bool,
    fail_on: str | None,
    override: str | None,
    because: str,
) -> None:
    """Show the changes from A to B, with verdicts.

    A and B are each a file (.txt, .md, .html), SLUG@VERSION, SLUG@draft, SLUG@latest or
    git:REF:PATH. `diff SLUG` compares the latest revision with the draft.
    """
    from kpversion.workflows.operands import compare_operands

    if not operands or len(operands) > 2:
        raise click.UsageError("give A B, or one statement SLUG (its latest revision vs draft)")
    if override and not because.strip():
        raise click.UsageError("--override needs --because TEXT")
    if because.strip() and not override:
        raise click.UsageError("--because explains an --override; give one")
    result = compare_operands(
        operands, Path(ctx.obj["root"]), Override.parse(override), because.strip()
    )
    _print(result, fmt)
    ctx.exit(_status(result, exit_code, fail_on))


def _print(result: DiffResult, fmt: str) -> None:
    if fmt == "text":
        from rich.console import Console

        from kpversion.cli.terminal import print_result

        print_result(result, Console(highlight=False, soft_wrap=True))
        return
    from kpversion.diff.redline import render

    click.echo(render(result, fmt), nl=False)


def _status(result: DiffResult, exit_code: bool, fail_on: str | None) -> int:
    if fail_on and result.changes and result.verdict.rank >= Verdict(fail_on).rank:
        return 3
    return 1 if exit_code and result.changes else 0
