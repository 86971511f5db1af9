"""validate --spark: the data contract checked by Spark jobs, each problem with its file and
line (JSON Lines, CSV) or row (Parquet).

actors.yaml and relations.yaml (with any relations written there) are checked before, as the
local engine checks them (yamlpart.py). Here, for the relations Spark reads:
- each JSON line is a JSON object of the contract's fields with values of the right kinds,
  and names no unknown field; a CSV file's header names the contract's fields (checked when
  the data is opened, as the local engine checks it) and each record has a cell for each,
  `mutual` true or false and `weight` a number; a Parquet file has the contract's columns
  and types;
- `source`, `target` and `type` are there, and an `id` that is there is not empty;
- source and target name actors (by id, name or alias, as the local engine resolves them:
  names.py), and not the same actor;
- the type and the source (`ref`) are declared;
- `date` and `until` are YYYY, YYYY-MM or YYYY-MM-DD and real dates, `until` comes with a
  `date` and not before it;
- the weight is within [-10, 10] and agrees in sign with the type's polarity;
- each id is used once, across every file (relations.yaml's too), the ids made up for the
  relations without one (and without a problem) included, as madeup.py makes them up.
Not checked here: text fields that JSON writes as numbers (read as their text).
"""

from __future__ import annotations

from ..errors import Problem
from ..results import Validation
from . import csvfile, names
from .madeup import made_up_table
from .source import FIELDS, PART_CSV, PART_JSONL, PART_PARQUET, PART_YAML, RelationFile
from .store import SparkStore, _guarded

MAX_SHOWN = 1000  # problems listed, as the local check stops at 1,000
_NAMES = [field.split()[0] for field in FIELDS.split(", ")]
_TYPES = {field.split()[0]: field.split()[1].lower() for field in FIELDS.split(", ")}


def validation(graph) -> Validation:
    """The report of every problem found in the relations Spark reads, or the counts."""
    store: SparkStore = graph.store
    problems = _problems(store)
    if problems:
        from ..errors import DataError

        error = DataError(problems)
        return Validation(error.lines(), error.problems)
    from ..dataset import default_data_dir

    shipped = default_data_dir()
    where = [("the data shipped with relgraph" if location.local == shipped else location.where)
             for location in store.locations]
    return Validation([f"ok: {len(store.actors)} actors, {len(store.types)} types, "
                       f"{store.relation_count} relations in {_and(where)}"])


@_guarded
def _problems(store: SparkStore) -> list[Problem]:
    from pyspark.sql import functions as F

    spark = store.spark
    found: list[Problem] = []
    rows = []
    for file in store.files:
        if file.part == PART_PARQUET:
            found += _parquet_columns(spark, file)
        rows.append(_located(spark, file))
    if found:  # a file of the wrong shape: its rows cannot be read to check them
        return found
    part = store.yaml_part
    # relations.yaml's relations, checked already: each with its line, and its id (none for
    # those whose made-up id is decided again, madeup.py) or whether it was made up there.
    yaml_rows = [(None if n in store.undecided else r.id, r.source, r.target, r.type,
                  r.date.text if r.date else None, r.until.text if r.until else None, r.mutual,
                  float(r.weight), r.summary, r.quote, r.ref, at, PART_YAML,
                  f"{store.where[at]}/relations.yaml", part.lines[n], n,
                  part.made_up[n] and n not in store.undecided, None, None, None, None)
                 for n, (at, r) in enumerate(store.yaml_relations)]
    schema = (f"{FIELDS}, _at INT, _part INT, _file STRING, _line LONG, _pos LONG, "
              "_made_before BOOLEAN, _bad STRING, _keys ARRAY<STRING>, _mutual_text STRING, "
              "_weight_text STRING")
    frame = spark.createDataFrame(yaml_rows, schema)
    for more in rows:
        frame = frame.unionByName(more)
    table = names.find_names(spark, frame, store.actors).table(spark)
    checked = _checks(spark, store, names.with_ids(frame, table, keep_problems=True))
    checked = _repeated_ids(spark, store, checked)
    shown = (checked.select("_file", "_line", F.posexplode("_messages").alias("_check",
                                                                                "message"))
             .orderBy("_file", "_line", "_check").select("_file", "_line", "message")
             .limit(MAX_SHOWN + 1).collect())
    found = [Problem(_shown(store, file), int(line), _named(store, message))
             for file, line, message in shown[:MAX_SHOWN]]
    if len(shown) > MAX_SHOWN:
        found.append(Problem(found[-1].file, 0, (
            f"stopped after {MAX_SHOWN} problems; is this a relgraph dataset?")))
    return found


