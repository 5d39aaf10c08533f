"""The version line a statement states about itself ("Last reviewed/updated: January 24, 2023").

Finding it infers a revision's version on import; rewriting it stamps a publish. A line is a
label ("Last updated", "Effective date", "Dernière mise à jour", ...) and a date. The labels are
this module's patterns; the date is read by the fast patterns below for the common English and
numeric forms, and otherwise by `dateparser` (month names in other languages, a month without a
day, odd punctuation such as "June 8. 2026"). Numeric dates follow the statement's day/month
order (`date_order`).

Every pattern is bounded: each repetition has a small upper limit, so a line of 16 KB of
spaces, colons or stars after a label costs a scan, never a backtracking blow-up.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any, Literal

from kpversion.dates import MONTHS, DateVersion, format_date

DateOrder = Literal["month-first", "day-first"]
DATE_ORDERS: tuple[DateOrder, ...] = ("month-first", "day-first")
Precision = Literal["day", "month"]

_SP = r"[^\S\n]"
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_FAST_DATE = re.compile(
    rf"(?:{_MONTH}{_SP}{{1,3}}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?{_SP}{{1,3}}(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?{_SP}{{1,3}}{_MONTH.replace('month', 'month2')}"
    rf",?{_SP}{{1,3}}(?P<year2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year3>\d{4}))(?![\w/-])",
    re.IGNORECASE,
)
# Ordered by how reliably the label states the revision date: "last updated" first.
LABELS = (
    rf"(?:date{_SP}{{1,3}})?last{_SP}{{1,3}}(?:reviewed{_SP}{{0,3}}/{_SP}{{0,3}}updated"
    rf"|updated{_SP}{{0,3}}/{_SP}{{0,3}}reviewed|reviewed|updated|revised|modified)"
    rf"|derni[eè]re{_SP}{{1,3}}(?:mise{_SP}{{1,3}}[àa]{_SP}{{1,3}}jour|r[ée]vision)",
    rf"(?:date{_SP}{{1,3}})?(?:updated|revised)|mis[e]?{_SP}{{1,3}}[àa]{_SP}{{1,3}}jour",
    rf"effective(?:{_SP}{{1,3}}date|{_SP}{{1,3}}as{_SP}{{1,3}}of)?|date{_SP}{{1,3}}d.entr[ée]e"
    rf"{_SP}{{1,3}}en{_SP}{{1,3}}vigueur|en{_SP}{{1,3}}vigueur|applies{_SP}{{1,3}}from",
    rf"version(?:{_SP}{{1,3}}date)?",
)
EFFECTIVE_RANK = 2
"""The rank of the effective-date labels in LABELS."""
_GAP = r"(?:[^\S\n]|[*_:\-–—\[(（\\]){0,12}+"
_LINE = re.compile(
    rf"^(?:[^\S\n]|[*_#>(\[（\-\\]){{0,12}}+(?P<label>{'|'.join(LABELS)})"
    rf"{_GAP}(?:(?:on|at|from|as{_SP}of|le)\b{_GAP})?(?P<date>[^\n]{{0,48}})",
    re.IGNORECASE | re.MULTILINE,
)
# A label inside a line's first words: "This Privacy Policy applies from May 21, 2025",
# "New Version (Effective as of January 16,2021)". Ranked after every line that starts with
# its label.
_INSIDE = re.compile(
    rf"^[^\n.]{{1,48}}?\b(?P<label>{LABELS[2]})"
    rf"{_GAP}(?:(?:on|at|from|as{_SP}of|le)\b{_GAP})?(?P<date>[^\n]{{0,48}})",
    re.IGNORECASE | re.MULTILINE,
)
# The date part dateparser reads: words, digits and the marks inside dates, at most 6 tokens.
_TOKENS = re.compile(r"[^\W_]{1,20}\.?|\d{1,4}", re.UNICODE)
_MAX_TOKENS = 6
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# Mozilla's notices state their date as a kramdown attribute: {: datetime="2014-01-27" }
_ATTRIBUTE = re.compile(r'^\{:[^\S\n]{0,8}datetime="(?P<iso>\d{4}-\d{2}-\d{2})"', re.MULTILINE)
_NAMED = re.compile(
    r"(?P<m>[^\W\d_]{3,12})\.?,?[^\S\n]{1,3}(?P<d>\d{1,2})(?:st|nd|rd|th)?[,.]?[^\S\n]{1,3}"
    r"(?P<y>\d{4})"
)


@dataclass(frozen=True)
class VersionLine:
    """Where the version line sits in a text and the date it states.

    `date` is None when the line states a date that does not exist ("February 30, 2024"):
    it is still the version line (publish rewrites it), but it gives no version."""

    start: int
    end: int
    date: dt.date | None
    label: str
    stated: str = ""
    """The date as the text writes it."""
    precision: Precision = "day"
    """`month` when the text states only a month ("Last updated: April 2018"): the date is
    then the first of that month."""
    date_span: tuple[int, int] | None = None
    """Where the date sits, for a label inside a sentence ("This policy applies from May 21,
    2025. ..."): stamping rewrites only the date there, not the sentence."""

    @property
    def problem(self) -> str | None:
        if self.date is None:
            return f"the version line states an impossible date ({self.stated!r})"
        return None


def find_version_line(text: str, order: DateOrder = "month-first") -> VersionLine | None:
    """The most reliable dated line: a 'last updated' line beats an 'effective date' line; a
    line whose date exists beats one whose date is impossible."""
    found = [line for match in _LINE.finditer(text) if (line := _line(text, match, order))]
    if not found:
        found = [
            line for m in _INSIDE.finditer(text) if (line := _line(text, m, order, inside=True))
        ]
    if not found:
        return _attribute_line(text)
    return min(found, key=lambda v: (v.date is None, _label_rank(v.label), v.start))


def infer_version(text: str, order: DateOrder = "month-first") -> DateVersion | None:
    line = find_version_line(text, order)
    return DateVersion(line.date) if line and line.date else None


def stamp(
    text: str,
    template: str,
    date: dt.date,
    style: str = "long",
    effective: dt.date | None = None,
) -> str:
    """Set the text's version line to date (and `{effective}` to the effective date, which
    defaults to date), replacing the old line (also one whose date is impossible) or
    appending one."""
    new_line = render_line(template, date, style, effective)
    found = find_version_line(text)
    if found is None:
        return text.rstrip("\n") + "\n\n" + new_line + "\n"
    if found.date_span is not None:
        start, end = found.date_span
        shown = effective if "{effective}" in template and effective else date
        return text[:start] + format_date(shown, style) + text[end:]
    return text[: found.start] + new_line + text[found.end :]


PLACEHOLDERS = ("{date}", "{effective}")
"""`{date}`: the version (the date last revised); `{effective}`: the effective date."""


def render_line(
    template: str, date: dt.date, style: str = "long", effective: dt.date | None = None
) -> str:
    line = template.replace("{date}", format_date(date, style))
    return line.replace("{effective}", format_date(effective or date, style))


def template_problem(template: str) -> str | None:
    """Why a version_line setting cannot work, or None: it holds `{date}` exactly once and,
    written out, reads back as a version line with that date (else every publish would add
    another line)."""
    counts = [template.count(name) for name in PLACEHOLDERS]
    if max(counts) > 1 or sum(counts) == 0:
        return (
            "version_line must contain {date} (the version) or {effective} (the effective "
            "date), each at most once"
        )
    sample = dt.date(2024, 3, 1)
    for style in ("long", "iso"):
        found = find_version_line(render_line(template, sample, style))
        if found is None or found.date != sample:
            return (
                f"version_line {template!r} does not read back as a version line: start it "
                "with a label such as 'Last updated:' or 'Effective date:'"
            )
    return None


def version_line_template(text: str) -> dict[str, str]:
    """The text's own version line as settings (`version_line`, `date_style`), so publish keeps
    its wording: "Effective date: March 3, 2024" stays an effective-date line."""
    found = find_version_line(text)
    if found is None or found.date is None or found.precision != "day":
        return {}
    line = text[found.start : found.end]
    slot = "{effective}" if _label_rank(found.label) == EFFECTIVE_RANK else "{date}"
    for style in ("long", "iso"):
        written = format_date(found.date, style)
        if written in line:
            template = line.replace(written, slot, 1)
            if template_problem(template) is None:
                return {"version_line": template, "date_style": style}
    return {}


def _line(
    text: str, match: re.Match[str], order: DateOrder, *, inside: bool = False
) -> VersionLine | None:
    tail = match.group("date")
    parsed = _read_date(tail, order)
    if parsed is None:
        return None
    date, stated, precision = parsed
    end = text.find("\n", match.start())
    at = match.start("date") + tail.find(stated)
    return VersionLine(
        match.start(),
        len(text) if end < 0 else end,
        date,
        match.group("label"),
        stated,
        precision,
        (at, at + len(stated)) if inside else None,
    )


def _read_date(tail: str, order: DateOrder) -> tuple[dt.date | None, str, Precision] | None:
    """The date at the start of tail: (date or None if impossible, as written, precision);
    None when tail starts with no date at all."""
    fast = _FAST_DATE.match(tail)
    if fast is not None:
        return _fast_date(fast, order), fast.group(0), "day"
    named = _NAMED.match(tail)
    if named is not None and _english_month(named["m"]) is not None:
        # An English month with an impossible day or odd punctuation: read it here so that
        # "February 30, 2024" is reported as impossible, not missing.
        month = _english_month(named["m"])
        assert month is not None
        return _date(int(named["y"]), month, int(named["d"])), named.group(0), "day"
    if not _YEAR.search(tail):
        return None
    return _parsed(tail, order)


def _fast_date(match: re.Match[str], order: DateOrder) -> dt.date | None:
    if match.group("iso"):
        year, month, day = (int(p) for p in match.group("iso").split("-"))
        return _date(year, month, day)
    if match.group("a"):
        first, second = int(match.group("a")), int(match.group("b"))
        month, day = (first, second) if order == "month-first" else (second, first)
        if month > 12 >= day:  # unambiguous the other way round
            month, day = day, month
        return _date(int(match.group("year3")), month, day)
    named = _english_month(match.group("month") or match.group("month2"))
    day = int(match.group("day") or match.group("day2"))
    year = int(match.group("year") or match.group("year2"))
    return _date(year, named or 0, day)


def _english_month(name: str) -> int | None:
    lower = name.lower().rstrip(".")
    if len(lower) < 3:
        return None
    return next((i for i, m in enumerate(MONTHS, 1) if m.startswith(lower)), None)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _parsed(tail: str, order: DateOrder) -> tuple[dt.date | None, str, Precision] | None:
    """dateparser on the longest run of the tail's first tokens that reads as a date."""
    spans = [m.end() for m in _TOKENS.finditer(tail)][:_MAX_TOKENS]
    for end in reversed(spans):
        stated = tail[:end].strip()
        found = _dateparser(stated, order)
        if found is not None:
            return found[0], stated, found[1]
    return None


@functools.lru_cache(maxsize=4096)
def _dateparser(stated: str, order: DateOrder) -> tuple[dt.date, Precision] | None:
    data = _date_parser(order).get_date_data(stated)
    if data.date_obj is None or data.period not in ("day", "month"):
        return None
    precision: Precision = "month" if data.period == "month" else "day"
    return data.date_obj.date(), precision


@functools.cache
def _date_parser(order: DateOrder) -> Any:
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    return DateDataParser(
        languages=["en", "fr", "de", "es", "it", "nl", "pt"],
        settings={
            "DATE_ORDER": "MDY" if order == "month-first" else "DMY",
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["month", "year"],
            "STRICT_PARSING": False,
        },
    )


def _attribute_line(text: str) -> VersionLine | None:
    match = _ATTRIBUTE.search(text)
    if match is None:
        return None
    end = text.find("\n", match.start())
    year, month, day = (int(p) for p in match.group("iso").split("-"))
    return VersionLine(
        match.start(),
        len(text) if end < 0 else end,
        _date(year, month, day),
        "datetime",
        match.group("iso"),
    )


def _label_rank(label: str) -> int:
    for rank, pattern in enumerate(LABELS):
        if re.fullmatch(pattern, " ".join(label.split()), re.IGNORECASE):
            return rank
    return len(LABELS)
