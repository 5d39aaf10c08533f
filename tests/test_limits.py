"""The size limit: a statement's text is at most 5 MB wherever it enters (import, diff
operands, the draft, backfill, git operands); above it, one line, and the file is never read
whole. Time and memory below it are measured in bench/size_bench.py."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kpversion.limits import MAX_TEXT_BYTES

from .statement_repo import bundled_repo, git

Invoke = Callable[..., Result]
SLUG = "privacy-statement"
FOLDER = f"statements/{SLUG}"
OVER = "over the 5 MB limit of a statement's text (5,000,000 bytes)"


def big_text(size: int) -> str:
    line = "We keep your information only as long as we need it for the purposes above.\n\n"
    return ("# Terms\n\nLast updated: January 1, 2024\n\n" + line * (size // len(line) + 1))[:size]


@pytest.fixture
def repo(tmp_path: Path, git_repo: Callable[[Path], Path]) -> Path:
    return bundled_repo(tmp_path, git_repo)


def test_import_refuses_a_page_over_the_limit(repo: Path, cli_invoke: Invoke) -> None:
    page = repo.parent / "huge.md"
    page.write_text(big_text(MAX_TEXT_BYTES + 1))
    result = cli_invoke("import", str(page), "--statement", "terms", cwd=repo)
    assert result.exit_code == 1
    assert result.stderr == f"{page}: is {MAX_TEXT_BYTES + 1:,} bytes, {OVER}\n"
    assert not (repo / "statements" / "terms").exists()


def test_a_text_at_the_limit_is_imported(repo: Path, cli_invoke: Invoke) -> None:
    page = repo.parent / "large.md"
    page.write_text(big_text(MAX_TEXT_BYTES - 1000))
    result = cli_invoke("import", str(page), "--statement", "terms", cwd=repo)
    assert result.exit_code == 0, result.output


def test_diff_refuses_an_operand_over_the_limit(repo: Path, cli_invoke: Invoke) -> None:
    small, huge = repo.parent / "small.md", repo.parent / "huge.txt"
    small.write_text(big_text(1000))
    huge.write_text(big_text(3 * MAX_TEXT_BYTES))
    result = cli_invoke("diff", str(small), str(huge), cwd=repo)
    assert result.exit_code == 1
    assert result.stderr == f"{huge}: is {3 * MAX_TEXT_BYTES:,} bytes, {OVER}\n"


def test_a_draft_over_the_limit_is_refused_by_diff_and_publish(
    repo: Path, cli_invoke: Invoke
) -> None:
    (repo / FOLDER / "draft.md").write_text(big_text(MAX_TEXT_BYTES + 10))
    for command in (("diff", SLUG), ("publish", SLUG)):
        result = cli_invoke(*command, cwd=repo)
        assert result.exit_code == 1
        expected = f"{FOLDER}/draft.md: is {MAX_TEXT_BYTES + 10:,} bytes, {OVER}"
        assert result.stderr.startswith(expected), result.stderr


def test_a_git_operand_and_a_backfilled_commit_over_the_limit_are_refused(
    repo: Path, cli_invoke: Invoke, tmp_path: Path, git_repo: Callable[[Path], Path]
) -> None:
    source = git_repo(tmp_path / "source")
    (source / "policy.md").write_text(big_text(MAX_TEXT_BYTES + 5))
    git(source, "add", "policy.md")
    git(source, "commit", "-q", "-m", "A huge policy")
    head = git(source, "rev-parse", "HEAD")
    backfilled = cli_invoke(
        "backfill", "--repo", str(source), "--path", "policy.md", "--statement", "big", cwd=repo
    )
    assert backfilled.exit_code == 1
    # (rich's progress bar leaves an empty line on stderr)
    assert backfilled.stderr.strip() == (
        f"policy.md at {head[:12]}: is {MAX_TEXT_BYTES + 5:,} bytes, {OVER}"
    )
    subprocess.run(["cp", str(source / "policy.md"), str(repo / "policy.md")], check=True)
    git(repo, "add", "policy.md")
    git(repo, "commit", "-q", "-m", "huge")
    (repo / "small.md").write_text(big_text(1000))
    operand = cli_invoke("diff", "small.md", "git:HEAD:policy.md", cwd=repo)
    assert operand.exit_code == 1
    assert operand.stderr.startswith("git:HEAD:policy.md: is ")
