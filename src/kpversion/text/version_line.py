"""The version line a statement states about itself ("Last reviewed/updated: January 24, 2023").

Finding it infers a revision's version on import; rewriting it stamps a publish.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kpversion.dates import MONTHS, DateVersion, format_date

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_MONTH}[^\S\n]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?[^\S\n]+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?[^\S\n]+{_MONTH.replace('month', 'month2')}"
    r",?[^\S\n]+(?P<year2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<us>\d{1,2}/\d{1,2}/\d{4}))"
)
# Ordered by how reliably the label states the revision date: "last updated" first.
LABELS = (
    r"(?:date\s+)?last\s+(?:reviewed\s*/\s*updated|updated\s*/\s*reviewed|reviewed|updated"
    r"|revised|modified)",
    r"(?:date\s+)?(?:updated|revised)",
    r"effective(?:\s+date|\s+as\s+of)?",
    r"version(?:\s+date)?",
)
_GAP = r"(?:[^\S\n]|[*_:\-–—\[(（\\])*"
_LINE = re.compile(
    rf"^(?:[^\S\n]|[*_#>(\[（\-\\])*(?P<label>{'|'.join(LABELS)})"
    rf"{_GAP}(?:(?:on|at|from)\b)?{_GAP}{_DATE}",
    re.IGNORECASE | re.MULTILINE,
)
# Mozilla's notices state their date as a kramdown attribute: {: datetime="2014-01-27" }
_ATTRIBUTE = re.compile(r'^\{:\s*datetime="(?P<iso>\d{4}-\d{2}-\d{2})"', re.MULTILINE)


@dataclass(frozen=True)
class VersionLine:
    """Where the version line sits in a text and the date it states."""

    start: int
    end: int
    date: dt.date
    label: str


def find_version_line(text: str) -> VersionLine | None:
    """The most reliable dated line: a 'last updated' line beats an 'effective date' line."""
    matches = [m for m in _LINE.finditer(text) if _date_of(m) is not None]
    if not matches:
        return _attribute_line(text)
    best = min(matches, key=lambda m: (_label_rank(m.group("label")), m.start()))
    line_end = text.find("\n", best.start())
    date = _date_of(best)
    assert date is not None
    return VersionLine(
        best.start(), len(text) if line_end < 0 else line_end, date, best.group("label")
    )


def infer_version(text: str) -> DateVersion | None:
    line = find_version_line(text)
    return DateVersion(line.date) if line else None


def stamp(text: str, template: str, date: dt.date, style: str = "long") -> str:
    """Set the text's version line to date, replacing the old line or appending one."""
    new_line = template.replace("{date}", format_date(date, style))
    found = find_version_line(text)
    if found is None:
        return text.rstrip("\n") + "\n\n" + new_line + "\n"
    return text[: found.start] + new_line + text[found.end :]


def _attribute_line(text: str) -> VersionLine | None:
    match = _ATTRIBUTE.search(text)
    if match is None:
        return None
    try:
        date = dt.date.fromisoformat(match.group("iso"))
    except ValueError:
        return None
    end = text.find("\n", match.start())
    return VersionLine(match.start(), len(text) if end < 0 else end, date, "datetime")


def _label_rank(label: str) -> int:
    for rank, pattern in enumerate(LABELS):
        if re.fullmatch(pattern, " ".join(label.split()), re.IGNORECASE):
            return rank
    return len(LABELS)


def _date_of(match: re.Match[str]) -> dt.date | None:
    try:
        if match.group("iso"):
            return dt.date.fromisoformat(match.group("iso"))
        if match.group("us"):
            month, day, year = (int(p) for p in match.group("us").split("/"))
            return dt.date(year, month, day)
        month_name = match.group("month") or match.group("month2")
        month = next(i for i, m in enumerate(MONTHS, 1) if m.startswith(month_name.lower()[:3]))
        day = int(match.group("day") or match.group("day2"))
        year = int(match.group("year") or match.group("year2"))
        return dt.date(year, month, day)
    except (ValueError, StopIteration):
        return None
