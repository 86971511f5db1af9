"""What a command answers: plain result objects, each with `as_dict()` for --json.

`render.emit(result, as_json)` shows any of them: as JSON from `as_dict()`, or through the
renderer registered for its class. A new command adds a result class here (or beside its query)
and a renderer in a module of render/.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .model import Actor, Relation, RelationType, Source


@dataclass
class ActorList:
    actors: list[Actor]
    empty: str = "No actors in this dataset."

    def as_dict(self) -> list:
        return [actor.as_dict() for actor in self.actors]


@dataclass
class TypeList:
    types: list[RelationType]
    counts: dict[str, int]  # relations of each type in the selection

    def as_dict(self) -> list:
        return [rtype.as_dict() for rtype in self.types]


@dataclass
class Shown:
    """How much of each relation a listing shows beyond its row (JSON always has everything)."""

    full: bool = False  # the whole summary, however long; else what fits in two lines
    quotes: bool = False  # each relation's quote and where it comes from
    sources: dict[str, Source] = field(default_factory=dict)  # by key, for the quotes


@dataclass
class RelationList:
    """Relations in the order to show them; `names` maps every actor id they name to its name.

    `relations` may be a stream read from the store as it is shown (once): a hub's hundred
    thousand relations are written as they are read. With a limit, `total` says how many the
    listing has in all, so that the listing can say how many more there are.
    """

    relations: Iterable[Relation]
    names: dict[str, str]
    empty: str = "No relations match."
    shown: Shown = field(default_factory=Shown)
    limit: int | None = None
    total: int | None = None

    @property
    def more(self) -> int:
        """How many relations the limit leaves out."""
        return max(self.total - self.limit, 0) if self.limit is not None and self.total else 0

    def json_items(self) -> Iterator[dict]:
        return (relation.as_dict() for relation in self.relations)

    def as_dict(self) -> list:
        return list(self.json_items())


@dataclass
class RelationCard:
    """One relation in full: its actors, type, dates, summary, quote and the source quoted."""

    relation: Relation
    source: Actor
    target: Actor
    type: RelationType
    reference: Source | None  # the source its `ref` names, if any

    def as_dict(self) -> dict:
        """The relation in the JSON contract, with its actors' names and its source spelt out."""
        return {**self.relation.as_dict(), "source_name": self.source.name,
                "target_name": self.target.name,
                "reference": self.reference.as_dict() if self.reference else None}


@dataclass
class StanceList:
    """who-opposes (polarity "hostile") or who-supports ("friendly") an actor, ranked."""

    rows: list  # query.StanceRow
    target: Actor
    polarity: str
    empty: str
    more: int = 0  # rows left out by --limit

    def as_dict(self) -> list:
        return [row.as_dict() for row in self.rows]


@dataclass
class PathList:
    paths: list  # paths.Path
    names: dict[str, str]
    shown: Shown = field(default_factory=Shown)
    limit: int | None = None  # the relations listed for each hop, at most

    def as_dict(self) -> list:
        found = [path.as_dict() for path in self.paths]
        if self.limit is not None:
            for path in found:
                for hop in path["hops"]:
                    hop["relations"] = hop["relations"][:self.limit]
        return found


@dataclass
class Validation:
    """validate's report: the problems found, or the counts of a dataset that passed."""

    lines: list[str]  # what the report says, one line each
    problems: list = field(default_factory=list)  # errors.Problem

    def as_dict(self) -> list:
        return [problem.as_dict() for problem in self.problems]
