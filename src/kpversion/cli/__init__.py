"""The `kpversion` command line: registers commands; each command module parses and prints.

Commands are imported lazily so `kpversion diff` does not pay for the site builder.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

import click

from kpversion.errors import KpversionError

COMMANDS = {
    "init": "kpversion.cli.store_commands:init",
    "import": "kpversion.cli.store_commands:import_",
    "status": "kpversion.cli.store_commands:status",
    "log": "kpversion.cli.store_commands:log",
    "show": "kpversion.cli.store_commands:show",
    "verify": "kpversion.cli.store_commands:verify",
    "recover": "kpversion.cli.store_commands:recover",
    "diff": "kpversion.cli.diff_commands:diff",
    "publish": "kpversion.cli.publish_commands:publish",
    "check": "kpversion.cli.publish_commands:check",
    "hooks": "kpversion.cli.publish_commands:hooks",
    "backfill": "kpversion.cli.publish_commands:backfill",
    "build": "kpversion.cli.site_commands:build",
    "serve": "kpversion.cli.site_commands:serve",
    "notice": "kpversion.cli.site_commands:notice",
}


class LazyGroup(click.Group):
    """A group whose commands are imported only when they run (or when help lists them)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        """Expected errors become one line, `path: problem`, and their exit code; so does
        every error of the system (a read-only folder, a full disk): never a traceback."""
        try:
            return super().invoke(ctx)
        except KpversionError as exc:
            click.echo(exc.message, err=True)
            ctx.exit(exc.exit_code)
        except OSError as exc:
            click.echo(system_error(exc), err=True)
            ctx.exit(1)


def system_error(exc: OSError) -> str:
    """`path: problem` for an error of the system, the path relative to here when inside."""
    problem = exc.strerror or str(exc)
    if exc.filename is None:
        return problem
    path = Path(os.fsdecode(exc.filename))
    try:
        shown = path.absolute().relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):
        shown = str(path)
    return f"{shown}: {problem}"


def report_library_warnings() -> None:
    """The library's warnings (a recovery it made, a stale lock it removed) as one line each on
    stderr, before the command's own output. Only a command whose modules log pays for the
    logging module: `kpversion diff` never loads it."""
    if "logging" not in sys.modules:
        return
    import logging

    class EchoHandler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            click.echo(self.format(record), err=True)

    logger = logging.getLogger("kpversion")
    if not any(type(handler).__name__ == "EchoHandler" for handler in logger.handlers):
        logger.addHandler(EchoHandler())
    logger.setLevel(logging.WARNING)
    logger.propagate = False


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kpversion", message="%(prog)s %(version)s")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=str),
    envvar="KPVERSION_ROOT",
    default=".",
    show_default=True,
    help="Folder holding statements/ (searched upward from here).",
)
@click.pass_context
def cli(ctx: click.Context, root: str) -> None:
    """Keep privacy statements and other policy pages under real version control.

    Exit codes: 0 ok, 1 error, 2 usage, 3 findings or integrity problems, 4 nothing to do.
    Shell completion: see docs/commands.md (eval "$(_KPVERSION_COMPLETE=bash_source kpversion)").
    """
    report_library_warnings()
    ctx.obj = {"root": root}


def main() -> None:
    try:
        cli(prog_name="kpversion")
    except SystemExit as done:
        if isinstance(done.code, int | None):
            exit_now(done.code or 0)
        raise


def exit_now(code: int) -> None:
    """End the process without tearing the interpreter down: freeing the rules, the lexicon
    and the parsed documents object by object cost a cold diff 40 to 100 ms, a quarter of it.
    The exit handlers run and the output is flushed first; while another thread runs, or
    when the output cannot be flushed (a closed pipe), Python exits as usual."""
    import atexit
    import threading

    if threading.active_count() > 1:
        raise SystemExit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(code)
