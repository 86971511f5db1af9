"""What a format reader hands the import: events, each with its two sides still unmatched."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from ..model import Actor, RelationType
from .cameo import event_codes
from .events import EventFile
from .matching import ActorMatcher
from .report import BadRow, ImportReport


@dataclass(slots=True)
class Event:
    """One well-formed row: the relation id, day, event code and the two sides as given."""

    id: str  # the relation id: gdelt-<GLOBALEVENTID>, icews-<Event ID>-<YYYYMMDD>, ...
    day: str  # YYYY-MM-DD
    code: str  # CAMEO code; PLOVER type and mode; ACLED sub-event type
    side1: tuple[str, ...]
    side2: tuple[str, ...]
    empty_side: bool
    extra: tuple[str, ...]  # what the format keeps for the summary and the source
    line: int
    mutual: bool = False  # the relation holds both ways (ACLED's battles)


class EventKind(Protocol):
    """What an event's code becomes: a relation type, kept once per `code`."""

    code: str
    type_name: str

    def relation_type(self) -> RelationType: ...


class Reader:
    """One event format: rows to events, and what a kept event's type, summary and source are.

    The defaults are those of the CAMEO-coded formats (GDELT, ICEWS).
    """

    name = ""
    zip_members = ""  # read only the files of a zip whose name ends so ("" = all)
    fallback = ""  # the encoding of lines that are not UTF-8 ("" = they are bad rows)
    unknown_type = "event code not in the CAMEO table"  # the drop reason of kind() = None
    notice = ""  # a line the source asks to be printed with its data (its attribution)

    def kind(self, event: Event) -> EventKind | None:
        return event_codes().get(event.code)

    def events(self, file: EventFile, report: ImportReport) -> Iterator[Event]:
        raise NotImplementedError

    def match(self, matcher: ActorMatcher, side: tuple[str, ...]) -> Actor | None:
        raise NotImplementedError

    def summary(self, event: Event, kind: EventKind) -> str:
        raise NotImplementedError

    def source(self, event: Event) -> tuple[str, dict] | None:
        """The source key and its fields (title, publisher, url), or None."""
        raise NotImplementedError


@functools.lru_cache(maxsize=4096)
def event_day(text: str, form: str) -> str | None:
    """YYYY-MM-DD for a date written in `form`, or None when it is no real day.

    Cached: an export holds few distinct days.
    """
    text = text.strip()
    digits = text.replace("-", "")
    if len(digits) != 8 or not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return dt.datetime.strptime(text, form).date().isoformat()
    except ValueError:
        return None


def row_fault(file: str, line: int, event_id: str, id_pattern: re.Pattern, day: str | None,
              date: str, code: str) -> BadRow | None:
    """What makes a POLECAT or ACLED row bad before its sides are read, or None: the same
    checks in the same order for both (an id, a possible date, an event code)."""
    if not event_id:
        return BadRow(file, line, "empty event id")
    if not id_pattern.fullmatch(event_id):
        return BadRow(file, line, "malformed event id", repr(event_id[:40]))
    if day is None:
        return BadRow(file, line, "impossible date", repr(date[:40]))
    if not code.strip():
        return BadRow(file, line, "empty event code")
    return None
