"""`check --format github`: findings as GitHub Actions workflow commands (annotations).

Each finding is one `::error` (it fails the check) or `::warning` line. Values are escaped as
the runner expects (`%`, CR and LF in the message; also `:` and `,` in properties), so a file
name or a problem can never end the line early or forge a second command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kpversion.workflows.check import CheckReport


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, *, title: str = "", file: str = "") -> str:
    """One workflow command, e.g. `::error file=a.md,title=x::message`."""
    properties = [f"{key}={escape_property(value)}" for key, value in (("file", file),
                  ("title", title)) if value]  # fmt: skip
    head = f"::{level} {','.join(properties)}" if properties else f"::{level}"
    return f"{head}::{escape_data(message)}"


def check_annotations(
    report: CheckReport, *, staged: bool, is_file: Callable[[str], bool]
) -> list[str]:
    """One annotation per finding; `file=` only for a path that is a file (a statement folder
    has no line to point at, so its finding is shown on the run instead)."""
    blocking = {id(finding) for finding in report.blocking(staged=staged)}
    lines = []
    for finding in report.findings:
        level = "error" if id(finding) in blocking else "warning"
        severity = str(getattr(finding, "severity", "") or "")
        rule = str(getattr(finding, "rule", "") or "")
        message = f"{finding.path}: {finding.problem}" + (f" ({rule})" if rule else "")
        title = f"kpversion check: {severity}" if severity else "kpversion check"
        path = finding.path if is_file(finding.path) else ""
        lines.append(annotation(level, message, title=title, file=path))
    return lines
