"""RelGraph: a checked dataset, its NetworkX graph, and the queries asked of it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .actor_index import ActorIndex
from .dataset import load_dataset
from .dates import Window, parse_date
from .errors import UsageError, unknown_type
from .model import Actor, Dataset, Relation, RelationType, Source

if TYPE_CHECKING:
    import networkx as nx

    from .paths import Path
    from .query import Profile, StanceRow


@dataclass(frozen=True)
class Selection:
    """Which relations a query looks at: a date window and, optionally, some types."""

    window: Window = Window()
    types: frozenset[str] | None = None

    def keeps(self, relation: Relation) -> bool:
        if self.types is not None and relation.type not in self.types:
            return False
        return self.window.overlaps(relation.first_day, relation.last_day)


ALL = Selection()


def load(path=None) -> RelGraph:
    """Load the dataset folder at `path` (default: $RELGRAPH_DATA, else the shipped graph)."""
    return RelGraph(load_dataset(path))


class RelGraph:
    """The actors and relations of one dataset, with the questions relgraph answers."""

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
        return f"<RelGraph {len(self.actors)} actors, {len(self.relations)} relations>"

    # -- lookups -------------------------------------------------------------------------

    def actor(self, query: str | Actor) -> Actor:
        """The actor with this id, name or alias (any case); UnknownActor otherwise."""
        if isinstance(query, Actor):
            return query
        return self._index.resolve(query)

    def _pair(self, a: str | Actor, b: str | Actor) -> tuple[Actor, Actor]:
        """Two different actors; naming one actor twice is a usage error."""
        first, second = self.actor(a), self.actor(b)
        if first.id == second.id:
            raise UsageError(f"{first.name} is named twice; name two different actors")
        return first, second

    def actor_by_id(self, actor_id: str) -> Actor:
        return self._by_id[actor_id]

    def selection(self, since=None, until=None, types: Iterable[str] | None = None) -> Selection:
        """Build a Selection from user input; UsageError on a bad date or unknown type."""
        bounds = []
        for flag, value in (("--since", since), ("--until", until)):
            try:
                bounds.append(parse_date(value) if value is not None else None)
            except ValueError as exc:
                raise UsageError(f"{flag}: {exc}") from None
        window = Window(*bounds)
        if window.since and window.until and window.until.last < window.since.first:
            raise UsageError(f"--until {window.until} is before --since {window.since}")
        chosen = None
        if types:
            chosen = frozenset(types)
            for name in sorted(chosen - set(self.types)):
                raise UsageError(unknown_type(name, list(self.types)))
        return Selection(window, chosen)

    def touching(self, actor: Actor, selection: Selection = ALL) -> list[Relation]:
        """The relations with `actor` at either end, in file order."""
        return [r for r in self._touching.get(actor.id, ()) if selection.keeps(r)]

    # -- queries -------------------------------------------------------------------------

    def select(self, selection: Selection = ALL, actor: str | None = None,
               between: tuple[str, str] | None = None) -> list[Relation]:
        """Relations in file order, optionally those touching `actor` or joining a pair."""
        if between is not None:
            a, b = self._pair(*between)
            pair = {a.id, b.id}
            pool = [r for r in self.touching(a, selection) if {r.source, r.target} == pair]
        else:
            pool = [r for r in self.relations if selection.keeps(r)]
        if actor is not None:
            who = self.actor(actor).id
            pool = [r for r in pool if who in (r.source, r.target)]
        return pool

    def timeline(self, actor: str, other: str | None = None,
                 selection: Selection = ALL) -> list[Relation]:
        """Relations of `actor` (with `other` only, if given), oldest first, undated last."""
        from .query import timeline

        first, second = self._pair(actor, other) if other else (self.actor(actor), None)
        return timeline(self, first, second, selection)

    def who_opposes(self, actor: str, selection: Selection = ALL,
                    net: bool = False) -> list[StanceRow]:
        from .query import stance_rows

        return stance_rows(self, self.actor(actor), "hostile", selection, net)

    def who_supports(self, actor: str, selection: Selection = ALL,
                     net: bool = False) -> list[StanceRow]:
        from .query import stance_rows

        return stance_rows(self, self.actor(actor), "friendly", selection, net)

    def show(self, actor: str, selection: Selection = ALL) -> Profile:
        from .query import profile

        return profile(self, self.actor(actor), selection)

    def path(self, a: str, b: str, selection: Selection = ALL, directed: bool = False,
             all_shortest: bool = False, k: int | None = None,
             max_hops: int | None = None) -> list[Path]:
        from .paths import find_paths

        return find_paths(self, self.actor(a), self.actor(b), selection, directed,
                          all_shortest, k, max_hops)

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
