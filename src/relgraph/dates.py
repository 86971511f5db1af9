"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD), the spans they cover, and date windows."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_FORM = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits only


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day, kept as it was written."""

    text: str
    first: dt.date
    last: dt.date

    def __str__(self) -> str:
        return self.text


def parse_date(value: object) -> PartialDate:
    """Read a date as YAML or the command line hands it over: str, int or datetime.date.

    Raises ValueError with a message fit to show the user.
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    if isinstance(value, dt.datetime):
        raise ValueError(f"{value} is a date with a time of day; write YYYY, YYYY-MM or YYYY-MM-DD")
    if isinstance(value, dt.date):
        return PartialDate(value.isoformat(), value, value)
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise ValueError(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    match = _FORM.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return PartialDate(text, dt.date(year, 1, 1), dt.date(year, 12, 31))
        if day is None:
            last_day = calendar.monthrange(year, month)[1]
            return PartialDate(text, dt.date(year, month, 1), dt.date(year, month, last_day))
        exact = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date (check the month and day)") from None
    return PartialDate(text, exact, exact)


@dataclass(frozen=True)
class Window:
    """The days from the first day of `since` to the last day of `until`; either end may be open."""

    since: PartialDate | None = None
    until: PartialDate | None = None

    @property
    def is_open(self) -> bool:
        """True when no bound is set: the window keeps everything, undated relations included."""
        return self.since is None and self.until is None

    def overlaps(self, first: dt.date | None, last: dt.date | None) -> bool:
        """Whether a span overlaps the window; an undated span (None) only fits an open window."""
        if self.is_open:
            return True
        if first is None or last is None:
            return False
        if self.since is not None and last < self.since.first:
            return False
        return not (self.until is not None and first > self.until.last)
