"""Fault injection for the crash-safety test: die by SIGKILL at the Nth crash point.

The write path calls `crashpoint(label)` between every two steps that change the disk or the
repository. With `KPVERSION_CRASH_AT=N` in the environment the process kills itself at the Nth
call, exactly as a power cut or `kill -9` would stop it; with `KPVERSION_CRASH_AT=label` (e.g.
`git: committed`), at the first crash point of that label. Without it a crash point does nothing.
"""

from __future__ import annotations

import itertools
import os
import signal

CRASH_ENV = "KPVERSION_CRASH_AT"
_passed = itertools.count(1)
_last = 0


def crashpoint(label: str) -> None:
    """One place an interrupted write path must be able to recover from."""
    global _last
    _last = next(_passed)
    target = os.environ.get(CRASH_ENV)
    if target and (target == label or (target.isdigit() and int(target) == _last)):
        os.kill(os.getpid(), signal.SIGKILL)


def passed() -> int:
    """How many crash points this process has passed (the test counts a publish's points)."""
    return _last
