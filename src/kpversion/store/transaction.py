"""A publish as one transaction over several files and a git commit: lock, journal, renames.

The protocol, in order (each step survives a SIGKILL at any point):

1. Take `statements/<slug>/.publish.lock` (an operating-system lock, see lock.py; a publish
   killed earlier is recovered first).
2. With git, take the repository's lock (lock.py) and note HEAD, the commit's parent.
3. Write `.publish-journal.json`: the files to write, in rename order, with the sha256 of each
   new content, and the git commit and tag to make. Every path in it is relative (files to the
   statement folder, the work tree to the statement folder too), so a repository moved, copied
   or restored elsewhere recovers where it now lives.
4. Stage every new content as `.<name>.publish-new` beside its target (fsync), and keep the
   files about to be replaced as hard links `.<name>.publish-old`.
5. Rename the staged files into place; the ledger is renamed last. The ledger holding its new
   line is the commit point of the files.
6. Commit and tag in git. If git fails, everything is put back.
7. Remove the backups, then the journal, then release the locks.

Recovery (`recover`) reads the journal: before the commit point it rolls the files back; after
it, it keeps them when the git commit exists (making the missing tag), and rolls back otherwise.
A git killed mid-step leaves `.git/index.lock`; it is removed only when proven stale (no live
git process works in the repository), else recovery stops with one line saying who runs.
Recovery is never silent: what it did is returned and logged (the `kpversion` logger).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import posixpath
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kpversion.errors import IntegrityError, KpversionError, StoreError
from kpversion.store import atomic, lock
from kpversion.store import files as regular
from kpversion.store.crashpoints import crashpoint
from kpversion.store.layout import JOURNAL, LOCK, REVISIONS
from kpversion.store.ledger import sha256_bytes

log = logging.getLogger("kpversion")

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
    """The commit and annotated tag that finish a publish inside a git work tree.

    `top` is the work tree's top folder relative to the statement folder (`../..`), and
    `paths` are relative to the top: the plan names no absolute path, so it still holds after
    the repository moved."""

    top: str
    parent: str | None
    paths: tuple[str, ...]
    message: str
    trailers: tuple[tuple[str, str], ...]
    tag: str
    tag_message: str

    def top_of(self, folder: Path) -> Path:
        return Path(os.path.normpath(folder.resolve() / self.top))


def relative_top(folder: Path, top: Path) -> str:
    """The work tree's top folder as a GitPlan names it: relative to the statement folder."""
    return Path(os.path.relpath(top.resolve(), folder.resolve())).as_posix()


@dataclass(frozen=True)
class Journal:
    steps: tuple[Step, ...]
    git: GitPlan | None = None

    @property
    def version(self) -> str:
        """The version being published, from the revision file it writes."""
        for step in self.steps:
            folder, _, name = step.final.partition("/")
            if folder == REVISIONS and name.endswith(".md"):
                return name.removesuffix(".md")
        return "a revision"

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
        """The folder's journal, refused unless every file it names lies inside the folder:
        recovery deletes and restores what it names.

        Its git plan is taken to be the work tree that holds the folder now (a journal written
        before the repository moved, or by a kpversion that wrote the top as an absolute path,
        names another place); the files it commits must lie in the statement folder."""
        path = folder / JOURNAL
        shown = f"{display}/{JOURNAL}"
        try:
            journal = cls.from_json(regular.read_text(path, folder, shown))
        except (ValueError, TypeError, KeyError, AttributeError, StoreError) as exc:
            raise IntegrityError(f"not a publish journal ({exc})", shown) from None
        if not journal.steps or not all(_inside(folder, step.final) for step in journal.steps):
            raise IntegrityError("names a file outside its statement folder", shown)
        if journal.git is None:
            return journal
        plan = _here(folder, journal.git)
        if plan is None:
            raise IntegrityError("names git files outside its statement folder", shown)
        return replace(journal, git=plan)


