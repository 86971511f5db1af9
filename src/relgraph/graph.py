"""Graph: a checked dataset's actors and relations, looked up by actor and selection.

The data layer under every query (query.py, paths.py, the views): it answers "which relations"
and "which actor", never "what they mean". The questions live in api.RelGraph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from .actor_index import ActorIndex
from .errors import UnknownRelation, UsageError
from .model import Actor, Dataset, Relation, RelationType, Source
from .selection import ALL, Selection, make_selection

if TYPE_CHECKING:
    import networkx as nx


class Graph:
    """The actors and relations of one dataset, indexed by actor."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.actors: list[Actor] = dataset.actors
        self.types: dict[str, RelationType] = dataset.types
        self.sources: dict[str, Source] = dataset.sources
        self.relations: list[Relation] = dataset.relations
        self._index = ActorIndex(self.actors)
        self._by_id = {actor.id: actor for actor in self.actors}
        self._touching: dict[str, list[Relation]] = defaultdict(list)
        for relation in self.relations:
            self._touching[relation.source].append(relation)
            self._touching[relation.target].append(relation)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {len(self.actors)} actors, {len(self.relations)} relations>"

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

        wanted = relation_id.strip()
        relations = self.select()
        for relation in relations:
            if relation.id == wanted:
                return relation
        # The closest ids: the best match and any about as close, at most three.
        scored = sorted((-difflib.SequenceMatcher(None, wanted, r.id).ratio(), r.id)
                        for r in relations)
        close = [rid for score, rid in scored[:3] if -score >= max(0.6, -scored[0][0] - 0.05)]
        raise UnknownRelation(relation_id, close)

    def touching(self, actor: Actor, selection: Selection = ALL) -> list[Relation]:
        """The relations with `actor` at either end, in file order."""
        return [r for r in self._touching.get(actor.id, ()) if selection.keeps(r)]

    # -- queries -------------------------------------------------------------------------

    def select(self, selection: Selection = ALL, actor: str | None = None,
               between: tuple[str, str] | None = None) -> list[Relation]:
        """Relations in file order, optionally those touching `actor` or joining a pair."""
        if between is not None:
            a, b = self.pair(*between)
            pair = {a.id, b.id}
            pool = [r for r in self.touching(a, selection) if {r.source, r.target} == pair]
        else:
            pool = [r for r in self.relations if selection.keeps(r)]
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
        for relation in self.select(selection):
            attrs = relation.as_dict()
            del attrs["source"], attrs["target"]
            graph.add_edge(relation.source, relation.target, key=relation.id, **attrs)
        return graph
