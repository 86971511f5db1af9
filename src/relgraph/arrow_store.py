"""The first call's engine: answers from checked Arrow columns while the full store is built.

A million relations in Parquet check in a second or two as Arrow columns
(checks/arrow_columns.py), but compiling them into the SQLite store with its indexes takes
many seconds more. `ArrowStore` answers the engine interface (docs/architecture.md) without
that store: a question about one actor (who-opposes, who-supports, show, timeline, relations
of one actor or pair, trend, neighbours, a path of a few hops) picks that actor's rows out of
the columns with two Arrow comparisons and answers from them as the store would
(arrow_answers.py), in milliseconds even for a hub; one relation is found by its id the same
way; a question about the whole graph (matrix, balance, central, an unfiltered listing) is
summed from the whole table (arrow_graph.py). Only a search that visits more than a few
actors (a long path, neighbours several levels deep) takes the store of everything: the one
cache.py's background build (background.py) is writing, once it is done, or without the
cache one compiled here in memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator

from .arrow_answers import ActorColumns, Columns, relations, rows_where
from .arrow_graph import GraphColumns
from .checks.arrow_columns import CheckedColumns
from .model import Relation
from .selection import Selection
from .store import Store, StoreWriter, cached_date

# Actors answered from columns of their own before the store of everything is taken: a
# path's search asks for the neighbours of actor after actor, each a pass over the columns.
MAX_ACTOR_COLUMNS = 8
_SLICE = 65_536  # rows made into Python lists at a time when compiling everything


class ArrowStore:
    """The engine interface over checked Arrow columns (see the module's docstring)."""

    path = None  # never a file in the cache

    def __init__(self, checked: CheckedColumns, whole: Callable[[], Store] | None = None):
        self._checked = checked
        self._whole_store = whole  # gives the store of everything; None: compiled here
        dataset = checked.dataset
        self.actors = dataset.actors
        self.types = dataset.types
        self.sources = dataset.sources
        self.meta = {"relations": str(checked.table.num_rows)}
        self._position = {actor.id: n for n, actor in enumerate(self.actors)}
        self._by_actor: dict[str, ActorColumns] = {}
        self._graph: GraphColumns | None = None
        self._whole: Store | None = None

    @property
    def relation_count(self) -> int:
        return self._checked.table.num_rows

    def close(self) -> None:
        if self._whole is not None:
            self._whole.close()
        self._by_actor.clear()
        self._graph = None
        self._whole = None

    # -- where each question is answered ----------------------------------------------------

    def _of(self, actor_id: str) -> ActorColumns | None:
        """The actor's rows as Arrow columns; None once the store of everything answers (it
        is taken after MAX_ACTOR_COLUMNS actors)."""
        if self._whole is not None:
            return None
        found = self._by_actor.get(actor_id)
        if found is None:
            if len(self._by_actor) >= MAX_ACTOR_COLUMNS:
                self._everything()
                return None
            found = self._by_actor[actor_id] = ActorColumns(
                self._checked, self._position.get(actor_id, -1))
        return found

    def _of_pair(self, a: str, b: str) -> tuple[ActorColumns | None, str]:
        """The columns of whichever end of the pair are taken already (who-opposes --json asks
        a hub with each of its counterparts in turn), else a's; and the pair's other end."""
        if b in self._by_actor and a not in self._by_actor:
            return self._of(b), a
        return self._of(a), b

    def _all(self) -> GraphColumns | Store:
        """What answers a question about the whole graph: the store of everything once it is
        taken, else every row as Arrow columns."""
        if self._whole is not None:
            return self._whole
        if self._graph is None:
            self._graph = GraphColumns(self._checked)
        return self._graph

    def _everything(self) -> Store:
        if self._whole is None:
            self._whole = self._whole_store() if self._whole_store else self._compiled()
        return self._whole

    def _compiled(self) -> Store:
        """A store of every relation, compiled in memory a slice at a time (one list per
        column at most)."""
        table = self._checked.table
        writer = StoreWriter(sqlite3.connect(":memory:"))
        for first in range(0, table.num_rows, _SLICE):
            writer.add_columns(self._columns(table.slice(first, _SLICE)))
        dataset = self._checked.dataset
        writer.finish(dataset.actors, dataset.types, dataset.sources, dict(self.meta))
        return Store(writer.db)

    def _columns(self, table) -> dict[str, list]:
        """The columns StoreWriter.add_columns takes, from the table's codes."""
        actors = [actor.id for actor in self.actors]
        types = list(self.types.values())
        sources = list(self.sources)
        kinds = [types[k] for k in table.column("type").to_pylist()]
        return {
            "id": table.column("id").to_pylist(),
            "source": [actors[a] for a in table.column("source").to_pylist()],
            "target": [actors[a] for a in table.column("target").to_pylist()],
            "type": [t.name for t in kinds], "polarity": [t.polarity for t in kinds],
            "weight": table.column("weight").to_pylist(),
            "date": [cached_date(d) for d in table.column("date").to_pylist()],
            "until": [cached_date(d) for d in table.column("until").to_pylist()],
            "first": table.column("first").to_pylist(),
            "last": table.column("last").to_pylist(),
            "mutual": table.column("mutual").to_pylist(),
            "summary": table.column("summary").to_pylist(),
            "quote": table.column("quote").to_pylist(),
            "ref": [None if r is None else sources[r] for r in table.column("ref").to_pylist()],
        }

    # -- relations ----------------------------------------------------------------------------

    def relation(self, relation_id: str) -> Relation | None:
        import pyarrow.compute as pc

        if self._whole is not None:
            return self._whole.relation(relation_id)
        found = rows_where(self._checked, pc.equal(self._checked.table.column("id"),
                                                   relation_id))
        return next(iter(relations(self._checked, found)), None)

    def relation_ids(self, prefix: str = "", limit: int = 1000) -> list[str]:
        import pyarrow.compute as pc

        ids = self._checked.table.column("id")
        if prefix:  # as the store's LIKE compares: ASCII letters in either case
            ids = ids.filter(pc.starts_with(pc.ascii_lower(ids), _ascii_lower(prefix)))
        return sorted(ids.to_pylist())[:limit]

    def touching(self, actor_id: str, selection: Selection) -> list[Relation]:
        columns = self._of(actor_id)
        if columns is None:
            return self._whole.touching(actor_id, selection)
        return columns.touching(selection)

    def towards(self, actor_id: str, selection: Selection, incoming: bool) -> list[Relation]:
        columns = self._of(actor_id)
        if columns is None:
            return self._whole.towards(actor_id, selection, incoming)
        return columns.towards(selection, incoming)

    def between(self, a: str, b: str, selection: Selection) -> list[Relation]:
        columns, other = self._of_pair(a, b)
        if columns is None:
            return self._whole.between(a, b, selection)
        return columns.between(other, selection)

    def select(self, selection: Selection) -> Iterator[Relation]:
        return self._all().select(selection)

    def stream(self, selection: Selection, actor: str | None = None,
               pair: tuple[str, str] | None = None, chronological: bool = False,
               limit: int | None = None, newest: bool = False) -> Iterator[Relation]:
        if pair is not None and actor is not None and actor not in pair:
            return iter(())  # the store's answer: no relation joins the pair and the actor
        columns, other = self._listing(actor, pair)
        if columns is None:
            return self._whole.stream(selection, actor, pair, chronological, limit, newest)
        return columns.listing(selection, other, chronological, limit, newest)

    def count(self, selection: Selection, actor: str | None = None,
              pair: tuple[str, str] | None = None) -> int:
        if pair is not None and actor is not None and actor not in pair:
            return 0
        columns, other = self._listing(actor, pair)
        if columns is None:
            return self._whole.count(selection, actor, pair)
        return columns.count(selection, other)

    def _listing(self, actor: str | None, pair: tuple[str, str] | None
                 ) -> tuple[Columns | None, str | None]:
        """The columns that list the relations of `actor`, of `pair` or of everything, and
        the pair's other end; (None, None) once the store of everything answers."""
        if pair is not None:
            return self._of_pair(*pair)
        if actor is not None:
            return self._of(actor), None
        found = self._all()
        return (None, None) if found is self._whole else (found, None)

    # -- the graph and the aggregates -----------------------------------------------------------

    def neighbours(self, actor_id: str, selection: Selection, forward: bool = True,
                   backward: bool = True) -> list[str]:
        columns = self._of(actor_id)
        if columns is None:
            return self._whole.neighbours(actor_id, selection, forward, backward)
        return columns.neighbours(selection, forward, backward)

    def links(self, selection: Selection) -> Iterable[tuple[str, str]]:
        return self._all().links(selection)

    def pair_stances(self, selection: Selection, among: list[str] | None = None) -> list[tuple]:
        return self._all().pair_stances(selection, among)

    def stance_sums(self, actor_id: str, selection: Selection, incoming: bool) -> list[tuple]:
        columns = self._of(actor_id)
        if columns is None:
            return self._whole.stance_sums(actor_id, selection, incoming)
        return columns.stance_sums(selection, incoming)

    def latest(self, actor_id: str, selection: Selection, incoming: bool,
               polarity: str) -> dict[str, Relation]:
        columns = self._of(actor_id)
        if columns is None:
            return self._whole.latest(actor_id, selection, incoming, polarity)
        return columns.latest(selection, incoming, polarity)

    def type_counts(self, actor_id: str, selection: Selection) -> dict[str, dict[str, int]]:
        columns = self._of(actor_id)
        if columns is None:
            return self._whole.type_counts(actor_id, selection)
        return columns.type_counts(selection)

    def newest_by_type(self, actor_id: str, selection: Selection, outgoing: bool,
                       per_type: int) -> list[Relation]:
        columns = self._of(actor_id)
        if columns is None:
            return self._whole.newest_by_type(actor_id, selection, outgoing, per_type)
        return columns.newest_by_type(selection, outgoing, per_type)

    def actor_counts(self, selection: Selection) -> dict[str, int]:
        return self._all().actor_counts(selection)

    def degrees(self, selection: Selection) -> dict[str, int]:
        return self._all().degrees(selection)


def _ascii_lower(text: str) -> str:
    return "".join(c.lower() if c.isascii() else c for c in text)