def _here(folder: Path, git: GitPlan) -> GitPlan | None:
    """git as it applies where folder is now, or None if it names files outside folder."""
    from kpversion import gitio

    top = gitio.worktree(folder)
    if top is None or not all(isinstance(path, str) for path in git.paths):
        return None
    plan = replace(git, top=relative_top(folder, top))
    inside = plan.top_of(folder)
    if not all(_inside(folder, _from_top(inside, folder, path)) for path in plan.paths):
        return None
    return plan


def _from_top(top: Path, folder: Path, path: str) -> str:
    """path, relative to the work tree's top, as a path relative to the statement folder."""
    if not path or posixpath.isabs(path):
        return ""
    return os.path.relpath(top / path, folder.resolve())


def _shown(folder: Path) -> str:
    """The folder as errors name it: relative to the working folder when inside it."""
    try:
        return folder.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):  # elsewhere, or the working folder was removed
        return str(folder)


def _inside(folder: Path, name: object) -> bool:
    """A relative path that stays inside folder, also when symbolic links are followed."""
    if not isinstance(name, str) or not name or Path(name).is_absolute():
        return False
    return (folder / name).resolve().is_relative_to(folder.resolve())


def run(folder: Path, files: Sequence[tuple[str, bytes]], git: GitPlan | None) -> str | None:
    """Write files (the last one is the commit point) and make the git commit; all or nothing.

    Must be called holding the statement's lock; with git, the repository's lock is held from
    noting the parent commit to the tag. Returns the commit, when one was made."""
    if git is None:
        return _run(folder, files, None)
    top = git.top_of(folder)
    with repository_locked(top, _shown(folder)):
        clear_git_locks(top)
        return _run(folder, files, _with_parent(git, top))


def _with_parent(git: GitPlan, top: Path) -> GitPlan:
    from kpversion import gitio

    return replace(git, parent=gitio.head(top))


def _run(folder: Path, files: Sequence[tuple[str, bytes]], git: GitPlan | None) -> str | None:
    for name, _ in files:
        regular.check_path(folder / name, folder, f"{_shown(folder)}/{name}")
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
        commit = _git(folder, git) if git else None
    except BaseException:
        _rollback(folder, journal)
        raise
    _finish(folder, journal)
    return commit


@contextlib.contextmanager
def repository_locked(top: Path, display: str) -> Iterator[None]:
    """Hold the kpversion lock of the repository whose work tree is top."""
    from kpversion import gitio

    with lock.repository_locked(gitio.common_dir(top), display):
        yield


def clear_git_locks(top: Path) -> str | None:
    """Remove the lock files a killed git left (the index's, HEAD's, packed-refs', a ref's such
    as a tag being written) when proven stale; say what was done, or None if there were none.
    A lock that a live git may hold, or that cannot be proven stale here, stops the caller
    with one line (a StoreError) and is left alone."""
    from kpversion import gitio

    found = _git_locks(top)
    if not found:
        return None
    shown = _shown(found[0])
    running = gitio.live_git_processes(top)
    if running is None:
        raise StoreError(
            "left by a git command; this system cannot show whether git still runs: remove "
            "it if none does, then run kpversion recover",
            shown,
        )
    if running:
        raise StoreError(
            f"git is running in this repository (pid {running[0]}); try again when it ends",
            shown,
        )
    for path in found:
        atomic.remove(path)
    names = ", ".join(_shown(path) for path in found)
    plural = "s" if len(found) > 1 else ""
    done = f"{names}: removed stale git lock{plural} (no git process runs in this repository)"
    log.warning(done)
    return done


def _git_locks(top: Path) -> list[Path]:
    """The lock files git writes beside what it changes; a killed `git tag` leaves its ref's,
    and every later tag of that name fails until it goes."""
    from kpversion import gitio

    index = gitio.index_lock(top)
    common = gitio.common_dir(top)
    places = [index, index.parent / "HEAD.lock", common / "packed-refs.lock"]
    places += sorted((common / "refs").rglob("*.lock"))
    return [path for path in dict.fromkeys(places) if path.is_file()]


