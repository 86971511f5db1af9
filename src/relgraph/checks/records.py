"""Read relations from JSON Lines and CSV files, plain or gzipped, one record at a time.

A record comes with the line it starts on, as a dict of the fields it gives, ready for the
relation checks: JSON values as JSON has them; CSV cells as text, except an empty cell (left
out), `mutual` (`true`/`false`) and `weight` (a number). Problems with the file itself (bad
gzip, bad UTF-8, a line that is not JSON, a wrong CSV header) are reported with their line.
Nothing is read ahead: memory stays the same however long the file.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from .fields import kind, short
from .reporter import Reporter

REQUIRED_COLUMNS = ("source", "target", "type")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_JSON_SHAPE = '{"source": "...", "target": "...", "type": "..."}'


class RecordFile:
    """One JSON Lines or CSV file of relations; iterate for (line, record) pairs.

    `position()` is how many bytes of the file (compressed bytes, for gzip) have been read.
    """

    def __init__(self, path: Path, report: Reporter, columns: frozenset[str]):
        self.path = path
        self.report = report
        self.columns = columns
        self._raw = None

    def position(self) -> int:
        try:
            return self._raw.tell() if self._raw is not None else 0
        except (OSError, ValueError):
            return 0

    def __iter__(self) -> Iterator[tuple[int, dict]]:
        try:
            self._raw = self.path.open("rb")
        except IsADirectoryError:
            self.report.problem(0, "is a folder, not a file")
            return
        except OSError as exc:
            self.report.problem(0, f"cannot read: {exc.strerror or exc}")
            return
        with self._raw:
            stream = gzip.GzipFile(fileobj=self._raw, mode="rb") \
                if self.path.name.endswith(".gz") else self._raw
            if ".jsonl" in self.path.name:
                yield from _json_records(stream, self.report)
            else:
                yield from _csv_records(stream, self.report, self.columns)


# What reading may raise past the first byte: gzip's complaints, and the disk's.
_READ_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error, OSError)


def _read_error(report: Reporter, exc: Exception, lines: int) -> None:
    if isinstance(exc, (gzip.BadGzipFile, EOFError, zlib.error)):
        report.problem(0, _gzip_message(exc, lines))
    else:
        report.problem(lines + 1, f"cannot read: {getattr(exc, 'strerror', None) or exc}")


def _text(data: bytes, number: int, report: Reporter) -> str:
    """A line as text; bad UTF-8 is reported and read with the bad bytes replaced, so the
    records around it are still checked."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        report.problem(number, (
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8"))
        text = data.decode("utf-8", "replace")
    return text[1:] if number == 1 and text.startswith("\ufeff") else text


# -- JSON Lines ------------------------------------------------------------------------------

MAX_LINE = 2**20  # a relation is a few hundred bytes: a longer line is not one


def _lines(stream) -> Iterator[bytes | None]:
    """The stream's lines, None for one over MAX_LINE (read past, never held whole)."""
    readline = stream.readline
    while True:
        data = readline(MAX_LINE)
        if len(data) < MAX_LINE or data.endswith(b"\n"):
            if not data:
                return
            yield data
            continue
        while data and not data.endswith(b"\n"):
            data = readline(MAX_LINE)
        yield None


def _json_records(stream, report: Reporter) -> Iterator[tuple[int, dict]]:
    decode = json.JSONDecoder().raw_decode
    number = 0
    try:
        for data in _lines(stream):
            number += 1
            if data is None:
                report.problem(number, (
                    f"the line is longer than {MAX_LINE:,} bytes; is this a JSON Lines file? "
                    "(one relation a line)"))
                continue
            try:  # a byte-order mark fails here too: _text takes it off line 1
                text = data.decode("utf-8")
                value, end = decode(text)
            except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
                text = _text(data, number, report)
                value, end = None, -1
            if end < 0 or (end != len(text) and not text[end:].isspace()):
                if text.isspace() or not text:
                    continue  # blank lines are allowed between records
                value = _careful_json(text, number, report)
                if value is None:
                    continue
            elif type(value) is dict and text.count(":") > len(value):
                value = _without_duplicates(text, number, report)  # a key may be repeated
            if type(value) is not dict:
                report.problem(number, (
                    f"the line holds {kind(value)}, not a JSON object; write one relation a "
                    f"line, as {_JSON_SHAPE}"))
                continue
            yield number, value
    except _READ_ERRORS as exc:
        _read_error(report, exc, number)


