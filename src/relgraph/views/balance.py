"""balance: structural balance of the signed graph, triangle by triangle.

Each pair of actors joined by a selected relation (either way) gets the sign of the sum of the
weights of all those relations; a pair summing to zero has no sign. A triangle (three actors
whose three pairs have a sign) is balanced when the product of its signs is positive: the
friend of my friend is my friend, the enemy of my enemy is my friend.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model import Actor, Relation
from .pairs import pair_stances, pair_sum

if TYPE_CHECKING:
    from ..graph import Graph
    from ..selection import Selection

# Triangles listed at most without --limit: a dense graph has millions (500 actors all joined:
# 20.7 million), each listed with its pairs' relations, which no terminal or file wants and no
# memory holds; the counts are made without listing and cover every triangle either way.
MAX_LISTED = 100_000


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
            every: bool = False, limit: int | None = None) -> Balance:
    """The triangles of signed pairs (those containing `actor`, if given): how many are
    balanced, and the unbalanced ones (every one with `every`), strongest strain first; only
    the `limit` strongest, if given (the counts still cover every triangle)."""
    if limit is not None and limit < 1:
        raise UsageError(f"limit must be 1 or more, not {limit}", params=("limit",))
    pairs = pair_stances(graph, selection)
    signed: dict[tuple[str, str], SignedPair] = {}  # one per pair, shared by its triangles
    for a, b in pairs:
        key = (a, b) if a < b else (b, a)
        if key not in signed:
            total = pair_sum(pairs, *key)
            if total != 0:
                signed[key] = SignedPair(*key, total)
    total, kept, listing, trios = _census(signed, actor.id if actor else None, every)
    if limit is None and listing > MAX_LISTED:
        raise UsageError(f"{listing:,} triangles to list, more than {MAX_LISTED:,}; list the "
                         "strongest with --limit N (the counts still cover every triangle), "
                         "or narrow with --actor, --since/--until or --type", params=("limit",))

    def ranked(trio: tuple[str, str, str]) -> tuple[float, tuple[str, str, str]]:
        a, b, c = trio
        return (-round(abs(signed[(a, b)].sum) + abs(signed[(a, c)].sum)
                       + abs(signed[(b, c)].sum), 9), trio)

    # Only the triangles kept become objects: a dense graph has millions to choose from.
    chosen = heapq.nsmallest(limit, map(ranked, trios)) if limit else sorted(map(ranked, trios))
    listed = [Triangle((a, b, c), [signed[(a, b)], signed[(a, c)], signed[(b, c)]])
              for _, (a, b, c) in chosen]
    # The relations behind the listed pairs, each pair read by index.
    for pair in {pair for t in listed for pair in t.pairs}:
        joining = graph.between(graph.actor_by_id(pair.a), graph.actor_by_id(pair.b), selection)
        pair.relations = sorted(joining, key=Relation.chronological_key)
    return Balance(listed, total, kept, actor, every, graph.names())


def _census(signed: dict[tuple[str, str], SignedPair], around: str | None,
            every: bool) -> tuple[int, int, int, Iterator[tuple[str, str, str]]]:
    """How many triangles there are (through `around`, if given), how many are balanced, how
    many to list, and those: the unbalanced ones (every one with `every`), each as its three
    ids sorted, one at a time.

    Each actor's friends and foes are bit masks over the actors in id order, so that the third
    actors of all the triangles on a pair are counted at once, by sign: only the triangles to
    list are taken apart. A triangle x, y, z is balanced when sign(x, z) * sign(y, z) equals
    sign(x, y).
    """
    ids = sorted({end for key in signed for end in key})
    index = {actor: i for i, actor in enumerate(ids)}
    friends, foes = [0] * len(ids), [0] * len(ids)
    for (a, b), pair in signed.items():
        i, j = index[a], index[b]
        masks = friends if pair.sum > 0 else foes
        masks[i] |= 1 << j
        masks[j] |= 1 << i
    if around is None:
        edges = [(i, j) for i in range(len(ids)) for j in _bits(friends[i] | foes[i]) if j > i]
    elif around in index:
        x = index[around]
        edges = [(x, j) for j in _bits(friends[x] | foes[x])]
    else:
        edges = []
    total = kept = listing = 0
    listed: list[tuple[int, int, int]] = []  # (i, j, mask of the third actors to list)
    for i, j in edges:
        past = -1 << (j + 1)  # third actors after j only: each triangle once
        same = ((friends[i] & friends[j]) | (foes[i] & foes[j])) & past
        mixed = ((friends[i] & foes[j]) | (foes[i] & friends[j])) & past
        good, bad = (same, mixed) if friends[i] >> j & 1 else (mixed, same)
        total += good.bit_count() + bad.bit_count()
        kept += good.bit_count()
        wanted = good | bad if every else bad
        if wanted:
            listed.append((i, j, wanted))
            listing += wanted.bit_count()

    def trios() -> Iterator[tuple[str, str, str]]:
        for i, j, mask in listed:
            for k in _bits(mask):
                trio = (ids[i], ids[j], ids[k])
                yield trio if around is None else tuple(sorted(trio))

    return total, kept, listing, trios()


def _bits(mask: int):
    """The positions of the set bits of `mask`, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low
