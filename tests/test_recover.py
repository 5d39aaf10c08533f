"""Recovery after kills, including kills inside git: never stuck, never silent.

A publish killed mid-way is finished or undone by the next command, which says so in one line;
a git killed while it holds `.git/index.lock` leaves a lock that is removed only when no git
process works in the repository; a repository moved after the kill recovers where it now
lives; `kpversion recover` says what it found and did. The long random runs are in
bench/crash_bench.py.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kpversion import Store
from kpversion.store import crashpoints as faults
from kpversion.workflows.publish import PublishRequest, publish

from .statement_repo import NOW, bundled_repo, edit_draft, git, snapshot

Invoke = Callable[..., Result]
SLUG = "privacy-statement"
FOLDER = f"statements/{SLUG}"
VERSION = NOW.date().isoformat()
KPVERSION = Path(__file__).resolve().parents[1] / ".venv/bin/kpversion"
DATE_ONLY = ("January 24, 2023", "February 1, 2027")


@pytest.fixture
def repo(tmp_path: Path, git_repo: Callable[[Path], Path]) -> Path:
    root = bundled_repo(tmp_path, git_repo)
    edit_draft(root, SLUG, *DATE_ONLY)
    return root


def killed_at(root: Path, label: str) -> None:
    """Publish in a forked child that SIGKILLs itself at the crash point of that label."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        try:
            os.environ[faults.CRASH_ENV] = label
            publish(Store(root), PublishRequest(SLUG, editor="Ed"), NOW)
        finally:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, label


def test_the_next_command_says_it_rolled_back_a_killed_publish(
    repo: Path, cli_invoke: Invoke
) -> None:
    before = snapshot(repo)
    killed_at(repo, "git: added")
    status = cli_invoke("status", cwd=repo)
    assert status.exit_code == 0, status.output
    assert status.stderr == (
        f"{FOLDER}: an interrupted publish of {VERSION} was rolled back "
        "(git has no commit of it; the draft holds it)\n"
    )
    assert snapshot(repo) == before
    again = cli_invoke("status", cwd=repo)
    assert again.stderr == ""  # said once: the recovery is done


def test_the_next_command_says_it_completed_a_killed_publish(
    repo: Path, cli_invoke: Invoke
) -> None:
    killed_at(repo, "git: committed")
    verified = cli_invoke("verify", cwd=repo)
    assert verified.exit_code == 0, verified.output
    assert verified.stderr == (
        f"{FOLDER}: an interrupted publish of {VERSION} was completed (tag {SLUG}/{VERSION})\n"
    )
    assert git(repo, "tag", "-l") == f"{SLUG}/{VERSION}"
    assert git(repo, "status", "--porcelain") == ""


@pytest.mark.parametrize(
    ("label", "outcome"),
    [("git: added", "rolled back"), ("git: committed", "completed"), ("lock taken", None)],
)
def test_a_repository_moved_after_the_kill_recovers_where_it_now_lives(
    repo: Path, cli_invoke: Invoke, label: str, outcome: str | None
) -> None:
    killed_at(repo, label)
    moved = repo.with_name("moved")
    shutil.move(repo, moved)
    verified = cli_invoke("verify", cwd=moved)
    assert verified.exit_code == 0, verified.output
    if outcome:
        assert f"was {outcome}" in verified.stderr
    assert not (moved / FOLDER / ".publish-journal.json").exists()
    draft = "" if outcome == "completed" else f" M {FOLDER}/draft.md"
    assert git(moved, "status", "--porcelain") == draft.strip()
    published = cli_invoke("publish", SLUG, cwd=moved)
    # Completed: the draft is already published, so there is nothing to do (exit 4).
    assert published.exit_code == (4 if outcome == "completed" else 0), published.output


def test_a_journal_naming_the_work_tree_by_an_absolute_path_recovers_after_a_move(
    repo: Path, cli_invoke: Invoke
) -> None:
    killed_at(repo, "git: committed")
    journal_path = repo / FOLDER / ".publish-journal.json"
    journal = json.loads(journal_path.read_text())
    assert journal["git"]["top"] == "../.."  # relative to the statement folder
    journal["git"]["top"] = str(repo)  # as kpversion before 0.2 wrote it
    journal_path.write_text(json.dumps(journal))
    moved = repo.with_name("restored-elsewhere")
    shutil.move(repo, moved)
    verified = cli_invoke("verify", cwd=moved)
    assert verified.exit_code == 0, verified.output
    assert "was completed" in verified.stderr


KILL_THE_GROUP = """#!/bin/sh
# Kill kpversion and every git it runs, from inside `git commit`, holding .git/index.lock.
kill -KILL 0
"""


