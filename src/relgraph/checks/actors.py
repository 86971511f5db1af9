"""Check the actors of one or more actors.yaml files; the same actor may be in several."""

from __future__ import annotations

import dataclasses
import re

from ..model import Actor
from ..names import fold
from ..yamlread import LineDict
from . import fields
from .fields import item_line, key_line, kind, short, shown
from .reporter import Reporter

ACTOR_FIELDS = {"id", "name", "kind", "aliases", "codes", "description"}
_ID = re.compile(r"[A-Za-z0-9_-]+")


@dataclasses.dataclass
class _Declared:
    """Where an actor, a label or a code was first declared."""

    actor_id: str
    what: str  # "id", "name", "alias" or "code"
    file: str
    line: int
    label: str = ""  # as written

    def place(self, file: str) -> str:
        """'line 8' in the same file, else 'FILE:8'."""
        return f"line {self.line}" if file == self.file else f"{self.file}:{self.line}"


class ActorChecker:
    """Checks actors file by file; an actor id met again in a later file is the same actor.

    `actors` are the usable actors in the order first met; `rejected` the folded labels of
    those that could not be used (a relation naming one is not reported again), and
    `complete` is False once a file's actors could not all be read.
    """

    def __init__(self) -> None:
        self.actors: list[Actor] = []
        self.complete = True
        self.rejected: set[str] = set()
        self._position: dict[str, int] = {}  # actor id -> index in self.actors
        self._declared: dict[str, _Declared] = {}  # actor id -> where (earlier files)
        self._labels: dict[str, _Declared] = {}  # folded label -> first owner (earlier files)
        self._codes: dict[str, _Declared] = {}  # folded code -> first owner (earlier files)

    def check_file(self, report: Reporter, doc: LineDict | None) -> None:
        """Check one actors.yaml (None: it could not be read, its problem is reported)."""
        if doc is None:
            self.complete = False
            return
        if not fields.top_keys(report, doc, {"actors"}, "actors"):
            self.complete = False
        if doc.get("actors") is not None and not isinstance(doc["actors"], list):
            self.complete = False
        entries = fields.listed(report, doc, "actors")
        seen: dict[str, _Declared] = {}  # folded label -> first owner in this file
        seen_codes: dict[str, _Declared] = {}
        for index, entry in enumerate(entries, start=1):
            if not isinstance(entry, LineDict):
                report.problem(item_line(entries, index - 1), (
                    f"actor #{index} is {kind(entry)}{shown(entry)}, not a mapping; write "
                    "each actor as '- id: ...' followed by 'name: ...' on the next line"))
                self._reject(entry)
                continue
            actor = self._actor(report, entry, index)
            if actor is None:
                self._reject(entry.get("id"), entry.get("name"), entry.get("aliases"))
                continue
            clash = self._labels_clash(report, entry, actor, seen)
            clash |= self._codes_clash(report, entry, actor, seen_codes)
            if clash:
                self._reject(actor.id, actor.name, list(actor.aliases))
            elif actor.id in self._position:
                self._merge(report, entry, actor)
            else:
                self._position[actor.id] = len(self.actors)
                self._declared[actor.id] = _Declared(actor.id, "id", report.file,
                                                     key_line(entry, "id"))
                self.actors.append(actor)
        for table, earlier in ((seen, self._labels), (seen_codes, self._codes)):
            for label, owner in table.items():
                earlier.setdefault(label, owner)

    def _labels_clash(self, report: Reporter, entry: LineDict, actor: Actor,
                      seen: dict[str, _Declared]) -> bool:
        """Report ids, names and aliases already taken; True if there was one."""
        labels = [("id", actor.id, key_line(entry, "id")),
                  ("name", actor.name, key_line(entry, "name"))]
        aliases = entry.get("aliases") or []
        labels += [("alias", alias, item_line(aliases, i, key_line(entry, "aliases")))
                   for i, alias in enumerate(actor.aliases)]
        own: set[str] = set()
        clash = False
        for what, label, line in labels:
            folded = fold(label)
            if folded in own:
                continue  # an actor may repeat its own name among its aliases
            own.add(folded)
            other = seen.get(folded)
            if other is None:
                earlier = self._labels.get(folded)
                if earlier is not None and earlier.actor_id != actor.id:
                    other = earlier  # another actor's, in an earlier folder
                else:
                    seen[folded] = _Declared(actor.id, what, report.file, line, label)
                    continue
            clash = True
            place = other.place(report.file)
            if what == other.what == "id" and other.file == report.file:
                report.problem(line, f"actor id {label!r} is used twice (first on {place}); "
                                     "give each actor its own id")
            elif label.casefold() == other.label.casefold():
                report.problem(line, (
                    f"actor {actor.id!r}: {what} {label!r} is already the {other.what} of "
                    f"actor {other.actor_id!r} ({place}); ids, names and aliases must be "
                    "unique, ignoring case"))
            else:  # alike once folded (names.fold): say how two labels can differ unseen
                report.problem(line, (
                    f"actor {actor.id!r}: {what} {label!r} reads the same as the {other.what} "
                    f"{other.label!r} of actor {other.actor_id!r} ({place}); ids, names and "
                    "aliases must be unique, ignoring case, accents composed or combined, "
                    "quote and dash styles and spacing"))
        return clash

    def _codes_clash(self, report: Reporter, entry: LineDict, actor: Actor,
                     seen_codes: dict[str, _Declared]) -> bool:
        """Report codes that belong to another actor; True if there was one."""
        codes = entry.get("codes") or []
        clash = False
        for i, code in enumerate(actor.codes):
            folded = code.casefold()
            line = item_line(codes, i, key_line(entry, "codes"))
            other = seen_codes.get(folded) or self._codes.get(folded)
            if other is not None and other.actor_id != actor.id:
                clash = True
                report.problem(line, (
                    f"actor {actor.id!r}: code {code!r} is already a code of actor "
                    f"{other.actor_id!r} ({other.place(report.file)}); codes must be unique, "
                    "ignoring case"))
            seen_codes.setdefault(folded, _Declared(actor.id, "code", report.file, line))
        return clash

    def _merge(self, report: Reporter, entry: LineDict, actor: Actor) -> None:
        """An actor declared in an earlier file again: same name and kind; join the rest."""
        position = self._position[actor.id]
        first = self.actors[position]
        where = self._declared[actor.id]
        for key, mine, theirs in (("name", actor.name, first.name),
                                  ("kind", actor.kind, first.kind)):
            if mine != theirs:
                report.problem(key_line(entry, key) if key in entry else entry.line, (
                    f"actor {actor.id!r}: {key} {mine!r} disagrees with {key} {theirs!r} in "
                    f"{where.file}:{where.line}; an actor in several folders has one name "
                    "and one kind"))
                self._reject(*actor.aliases)
                return
        self.actors[position] = dataclasses.replace(
            first, aliases=_joined(first.aliases, actor.aliases, {fold(first.name)}),
            codes=_joined(first.codes, actor.codes),
            description=first.description or actor.description)

    def _reject(self, *labels: object) -> None:
        """Remember the labels of an actor that could not be read."""
        for label in labels:
            for one in label if isinstance(label, list) else [label]:
                if isinstance(one, (str, int, float)) and not isinstance(one, bool):
                    self.rejected.add(fold(str(one)))

    def _actor(self, report: Reporter, entry: LineDict, index: int) -> Actor | None:
        raw_id = entry.get("id")
        where = f"actor {short(raw_id)}" if raw_id is not None else f"actor #{index}"
        fields.unknown_fields(report, entry, ACTOR_FIELDS, where)
        actor_id = fields.text(report, entry, "id", where, required=True)
        name = fields.text(report, entry, "name", where, required=True)
        actor_kind = fields.text(report, entry, "kind", where) or "other"
        description = fields.text(report, entry, "description", where)
        if actor_id is not None and not _ID.fullmatch(actor_id):
            report.problem(key_line(entry, "id"), (
                f"{where}: id may hold only letters, digits, '_' and '-'; "
                f"try {_slug(actor_id)!r}"))
            actor_id = None
        aliases = fields.labels(report, entry, "aliases", "alias", where)
        codes = fields.labels(report, entry, "codes", "code", where)
        if actor_id is None or name is None or aliases is None or codes is None:
            return None
        return Actor(actor_id, name, actor_kind, aliases, description, codes)


def _joined(first: tuple[str, ...], more: tuple[str, ...],
            skip: set[str] | None = None) -> tuple[str, ...]:
    """`first`, then those of `more` not already in it (compared as names.fold does)."""
    taken = set(skip or ()) | {fold(label) for label in first}
    joined = list(first)
    for label in more:
        if fold(label) not in taken:
            taken.add(fold(label))
            joined.append(label)
    return tuple(joined)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "actor-1"
