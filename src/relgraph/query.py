"""Stance, timeline and profile queries; each returns plain data for a renderer to show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import UsageError
from .model import Actor, Relation

if TYPE_CHECKING:
    from .graph import Graph as RelGraph
    from .selection import Selection


@dataclass
class StanceRow:
    """How one actor stands towards another: relations from `actor` to the other actor.

    The counts and sums come from the store; the relations behind the row are read only when
    asked for (`relations`, --json), so that a hub's rows cost one grouped query.
    """

    actor: Actor
    hostile: int = 0
    friendly: int = 0
    net: float = 0.0
    hostility: float = 0.0  # sum of |weight| of the hostile relations
    warmth: float = 0.0  # sum of |weight| of the friendly relations
    counted: str = "hostile"  # which relations the row is about: "hostile" or "friendly"
    latest: Relation | None = None  # the counted relation that began last (dated first)
    # Reads the row's relations of one polarity, in file order (None: the row has none).
    fetch: Callable[[str], list[Relation]] | None = field(default=None, repr=False,
                                                          compare=False)

    @property
    def hostile_relations(self) -> list[Relation]:
        return self.fetch("hostile") if self.fetch and self.hostile else []

    @property
    def friendly_relations(self) -> list[Relation]:
        return self.fetch("friendly") if self.fetch and self.friendly else []

    @property
    def relations(self) -> list[Relation]:
        chosen = self.hostile_relations if self.counted == "hostile" else self.friendly_relations
        return sorted(chosen, key=Relation.chronological_key)

    @property
    def strength(self) -> float:
        """What the row is ranked by: hostility for who-opposes, warmth for who-supports."""
        return self.hostility if self.counted == "hostile" else self.warmth

    def as_dict(self) -> dict:
        return {
            "actor": self.actor.id,
            "name": self.actor.name,
            "hostile": self.hostile,
            "friendly": self.friendly,
            "net": round(self.net, 9),
            "relations": [r.as_dict() for r in self.relations],
        }


def stances(graph: RelGraph, actor: Actor, selection: Selection,
             towards: bool) -> dict[str, StanceRow]:
    """Stances between `actor` and each actor it has relations with, keyed by the other's id.

    towards=True: each other actor's stance towards `actor` (relations other -> actor);
    towards=False: `actor`'s stance towards each other actor (relations actor -> other).
    Mutual relations count in both directions. Summed by the store; sums are rounded to 9
    places, as the views' are, since SQL may add them in another order than the file's.
    """
    rows: dict[str, StanceRow] = {}
    for other, hostile, friendly, net, hostility, warmth in \
            graph.stance_sums(actor, selection, incoming=towards):
        source, target = (other, actor.id) if towards else (actor.id, other)
        rows[other] = StanceRow(graph.actor_by_id(other), hostile, friendly, _sum(net),
                                _sum(hostility), _sum(warmth),
                                fetch=_fetcher(graph, source, target, selection))
    return rows


def _sum(value: float) -> float:
    return round(value, 9) + 0.0  # + 0.0 turns -0.0 into 0.0


def _fetcher(graph: RelGraph, source: str, target: str, selection: Selection):
    """Reads the relations from `source` to `target` (mutual ones either way) of a polarity."""

    def fetch(polarity: str) -> list[Relation]:
        pair = graph.between(graph.actor_by_id(source), graph.actor_by_id(target), selection)
        return [r for r in pair if r.polarity == polarity and r.joins(source, target)]

    return fetch


def stance_rows(graph: RelGraph, target: Actor, polarity: str, selection: Selection,
                net_only: bool) -> list[StanceRow]:
    """who-opposes (polarity "hostile") or who-supports ("friendly") `target`, ranked."""
    rows = []
    for row in stances(graph, target, selection, towards=True).values():
        row.counted = polarity
        if polarity == "hostile":
            if row.hostile and (not net_only or row.net < 0):
                rows.append(row)
        elif row.friendly and (not net_only or row.net > 0):
            rows.append(row)
    rows.sort(key=lambda r: (-r.strength, r.actor.name.casefold(), r.actor.id))
    if rows:
        latest = graph.latest(target, selection, incoming=True, polarity=polarity)
        for row in rows:
            row.latest = latest.get(row.actor.id)
    return rows


def timeline(graph: RelGraph, actor: Actor, other: Actor | None,
             selection: Selection) -> list[Relation]:
    """Relations of `actor` (with `other` only, if given), oldest first, undated last."""
    if other is not None:
        relations = graph.between(actor, other, selection)
    else:
        relations = graph.touching(actor, selection)
    return sorted(relations, key=Relation.chronological_key)


@dataclass
class Counterpart:
    """Another actor joined to the profiled one, with the profiled actor's stance towards it."""

    actor: Actor
    hostile: int
    friendly: int
    net: float

    def as_dict(self) -> dict:
        return {"actor": self.actor.id, "name": self.actor.name, "hostile": self.hostile,
                "friendly": self.friendly, "net": round(self.net, 9)}