def test_a_kill_inside_git_commit_leaves_an_index_lock_that_is_recovered(
    repo: Path, cli_invoke: Invoke
) -> None:
    hook = repo / ".git/hooks/pre-commit"
    hook.write_text(KILL_THE_GROUP)
    hook.chmod(0o755)
    before = snapshot(repo)
    killed = subprocess.run(
        [str(KPVERSION), "publish", SLUG], cwd=repo, start_new_session=True, check=False
    )
    assert killed.returncode == -signal.SIGKILL
    assert (repo / ".git/index.lock").exists()
    hook.unlink()
    status = cli_invoke("status", cwd=repo)
    assert status.exit_code == 0, status.output
    assert status.stderr.splitlines() == [
        ".git/index.lock: removed stale git lock (no git process runs in this repository)",
        f"{FOLDER}: an interrupted publish of {dt_today()} was rolled back "
        "(git has no commit of it; the draft holds it)",
    ]
    assert snapshot(repo) == before
    assert cli_invoke("publish", SLUG, cwd=repo).exit_code == 0
    assert git(repo, "status", "--porcelain") == ""


def dt_today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


def test_an_index_lock_a_live_git_holds_is_left_alone_and_named(
    repo: Path, cli_invoke: Invoke
) -> None:
    (repo / "unrelated.txt").write_text("the user's own work\n")
    git(repo, "add", "unrelated.txt")
    # `git commit PATH` holds .git/index.lock while the editor runs.
    editing = subprocess.Popen(
        ["git", "commit", "--", "unrelated.txt"],
        cwd=repo,
        env={**os.environ, "GIT_EDITOR": "sleep 60; :"},
    )
    try:
        lock = repo / ".git/index.lock"
        for _ in range(200):
            if lock.exists():
                break
            subprocess.run(["sleep", "0.05"], check=True)
        assert lock.exists()
        line = f".git/index.lock: git is running in this repository (pid {editing.pid})"
        recovered = cli_invoke("recover", cwd=repo)
        assert recovered.exit_code == 1
        assert recovered.stderr == f"{line}; try again when it ends\n"
        before = snapshot(repo)
        published = cli_invoke("publish", SLUG, cwd=repo)
        assert published.exit_code == 1
        assert published.stderr == f"{line}; try again when it ends\n"
        assert snapshot(repo) == before and lock.exists()
    finally:
        editing.kill()
        editing.wait()


def test_recover_says_what_it_found_and_did(repo: Path, cli_invoke: Invoke) -> None:
    nothing = cli_invoke("recover", cwd=repo)
    assert nothing.exit_code == 0
    assert nothing.stdout == (
        "nothing to recover: no interrupted publish or backfill, stale lock or leftover file\n"
    )
    killed_at(repo, "git: start")
    (repo / FOLDER / ".draft.md.x1y2.tmp").write_text("half a write")
    done = cli_invoke("recover", cwd=repo)
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == [
        f"{FOLDER}: an interrupted publish of {VERSION} was rolled back "
        "(git has no commit of it; the draft holds it)",
        f"{FOLDER}/.draft.md.x1y2.tmp: removed, left by a killed write",
        f"{FOLDER}/.publish.lock: removed, left by a process that died holding it",
        f"{FOLDER}/.publish.lock.owner: removed, left by a process that died holding it",
    ]
    assert cli_invoke("recover", cwd=repo).stdout.startswith("nothing to recover")


def test_recover_puts_back_what_a_killed_backfill_set_aside(repo: Path, cli_invoke: Invoke) -> None:
    statements = repo / "statements"
    aside = statements / f".{SLUG}.backfill-old"
    (statements / SLUG).rename(aside)  # killed after setting the old folder aside
    building = statements / ".terms.backfill-999999999"
    building.mkdir()  # and a folder a killed backfill was building
    (building / "statement.toml").write_text('title = "T"\n')
    done = cli_invoke("recover", cwd=repo)
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == [
        f"statements/.{SLUG}.backfill-old: put back as {FOLDER}, which a killed backfill had "
        "set aside",
        "statements/.terms.backfill-999999999: removed, built by a backfill that was killed",
    ]
    assert (statements / SLUG / "ledger.jsonl").is_file() and not building.exists()
    assert cli_invoke("recover", cwd=repo).stdout.startswith("nothing to recover")


def test_a_tag_lock_left_by_a_killed_git_tag_is_removed_when_no_git_runs(
    repo: Path, cli_invoke: Invoke
) -> None:
    # A kill inside `git tag` leaves refs/tags/<tag>.lock: every later tag of that name failed
    # ("remove the file manually to continue"); 1 in 100 kills inside git did it.
    tag_lock = repo / ".git/refs/tags" / SLUG / f"{dt_today()}.lock"
    tag_lock.parent.mkdir(parents=True, exist_ok=True)
    tag_lock.write_text("")
    published = cli_invoke("publish", SLUG, cwd=repo)
    assert published.exit_code == 0, published.output
    assert published.stderr.splitlines()[0] == (
        f".git/refs/tags/{SLUG}/{dt_today()}.lock: removed stale git lock "
        "(no git process runs in this repository)"
    )
    assert not tag_lock.exists()
    assert git(repo, "tag", "-l") == f"{SLUG}/{dt_today()}"