def _shown(store: SparkStore, path: str) -> str:
    """A file as the user named its location (`data/relations.jsonl`), not as Spark does
    (`file:/abs/data/relations.jsonl`, with %20 for a space)."""
    from urllib.parse import unquote

    plain = unquote(path.removeprefix("file://").removeprefix("file:"))
    for location in store.locations:
        for prefix in (location.path, unquote(location.path)):
            if plain.startswith(prefix + "/"):
                return location.where.rstrip("/") + plain[len(prefix):]
    return path


def _named(store: SparkStore, message: str) -> str:
    """A message with the files it names (an id's first use) shown as the user named them."""
    for location in store.locations:
        message = message.replace(f"file:{location.path}/", f"{location.where.rstrip('/')}/")
    return message


def _located(spark, file: RelationFile):
    """The file's relations with the line (or row) each is on, 1 for the first."""
    from pyspark.sql import functions as F

    no_text = [F.lit(None).cast("string").alias("_mutual_text"),
               F.lit(None).cast("string").alias("_weight_text")]
    not_made = [F.lit(False).alias("_made_before")]
    if file.part == PART_PARQUET:
        schema = FIELDS + (", year INT" if file.partitioned else "")
        frame = spark.read.schema(schema).parquet(file.path)
        return frame.select(*_NAMES, F.lit(file.at).alias("_at"), F.lit(file.part).alias("_part"),
                            F.col("_metadata.file_path").alias("_file"),
                            (F.col("_metadata.row_index") + 1).alias("_line"),
                            (F.col("_metadata.row_index") + 1).alias("_pos"), *not_made,
                            F.lit(None).cast("string").alias("_bad"),
                            F.lit(None).cast("array<string>").alias("_keys"), *no_text)
    if file.part == PART_CSV:
        return _csv_located(spark, file)
    assert file.part == PART_JSONL
    lines = _numbered(spark, spark.read.text(file.path))
    lines = lines.where(F.trim("value") != "")  # blank lines are allowed
    parsed = F.from_json("value", f"{FIELDS}, _bad STRING",
                         {"mode": "PERMISSIVE", "columnNameOfCorruptRecord": "_bad"})
    keys = F.when(F.col("value").rlike(r"^\s*\{"), F.json_object_keys("value"))
    lines = lines.select(parsed.alias("r"), "_file", "_line", keys.alias("_keys"), "value")
    return lines.select(*[F.col(f"r.{name}").alias(name) for name in _NAMES],
                        F.lit(file.at).alias("_at"), F.lit(file.part).alias("_part"), "_file",
                        "_line", F.col("_line").alias("_pos"), *not_made,
                        F.when(F.col("r").isNull() | F.col("r._bad").isNotNull(),
                               F.col("value")).alias("_bad"), "_keys", *no_text)


