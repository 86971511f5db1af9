"""Time in GDELT's terms: a fetch's period, GDELT 2.0's 15-minute slots, and GDELT 1.0's files.

GDELT 2.0 publishes one export every 15 minutes from 2015-02-18 23:00 UTC, named by the start of
its slot (`20231007000000.export.CSV.zip`). Earlier events are in GDELT 1.0's files: one a year
to 2005 (`1979.zip`), one a month from 2006-01 to 2013-03 (`200601.zip`), one a day from
2013-04-01 (`20130401.export.CSV.zip`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import UsageError

SLOT = dt.timedelta(minutes=15)
GDELT2_START = dt.datetime(2015, 2, 18, 23, 0)  # the first slot of GDELT 2.0 (UTC, naive)
_WHEN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2}))?")
_STAMP = re.compile(r"(?:^|/)([0-9]{14})\.")
_V1_NAME = re.compile(r"(?:^|/)([0-9]{4})([0-9]{2})?([0-9]{2})?(?:\.export\.CSV)?\.zip$")


@dataclass(frozen=True)
class Period:
    """The slots from `first` to `last`, both included (UTC, naive datetimes)."""

    first: dt.datetime
    last: dt.datetime

    def slots(self, start: dt.datetime | None = None) -> Iterator[dt.datetime]:
        """Every GDELT 2.0 slot of the period from `start` (default: its first) on."""
        slot = floor_slot(max(self.first, start or self.first))
        if slot < self.first:
            slot += SLOT
        while slot <= self.last:
            yield slot
            slot += SLOT

    def __contains__(self, moment: dt.datetime) -> bool:
        return self.first <= moment <= self.last


def parse_when(text: str, param: str, *, end: bool = False) -> dt.datetime:
    """`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (UTC) as a slot time. A day given as an end means its
    last slot (23:45); a time is rounded down to its slot."""
    match = _WHEN.fullmatch(text.strip())
    try:
        if match is None:
            raise ValueError
        year, month, day, hour, minute = match.groups()
        moment = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        raise UsageError(f"{param} {text!r} is not a time; write YYYY-MM-DD or "
                         "YYYY-MM-DDTHH:MM (UTC)", params=(param,)) from None
    if end and hour is None:
        return moment + dt.timedelta(days=1) - SLOT
    return floor_slot(moment)


def make_period(since: str, until: str) -> Period:
    first = parse_when(since, "since")
    last = parse_when(until, "until", end=True)
    if last < first:
        raise UsageError(f"until {until!r} is before since {since!r}", params=("since", "until"))
    return Period(first, last)


def chosen_period(since: str | None, until: str | None, last: bool) -> Period | None:
    """The period a user asked for, or None for the newest slot (`last`)."""
    if last == (since is not None):
        raise UsageError("give since (and until) for a period, or last for the newest slot",
                         params=("since", "until", "last"))
    if since is None:
        return None
    return make_period(since, until or since)


def floor_slot(moment: dt.datetime) -> dt.datetime:
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)


def slot_of(url: str) -> dt.datetime | None:
    """The slot a GDELT 2.0 file belongs to, from the 14 digits of its name; None if none."""
    match = _STAMP.search(url)
    if match is None:
        return None
    try:
        return dt.datetime.strptime(match.group(1), "%Y%m%d%H%M%S")
    except ValueError:
        return None


def v1_span(name: str) -> tuple[dt.datetime, dt.datetime] | None:
    """The first and last slot a GDELT 1.0 events file covers (a year, a month or a day), or None
    for a name that is not one of its event files."""
    match = _V1_NAME.search(name)
    if match is None:
        return None
    year, month, day = match.groups()
    if day is not None and ".export.CSV" not in name:
        return None
    try:
        if day is not None:
            first = dt.datetime(int(year), int(month), int(day))
            after = first + dt.timedelta(days=1)
        elif month is not None:
            first = dt.datetime(int(year), int(month), 1)
            after = dt.datetime(first.year + first.month // 12, first.month % 12 + 1, 1)
        else:
            first = dt.datetime(int(year), 1, 1)
            after = dt.datetime(first.year + 1, 1, 1)
    except ValueError:
        return None
    return first, after - SLOT


def stamp(moment: dt.datetime) -> str:
    """A slot as the report writes it: 2023-10-07 00:15."""
    return moment.strftime("%Y-%m-%d %H:%M")


def ranges(slots: Iterable[dt.datetime]) -> list[tuple[dt.datetime, dt.datetime]]:
    """Consecutive slots folded into (first, last) runs, so a day's outage is one line."""
    runs: list[list[dt.datetime]] = []
    for slot in sorted(slots):
        if runs and slot - runs[-1][1] == SLOT:
            runs[-1][1] = slot
        else:
            runs.append([slot, slot])
    return [(first, last) for first, last in runs]


def describe_range(first: dt.datetime, last: dt.datetime) -> str:
    """`2023-10-07 00:15` for one slot; `2023-10-07 00:15 to 01:00 (4 slots)` for a run."""
    count = (last - first) // SLOT + 1
    if count == 1:
        return stamp(first)
    end = last.strftime("%H:%M") if last.date() == first.date() else stamp(last)
    return f"{stamp(first)} to {end} ({count} slots)"
