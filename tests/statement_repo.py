"""Helpers for tests that publish: the bundled statements in a real git repository."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from .conftest import REPO

NOW = dt.datetime(2027, 3, 2, 10, 0, tzinfo=dt.UTC)
FLIP = ("We do not sell or rent", "We may sell or rent")


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def bundled_repo(tmp_path: Path, git_repo: Callable[[Path], Path]) -> Path:
    """tmp_path/work: the bundled statements/, committed on main."""
    root = git_repo(tmp_path / "work")
    shutil.copytree(REPO / "statements", root / "statements")
    git(root, "add", "statements")
    git(root, "commit", "-q", "-m", "Bundled statements")
    return root


def edit_draft(root: Path, slug: str, old: str, new: str) -> None:
    draft = root / "statements" / slug / "draft.md"
    text = draft.read_text(encoding="utf-8")
    assert old in text
    draft.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(root: Path) -> dict[str, str]:
    """Every file under statements/ by hash, plus git HEAD, tags and index."""
    files = {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "statements").rglob("*"))
        if p.is_file()
    }
    if (root / ".git").exists():
        files["git:HEAD"] = git(root, "rev-parse", "HEAD")
        files["git:tags"] = git(root, "tag", "-l")
        files["git:status"] = git(root, "status", "--porcelain")
    return files
