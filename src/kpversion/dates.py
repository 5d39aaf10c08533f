"""DateVersion: a revision's version is the date it was last revised, `YYYY-MM-DD`."""

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