def _csv_located(spark, file: RelationFile):
    """A CSV file's records with the line each starts on: 1 is the header, and a record
    starts after the line breaks of the records (and quoted cells) before it, and after the
    blank lines before it, which Spark skips (`_record_starts`)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    frame = csvfile.read(spark, file.path, file.columns, file.crlf, with_bad=True)
    by_file = Window.partitionBy("_file").orderBy("_row")
    texts = [*_NAMES[:6], "summary", "quote", "ref", "_mutual_text", "_weight_text"]
    breaks = sum((F.coalesce(F.size(F.split(F.col(name), "\n")) - 1, F.lit(0))
                  for name in texts if name not in ("mutual", "weight")), F.lit(0))
    before = F.sum("_breaks").over(by_file.rowsBetween(Window.unboundedPreceding, -1))
    frame = frame.withColumn("_breaks", breaks).withColumn("_record", F.row_number().over(
        by_file)).withColumn("_line", 1 + F.col("_record") + F.coalesce(before, F.lit(0)))
    starts = _record_starts(spark, file.path)
    if starts is not None:  # blank lines: the Nth record starts on the Nth line that starts one
        frame = (frame.join(starts.withColumnRenamed("_line", "_start"), ["_file", "_record"],
                            "left")
                 .withColumn("_line", F.coalesce("_start", "_line")))  # (mixed line ends)
    bad = F.when(F.col(csvfile.BAD).isNotNull(), F.concat(
        F.lit(f"{_CSV_CELLS} {len(file.columns)} columns: "),
        F.regexp_replace(F.substring(csvfile.BAD, 1, 80), "\r?\n", " ")))  # one line
    return frame.select(*_NAMES, F.lit(file.at).alias("_at"), F.lit(file.part).alias("_part"),
                        "_file", "_line", F.col("_line").alias("_pos"),
                        F.lit(False).alias("_made_before"), bad.alias("_bad"),
                        F.lit(None).cast("array<string>").alias("_keys"), "_mutual_text",
                        "_weight_text")


def _record_starts(spark, path: str):
    """(file, record number, line) of each record of a CSV file that has a blank line; None
    when it has none (one job that reads the file as text finds out).

    Spark's CSV reader skips blank lines, so its records do not say which line they are on.
    A line starts a record when it is not blank and the quotes before it are even in number
    (it is not inside a quoted cell: a quote within one is written twice); the first such
    line is the header. Lines are numbered as validate numbers JSON lines (`_numbered`), and
    each split's quotes are counted the same way, so the file is read in parallel; only the
    lines that start a record are then ranked, in one task a file."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    # Lines end at LF, as the local engine counts them (a CR alone, inside a quoted cell, is
    # no line break to it): a blank line is empty, or a lone CR in a file of CR LF line ends.
    text = spark.read.text(path, lineSep="\n")
    blank = F.col("value").isin("", "\r")
    if not text.where(blank).select("value").limit(1).collect():
        return None
    quotes = F.length("value") - F.length(F.regexp_replace("value", '"', ""))
    lines = _numbered(spark, text, {"_quotes": quotes})
    split = Window.partitionBy("_file", "_block").orderBy("_id")
    inside = F.coalesce(F.sum("_quotes").over(split.rowsBetween(Window.unboundedPreceding, -1)),
                        F.lit(0)) + F.col("_quotes_before")
    firsts = lines.withColumn("_inside", inside % 2 == 1).where(~blank & ~F.col("_inside"))
    ranked = firsts.withColumn(
        "_record", F.row_number().over(Window.partitionBy("_file").orderBy("_line")) - 1)
    return ranked.where(F.col("_record") > 0).select("_file", "_record", "_line")


def _numbered(spark, text, sums: dict | None = None):
    """The lines of `text` (spark.read.text) with `_file`, `_block` (its split), `_id` and
    `_line`, 1 for a file's first; and for each column of `sums` (name: a number per line),
    `NAME_before`: its total over the lines of the splits before the line's own."""
    from pyspark.sql import functions as F

    sums = sums or {}
    lines = text.select("value", F.col("_metadata.file_path").alias("_file"),
                        F.col("_metadata.file_block_start").alias("_block"),
                        F.monotonically_increasing_id().alias("_id"),
                        *[value.alias(name) for name, value in sums.items()])
    # A split is read by one task in order: its lines are numbered from the first id it
    # gave, after the lines of the splits before it (a small table, summed here).
    splits = lines.groupBy("_file", "_block").agg(
        F.min("_id").alias("_start"), F.count(F.lit(1)).alias("_lines"),
        *[F.coalesce(F.sum(name), F.lit(0)).alias(name) for name in sums]).collect()
    before: dict[str, list[int]] = {}
    offsets = []
    for path, block, start, count, *totals in sorted(splits, key=lambda s: (s[0], s[1])):
        so_far = before.setdefault(path, [0] * (1 + len(sums)))
        offsets.append((path, block, start, *so_far))
        before[path] = [a + b for a, b in zip(so_far, (count, *totals), strict=True)]
    schema = ", ".join(["_file STRING, _block LONG, _start LONG, _offset LONG",
                        *[f"{name}_before LONG" for name in sums]])
    table = F.broadcast(spark.createDataFrame(offsets, schema))
    return lines.join(table, ["_file", "_block"]).withColumn(
        "_line", F.col("_offset") + F.col("_id") - F.col("_start") + 1)


_CSV_CELLS = "the record has more or fewer cells than the header's"
_JSON_SHAPE = ("line is not a JSON object of the relation's fields with values of the right "
               "kinds: ")


