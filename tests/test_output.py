"""The output folder is replaced whole: a killed build leaves the old site as it was, and
files and folders have the usual permissions whatever umask and earlier builds left."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kpversion import Store
from kpversion.dates import DateVersion
from kpversion.site.build import build_site, write_pages
from kpversion.site.output import Staging
from kpversion.site.pages import Page
from tests.site_tree import TEXT_V3, make_tree

TODAY = dt.date(2024, 3, 10)


@pytest.fixture
def tree(tmp_path: Path) -> Store:
    return make_tree(tmp_path / "repo", TODAY)


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    yield
    os.umask(old)


def snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def modes(out: Path) -> set[tuple[str, int]]:
    found = {("folder", stat.S_IMODE(out.stat().st_mode))}
    for path in out.rglob("*"):
        if not path.is_symlink():
            found.add(("folder" if path.is_dir() else "file", stat.S_IMODE(path.stat().st_mode)))
    return found


def test_files_are_0644_and_folders_0755_under_umask_022(tree: Store, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = tmp_path / "site"
        build_site(tree, out, TODAY)
        assert modes(out) == {("folder", 0o755), ("file", 0o644)}
    finally:
        os.umask(old)


def test_modes_follow_the_umask_and_mend_an_older_build(
    tree: Store, tmp_path: Path, umask_027: None
) -> None:
    out = tmp_path / "site"
    build_site(tree, out, TODAY)
    assert modes(out) == {("folder", 0o750), ("file", 0o640)}
    (out / "index.html").chmod(0o600)  # as kpversion's earlier builds wrote every page
    tree.add_revision("policy", DateVersion.parse("2024-06-01"), TEXT_V3, {})
    build_site(tree, out, TODAY)
    assert modes(out) == {("folder", 0o750), ("file", 0o640)}


def test_a_failing_build_leaves_the_old_site_untouched(tree: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(tree, out, TODAY)
    before = snapshot(out)

    def boom() -> bytes:
        raise RuntimeError("killed halfway")

    good = Page("policy/index.html", "new key", lambda: b"new page")
    with pytest.raises(RuntimeError, match="killed halfway"):
        write_pages(out, [good, Page("index.html", "new key", boom)])
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "site"]


KILL = """
import datetime as dt, os, signal, sys
from pathlib import Path
from kpversion import Store
from kpversion.site import build
from kpversion.site.output import Staging
written = []
real = Staging.write
def write(self, relative, data):
    real(self, relative, data)
    written.append(relative)
    if len(written) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
Staging.write = write
build.build_site(Store(Path(sys.argv[1])), Path(sys.argv[2]), dt.date(2024, 3, 10))
"""


def test_a_killed_build_never_leaves_old_and_new_pages_mixed(tree: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(tree, out, TODAY)
    before = snapshot(out)
    tree.add_revision("policy", DateVersion.parse("2024-06-01"), TEXT_V3, {})
    killed = subprocess.run([sys.executable, "-c", KILL, str(tree.root), str(out)])
    assert killed.returncode == -9
    assert snapshot(out) == before  # the old site, whole
    assert (tmp_path / ".site.kpversion-new").is_dir()  # what the kill left
    report = build_site(tree, out, TODAY)
    assert "policy/2024-06-01/index.html" in report.written
    assert not (tmp_path / ".site.kpversion-new").exists()


def test_an_old_folder_set_aside_by_a_kill_is_put_back(tree: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(tree, out, TODAY)
    before = snapshot(out)
    staging = Staging(out)
    os.rename(out, staging.retired)  # killed between the two renames of a swap
    staging.recover()
    assert snapshot(out) == before and not staging.retired.exists()


def test_the_swap_keeps_hidden_folders_and_links_as_they_are(tree: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(tree, out, TODAY)
    (out / ".git").mkdir()
    (out / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    (out / "policy/linked").symlink_to(outside)
    inode = (out / "static/site.css").stat().st_ino
    tree.add_revision("policy", DateVersion.parse("2024-06-01"), TEXT_V3, {})
    build_site(tree, out, TODAY)
    assert (out / ".git/HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (out / "policy/linked").is_symlink() and (outside / "keep.txt").read_text() == "mine"
    assert (
        out / "static/site.css"
    ).stat().st_ino == inode  # unchanged pages are linked, not copied


def test_a_mounted_output_folder_is_built_in_place(tree: Store, tmp_path: Path) -> None:
    # A container's volume or a mounted web root cannot be renamed: the pages are replaced in
    # place there, and the site is the same as one built into an ordinary folder.
    out = tmp_path / "mounted"
    out.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(out)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        plain = tmp_path / "plain"
        build_site(tree, out, TODAY)
        build_site(tree, plain, TODAY)
        assert snapshot(out) == snapshot(plain)
        tree.add_revision("policy", DateVersion.parse("2024-06-01"), TEXT_V3, {})
        build_site(tree, out, TODAY)
        build_site(tree, plain, TODAY)
        assert snapshot(out) == snapshot(plain)
        assert os.path.ismount(out)
        assert not list(out.rglob("*.kpversion-tmp"))
        assert not list(tmp_path.glob(".mounted.kpversion-*"))
    finally:
        subprocess.run(["umount", "-l", str(out)], check=False)
