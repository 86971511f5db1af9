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
        """Names of the actors closest to `query`: the best match, and any about as close."""
        folded = query.strip().casefold()
        scored = []
        for label, actor in self._by_label.items():
            matcher = difflib.SequenceMatcher(None, folded, label)
            if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
                ratio = matcher.ratio()
                if ratio >= 0.6:
                    scored.append((-ratio, actor.name, label))
        scored.sort()
        names: list[str] = []
        for negative, name, _ in scored:
            if -negative < -scored[0][0] - 0.05:
                break
            if name not in names:
                names.append(name)
        return names[:n]
