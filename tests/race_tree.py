"""A repository of several small statements, and publishes run at once in forked processes."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from kpversion import Store
from kpversion.dates import DateVersion
from kpversion.workflows.publish import PublishRequest, publish

from .statement_repo import NOW, git

FIRST = dt.date(2026, 1, 1)


def text(slug: str, day: dt.date) -> str:
    return (
        f"# {slug.capitalize()} statement\n\n"
        "We do not sell or rent personal information about visitors to this site.\n\n"
        f"Last reviewed/updated: {day:%B} {day.day}, {day.year}\n"
    )


def race_repo(root: Path, git_repo: Callable[[Path], Path], count: int) -> list[str]:
    """root: a git repository whose statements/ holds `count` statements, committed."""
    git_repo(root)
    store = Store.init(root)
    slugs = [f"s{number}" for number in range(count)]
    for slug in slugs:
        store.create_statement(slug, {"title": slug, "kind": "general"})
        store.add_revision(slug, DateVersion(FIRST), text(slug, FIRST), {})
    git(root, "add", "statements")
    git(root, "commit", "-q", "-m", "Statements")
    return slugs


def warm_up() -> None:
    """Import what a publish imports, once, so forked publishes do not each pay for it."""
    import importlib

    for name in ("git", "filelock", "kpversion.compare", "kpversion.records.revision_files"):
        importlib.import_module(name)


def publish_at_once(root: Path, slugs: list[str], day: dt.date) -> list[str]:
    """Publish a date-only edit of each slug's draft, each in its own forked process, released
    together; returns the errors (one line each; empty when every publish succeeded)."""
    warm_up()
    for slug in slugs:
        (root / "statements" / slug / "draft.md").write_text(text(slug, day), encoding="utf-8")
    read, write = os.pipe()
    children = [_child(root, slug, day, read, write) for slug in slugs]
    os.close(read)
    os.write(write, b"go" * len(slugs))  # the start signal, one read per child
    os.close(write)
    errors = []
    for pid, log in children:
        _, status = os.waitpid(pid, 0)
        if status != 0:
            errors.append(log.read_text(encoding="utf-8") or f"exit status {status}")
    return errors


def _child(root: Path, slug: str, day: dt.date, read: int, write: int) -> tuple[int, Path]:
    log = root.parent / f"{root.name}-{slug}-{day}.log"
    log.write_text("", encoding="utf-8")
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through its log and exit code
        code = 1
        try:
            os.close(write)
            os.read(read, 2)
            request = PublishRequest(slug, version=str(day), editor="Ed")
            publish(Store(root), request, NOW)
            code = 0
        except BaseException as exc:
            log.write_text(f"{slug}: {type(exc).__name__}: {exc}", encoding="utf-8")
        finally:
            os._exit(code)
    return pid, log


def index_is_clean(root: Path) -> bool:
    """Nothing staged or changed: the user's next `git commit` commits nothing of kpversion's."""
    staged = subprocess.run(["git", "diff", "--cached", "--quiet"], cwd=root, check=False)
    return staged.returncode == 0 and git(root, "status", "--porcelain") == ""
