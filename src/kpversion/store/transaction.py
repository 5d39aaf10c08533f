"""A publish as one transaction over several files and a git commit: lock, journal, renames.

The protocol, in order (each step survives a SIGKILL at any point):

1. Take `statements/<slug>/.publish.lock` (exclusive creation; a lock whose process is gone is
   stale and taken over after recovering what it left).
2. Write `.publish-journal.json`: the files to write, in rename order, with the sha256 of each
   new content, and the git commit and tag to make.
3. Stage every new content as `.<name>.publish-new` beside its target (fsync), and keep the
   files about to be replaced as hard links `.<name>.publish-old`.
4. Rename the staged files into place; the ledger is renamed last. The ledger holding its new
   line is the commit point of the files.
5. Commit and tag in git. If git fails, everything is put back.
6. Remove the backups, then the journal, then the lock.

Recovery (`recover`) reads the journal: before the commit point it rolls the files back; after
it, it keeps them when the git commit exists (making the missing tag), and rolls back otherwise.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpversion.errors import IntegrityError, StoreError
from kpversion.store import atomic, lock
from kpversion.store.crashpoints import crashpoint
from kpversion.store.layout import JOURNAL, LOCK
from kpversion.store.ledger import sha256_bytes

NEW = ".publish-new"
OLD = ".publish-old"


@dataclass(frozen=True)
class Step:
    """One file the transaction writes, relative to the statement folder."""

    final: str
    sha256: str
    existed: bool
    """The target existed before: it is kept as a hard-linked backup until the end."""

    def staged(self, folder: Path) -> Path:
        return _sibling(folder / self.final, NEW)

    def backup(self, folder: Path) -> Path:
        return _sibling(folder / self.final, OLD)


@dataclass(frozen=True)
class GitPlan:
    """The commit and annotated tag that finish a publish inside a git work tree."""

    top: str
    parent: str | None
    paths: tuple[str, ...]
    message: str
    trailers: tuple[tuple[str, str], ...]
    tag: str
    tag_message: str


@dataclass(frozen=True)
class Journal:
    steps: tuple[Step, ...]
    git: GitPlan | None = None

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "steps": [vars(step) for step in self.steps],
            "git": None if self.git is None else vars(self.git),
        }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Journal:
        data = json.loads(text)
        git = data.get("git")
        plan = None
        if git:
            git["paths"] = tuple(git["paths"])
            git["trailers"] = tuple(tuple(pair) for pair in git["trailers"])
            plan = GitPlan(**git)
        return cls(tuple(Step(**step) for step in data["steps"]), plan)

    @classmethod
    def read(cls, folder: Path, display: str) -> Journal:
        """The folder's journal, refused unless every file it names lies inside the folder and
        its git work tree holds the folder: recovery deletes and restores what it names."""
        path = folder / JOURNAL
        shown = f"{display}/{JOURNAL}"
        try:
            journal = cls.from_json(path.read_text(encoding="utf-8"))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise IntegrityError(f"not a publish journal ({exc})", shown) from None
        if not journal.steps or not all(_inside(folder, step.final) for step in journal.steps):
            raise IntegrityError("names a file outside its statement folder", shown)
        if journal.git is not None and not _own_work_tree(folder, journal.git):
            raise IntegrityError("names a git work tree or path that is not this one", shown)
        return journal


def _own_work_tree(folder: Path, git: GitPlan) -> bool:
    from kpversion import gitio

    top = gitio.worktree(folder)
    return (
        top is not None
        and isinstance(git.top, str)
        and Path(git.top).resolve() == top.resolve()
        and all(_inside(top, name) for name in git.paths)
    )


def _shown(folder: Path) -> str:
    """The folder as errors name it: relative to the working folder when inside it."""
    try:
        return folder.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(folder)


def _inside(folder: Path, name: object) -> bool:
    """A relative path that stays inside folder, also when symbolic links are followed."""
    if not isinstance(name, str) or not name or Path(name).is_absolute():
        return False
    return (folder / name).resolve().is_relative_to(folder.resolve())


def run(folder: Path, files: Sequence[tuple[str, bytes]], git: GitPlan | None) -> str | None:
    """Write files (the last one is the commit point) and make the git commit; all or nothing.

    Must be called holding the lock. Returns the commit, when one was made."""
    steps = tuple(Step(name, sha256_bytes(data), (folder / name).exists()) for name, data in files)
    journal = Journal(steps, git)
    _write_journal(folder, journal)
    try:
        for step, (_, data) in zip(steps, files, strict=True):
            atomic.write_durably(step.staged(folder), data)
        for step in steps:
            if step.existed:
                os.link(folder / step.final, step.backup(folder))
                crashpoint(f"backup {step.final}")
        for step in steps:
            atomic.rename_durably(step.staged(folder), folder / step.final)
        commit = _git(git) if git else None
    except BaseException:
        _rollback(folder, journal)
        raise
    _finish(folder, journal)
    return commit


def recover(folder: Path) -> str | None:
    """Finish or undo an interrupted publish; returns what was done, or None if nothing was."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(folder / f"{JOURNAL}.tmp")
    try:
        journal = Journal.read(folder, _shown(folder))
    except FileNotFoundError:
        return None
    if not _committed(folder, journal):
        _rollback(folder, journal)
        return "rolled back"
    if journal.git is not None and not _git_recovered(journal.git):
        _rollback(folder, journal)
        return "rolled back"
    _finish(folder, journal)
    return "completed"


