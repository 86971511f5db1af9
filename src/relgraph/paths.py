"""Paths between two actors through the relations that join them."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from itertools import islice, takewhile
from typing import TYPE_CHECKING

from .errors import NoPath, UsageError
from .model import Actor, Relation

if TYPE_CHECKING:
    from .graph import Graph as RelGraph
    from .selection import Selection


@dataclass
class Hop:
    source: str
    target: str
    relations: list[Relation]

    def as_dict(self) -> dict:
        return {"from": self.source, "to": self.target,
                "relations": [r.as_dict() for r in self.relations]}


@dataclass
class Path:
    actors: list[str]
    hops: list[Hop]

    def as_dict(self) -> dict:
        return {"actors": list(self.actors), "hops": [h.as_dict() for h in self.hops]}


def find_paths(graph: RelGraph, a: Actor, b: Actor, selection: Selection, directed: bool,
               all_shortest: bool, k: int | None, max_hops: int | None) -> list[Path]:
    """One shortest path (the same on every run), every shortest path, or up to k paths.

    Undirected (the default): two actors are adjacent when any selected relation joins them.
    Directed: from source to target only, mutual relations both ways.
    Raises NoPath when none exists (within `max_hops`, when given).
    """
    import networkx as nx

    if a.id == b.id:
        raise UsageError(f"path from {a.name} to itself; name two different actors")
    if k is not None and k < 1:
        raise UsageError("k must be 1 or more", params=("k",))
    if max_hops is not None and max_hops < 1:
        raise UsageError("max_hops must be 1 or more", params=("max_hops",))
    adjacency = _adjacency(graph, selection, directed)
    # Nodes and edges go in sorted order so that BFS, and so the path chosen, never varies.
    simple = nx.DiGraph() if directed else nx.Graph()
    simple.add_nodes_from(sorted(actor.id for actor in graph.actors))
    simple.add_edges_from(sorted(adjacency))
    try:
        if k is not None:
            paths = nx.shortest_simple_paths(simple, a.id, b.id)  # shortest first
            if max_hops is not None:
                paths = takewhile(lambda p: len(p) - 1 <= max_hops, paths)
            found = list(islice(paths, min(k, sys.maxsize)))
        elif all_shortest:
            found = list(nx.all_shortest_paths(simple, a.id, b.id))
        else:
            found = [nx.shortest_path(simple, a.id, b.id)]
    except nx.NetworkXNoPath:
        found = []
    if max_hops is not None:
        found = [p for p in found if len(p) - 1 <= max_hops]
    if not found:
        limit = "" if max_hops is None else \
            f" of at most {max_hops} hop{'s' if max_hops != 1 else ''}"
        how = "directed " if directed else ""
        raise NoPath(f"no {how}path{limit} from {a.name} to {b.name}")
    found.sort(key=lambda p: (len(p), p))
    return [Path(p, [Hop(u, v, sorted(adjacency[(u, v)], key=Relation.chronological_key))
                     for u, v in zip(p, p[1:], strict=False)]) for p in found]


def _adjacency(graph: RelGraph, selection: Selection,
               directed: bool) -> dict[tuple[str, str], list[Relation]]:
    """For every ordered pair of adjacent actors, the relations that make them adjacent."""
    pairs: dict[tuple[str, str], list[Relation]] = {}
    for relation in graph.select(selection):
        u, v = relation.source, relation.target
        pairs.setdefault((u, v), []).append(relation)
        if not directed or relation.mutual:
            pairs.setdefault((v, u), []).append(relation)
    return pairs
