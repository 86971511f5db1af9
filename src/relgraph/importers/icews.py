"""ICEWS coded event files: tab-separated, a header row naming the columns.

Columns are found by their header names, so their order does not matter. A missing value is an
empty field or `NA` (as R writes one); ICEWS names an actor it could not identify
"Unspecified Actor", which counts as an empty side.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import InputFileError
from .cameo import EventCode, slug
from .events import EventFile
from .reading import Event, Reader, event_day
from .report import BadRow, ImportReport

COLUMNS = ("Event ID", "Event Date", "Source Name", "Source Country", "CAMEO Code",
           "Target Name", "Target Country", "Story ID", "Publisher")
_MISSING = {"", "NA"}
_UNSPECIFIED = "unspecified actor"


class IcewsReader(Reader):
    """Turns the lines of ICEWS files into events, bad rows counted in the report."""

    name = "ICEWS"

    def events(self, file: EventFile, report: ImportReport) -> Iterator[Event]:
        index: dict[str, int] | None = None
        width = 0
        for number, text in file.lines():
            if index is None:
                if text is None:
                    raise InputFileError(f"{file.name}:{number}: the header is not UTF-8 text; "
                                         "ICEWS files are UTF-8")
                if not text.strip():
                    continue
                index, width = _header(file.name, number, text), text.count("\t") + 1
                continue
            if text is None:
                report.rows_read += 1
                report.bad(BadRow(file.name, number, "not UTF-8 text"))
                continue
            if not text.strip():
                continue
            report.rows_read += 1
            event = self._row(file.name, number, text, index, width, report)
            if event is not None:
                yield event
        if index is None:
            raise InputFileError(f"{file.name}: empty file; ICEWS files start with a header "
                                 f"row ({', '.join(COLUMNS[:3])}, ...)")

    def _row(self, file: str, number: int, text: str, index: dict[str, int], width: int,
             report: ImportReport) -> Event | None:
        fields = text.split("\t")
        if len(fields) != width:
            report.bad(BadRow(file, number, "wrong column count",
                              f"{len(fields)}; the header has {width}"))
            return None
        value = {name: _value(fields[i]) for name, i in index.items()}
        event_id = value["Event ID"]
        if not event_id:
            report.bad(BadRow(file, number, "empty event id"))
            return None
        if not (event_id.isascii() and event_id.isdigit()):
            report.bad(BadRow(file, number, "event id not a number", repr(event_id[:40])))
            return None
        day = event_day(value["Event Date"], "%Y-%m-%d")
        if day is None:
            report.bad(BadRow(file, number, "impossible date", repr(value["Event Date"][:40])))
            return None
        code = value["CAMEO Code"]
        if not code:
            report.bad(BadRow(file, number, "empty event code"))
            return None
        side1 = (value["Source Name"], value["Source Country"])
        side2 = (value["Target Name"], value["Target Country"])
        # ICEWS reuses an Event ID on other days: (Event ID, Event Date) is the event's key.
        return Event(f"icews-{event_id}-{day.replace('-', '')}", day, code, side1, side2,
                     _empty(side1) or _empty(side2), (value["Story ID"], value["Publisher"]),
                     number)

    def match(self, matcher, side):
        name, country = side
        return matcher.icews("" if name.casefold() == _UNSPECIFIED else name, country)

    def summary(self, event: Event, code: EventCode) -> str:
        return (f"{event.side1[0]} to {event.side2[0]}: {code.description} "
                f"(CAMEO {code.code}).")

    def source(self, event: Event) -> tuple[str, dict] | None:
        story, publisher = event.extra
        if not story:
            return None
        key = f"icews-{slug(story)}" + (f"-{slug(publisher)[:40]}".rstrip("-")
                                         if slug(publisher) else "")
        fields = {"title": f"ICEWS story {story}", "publisher": publisher}
        return key, {k: v for k, v in fields.items() if v}


def _value(field: str) -> str:
    field = field.strip()
    return "" if field in _MISSING else field


def _empty(side: tuple[str, str]) -> bool:
    name, country = side
    return not country and (not name or name.casefold() == _UNSPECIFIED)


def _header(file: str, number: int, text: str) -> dict[str, int]:
    names = [name.strip() for name in text.split("\t")]
    missing = [column for column in COLUMNS if column not in names]
    if missing:
        if text.lstrip().startswith("<"):
            raise InputFileError(f"{file}:{number}: this is XML (GraphML?), not ICEWS events")
        if len(names) in (57, 58, 61) and names[0].isdigit():
            raise InputFileError(f"{file}:{number}: this looks like a GDELT export (no header, "
                                 f"{len(names)} fields), not an ICEWS event file")
        raise InputFileError(
            f"{file}:{number}: not an ICEWS event file: the header has no "
            f"{', '.join(repr(m) for m in missing[:3])}{' ...' if len(missing) > 3 else ''} "
            f"column (ICEWS files start with a header row: {', '.join(COLUMNS[:4])}, ...)")
    return {column: names.index(column) for column in COLUMNS}