def _careful_json(text: str, line: int, report: Reporter) -> object | None:
    """The value of a line the quick read refused (spaces around it), or None after saying
    what is wrong with it."""
    try:
        return _without_duplicates(text, line, report)
    except RecursionError:
        report.problem(line, "JSON nested too deeply; a relation is one flat JSON object")
    except json.JSONDecodeError as exc:
        report.problem(line, (
            f"not valid JSON at column {exc.colno}: {exc.msg}; write one relation a line, "
            f"as {_JSON_SHAPE}"))
    return None


def _without_duplicates(text: str, line: int, report: Reporter) -> object:
    """The line's value, each key once (the first); a repeated key is reported."""

    def first_of_each(pairs: list) -> dict:
        found: dict = {}
        for key, value in pairs:
            if key in found:
                report.problem(line, f"duplicate key {key!r}; keep one of them")
            else:
                found[key] = value
        return found

    return json.loads(text, object_pairs_hook=first_of_each)


# -- CSV -------------------------------------------------------------------------------------

def _csv_records(stream, report: Reporter,
                 columns: frozenset[str]) -> Iterator[tuple[int, dict]]:
    lines = (_text(data, number, report) for number, data in enumerate(stream, start=1))
    reader = csv.reader(lines, strict=True)
    start = 1
    try:
        header = next(reader, None)
        if header is None:
            report.problem(0, "file is empty; its first line names the columns, such as "
                              "id,source,target,type,date")
            return
        names = [cell.strip() for cell in header]
        if not _header_ok(names, report, columns):
            return  # every record would show the same mistake: the header's problem says it
        width = len(names)
        start = reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if not row:
                continue
            if len(row) != width:
                report.problem(line, (
                    f"{len(row)} cells where the header names {width} columns; put a cell "
                    "holding a comma in double quotes"))
                continue
            record = {name: cell for name, cell in zip(names, row, strict=True) if cell}
            if "mutual" in record:
                flag = record["mutual"].strip().lower()
                if flag in ("true", "false"):
                    record["mutual"] = flag == "true"
            if "weight" in record and _NUMBER.fullmatch(record["weight"].strip()):
                number = record["weight"].strip()
                record["weight"] = float(number) if any(c in number for c in ".eE") \
                    else int(number)
            yield line, record
    except csv.Error as exc:
        report.problem(start, _csv_message(str(exc)))
    except _READ_ERRORS as exc:
        _read_error(report, exc, reader.line_num)


def _csv_message(text: str) -> str:
    """What a CSV reader's error means for the one who wrote the file."""
    if "unexpected end of data" in text:
        return 'a quoted cell opened here is never closed; add the closing "'
    if "expected after" in text:
        return ('text after the closing " of a quoted cell; write "" for a " inside a quoted '
                'cell')
    return f"not valid CSV ({text}); check the quotes on this line"


def _header_ok(names: list[str], report: Reporter, columns: frozenset[str]) -> bool:
    import difflib

    ok = True
    seen: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        if name in seen:
            report.problem(1, f"column {short(name)} is named twice (columns {seen[name]} and "
                              f"{number}); keep one of them")
            ok = False
        seen.setdefault(name, number)
        if name not in columns:
            guess = difflib.get_close_matches(name, sorted(columns), n=1)
            hint = f"did you mean {guess[0]!r}?" if guess else \
                f"known columns: {', '.join(sorted(columns))}"
            what = f"column {number} has no name" if not name else \
                f"unknown column {short(name)}"
            report.problem(1, f"{what} ({hint}); the first line names the relation's fields")
            ok = False
    for required in REQUIRED_COLUMNS:
        if required not in seen:
            report.problem(1, f"missing column {required!r}; every relation needs "
                              f"{', '.join(REQUIRED_COLUMNS)}")
            ok = False
    return ok


def _gzip_message(exc: Exception, lines: int) -> str:
    text = str(exc)
    if "Not a gzipped file" in text:
        return "not gzip data; a file named .gz must be gzip-compressed (or drop the .gz)"
    where = f"after line {lines}" if lines else "before its first line"
    if isinstance(exc, EOFError):
        return (f"the gzip data ends early, {where}; the file was cut short: copy or "
                "compress it again")
    return f"the gzip data is damaged, {where} ({text}); copy or compress the file again"
