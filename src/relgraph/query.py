"""Stance, timeline and profile queries; each returns plain data for a renderer to show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import Actor, Relation

if TYPE_CHECKING:
    from .graph import Graph as RelGraph
    from .selection import Selection


@dataclass
class StanceRow:
    """How one actor stands towards another: relations from `actor` to the other actor."""

    actor: Actor
    hostile: int = 0
    friendly: int = 0
    net: float = 0.0
    hostility: float = 0.0  # sum of |weight| of the hostile relations
    warmth: float = 0.0  # sum of |weight| of the friendly relations
    hostile_relations: list[Relation] = field(default_factory=list)
    friendly_relations: list[Relation] = field(default_factory=list)
    counted: str = "hostile"  # which relations the row is about: "hostile" or "friendly"

    @property
    def relations(self) -> list[Relation]:
        chosen = self.hostile_relations if self.counted == "hostile" else self.friendly_relations
        return sorted(chosen, key=Relation.chronological_key)

    @property
    def strength(self) -> float:
        """What the row is ranked by: hostility for who-opposes, warmth for who-supports."""
        return self.hostility if self.counted == "hostile" else self.warmth

    @property
    def latest(self) -> Relation | None:
        dated = [r for r in self.relations if r.date is not None]
        return dated[-1] if dated else (self.relations[-1] if self.relations else None)

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
    Mutual relations count in both directions.
    """
    rows: dict[str, StanceRow] = {}
    for relation in graph.towards(actor, selection, incoming=towards):
        other = relation.source if relation.target == actor.id else relation.target
        # towards() reads only relations in the asked direction (and mutual ones): each counts.
        row = rows.get(other)
        if row is None:
            row = rows[other] = StanceRow(graph.actor_by_id(other))
        row.net += relation.weight
        if relation.is_hostile:
            row.hostile += 1
            row.hostility += abs(relation.weight)
            row.hostile_relations.append(relation)
        elif relation.is_friendly:
            row.friendly += 1
            row.warmth += abs(relation.weight)
            row.friendly_relations.append(relation)
    return rows


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


@dataclass
class Profile:
    actor: Actor
    outgoing: list[Relation]
    incoming: list[Relation]
    counterparts: list[Counterpart]
    names: dict[str, str] = field(default_factory=dict, repr=False)  # for showing relations

    def as_dict(self) -> dict:
        return {
            "actor": self.actor.as_dict(),
            "outgoing": [r.as_dict() for r in self.outgoing],
            "incoming": [r.as_dict() for r in self.incoming],
            "counterparts": [c.as_dict() for c in self.counterparts],
        }


def profile(graph: RelGraph, actor: Actor, selection: Selection) -> Profile:
    """An actor's relations out and in (chronological), and its stance towards each counterpart.

    The stance counts relations from `actor` to the counterpart, mutual ones in either
    direction included: the same numbers `who-opposes COUNTERPART` shows on `actor`'s row.
    """
    relations = sorted(graph.touching(actor, selection), key=Relation.chronological_key)
    # A mutual relation runs both ways, so it is listed both as outgoing and as incoming.
    outgoing = [r for r in relations if r.source == actor.id or r.mutual]
    incoming = [r for r in relations if r.target == actor.id or r.mutual]
    own = stances(graph, actor, selection, towards=False)
    others = {r.target if r.source == actor.id else r.source for r in relations}
    counterparts = []
    for other_id in others:
        row = own.get(other_id) or StanceRow(graph.actor_by_id(other_id))
        counterparts.append(Counterpart(row.actor, row.hostile, row.friendly, row.net))
    counterparts.sort(key=lambda c: (c.net, c.actor.name.casefold(), c.actor.id))
    return Profile(actor, outgoing, incoming, counterparts, graph.names())
