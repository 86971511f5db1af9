"""The stance of every actor towards every other, from the selected relations, in one place.

matrix, balance and central read actor pairs only through `pair_stances`, so that a store
holding a table of actor pairs with summed weights can answer it without listing relations.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    count: int = 0  # how many relations make the stance


Pairs = dict[tuple[str, str], PairStance]


def pair_stances(graph: Graph, selection: Selection, among: list[str] | None = None) -> Pairs:
    """Every ordered pair of actors joined by a selected relation, with its stance (`among`:
    only the pairs of those actor ids).

    Summed by the store (a table of its own for the whole graph, one grouped query for a
    selection), so that a million relations never become Python objects here. Sums are
    rounded to 9 places: the order SQL adds them in may differ from file order in the last bit.
    """
    pairs: Pairs = {}
    for u, v, net, intensity, hostile, friendly, mutual, stored, count in \
            graph.pair_stances(selection, among):
        pairs[(u, v)] = PairStance(u, v, round(net, 9) + 0.0, round(intensity, 9) + 0.0,
                                   hostile, friendly, round(mutual, 9) + 0.0, stored, count)
    return pairs


def pair_sum(pairs: Pairs, a: str, b: str) -> float:
    """The sum of the weights of every relation between a and b, either way, each counted once
    (a mutual relation sits in both stances), rounded to 9 places so that 0.1 + 0.2 - 0.3 is 0."""
    ab, ba = pairs.get((a, b)), pairs.get((b, a))
    total = (ab.net if ab else 0.0) + (ba.net if ba else 0.0) - (ab.mutual if ab else 0.0)
    return round(total, 9) + 0.0  # + 0.0 turns -0.0 into 0.0


def relation_counts(pairs: Pairs) -> dict[str, int]:
    """How many selected relations each actor has at either end."""
    counts: dict[str, int] = {}
    for (a, b), stance in pairs.items():
        if stance.stored:
            counts[a] = counts.get(a, 0) + stance.stored
            counts[b] = counts.get(b, 0) + stance.stored
    return counts