def recover(folder: Path) -> str | None:
    """Finish or undo an interrupted publish; returns what was done, or None if nothing was."""
    lock.sweep_temps(folder)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(folder / f"{JOURNAL}.tmp")
    try:
        journal = Journal.read(folder, _shown(folder))
    except FileNotFoundError:
        return None
    if journal.git is None:
        outcome = _recover_files(folder, journal)
    else:
        top = journal.git.top_of(folder)
        with repository_locked(top, _shown(folder)):
            clear_git_locks(top)
            outcome = _recover_files(folder, journal)
    done = f"{_shown(folder)}: an interrupted publish of {journal.version} was {outcome}"
    log.warning(done)
    return done


def _recover_files(folder: Path, journal: Journal) -> str:
    if not _committed(folder, journal):
        _rollback(folder, journal)
        return "rolled back (nothing of it remains; the draft holds it)"
    if journal.git is not None and not _git_recovered(folder, journal.git):
        _rollback(folder, journal)
        return "rolled back (git has no commit of it; the draft holds it)"
    _finish(folder, journal)
    return "completed" if journal.git is None else f"completed (tag {journal.git.tag})"


def _git(folder: Path, plan: GitPlan) -> str:
    from kpversion import gitio

    top = plan.top_of(folder)
    crashpoint("git: start")
    try:
        gitio.add_paths(top, plan.paths)
        crashpoint("git: added")
        commit = gitio.commit_paths(top, plan.paths, plan.message)
        crashpoint("git: committed")
        gitio.create_tag(top, plan.tag, commit, plan.tag_message)
        crashpoint("git: tagged")
    except BaseException as failure:
        _undo_git(top, plan, failure)
        raise
    return commit


def _undo_git(top: Path, plan: GitPlan, failure: BaseException) -> None:
    """Undo what git did; when git cannot (out of disk, a lock held), the journal stays for
    recovery and the error that stopped the publish is the one reported."""
    from kpversion import gitio

    try:
        gitio.delete_tag(top, plan.tag)
        if gitio.commit_with_trailers(top, plan.parent, dict(plan.trailers)):
            gitio.undo_commit(top, plan.parent, plan.paths)
        else:
            gitio.unstage(top, plan.parent, plan.paths)
    except KpversionError as exc:
        raise StoreError(f"{_problem(failure)}; undoing it failed too ({exc.problem})") from None


def _problem(failure: BaseException) -> str:
    return failure.problem if isinstance(failure, KpversionError) else str(failure)


def _git_recovered(folder: Path, plan: GitPlan) -> bool:
    """Make the tag if the commit exists and return True; else undo the index and return False."""
    from kpversion import gitio

    top = plan.top_of(folder)
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
    """Hold the statement's publish lock (waiting out another command's probe of it); an
    interrupted publish found first is recovered."""
    with lock.statement_locked(folder, display, lock.PEER_WAIT):
        recover(folder)
        yield
    crashpoint("lock released")


def needs_recovery(folder: Path) -> bool:
    """What an interrupted publish leaves: its journal (or the journal half written)."""
    return (folder / JOURNAL).exists() or (folder / f"{JOURNAL}.tmp").exists()


def recover_if_abandoned(folder: Path) -> str | None:
    """Recover an interrupted publish in folder unless a live process still holds its lock
    (a lock file alone, left by a process that died holding it, is removed)."""
    if not needs_recovery(folder) and not (folder / LOCK).exists():
        return None
    try:
        with lock.statement_locked(folder, _shown(folder)):
            return recover(folder)
    except lock.LockBusy:
        # A live publish held the lock when it was probed: its files are mid-flight, not
        # abandoned. (Asking again whether it is held would race it: by then it may have
        # ended, and a publish of another statement failed on this one's lock.)
        return None


def recover_tree(statements: Path) -> list[str]:
    """Recover every statement folder an interrupted publish left behind; what was done."""
    found = [*statements.glob(f"*/{JOURNAL}*"), *statements.glob(f"*/{LOCK}")]
    done = []
    for folder in sorted({path.parent for path in found}):
        outcome = recover_if_abandoned(folder)
        if outcome:
            done.append(outcome)
    return done


def in_flight(statements: Path) -> list[Path]:
    """The statement folders whose publish is running now (a journal, and its lock held)."""
    return sorted(
        path.parent for path in statements.glob(f"*/{JOURNAL}") if lock.held_here(path.parent)
    )