def _git(plan: GitPlan) -> str:
    from kpversion import gitio

    top = Path(plan.top)
    crashpoint("git: start")
    try:
        gitio.add_paths(top, plan.paths)
        crashpoint("git: added")
        commit = gitio.commit_paths(top, plan.paths, plan.message)
        crashpoint("git: committed")
        gitio.create_tag(top, plan.tag, commit, plan.tag_message)
        crashpoint("git: tagged")
    except BaseException:
        _undo_git(plan)
        raise
    return commit


def _undo_git(plan: GitPlan) -> None:
    from kpversion import gitio

    top = Path(plan.top)
    gitio.delete_tag(top, plan.tag)
    if gitio.commit_with_trailers(top, plan.parent, dict(plan.trailers)):
        gitio.undo_commit(top, plan.parent, plan.paths)
    else:
        gitio.unstage(top, plan.parent, plan.paths)


def _git_recovered(plan: GitPlan) -> bool:
    """Make the tag if the commit exists and return True; else undo the index and return False."""
    from kpversion import gitio

    top = Path(plan.top)
    commit = gitio.commit_with_trailers(top, plan.parent, dict(plan.trailers))
    if commit is None:
        gitio.unstage(top, plan.parent, plan.paths)
        return False
    if not gitio.has_tag(top, plan.tag):
        gitio.create_tag(top, plan.tag, commit, plan.tag_message)
    return True


def _committed(folder: Path, journal: Journal) -> bool:
    last = journal.steps[-1]
    return _holds(folder / last.final, last.sha256)


def _holds(path: Path, sha256: str) -> bool:
    return path.exists() and sha256_bytes(path.read_bytes()) == sha256


def _rollback(folder: Path, journal: Journal) -> None:
    for step in reversed(journal.steps):
        final, backup = folder / step.final, step.backup(folder)
        if step.existed and backup.exists():
            os.replace(backup, final)
            # Renaming a hard link onto its twin is a no-op that leaves the backup behind.
            atomic.remove(backup)
        elif not step.existed and _holds(final, step.sha256):
            atomic.remove(final)
        atomic.remove(step.staged(folder))
        atomic.fsync_dir(final.parent)
        crashpoint(f"rolled back {step.final}")
    atomic.remove(folder / JOURNAL)
    atomic.fsync_dir(folder)


def _finish(folder: Path, journal: Journal) -> None:
    for step in journal.steps:
        atomic.remove(step.backup(folder))
        atomic.remove(step.staged(folder))
        crashpoint(f"removed backup of {step.final}")
    atomic.remove(folder / JOURNAL)
    atomic.fsync_dir(folder)
    crashpoint("journal removed")


def _write_journal(folder: Path, journal: Journal) -> None:
    tmp = folder / f"{JOURNAL}.tmp"
    atomic.write_durably(tmp, journal.to_json().encode("utf-8"))
    atomic.rename_durably(tmp, folder / JOURNAL)


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(f".{path.name}{suffix}")


# --- recovery under the lock -------------------------------------------------------------------


@contextlib.contextmanager
def locked(folder: Path, display: str) -> Iterator[None]:
    """Hold the statement's publish lock; an interrupted publish found first is recovered."""
    lock.acquire(folder, display)
    try:
        recover(folder)
        yield
    finally:
        lock.release(folder)
        crashpoint("lock released")


def recover_if_abandoned(folder: Path) -> str | None:
    """Recover an interrupted publish in folder unless a live process still holds its lock."""
    lock.sweep_temps(folder)
    if not (folder / LOCK).exists() and not (folder / JOURNAL).exists():
        return None
    try:
        lock.acquire(folder, _shown(folder))
    except StoreError:
        return None
    try:
        return recover(folder)
    finally:
        lock.release(folder)


def recover_tree(statements: Path) -> None:
    """Recover every statement folder an interrupted publish left behind."""
    found = [*statements.glob(f"*/{LOCK}*"), *statements.glob(f"*/{JOURNAL}")]
    for folder in sorted({path.parent for path in found}):
        recover_if_abandoned(folder)
