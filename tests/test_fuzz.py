"""No input can hang kpversion: the real commands on 100 KB adversarial drafts and pages.

Each input targets a pattern that was quadratic or worse (a long run after "Last updated", a
run of spaces and stars, unclosed comments, periods after short words, a heading that ends in
"#") or a configured chrome pattern that backtracks exponentially. Every command must finish
in under 2 s of CPU time: a bound against hangs with a wide margin (each takes well under a
second here), not a speed target; speed is measured in bench/. CPU time, not the clock's: a
suite run in two workers, or beside other work, slows the clock but not the work a command does.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from kpversion.cli import cli

Invoke = Callable[..., Result]
SIZE = 100_000
BOUND = 2.0
PREFIX = "# Privacy Statement\n\nWe do not sell personal information.\n\n"

NO_VERSION = "no version found: no 'Last updated' or 'Effective date' line; pass --version"
INPUTS = {
    "spaces after Last updated": "Last updated" + " " * SIZE + "x\n",
    "colons after Last updated": "Last updated" + ":" * SIZE + "x\n",
    "stars after Effective date": "Effective date" + "*" * SIZE + "x\n",
    "spaces, stars and pipes": "Some words" + " *|_" * (SIZE // 4) + "x\n",
    "unclosed comments": "<!-- a " * (SIZE // 7) + "\n",
    "an unclosed comment, then lines": "<!--\n" + ("a" * 70 + "\n") * (SIZE // 71),
    "periods after letters": "x" * (SIZE - 9_000) + " a." * 3_000 + "\n",
    "a heading ending in #": "# " + "a" * SIZE + "#\n",
    "a heading of spaces": "# " + " " * SIZE + "#\n",
    "a run of emphasis": "a" + "*" * SIZE + "b\n",
}


KILL_AFTER = 5 * BOUND
"""A command still running then is killed: a hang fails the test instead of stalling the suite."""


@dataclass(frozen=True)
class Ran:
    exit_code: int
    output: str
    seconds: float
    """CPU seconds, the command's and those of any process it waited for."""


def timed(*args: str, cwd: Path) -> Ran:
    """Run `kpversion ARGS` in a forked copy of this process (kpversion already imported, so
    no start-up is timed), killed after KILL_AFTER seconds by the clock: a regex in C cannot be
    interrupted in-process."""
    reply = cwd.parent / "reply.json"
    reply.unlink(missing_ok=True)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the reply file
        os.chdir(cwd)
        result = CliRunner().invoke(cli, list(args))
        reply.write_text(json.dumps([result.exit_code, result.output]))
        os._exit(0)
    while time.perf_counter() - start < KILL_AFTER:
        done, _, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.01)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return Ran(-signal.SIGKILL, "killed", time.perf_counter() - start)
    seconds = usage.ru_utime + usage.ru_stime
    exit_code, output = json.loads(reply.read_text()) if reply.exists() else (-1, "no reply")
    return Ran(exit_code, output, seconds)


def tree(root: Path, invoke: Invoke, chrome: str = "") -> Path:
    """A tree with one statement, `policy`, whose draft the test replaces."""
    root.mkdir(parents=True)
    assert invoke("init", cwd=root).exit_code == 0
    if chrome:
        settings = root / "statements" / "kpversion.toml"
        settings.write_text(settings.read_text() + f"chrome_patterns = ['{chrome}']\n")
    page = root / "policy.md"
    page.write_text(PREFIX + "Last updated: January 1, 2024\n")
    assert invoke("import", str(page), "--statement", "policy", cwd=root).exit_code == 0
    return root


def cases() -> list[Any]:
    found = []
    for name in INPUTS:
        for command in ("import", "diff", "check", "publish"):
            found.append(pytest.param(name, command, id=f"{command}: {name}"))
    return found


@pytest.mark.parametrize(("name", "command"), cases())
def test_a_command_on_an_adversarial_input_finishes_in_bounded_time(
    tmp_path: Path, cli_invoke: Invoke, name: str, command: str
) -> None:
    root = tree(tmp_path / "repo", cli_invoke)
    text = PREFIX + INPUTS[name]
    page = tmp_path / "page.md"
    page.write_text(text)
    (root / "statements/policy/draft.md").write_text(text)
    args = {
        # No --version: the version is inferred from the text (its version-line pattern runs).
        "import": ("import", str(page), "--statement", "other"),
        "diff": ("diff", "policy"),
        "check": ("check", "--today", "2024-02-01"),
        "publish": ("publish", "policy", "--no-git", "--override", "material", "--because", "x"),
    }[command]
    ran = timed(*args, cwd=root)
    if command == "import" and ran.exit_code == 1:  # most inputs state no version
        assert ran.output == f"{page}: {NO_VERSION}\n"
    else:
        assert ran.exit_code in (0, 3), ran.output
    assert ran.seconds < BOUND, f"{command} took {ran.seconds:.1f} s of CPU"


def test_a_backtracking_chrome_pattern_cannot_hang_an_import(
    tmp_path: Path, cli_invoke: Invoke
) -> None:
    root = tree(tmp_path / "repo", cli_invoke, chrome="^(a+)+$")
    page = tmp_path / "page.txt"
    page.write_text(
        "Terms\n\n" + ("a" * 40 + "b\n\n") * (SIZE // 42) + "Last updated: May 1, 2024\n"
    )
    ran = timed("import", str(page), "--statement", "terms", cwd=root)
    assert ran.exit_code == 0, ran.output
    assert ran.seconds < BOUND


def test_a_chrome_pattern_re2_cannot_run_is_refused_in_one_line(
    tmp_path: Path, cli_invoke: Invoke
) -> None:
    root = tree(tmp_path / "repo", cli_invoke)
    settings = root / "statements" / "kpversion.toml"
    settings.write_text(settings.read_text() + "chrome_patterns = ['(a)\\1']\n")
    result = cli_invoke("check", cwd=root)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "statements/kpversion.toml: chrome pattern '(a)\\\\1' cannot run in linear time "
        "(invalid escape sequence: \\1); chrome patterns use RE2 syntax: no lookarounds or "
        "backreferences\n"
    )
