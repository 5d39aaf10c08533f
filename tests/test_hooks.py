from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kpversion import Store
from kpversion.errors import KpversionError
from kpversion.workflows.hooks import MARKER, install
from kpversion.workflows.publish import PublishRequest, publish

from .statement_repo import FLIP, NOW, bundled_repo, edit_draft, git

Invoke = Callable[..., Result]

SLUG = "privacy-statement"
REVISION = f"statements/{SLUG}/revisions/2023-01-24.md"


@pytest.fixture
def repo(tmp_path: Path, git_repo: Callable[[Path], Path]) -> Path:
    return bundled_repo(tmp_path, git_repo)


def commit(repo: Path, message: str) -> subprocess.CompletedProcess[str]:
    git(repo, "add", "statements")
    return subprocess.run(
        ["git", "commit", "-q", "-m", message], cwd=repo, capture_output=True, text=True
    )


def test_install_writes_an_executable_hook_and_keeps_foreign_ones(
    cli_invoke: Invoke, repo: Path
) -> None:
    result = cli_invoke("hooks", "install", cwd=repo)
    hook = repo / ".git/hooks/pre-commit"
    assert (result.exit_code, result.output) == (0, f"installed {hook}\n")
    assert MARKER in hook.read_text() and hook.stat().st_mode & 0o111
    assert cli_invoke("hooks", "install", cwd=repo).exit_code == 0
    hook.write_text("#!/bin/sh\nexit 0\n")
    refused = cli_invoke("hooks", "install", cwd=repo)
    assert refused.exit_code == 1
    assert (
        refused.stderr == f"{hook}: a pre-commit hook exists already; pass --force to replace it\n"
    )
    assert cli_invoke("hooks", "install", "--force", cwd=repo).exit_code == 0


def test_install_outside_git_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(KpversionError, match="not inside a git work tree"):
        install(tmp_path)


def test_hook_rejects_edits_to_published_revisions_and_lets_drafts_and_publish_through(
    repo: Path,
) -> None:
    install(repo)
    revision = repo / REVISION
    revision.write_text(revision.read_text().replace(*FLIP))
    rejected = commit(repo, "Edit the past")
    assert rejected.returncode != 0
    assert f"{REVISION}: staged edit to a published revision (refused)" in rejected.stderr
    git(repo, "checkout", "HEAD", "--", "statements")
    git(repo, "reset", "-q")
    edit_draft(repo, SLUG, *FLIP)
    assert commit(repo, "Draft the sale program").returncode == 0
    request = PublishRequest(SLUG, override="material", because="Counsel approved")
    done = publish(Store(repo), request, NOW)
    assert done.commit == git(repo, "rev-parse", "HEAD")


ODD = "odd dir $(touch pwned) `touch pwned2` \"q\" 's'"


def fake_kpversion(folder: Path) -> tuple[Path, Path]:
    """An executable at a path full of shell syntax that records the arguments it gets."""
    folder.mkdir(parents=True)
    calls = folder.parent / "calls.txt"
    program = folder / "kpversion"
    program.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {shlex.quote(str(calls))}\n')
    program.chmod(0o755)
    return program, calls


def test_the_hook_quotes_the_executable_and_the_store_path(
    tmp_path: Path, git_repo: Callable[[Path], Path]
) -> None:
    repo = git_repo(tmp_path / "repo")
    store = repo / ODD
    (store / "statements").mkdir(parents=True)
    program, calls = fake_kpversion(tmp_path / ODD / "bin")
    hook = install(store, executable=str(program))
    run = subprocess.run(["sh", str(hook)], cwd=repo, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert calls.read_text().splitlines() == ["--root", ODD, "check", "--staged"]
    assert not list(repo.rglob("pwned*")) and not list(tmp_path.rglob("pwned*"))


def test_the_hook_finds_the_store_from_the_top_and_honours_kpversion(
    tmp_path: Path, git_repo: Callable[[Path], Path]
) -> None:
    repo = git_repo(tmp_path / "repo")
    (repo / "statements").mkdir()
    hook = install(repo / "statements", executable="/nonexistent/kpversion")
    program, calls = fake_kpversion(tmp_path / "other bin")
    env = {**os.environ, "KPVERSION": str(program)}
    run = subprocess.run(["sh", str(hook)], cwd=repo, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert calls.read_text().splitlines() == ["--root", ".", "check", "--staged"]


def test_a_commit_through_the_installed_hook_in_a_folder_with_spaces(
    tmp_path: Path, git_repo: Callable[[Path], Path]
) -> None:
    repo = bundled_repo(tmp_path / "a b", git_repo)
    install(repo)
    edit_draft(repo, SLUG, *FLIP)
    assert commit(repo, "Draft").returncode == 0
    revision = repo / REVISION
    revision.write_text(revision.read_text().replace(*FLIP))
    rejected = commit(repo, "Edit the past")
    assert f"{REVISION}: staged edit to a published revision (refused)" in rejected.stderr
