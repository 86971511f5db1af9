"""Paths between two actors through the relations that join them."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from itertools import islice, takewhile
from typing import TYPE_CHECKING

from .errors import NoPath, UsageError
from .model import Actor, Relation

if TYPE_CHECKING:
    from .graph import Graph
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


def find_paths(graph: Graph, a: Actor, b: Actor, selection: Selection, directed: bool,
               all_shortest: bool, k: int | None, max_hops: int | None) -> list[Path]:
    """One shortest path (the same on every run), every shortest path, or up to k paths.

    Undirected (the default): two actors are adjacent when any selected relation joins them.
    Directed: from source to target only, mutual relations both ways.
    Raises NoPath when none exists (within `max_hops`, when given).
    """
    if a.id == b.id:
        raise UsageError(f"path from {a.name} to itself; name two different actors")
    if k is not None and k < 1:
        raise UsageError("k must be 1 or more", params=("k",))
    if max_hops is not None and max_hops < 1:
        raise UsageError("max_hops must be 1 or more", params=("max_hops",))
    if k is None and not all_shortest:
        one = shortest_path(graph, a.id, b.id, selection, directed, max_hops)
        found = [one] if one is not None else []
    else:
        found = _with_networkx(graph, a.id, b.id, selection, directed, all_shortest, k,
                               max_hops)
    if max_hops is not None:
        found = [p for p in found if len(p) - 1 <= max_hops]
    if not found:
        limit = "" if max_hops is None else \
            f" of at most {max_hops} hop{'s' if max_hops != 1 else ''}"
        how = "directed " if directed else ""
        raise NoPath(f"no {how}path{limit} from {a.name} to {b.name}")
    found.sort(key=lambda p: (len(p), p))
    return [Path(p, [Hop(u, v, _joining(graph, u, v, selection, directed))
                     for u, v in zip(p, p[1:], strict=False)]) for p in found]


def shortest_path(graph: Graph, a: str, b: str, selection: Selection,
                  directed: bool, max_hops: int | None = None) -> list[str] | None:
    """A shortest path from a to b, asking the store for each visited actor's neighbours.

    The same bidirectional breadth-first search as NetworkX's shortest_path on a graph whose
    nodes and edges were added in sorted order (each actor's neighbours visited by id), so it
    returns the very path NetworkX would, without reading every relation to build a graph.

    `max_hops`: None when the ends have not met after that many levels (both sides' together):
    every path of at most that many hops has an actor within the levels searched from each
    end, where the two searches would have met. The store (a Spark job a level) is asked no
    further.
    """
    forward_of = {}  # actor -> sorted neighbours, asked once each

    def successors(actor: str) -> list[str]:
        if (actor, True) not in forward_of:
            forward_of[actor, True] = graph.neighbours(actor, selection, True, not directed)
        return forward_of[actor, True]

    def predecessors(actor: str) -> list[str]:
        if (actor, False) not in forward_of:
            forward_of[actor, False] = graph.neighbours(actor, selection, not directed, True)
        return forward_of[actor, False]

    pred: dict[str, str | None] = {a: None}
    succ: dict[str, str | None] = {b: None}
    forward, reverse = [a], [b]
    meet = None
    levels = 0
    while forward and reverse and meet is None:
        if max_hops is not None and levels >= max_hops:
            return None
        levels += 1
        if len(forward) <= len(reverse):
            level, forward = forward, []
            for v in level:
                for w in successors(v):
                    if w not in pred:
                        forward.append(w)
                        pred[w] = v
                    if w in succ:
                        meet = w
                        break
                if meet is not None:
                    break
        else:
            level, reverse = reverse, []
            for v in level:
                for w in predecessors(v):
                    if w not in succ:
                        succ[w] = v
                        reverse.append(w)
                    if w in pred:
                        meet = w
                        break
                if meet is not None:
                    break
    if meet is None:
        return None
    path: list[str] = []
    node: str | None = meet
    while node is not None:
        path.append(node)
        node = pred[node]
    path.reverse()
    node = succ[meet]
    while node is not None:
        path.append(node)
        node = succ[node]
    return path


def _with_networkx(graph: Graph, a: str, b: str, selection: Selection, directed: bool,
                   all_shortest: bool, k: int | None, max_hops: int | None) -> list[list[str]]:
    """Every shortest path, or the k shortest simple paths, on NetworkX's simple graph."""
    import networkx as nx

    # Nodes and edges go in sorted order so that the paths found never vary between runs.
    simple = nx.DiGraph() if directed else nx.Graph()
    simple.add_nodes_from(sorted(actor.id for actor in graph.actors))
    links = graph.links(selection)
    if not directed:
        links += [(v, u) for u, v in links]
    simple.add_edges_from(sorted(set(links)))
    try:
        if all_shortest:
            return list(nx.all_shortest_paths(simple, a, b))
        paths = nx.shortest_simple_paths(simple, a, b)  # shortest first
        if max_hops is not None:
            paths = takewhile(lambda p: len(p) - 1 <= max_hops, paths)
        return list(islice(paths, min(k or 1, sys.maxsize)))
    except nx.NetworkXNoPath:
        return []


def _joining(graph: Graph, u: str, v: str, selection: Selection,
             directed: bool) -> list[Relation]:
    """The selected relations that make u and v adjacent, oldest first."""
    relations = graph.between(graph.actor_by_id(u), graph.actor_by_id(v), selection)
    joining = [r for r in relations if r.joins(u, v)] if directed else relations
    return sorted(joining, key=Relation.chronological_key)
