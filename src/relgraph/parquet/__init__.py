"""Relations in Apache Parquet: where they are in a data folder, and their columns.

`relations.parquet` is one file or a folder partitioned by year as pyarrow and Spark write it
(`year=2023/part-0.parquet`, undated relations under `year=__HIVE_DEFAULT_PARTITION__`);
docs/data-format.md has the layout. This module lists the files without pyarrow, so that a
cache key or an error message never needs it; `reading` and `writing` import pyarrow, an
optional extra (`relgraph[parquet]`), through `require()`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import MissingExtra

RELATIONS_PARQUET = "relations.parquet"
PARTITION = "year"
UNDATED = "__HIVE_DEFAULT_PARTITION__"  # Hive's, Spark's and pyarrow's name for a null value
EXTRA = "parquet"
_YEAR_FOLDER = re.compile(rf"{PARTITION}=(?:([0-9]{{4}})|{UNDATED})")

# The columns and their Arrow types, in the order relgraph writes them (the JSON contract's).
TEXT_COLUMNS = ("id", "source", "target", "type", "date", "until", "summary", "quote", "ref")
REQUIRED = ("source", "target", "type")
COLUMNS = ("id", "source", "target", "type", "date", "until", "mutual", "weight", "summary",
           "quote", "ref")


@dataclass(frozen=True)
class Part:
    """One file of relations.parquet: its path, and its partition's year when it is in one
    (`year` None and `partitioned` True: the undated partition). `problem` says why the path
    is not a file relgraph reads (then it is reported, never skipped)."""

    path: Path
    partitioned: bool = False
    year: int | None = None
    problem: str | None = None


def require(what: str):
    """pyarrow.parquet, or MissingExtra naming `what` needed it and how to install it."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtra(what, EXTRA, "pyarrow") from None
    return pq


def parts(path: Path) -> list[Part]:
    """The files of `path` (a relations.parquet file or folder) in reading order: partitions
    by year, the undated one last, files by name within each. Hidden names (`_SUCCESS`,
    `.crc` files, as Spark writes them) are skipped; anything else unexpected is a Part with
    a problem, so that no relation is silently left out."""
    if not path.is_dir():
        return [Part(path)]
    found: list[tuple[tuple, Part]] = []
    for entry in sorted(path.iterdir()):
        if _hidden(entry.name):
            continue
        if entry.is_file():
            found.append(((0, 0, entry.name), _file(entry, False, None)))
            continue
        match = _YEAR_FOLDER.fullmatch(entry.name)
        if not entry.is_dir() or match is None:
            found.append(((0, 0, entry.name), Part(entry, problem=(
                f"a folder named {entry.name!r} in {RELATIONS_PARQUET}; its folders are "
                f"partitions named {PARTITION}=YYYY or {PARTITION}={UNDATED}"))))
            continue
        year = int(match.group(1)) if match.group(1) else None
        rank = (1, year) if year is not None else (2, 0)
        for file in sorted(entry.iterdir()):
            if not _hidden(file.name):
                found.append(((*rank, file.name), _file(file, True, year)))
    found.sort(key=lambda item: item[0])
    return [part for _, part in found]


def _file(path: Path, partitioned: bool, year: int | None) -> Part:
    if path.is_file() and path.name.endswith(".parquet"):
        return Part(path, partitioned, year)
    what = "a folder" if path.is_dir() else "a file"
    return Part(path, partitioned, year, problem=(
        f"{what} in {RELATIONS_PARQUET} that is not a .parquet file; move it out (names "
        "starting with _ or . are skipped)"))


def _hidden(name: str) -> bool:
    return name.startswith(("_", "."))


def partition_name(year: int | None) -> str:
    """The folder of a year's partition: `year=2023`, or the undated one."""
    return f"{PARTITION}={year:04d}" if year is not None else f"{PARTITION}={UNDATED}"
