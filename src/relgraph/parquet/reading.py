"""Read relations from one Parquet file, as (row, record) pairs for the relation checks.

A record is a dict of the row's non-null values, as Arrow gives them to Python: text, a bool
for `mutual`, a number for `weight`. The file's schema is checked first: an unknown column,
a missing required one or a column of the wrong type is reported once for the file (row 0),
and its rows are then left unread, since each would show the same mistake. Rows are read a
record batch at a time, so memory stays the same however long the file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..checks.reporter import Reporter
from . import COLUMNS, PARTITION, REQUIRED, TEXT_COLUMNS, Part, partition_name, require

BATCH_ROWS = 65_536


class ParquetRecords:
    """The rows of one Parquet file; iterate for (row, record) pairs, rows counted from 1.

    `position()` is how many bytes of the file have been read (row groups done), for progress.
    """

    def __init__(self, part: Part, report: Reporter, dictionaries: tuple[str, ...] = ()):
        self.part = part
        self.report = report
        self.dictionaries = dictionaries  # columns read as Arrow dictionaries
        self._done = 0
        self._check_year = None

    def position(self) -> int:
        return self._done

    def __iter__(self) -> Iterator[tuple[int, dict]]:
        for first_row, batch in self.batches():
            yield from self.rows(batch, first_row)

    def batches(self) -> Iterator[tuple[int, object]]:
        """(number of its first row, record batch) for each batch of the file; nothing when
        the file or its schema is wrong (reported)."""
        if self.part.problem is not None:
            self.report.problem(0, self.part.problem)
            return
        table = open_file(self.part, self.report, self.dictionaries)
        if table is None:
            return
        row = 1
        try:
            for group in range(table.metadata.num_row_groups):
                for batch in table.iter_batches(batch_size=BATCH_ROWS, row_groups=[group]):
                    yield row, batch
                    row += batch.num_rows
                self._done += table.metadata.row_group(group).total_byte_size
        except _errors() as exc:  # a damaged page, the disk
            self.report.problem(row, f"cannot read the row group: {exc}; copy or write the "
                                     "file again")

    def rows(self, batch, first_row: int) -> Iterator[tuple[int, dict]]:
        """(row, record) for each row of `batch`: its non-null values by column name."""
        if self._check_year is None:
            self._check_year = _year_check(self.part, self.report) or (lambda row, date: None)
        check_year = self._check_year
        names = batch.schema.names
        columns = [column.to_pylist() for column in batch.columns]
        for row, values in enumerate(zip(*columns, strict=True), start=first_row):
            record = {name: value for name, value in zip(names, values, strict=True)
                      if value is not None}
            check_year(row, record.get("date"))
            yield row, record


def open_file(part: Part, report: Reporter, dictionaries: tuple[str, ...] = ()):
    """The pyarrow ParquetFile of `part` when its schema is relgraph's; None after reporting
    what is wrong. `dictionaries`: columns to read as Arrow dictionaries (each distinct
    value once, as Parquet stores them)."""
    pq = require("reading relations.parquet")
    try:
        table = pq.ParquetFile(part.path, read_dictionary=list(dictionaries) or None)
    except _errors() as exc:  # ArrowInvalid ("not a Parquet file"), a file cut short, the disk
        report.problem(0, f"not a readable Parquet file ({_first_line(exc)}); write it again "
                          "with pyarrow or Spark")
        return None
    ok = True
    schema = table.schema_arrow
    for name in schema.names:
        if name not in COLUMNS:
            guess = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f"did you mean {guess[0]!r}?" if guess else \
                f"known columns: {', '.join(COLUMNS)}"
            extra = f"; {PARTITION} is the partition folder's name, never a column" \
                if name == PARTITION else ""
            report.problem(0, f"unknown column {name!r} ({hint}){extra}")
            ok = False
            continue
        problem = _type_problem(name, schema.field(name).type)
        if problem:
            report.problem(0, problem)
            ok = False
    if len(set(schema.names)) != len(schema.names):
        report.problem(0, "a column is named twice; keep one of them")
        ok = False
    for name in REQUIRED:
        if name not in schema.names:
            report.problem(0, f"missing column {name!r}; every relation needs "
                              f"{', '.join(REQUIRED)}")
            ok = False
    return table if ok else None


def _type_problem(name: str, arrow_type) -> str | None:
    """What is wrong with a column's type, or None when relgraph reads it."""
    import pyarrow.types as types

    if types.is_null(arrow_type) and name not in REQUIRED:
        return None  # a column of nulls only: every row leaves it out
    if types.is_dictionary(arrow_type):
        arrow_type = arrow_type.value_type
    if name in TEXT_COLUMNS:
        ok = types.is_string(arrow_type) or types.is_large_string(arrow_type) or \
            (hasattr(types, "is_string_view") and types.is_string_view(arrow_type))
        want = "string (text)" + (", such as '2023-10'" if name in ("date", "until") else "")
    elif name == "mutual":
        ok, want = types.is_boolean(arrow_type), "bool"
    else:  # weight
        ok = types.is_floating(arrow_type) or types.is_integer(arrow_type)
        want = "double (a number)"
    if ok:
        return None
    return f"column {name!r} is {arrow_type}, not {want}; docs/data-format.md lists the types"


def _year_check(part: Part, report: Reporter):
    """For a file in a year's partition: a function reporting a row whose date is not of that
    year (dates that are not dates are left to the date check)."""
    if not part.partitioned:
        return None
    folder = partition_name(part.year)
    if part.year is None:
        def undated(row: int, date) -> None:
            if date is not None:
                report.problem(row, f"a relation dated {date!r} in the undated partition "
                                    f"{folder}; move it to {PARTITION}={str(date)[:4]}")
        return undated
    year = f"{part.year:04d}"

    def dated(row: int, date) -> None:
        if date is None:
            report.problem(row, f"an undated relation in partition {folder}; undated relations "
                                f"go in {partition_name(None)}")
        elif type(date) is str and date[:4] != year and date[:4].isdigit() and len(date) >= 4:
            report.problem(row, f"a relation dated {date!r} in partition {folder}; a relation "
                                f"goes in the partition of its date's year")
    return dated


def _errors() -> tuple:
    import pyarrow

    return (OSError, pyarrow.ArrowException)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
