"""ACLED CSV exports (plain or gzipped): a header row of column names, then one event a row.

Columns are found by their header names (the 31 of ACLED's export: event_id_cnty, event_date,
..., timestamp). Fields are CSV-quoted, so a note may hold commas and quotes. Dates come in
three forms: `2023-10-07` (ACLED's export), `07 October 2023` (its data tool), `7-Oct-23` (a
spreadsheet's round trip).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import IO

from ..errors import InputFileError
from .acled_types import AcledType, acled_type
from .cameo import source_key
from .events import EventFile
from .reading import Event, Reader, row_fault
from .report import BadRow, ImportReport

COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
           "assoc_actor_1", "actor2", "assoc_actor_2", "country", "location", "source",
           "notes", "fatalities")
ADMIN1 = "admin1"  # read when there is such a column
# ACLED's terms ask every user of its data to cite it so.
ATTRIBUTION = ("Source: Armed Conflict Location & Event Data (ACLED); www.acleddata.com.\n"
               "Cite ACLED wherever these relations are used or published (ACLED's terms of use).")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
# "Military Forces of Israel (2022-)" and "Police Forces of Palestine (2007-) Gaza Strip": the
# period of rule, and anything after it, is cut.
_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\).*$")
_STATE = re.compile(r"(?:Military Forces|Police Forces|Government) of (?:the )?(.+)",
                    re.IGNORECASE)
_MONTHS = {name: number for number, name in enumerate(
    ("january february march april may june july august september october november "
     "december").split(), start=1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})


class AcledReader(Reader):
    """Turns the rows of ACLED CSV files into events, bad rows counted in the report."""

    name = "ACLED"
    unknown_type = "sub-event type not in relgraph's ACLED table"
    notice = ATTRIBUTION

    def events(self, file: EventFile, report: ImportReport) -> Iterator[Event]:
        for section, text in file.text_sections():
            try:
                yield from self._section(section, text, report)
            except file.damaged() as exc:
                raise file.damaged_error(exc) from None

    def _section(self, name: str, text: IO[str], report: ImportReport) -> Iterator[Event]:
        rows = csv.reader(text)
        pick: Callable[[list[str]], tuple[str, ...]] | None = None
        width = ended = 0
        while True:
            try:
                for fields in rows:
                    number, ended = ended + 1, rows.line_num  # the row's first line, its last
                    if len(fields) < 2 and not "".join(fields).strip():
                        continue  # a blank line
                    if pick is None:
                        if not _utf8("".join(fields)):
                            raise InputFileError(f"{name}:{number}: the header is not UTF-8 "
                                                 "text; ACLED exports are UTF-8")
                        pick, width = _header(name, number, fields), len(fields)
                        continue
                    report.rows_read += 1
                    if not _utf8("".join(fields)):
                        report.bad(BadRow(name, number, "not UTF-8 text"))
                        continue
                    event = self._row(name, number, fields, pick, width, report)
                    if event is not None:
                        yield event
                break
            except csv.Error as exc:  # a quote never closed runs past the field size limit
                number, ended = ended + 1, rows.line_num
                if pick is None:
                    raise InputFileError(f"{name}:{number}: not CSV ({exc})") from None
                report.rows_read += 1
                report.bad(BadRow(name, number, "malformed CSV", str(exc)))
        if pick is None:
            raise InputFileError(f"{name}: empty file; ACLED exports start with a header row "
                                 f"({', '.join(COLUMNS[:3])}, ...)")

    def _row(self, file: str, number: int, fields: list[str],
             pick: Callable[[list[str]], tuple[str, ...]], width: int,
             report: ImportReport) -> Event | None:
        if len(fields) != width:
            report.bad(BadRow(file, number, "wrong column count",
                              f"{len(fields)}; the header has {width}"))
            return None
        # Stripped where a value decides something; the free text only in summary().
        (event_id, date, event_type, sub_event, actor1, assoc1, actor2, assoc2, country,
         location, source, notes, fatalities, admin1) = pick(fields)
        event_id = event_id.strip()
        day = acled_day(date)
        fault = row_fault(file, number, event_id, _ID, day, date, sub_event)
        if fault is not None:
            report.bad(fault)
            return None
        side1, side2 = _side(actor1), _side(actor2)
        if side1[0] and not side2[0]:
            report.drop("no actor2")
            return None
        extra = (notes, fatalities, location, admin1, country, actor1, assoc1, actor2, assoc2,
                 source)
        return Event(f"acled-{event_id}", day, sub_event, side1, side2, not side1[0], extra,
                     number, mutual=event_type.strip().casefold() == "battles")

    def kind(self, event: Event) -> AcledType | None:
        return acled_type(event.code)

    def match(self, matcher, side):
        name, state = side
        return matcher.acled(name, state)

    def summary(self, event: Event, kind: AcledType) -> str:
        notes, fatalities, location, admin1, country, actor1, assoc1, actor2, assoc2, _ = \
            (value.strip() for value in event.extra)
        place = ", ".join(part for part in (location, admin1, country) if part)
        parts = [notes if notes.endswith(".") or not notes else notes + "."]
        if fatalities:
            parts.append(f"Fatalities: {fatalities}.")
        if place:
            parts.append(f"Location: {place}.")
        associated = [f"{assoc} (with {actor})" for assoc, actor in ((assoc1, actor1),
                                                                     (assoc2, actor2)) if assoc]
        if associated:
            parts.append(f"Associated actors, not sides: {'; '.join(associated)}.")
        parts.append(f"(ACLED {kind.event_type}: {kind.sub_event})")
        return " ".join(p for p in parts if p)

    def source(self, event: Event) -> tuple[str, dict] | None:
        entry = event.extra[-1].strip()
        return _source(entry) if entry else None


def _utf8(text: str) -> bool:
    """False when the text holds bytes that were not UTF-8 (kept as surrogates)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@functools.lru_cache(maxsize=8192)
