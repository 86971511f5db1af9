"""What an export writes: the actors and relations picked from a graph, and the values every
format shares (layout weight, colour by polarity, the days a relation covers)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import UsageError
from ..graph import Graph as RelGraph
from ..model import Actor, Relation, RelationType, Source
from ..selection import ALL, Selection
from ..views.neighbours import distances

# Colours by polarity (the "category10" red, green and grey), as hex and as RGB.
COLOURS = {"hostile": "#d62728", "friendly": "#2ca02c", "neutral": "#7f7f7f"}

# Gephi drops an edge whose weight is 0 when it imports a file (its import report says the
# weight-zero edge is ignored). Neutral relations have weight 0, so their layout weight is this
# small positive number instead: the relation stays, and it barely pulls in a layout.
NEUTRAL_LAYOUT_WEIGHT = 0.1


@dataclass(frozen=True)
class View:
    """Actors (dataset order) and relations (file order) to export, with what picked them."""

    actors: list[Actor]
    relations: list[Relation]
    types: dict[str, RelationType]
    filters: dict[str, object] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)  # those the relations cite


def pick(graph: RelGraph, selection: Selection | None = None, actor: str | None = None,
         depth: int | None = None) -> View:
    """Every actor and the selected relations; or, with `actor`, its neighbourhood.

    The neighbourhood holds the actors within `depth` hops of `actor` (default 1), walking the
    selected relations in either direction, and the selected relations among them.
    """
    selection = selection if selection is not None else ALL
    if actor is None:
        if depth is not None:
            raise UsageError("depth needs actor: whose neighbourhood, how deep?",
                             params=("depth", "actor"))
        relations = graph.select(selection)
        return View(list(graph.actors), relations, graph.types, _filters(selection),
                    _cited(graph, relations))
    if depth is None:
        depth = 1
    if depth < 0:
        raise UsageError(f"depth must be 0 or more, not {depth}", params=("depth",))
    centre = graph.actor(actor)
    kept = set(distances(graph, centre, selection, depth))
    actors = [a for a in graph.actors if a.id in kept]
    relations = [r for r in graph.select(selection) if r.source in kept and r.target in kept]
    filters = {**_filters(selection), "actor": centre.id, "depth": depth}
    return View(actors, relations, graph.types, filters, _cited(graph, relations))


def _cited(graph: RelGraph, relations: list[Relation]) -> dict[str, Source]:
    return {r.ref: graph.sources[r.ref] for r in relations if r.ref in graph.sources}


def _filters(selection: Selection) -> dict[str, object]:
    window = selection.window
    return {
        "since": window.since.text if window.since else None,
        "until": window.until.text if window.until else None,
        "types": sorted(selection.types) if selection.types is not None else None,
    }


def layout_weight(relation: Relation) -> float:
    """The edge weight layouts use: the intensity |weight|, never 0 (see NEUTRAL_LAYOUT_WEIGHT)."""
    return abs(relation.weight) or NEUTRAL_LAYOUT_WEIGHT


def colour(relation: Relation) -> str:
    return COLOURS[relation.polarity]


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return (int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))


def number(value: float) -> str:
    """A float as XML and CSV readers parse it: 8.3, 5.0, 0.1 (never 'inf' or 'nan')."""
    return repr(float(value))


def start(relation: Relation) -> str | None:
    """The first day of the relation's span, ISO (YYYY-MM-DD); None when undated."""
    return relation.first_day.isoformat() if relation.first_day else None


def end(relation: Relation) -> str | None:
    """The last day of the relation's span, ISO; None when undated."""
    return relation.last_day.isoformat() if relation.last_day else None


def aliases(actor: Actor) -> str | None:
    return "; ".join(actor.aliases) if actor.aliases else None


def codes(actor: Actor) -> str | None:
    return "; ".join(actor.codes) if actor.codes else None


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def one_line_safe(value: str) -> str:
    """Label text for DOT and Mermaid: control characters shown as U+FFFD, tabs as spaces
    (line breaks are kept; each format writes them its own way)."""
    return _CONTROL.sub("\ufffd", value).replace("\t", " ")


# Every attribute of an actor and of a relation, as (name, XML Schema type, value), in the order
# GraphML declares them. GEXF writes a node's label and an edge's label, weight, start and end
# on the element itself, and the rest as attributes.
ACTOR_ATTRIBUTES: list[tuple[str, str, Callable[[Actor], object]]] = [
    ("label", "string", lambda a: a.name),
    ("kind", "string", lambda a: a.kind),
    ("aliases", "string", aliases),
    ("codes", "string", codes),
    ("description", "string", lambda a: a.description),
]
RELATION_ATTRIBUTES: list[tuple[str, str, Callable[[Relation], object]]] = [
    ("label", "string", lambda r: r.type),
    ("type", "string", lambda r: r.type),
    ("polarity", "string", lambda r: r.polarity),
    ("weight", "double", layout_weight),
    ("score", "double", lambda r: r.weight),
    ("date", "string", lambda r: r.date.text if r.date else None),
    ("until", "string", lambda r: r.until.text if r.until else None),
    ("start", "string", start),
    ("end", "string", end),
    ("mutual", "boolean", lambda r: r.mutual),
    ("summary", "string", lambda r: r.summary),
    ("quote", "string", lambda r: r.quote),
    ("ref", "string", lambda r: r.ref),
]
