"""Errors of input and of the system are one line and an exit code, never a traceback, and
nothing is lost: a far effective date, a full or read-only folder, git out of disk, a busy port,
a reserved slug.

The full-disk tests mount a small tmpfs and the read-only ones set the immutable attribute
(which stops root too); they are skipped where the system does not allow either.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from .site_tree import make_tree
from .statement_repo import bundled_repo, edit_draft, git, snapshot

Invoke = Callable[..., Result]
SLUG = "privacy-statement"
FOLDER = f"statements/{SLUG}"


def _works(*command: str) -> bool:
    return shutil.which(command[0]) is not None


@contextlib.contextmanager
def full_disk(folder: Path, size: str = "256k") -> Iterator[Path]:
    """folder as a small tmpfs filled to the last byte (skips when mounting is not allowed)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Write into folder until not one byte more fits."""
    for chunk in (65536, 1):
        with contextlib.suppress(OSError), open(folder / ".filler", "ab", buffering=0) as filler:
            while True:
                filler.write(b"\0" * chunk)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """folder made immutable: no file can be created, removed or renamed in it, even by root."""
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("chattr +i is not allowed here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=False)


@pytest.fixture
def repo(tmp_path: Path, git_repo: Callable[[Path], Path]) -> Path:
    return bundled_repo(tmp_path, git_repo)


def test_an_effective_date_in_year_9999_is_refused_in_one_line(
    repo: Path, cli_invoke: Invoke
) -> None:
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    before = snapshot(repo)
    result = cli_invoke("publish", SLUG, "--effective", "9999-12-31", cwd=repo)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "effective date 9999-12-31 is more than 36,500 days (a hundred years) after the "
        f"published date {__import__('datetime').date.today()}\n"
    )
    assert result.stderr.count("\n") == 1 and snapshot(repo) == before


@pytest.mark.parametrize("slug", ["con", "nul", "aux", "com1", "lpt9"])
def test_reserved_slugs_are_refused(tmp_path: Path, cli_invoke: Invoke, slug: str) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Terms\n\nLast updated: January 1, 2024\n\nWe keep records.\n")
    cli_invoke("init", cwd=tmp_path)
    result = cli_invoke("import", str(page), "--statement", slug, cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"statements/{slug}: invalid statement slug '{slug}': a device name on Windows, where "
        "the statement's folder could not be checked out\n"
    )
    assert not (tmp_path / "statements" / slug).exists()


def test_build_into_a_full_folder_is_one_line(tmp_path: Path, cli_invoke: Invoke) -> None:
    make_tree(tmp_path / "repo")
    with full_disk(tmp_path / "site") as out:
        fill(out)
        result = cli_invoke("build", "--out", str(out), cwd=tmp_path / "repo")
    assert result.exit_code == 1
    assert result.stderr.endswith(": No space left on device\n"), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_build_into_an_unwritable_folder_is_one_line(tmp_path: Path, cli_invoke: Invoke) -> None:
    make_tree(tmp_path / "repo")
    out = tmp_path / "site"
    out.mkdir()
    with read_only(out):
        result = cli_invoke("build", "--out", str(out), cwd=tmp_path / "repo")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "Operation not permitted" in result.stderr


def test_import_into_a_read_only_statements_folder_is_one_line_and_loses_nothing(
    repo: Path, cli_invoke: Invoke, tmp_path: Path
) -> None:
    page = tmp_path / "terms.md"
    page.write_text("# Terms\n\nLast updated: January 1, 2024\n\nWe keep records.\n")
    before = snapshot(repo)
    with read_only(repo / "statements"):
        result = cli_invoke("import", str(page), "--statement", "terms", cwd=repo)
    assert result.exit_code == 1
    assert result.stderr == "statements/terms: Operation not permitted\n"
    assert snapshot(repo) == before


def test_import_of_a_new_revision_into_a_read_only_statement_loses_nothing(
    repo: Path, cli_invoke: Invoke, tmp_path: Path
) -> None:
    page = tmp_path / "privacy.md"
    text = (repo / FOLDER / "draft.md").read_text().replace("January 24, 2023", "May 1, 2024")
    page.write_text(text)
    before = snapshot(repo)
    with read_only(repo / FOLDER / "revisions"):
        result = cli_invoke("import", str(page), "--statement", SLUG, cwd=repo)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "Operation not permitted" in result.stderr
    assert snapshot(repo) == before
    assert cli_invoke("verify", cwd=repo).exit_code == 0


def test_publish_with_git_out_of_disk_is_one_line_and_puts_everything_back(
    repo: Path, cli_invoke: Invoke, tmp_path: Path
) -> None:
    objects = repo / ".git" / "objects"
    saved = tmp_path / "objects"
    shutil.copytree(objects, saved)
    shutil.rmtree(objects)
    with full_disk(objects, "4m"):
        shutil.copytree(saved, objects, dirs_exist_ok=True)
        edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
        before = snapshot(repo)
        fill(objects)
        result = cli_invoke("publish", SLUG, cwd=repo)
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.endswith(
            "work: git commit failed: fatal: unable to write loose object file: "
            "No space left on device\n"
        )
        (objects / ".filler").unlink()
        assert snapshot(repo) == before
        assert git(repo, "diff", "--cached", "--name-only") == ""
