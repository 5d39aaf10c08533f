"""`hooks install`: a git pre-commit hook that refuses edits to published revisions and ledger
lines and runs `kpversion check --staged`."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

from kpversion.errors import KpversionError
from kpversion.store import atomic

MARKER = "# kpversion pre-commit hook"


def hook_script(executable: str) -> str:
    return (
        "#!/bin/sh\n"
        f"{MARKER}: refuses staged edits to published revisions and ledger lines, then runs\n"
        "# `kpversion check --staged` (integrity problems block the commit; obligations warn).\n"
        f'KPVERSION="${{KPVERSION:-{executable}}}"\n'
        'exec "$KPVERSION" check --staged\n'
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
    atomic.write_text(path, hook_script(executable or kpversion_executable()))
    mode = os.stat(path).st_mode
    os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path
