"""GDELT event exports: rows of 61 tab-separated fields (2.0) or 57/58 (1.0), no header.

The first 35 fields are the same in both versions (GLOBALEVENTID ... AvgTone); SOURCEURL is the
last field of a 2.0 row and of a 58-field 1.0 row (the daily files), and absent from the 57-field
historical backfile. Every field is read as text, so '043' keeps its leading zero.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..errors import InputFileError
from .cameo import EventCode
from .events import EventFile
from .reading import Event, Reader, event_day
from .report import BadRow, ImportReport

LAYOUTS = {61: "2.0", 57: "1.0", 58: "1.0"}
_WIDTHS = {"2.0": (61,), "1.0": (57, 58)}
_LOOK_AHEAD = 10  # lines searched for a first GDELT row before the file is refused

ID, SQLDATE = 0, 1
# Actor1 is fields 5-8 and Actor2 15-18: code, name, country code, known-group code.
EVENT_CODE = 26
NUM_MENTIONS = 31


class GdeltReader(Reader):
    """Turns the lines of GDELT files into events, bad rows counted in the report."""

    name = "GDELT"

    def events(self, file: EventFile, report: ImportReport) -> Iterator[Event]:
        widths: tuple[int, ...] = ()
        waiting: list[tuple[int, str]] = []  # lines read before the first GDELT row
        for number, text in file.lines():
            if text is None:
                report.rows_read += 1
                report.bad(BadRow(file.name, number, "not UTF-8 text"))
                continue
            if not text.strip():
                continue
            if not widths:
                layout = LAYOUTS.get(text.count("\t") + 1)
                if layout is None:
                    waiting.append((number, text))
                    if len(waiting) >= _LOOK_AHEAD:
                        raise _not_gdelt(file.name, waiting)
                    continue
                widths = _WIDTHS[layout]
                for early_number, early_text in waiting:
                    report.rows_read += 1
                    event = self._row(file.name, early_number, early_text, widths, report)
                    assert event is None  # its column count is wrong: a bad row
                waiting.clear()
            report.rows_read += 1
            event = self._row(file.name, number, text, widths, report)
            if event is not None:
                yield event
        if not widths:
            raise _not_gdelt(file.name, waiting)

    def _row(self, file: str, number: int, text: str, widths: tuple[int, ...],
             report: ImportReport) -> Event | None:
        fields = text.split("\t")
        if len(fields) not in widths:
            report.bad(BadRow(file, number, "wrong column count",
                              f"{len(fields)}; this file's rows have "
                              f"{' or '.join(map(str, widths))}"))
            return None
        event_id = fields[ID].strip()
        if not event_id:
            report.bad(BadRow(file, number, "empty event id"))
            return None
        if not (event_id.isascii() and event_id.isdigit()):
            report.bad(BadRow(file, number, "event id not a number", repr(event_id[:40])))
            return None
        day = event_day(fields[SQLDATE], "%Y%m%d")
        if day is None:
            report.bad(BadRow(file, number, "impossible date", repr(fields[SQLDATE][:40])))
            return None
        code = fields[EVENT_CODE].strip()
        if not code:
            report.bad(BadRow(file, number, "empty event code"))
            return None
        # GDELT writes its codes and names without padding: the sides are taken as they are.
        side1 = (fields[5], fields[6], fields[7], fields[8])
        side2 = (fields[15], fields[16], fields[17], fields[18])
        url = fields[-1].strip() if len(fields) != 57 else ""
        return Event(f"gdelt-{event_id}", day, code, side1, side2,
                     not (side1[0] or side1[1]) or not (side2[0] or side2[1]),
                     (fields[NUM_MENTIONS].strip(), url), number)

    def match(self, matcher, side):
        code, name, country, group = side
        return matcher.gdelt(group, name, code, country)

    def summary(self, event: Event, code: EventCode) -> str:
        mentions = event.extra[0]
        counted = f", {mentions} mention{'s' if mentions != '1' else ''} in GDELT" \
            if mentions.isdigit() else ""
        return (f"{_label(event.side1)} to {_label(event.side2)}: {code.description} "
                f"(CAMEO {code.code}){counted}.")

    def source(self, event: Event) -> tuple[str, dict] | None:
        url = event.extra[1]
        return _source(url) if url else None


@functools.lru_cache(maxsize=8192)  # an export's rows come from a few hundred articles
def _source(url: str) -> tuple[str, dict]:
    key = "gdelt-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]
    fields = {"publisher": urlsplit(url).hostname, "url": url}
    return key, {k: v for k, v in fields.items() if v}


def _label(side: tuple[str, ...]) -> str:
    """An actor as the file names it: its name, else its code."""
    return side[1] or side[0]


def _not_gdelt(name: str, lines: list[tuple[int, str]]) -> InputFileError:
    expected = "GDELT event rows have 61 fields (2.0) or 57 or 58 (1.0)"
    if not lines:
        return InputFileError(f"{name}: empty file; {expected}")
    number, text = lines[0]
    if text.lstrip().startswith("<"):
        return InputFileError(f"{name}:{number}: this is XML (GraphML?), not GDELT events; "
                              f"{expected}")
    count = text.count("\t") + 1
    return InputFileError(f"{name}:{number}: {count} tab-separated field{'s' if count != 1 else ''}"
                          f"; {expected}; is this a GDELT export?")
