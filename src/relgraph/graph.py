"""Graph: a checked dataset's actors and relations, looked up by actor and selection.

The data layer under every query (query.py, paths.py, the views): it answers "which relations"
and "which actor", never "what they mean". The questions live in api.RelGraph. The relations
stay in the compiled store (store.py) and are read by index, a question at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from .actor_index import ActorIndex
from .errors import UnknownRelation, UsageError
from .model import Actor, Dataset, Relation, RelationType, Source
from .selection import ALL, Selection, make_selection

if TYPE_CHECKING:
    import networkx as nx

    from .store import Store


class Graph:
    """The actors and relations of one dataset, indexed by actor."""

    def __init__(self, store: Store):
        self.store = store
        self.actors: list[Actor] = store.actors
        self.types: dict[str, RelationType] = store.types
        self.sources: dict[str, Source] = store.sources
        self._index = ActorIndex(self.actors)
        self._by_id = {actor.id: actor for actor in self.actors}

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> Graph:
        """A graph of a Dataset already in memory (compiled into an in-memory store)."""
        import sqlite3

        from .store import Store, StoreWriter

        connection = sqlite3.connect(":memory:")
        writer = StoreWriter(connection)
        for relation in dataset.relations:
            writer.add(relation)
        writer.finish(dataset.actors, dataset.types, dataset.sources,
                      {"relations": str(writer.relations)})
        return cls(Store(connection))

    def __repr__(self) -> str:
        return (f"<{type(self).__name__} {len(self.actors)} actors, "
                f"{self.relation_count} relations>")

    @property
    def relation_count(self) -> int:
        return self.store.relation_count

    @property
    def relations(self) -> list[Relation]:
        """Every relation, in file order (all in memory: for notebooks and small data)."""
        return self.select(ALL)

    # -- lookups -------------------------------------------------------------------------

    def actor(self, query: str | Actor) -> Actor:
        """The actor with this id, name or alias (any case); UnknownActor otherwise."""
        if isinstance(query, Actor):
            return query
        return self._index.resolve(query)

    def pair(self, a: str | Actor, b: str | Actor) -> tuple[Actor, Actor]:
        """Two different actors; naming one actor twice is a usage error."""
        first, second = self.actor(a), self.actor(b)
        if first.id == second.id:
            raise UsageError(f"{first.name} is named twice; name two different actors")
        return first, second

    def actor_by_id(self, actor_id: str) -> Actor:
        return self._by_id[actor_id]

    def names(self) -> dict[str, str]:
        """Every actor's name by id: what a renderer needs to show relations."""
        return {actor.id: actor.name for actor in self.actors}

    def selection(self, since=None, until=None, types: Iterable[str] | None = None) -> Selection:
        """Build a Selection from user input; UsageError on a bad date or unknown type."""
        return make_selection(self.types, since, until, types)

    def relation(self, relation_id: str) -> Relation:
        """The relation with this id; UnknownRelation, with the closest ids, otherwise."""
        import difflib
        import re

        wanted = relation_id.strip()
        found = self.store.relation(wanted)
        if found is not None:
            return found
        # Candidates share a beginning with what was typed: the whole of it, then up to each
        # earlier word break, then its first letter (the store reads ids by prefix, not all).
        cuts = [len(wanted)] + [m.start() for m in re.finditer(r"[-_ ]", wanted)][::-1] + [1]
        ids: list[str] = []
        for cut in cuts:
            ids = self.store.relation_ids(wanted[:cut]) if cut else []
            if ids:
                break
        # The closest ids: the best match and any about as close, at most three.
        scored = sorted((-difflib.SequenceMatcher(None, wanted, i).ratio(), i) for i in ids)
        close = [i for score, i in scored[:3] if -score >= max(0.6, -scored[0][0] - 0.05)]
        raise UnknownRelation(relation_id, close)

    def touching(self, actor: Actor, selection: Selection = ALL) -> list[Relation]:
        """The relations with `actor` at either end, in file order."""
        return self.store.touching(actor.id, selection)

    def towards(self, actor: Actor, selection: Selection = ALL,
                incoming: bool = True) -> list[Relation]:
        """Relations into `actor` (incoming) or out of it, mutual ones either way, file order."""
        return self.store.towards(actor.id, selection, incoming)

    def between(self, a: Actor, b: Actor, selection: Selection = ALL) -> list[Relation]:
        """The selected relations joining a and b, either way, in file order."""
        return self.store.between(a.id, b.id, selection)

    def neighbours(self, actor_id: str, selection: Selection = ALL, forward: bool = True,
                   backward: bool = True) -> list[str]:
        """Ids of the actors joined to `actor_id` by a selected relation, sorted.

        forward: along relations from the actor (mutual ones both ways); backward: against.
        """
        return self.store.neighbours(actor_id, selection, forward, backward)

    def pair_stances(self, selection: Selection = ALL,
                     among: list[str] | None = None) -> list[tuple]:
        """(u, v, net, intensity, hostile, friendly, mutual part, stored, count) for each
        ordered pair joined by a selected relation: the stance of u towards v, summed
        (`among`: only pairs of those actor ids)."""
        return self.store.pair_stances(selection, among)

    # -- aggregates (summed by the store; docs/architecture.md, "The engine interface") ----

    def stance_sums(self, actor: Actor, selection: Selection = ALL,
                    incoming: bool = True) -> list[tuple]:
        """(other id, hostile, friendly, net, hostility, warmth) for each actor with relations
        towards `actor` (incoming) or from it (mutual ones both ways)."""
        return self.store.stance_sums(actor.id, selection, incoming)

    def latest(self, actor: Actor, selection: Selection = ALL, incoming: bool = True,
               polarity: str = "hostile") -> dict[str, Relation]:
        """By other actor's id, the latest relation of `polarity` that stance_sums counts."""
        return self.store.latest(actor.id, selection, incoming, polarity)

    def type_counts(self, actor: Actor, selection: Selection = ALL) -> dict[str, dict[str, int]]:
        """{"outgoing": {type: n}, "incoming": {type: n}} for the actor's relations."""
        return self.store.type_counts(actor.id, selection)

    def newest_by_type(self, actor: Actor, selection: Selection = ALL, outgoing: bool = True,
                       per_type: int = 10) -> list[Relation]:
        """The latest `per_type` relations of each type out of (or into) `actor`, in order."""
        return self.store.newest_by_type(actor.id, selection, outgoing, per_type)

    def actor_counts(self, selection: Selection = ALL) -> dict[str, int]:
        """How many selected relations each actor has at either end."""
        return self.store.actor_counts(selection)

    def degrees(self, selection: Selection = ALL) -> dict[str, int]:
        """How many distinct actors a selected relation joins to each actor."""
        return self.store.degrees(selection)

    def stream(self, selection: Selection = ALL, actor: Actor | None = None,
               pair: tuple[Actor, Actor] | None = None, chronological: bool = False,
               limit: int | None = None, newest: bool = False) -> Iterator[Relation]:
        """The selected relations (touching `actor`, joining `pair`), file order or
        chronological, read as they are used; `limit`: the first (or `newest`: last) few."""
        return self.store.stream(selection, actor.id if actor else None,
                                 (pair[0].id, pair[1].id) if pair else None, chronological,
                                 limit, newest)

    def count(self, selection: Selection = ALL, actor: Actor | None = None,
              pair: tuple[Actor, Actor] | None = None) -> int:
        """How many relations `stream` yields without a limit."""
        return self.store.count(selection, actor.id if actor else None,
                                (pair[0].id, pair[1].id) if pair else None)

    def links(self, selection: Selection = ALL) -> list[tuple[str, str]]:
        """Each ordered pair of actors a selected relation runs along (mutual: both ways)."""
        return list(self.store.links(selection))

    # -- queries -------------------------------------------------------------------------

    def select(self, selection: Selection = ALL, actor: str | None = None,
               between: tuple[str, str] | None = None) -> list[Relation]:
        """Relations in file order, optionally those touching `actor` or joining a pair."""
        if between is not None:
            pool = self.between(*self.pair(*between), selection)
        elif actor is not None:
            return self.touching(self.actor(actor), selection)
        else:
            return list(self.store.select(selection))
        if actor is not None:
            who = self.actor(actor).id
            pool = [r for r in pool if who in (r.source, r.target)]
        return pool

    # -- NetworkX ------------------------------------------------------------------------

    @cached_property
    def nx(self) -> nx.MultiDiGraph:
        """The whole graph as a NetworkX MultiDiGraph, keyed by relation id (for notebooks)."""
        return self.subgraph(ALL)

    def subgraph(self, selection: Selection) -> nx.MultiDiGraph:
        """A MultiDiGraph of the selected relations, with every actor as a node."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        for actor in self.actors:
            graph.add_node(actor.id, **actor.as_dict())
        for relation in self.store.select(selection):
            attrs = relation.as_dict()
            del attrs["source"], attrs["target"]
            graph.add_edge(relation.source, relation.target, key=relation.id, **attrs)
        return graph
