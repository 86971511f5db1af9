"""Actors named in relation files by name or alias (`Moscow`, `RUSSIA`), resolved to their ids
as the local engine resolves them (actor_index.ActorIndex: names.fold, then without accents
when one actor fits).

One Spark job finds the distinct sources and targets that are not actor ids (none, in a
folder relgraph wrote); they are resolved here, where names.fold is, and joined back as a
broadcast table of (written, id). What names no actor keeps its text and the reason, for
validate to report.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..actor_index import ActorIndex
from ..errors import UsageError
from ..model import Actor

NAMES_AT_MOST = 1_000_000  # distinct names that are not ids: more is no relgraph dataset


@dataclass
class Names:
    """What each written source or target that is not an id stands for."""

    resolved: list[tuple[str, str | None, str | None]]  # (as written, actor id, why not)

    def table(self, spark):
        """The (written, id, problem) rows as a broadcast DataFrame, None when there are none."""
        from pyspark.sql import functions as F

        if not self.resolved:
            return None
        return F.broadcast(spark.createDataFrame(
            self.resolved, "_written STRING, _id STRING, _problem STRING"))


def find_names(spark, frame, actors: list[Actor]) -> Names:
    """The sources and targets of `frame` that are not actor ids, each resolved (or why not)."""
    from pyspark.sql import functions as F

    ids = F.broadcast(spark.createDataFrame([(a.id,) for a in actors] or [("",)],
                                            "_written STRING"))
    written = (frame.select(F.explode(F.array("source", "target")).alias("_written"))
               .where(F.col("_written").isNotNull()).distinct()
               .join(ids, "_written", "left_anti").limit(NAMES_AT_MOST + 1).collect())
    if len(written) > NAMES_AT_MOST:
        raise UsageError(f"the relations name more than {NAMES_AT_MOST:,} actors by something "
                         "other than their id; write ids (relgraph export --format parquet "
                         "does) to read them with --spark")
    index = ActorIndex(actors)
    resolved = []
    for (text,) in sorted(written):
        try:
            resolved.append((text, index.resolve(text).id, None))
        except UsageError as exc:  # unknown or ambiguous: kept as written, validate says why
            resolved.append((text, None, str(exc)))
    return Names(resolved)


def with_ids(frame, table, keep_problems: bool = False):
    """`frame` with source and target as actor ids (as written where no actor fits);
    `keep_problems` adds `_source_problem` and `_target_problem`, null where it resolved."""
    from pyspark.sql import functions as F

    if table is None:
        if not keep_problems:
            return frame
        none = F.lit(None).cast("string")
        return frame.withColumn("_source_problem", none).withColumn("_target_problem", none)
    for end in ("source", "target"):
        named = table.select(F.col("_written").alias(f"_{end}_written"),
                             F.col("_id").alias(f"_{end}_id"),
                             F.col("_problem").alias(f"_{end}_problem"))
        frame = frame.join(named, F.col(end) == F.col(f"_{end}_written"), "left")
        frame = frame.withColumn(end, F.coalesce(F.col(f"_{end}_id"), F.col(end)))
        dropped = [f"_{end}_written", f"_{end}_id"]
        if not keep_problems:
            dropped.append(f"_{end}_problem")
        frame = frame.drop(*dropped)
    return frame
