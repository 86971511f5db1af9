"""What a command answers: plain result objects, each with `as_dict()` for --json.

`render.emit(result, as_json)` shows any of them: as JSON from `as_dict()`, or through the
renderer registered for its class. A new command adds a result class here (or beside its query)
and a renderer in render.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Actor, Relation, RelationType


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
class RelationList:
    """Relations in the order to show them; `names` maps every actor id they name to its name."""

    relations: list[Relation]
    names: dict[str, str]
    empty: str = "No relations match."
    timeline: bool = False  # a timeline shows each relation's summary; a listing its id

    def as_dict(self) -> list:
        return [relation.as_dict() for relation in self.relations]


@dataclass
class StanceList:
    """who-opposes (polarity "hostile") or who-supports ("friendly") an actor, ranked."""

    rows: list  # query.StanceRow
    target: Actor
    polarity: str
    empty: str

    def as_dict(self) -> list:
        return [row.as_dict() for row in self.rows]


@dataclass
class PathList:
    paths: list  # paths.Path
    names: dict[str, str]

    def as_dict(self) -> list:
        return [path.as_dict() for path in self.paths]


@dataclass
class Validation:
    """validate's report: the problems found, or the counts of a dataset that passed."""

    lines: list[str]  # what the report says, one line each
    problems: list = field(default_factory=list)  # errors.Problem

    def as_dict(self) -> list:
        return [problem.as_dict() for problem in self.problems]
