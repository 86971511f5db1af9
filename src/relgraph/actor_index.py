"""Find an actor by id, name or alias, ignoring case, and suggest near misses."""

from __future__ import annotations

import difflib

from .errors import UnknownActor
from .model import Actor


class ActorIndex:
    """Finds an actor by id, name or alias, ignoring case, and suggests near misses."""

    def __init__(self, actors: list[Actor]):
        self.actors = actors
        self._by_label: dict[str, Actor] = {}
        for actor in actors:
            for label in (actor.id, actor.name, *actor.aliases):
                self._by_label.setdefault(label.casefold(), actor)

    def resolve(self, query: str) -> Actor:
        actor = self._by_label.get(query.strip().casefold())
        if actor is not None:
            return actor
        raise UnknownActor(query, self.suggest(query))

    def suggest(self, query: str, n: int = 3) -> list[str]:
        folded = query.strip().casefold()
        close = difflib.get_close_matches(folded, list(self._by_label), n=n * 3, cutoff=0.6)
        names: list[str] = []
        for label in close:
            name = self._by_label[label].name
            if name not in names:
                names.append(name)
        return names[:n]
