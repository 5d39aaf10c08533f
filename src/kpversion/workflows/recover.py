"""`recover`: find what killed processes left behind, put it right, and say so.

Every command already recovers an interrupted publish when it opens the store (and says so in
one line); `recover` does it on purpose and reports everything it finds: a publish journal
(rolled back or completed), a backfill's folder built or set aside, git's lock files left by
a killed git (removed only when no git process works in the repository), lock files that no
process holds, and the temporary files of killed writes. What it cannot put right (a publish
or git running now) is reported with who runs it, and left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kpversion.errors import StoreError
from kpversion.store import atomic, lock, transaction
from kpversion.store.layout import LOCK, OWNER
from kpversion.store.tree import Store, recover_backfills


@dataclass(frozen=True)
class RecoveryReport:
    """What `recover` did, and what it found it could not do (each one line)."""

    done: tuple[str, ...]
    blocked: tuple[str, ...]


def recover_store(store: Store) -> RecoveryReport:
    """Recover every statement folder of store, then git's stale lock files."""
    done: list[str] = recover_backfills(store.folder)
    blocked: list[str] = []
    for folder in statement_folders(store):
        try:
            done += _recover_folder(store, folder)
        except StoreError as exc:
            blocked.append(exc.message)
    try:
        done += _index_lock(store)
    except StoreError as exc:
        blocked.append(exc.message)
    return RecoveryReport(tuple(done), tuple(blocked))


def statement_folders(store: Store) -> list[Path]:
    """Every real folder in statements/ (a statement or not: a killed write leaves files
    anywhere); symbolic links are not followed."""
    return sorted(p for p in store.folder.iterdir() if p.is_dir() and not p.is_symlink())


def _recover_folder(store: Store, folder: Path) -> list[str]:
    shown = store.display(folder)
    stale = _lock_files(folder)
    if not (transaction.needs_recovery(folder) or _leftovers(folder) or stale):
        return []
    done = []
    # Taking the lock proves no process holds it; releasing it removes the lock files.
    with lock.statement_locked(folder, shown):
        outcome = transaction.recover(folder)
        if outcome:
            done.append(outcome)
        for path in _leftovers(folder):
            atomic.remove(path)
            done.append(f"{store.display(path)}: removed, left by a killed write")
    for path in stale:
        done.append(f"{store.display(path)}: removed, left by a process that died holding it")
    return done


def _leftovers(folder: Path) -> list[Path]:
    """Temporary files of killed atomic writes, and staged files no journal accounts for."""
    if transaction.needs_recovery(folder):
        return []
    found = [*folder.rglob(".*.tmp"), *folder.rglob(f"*{transaction.NEW}")]
    found += folder.rglob(f"*{transaction.OLD}")
    return sorted(path for path in found if path.is_file() and not path.is_symlink())


def _lock_files(folder: Path) -> list[Path]:
    """The lock file and its owner record: a holder removes them when it releases the lock,
    so found unheld, they were left by a process that died (the lock died with it)."""
    names = (LOCK, LOCK + OWNER)
    return [folder / name for name in names if (folder / name).exists()]


def _index_lock(store: Store) -> list[str]:
    from kpversion import gitio

    top = gitio.worktree(store.folder)
    if top is None:
        return []
    done = transaction.clear_git_locks(top)
    return [done] if done else []
