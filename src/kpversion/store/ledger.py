"""The ledger: an append-only, hash-chained record of every published revision.

Each line of `ledger.jsonl` is one JSON object. Its `prev` is the sha256 of the previous
line's exact bytes (null for the first), and its `sha256` is that of the revision file, so
editing a revision or any ledger line breaks the chain where it happened.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from kpversion.dates import DateVersion
from kpversion.errors import IntegrityError


class StoreLike(Protocol):
    """What verification needs of a store (integrity sits below store.py)."""

    folder: Path

    def slugs(self) -> list[str]: ...

    def display(self, path: Path) -> str: ...


CORE_FIELDS = ("version", "sha256", "prev", "published_at", "effective", "verdict")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return sha256_bytes(text.encode("utf-8"))


@dataclass(frozen=True)
class LedgerEntry:
    """One published revision as the ledger records it."""

    version: str
    sha256: str
    prev: str | None
    published_at: str
    effective: str
    verdict: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    """Everything else: source, title, notice, override, commit, ..."""

    def to_line(self) -> str:
        data: dict[str, Any] = {
            "version": self.version,
            "sha256": self.sha256,
            "prev": self.prev,
            "published_at": self.published_at,
            "effective": self.effective,
            "verdict": self.verdict,
        }
        data.update({k: v for k, v in self.meta.items() if k not in data})
        return json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LedgerEntry:
        return cls(
            version=str(data["version"]),
            sha256=str(data["sha256"]),
            prev=data["prev"],
            published_at=str(data["published_at"]),
            effective=str(data["effective"]),
            verdict=str(data["verdict"]),
            meta={k: v for k, v in data.items() if k not in CORE_FIELDS},
        )


def line_hash(line: str) -> str:
    return sha256_text(line.rstrip("\n"))


def read_ledger(path: Path) -> list[tuple[str, LedgerEntry]]:
    """Parse every line, returning (raw line, entry); a malformed line is an IntegrityError."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise IntegrityError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path) from None
    result = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            entry = LedgerEntry.from_dict(data)
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise IntegrityError(f"line {number} is not a ledger entry ({exc})", path) from None
        result.append((line, entry))
    return result


@dataclass(frozen=True)
class Problem:
    """One integrity problem: the file it is about and what is wrong."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def verify_statement(folder: Path, display: str) -> list[Problem]:
    """Recompute the chain and every revision hash of one statement folder."""
    ledger_path = folder / "ledger.jsonl"
    label = f"{display}/ledger.jsonl"
    linked = [
        Problem(f"{display}/{name}", "is a symbolic link, not the published files")
        for name in ("ledger.jsonl", "revisions")
        if (folder / name).is_symlink()
    ]
    if linked:
        return linked
    try:
        lines = read_ledger(ledger_path)
    except IntegrityError as exc:
        return [Problem(label, exc.problem)]
    problems: list[Problem] = []
    prev: str | None = None
    last: DateVersion | None = None
    seen: set[str] = set()
    for number, (line, entry) in enumerate(lines, start=1):
        if entry.prev != prev:
            problems.append(Problem(label, f"line {number} ({entry.version}): hash chain broken"))
        prev = line_hash(line)
        problems += _check_entry(folder, display, entry, last, label, number)
        if DateVersion.is_valid(entry.version):
            last = DateVersion.parse(entry.version)
        seen.add(entry.version)
    for path in sorted((folder / "revisions").glob("*.md")):
        if path.stem not in seen:
            problems.append(Problem(f"{display}/revisions/{path.name}", "not in the ledger"))
    return problems


def _check_entry(
    folder: Path, display: str, entry: LedgerEntry, last: DateVersion | None, label: str, n: int
) -> list[Problem]:
    if not DateVersion.is_valid(entry.version):
        return [Problem(label, f"line {n}: invalid version {entry.version!r}")]
    problems = []
    if last is not None and DateVersion.parse(entry.version) <= last:
        problems.append(Problem(label, f"line {n}: version {entry.version} is not after {last}"))
    revision = folder / "revisions" / f"{entry.version}.md"
    shown = f"{display}/revisions/{entry.version}.md"
    if revision.is_symlink():
        problems.append(Problem(shown, "is a symbolic link, not the published file"))
    elif not revision.exists():
        problems.append(Problem(shown, "revision file is missing"))
    elif not revision.is_file():
        problems.append(Problem(shown, "is not a regular file"))
    elif sha256_bytes(revision.read_bytes()) != entry.sha256:
        problems.append(Problem(shown, "published revision changed (sha256 mismatch)"))
    return problems


@dataclass(frozen=True)
class VerifyReport:
    statements: int
    revisions: int
    problems: tuple[Problem, ...]


def verify_store(store: StoreLike) -> VerifyReport:
    """Verify every statement of a store."""
    problems: list[Problem] = []
    revisions = 0
    slugs = store.slugs()
    for slug in slugs:
        folder = store.folder / slug
        problems += verify_statement(folder, store.display(folder))
        revisions += len(list((folder / "revisions").glob("*.md")))
    return VerifyReport(len(slugs), revisions, tuple(problems))
