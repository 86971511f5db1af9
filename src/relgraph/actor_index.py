"""Find an actor by id, name or alias as people type them, and suggest near misses."""

from __future__ import annotations

import difflib

from .errors import AmbiguousActor, UnknownActor
from .model import Actor
from .names import fold, plain


class ActorIndex:
    """Finds an actor by id, name or alias compared as `names.fold` does (case, Unicode form,
    quotes, dashes, spaces); failing that, without accents when only one actor fits."""

    def __init__(self, actors: list[Actor]):
        self.actors = actors
        self._by_label: dict[str, Actor] = {}
        self._by_plain: dict[str, list[Actor]] = {}
        for actor in actors:
            for label in (actor.id, actor.name, *actor.aliases):
                self._by_label.setdefault(fold(label), actor)
                same = self._by_plain.setdefault(plain(label), [])
                if actor not in same:
                    same.append(actor)

    def resolve(self, query: str) -> Actor:
        actor = self._by_label.get(fold(query))
        if actor is not None:
            return actor
        candidates = self._by_plain.get(plain(query), [])
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            raise AmbiguousActor(query, [f"{a.name} ({a.id})" for a in candidates])
        raise UnknownActor(query, self.suggest(query))

    def suggest(self, query: str, n: int = 3) -> list[str]:
        """Names of the actors closest to `query`: the best match, and any about as close."""
        wanted = plain(query)
        scored = []
        for label, actors in self._by_plain.items():
            matcher = difflib.SequenceMatcher(None, wanted, label)
            if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
                ratio = matcher.ratio()
                if ratio >= 0.6:
                    scored.extend((-ratio, actor.name, label) for actor in actors)
        scored.sort()
        names: list[str] = []
        for negative, name, _ in scored:
            if -negative < -scored[0][0] - 0.05:
                break
            if name not in names:
                names.append(name)
        return names[:n]
