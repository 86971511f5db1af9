"""Relations in CSV (`relations.csv`, or gzipped `.csv.gz`) as Spark reads them.

The header names the columns, any of the relation's fields in any order (docs/data-format.md):
it is read first, here (or through Spark when the file is not on this machine), and checked
as the local engine checks it; the file is then read with a schema of those columns, every
cell as text (never inferred). An empty cell is absent; `mutual` and `weight` are turned
from text as the local reader turns them. multiLine, since a quoted cell may hold a line
break: each file is one split, read in order.
"""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

from ..checks.records import _header_ok
from ..checks.relations import RELATION_FIELDS
from ..checks.reporter import Problems

# Spark's CSV options for the files relgraph reads: RFC 4180 quotes ("" for a quote inside a
# quoted cell, where Spark's default escape is a backslash).
OPTIONS = {"header": True, "multiLine": True, "escape": '"', "mode": "PERMISSIVE",
           "enforceSchema": True}
BAD = "_bad"  # the column Spark puts a record of the wrong number of cells in
_NUMBER = r"^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$"
_EMPTY_FILE = ("file is empty; its first line names the columns, such as "
               "id,source,target,type,date")


def header(spark, where: str, path: str,
           local: Path | None) -> tuple[tuple[str, ...], list, bool]:
    """The file's column names, the problems of its header (reported on line 1), and whether
    its first line ends in CR LF (Windows line ends: `read` then splits records on CR LF)."""
    first, crlf = _first_line(spark, path, local)
    problems = Problems()
    report = problems.reporter(where)
    if first is None:
        report.problem(0, _EMPTY_FILE)
        return (), problems.found, crlf
    names = [cell.strip() for cell in next(csv.reader(io.StringIO(first)), [])]
    if not _header_ok(names, report, RELATION_FIELDS):
        return (), problems.found, crlf
    return tuple(names), [], crlf


def _first_line(spark, path: str, local: Path | None) -> tuple[str | None, bool]:
    if local is not None:
        opened = gzip.open(local, "rt", encoding="utf-8-sig", newline="") \
            if local.name.endswith(".gz") else local.open(encoding="utf-8-sig", newline="")
        with opened as text:
            # A header cell may be quoted over several lines: let csv read one record.
            rows = csv.reader(text)
            row = next(rows, None)
            if row is None:
                return None, False
            out = io.StringIO()
            csv.writer(out).writerow(row)
        opened = gzip.open(local) if local.name.endswith(".gz") else local.open("rb")
        with opened as raw:
            return out.getvalue(), raw.readline(1 << 20).endswith(b"\r\n")
    # Split on LF alone, so that a first line ending in CR LF keeps its CR.
    row = spark.read.text(path, lineSep="\n").first()
    if row is None:
        return None, False
    return row[0].removesuffix("\r"), row[0].endswith("\r")


def read(spark, path: str, columns: tuple[str, ...], crlf: bool = False,
         with_bad: bool = False):
    """The file's relations in the contract's columns (absent ones null), in file order.
    `crlf`: the file's lines end in CR LF (its header's do)."""
    from pyspark.sql import functions as F

    schema = ", ".join(f"`{name}` STRING" for name in columns)
    options = dict(OPTIONS)
    if crlf:
        # Left to itself, multiLine detects CR LF but turns each one inside a quoted cell
        # into LF; told the two characters, it keeps them as the local reader does (Spark's
        # own test pins it: tests/test_spark_formats.py).
        options["lineSep"] = "\r\n"
    if with_bad:
        schema += f", {BAD} STRING"
        options["columnNameOfCorruptRecord"] = BAD
    frame = spark.read.schema(schema).options(**options).csv(path)
    raw = {name: F.col(f"`{name}`") if name in columns else F.lit(None).cast("string")
           for name in RELATION_FIELDS}
    cells = {name: F.when(cell != "", cell) for name, cell in raw.items()}  # empty: absent
    flag = F.lower(F.trim(cells["mutual"]))
    cells["mutual"] = F.when(flag == "true", True).when(flag == "false", False)
    number = cells["weight"]
    cells["weight"] = F.when(number.rlike(_NUMBER), F.trim(number).cast("double"))
    kept = [cells[name].alias(name) for name in sorted(cells)]
    if with_bad:  # validate says what a cell held when it is not a flag or a number
        kept += [F.col(BAD), raw["mutual"].alias("_mutual_text"),
                 raw["weight"].alias("_weight_text")]
    return frame.select(*kept, F.col("_metadata.file_path").alias("_file"),
                        F.monotonically_increasing_id().alias("_row"))


__all__ = ["OPTIONS", "header", "read"]
