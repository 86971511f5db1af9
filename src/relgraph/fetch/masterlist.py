"""GDELT's lists of files: what exists, how large, with which MD5, and where to get it.

GDELT 2.0: `gdeltv2/masterfilelist.txt` (`masterfilelist-translation.txt` for the translated
stream), one `<bytes> <md5> <url>` line per file, and `lastupdate.txt` (the newest slot's three
files, same form). GDELT 1.0: `events/filesizes` (`<bytes> <name>`) and `events/md5sums`
(`<md5>  <name>`, as md5sum writes it). Only event exports are kept (`*.export.CSV.zip`, and
1.0's yearly and monthly zips); mentions and GKG files are never listed.

Every URL is rebuilt on the base URL in use (RELGRAPH_GDELT_URL, else GDELT's own), keeping the
path: a list read from a mirror sends every download to the mirror too.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import slots

DEFAULT_BASE = "http://data.gdeltproject.org/"
BASE_ENV = "RELGRAPH_GDELT_URL"
EXPORT_SUFFIX = ".export.CSV.zip"


@dataclass(frozen=True)
class Stream:
    """One of GDELT's lists: where it is, and what its files are called."""

    name: str  # how the report names it
    list_path: str  # the list, relative to the base URL
    last_path: str  # lastupdate file (GDELT 2.0 only)


ENGLISH = Stream("English", "gdeltv2/masterfilelist.txt", "gdeltv2/lastupdate.txt")
TRANSLATION = Stream("translation", "gdeltv2/masterfilelist-translation.txt",
                     "gdeltv2/lastupdate-translation.txt")
V1_SIZES = "events/filesizes"
V1_MD5S = "events/md5sums"


@dataclass(frozen=True)
class Entry:
    """One file to fetch: its path under the base URL, size, MD5 (None where GDELT publishes
    none) and the slots it covers (one for GDELT 2.0; a day, month or year for 1.0)."""

    path: str
    size: int
    md5: str | None
    first: dt.datetime
    last: dt.datetime
    stream: str

    def url(self, base: str) -> str:
        return base + self.path


def base_url() -> str:
    """The base every URL is read from, ending in `/`."""
    base = os.environ.get(BASE_ENV) or DEFAULT_BASE
    return base if base.endswith("/") else base + "/"


def relative(url: str) -> str | None:
    """A URL of GDELT's lists as a path under the base: its path, without the leading `/`; None
    for a path that could step outside the cache folder (`..`, an empty or `.` segment)."""
    path = urlsplit(url.strip()).path.lstrip("/")
    if any(part in ("", ".", "..") for part in path.split("/")):
        return None
    return path


@dataclass
class ListSummary:
    """What a read of a 2.0 list found: its export entries in the period and its newest slot."""

    entries: list[Entry]
    newest: dt.datetime | None


def read_v2(lines: Iterable[str], period: slots.Period, stream: Stream) -> ListSummary:
    """The export entries of a masterfilelist whose slot is in `period`; malformed lines, other
    file kinds and names without a slot are passed over."""
    entries: dict[dt.datetime, Entry] = {}
    newest = None
    for line in lines:
        entry = _v2_entry(line, stream)
        if entry is None:
            continue
        if newest is None or entry.first > newest:
            newest = entry.first
        if entry.first in period:
            entries[entry.first] = entry  # a slot listed twice: the later line wins
    return ListSummary([entries[k] for k in sorted(entries)], newest)


def _v2_entry(line: str, stream: Stream) -> Entry | None:
    parts = line.split()
    if len(parts) != 3 or not parts[2].endswith(EXPORT_SUFFIX):
        return None
    size, md5, url = parts
    slot = slots.slot_of(url)
    path = relative(url)
    if slot is None or path is None or not size.isdigit() or not _is_md5(md5):
        return None
    return Entry(path, int(size), md5.lower(), slot, slot, stream.name)


def newest_line(lines: Iterable[str], stream: Stream) -> Entry | None:
    """The export file of lastupdate.txt."""
    for line in lines:
        entry = _v2_entry(line, stream)
        if entry is not None:
            return entry
    return None


def read_v1(sizes: Iterable[str], md5s: Iterable[str], period: slots.Period) -> list[Entry]:
    """GDELT 1.0's event files that overlap `period`, from its filesizes and md5sums lists."""
    sums: dict[str, str] = {}
    for line in md5s:
        parts = line.split()
        if len(parts) == 2 and _is_md5(parts[0]):
            sums[parts[1]] = parts[0].lower()
    found: dict[str, Entry] = {}
    for line in sizes:
        parts = line.split()
        if len(parts) != 2 or not parts[0].isdigit():
            continue
        name = parts[1]
        span = slots.v1_span(name) if "/" not in name else None
        if span is None or span[1] < period.first or span[0] > period.last:
            continue
        found[name] = Entry(f"events/{name}", int(parts[0]), sums.get(name), span[0], span[1],
                            "GDELT 1.0")
    return sorted(found.values(), key=lambda e: e.first)


def v1_expected(period: slots.Period) -> Iterator[tuple[str, dt.datetime, dt.datetime]]:
    """The names GDELT 1.0's layout gives the files of `period` (clipped to before GDELT 2.0):
    a year to 2005, a month from 2006-01 to 2013-03, a day from 2013-04-01."""
    start = period.first
    while start <= period.last and start < slots.GDELT2_START:
        if start.year <= 2005:
            name = f"{start.year}.zip"
        elif start < dt.datetime(2013, 4, 1):
            name = f"{start.year}{start.month:02d}.zip"
        else:
            name = f"{start:%Y%m%d}{EXPORT_SUFFIX}"
        first, last = slots.v1_span(name)
        yield name, first, last
        start = last + slots.SLOT


def _is_md5(text: str) -> bool:
    return len(text) == 32 and all(c in "0123456789abcdefABCDEF" for c in text)


def read_lines(path: Path) -> Iterator[str]:
    """The lines of a cached list, decoded leniently: a stray byte must not hide the rest."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        yield from handle
