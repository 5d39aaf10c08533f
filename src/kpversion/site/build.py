"""The incremental build: plan every page, render those whose key changed, write those whose
bytes changed, remove what the site no longer has.

The manifest `<out>/.kpversion-build.json` remembers the key of every page written; a page
whose key is unchanged and whose file exists is not even rendered, and a rendered page is
written (atomically) only when its bytes differ from the file on disk.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kpversion.errors import IntegrityError, StoreError
from kpversion.site.pages import Page, json_bytes
from kpversion.site.plan import SitePlan
from kpversion.store import atomic
from kpversion.store.layout import safe_join
from kpversion.store.tree import Store

MANIFEST = ".kpversion-build.json"
Progress = Callable[[int, int], None]


@dataclass
class BuildReport:
    """What a build did."""

    pages: int = 0
    rendered: int = 0
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def build_site(
    store: Store, out: Path, today: dt.date, progress: Progress | None = None
) -> BuildReport:
    """Build the site of store into out; today decides whether banner.html shows a notice.

    A tree that does not verify is refused (IntegrityError): the pages would show the ledger's
    hashes over text that is not what was published. So is a tree a publish is writing now: its
    files are half the old revision set and half the new.
    """
    _refuse_in_flight(store)
    _refuse_unverified(store)
    pages = list(SitePlan(store, out, today).pages())
    return write_pages(out, pages, progress)


def _refuse_in_flight(store: Store) -> None:
    from kpversion.store.transaction import in_flight

    for folder in in_flight(store.folder):
        raise StoreError(
            "a publish is in progress; the site is not built (build again when it ends)",
            store.display(folder),
        )


def _refuse_unverified(store: Store) -> None:
    from kpversion import gitio
    from kpversion.store.verify import verify_store

    problems = verify_store(store, gitio.worktree(store.folder)).problems
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise IntegrityError(
            f"{problems[0].problem}{more}; the site is not built (see kpversion verify)",
            problems[0].path,
        )


def write_pages(out: Path, pages: Sequence[Page], progress: Progress | None = None) -> BuildReport:
    out.mkdir(parents=True, exist_ok=True)
    old = _read_manifest(out)
    report = BuildReport(pages=len(pages))
    manifest: dict[str, str] = {}
    existing = _existing_files(out)
    for done, page in enumerate(pages, 1):
        manifest[page.path] = page.key
        if old.get(page.path) != page.key or page.path not in existing:
            report.rendered += 1
            target = safe_join(out, *page.path.split("/"))
            if _write_if_changed(target, page.render()):
                report.written.append(page.path)
        if progress is not None:
            progress(done, len(pages))
    report.removed = _remove_stale(out, old, manifest)
    if manifest != old:
        # Only when pages changed; the first build after an upgrade changes every key, so it
        # also clears the folders an older kpversion left empty.
        _remove_empty_folders(out)
        atomic.write_bytes(out / MANIFEST, json_bytes(manifest))
    return report


def _existing_files(out: Path) -> set[str]:
    """Every file under out, as page paths; one walk instead of a stat per page."""
    found: set[str] = set()
    top = len(str(out)) + 1
    for folder, _, files in os.walk(out):
        prefix = folder[top:].replace(os.sep, "/")
        found.update(f"{prefix}/{name}" if prefix else name for name in files)
    return found


def _write_if_changed(target: Path, data: bytes) -> bool:
    if target.is_file() and target.read_bytes() == data:
        return False
    atomic.write_bytes(target, data)
    return True


def _remove_stale(out: Path, old: Mapping[str, str], manifest: Mapping[str, str]) -> list[str]:
    """Delete pages an earlier build wrote that this build no longer has (a removed statement)."""
    removed = []
    for path in sorted(set(old) - set(manifest)):
        target = safe_join(out, *path.split("/"))
        if target.is_file():
            target.unlink()
            removed.append(path)
    return removed


def _remove_empty_folders(out: Path) -> None:
    """Delete the folders left empty inside out, deepest first: `serve` would list them. Never
    out itself, and never a hidden folder or what is in it (a `.git` there is not the build's);
    symbolic links are not followed."""
    folders: list[tuple[str, int]] = []
    for folder, subfolders, files in os.walk(out):
        folders.append((folder, len(subfolders) + len(files)))
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
    emptied: Counter[str] = Counter()
    for folder, entries in reversed(folders[1:]):
        if entries == emptied[folder] and _remove_folder(folder):
            emptied[os.path.dirname(folder)] += 1


def _remove_folder(folder: str) -> bool:
    try:
        os.rmdir(folder)
    except OSError:  # something was written there meanwhile
        return False
    return True


def _read_manifest(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
