"""Machine-readable reports: `--format json` of status, log, check and verify.

Every document carries a `schema` key, e.g. `"kpversion.status/1"`, whose JSON Schema is
`docs/schemas/status.schema.json`. A new key keeps the number; a change that breaks a reader
(a key removed, renamed or retyped) raises it. Findings and problems are rendered from their
fields, whatever fields they have, so a new kind of finding needs no change here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpversion.dates import DateVersion

if TYPE_CHECKING:
    from kpversion.store.tree import Store
    from kpversion.store.verify import VerifyReport
    from kpversion.workflows.check import CheckReport
    from kpversion.workflows.log import RevisionLog
    from kpversion.workflows.status import StatusReport

SCHEMA_VERSION = 1


def schema(name: str) -> str:
    """The value of a document's `schema` key, e.g. `kpversion.check/1`."""
    return f"kpversion.{name}/{SCHEMA_VERSION}"


def dumps(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def plain(value: Any) -> Any:
    """A report value as JSON: dataclasses by field, enums by value, dates and paths as text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, DateVersion):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(item) for item in value]
    return value


def status_json(report: StatusReport) -> str:
    return dumps(
        {
            "schema": schema("status"),
            "today": report.today.isoformat(),
            "statements": [plain(row) for row in report.statements],
        }
    )


def log_json(log: RevisionLog, store: Store) -> str:
    """Each revision is its ledger entry as recorded, plus the path of its file."""
    revisions = []
    for revision in log.revisions:
        entry = json.loads(revision.entry.to_line())
        revisions.append({**entry, "path": store.display(revision.path)})
    return dumps(
        {
            "schema": schema("log"),
            "statement": log.slug,
            "title": log.title,
            "revisions": revisions,
        }
    )


def check_json(report: CheckReport, *, staged: bool) -> str:
    blocking = {id(finding) for finding in report.blocking(staged=staged)}
    findings = [{**plain(f), "blocking": id(f) in blocking} for f in report.findings]
    return dumps(
        {
            "schema": schema("check"),
            "statements": report.statements,
            "staged": staged,
            "failed": report.failed(staged=staged),
            "findings": findings,
        }
    )


def verify_json(report: VerifyReport, problems: Sequence[Any] | None = None) -> str:
    """problems: the report's, plus any a caller adds (`verify --against`); `warnings` are
    the report's other notes (folders that are not statements), never a failure."""
    found = list(report.problems if problems is None else problems)
    return dumps(
        {
            "schema": schema("verify"),
            "statements": report.statements,
            "revisions": report.revisions,
            "ok": not found,
            "problems": [plain(problem) for problem in found],
            "warnings": [plain(stray) for stray in getattr(report, "strays", ())],
        }
    )


def one_line(text: str) -> str:
    """Text for a terminal or a CI log: control characters (a newline in a file name, say)
    written as escapes, so one finding is one line and cannot forge another."""
    return "".join(
        ch if ch.isprintable() or ch == "\t" else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )
