"""POLECAT event files: tab-separated text with a header row, coded in PLOVER.

Weekly releases are `.txt` (some `.txt.gz`), yearly releases a `.zip` of monthly `.txt` files,
each with its own header; every `.txt` of a zip is read, in name order. Columns are found by
their header names. `None` (or an empty field) is a missing value; a country field may hold
several codes separated by `;`.

The published files' defects are read, not refused: a header naming a `Headline` column that
the rows do not carry (such a row is one field short, and read without it); trailing tabs (empty
fields after the last column); lines that are not UTF-8, read as ISO-8859-1 and named in the
report.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from operator import itemgetter

from ..errors import InputFileError
from .cameo import source_key
from .events import EventFile
from .plover import PloverType, plover_type
from .reading import Event, Reader, event_day, row_fault
from .report import BadRow, ImportReport

COLUMNS = ("Event ID", "Event Date", "Event Type", "Event Mode", "Actor Name", "Actor Country",
           "Recipient Name", "Recipient Country", "Source")
CONTEXTS = "Contexts"  # read when there is such a column
HEADLINE = "Headline"
_MISSING = {"", "None"}
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


class PolecatReader(Reader):
    """Turns the lines of POLECAT files into events, bad rows counted in the report."""

    name = "POLECAT"
    zip_members = ".txt"
    fallback = "iso-8859-1"  # some published files are not UTF-8
    unknown_type = "event type not in PLOVER"

    def events(self, file: EventFile, report: ImportReport) -> Iterator[Event]:
        for section, lines in file.sections():
            yield from self._section(section, lines, report)

    def _section(self, name: str, lines, report: ImportReport) -> Iterator[Event]:
        layout: _Layout | None = None
        for number, text in lines:
            if not text.strip():
                continue
            if layout is None:
                layout = _Layout(name, number, text)
                continue
            report.rows_read += 1
            event = self._row(name, number, text, layout, report)
            if event is not None:
                yield event
        if layout is None:
            raise InputFileError(f"{name}: empty file; POLECAT files start with a header row "
                                 f"({', '.join(COLUMNS[:3])}, ...)")

    def _row(self, file: str, number: int, text: str, layout: _Layout,
             report: ImportReport) -> Event | None:
        fields = text.split("\t")
        pick = layout.picker(fields)
        if pick is None:
            report.bad(BadRow(file, number, "wrong column count",
                              f"{len(fields)}; the header has {layout.width}"))
            return None
        # Stripped here where a value decides something; dates, countries, types and contexts
        # by their own parsers (one pass over the fields, then three strips, is the fast way).
        (event_id, date, event_type, mode, actor_name, actor_country, recipient_name,
         recipient_country, source, contexts) = [
            "" if field in _MISSING else field for field in pick(fields)]
        event_id, mode, source = event_id.strip(), mode.strip(), source.strip()
        actor_name, recipient_name = actor_name.strip(), recipient_name.strip()
        if "None" in (mode, source, actor_name, recipient_name):  # padded with spaces
            mode, source, actor_name, recipient_name = (
                "" if value == "None" else value
                for value in (mode, source, actor_name, recipient_name))
        day = _day(date)
        fault = row_fault(file, number, event_id, _ID, day, date, event_type)
        if fault is not None:
            report.bad(fault)
            return None
        actor = (actor_name, _countries(actor_country))
        recipient = (recipient_name, _countries(recipient_country))
        empty_actor = not (actor_name or actor[1])
        if not empty_actor and not (recipient_name or recipient[1]):
            report.drop("no recipient")
            return None
        if ";" in mode:
            mode = mode.split(";")[0].strip()  # PLOVER allows several modes; one is kept
        return Event(f"polecat-{event_id}", day, event_type, actor, recipient, empty_actor,
                     (mode, contexts, source), number)

    def kind(self, event: Event) -> PloverType | None:
        return plover_type(event.code, event.extra[0])

    def match(self, matcher, side):
        name, countries = side
        return matcher.polecat(name, countries)

    def summary(self, event: Event, kind: PloverType) -> str:
        mode, contexts, _ = event.extra
        how = f", mode {kind.mode}" if mode else ""
        why = f", contexts {_contexts(contexts)}" if contexts else ""
        return (f"{_label(event.side1)} to {_label(event.side2)}: {kind.event_type}{how}{why} "
                "(PLOVER, POLECAT).")

    def source(self, event: Event) -> tuple[str, dict] | None:
        publisher = event.extra[2]
        return _source(publisher) if publisher else None


class _Layout:
    """Where each needed column is in the rows of one file, from its header."""

    def __init__(self, file: str, number: int, header: str):
        names = [name.strip() for name in header.split("\t")]
        while names and not names[-1]:
            names.pop()  # trailing tabs
        missing = [column for column in COLUMNS if column not in names]
        if missing:
            if header.lstrip().startswith("<"):
                raise InputFileError(f"{file}:{number}: this is XML (GraphML?), not POLECAT "
                                     "events")
            raise InputFileError(
                f"{file}:{number}: not a POLECAT event file: the header has no "
                f"{', '.join(repr(m) for m in missing[:3])}{' ...' if len(missing) > 3 else ''}"
                f" column (POLECAT files start with a header row: {', '.join(COLUMNS[:4])}, ...)")
        self.width = len(names)
        self._full = _getter(names)
        # A header that names a Headline column the rows do not carry: one field short.
        self._short = _getter([n for n in names if n != HEADLINE]) if HEADLINE in names \
            else None

    def picker(self, fields: list[str]) -> Callable[[list[str]], tuple[str, ...]] | None:
        """What takes the needed fields out of this row (COLUMNS, then Contexts), or None
        when the row fits neither the header nor one of its published defects."""
        count = len(fields)
        if count == self.width:
            return self._full
        if count > self.width and not "".join(fields[self.width:]).strip():
            return self._full  # trailing tabs: empty fields after the last column
        if count == self.width - 1 and self._short is not None:
            return self._short
        return None


def _getter(names: list[str]) -> Callable[[list[str]], tuple[str, ...]]:
    """COLUMNS then Contexts out of a row; Contexts as 'None' when the file has no such column."""
    take = itemgetter(*(names.index(column) for column in COLUMNS))
    if CONTEXTS not in names:
        return lambda fields: (*take(fields), "None")
    take_all = itemgetter(*(names.index(column) for column in COLUMNS + (CONTEXTS,)))
    return take_all


@functools.lru_cache(maxsize=4096)  # a release has few distinct context lists
def _contexts(text: str) -> str:
    """'military;terrorism' -> 'military, terrorism'."""
    return ", ".join(part.strip() for part in re.split(r"[;,]", text)
                     if part.strip() not in _MISSING)


@functools.lru_cache(maxsize=4096)
def _countries(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split(";") if code.strip() not in _MISSING)


@functools.lru_cache(maxsize=4096)  # a release has few distinct days
def _day(text: str) -> str | None:
    """YYYY-MM-DD, alone or followed by a time."""
    text = text.strip()
    day, rest = text[:10], text[10:]
    if rest and rest[0] not in " T":
        return None
    return event_day(day, "%Y-%m-%d")


def _label(side: tuple[str, tuple[str, ...]]) -> str:
    name, countries = side
    where = ";".join(countries)
    if name and where:
        return f"{name} ({where})"
    return name or where


@functools.lru_cache(maxsize=4096)  # a release's rows come from a few hundred publishers
def _source(publisher: str) -> tuple[str, dict]:
    return source_key("polecat", publisher), {"publisher": publisher}
