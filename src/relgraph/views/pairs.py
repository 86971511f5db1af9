"""The stance of every actor towards every other, from the selected relations, in one place.

matrix, balance and central read actor pairs only through `pair_stances`, so that a store
holding a table of actor pairs with summed weights can answer it without listing relations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..graph import Graph
    from ..selection import Selection


@dataclass
class PairStance:
    """The stance of `source` towards `target`: the relations from source to target plus the
    mutual ones between them (`Relation.joins`), as who-opposes counts them."""

    source: str
    target: str
    net: float = 0.0  # sum of the weights
    intensity: float = 0.0  # sum of |weight|
    hostile: int = 0
    friendly: int = 0
    mutual: float = 0.0  # the part of `net` from mutual relations (counted in both directions)
    stored: int = 0  # how many of them are written from source to target (each relation once)
    relations: list[str] = field(default_factory=list)  # ids, in file order


Pairs = dict[tuple[str, str], PairStance]


def pair_stances(graph: Graph, selection: Selection) -> Pairs:
    """Every ordered pair of actors joined by a selected relation, with its stance."""
    pairs: Pairs = {}
    for relation in graph.select(selection):
        for a, b in ((relation.source, relation.target), (relation.target, relation.source)):
            if not relation.joins(a, b):
                continue
            stance = pairs.get((a, b))
            if stance is None:
                stance = pairs[(a, b)] = PairStance(a, b)
            stance.net += relation.weight
            stance.intensity += abs(relation.weight)
            stance.hostile += relation.is_hostile
            stance.friendly += relation.is_friendly
            if relation.mutual:
                stance.mutual += relation.weight
            stance.stored += a == relation.source
            stance.relations.append(relation.id)
    return pairs


def pair_sum(pairs: Pairs, a: str, b: str) -> float:
    """The sum of the weights of every relation between a and b, either way, each counted once
    (a mutual relation sits in both stances), rounded to 9 places so that 0.1 + 0.2 - 0.3 is 0."""
    ab, ba = pairs.get((a, b)), pairs.get((b, a))
    total = (ab.net if ab else 0.0) + (ba.net if ba else 0.0) - (ab.mutual if ab else 0.0)
    return round(total, 9) + 0.0  # + 0.0 turns -0.0 into 0.0


def pair_relations(pairs: Pairs, a: str, b: str) -> list[str]:
    """The ids of every relation between a and b, either way, each once."""
    ab, ba = pairs.get((a, b)), pairs.get((b, a))
    return list(dict.fromkeys((ab.relations if ab else []) + (ba.relations if ba else [])))


def relation_counts(pairs: Pairs) -> dict[str, int]:
    """How many selected relations each actor has at either end."""
    counts: dict[str, int] = {}
    for (a, b), stance in pairs.items():
        if stance.stored:
            counts[a] = counts.get(a, 0) + stance.stored
            counts[b] = counts.get(b, 0) + stance.stored
    return counts
