"""`hooks install`: a git pre-commit hook that refuses edits to published revisions and ledger
lines and runs `kpversion check --staged`."""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import sys
from pathlib import Path

from kpversion.errors import KpversionError
from kpversion.store import atomic
from kpversion.store.layout import STATEMENTS, TREE_SETTINGS

MARKER = "# kpversion pre-commit hook"


def hook_script(executable: str, root: str = ".") -> str:
    """The hook: runs executable (or $KPVERSION) on the store under root, relative to the top
    of the work tree, where git runs hooks. Both paths are shell-quoted as single words, so a
    space, a quote or a `$(...)` in them is only a character of the path."""
    return (
        "#!/bin/sh\n"
        f"{MARKER}: refuses staged edits to published revisions and ledger lines, then runs\n"
        "# `kpversion check --staged` (integrity problems block the commit; obligations warn).\n"
        f"kpversion_default={shlex.quote(executable)}\n"
        'KPVERSION="${KPVERSION:-$kpversion_default}"\n'
        f'exec "$KPVERSION" --root {shlex.quote(root)} check --staged\n'
    )


def kpversion_executable() -> str:
    """The kpversion beside this Python (a venv's bin/), else the one on PATH."""
    beside = Path(sys.executable).parent / "kpversion"
    if beside.exists():
        return str(beside)
    return shutil.which("kpversion") or "kpversion"


def install(start: Path, *, force: bool = False, executable: str | None = None) -> Path:
    """Write the pre-commit hook of the repository holding start; returns its path."""
    from kpversion import gitio

    top = gitio.worktree(start)
    if top is None:
        raise KpversionError("not inside a git work tree", start)
    path = gitio.hooks_folder(top) / "pre-commit"
    ours = path.exists() and MARKER in path.read_text(encoding="utf-8", errors="replace")
    if path.exists() and not ours and not force:
        raise KpversionError("a pre-commit hook exists already; pass --force to replace it", path)
    root = _store_root(Path(start).resolve(), top.resolve())
    atomic.write_text(path, hook_script(executable or kpversion_executable(), root))
    mode = os.stat(path).st_mode
    os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def _store_root(start: Path, top: Path) -> str:
    """The folder holding statements/, found from start upward as every command finds it,
    relative to top; "." when there is none yet (the hook then looks from the top)."""
    for folder in (start, *start.parents):
        if (folder / STATEMENTS).is_dir():
            found = folder
        elif (folder / TREE_SETTINGS).is_file():
            found = folder.parent
        elif folder == top:
            break
        else:
            continue
        return found.relative_to(top).as_posix() if found.is_relative_to(top) else "."
    return "."
