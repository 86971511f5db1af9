"""The first call's engine: answers from checked Arrow columns while the full store is built.

A million relations in Parquet check in a second or two as Arrow columns
(checks/arrow_columns.py), but compiling them into the SQLite store with its indexes takes
many seconds more. `ArrowStore`
answers the engine interface (docs/architecture.md) without that store: a question about one
actor (who-opposes, show, timeline, relations of one actor or pair, neighbours, one relation)
picks that actor's rows out of the columns with Arrow's compute functions and compiles only
them, with their file order, into a small SQLite store written by the same `StoreWriter`
and read by the same `Store`, so the answer is the one the full store gives. A question about
the whole graph (matrix, central, balance, an unfiltered listing) or a path that visits more
than a few actors takes the store of everything: the one cache.py's background build
(background.py) is writing, once it is done, or without the cache one compiled in memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator

from .checks.arrow_columns import CheckedColumns
from .dates import parse_date
from .model import Relation
from .selection import Selection
from .store import Store, StoreWriter

# Actors answered from stores of their own before the store of everything is taken: a
# path's search asks for the neighbours of actor after actor.
MAX_ACTOR_STORES = 8
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
        self._by_actor: dict[str, Store] = {}
        self._whole: Store | None = None

    @property
    def relation_count(self) -> int:
        return self._checked.table.num_rows

    def close(self) -> None:
        for store in [*self._by_actor.values(), self._whole]:
            if store is not None:
                store.close()
        self._by_actor.clear()
        self._whole = None

    # -- where each question is answered ----------------------------------------------------

    def _of(self, actor_id: str) -> Store:
        """A store holding every relation with `actor_id` at either end (or all of them)."""
        if self._whole is not None:
            return self._whole
        store = self._by_actor.get(actor_id)
        if store is not None:
            return store
        if len(self._by_actor) >= MAX_ACTOR_STORES:
            return self._everything()
        import pyarrow.compute as pc

        table = self._checked.table
        n = self._position.get(actor_id, -1)
        rows = pc.or_(pc.equal(table.column("source"), n), pc.equal(table.column("target"), n))
        store = self._by_actor[actor_id] = self._compiled(rows)
        return store

    def _everything(self) -> Store:
        if self._whole is None:
            self._whole = self._whole_store() if self._whole_store else self._compiled(None)
        return self._whole

    def _compiled(self, rows) -> Store:
        """A store of the relations where the boolean array `rows` is true (all: None), each
        numbered by its place in the file order of the whole dataset."""
        import pyarrow.compute as pc

        table = self._checked.table
        writer = StoreWriter(sqlite3.connect(":memory:"))
        if rows is None:  # every relation, a slice at a time: one list per column at most
            for first in range(0, table.num_rows, _SLICE):
                writer.add_columns(self._columns(table.slice(first, _SLICE)))
        else:
            places = pc.indices_nonzero(rows)
            columns = self._columns(table.take(places))
            places = places.to_pylist()
            start = 0
            for end in range(1, len(places) + 1):
                if end == len(places) or places[end] != places[end - 1] + 1:
                    # A run of consecutive relations: StoreWriter numbers the rows it is
                    # given from its count, so the count is set to the place before the run.
                    writer.relations = places[start]
                    writer.add_columns({k: v[start:end] for k, v in columns.items()})
                    start = end
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
            "date": _dates(table.column("date").to_pylist()),
            "until": _dates(table.column("until").to_pylist()),
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
        rows = pc.equal(self._checked.table.column("id"), relation_id)
        return self._compiled(rows).relation(relation_id)

    def relation_ids(self, prefix: str = "", limit: int = 1000) -> list[str]:
        import pyarrow.compute as pc

        ids = self._checked.table.column("id")
        if prefix:  # as the store's LIKE compares: ASCII letters in either case
            ids = ids.filter(pc.starts_with(pc.ascii_lower(ids), _ascii_lower(prefix)))
        return sorted(ids.to_pylist())[:limit]

    def touching(self, actor_id: str, selection: Selection) -> list[Relation]:
        return self._of(actor_id).touching(actor_id, selection)

    def towards(self, actor_id: str, selection: Selection, incoming: bool) -> list[Relation]:
        return self._of(actor_id).towards(actor_id, selection, incoming)

    def between(self, a: str, b: str, selection: Selection) -> list[Relation]:
        return self._of(a).between(a, b, selection)

    def select(self, selection: Selection) -> Iterator[Relation]:
        return self._everything().select(selection)

    def stream(self, selection: Selection, actor: str | None = None,
               pair: tuple[str, str] | None = None, chronological: bool = False,
               limit: int | None = None, newest: bool = False) -> Iterator[Relation]:
        store = self._for_listing(actor, pair)
        return store.stream(selection, actor, pair, chronological, limit, newest)

    def count(self, selection: Selection, actor: str | None = None,
              pair: tuple[str, str] | None = None) -> int:
        return self._for_listing(actor, pair).count(selection, actor, pair)

    def _for_listing(self, actor: str | None, pair: tuple[str, str] | None) -> Store:
        if actor is not None:
            return self._of(actor)
        if pair is not None:
            return self._of(pair[0])
        return self._everything()

    # -- the graph and the aggregates -----------------------------------------------------------

    def neighbours(self, actor_id: str, selection: Selection, forward: bool = True,
                   backward: bool = True) -> list[str]:
        return self._of(actor_id).neighbours(actor_id, selection, forward, backward)

    def links(self, selection: Selection) -> Iterable[tuple[str, str]]:
        return self._everything().links(selection)

    def pair_stances(self, selection: Selection, among: list[str] | None = None) -> list[tuple]:
        return self._everything().pair_stances(selection, among)

    def stance_sums(self, actor_id: str, selection: Selection, incoming: bool) -> list[tuple]:
        return self._of(actor_id).stance_sums(actor_id, selection, incoming)

    def latest(self, actor_id: str, selection: Selection, incoming: bool,
               polarity: str) -> dict[str, Relation]:
        return self._of(actor_id).latest(actor_id, selection, incoming, polarity)

    def type_counts(self, actor_id: str, selection: Selection) -> dict[str, dict[str, int]]:
        return self._of(actor_id).type_counts(actor_id, selection)

    def newest_by_type(self, actor_id: str, selection: Selection, outgoing: bool,
                       per_type: int) -> list[Relation]:
        return self._of(actor_id).newest_by_type(actor_id, selection, outgoing, per_type)

    def actor_counts(self, selection: Selection) -> dict[str, int]:
        return self._everything().actor_counts(selection)

    def degrees(self, selection: Selection) -> dict[str, int]:
        return self._everything().degrees(selection)


def _dates(texts: list) -> list:
    """Checked date texts as the PartialDates StoreWriter takes (the same few recur)."""
    found: dict = {}
    return [None if text is None else found.get(text) or found.setdefault(text, parse_date(text))
            for text in texts]


def _ascii_lower(text: str) -> str:
    return "".join(c.lower() if c.isascii() else c for c in text)
