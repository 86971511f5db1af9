"""Ids made up for relations without one, as the local engine makes them (docs/data-format.md):
`SOURCE-TYPE-TARGET`, with `-DATE` when there is a date, then `-2`, `-3`... in reading order,
never an id a relation before it has taken.

The rule runs in reading order, so it runs here: Spark brings back the relations without an
id (their base and place) and the explicit ids that could be one of their candidates (the
base itself, or the base and `-N`), from the whole dataset; the ids are decided by the local
checker's rule (checks/made_up_ids.py) and joined back as a broadcast table keyed on each
relation's place. The relations of a relations.yaml that comes after files Spark reads (in
a later --data location) are among them: their ids, made up when the YAML files were checked
alone, are decided again here, with the ids the YAML file gives further down.
SparkStore asks first whether the relations a question selects have any relation without an
id (for Parquet, its statistics of null counts answer without reading the column): a folder
relgraph wrote has none, and its questions pay for nothing here.
"""

from __future__ import annotations

from ..checks.made_up_ids import MadeUpIds
from ..errors import UsageError

MADE_UP_AT_MOST = 1_000_000  # relations without an id brought to this machine
# A relation's place: its file and split, and its row within the split. Spark numbers the
# rows of JSON Lines and CSV with monotonically_increasing_id, which is the task's partition
# (in the whole query, so it moves when a filter leaves some files out) shifted left 33 bits
# plus the row within the split: the low 33 bits are the part that stays.
_WITHIN_SPLIT = (1 << 33) - 1
PLACE = ("_at", "_part", "_file", "_block", "_place")


def made_up_table(spark, frame, ahead: dict[tuple, set[str]] | None = None,
                  place: tuple[str, ...] | None = None, takes=None):
    """A broadcast table of (place, `_made_up` id) for the relations of `frame` (every
    relation, actor ids resolved, relations.yaml's with their ids but for those `undecided`
    names) that have no id; None when all do. `ahead` as for `decide`. `place`: the columns
    that order the relations in reading order (by default PLACE, from `placed`); `takes`: a
    condition on the relations without an id that get one (validate: those without a
    problem, as the local checker makes up ids only for good relations)."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    if place is None:
        frame, place = placed(frame), PLACE
    base = F.concat_ws("-", F.col("source"), F.trim(F.col("type")), F.col("target"),
                       F.trim(F.col("date")))  # concat_ws skips a null date
    without = F.col("id").isNull() if takes is None else F.col("id").isNull() & takes
    missing = (frame.where(without).select(base.alias("_base"), *place)
               .limit(MADE_UP_AT_MOST + 1).collect())
    if not missing:
        return None
    if len(missing) > MADE_UP_AT_MOST:
        raise UsageError(f"more than {MADE_UP_AT_MOST:,} relations have no id; --spark makes "
                         "them up on this machine, so give them ids (relgraph export "
                         "--format parquet writes them)")
    bases = F.broadcast(spark.createDataFrame([(b,) for b in sorted({row[0] for row in missing})],
                                              "_base STRING"))
    stem = F.regexp_replace(F.col("id"), "-[0-9]+$", "")
    explicit = (frame.where(F.col("id").isNotNull())
                .join(bases, (F.col("id") == F.col("_base")) | (stem == F.col("_base")),
                      "left_semi")
                .select("id", *place).collect())
    # (place, explicit id or None, base): every relation whose id matters, in reading order.
    events = [(tuple(row[1:]), None, row[0]) for row in missing]
    events += [(tuple(row[1:]), row[0], None) for row in explicit]
    made_up = decide(sorted(events, key=lambda event: event[0]), ahead)
    schema = StructType([*frame.select(*place).schema.fields,
                         StructField("_made_up", StringType())])
    return F.broadcast(spark.createDataFrame(
        [(*where, rel_id) for where, rel_id in made_up.items()], schema))


def placed(frame):
    """`frame` with `_place`, the part of a relation's place that no filter moves."""
    from pyspark.sql import functions as F

    return frame.withColumn("_place", F.col("_row").bitwiseAND(F.lit(_WITHIN_SPLIT)))


def with_made_up_ids(frame, table):
    """`frame` with the made-up id of each relation `table` names."""
    from pyspark.sql import functions as F

    return (placed(frame).join(table, list(PLACE), "left")
            .withColumn("id", F.coalesce(F.col("id"), F.col("_made_up")))
            .drop("_made_up", "_place"))


def decide(events: list[tuple[tuple, str | None, str | None]],
           ahead: dict[tuple, set[str]] | None = None) -> dict[tuple, str]:
    """{place: id} for the relations without one, from (place, explicit id, base) in reading
    order, by the local checker's rule (checks/made_up_ids.py). `ahead`: the ids a
    relations.yaml gives, known before its relations are read, keyed on its (location, part),
    the first two items of its relations' places."""
    ahead = ahead or {}
    taken: set[str] = set()
    made_up = MadeUpIds(taken)
    ids = {}
    for place, rel_id, base in events:
        if rel_id is None:
            rel_id = ids[place] = made_up.make(base, ahead.get(place[:2]))
        taken.add(rel_id)
    return ids


def undecided(part, files) -> set[int]:
    """The relations of relations.yaml (indexes in `part.relations`) whose made-up id must be
    decided again here: the YAML files were checked before Spark read anything, so an id made
    up in a location's relations.yaml missed the ids of the files of the locations before it
    (the local engine reads each location's relations.yaml, then its other files, in turn)."""
    first_file = min((file.at for file in files), default=None)
    if first_file is None:
        return set()
    return {n for n, ((at, _), made_up) in enumerate(zip(part.relations, part.made_up,
                                                                   strict=True))
            if made_up and at > first_file}
