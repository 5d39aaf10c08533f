"""Dates: a revision's version (`YYYY-MM-DD`, the date it was last revised), dates written out for
readers, and calendar arithmetic in months."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kpversion.errors import KpversionError

_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, order=True)
class DateVersion:
    """A calendar date used as a revision's version."""

    date: dt.date

    @classmethod
    def parse(cls, text: str, what: str = "version") -> DateVersion:
        """Parse `YYYY-MM-DD`, refusing impossible dates such as 2023-02-30; errors call the
        value `what` ("version", "effective date")."""
        if not _PATTERN.fullmatch(text):
            raise KpversionError(f"{what} {text!r} is not a date of the form YYYY-MM-DD")
        try:
            return cls(dt.date.fromisoformat(text))
        except ValueError as exc:
            raise KpversionError(f"{what} {text!r} is not a real date ({exc})") from None

    @classmethod
    def is_valid(cls, text: str) -> bool:
        try:
            cls.parse(text)
        except KpversionError:
            return False
        return True

    def __str__(self) -> str:
        return self.date.isoformat()


# Not calendar.month_name: that follows the locale, and statements here are in English.
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def format_date(date: dt.date, style: str = "long") -> str:
    """`long`: "January 24, 2023"; `iso`: "2023-01-24"."""
    if style == "iso":
        return date.isoformat()
    return f"{MONTHS[date.month - 1].capitalize()} {date.day}, {date.year}"


def add_months(date: dt.date, months: int) -> dt.date:
    """date plus months, on the last day of the month when the day does not exist."""
    import calendar  # here: with locale, it is a tenth of what importing the diff costs

    index = date.month - 1 + months
    year, month = date.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))