def _parquet_columns(spark, file: RelationFile) -> list[Problem]:
    """The columns of a Parquet file (as its footer declares them) against the contract."""
    declared = {f.name: f.dataType.simpleString()
                for f in spark.read.parquet(file.path).schema.fields}
    problems = []
    for name, kind in declared.items():
        if name == "year" and file.partitioned:
            continue
        if name not in _TYPES:
            problems.append(f"unknown column {name!r}; the columns are the relation's "
                            f"fields: {', '.join(_NAMES)}")
        elif _TYPES[name] != kind and not (_TYPES[name] == "double" and kind in (
                "float", "int", "bigint", "smallint", "tinyint")):
            problems.append(f"column {name!r} is {kind}, not {_TYPES[name]}")
    for name in ("source", "target", "type"):
        if name not in declared:
            problems.append(f"missing column {name!r}; every relation needs one")
    return [Problem(file.path, 0, message) for message in problems]


def _checks(spark, store: SparkStore, frame):
    """`frame` with `_messages`, the problems found in each relation (none, one or several)
    but for a repeated id (`_repeated_ids`)."""
    from pyspark.sql import functions as F

    from .source import _first_day, _last_day

    kinds = F.broadcast(spark.createDataFrame(
        [(name, t.polarity) for name, t in store.types.items()] or [("", "")],
        "kind STRING, polarity STRING"))
    refs = F.broadcast(spark.createDataFrame([(k,) for k in store.sources] or [("",)],
                                             "key STRING"))
    frame = (frame
             .join(kinds, F.col("type") == F.col("kind"), "left")
             .join(refs, F.col("ref") == F.col("key"), "left"))
    col, lit = F.col, F.lit
    date_form = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
    first, last_until = _first_day(col("date")), _last_day(col("until"))
    named = F.concat(lit("relation "), F.when(col("id").isNotNull(),
                                              F.concat(lit("'"), col("id"), lit("': ")))
                     .otherwise(lit("without an id: ")))
    unknown = F.array_except(F.coalesce(col("_keys"), F.array().cast("array<string>")),
                             F.array(*[lit(n) for n in _NAMES]))
    weight = col("weight")
    known_types = ", ".join(sorted(store.types)) or "none"
    checks = [
        (col("_bad").isNotNull(), F.when(col("_bad").startswith(_CSV_CELLS), col("_bad"))
         .otherwise(F.concat(lit(_JSON_SHAPE), F.substring(col("_bad"), 1, 80)))),
        (col("_bad").isNull() & F.trim(col("_mutual_text")).isNotNull()
         & (F.trim(col("_mutual_text")) != "") & col("mutual").isNull(),
         F.concat(named, lit("mutual must be true or false, not '"), col("_mutual_text"),
                  lit("'"))),
        (col("_bad").isNull() & F.trim(col("_weight_text")).isNotNull()
         & (F.trim(col("_weight_text")) != "") & col("weight").isNull(),
         F.concat(named, lit("weight '"), col("_weight_text"),
                  lit("' must be a number in [-10, 10]"))),
        (F.size(unknown) > 0, F.concat(named, lit("unknown field '"),
                                       F.array_join(unknown, "', '"), lit("'"))),
        (col("_bad").isNull() & (F.trim(col("id")) == ""), F.concat(named, lit("'id' is empty"))),
    ]
    for name in ("source", "target", "type"):
        checks.append((col("_bad").isNull() & col(name).isNull(),
                       F.concat(named, lit(f"missing required field '{name}'"))))
    for name in ("source", "target"):
        checks.append((col(f"_{name}_problem").isNotNull(),
                       F.concat(named, col(f"_{name}_problem"))))
    checks += [
        (col("source") == col("target"), F.concat(
            named, lit("source and target are both '"), col("source"),
            lit("'; a relation joins two different actors"))),
        (col("type").isNotNull() & col("kind").isNull(), F.concat(
            named, lit("unknown type '"), col("type"),
            lit(f"' (known types: {known_types}; declare it under 'types')"))),
        (col("ref").isNotNull() & col("key").isNull(),
         F.concat(named, lit("unknown source '"), col("ref"), lit("'"))),
        (col("date").isNotNull() & ~F.trim(col("date")).rlike(date_form),
         F.concat(named, lit("date '"), col("date"),
                  lit("' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"))),
        (col("date").isNotNull() & F.trim(col("date")).rlike(date_form) & first.isNull(),
         F.concat(named, lit("date '"), col("date"),
                  lit("' is not a real date (check the month and day)"))),
        (col("until").isNotNull() & ~F.trim(col("until")).rlike(date_form),
         F.concat(named, lit("until '"), col("until"),
                  lit("' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"))),
        (col("until").isNotNull() & F.trim(col("until")).rlike(date_form)
         & last_until.isNull(),
         F.concat(named, lit("until '"), col("until"),
                  lit("' is not a real date (check the month and day)"))),
        (col("until").isNotNull() & col("date").isNull(),
         F.concat(named, lit("'until' without 'date'; give the date it starts"))),
        (last_until < first, F.concat(named, lit("until "), col("until"),
                                      lit(" is before date "), col("date"),
                                      lit("; correct one of them"))),
        (weight.isNotNull() & ((weight < -10) | (weight > 10)),
         F.concat(named, lit("weight "), weight.cast("string"),
                  lit(" is outside [-10, 10]"))),
        (weight.isNotNull() & (((col("polarity") == "hostile") & (weight >= 0))
                               | ((col("polarity") == "friendly") & (weight <= 0))
                               | ((col("polarity") == "neutral") & (weight != 0))),
         F.concat(named, lit("weight "), weight.cast("string"),
                  lit(" disagrees with polarity "), col("polarity"), lit(" of its type"))),
    ]
    messages = F.filter(F.array(*[F.when(c, text) for c, text in checks]),
                        lambda m: m.isNotNull())
    # A line's problems in the order of the checks above, as the local engine finds them.
    return frame.withColumn("_messages", messages)


