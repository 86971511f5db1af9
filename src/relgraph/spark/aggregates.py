"""The engine interface's listings and aggregates (docs/architecture.md, "The engine
interface"), summed by Spark: a hub's relations are grouped where they lie and only the sums,
or the few relations an answer shows, come back. A mixin of SparkStore.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Relation
from ..selection import Selection
from .source import COLUMNS, ORDER


def _newest_first():
    """Latest first, as StanceRow.latest chooses: dated ones by first day, last day and file
    order, then undated ones by file order."""
    from pyspark.sql import functions as F

    return [F.col("first").isNull().asc(), F.col("first").desc(), F.col("last").desc(),
            *[F.col(name).desc() for name in ORDER]]


def _chronological():
    from pyspark.sql import functions as F

    return [F.col("first").isNull().asc(), F.col("first").asc(), F.col("last").asc(),
            *[F.col(name).asc() for name in ORDER]]


class Aggregates:
    """Needs `selected(selection)`, `_collect(frame)`, `_relations(rows)` and `_guarded`."""

    def _listing(self, selection: Selection, actor: str | None, pair: tuple[str, str] | None):
        from pyspark.sql import functions as F

        frame = self.selected(selection)
        source, target = F.col("source"), F.col("target")
        if pair is not None:
            a, b = pair
            if actor is not None and actor not in pair:
                return frame.where(F.lit(False))
            frame = frame.where(((source == a) & (target == b)) | ((source == b) & (target == a)))
        elif actor is not None:
            frame = frame.where((source == actor) | (target == actor))
        return frame

    def stream(self, selection: Selection, actor: str | None = None,
               pair: tuple[str, str] | None = None, chronological: bool = False,
               limit: int | None = None, newest: bool = False) -> Iterator[Relation]:
        """The selected relations (touching `actor`, joining `pair`, or both), in file order or
        chronological, streamed from Spark; `limit` keeps the first (or, `newest`, the last)."""

        frame = self._listing(selection, actor, pair).select(*COLUMNS, "first", "last")
        order = _chronological() if chronological else list(ORDER)
        if limit is not None and newest:
            backwards = _newest_first() if chronological else [
                frame[name].desc() for name in ORDER]
            rows = frame.orderBy(*backwards).limit(int(limit)).collect()
            yield from self._relations([row[:len(COLUMNS)] for row in reversed(rows)])
            return
        frame = frame.orderBy(*order)
        if limit is not None:
            frame = frame.limit(int(limit))
        batch = []
        for row in self._iterate(frame):
            batch.append(row[:len(COLUMNS)])
            if len(batch) >= 10_000:
                yield from self._relations(batch)
                batch = []
        yield from self._relations(batch)

    def count(self, selection: Selection, actor: str | None = None,
              pair: tuple[str, str] | None = None) -> int:
        """How many relations `stream` yields for the same arguments, without a limit."""
        return self._count(self._listing(selection, actor, pair))

    def _stance_frame(self, actor_id: str, selection: Selection, incoming: bool):
        """The relations that make stances with `actor_id`, as `towards` reads them, each with
        `other`, the actor at the far end."""
        from pyspark.sql import functions as F

        near, far = ("target", "source") if incoming else ("source", "target")
        frame = self.selected(selection)
        return frame.where(
            (F.col(near) == actor_id)
            | ((F.col(far) == actor_id) & F.col("mutual") & (F.col(near) != actor_id))
        ).withColumn("other", F.when(F.col(near) == actor_id, F.col(far))
                     .otherwise(F.col(near)))

    def stance_sums(self, actor_id: str, selection: Selection, incoming: bool) -> list[tuple]:
        """(other, hostile, friendly, net, hostility, warmth) for each actor with relations
        towards `actor_id` (incoming) or from it, mutual ones both ways."""
        return self._guarded_call(self._stance_sums, actor_id, selection, incoming)

    def _stance_sums(self, actor_id, selection, incoming):
        from pyspark.sql import functions as F

        polarity, weight = F.col("polarity"), F.col("weight")
        sums = self._stance_frame(actor_id, selection, incoming).groupBy("other").agg(
            F.sum((polarity == "hostile").cast("long")),
            F.sum((polarity == "friendly").cast("long")), F.sum(weight),
            F.sum(F.when(polarity == "hostile", F.abs(weight)).otherwise(0.0)),
            F.sum(F.when(polarity == "friendly", F.abs(weight)).otherwise(0.0)))
        return [tuple(row) for row in sums.collect()]

    def latest(self, actor_id: str, selection: Selection, incoming: bool,
               polarity: str) -> dict[str, Relation]:
        """For each other actor, the latest of its `polarity` relations that `stance_sums`
        counts: the latest dated one, else the last undated one."""
        return self._guarded_call(self._latest, actor_id, selection, incoming, polarity)

    def _latest(self, actor_id, selection, incoming, polarity):
        from pyspark.sql import Window
        from pyspark.sql import functions as F


        frame = self._stance_frame(actor_id, selection, incoming).where(
            F.col("polarity") == polarity)
        place = F.row_number().over(Window.partitionBy("other").orderBy(*_newest_first()))
        rows = frame.withColumn("_place", place).where("_place = 1").select(
            "other", *COLUMNS).collect()
        relations = self._relations([row[1:] for row in rows])
        return {row[0]: relation for row, relation in zip(rows, relations, strict=True)}

    def type_counts(self, actor_id: str, selection: Selection) -> dict[str, dict[str, int]]:
        """{"outgoing": {type: n}, "incoming": {type: n}}: the actor's relations by type, a
        mutual one in both."""
        return self._guarded_call(self._type_counts, actor_id, selection)

    def _type_counts(self, actor_id, selection):
        found: dict[str, dict[str, int]] = {"outgoing": {}, "incoming": {}}
        for way, incoming in (("outgoing", False), ("incoming", True)):
            rows = self._stance_frame(actor_id, selection, incoming).groupBy("type").count()
            found[way] = dict(rows.collect())
        return found

    def newest_by_type(self, actor_id: str, selection: Selection, outgoing: bool,
                       per_type: int) -> list[Relation]:
        """The `per_type` latest relations of each type out of the actor (or into it), mutual
        ones in both, latest as `latest` means it; returned chronologically."""
        return self._guarded_call(self._newest_by_type, actor_id, selection, outgoing,
                                  per_type)

    def _newest_by_type(self, actor_id, selection, outgoing, per_type):
        from pyspark.sql import Window
        from pyspark.sql import functions as F


        frame = self._stance_frame(actor_id, selection, not outgoing)
        place = F.row_number().over(Window.partitionBy("type").orderBy(*_newest_first()))
        rows = (frame.withColumn("_place", place).where(F.col("_place") <= int(per_type))
                .select(*COLUMNS).collect())
        return sorted(self._relations(rows), key=Relation.chronological_key)

    def actor_counts(self, selection: Selection) -> dict[str, int]:
        """How many selected relations each actor has at either end."""
        return self._guarded_call(self._actor_counts, selection)

    def _actor_counts(self, selection):
        from pyspark.sql import functions as F

        frame = self.selected(selection)
        ends = frame.select(F.explode(F.array("source", "target")).alias("actor"))
        return dict(ends.groupBy("actor").count().collect())

    def degrees(self, selection: Selection) -> dict[str, int]:
        """How many distinct actors a selected relation joins to each actor."""
        return self._guarded_call(self._degrees, selection)

    def _degrees(self, selection):
        from pyspark.sql import functions as F

        frame = self.selected(selection)
        pairs = frame.select(F.col("source").alias("a"), F.col("target").alias("b")).unionByName(
            frame.select(F.col("target").alias("a"), F.col("source").alias("b")))
        rows = pairs.groupBy("a").agg(F.countDistinct("b")).collect()
        return dict(rows)
