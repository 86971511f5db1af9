"""Shell completion: actor labels, type names and relation ids, read from the compiled store."""

from __future__ import annotations


def actor_labels(data, incomplete: str) -> list[str]:
    """Ids, names and aliases that start with `incomplete` in any case, sorted. Both `Israel`
    and `israel` are offered: shells keep only the words that start with what was typed."""
    store = _store(data)
    if store is None:
        return []
    start = incomplete.casefold()
    labels = {label for actor in store.actors for label in (actor.id, actor.name, *actor.aliases)
              if label.casefold().startswith(start)}
    return sorted(labels, key=lambda label: (label.casefold(), label))


def type_names(data, incomplete: str) -> list[str]:
    store = _store(data)
    if store is None:
        return []
    return sorted(name for name in store.types if name.startswith(incomplete))


def relation_ids(data, incomplete: str) -> list[str]:
    """Relation ids that start with `incomplete`: ids are long, and typed to ask for one."""
    store = _store(data)
    return store.relation_ids(incomplete) if store is not None else []


def _store(data):
    from .cache import open_store
    from .errors import RelgraphError

    try:
        return open_store(data)
    except RelgraphError:
        return None  # a shell completing a word is no place for error messages
