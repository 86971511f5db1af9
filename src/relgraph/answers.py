"""One function per query command: ask the graph, return a result object for `render.emit`."""

from __future__ import annotations

from .api import RelGraph
from .errors import DataError, UsageError
from .results import (
    ActorList,
    PathList,
    RelationCard,
    RelationList,
    Shown,
    StanceList,
    TypeList,
    Validation,
)
from .selection import Selection


def actors(graph: RelGraph, selection: Selection) -> ActorList:
    """Every actor; with a selection, those at either end of a selected relation."""
    if selection.is_all:
        return ActorList(list(graph.actors))
    active = {end for r in graph.select(selection) for end in (r.source, r.target)}
    return ActorList([a for a in graph.actors if a.id in active], "No actors match.")


def types(graph: RelGraph, selection: Selection) -> TypeList:
    """The relation types (those chosen, if any) and how many selected relations use each."""
    rows = [t for t in graph.types.values()
            if selection.types is None or t.name in selection.types]
    counts: dict[str, int] = {}
    for relation in graph.select(selection):
        counts[relation.type] = counts.get(relation.type, 0) + 1
    return TypeList(rows, counts)


def shown(graph: RelGraph, full: bool = False, quotes: bool = False) -> Shown:
    """What a listing shows of each relation: the whole summary, the quote and its source."""
    return Shown(full, quotes, graph.sources if quotes else {})


def relations(graph: RelGraph, selection: Selection, actor: str | None,
              between: tuple[str, str] | None, show: Shown | None = None,
              limit: int | None = None) -> RelationList:
    """The selected relations in file order, streamed from the store (the first `limit`)."""
    who = graph.actor(actor) if actor is not None else None
    pair = graph.pair(*between) if between is not None else None
    return _listing(graph, RelationList(
        graph.stream(selection, who, pair, limit=limit), graph.names(), shown=show or Shown()),
        selection, who, pair, limit)


def timeline(graph: RelGraph, actor: str, other: str | None, selection: Selection,
             show: Shown | None = None, limit: int | None = None) -> RelationList:
    """An actor's relations (or a pair's) in date order, streamed (the first `limit`)."""
    first, second = graph.pair(actor, other) if other else (graph.actor(actor), None)
    who, pair = (None, (first, second)) if second else (first, None)
    name = f"{first.name} and {second.name}" if second else first.name
    return _listing(graph, RelationList(
        graph.stream(selection, who, pair, chronological=True, limit=limit), graph.names(),
        f"No relations of {name} match.", show or Shown()), selection, who, pair, limit)


def _listing(graph: RelGraph, listing: RelationList, selection: Selection, actor, pair,
             limit: int | None) -> RelationList:
    """With a limit, the listing learns how many relations it has in all (one count)."""
    if limit is not None:
        if limit < 1:
            raise UsageError(f"limit must be 1 or more, not {limit}", params=("limit",))
        listing.limit = limit
        listing.total = graph.count(selection, actor, pair)
    return listing


def relation(graph: RelGraph, relation_id: str) -> RelationCard:
    """One relation in full, with the source its quote comes from."""
    found = graph.relation(relation_id)
    reference = graph.sources.get(found.ref) if found.ref else None
    return RelationCard(found, graph.actor_by_id(found.source), graph.actor_by_id(found.target),
                        graph.types[found.type], reference)


def stance(graph: RelGraph, actor: str, polarity: str, selection: Selection,
           net: bool, limit: int | None = None) -> StanceList:
    """who-opposes (polarity "hostile") or who-supports ("friendly") `actor`."""
    target = graph.actor(actor)
    if polarity == "hostile":
        rows = graph.who_opposes(target, selection, net)
        empty = f"No actor opposes {target.name}"
    else:
        rows = graph.who_supports(target, selection, net)
        empty = f"No actor supports {target.name}"
    listing = StanceList(rows, target, polarity, empty + (" on balance." if net else "."))
    if limit is not None:
        if limit < 1:
            raise UsageError(f"limit must be 1 or more, not {limit}", params=("limit",))
        listing.rows, listing.more = rows[:limit], max(len(rows) - limit, 0)
    return listing


def paths(graph: RelGraph, a: str, b: str, selection: Selection, show: Shown | None = None,
          limit: int | None = None, **how) -> PathList:
    """The paths; with `limit`, each hop lists only its first `limit` relations."""
    if limit is not None and limit < 1:
        raise UsageError(f"limit must be 1 or more, not {limit}", params=("limit",))
    return PathList(graph.path(a, b, selection, **how), graph.names(), show or Shown(), limit)


def validation(data: list[str] | str | None, cache: bool = True, progress=None,
               warn=None) -> Validation:
    """Check the dataset; the report lists every problem, or says what a valid one holds.

    A dataset compiled into the cache was checked then, and its files have not changed since.
    """
    from .cache import open_store
    from .dataset import default_data_dir, resolve_data_dirs

    folders = resolve_data_dirs(data)
    try:
        store = open_store(folders, use_cache=cache, progress=progress, warn=warn)
    except DataError as exc:
        return Validation(exc.lines(), exc.problems)
    shipped = default_data_dir()
    where = [("the data shipped with relgraph" if f == shipped else str(f)) for f in folders]
    return Validation([f"ok: {len(store.actors)} actors, {len(store.types)} types, "
                       f"{store.relation_count} relations in {_and(where)}"])


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
