"""One actor's answers from checked Arrow columns, as the store gives them.

On the first call on a large Parquet dataset (arrow_store.py), a question about one actor used
to compile that actor's rows into a small store. For a hub, a tenth of a million rows, that
compile alone is seconds (docs/performance.md, "Relations in Parquet"). What who-opposes,
who-supports, show and the listings give are sums, counts, a few latest relations per group and
rows in an order: Arrow's compute functions give them from the actor's rows in milliseconds,
and only the relations shown are made into Python objects. `Columns` selects, orders and lists
rows (arrow_graph.py's `GraphColumns` too); `ActorColumns` holds one actor's rows and answers
the engine interface's methods about it. Each method names the `Store` method whose meaning it
keeps; tests/test_arrow_answers.py compares every one with the store's on random data with hubs.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from .checks.arrow_columns import CheckedColumns
from .model import Relation
from .selection import Selection
from .store import cached_date


class Columns:
    """Checked relations as Arrow columns (`rows`, each with `n`, its place in the file order),
    and what the store's listings do over them: select, put in order, make into Relations."""

    def __init__(self, checked: CheckedColumns, rows):
        self.rows = rows
        self._checked = checked

    @cached_property
    def _polarities(self):
        """The polarity of each type, by type code."""
        import pyarrow as pa

        return pa.array([t.polarity for t in self._checked.dataset.types.values()])

    def _selected(self, selection: Selection):
        """The rows the selection keeps (Store._where)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        rows, window = self.rows, selection.window
        keep = None
        if not window.is_open:
            keep = pc.is_valid(rows.column("first"))
            if window.since is not None:
                keep = pc.and_(keep, pc.greater_equal(rows.column("last"),
                                                      window.since.first.toordinal()))
            if window.until is not None:
                keep = pc.and_(keep, pc.less_equal(rows.column("first"),
                                                   window.until.last.toordinal()))
        if selection.types is not None:
            codes = [n for n, name in enumerate(self._checked.dataset.types)
                     if name in selection.types]
            wanted = pc.is_in(rows.column("type"), pa.array(codes, pa.int32()))
            keep = wanted if keep is None else pc.and_(keep, wanted)
        return rows if keep is None else rows.filter(pc.fill_null(keep, False))

    def listing(self, selection: Selection, other: str | None = None, chronological: bool = False,
                limit: int | None = None, newest: bool = False) -> Iterator[Relation]:
        """Store.stream (for an actor, and `other` for a pair): file order or chronological
        (dated ones by first day, last day, file order, then undated ones), the first `limit`
        or, with `newest`, the last `limit`, made into Relations a batch at a time."""
        import pyarrow.compute as pc

        rows = self._listed(selection, other)
        if chronological:
            rows = rows.append_column("undated", pc.is_null(rows.column("first")))
            keys = [("undated", "ascending"), ("first", "ascending"), ("last", "ascending")]
        else:
            keys = []
        rows = rows.take(pc.sort_indices(rows, [*keys, ("n", "ascending")]))
        if limit is not None:
            rows = rows.slice(max(0, rows.num_rows - limit)) if newest else rows.slice(0, limit)
        for start in range(0, rows.num_rows, 2_000):
            yield from self.relations(rows.slice(start, 2_000))

    def count(self, selection: Selection, other: str | None = None) -> int:
        """Store.count: how many relations `listing` gives, without a limit."""
        return self._listed(selection, other).num_rows

    def _listed(self, selection: Selection, other: str | None):
        """The rows a listing gives (Store._listing): here, the selected ones."""
        return self._selected(selection)

    def relations(self, rows) -> list[Relation]:
        return relations(self._checked, rows)

    @cached_property
    def _ids(self) -> list[str]:
        return [actor.id for actor in self._checked.dataset.actors]

    @cached_property
    def _position(self) -> dict[str, int]:
        return {actor_id: n for n, actor_id in enumerate(self._ids)}


class ActorColumns(Columns):
    """The relations with one actor at either end (see the module)."""

    def __init__(self, checked: CheckedColumns, actor: int):
        import pyarrow.compute as pc

        table = checked.table
        super().__init__(checked, rows_where(checked, pc.or_(
            pc.equal(table.column("source"), actor), pc.equal(table.column("target"), actor))))
        self.actor = actor

    def _others(self, selection: Selection, incoming: bool):
        """The selected relations towards the actor (incoming) or from it, mutual ones both
        ways, each with `other`, the actor at the far end (Store._stance_union)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        rows = self._selected(selection)
        near, far = ("target", "source") if incoming else ("source", "target")
        direct = rows.filter(pc.equal(rows.column(near), self.actor))
        direct = direct.append_column("other", direct.column(far))
        back = rows.filter(pc.and_(pc.equal(rows.column(far), self.actor),
                                   rows.column("mutual")))
        back = back.append_column("other", back.column(near))
        both = pa.concat_tables([direct, back])
        return both.append_column("polarity", self._polarities.take(both.column("type")))

    # -- the engine interface's methods (docs/architecture.md) --------------------------------

    def stance_sums(self, selection: Selection, incoming: bool) -> list[tuple]:
        """Store.stance_sums: (other, hostile, friendly, net, hostility, warmth)."""
        import pyarrow.compute as pc

        rows = self._others(selection, incoming)
        polarity, weight = rows.column("polarity"), rows.column("weight")
        hostile, friendly = pc.equal(polarity, "hostile"), pc.equal(polarity, "friendly")
        size = pc.abs(weight)
        summed = rows.select(["other"]).append_column("hostile", hostile.cast("int64")) \
            .append_column("friendly", friendly.cast("int64")).append_column("net", weight) \
            .append_column("hostility", pc.if_else(hostile, size, 0.0)) \
            .append_column("warmth", pc.if_else(friendly, size, 0.0)) \
            .group_by("other").aggregate([(name, "sum") for name in
                                          ("hostile", "friendly", "net", "hostility", "warmth")])
        ids = self._ids
        return [(ids[row["other"]], row["hostile_sum"], row["friendly_sum"], row["net_sum"],
                 row["hostility_sum"], row["warmth_sum"]) for row in summed.to_pylist()]

    def latest(self, selection: Selection, incoming: bool, polarity: str) -> dict[str, Relation]:
        """Store.latest: for each other actor, its latest relation of `polarity`."""
        import pyarrow.compute as pc

        rows = self._others(selection, incoming)
        rows = rows.filter(pc.equal(rows.column("polarity"), polarity))
        chosen = _first_of_each(newest_first(rows, by="other"), "other")
        relations = self.relations(chosen)
        return {self._ids[other]: relation for other, relation in
                zip(chosen.column("other").to_pylist(), relations, strict=True)}

    def type_counts(self, selection: Selection) -> dict[str, dict[str, int]]:
        """Store.type_counts: the actor's relations by type each way, a mutual one in both."""
        names = list(self._checked.dataset.types)
        found = {}
        for way in ("outgoing", "incoming"):
            counted = self._others(selection, way == "incoming").group_by("type") \
                .aggregate([("n", "count")]).to_pylist()
            found[way] = {names[row["type"]]: row["n_count"] for row in counted}
        return found

    def newest_by_type(self, selection: Selection, outgoing: bool,
                       per_type: int) -> list[Relation]:
        """Store.newest_by_type: the `per_type` latest of each type, chronologically."""
        import pyarrow as pa
        import pyarrow.compute as pc

        rows = newest_first(self._others(selection, not outgoing), by="type")
        kinds = rows.column("type").to_pylist()
        chosen, count, kind = [], 0, None
        for place, this in enumerate(kinds):
            count = count + 1 if this == kind else 1
            kind = this
            if count <= per_type:
                chosen.append(place)
        picked = rows.take(pa.array(chosen, pa.int64()))
        order = pc.sort_indices(picked, [("n", "ascending")])
        return sorted(self.relations(picked.take(order)), key=Relation.chronological_key)

    def between(self, other: str, selection: Selection) -> list[Relation]:
        """Store.between: the selected relations joining the actor and `other`, file order."""
        return self.relations(self._listed(selection, other))

    def neighbours(self, selection: Selection, forward: bool, backward: bool) -> list[str]:
        """Store.neighbours: the ids of the actors a selected relation joins to the actor."""
        found: set[int] = set()
        if forward:
            found.update(self._others(selection, False).column("other").to_pylist())
        if backward:
            found.update(self._others(selection, True).column("other").to_pylist())
        found.discard(self.actor)
        return sorted(self._ids[n] for n in found)

    def touching(self, selection: Selection) -> list[Relation]:
        """Store.touching: the selected relations with the actor at either end, file order."""
        return self.relations(self._selected(selection))

    def towards(self, selection: Selection, incoming: bool) -> list[Relation]:
        """Store.towards: the relations towards the actor (or from it), mutual ones too, in
        file order."""
        import pyarrow.compute as pc

        rows = self._others(selection, incoming)
        return self.relations(rows.take(pc.sort_indices(rows, [("n", "ascending")])))

    def _listed(self, selection: Selection, other: str | None):
        """The selected rows, or those joining the actor and `other` (Store._listing)."""
        rows = self._selected(selection)
        if other is None:
            return rows
        import pyarrow.compute as pc

        n = self._position.get(other, -1)
        source, target = rows.column("source"), rows.column("target")
        return rows.filter(pc.or_(pc.and_(pc.equal(source, self.actor), pc.equal(target, n)),
                                  pc.and_(pc.equal(source, n), pc.equal(target, self.actor))))


