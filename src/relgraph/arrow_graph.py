"""The whole graph's sums and listings from checked Arrow columns, as the store gives them.

The first call on a large Parquet dataset (arrow_store.py) answers a question about one actor
from that actor's columns (arrow_answers.py). matrix, balance, central and an unfiltered
listing need every relation: `GraphColumns` gives them from the whole table with Arrow's
`group_by` (a million rows in a fraction of a second) instead of waiting for the store the
background build compiles. Each method names the `Store` method whose meaning it keeps;
tests/test_arrow_answers.py compares them on random data.
"""

from __future__ import annotations

from collections.abc import Iterator

from .arrow_answers import Columns
from .checks.arrow_columns import CheckedColumns
from .model import Relation
from .selection import Selection


class GraphColumns(Columns):
    """Every checked relation, numbered by its place in the file order (see the module)."""

    def __init__(self, checked: CheckedColumns):
        import pyarrow as pa

        table = checked.table
        super().__init__(checked, table.append_column(
            "n", pa.array(range(1, table.num_rows + 1), pa.int64())))

    def _ends(self, selection: Selection, among: list[str] | None = None):
        """The selected rows as (u, v) both ways: each relation from its source (`stored` 1),
        and a mutual one from its target too (`stored` 0), as the store's _STANCES unions
        them. `among`: only the relations between those actors."""
        import pyarrow as pa
        import pyarrow.compute as pc

        rows = self._selected(selection)
        if among is not None:
            inside = pa.array(sorted({self._position[i] for i in among if i in self._position}),
                              pa.int32())
            rows = rows.filter(pc.and_(pc.is_in(rows.column("source"), inside),
                                       pc.is_in(rows.column("target"), inside)))
        kept = ["weight", "type", "mutual"]
        direct = rows.select(kept).append_column("u", rows.column("source")) \
            .append_column("v", rows.column("target"))
        back = rows.filter(rows.column("mutual"))
        back = back.select(kept).append_column("u", back.column("target")) \
            .append_column("v", back.column("source"))
        return pa.concat_tables([
            direct.append_column("stored", pa.repeat(1, direct.num_rows).cast(pa.int64())),
            back.append_column("stored", pa.repeat(0, back.num_rows).cast(pa.int64()))])

    def pair_stances(self, selection: Selection, among: list[str] | None = None) -> list[tuple]:
        """Store.pair_stances: (u, v, net, intensity, hostile, friendly, mutual part, stored,
        count) for each ordered pair of actors joined by a selected relation."""
        import pyarrow.compute as pc

        ends = self._ends(selection, among)
        polarity, weight = self._polarities.take(ends.column("type")), ends.column("weight")
        summed = ends.select(["u", "v", "stored"]).append_column("net", weight) \
            .append_column("intensity", pc.abs(weight)) \
            .append_column("hostile", pc.equal(polarity, "hostile").cast("int64")) \
            .append_column("friendly", pc.equal(polarity, "friendly").cast("int64")) \
            .append_column("mutual", pc.if_else(ends.column("mutual"), weight, 0.0)) \
            .group_by(["u", "v"]).aggregate(
                [(name, "sum") for name in ("net", "intensity", "hostile", "friendly", "mutual",
                                            "stored")] + [("u", "count")])
        ids = self._ids
        return [(ids[row["u"]], ids[row["v"]], row["net_sum"], row["intensity_sum"],
                 row["hostile_sum"], row["friendly_sum"], row["mutual_sum"], row["stored_sum"],
                 row["u_count"]) for row in summed.to_pylist()]

    def actor_counts(self, selection: Selection) -> dict[str, int]:
        """Store.actor_counts: how many selected relations each actor has at either end."""
        import pyarrow as pa
        import pyarrow.compute as pc

        rows = self._selected(selection)
        ends = pa.chunked_array(rows.column("source").chunks + rows.column("target").chunks,
                                pa.int32())
        counted = pc.value_counts(ends)
        return {self._ids[actor]: count for actor, count in zip(
            counted.field("values").to_pylist(), counted.field("counts").to_pylist(),
            strict=True)}

    def degrees(self, selection: Selection) -> dict[str, int]:
        """Store.degrees: how many distinct actors a selected relation joins to each actor."""
        import pyarrow as pa

        rows = self._selected(selection)
        source, target = rows.column("source"), rows.column("target")
        pairs = pa.table({"a": pa.chunked_array(source.chunks + target.chunks, pa.int32()),
                          "b": pa.chunked_array(target.chunks + source.chunks, pa.int32())})
        distinct = pairs.group_by(["a", "b"]).aggregate([])
        counted = distinct.group_by("a").aggregate([("b", "count")])
        return {self._ids[row["a"]]: row["b_count"] for row in counted.to_pylist()}

    def links(self, selection: Selection) -> list[tuple[str, str]]:
        """Store.links: each ordered pair (u, v) a selected relation runs along (mutual: both
        ways), each once."""
        distinct = self._ends(selection).select(["u", "v"]).group_by(["u", "v"]).aggregate([])
        ids = self._ids
        return [(ids[u], ids[v]) for u, v in zip(distinct.column("u").to_pylist(),
                                                 distinct.column("v").to_pylist(), strict=True)]

    def select(self, selection: Selection) -> Iterator[Relation]:
        """Store.select: every selected relation in file order, made a batch at a time."""
        rows = self._selected(selection)
        for start in range(0, rows.num_rows, 10_000):
            yield from self.relations(rows.slice(start, 10_000))
