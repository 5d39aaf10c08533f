"""One exception root: every expected failure becomes one line, `path: problem`.

Exit codes (docs/commands.md holds the one table): 0 ok, 1 error, 2 usage (click's own),
3 findings or integrity problems, 4 nothing to do.
"""

from __future__ import annotations

from pathlib import Path


class KpversionError(Exception):
    """An expected failure, reported to the user as one line and exit code 1."""

    exit_code = 1

    def __init__(self, problem: str, path: Path | str | None = None) -> None:
        self.problem = problem
        self.path = None if path is None else str(path)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.path}: {self.problem}" if self.path else self.problem


class ConfigError(KpversionError):
    """A settings file is malformed or holds an unknown key."""


class InputError(KpversionError):
    """A file given to kpversion cannot be read as a statement."""


class StoreError(KpversionError):
    """The statements/ tree is missing, or an operation on it is not allowed."""


class IntegrityError(KpversionError):
    """A published revision or ledger entry does not match its recorded hash."""

    exit_code = 3


class NothingToDo(KpversionError):
    """The command had nothing to do (exit code 4; 2 is click's usage error)."""

    exit_code = 4