def _repeated_ids(spark, store: SparkStore, frame):
    """`frame` with each relation's id (its own, or the one made up for it as the local
    checker makes it up: madeup.py) and, after its other problems, the local engine's
    message when an id was taken before it in reading order (every use after the first
    names the first): an explicit id used twice, or equal to an id made up before it."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    col, lit = F.col, F.lit
    place = ["_at", "_part", "_file", "_pos"]  # reading order
    # The id a relation takes: an explicit one as the local checker reads it (stripped; none
    # for an empty one or a record it cannot read); made up only for a relation without a
    # problem.
    frame = frame.withColumn("id", F.when(col("_bad").isNull() & (F.trim(col("id")) != ""),
                                          F.trim(col("id"))))
    # Asked first of the id column alone (Parquet's statistics answer it): a folder relgraph
    # wrote has no relation without an id, and pays for no more.
    without_id = bool(store.raw.where(col("id").isNull()).select("id").limit(1).collect())
    table = made_up_table(spark, frame, store.ahead, place=tuple(place),
                          takes=F.size(col("_messages")) == 0) if without_id else None
    if table is None:
        frame = frame.withColumn("_made_up", lit(None).cast("string"))
    else:
        frame = frame.join(table, place, "left")
    frame = (frame.withColumn("_made", col("_made_up").isNotNull() | col("_made_before"))
             .withColumn("id", F.coalesce(col("id"), col("_made_up"))))
    first = Window.partitionBy("id").orderBy(*place)
    frame = (frame.withColumn("_n", F.row_number().over(first))
             .withColumn("_first_file", F.first("_file").over(first))
             .withColumn("_first_line", F.first("_line").over(first))
             .withColumn("_first_made", F.first("_made").over(first)))
    unit = F.when(col("_first_file").endswith(".parquet"), lit("row")).otherwise(lit("line"))
    where = F.when(col("_first_file") == col("_file"),
                   F.concat(lit("on "), unit, lit(" "), col("_first_line")))
    where = where.otherwise(F.concat(lit("in "), col("_first_file"), lit(":"),
                                     col("_first_line")))
    message = F.when(col("_first_made"), F.concat(
        lit("relation id '"), col("id"), lit("' is already the id made up for the relation "
                                             "without one "), where,
        lit("; give each relation its own id"))).otherwise(F.concat(
            lit("relation id '"), col("id"), lit("' is used twice (first "), where,
            lit("); give each relation its own id")))
    repeated = col("id").isNotNull() & (col("_n") > 1)
    return frame.withColumn("_messages", F.when(
        repeated, F.concat(col("_messages"), F.array(message))).otherwise(col("_messages")))


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


__all__ = ["validation", "PART_YAML"]
