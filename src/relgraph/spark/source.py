"""Where a dataset's relations are, as Spark reads them: one DataFrame, explicit schemas.

A location (a folder, or any URL Spark reads: hdfs://, s3a://, gs://) holds actors.yaml and
relations.yaml, read whole and checked here (yamlpart.py), and its relations in
`relations.jsonl` (or `.jsonl.gz`), `relations.csv` (or `.csv.gz`, csvfile.py) and
`relations.parquet` (one file, or a folder partitioned by year), read by Spark. Relations
written in relations.yaml join them as a small table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..datafiles import ACTORS_FILE, CSV_FILES, RELATIONS_FILE
from ..dataset import SHIPPED, default_data_dir
from ..errors import Problem, SparkFailed, UsageError
from ..model import Relation
from . import csvfile
from .session import one_line
from .yamlpart import YamlPart, check_yaml_part

PARQUET_FILE = "relations.parquet"
JSONL = ("relations.jsonl", "relations.jsonl.gz")
# The relation contract's fields as the files hold them (docs/data-format.md). Never inferred:
# a date written as a year (2023) is read as its text, "2023".
FIELDS = ("id STRING, source STRING, target STRING, type STRING, date STRING, until STRING, "
          "mutual BOOLEAN, weight DOUBLE, summary STRING, quote STRING, ref STRING")
PARTITION = "year INT"  # the partition column of a folder partitioned by year
# Where a relation comes from, in reading order: location, part (YAML, JSON Lines, Parquet),
# file, byte offset of its split, row. Sorting by these gives file order.
ORDER = ("_at", "_part", "_file", "_block", "_row")
# The columns a relation is read back from, in Relation order, then the sort keys.
COLUMNS = ("id", "source", "target", "type", "polarity", "weight", "date", "until", "mutual",
           "summary", "quote", "ref", *ORDER)
PART_YAML, PART_JSONL, PART_CSV, PART_PARQUET = 0, 1, 2, 3  # the local engine's order


@dataclass
class Location:
    where: str  # as given (a path or URL), for messages
    path: str  # what Spark is given
    local: Path | None  # the folder, when it is on this machine


@dataclass
class RelationFile:
    at: int  # the location's rank
    part: int
    path: str
    partitioned: bool = False  # a Parquet folder partitioned by year
    columns: tuple[str, ...] = ()  # a CSV file's, as its header names them
    problems: list[Problem] = field(default_factory=list)  # a CSV header's
    crlf: bool = False  # a CSV file whose lines end in CR LF


def locations(data: list[str] | str | None) -> list[Location]:
    """The --data locations (or RELGRAPH_DATA's, or the shipped data), each once, in order."""
    from ..dataset import DATA_ENV

    if data is None or (isinstance(data, (list, tuple)) and not data):
        data = [p for p in os.environ.get(DATA_ENV, "").split(os.pathsep) if p.strip()]
    elif isinstance(data, (str, os.PathLike)):
        data = [os.fspath(data)]
    found: list[Location] = []
    for given in data or [SHIPPED]:
        given = os.fspath(given)
        if given == SHIPPED:
            folder = default_data_dir()
            found.append(Location(str(folder), str(folder.resolve()), folder))
        elif "://" in given and not given.startswith("file://"):
            found.append(Location(given, given.rstrip("/"), None))
        else:
            folder = Path(given.removeprefix("file://"))
            if not folder.is_dir():
                what = "does not exist" if not folder.exists() else "is a file"
                raise UsageError(f"data folder {given!r} {what}; pass --data a folder holding "
                                 f"{ACTORS_FILE} and {RELATIONS_FILE}")
            found.append(Location(given, str(folder.resolve()), folder))
    unique: dict[str, Location] = {}
    for location in found:
        unique.setdefault(location.path, location)
    return list(unique.values())


def read_yaml_part(spark, where: list[Location]) -> YamlPart:
    """Each location's actors.yaml and relations.yaml, checked as one dataset."""
    return check_yaml_part([(loc.where, _bytes(spark, loc, ACTORS_FILE),
                             _bytes(spark, loc, RELATIONS_FILE)) for loc in where])


def _bytes(spark, location: Location, name: str) -> bytes | None:
    if location.local is not None:
        path = location.local / name
        return path.read_bytes() if path.is_file() else None
    try:
        rows = spark.read.text(f"{location.path}/{name}", wholetext=True).collect()
    except Exception as exc:
        if _missing(exc):
            return None
        raise SparkFailed(f"could not read {location.where}/{name} through Spark: "
                          f"{one_line(exc)}") from None
    return rows[0][0].encode("utf-8") if rows else b""


def relation_files(spark, where: list[Location]) -> list[RelationFile]:
    """The files of relations Spark reads, in reading order."""
    found = []
    for at, location in enumerate(where):
        if location.local is not None:
            for part, names_ in ((PART_JSONL, JSONL), (PART_CSV, CSV_FILES)):
                present = [name for name in names_ if (location.local / name).is_file()]
                if len(present) == 2:
                    raise UsageError(
                        f"{location.where}: holds both {names_[0]} and {names_[1]}; keep one "
                        "(relgraph would read the same relations twice)")
                found += [_file(spark, at, part, location, n) for n in present]
            parquet = location.local / PARQUET_FILE
            if parquet.exists():
                found.append(RelationFile(at, PART_PARQUET, f"{location.path}/{PARQUET_FILE}",
                                          parquet.is_dir() and _by_year(parquet)))
        else:
            for part, names_ in ((PART_JSONL, JSONL), (PART_CSV, CSV_FILES)):
                for name in names_:
                    if _exists(spark, f"{location.path}/{name}", "text"):
                        found.append(_file(spark, at, part, location, name))
            path = f"{location.path}/{PARQUET_FILE}"
            files = _exists(spark, path, "parquet")
            if files:
                found.append(RelationFile(at, PART_PARQUET, path,
                                          any("/year=" in f for f in files)))
    return found


def _file(spark, at: int, part: int, location: Location, name: str) -> RelationFile:
    file = RelationFile(at, part, f"{location.path}/{name}")
    if part == PART_CSV:
        file.columns, file.problems, file.crlf = csvfile.header(
            spark, f"{location.where.rstrip('/')}/{name}", file.path,
            location.local / name if location.local is not None else None)
    return file


def _by_year(folder: Path) -> bool:
    return any(child.name.startswith("year=") for child in folder.iterdir())


def _exists(spark, path: str, form: str) -> list[str]:
    """The files Spark finds at `path` (empty when there is nothing there)."""
    try:
        reader = spark.read.schema(FIELDS)
        frame = reader.text(path) if form == "text" else reader.parquet(path)
        return frame.inputFiles()
    except Exception as exc:
        if _missing(exc):
            return []
        raise SparkFailed(f"could not list {path} through Spark: {one_line(exc)}") from None


def _missing(exc: Exception) -> bool:
    text = str(exc)
    return "PATH_NOT_FOUND" in text or "does not exist" in text.lower()


def relations_frame(spark, files: list[RelationFile], yaml_relations: list[tuple[int, Relation]],
                    types: dict, undecided: set[int] = frozenset()):
    """Every relation as one DataFrame: the contract's fields, polarity and weight from the
    (broadcast) types, the span's first and last day, the year, and the reading-order columns.
    Sources and targets as written, ids as written (or none, as for the relations of
    relations.yaml `undecided` names): SparkStore.selected resolves them for the relations a
    question selects (names.py, madeup.py).
    """
    from pyspark.sql import functions as F

    frames = [_read(spark, f) for f in files]
    if yaml_relations or not frames:
        frames.append(_yaml_frame(spark, yaml_relations, undecided))
    frame = frames[0]
    for more in frames[1:]:
        frame = frame.unionByName(more)
    kinds = spark.createDataFrame(
        [(name, t.polarity, float(t.weight)) for name, t in types.items()],
        "type STRING, polarity STRING, type_weight DOUBLE")
    frame = frame.join(F.broadcast(kinds), "type", "left")
    frame = frame.withColumn("weight", F.coalesce("weight", "type_weight")).drop("type_weight")
    frame = frame.withColumn("mutual", F.coalesce("mutual", F.lit(False)))
    first = _first_day(F.col("date"))
    last = F.coalesce(_last_day(F.col("until")), _last_day(F.col("date")))
    return frame.withColumn("first", first).withColumn("last", last)


def _read(spark, file: RelationFile):
    """One file (or partitioned folder) of relations, with where each row comes from."""
    from pyspark.sql import functions as F

    reader = spark.read
    path = F.col("_metadata.file_path")
    if file.part == PART_PARQUET:
        schema = FIELDS + (f", {PARTITION}" if file.partitioned else "")
        frame = reader.schema(schema).parquet(file.path)
        row = F.col("_metadata.row_index")
        block = F.lit(0).cast("long")
    elif file.part == PART_CSV:
        frame = csvfile.read(spark, file.path, file.columns, file.crlf)
        path, row = F.col("_file"), F.col("_row")
        block = F.lit(0).cast("long")
    else:
        frame = reader.schema(FIELDS).json(file.path, mode="PERMISSIVE")
        # A split's rows keep their order within its task, so (split start, id) is file order.
        row = F.monotonically_increasing_id()
        block = F.col("_metadata.file_block_start")
    if not file.partitioned:
        frame = frame.withColumn("year", F.year(_first_day(F.col("date"))))
    return frame.select(
        *[F.col(name) for name in _FIELD_NAMES], "year",
        F.lit(file.at).alias("_at"), F.lit(file.part).alias("_part"),
        path.alias("_file"), block.alias("_block"), row.alias("_row"))


_FIELD_NAMES = [field.split()[0] for field in FIELDS.split(", ")]


def _yaml_frame(spark, relations: list[tuple[int, Relation]], undecided: set[int]):
    """The relations written in relations.yaml, as rows in the same columns (without the ids
    of those `undecided` names)."""
    rows = [(None if n in undecided else r.id, r.source, r.target, r.type,
             r.date.text if r.date else None, r.until.text if r.until else None, r.mutual,
             float(r.weight), r.summary, r.quote, r.ref, r.date.first.year if r.date else None,
             at, PART_YAML, "", 0, n)
            for n, (at, r) in enumerate(relations)]
    schema = (f"{FIELDS}, year INT, _at INT, _part INT, _file STRING, _block LONG, _row LONG")
    return spark.createDataFrame(rows, schema)


def _first_day(text):
    """The first day of a date written YYYY, YYYY-MM or YYYY-MM-DD; null when absent (or not
    a real date, which validate reports)."""
    from pyspark.sql import functions as F

    text = F.trim(text)
    padded = (F.when(text.rlike(r"^[0-9]{4}$"), F.concat(text, F.lit("-01-01")))
              .when(text.rlike(r"^[0-9]{4}-[0-9]{2}$"), F.concat(text, F.lit("-01")))
              .when(text.rlike(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), text))
    return F.try_to_date(padded, "yyyy-MM-dd")


def _last_day(text):
    """The last day of a date written YYYY, YYYY-MM or YYYY-MM-DD (null when absent)."""
    from pyspark.sql import functions as F

    first = _first_day(text)
    length = F.length(F.trim(text))
    return (F.when(length == 4, F.make_date(F.year(first), F.lit(12), F.lit(31)))
            .when(length == 7, F.last_day(first))
            .when(length == 10, first))
