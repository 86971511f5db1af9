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
from collections.abc import Iterator

from ..errors import InputFileError
from .cameo import source_key
from .events import EventFile
from .plover import PloverType, plover_type
from .reading import Event, Reader, event_day
from .report import BadRow, ImportReport

COLUMNS = ("Event ID", "Event Date", "Event Type", "Event Mode", "Actor Name", "Actor Country",
           "Recipient Name", "Recipient Country", "Source")
OPTIONAL = ("Contexts",)
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
        index = layout.index_for(fields)
        if index is None:
            report.bad(BadRow(file, number, "wrong column count",
                              f"{len(fields)}; the header has {layout.width}"))
            return None
        value = {column: _value(fields[i]) for column, i in index.items()}
        event_id = value["Event ID"]
        if not event_id:
            report.bad(BadRow(file, number, "empty event id"))
            return None
        if not _ID.fullmatch(event_id):
            report.bad(BadRow(file, number, "malformed event id", repr(event_id[:40])))
            return None
        day = _day(value["Event Date"])
        if day is None:
            report.bad(BadRow(file, number, "impossible date", repr(value["Event Date"][:40])))
            return None
        event_type = value["Event Type"]
        if not event_type:
            report.bad(BadRow(file, number, "empty event code"))
            return None
        actor = (value["Actor Name"], _countries(value["Actor Country"]))
        recipient = (value["Recipient Name"], _countries(value["Recipient Country"]))
        empty_actor = not (actor[0] or actor[1])
        if not empty_actor and not (recipient[0] or recipient[1]):
            report.drop("no recipient")
            return None
        mode = value["Event Mode"].split(";")[0].strip()  # PLOVER allows several; one is kept
        extra = (mode, value.get("Contexts", ""), value["Source"])
        return Event(f"polecat-{event_id}", day, event_type, actor, recipient, empty_actor,
                     extra, number)

    def kind(self, event: Event) -> PloverType | None:
        return plover_type(event.code, event.extra[0])

    def match(self, matcher, side):
        name, countries = side
        return matcher.polecat(name, countries)

    def summary(self, event: Event, kind: PloverType) -> str:
        mode, contexts, _ = event.extra
        how = f", mode {kind.mode}" if mode else ""
        why = f", contexts {', '.join(_split(contexts))}" if contexts else ""
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
        self.index = _positions(names)
        # A header that names a Headline column the rows do not carry: one field short.
        self.short = _positions([n for n in names if n != HEADLINE]) if HEADLINE in names \
            else None

    def index_for(self, fields: list[str]) -> dict[str, int] | None:
        count = len(fields)
        if count == self.width:
            return self.index
        if count > self.width and not "".join(fields[self.width:]).strip():
            return self.index  # trailing tabs: empty fields after the last column
        if count == self.width - 1 and self.short is not None:
            return self.short
        return None


def _positions(names: list[str]) -> dict[str, int]:
    return {column: names.index(column) for column in COLUMNS + OPTIONAL if column in names}


def _value(field: str) -> str:
    field = field.strip()
    return "" if field in _MISSING else field


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", text) if part.strip() not in _MISSING]


@functools.lru_cache(maxsize=4096)
def _countries(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split(";") if code.strip() not in _MISSING)


def _day(text: str) -> str | None:
    """YYYY-MM-DD, alone or followed by a time."""
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
