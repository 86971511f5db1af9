"""Match each side of an event to an actor, and make actors for unmatched sides on request.

Codes match ignoring case. An actor's `codes` are CAMEO country, actor or known-group codes;
its id, name and aliases are the labels the names in event files are matched against, as every
actor argument is (names.fold; failing that, without accents when only one actor fits).
"""

from __future__ import annotations

import functools
import hashlib
import re

from ..model import Actor
from ..names import fold, plain
from . import cameo, countries

_ID = re.compile(r"[A-Za-z0-9_-]+")


class ActorMatcher:
    """Finds the actor for one side of an event; with `make`, makes one when none matches.

    Sides are matched against the given actors only, never against actors made earlier in the
    import: which actor a side becomes depends on the side alone, not on the rows before it
    (an actor made for the country AFG must not swallow a later Taliban side, known group
    TAL). A made actor is found again by the code or name it is made from, so the same code
    or name gives the same actor all through an import; `made` lists them in the order made.
    """

    def __init__(self, actors: list[Actor], make: bool = False):
        self.actors = actors
        self.make = make
        self.made: list[Actor] = []
        self._made_by_id: dict[str, Actor] = {}
        self._by_code: dict[str, Actor] = {}
        self._by_label: dict[str, Actor] = {}
        self._by_plain: dict[str, list[Actor]] = {}
        for actor in actors:
            self._remember(actor)
        self._gdelt_seen: dict[tuple[str, str, str, str], Actor | None] = {}
        self._icews_seen: dict[tuple[str, str], Actor | None] = {}
        self._polecat_seen: dict[tuple[str, tuple[str, ...]], Actor | None] = {}
        self._acled_seen: dict[tuple[str, str], Actor | None] = {}

    def _remember(self, actor: Actor) -> None:
        for code in actor.codes:
            self._by_code.setdefault(code.casefold(), actor)
        for label in (actor.id, actor.name, *actor.aliases):
            self._by_label.setdefault(fold(label), actor)
            same = self._by_plain.setdefault(plain(label), [])
            if actor not in same:
                same.append(actor)

    # -- GDELT -----------------------------------------------------------------------------

    def gdelt(self, group: str, name: str, code: str, country: str) -> Actor | None:
        """Known-group code, then name, then full actor code, then country code; first wins."""
        key = (group, name, code, country)
        if key in self._gdelt_seen:
            return self._gdelt_seen[key]
        actor = (self._code(group) or self._label(name) or self._code(code)
                 or self._code(country))
        if actor is None and self.make:
            actor = self._from_code(group, "known group") if group else \
                self._from_code(country, "country") if country else None
        self._gdelt_seen[key] = actor
        return actor

    # -- ICEWS -----------------------------------------------------------------------------

    def icews(self, name: str, country: str) -> Actor | None:
        """The actor name against ids, names and aliases, then the country name."""
        key = (name, country)
        if key in self._icews_seen:
            return self._icews_seen[key]
        actor = self._label(name) or self._label(country)
        if actor is None and self.make:
            actor = self._from_name(country or name)
        self._icews_seen[key] = actor
        return actor

    # -- POLECAT ---------------------------------------------------------------------------

    def polecat(self, name: str, country_codes: tuple[str, ...]) -> Actor | None:
        """The name against ids, names and aliases; then the countries (ISO alpha-3), the
        first that matches, against codes, then against names and aliases. Made from the
        first country, else from the name."""
        key = (name, country_codes)
        if key in self._polecat_seen:
            return self._polecat_seen[key]
        codes = [countries.cameo_code(c) for c in country_codes]
        actor = self._label(name) or next(
            (a for c in codes if (a := self._code(c)) is not None), None) or next(
            (a for c in codes if (a := self._label(countries.country_name(c) or c))), None)
        if actor is None and self.make:
            actor = self._from_code(codes[0], "country") if codes else \
                self._from_name(name, "a POLECAT") if name else None
        self._polecat_seen[key] = actor
        return actor

    # -- ACLED -----------------------------------------------------------------------------

    def acled(self, name: str, state: str) -> Actor | None:
        """`state` is X of "Military Forces of X" and the like: matched as the state X, by its
        name and then its country code; any other actor by its name as written."""
        key = (name, state)
        if key in self._acled_seen:
            return self._acled_seen[key]
        if state:
            code = countries.code_of_name(state)
            actor = self._label(state) or (self._code(code) if code else None)
            if actor is None and self.make:
                actor = self._from_code(code, "country") if code else \
                    self._from_name(state, "an ACLED", kind="state")
        else:
            actor = self._label(name)
            if actor is None and self.make:
                actor = self._from_name(name, "an ACLED")
        self._acled_seen[key] = actor
        return actor

    # -- lookups and made actors -----------------------------------------------------------

    def _code(self, code: str) -> Actor | None:
        return self._by_code.get(code.casefold()) if code else None

    def _label(self, label: str) -> Actor | None:
        if not label:
            return None
        actor = self._by_label.get(fold(label))
        if actor is None:
            alike = self._by_plain.get(plain(label), [])
            actor = alike[0] if len(alike) == 1 else None  # several: match none of them
        return actor

    def _from_code(self, code: str, table: str) -> Actor:
        """The actor a CAMEO code stands for: id the code in lower case, name from the table."""
        code = code.upper()
        if table == "known group":
            name, kind = cameo.known_groups().get(code, code), "organization"
        else:
            name = countries.country_name(code) or code
            kind = "region" if code in cameo.REGION_CODES else "state"
        actor_id = code.lower() if _ID.fullmatch(code) else _hashed_id(code)
        existing = self._label(actor_id) or self._label(name)
        if existing is not None:
            return existing  # a made actor never takes an existing actor's id or name
        return self._add(_actor(actor_id, name, kind, (code,),
                                f"Made by relgraph's importer from the CAMEO {table} code {code}."))

    def _from_name(self, name: str, source: str = "an ICEWS", kind: str = "other") -> Actor:
        """A country or actor name: a CAMEO country or known group when the tables name it
        so (the same actor a GDELT import makes), else an actor of that name."""
        code = _codes_by_name().get(name.casefold()) or countries.code_of_name(name)
        if code is not None:
            country = code in cameo.countries() or code in countries.EXTRA_COUNTRIES
            return self._from_code(code, "country" if country else "known group")
        actor_id = cameo.slug(name)
        if not actor_id or actor_id.upper() in _cameo_codes():
            actor_id = _hashed_id(name)  # the id of a code's actor is the code's, not a name's
        existing = self._label(actor_id) or self._label(name)
        if existing is not None:
            return existing
        return self._add(_actor(actor_id, name, kind, (),
                                f"Made by relgraph's importer from {source} name."))

    def _add(self, actor: Actor) -> Actor:
        made = self._made_by_id.get(actor.id)
        if made is None:
            made = self._made_by_id[actor.id] = actor
            self.made.append(actor)
        return made


def _hashed_id(text: str) -> str:
    return "actor-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


@functools.cache
def _cameo_codes() -> frozenset[str]:
    return frozenset(cameo.countries()) | frozenset(cameo.known_groups())


@functools.cache
def _codes_by_name() -> dict[str, str]:
    names = {label.casefold(): code for code, label in cameo.known_groups().items()}
    names.update({label.casefold(): code for code, label in cameo.countries().items()})
    return names


def _actor(actor_id: str, name: str, kind: str, codes: tuple[str, ...],
           description: str) -> Actor:
    return Actor(id=actor_id, name=name, kind=kind, description=description, codes=codes)
