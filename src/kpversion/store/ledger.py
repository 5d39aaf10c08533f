"""The ledger: an append-only, hash-chained record of every published revision.

Each line of `ledger.jsonl` is one JSON object. Its `prev` is the sha256 of the previous
line's exact bytes (null for the first), and its `sha256` is that of the revision file, so
editing a revision or any ledger line breaks the chain where it happened. `record_sha256` and
`notice_sha256` put the revision's record and notice under the same chain. The last line has
no successor to chain it: its publish tag's message carries its hash (`Kpversion-Entry`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpversion.errors import IntegrityError

CORE_FIELDS = ("version", "sha256", "prev", "published_at", "effective", "verdict")
HASH_FIELDS = ("record_sha256", "notice_sha256")
"""Meta fields holding the sha256 of a file beside the revision, or null when it has none."""
ENTRY_TRAILER = "Kpversion-Entry"
"""The trailer of a publish tag's message that carries the sha256 of its ledger line."""


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
        """Strict: a core field that is not a string (`prev` may be null) is refused."""
        for name in CORE_FIELDS:
            value = data[name]
            if not isinstance(value, str) and not (name == "prev" and value is None):
                raise TypeError(f"field {name!r} must be a string, not {type(value).__name__}")
        for name in HASH_FIELDS:
            if name in data and not isinstance(data[name], (str, type(None))):
                raise TypeError(f"field {name!r} must be a sha256 or null")
        return cls(
            version=data["version"],
            sha256=data["sha256"],
            prev=data["prev"],
            published_at=data["published_at"],
            effective=data["effective"],
            verdict=data["verdict"],
            meta={k: v for k, v in data.items() if k not in CORE_FIELDS},
        )


def settings_digest(
    kind: str,
    regimes: Sequence[str],
    notice_days: int,
    tree_rules: Mapping[str, Any],
    statement_rules: Mapping[str, Any],
) -> dict[str, Any]:
    """The settings a revision's verdict and obligations were decided under, as its ledger
    entry records them: `check` shows what changed since (the rules by their sha256)."""
    rules = json.dumps(
        {"tree": tree_rules, "statement": statement_rules}, sort_keys=True, ensure_ascii=False
    )
    return {
        "kind": kind,
        "regimes": list(regimes),
        "notice_days": notice_days,
        "rules_sha256": sha256_text(rules),
    }


def entry_trailer(line: str) -> str:
    """The trailer line a publish tag's message carries for its ledger line."""
    return f"{ENTRY_TRAILER}: {line_hash(line)}"


def trailer_hash(message: str) -> str | None:
    """The ledger-line hash a tag message carries, if any."""
    prefix = f"{ENTRY_TRAILER}: "
    for line in message.splitlines():
        if line.startswith(prefix):
            return line.removeprefix(prefix).strip()
    return None


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
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise IntegrityError(f"line {number} is not a ledger entry ({exc})", path) from None
        result.append((line, entry))
    return result