PER_TYPE = 10  # show lists the latest 10 relations of each type each way, then how many more


@dataclass
class Profile:
    """An actor's relations by type each way (how many, and the latest `per_type` of each)
    and its stance towards each counterpart. The whole lists (`outgoing`, `incoming`, and the
    JSON) are read from the store only when asked for."""

    actor: Actor
    counts: dict[str, dict[str, int]]  # {"outgoing": {type: n}, "incoming": {type: n}}
    latest: dict[str, list[Relation]]  # the latest per_type of each type each way, in order
    counterparts: list[Counterpart]
    names: dict[str, str] = field(default_factory=dict, repr=False)  # for showing relations
    per_type: int = PER_TYPE
    read: Callable[[bool], list[Relation]] | None = field(default=None, repr=False,
                                                          compare=False)

    @property
    def outgoing(self) -> list[Relation]:
        """Every relation from the actor (mutual ones too), chronological."""
        return self.read(False) if self.read else self.latest["outgoing"]

    @property
    def incoming(self) -> list[Relation]:
        """Every relation to the actor (mutual ones too), chronological."""
        return self.read(True) if self.read else self.latest["incoming"]

    def as_dict(self) -> dict:
        return {
            "actor": self.actor.as_dict(),
            "outgoing": [r.as_dict() for r in self.outgoing],
            "incoming": [r.as_dict() for r in self.incoming],
            "counterparts": [c.as_dict() for c in self.counterparts],
        }


def profile(graph: RelGraph, actor: Actor, selection: Selection,
            per_type: int = PER_TYPE) -> Profile:
    """An actor's relations out and in by type, and its stance towards each counterpart.

    The stance counts relations from `actor` to the counterpart, mutual ones in either
    direction included: the same numbers `who-opposes COUNTERPART` shows on `actor`'s row.
    A mutual relation runs both ways, so it is counted and listed both as outgoing and as
    incoming.
    """
    if per_type < 1:
        raise UsageError(f"limit must be 1 or more, not {per_type}", params=("limit",))
    counts = graph.type_counts(actor, selection)
    latest = {way: graph.newest_by_type(actor, selection, way == "outgoing", per_type)
              for way in ("outgoing", "incoming")}
    own = stances(graph, actor, selection, towards=False)
    counterparts = []
    for other_id in graph.neighbours(actor.id, selection):
        row = own.get(other_id) or StanceRow(graph.actor_by_id(other_id))
        counterparts.append(Counterpart(row.actor, row.hostile, row.friendly, row.net))
    counterparts.sort(key=lambda c: (c.net, c.actor.name.casefold(), c.actor.id))

    def read(incoming: bool) -> list[Relation]:
        return sorted(graph.towards(actor, selection, incoming), key=Relation.chronological_key)

    return Profile(actor, counts, latest, counterparts, graph.names(), per_type, read)
