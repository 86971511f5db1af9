"""balance: structural balance of the signed graph, triangle by triangle.

Each pair of actors joined by a selected relation (either way) gets the sign of the sum of the
weights of all those relations; a pair summing to zero has no sign. A triangle (three actors
whose three pairs have a sign) is balanced when the product of its signs is positive: the
friend of my friend is my friend, the enemy of my enemy is my friend.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

from ..model import Actor, Relation
from .pairs import pair_relations, pair_stances, pair_sum

if TYPE_CHECKING:
    from ..graph import Graph
    from ..selection import Selection


@dataclass(eq=False)  # compared and hashed by identity: one object per pair
class SignedPair:
    a: str  # the two ids, sorted
    b: str
    sum: float  # never 0: a pair summing to 0 has no sign and is left out
    relations: list[Relation] = field(default_factory=list)  # chronological; only if listed

    @property
    def sign(self) -> int:
        return 1 if self.sum > 0 else -1

    def as_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "sum": self.sum, "sign": self.sign,
                "relations": [r.id for r in self.relations]}


@dataclass
class Triangle:
    actors: tuple[str, str, str]  # sorted ids
    pairs: list[SignedPair]  # (1st, 2nd), (1st, 3rd), (2nd, 3rd)
    balanced: bool = field(init=False)  # the product of the three signs is positive
    strain: float = field(init=False)  # how strongly the pairs hold: the sum of |sum|

    def __post_init__(self) -> None:
        first, second, third = self.pairs
        self.balanced = (first.sum > 0) == ((second.sum > 0) == (third.sum > 0))
        self.strain = round(abs(first.sum) + abs(second.sum) + abs(third.sum), 9)

    def as_dict(self) -> dict:
        return {"actors": list(self.actors), "pairs": [p.as_dict() for p in self.pairs],
                "balanced": self.balanced, "strain": self.strain}


@dataclass
class Balance:
    triangles: list[Triangle]  # those listed, strongest strain first
    total: int  # every triangle in scope, listed or not
    balanced: int
    actor: Actor | None = None  # the scope: triangles containing this actor
    every: bool = False  # balanced triangles listed too
    names: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def share(self) -> float | None:
        """The share of balanced triangles in scope; None when there is none."""
        return round(self.balanced / self.total, 9) if self.total else None

    def as_dict(self) -> dict:
        return {"triangles": [t.as_dict() for t in self.triangles], "total": self.total,
                "balanced": self.balanced, "share": self.share}


def balance(graph: Graph, selection: Selection, actor: Actor | None = None,
            every: bool = False) -> Balance:
    """The triangles of signed pairs (those containing `actor`, if given): how many are
    balanced, and the unbalanced ones (every one with `every`), strongest strain first."""
    pairs = pair_stances(graph, selection)
    signed: dict[tuple[str, str], SignedPair] = {}  # one per pair, shared by its triangles
    linked: dict[str, set[str]] = {}
    for a, b in pairs:
        key = (a, b) if a < b else (b, a)
        if key in signed:
            continue
        total = pair_sum(pairs, *key)
        if total != 0:
            signed[key] = SignedPair(*key, total)
            linked.setdefault(a, set()).add(b)
            linked.setdefault(b, set()).add(a)
    triangles = [Triangle((a, b, c), [signed[(a, b)], signed[(a, c)], signed[(b, c)]])
                 for a, b, c in _triangles(linked, actor.id if actor else None)]
    kept = sum(t.balanced for t in triangles)
    listed = [t for t in triangles if every or not t.balanced]
    listed.sort(key=lambda t: (-t.strain, t.actors))
    # The relations behind the listed pairs, from one pass over the selection.
    shown = {pair for t in listed for pair in t.pairs}
    wanted = {i: pair for pair in shown for i in pair_relations(pairs, pair.a, pair.b)}
    for relation in graph.select(selection):
        if relation.id in wanted:
            wanted[relation.id].relations.append(relation)
    for pair in shown:
        pair.relations.sort(key=Relation.chronological_key)
    return Balance(listed, len(triangles), kept, actor, every, graph.names())


def _triangles(linked: dict[str, set[str]], around: str | None) -> list[tuple[str, str, str]]:
    """Every triangle of the undirected graph `linked` (those through `around`, if given), each
    as its three ids sorted."""
    found = []
    if around is not None:
        for b, c in combinations(sorted(linked.get(around, ())), 2):
            if c in linked[b]:
                found.append(tuple(sorted((around, b, c))))
        return found
    for a in sorted(linked):
        for b in sorted(x for x in linked[a] if x > a):
            for c in sorted(x for x in linked[a] & linked[b] if x > b):
                found.append((a, b, c))
    return found