def _side(raw: str) -> tuple[str, str]:
    """(the name without its period of rule, the state X of "Military Forces of X" or '')."""
    name = _PERIOD.sub("", raw).strip()
    state = _STATE.fullmatch(name)
    return name, state.group(1).strip() if state else ""


@functools.lru_cache(maxsize=4096)
def acled_day(text: str) -> str | None:
    """YYYY-MM-DD from `2023-10-07`, `07 October 2023` or `7-Oct-23`; None when no real day.

    A two-digit year is 19yy from 69 on, else 20yy (as Python's %y; ACLED starts in 1997).
    """
    text = text.strip()
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", text):
        year, month, day = int(m[3]), _MONTHS.get(m[2].lower(), 0), int(m[1])
    elif m := re.fullmatch(r"(\d{1,2})-([A-Za-z]{3})-(\d{2})", text):
        short = int(m[3])
        year, month, day = short + (1900 if short >= 69 else 2000), \
            _MONTHS.get(m[2].lower(), 0), int(m[1])
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _header(file: str, number: int, fields: list[str]) -> Callable[[list[str]], tuple[str, ...]]:
    """What takes COLUMNS, then admin1 ('' when there is no such column), out of a row."""
    names = [name.strip() for name in fields]
    missing = [column for column in COLUMNS if column not in names]
    if missing:
        if fields and fields[0].lstrip().startswith("<"):
            raise InputFileError(f"{file}:{number}: this is XML (GraphML?), not ACLED events")
        raise InputFileError(
            f"{file}:{number}: not an ACLED export: the header has no "
            f"{', '.join(repr(m) for m in missing[:3])}{' ...' if len(missing) > 3 else ''} "
            f"column (ACLED exports start with a header row: {', '.join(COLUMNS[:4])}, ...)")
    take = itemgetter(*(names.index(column) for column in COLUMNS))
    if ADMIN1 not in names:
        return lambda fields: (*take(fields), "")
    return itemgetter(*(names.index(column) for column in COLUMNS + (ADMIN1,)))


@functools.lru_cache(maxsize=8192)
def _source(entry: str) -> tuple[str, dict]:
    return source_key("acled", entry), {"publisher": entry}
