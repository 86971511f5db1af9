"""matrix: the net stance of every chosen actor towards every other, as a grid."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model import Actor
from .pairs import pair_stances

if TYPE_CHECKING:
    from ..graph import Graph
    from ..selection import Selection

DEFAULT_SIZE = 10


@dataclass
class Cell:
    """The stance of `source` towards `target` (zeros when no relation joins them)."""

    source: str
    target: str
    net: float = 0.0
    hostile: int = 0
    friendly: int = 0
    count: int = 0  # how many relations make the stance (0: none; the JSON leaves it out)

    def as_dict(self) -> dict:
        return {"source": self.source, "target": self.target, "net": round(self.net, 9) + 0.0,
                "hostile": self.hostile, "friendly": self.friendly}


@dataclass
class Matrix:
    actors: list[Actor]  # in display order: rows top to bottom, columns left to right
    cells: list[Cell]  # every ordered pair of different actors, row by row
    chosen: bool = False  # named by the user rather than the most connected
    _index: dict | None = field(default=None, init=False, repr=False, compare=False)

    def cell(self, source: str, target: str) -> Cell:
        if self._index is None:
            self._index = {(c.source, c.target): c for c in self.cells}
        return self._index[(source, target)]

    def as_dict(self) -> dict:
        return {"actors": [a.id for a in self.actors], "cells": [c.as_dict() for c in self.cells]}


def matrix(graph: Graph, selection: Selection, actors: list[Actor] | None = None,
           size: int = DEFAULT_SIZE) -> Matrix:
    """The stance grid among `actors` (in their order), or else among the `size` actors with
    the most selected relations, most first, ties by name."""
    if actors:
        seen: set[str] = set()
        for actor in actors:
            if actor.id in seen:
                raise UsageError(f"{actor.name} is named twice; name each actor once")
            seen.add(actor.id)
        if len(actors) < 2:
            raise UsageError("a matrix needs two actors or more")
        chosen = list(actors)
    else:
        # How many relations each actor has, counted by the store (as relation_counts would
        # count them from every pair), so that only the chosen actors' pairs are read.
        counts = graph.actor_counts(selection)
        ranked = sorted(counts, key=lambda i: (-counts[i], _by_name(graph.actor_by_id(i))))
        chosen = [graph.actor_by_id(i) for i in ranked[:size]]
    pairs = pair_stances(graph, selection, [actor.id for actor in chosen])
    cells = []
    for row in chosen:
        for column in chosen:
            if row.id == column.id:
                continue
            stance = pairs.get((row.id, column.id))
            cells.append(Cell(row.id, column.id, stance.net, stance.hostile, stance.friendly,
                              stance.count)
                         if stance else Cell(row.id, column.id))
    return Matrix(chosen, cells, bool(actors))


def _by_name(actor: Actor) -> tuple[str, str]:
    return (actor.name.casefold(), actor.id)
