"""Crash safety: SIGKILL a publish at every crash point; the next command recovers it.

After every kill, `kpversion verify` passes and the tree holds either the old revision set or
the new one (files, git commit and tag), never a mix; and a publish run again succeeds.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kpversion import Store
from kpversion.store import crashpoints as faults
from kpversion.workflows.publish import PublishRequest, publish

from .statement_repo import FLIP, NOW, bundled_repo, edit_draft, git, snapshot

Invoke = Callable[..., Result]

SLUG = "privacy-statement"
MATERIAL = PublishRequest(SLUG, override="material", because="Counsel approved", editor="Ed")
SCENARIOS = {
    # A material change: revision, notice, record, draft, ledger, commit and tag.
    "material": (FLIP, MATERIAL),
    # A date-only change: no notice, one file fewer.
    "non-material": (("January 24, 2023", "February 1, 2027"), PublishRequest(SLUG)),
}
# The kpversion of the Python running the tests: .venv's in a checkout, any venv's for the sdist.
KPVERSION = Path(sys.executable).parent / "kpversion"


def state(root: Path) -> dict[str, str]:
    """The files and the git state, without the commit's id (it holds the clock)."""
    found = snapshot(root)
    head = found.pop("git:HEAD")
    found["git:parent"] = git(root, "rev-parse", "HEAD^") if found["git:tags"] else head
    return found


@pytest.fixture
def base(tmp_path: Path, git_repo: Callable[[Path], Path]) -> Path:
    return bundled_repo(tmp_path, git_repo)


@pytest.fixture
def template(base: Path) -> Path:
    edit_draft(base, SLUG, *FLIP)
    return base


def copy(template: Path, name: str) -> Path:
    target = template.parent / name
    shutil.copytree(template, target, symlinks=True)
    return target


def publish_killed_at(root: Path, request: PublishRequest, point: int) -> int:
    """Run publish in a forked child that SIGKILLs itself at its point-th crash point."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        code = 1
        try:
            os.environ[faults.CRASH_ENV] = str(faults.passed() + point)
            publish(Store(root), request, NOW)
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


@pytest.mark.slow
def test_sigkill_at_every_crash_point_leaves_old_or_new(base: Path, cli_invoke: Invoke) -> None:
    kills = 0
    for name, (edit, request) in SCENARIOS.items():
        template = copy(base, name)
        edit_draft(template, SLUG, *edit)
        kills += kill_at_every_point(template, request, cli_invoke)
    assert kills >= 50, kills


def kill_at_every_point(
    template: Path, request: PublishRequest, cli_invoke: Callable[..., Result]
) -> int:
    old = state(template)
    done = copy(template, f"{template.name}-reference")
    before = faults.passed()
    publish(Store(done), request, NOW)
    points = faults.passed() - before
    new = state(done)
    outcomes = {"old": 0, "new": 0}
    for point in range(1, points + 1):
        root = copy(template, f"{template.name}-kill-{point}")
        assert publish_killed_at(root, request, point) == -signal.SIGKILL
        verified = cli_invoke("verify", cwd=root)
        assert verified.exit_code == 0, (point, verified.output)
        after = state(root)
        assert after in (old, new), f"crash point {point} left a mix"
        outcomes["old" if after == old else "new"] += 1
        if after == old:
            publish(Store(root), request, NOW)
            assert state(root) == new, point
        shutil.rmtree(root)
    assert outcomes["old"] and outcomes["new"]
    return points


def test_sigkill_of_the_real_command_at_random_moments(template: Path) -> None:
    old = state(template)
    rng = random.Random(5)
    for run in range(6):
        root = copy(template, f"timed-{run}")
        command = [str(KPVERSION), "publish", SLUG, "--override", "material", "--because", "ok"]
        child = subprocess.Popen(command, cwd=root, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.2))
        child.send_signal(signal.SIGKILL)
        child.wait()
        verified = subprocess.run([str(KPVERSION), "verify"], cwd=root, capture_output=True)
        assert verified.returncode == 0, verified.stderr
        after = state(root)
        assert after == old or (after["git:tags"] and after["git:status"] == ""), run
        shutil.rmtree(root)
