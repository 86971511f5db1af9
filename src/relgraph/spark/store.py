"""SparkStore: the Store's read methods answered by Spark jobs, so that Graph and every
command above it read a dataset in Spark as they read the compiled store.

Each method filters (and, for pair_stances, sums) in Spark and brings back only what the
answer needs, as the same Relation objects and tuples the local store returns: the queries
above it run unchanged, which is what makes both engines' answers the same.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from functools import cached_property

from ..errors import SparkFailed, UsageError
from ..model import Relation
from ..selection import ALL, Selection
from ..store import cached_date
from .aggregates import Aggregates
from .madeup import made_up_table, with_made_up_ids
from .names import find_names, with_ids
from .session import one_line
from .source import COLUMNS, ORDER

FRONTIER_LIMIT = 100_000  # actors whose neighbours one breadth-first step asks for at once
PAIRS_AT_ONCE = 50_000  # selected relations read in one job for the pairs a view lists
PAIR_TABLE_LIMIT = 2_000_000  # actor pairs path -k / --all may bring back to this machine


def _guarded(method):
    """A Spark job that fails (or a server that went away) is SparkFailed, exit 7."""
    import functools

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        with _spark_errors():
            return method(self, *args, **kwargs)

    return run


@contextlib.contextmanager
def _spark_errors():
    try:
        yield
    except (SparkFailed, UsageError):
        raise
    except Exception as exc:
        if type(exc).__module__.startswith(("pyspark", "grpc", "py4j")):
            raise SparkFailed(f"a Spark job failed: {one_line(exc)}") from None
        raise


class SparkStore(Aggregates):
    """Read side of a dataset in Spark: actors, types and sources in memory, relations in a
    DataFrame that each question filters."""

    def __init__(self, spark, frame, actors, types, sources, partitioned: bool = False):
        self.spark = spark
        self.raw = frame  # sources, targets and ids as written: selected() resolves them
        self.actors = actors
        self.types = types
        self.sources = sources
        self.partitioned = partitioned  # some relations sit in a folder partitioned by year
        self.meta: dict[str, str] = {}
        self.path = None
        self._adjacent: dict[tuple, dict[str, list[str]]] = {}
        self._found: dict[tuple, set[str]] = {}
        self._years: dict[Selection, list[int]] = {}
        self._pairs: dict[Selection, dict[tuple[str, str], list[Relation]]] = {}
        self._touching: dict[tuple[str, Selection], list[Relation]] = {}
        self._names: dict[Selection, object] = {}  # the table of names, None: ids only
        self._without_id: dict[Selection, bool] = {}
        self._made_up = None  # the table of made-up ids, once a selection needs it
        self.ahead: dict[tuple, set[str]] = {}  # each relations.yaml's own ids (madeup.py)

    def close(self) -> None:
        from .session import stop

        stop(self.spark)

    @cached_property
    def relation_count(self) -> int:
        return self._count(self.raw)

    @_guarded
    def _count(self, frame) -> int:
        return frame.count()

    def _guarded_call(self, function, *args):
        with _spark_errors():
            return function(*args)

    def _iterate(self, frame) -> Iterator:
        """The rows of a sorted frame as Spark hands them over, a batch at a time."""
        with _spark_errors():
            rows = frame.toLocalIterator()
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    return
                yield row

    # -- relations -------------------------------------------------------------------------

    @_guarded
    def touching(self, actor_id: str, selection: Selection) -> list[Relation]:
        """The selected relations with `actor_id` at either end, in file order.

        After a breadth-first search (the neighbours view), the relations of every actor it
        reached are asked for in one job, since the view asks for each of them next."""
        from pyspark.sql import functions as F

        cached = self._touching.get((actor_id, selection))
        if cached is not None:
            return cached
        reached = {actor for (sel, _, _), adjacent in self._adjacent.items() if sel == selection
                   for actor in adjacent} | {actor for (sel, _, _), found in self._found.items()
                                             if sel == selection for actor in found}
        wanted = sorted(reached | {actor_id}) if actor_id in reached and \
            len(reached) <= 1000 else [actor_id]
        frame = self.selected(selection)
        found = self._collect(frame.where(F.col("source").isin(wanted)
                                          | F.col("target").isin(wanted)))
        for actor in wanted:
            self._touching[actor, selection] = [r for r in found
                                                if actor in (r.source, r.target)]
        return self._touching[actor_id, selection]

    @_guarded
    def towards(self, actor_id: str, selection: Selection, incoming: bool) -> list[Relation]:
        """Relations that run towards `actor_id` (incoming) or from it, mutual ones included."""
        from pyspark.sql import functions as F

        near, far = ("target", "source") if incoming else ("source", "target")
        frame = self.selected(selection)
        return self._collect(frame.where(
            (F.col(near) == actor_id)
            | ((F.col(far) == actor_id) & F.col("mutual") & (F.col(near) != actor_id))))

    @_guarded
    def between(self, a: str, b: str, selection: Selection) -> list[Relation]:
        """The selected relations joining actors a and b, either way, in file order.

        After pair_stances on a selection of at most PAIRS_AT_ONCE relations (balance lists
        the relations of many pairs next), the selection is read once for all its pairs."""
        from pyspark.sql import functions as F

        pairs = self._pairs.get(selection)
        if pairs is not None:
            return pairs.get((min(a, b), max(a, b)), [])
        source, target = F.col("source"), F.col("target")
        frame = self.selected(selection)
        return self._collect(frame.where(((source == a) & (target == b))
                                         | ((source == b) & (target == a))))

    def select(self, selection: Selection) -> Iterator[Relation]:
        """Every selected relation, in file order, streamed from Spark in sorted batches."""
        frame = self.selected(selection).select(*COLUMNS).orderBy(*ORDER)
        batch = []
        for row in self._iterate(frame):
            batch.append(row)
            if len(batch) >= 10_000:
                yield from self._relations(batch)
                batch = []
        yield from self._relations(batch)

    @_guarded
    def relation(self, relation_id: str) -> Relation | None:
        from pyspark.sql import functions as F

        found = self._collect(self.frame.where(F.col("id") == relation_id), limit=1)
        return found[0] if found else None

    @_guarded
    def relation_ids(self, prefix: str = "", limit: int = 1000) -> list[str]:
        """Relation ids starting with `prefix` (for suggestions)."""
        from pyspark.sql import functions as F

        rows = (self.frame.where(F.col("id").startswith(prefix)).select("id")
                .orderBy("id").limit(limit).collect())
        return [row[0] for row in rows]

    # -- actor pairs -------------------------------------------------------------------------

    @_guarded
    def neighbours(self, actor_id: str, selection: Selection, forward: bool = True,
                   backward: bool = True) -> list[str]:
        """Ids of the actors a selected relation joins to `actor_id`, sorted by id.

        A breadth-first search asks for the neighbours of every actor it has found, one at a
        time: the first question about an actor not yet known asks Spark for it and for every
        actor found since (the next level of the search) in one job.
        """
        key = (selection, forward, backward)
        adjacent = self._adjacent.setdefault(key, {})
        if actor_id not in adjacent:
            found = self._found.setdefault(key, set())
            wanted = {actor_id, *sorted(found - adjacent.keys())[:FRONTIER_LIMIT - 1]}
            adjacent.update(self._adjacency(sorted(wanted), selection, forward, backward))
            for others in adjacent.values():
                found.update(others)
        return adjacent[actor_id]

    def _adjacency(self, wanted: list[str], selection: Selection, forward: bool,
                   backward: bool) -> dict[str, list[str]]:
        from pyspark.sql import functions as F

        frame = self.selected(selection)
        if len(wanted) > 1000:
            ids = F.broadcast(self.spark.createDataFrame([(w,) for w in wanted], "id STRING"))
            ends = frame.join(ids.withColumnRenamed("id", "source"), "source", "left_semi") \
                .unionByName(frame.join(ids.withColumnRenamed("id", "target"), "target",
                                        "left_semi"))
        else:
            ends = frame.where(F.col("source").isin(wanted) | F.col("target").isin(wanted))
        rows = ends.select("source", "target", "mutual").distinct().collect()
        near: dict[str, set[str]] = {w: set() for w in wanted}
        for source, target, mutual in rows:
            # forward: from the actor (mutual ones to it too); backward: to it (and mutual).
            if source in near and (forward or (backward and mutual)):
                near[source].add(target)
            if target in near and (backward or (forward and mutual)):
                near[target].add(source)
        return {actor: sorted(others - {actor}) for actor, others in near.items()}

    @_guarded
    def links(self, selection: Selection) -> Iterable[tuple[str, str]]:
        """Each ordered pair (u, v) that a selected relation runs along (mutual: both ways).

        The pair table comes back to this machine whole, so its size is checked first."""
        from pyspark.sql import functions as F

        frame = self.selected(selection)
        pairs = frame.select(F.col("source").alias("u"), F.col("target").alias("v")).unionByName(
            frame.where("mutual").select(F.col("target").alias("u"), F.col("source").alias("v"))
        ).distinct()
        count = pairs.count()
        if count > PAIR_TABLE_LIMIT:
            raise UsageError(
                f"path -k and --all need every actor pair on this machine, and the selection "
                f"has {count:,} (more than {PAIR_TABLE_LIMIT:,}); ask for one shortest path, "
                "narrow it with --since, --until or --type, or run it without --spark")
        return [(u, v) for u, v in pairs.collect()]

    @_guarded
    def pair_stances(self, selection: Selection, among: list[str] | None = None) -> list[tuple]:
        """(u, v, net, intensity, hostile, friendly, mutual part, stored, count) for each ordered
        pair of actors joined by a selected relation: the stance of u towards v. `among`: only
        the pairs of those actors."""
        from pyspark.sql import functions as F

        frame = self.selected(selection)
        if among is not None:
            ids = sorted(set(among))
            frame = frame.where(F.col("source").isin(ids) & F.col("target").isin(ids))
        ends = ["weight", "polarity", "mutual"]
        both = frame.select(F.col("source").alias("u"), F.col("target").alias("v"), *ends,
                            F.lit(1).alias("stored")).unionByName(
            frame.where("mutual").select(F.col("target").alias("u"),
                                         F.col("source").alias("v"), *ends,
                                         F.lit(0).alias("stored")))
        weight = F.col("weight")
        sums = both.groupBy("u", "v").agg(
            F.sum(weight), F.sum(F.abs(weight)),
            F.sum((F.col("polarity") == "hostile").cast("long")),
            F.sum((F.col("polarity") == "friendly").cast("long")),
            F.sum(F.when(F.col("mutual"), weight).otherwise(0.0)),
            F.sum("stored"), F.count(F.lit(1)))
        found = [tuple(row) for row in sums.collect()]
        if among is None and sum(row[7] for row in found) <= PAIRS_AT_ONCE:
            pairs: dict[tuple[str, str], list[Relation]] = {}
            for relation in self._collect(frame):
                ends = (min(relation.source, relation.target),
                        max(relation.source, relation.target))
                pairs.setdefault(ends, []).append(relation)
            self._pairs[selection] = pairs
        return found

    # -- selections ------------------------------------------------------------------------

    @property
    def frame(self):
        """Every relation, actors and ids resolved, as a DataFrame (not yet read)."""
        return self.selected(ALL)

    def selected(self, selection: Selection):
        """The relations a selection keeps, actors and ids resolved, as a DataFrame (not yet
        read). The window and the types filter the relations as written, so that a window
        reads only the partitions it needs, names and missing ids included."""
        from pyspark.sql import functions as F

        frame = self.raw
        window = selection.window
        if not window.is_open:
            condition = F.col("first").isNotNull()
            if window.until is not None:
                # A relation is filed under the year its span starts: later years can wait.
                condition &= F.col("year") <= window.until.last.year
                condition &= F.col("first") <= F.lit(window.until.last)
            if window.since is not None:
                condition &= F.col("last") >= F.lit(window.since.first)
                if self.partitioned:
                    condition &= self._since_years(selection)
            frame = frame.where(condition)
        if selection.types is not None:
            frame = frame.where(F.col("type").isin(sorted(selection.types)))
        with _spark_errors():
            return self._resolved(frame, selection)

    def _resolved(self, frame, selection: Selection):
        """`frame` (what `selection` keeps) with actor ids for names and an id for each
        relation without one; each costs a Spark job per selection, and a join only where
        the selected relations need it (never, in a folder relgraph wrote)."""
        from pyspark.sql import functions as F

        if selection not in self._names:
            self._names[selection] = find_names(self.spark, frame, self.actors).table(
                self.spark)
        frame = with_ids(frame, self._names[selection])
        if selection not in self._without_id:
            self._without_id[selection] = bool(
                frame.where(F.col("id").isNull()).select("_row").limit(1).collect())
        if not self._without_id[selection]:
            return frame
        if self._made_up is None:  # the rule runs over every relation, in reading order
            everything = with_ids(self.raw, find_names(self.spark, self.raw, self.actors)
                                  .table(self.spark))
            self._made_up = made_up_table(self.spark, everything, self.ahead)
        return with_made_up_ids(frame, self._made_up)

    def _since_years(self, selection: Selection):
        """The years a --since window needs: from its own year on, and any earlier year that
        holds a relation whose `until` reaches it (asked once, of the `until` column only)."""
        from pyspark.sql import functions as F

        year = selection.window.since.first.year
        if selection not in self._years:
            earlier = (self.raw.where((F.col("year") < year) & F.col("until").isNotNull()
                                      & (F.col("until") >= str(year)))
                       .select("year").distinct().collect())
            self._years[selection] = sorted(row[0] for row in earlier)
        condition = F.col("year") >= year
        if self._years[selection]:
            condition |= F.col("year").isin(self._years[selection])
        return condition

    def _collect(self, frame, limit: int | None = None) -> list[Relation]:
        frame = frame.select(*COLUMNS)
        if limit is not None:
            frame = frame.limit(limit)
        rows = frame.collect()
        rows.sort(key=lambda row: tuple(row[-len(ORDER):]))
        return self._relations(rows)

    @staticmethod
    def _relations(rows) -> list[Relation]:
        return [Relation(i, s, t, ty, polarity, weight, cached_date(date), cached_date(until),
                         bool(mutual), summary, quote, ref, (at, part, file, block, row))
                for (i, s, t, ty, polarity, weight, date, until, mutual, summary, quote, ref,
                     at, part, file, block, row) in rows]
