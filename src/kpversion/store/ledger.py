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
from typing import Any

from kpversion.errors import IntegrityError

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
    """Parse every line, returning (raw line, entry); a malformed line, a linked ledger or one
    that is not a regular file is an IntegrityError."""
    from kpversion.store import files

    try:
        text = files.read_text(path, path.parent)
    except FileNotFoundError:
        return []
    except files.LinkRefused as exc:
        raise IntegrityError(exc.problem, path) from None
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
