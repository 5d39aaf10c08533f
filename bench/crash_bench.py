"""SIGKILL the process group of `kpversion publish` at random moments, and inside git.

Two kinds of trial, on copies of the bundled statements in a git repository with a material
draft:

- `random`: the whole process group (kpversion and every git it runs) is killed at a moment
  drawn uniformly over a publish's measured length;
- `in git`: a wrapper git (through GIT_PYTHON_GIT_EXECUTABLE) lets the real git start on one
  of the git calls that write (add, commit, tag), drawn at random, waits 0-15 ms, and kills
  the group while that git runs, as a CI timeout or the OOM killer does; many leave git's
  index lock behind.

After each kill the next command (`status`) must succeed and `verify` must pass, the tree must
hold the old revision set or the new one (files, commit, tag), nothing may be staged, and a
publish run again must succeed. A trial that fails any of these is lost: a stuck state.

    .venv/bin/python bench/crash_bench.py [--random N] [--in-git N] [--seed S]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KPVERSION = Path(sys.executable).with_name("kpversion")
SLUG = "privacy-statement"
FLIP = ("We do not sell or rent", "We may sell or rent")
PUBLISH = ["publish", SLUG, "--override", "material", "--because", "Counsel approved"]
WRAPPER = """#!/bin/sh
# Count the git calls that write (they take the index lock); on the chosen one, run git and
# kill the whole process group while it runs.
case "$1" in add|commit|tag|reset|rm|update-ref) ;; *) exec "$REAL_GIT" "$@" ;; esac
count=$(($(cat "$KILL_COUNTER" 2>/dev/null || echo 0) + 1))
echo "$count" > "$KILL_COUNTER"
if [ "$count" = "$KILL_AT_CALL" ]; then
  "$REAL_GIT" "$@" &
  sleep "$KILL_DELAY"
  kill -KILL 0
fi
exec "$REAL_GIT" "$@"
"""


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def template(scratch: Path) -> Path:
    root = scratch / "template"
    root.mkdir()
    for args in (["init", "-q", "-b", "main"], ["config", "user.name", "Bench"],
                 ["config", "user.email", "bench@example.org"]):  # fmt: skip
        git(root, *args)
    shutil.copytree(REPO / "statements", root / "statements")
    git(root, "add", "statements")
    git(root, "commit", "-q", "-m", "Bundled statements")
    draft = root / "statements" / SLUG / "draft.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace(*FLIP, 1), encoding="utf-8")
    return root


def state(root: Path) -> tuple[object, ...]:
    """Every file under statements/ by name; the texts (revisions, drafts) by hash; the ledger
    by line count; the tags and HEAD's subject. Records and ledger lines hold the moment of
    publishing, which differs from run to run."""
    paths = sorted(p for p in (root / "statements").rglob("*") if p.is_file())
    texts = tuple(
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in paths
        if p.name == "draft.md" or p.parent.name == "revisions"
    )
    ledgers = tuple(len(p.read_bytes().splitlines()) for p in paths if p.name == "ledger.jsonl")
    names = tuple(str(p.relative_to(root)) for p in paths)
    return names, texts, ledgers, git(root, "tag", "-l"), git(root, "log", "-1", "--format=%s")


LAST_ERROR: list[str] = [""]
"""The stderr of the last command that failed: what a lost trial prints."""


def run(root: Path, args: list[str], env: dict[str, str] | None = None) -> int:
    done = subprocess.run(
        [str(KPVERSION), *args], cwd=root, env=env, capture_output=True, check=False,
        start_new_session=True,
    )  # fmt: skip
    if done.returncode:
        LAST_ERROR[0] = done.stderr.decode("utf-8", "replace").strip()[-300:]
    return done.returncode


def killed_at_random(root: Path, seconds: float) -> None:
    child = subprocess.Popen(
        [str(KPVERSION), *PUBLISH], cwd=root, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(seconds)
    with contextlib.suppress(ProcessLookupError):  # it finished first: a trial of the end
        os.killpg(child.pid, signal.SIGKILL)
    child.wait()


def killed_in_git(root: Path, wrapper: Path, call: int, delay: float) -> None:
    env = {
        **os.environ,
        "GIT_PYTHON_GIT_EXECUTABLE": str(wrapper),
        "REAL_GIT": shutil.which("git") or "git",
        "KILL_COUNTER": str(root / ".git" / "kill-counter"),
        "KILL_AT_CALL": str(call),
        "KILL_DELAY": f"{delay:.4f}",
    }
    run(root, PUBLISH, env)


def survives(root: Path, old: tuple[object, ...], new: tuple[object, ...]) -> tuple[bool, str]:
    if run(root, ["status"]) != 0:
        return False, f"the next command failed (stuck): {LAST_ERROR[0]}"
    if run(root, ["verify"]) != 0:
        return False, "verify failed"
    after = state(root)
    if after not in (old, new):
        return False, "a mix of the old and new revision sets"
    if git(root, "diff", "--cached", "--name-only"):
        return False, "files left staged in git's index"
    if after == old and (run(root, PUBLISH) != 0 or state(root) != new):
        return False, "publishing again failed"
    return True, ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--random", type=int, default=200)
    parser.add_argument("--in-git", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        base = template(scratch)
        old = state(base)
        reference = scratch / "reference"
        shutil.copytree(base, reference)
        counter_env = {**os.environ, "GIT_PYTHON_GIT_EXECUTABLE": str(scratch / "count-git")}
        (scratch / "count-git").write_text(WRAPPER)
        (scratch / "count-git").chmod(0o755)
        counter_env.update(REAL_GIT=shutil.which("git") or "git", KILL_AT_CALL="0",
                           KILL_COUNTER=str(reference / ".git" / "kill-counter"),
                           KILL_DELAY="0")  # fmt: skip
        start = time.perf_counter()
        assert run(reference, PUBLISH, counter_env) == 0
        length = time.perf_counter() - start
        calls = int((reference / ".git" / "kill-counter").read_text())
        new = state(reference)
        print(f"a publish takes {length:.2f} s here and makes {calls} git calls that write")
        for kind, count in (("random", args.random), ("in git", args.in_git)):
            survived, locks, lost = 0, 0, []
            for trial in range(count):
                root = scratch / f"trial-{kind.replace(' ', '-')}-{trial}"
                shutil.copytree(base, root)
                if kind == "random":
                    killed_at_random(root, rng.uniform(0, length))
                else:
                    killed_in_git(root, scratch / "count-git", rng.randint(1, calls),
                                  rng.uniform(0, 0.015))  # fmt: skip
                locks += (root / ".git" / "index.lock").exists()
                ok, why = survives(root, old, new)
                survived += ok
                if not ok:
                    lost.append(f"trial {trial}: {why}")
                shutil.rmtree(root)
            print(f"{kind}: tried {count} / survived {survived} / lost {count - survived} "
                  f"({locks} left git's index.lock)")  # fmt: skip
            for line in lost:
                print(f"  lost {line}")


if __name__ == "__main__":
    main()