def rows_where(checked: CheckedColumns, mask):
    """The rows of the checked table where the boolean array `mask` is true, each with `n`,
    its place in the file order of the whole dataset (row i of the files is relation i + 1)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    places = pc.indices_nonzero(mask)
    return checked.table.take(places).append_column("n", pc.add(places.cast(pa.int64()), 1))


def relations(checked: CheckedColumns, rows) -> list[Relation]:
    """Relations of `rows` (of rows_where, in their order), as Store._relations makes them."""
    dataset = checked.dataset
    ids = [actor.id for actor in dataset.actors]
    types, sources = list(dataset.types.values()), list(dataset.sources)
    columns = [rows.column(name).to_pylist() for name in (
        "id", "source", "target", "type", "weight", "date", "until", "mutual", "summary",
        "quote", "ref", "n")]
    made = []
    for i, s, t, k, weight, date, until, mutual, summary, quote, ref, n in zip(
            *columns, strict=True):
        kind = types[k]
        made.append(Relation(i, ids[s], ids[t], kind.name, kind.polarity, weight,
                             cached_date(date), cached_date(until), mutual, summary, quote,
                             None if ref is None else sources[ref], n))
    return made


def newest_first(rows, by: str):
    """`rows` grouped by the column `by`, each group latest first (the store's `_NEWEST`:
    dated ones by first day, last day and file order, then undated ones by file order)."""
    import pyarrow.compute as pc

    rows = rows.append_column("dated", pc.is_valid(rows.column("first")))
    return rows.take(pc.sort_indices(rows, [
        (by, "ascending"), ("dated", "descending"), ("first", "descending"),
        ("last", "descending"), ("n", "descending")]))


def _first_of_each(rows, by: str):
    """The first row of each run of equal values of `by` (rows sorted by it)."""
    import pyarrow as pa

    values = rows.column(by).to_pylist()
    return rows.take(pa.array([place for place, value in enumerate(values)
                               if place == 0 or values[place - 1] != value], pa.int64()))
