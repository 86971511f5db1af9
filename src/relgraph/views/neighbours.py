"""neighbours: the actors within N hops of an actor, and the relations among them."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model import Actor, Relation

if TYPE_CHECKING:
    from ..graph import Graph
    from ..selection import Selection


@dataclass
class Neighbour:
    actor: Actor
    distance: int  # hops from the centre
    via: str | None = None  # the actor one hop nearer through which it is first reached

    def as_dict(self) -> dict:
        return {"id": self.actor.id, "name": self.actor.name, "distance": self.distance}


@dataclass
class Neighbourhood:
    actor: Actor
    depth: int
    actors: list[Neighbour]  # the centre first, then by distance and name
    relations: list[Relation]  # every selected relation with both ends listed, file order

    def as_dict(self) -> dict:
        return {"actor": self.actor.id, "depth": self.depth,
                "actors": [n.as_dict() for n in self.actors],
                "relations": [r.as_dict() for r in self.relations]}


def distances(graph: Graph, centre: Actor, selection: Selection, depth: int) -> dict[str, int]:
    """Hops from `centre` to each actor at most `depth` hops away, walking the selected
    relations in either direction (breadth first)."""
    if depth < 0:
        raise UsageError(f"depth must be 0 or more, not {depth}", params=("depth",))
    distance = {centre.id: 0}
    queue = deque([centre.id])
    while queue:
        here = queue.popleft()
        if distance[here] == depth:
            continue
        for other in graph.neighbours(here, selection):
            if other not in distance:
                distance[other] = distance[here] + 1
                queue.append(other)
    return distance


def neighbourhood(graph: Graph, centre: Actor, selection: Selection,
                  depth: int = 1) -> Neighbourhood:
    """The actors within `depth` hops of `centre` and the selected relations among them.

    Each actor past the centre hangs from one actor a hop nearer (the first by name), so that
    the neighbourhood can be drawn as a tree.
    """
    hops = distances(graph, centre, selection, depth)
    found = {r.id: r for actor_id in hops
             for r in graph.touching(graph.actor_by_id(actor_id), selection)
             if r.source in hops and r.target in hops}
    relations = sorted(found.values(), key=lambda r: r.order)
    nearer: dict[str, set[str]] = {}
    for relation in relations:
        for a, b in ((relation.source, relation.target), (relation.target, relation.source)):
            if hops[a] == hops[b] - 1:
                nearer.setdefault(b, set()).add(a)
    listed = []
    for actor_id, distance in hops.items():
        actor = graph.actor_by_id(actor_id)
        via = min(nearer[actor_id], key=lambda i: _by_name(graph.actor_by_id(i))) \
            if distance else None
        listed.append(Neighbour(actor, distance, via))
    listed.sort(key=lambda n: (n.distance, *_by_name(n.actor)))
    return Neighbourhood(centre, depth, listed, relations)


def _by_name(actor: Actor) -> tuple[str, str]:
    return (actor.name.casefold(), actor.id)
