"""Check a dataset folder against relgraph's data contract, collecting every problem.

Each problem names its file and line; the contract is docs/data-format.md.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from pathlib import Path

from .actor_index import ActorIndex
from .dates import PartialDate, parse_date
from .errors import Problem, UsageError, unknown_type
from .model import DEFAULT_WEIGHT, POLARITIES, Actor, Dataset, Relation, RelationType, Source
from .names import fold
from .yamlread import LineDict, YamlProblem, read_yaml

ACTORS_FILE = "actors.yaml"
RELATIONS_FILE = "relations.yaml"

MAX_PROBLEMS = 1000  # a file with more is most likely not relgraph data at all
_ID = re.compile(r"[A-Za-z0-9_-]+")
_ACTOR_FIELDS = {"id", "name", "kind", "aliases", "codes", "description"}
_TYPE_FIELDS = {"polarity", "weight", "description", "cameo"}
_SOURCE_FIELDS = {"title", "publisher", "date", "url"}
_RELATION_FIELDS = {"id", "source", "target", "type", "date", "until", "mutual", "weight",
                    "summary", "quote", "ref"}


class TooManyProblems(Exception):
    """Raised inside the checker once MAX_PROBLEMS problems are collected."""


class Checker:
    """Reads both files of a folder; `run()` returns what is usable, `problems` the rest."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: list[Problem] = []
        self.file = ""
        # What was declared but could not be used: a relation naming one of these is not
        # reported again (the declaration's own problem says what to fix).
        self.actors_complete = True
        self.rejected_actors: set[str] = set()  # folded ids, names and aliases (names.fold)
        self.types_complete = True
        self.rejected_types: set[str] = set()
        self.sources_complete = True
        self.rejected_sources: set[str] = set()

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems

    def run(self) -> Dataset:
        actors_doc = self._read(ACTORS_FILE)
        actors = self._actors(actors_doc) if actors_doc is not None else []
        relations_doc = self._read(RELATIONS_FILE)
        types: dict[str, RelationType] = {}
        sources: dict[str, Source] = {}
        relations: list[Relation] = []
        if relations_doc is not None:
            self._top_keys(relations_doc, {"types", "relations", "sources"}, "relations")
            sources = self._sources(relations_doc)
            types = self._types(relations_doc)
            relations = self._relations(relations_doc, actors, types, sources,
                                        actors_ok=actors_doc is not None and self.actors_complete)
        return Dataset(actors, types, sources, relations, self.folder)

    def read_actors(self, name: str = ACTORS_FILE) -> list[Actor]:
        """Only an actors file (what an importer matches event actors against)."""
        document = self._read(name)
        return self._actors(document) if document is not None else []

    # -- files ---------------------------------------------------------------------------

    def _read(self, name: str) -> LineDict | None:
        self.file = str(self.folder / name)
        try:
            document, problems = read_yaml(self.folder / name, self.file)
        except YamlProblem as exc:
            self.problems.append(exc.problem)
            return None
        for problem in problems:
            self.problem(problem.line, problem.message)
        if document is None:
            self.problem(0, f"file is empty; it needs a top-level mapping {_shape(name)}")
            return None
        if not isinstance(document, LineDict):
            self.problem(getattr(document, "line", 1), (
                f"the top level is {_kind(document)}{_shown(document)}, not a mapping; "
                f"start the file with {_shape(name)}"))
            return None
        return document

    def _top_keys(self, doc: LineDict, allowed: set[str], required: str) -> bool:
        """Report unknown top-level keys; False when the required one is missing."""
        self._unknown_fields(doc, allowed, None)
        if required not in doc:
            self.problem(doc.line, f"missing top-level key {required!r}")
            return False
        return True

    def _unknown_fields(self, entry: LineDict, allowed: set[str], where: str | None) -> None:
        """Report each key of `entry` not in `allowed`, with the closest known one."""
        noun = "field" if where else "top-level key"
        for key in entry:
            if key in allowed:
                continue
            guess = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f" (did you mean {guess[0]!r}?)" if guess else \
                f"; known {noun}s: {', '.join(sorted(allowed))}"
            prefix = f"{where}: " if where else ""
            self.problem(_key_line(entry, key),
                         f"{prefix}unknown {noun} {key!r}{hint}")

    def _list(self, doc: LineDict, key: str) -> list:
        value = doc.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(_key_line(doc, key),
                         f"{key!r} must be a list of entries, each starting with '- ', "
                         f"not {_kind(value)}{_shown(value)}")
            return []
        return value

    def _mapping(self, doc: LineDict, key: str) -> dict:
        value = doc.get(key)
        if value is None:
            return {}
        if not isinstance(value, LineDict):
            self.problem(_key_line(doc, key),
                         f"{key!r} must be a mapping of names to entries, "
                         f"not {_kind(value)}{_shown(value)}")
            return {}
        return value

    def _text(self, entry: LineDict, key: str, where: str, required: bool = False) -> str | None:
        value = entry.get(key)
        line = _key_line(entry, key)
        if value is None:
            if required and key in entry:
                self.problem(line, f"{where}: {key!r} is empty")
            elif required:
                self.problem(entry.line, f"{where}: missing required field {key!r}")
            return None
        if isinstance(value, bool):
            self.problem(line, f"{where}: {key!r} was read as {str(value).lower()} (YAML reads "
                               "yes, no, on and off so); write the text in quotes")
            return None
        if not isinstance(value, (str, int, float, dt.date)):
            self.problem(line, f"{where}: {key!r} must be text, not {_kind(value)}")
            return None
        text = str(value).strip() if not isinstance(value, str) else value.strip()
        if required and not text:
            self.problem(line, f"{where}: {key!r} is empty")
            return None
        return text

    # -- actors --------------------------------------------------------------------------

    def _actors(self, doc: LineDict) -> list[Actor]:
        if not self._top_keys(doc, {"actors"}, "actors"):
            self.actors_complete = False
        if doc.get("actors") is not None and not isinstance(doc["actors"], list):
            self.actors_complete = False
        entries = self._list(doc, "actors")
        actors: list[Actor] = []
        seen: dict[str, tuple[str, str, int, str]] = {}  # folded -> (actor id, what, line, label)
        seen_codes: dict[str, tuple[str, int]] = {}  # folded code -> (actor id, line)
        for index, entry in enumerate(entries, start=1):
            if not isinstance(entry, LineDict):
                self.problem(_item_line(entries, index - 1), (
                    f"actor #{index} is {_kind(entry)}{_shown(entry)}, not a mapping; write "
                    "each actor as '- id: ...' followed by 'name: ...' on the next line"))
                self._reject_actor(entry)
                continue
            actor = self._actor(entry, index)
            if actor is None:
                self._reject_actor(entry.get("id"), entry.get("name"), entry.get("aliases"))
                continue
            labels = [("id", actor.id, _key_line(entry, "id")),
                      ("name", actor.name, _key_line(entry, "name"))]
            aliases = entry.get("aliases") or []
            labels += [("alias", alias, _item_line(aliases, i, _key_line(entry, "aliases")))
                       for i, alias in enumerate(actor.aliases)]
            own: set[str] = set()
            clash = False
            for what, label, line in labels:
                folded = fold(label)
                if folded in own:
                    continue  # an actor may repeat its own name among its aliases
                own.add(folded)
                if folded not in seen:
                    seen[folded] = (actor.id, what, line, label)
                    continue
                clash = True
                other_id, other_what, other_line, other_label = seen[folded]
                if what == other_what == "id":
                    self.problem(line, f"actor id {label!r} is used twice (first on line "
                                       f"{other_line}); give each actor its own id")
                elif label.casefold() == other_label.casefold():
                    self.problem(line, (
                        f"actor {actor.id!r}: {what} {label!r} is already the {other_what} of "
                        f"actor {other_id!r} (line {other_line}); ids, names and aliases must "
                        "be unique, ignoring case"))
                else:  # alike once folded (names.fold): say how two labels can differ unseen
                    self.problem(line, (
                        f"actor {actor.id!r}: {what} {label!r} reads the same as the {other_what} "
                        f"{other_label!r} of actor {other_id!r} (line {other_line}); ids, names "
                        "and aliases must be unique, ignoring case, accents composed or "
                        "combined, quote and dash styles and spacing"))
            codes = entry.get("codes") or []
            for i, code in enumerate(actor.codes):
                folded = code.casefold()
                line = _item_line(codes, i, _key_line(entry, "codes"))
                if folded in seen_codes and seen_codes[folded][0] != actor.id:
                    clash = True
                    other_id, other_line = seen_codes[folded]
                    self.problem(line, (
                        f"actor {actor.id!r}: code {code!r} is already a code of actor "
                        f"{other_id!r} (line {other_line}); codes must be unique, ignoring case"))
                seen_codes.setdefault(folded, (actor.id, line))
            if clash:
                self._reject_actor(actor.id, actor.name, list(actor.aliases))
            else:
                actors.append(actor)
        return actors

    def _reject_actor(self, *labels: object) -> None:
        """Remember the labels of an actor that could not be read."""
        for label in labels:
            for one in label if isinstance(label, list) else [label]:
                if isinstance(one, (str, int, float)) and not isinstance(one, bool):
                    self.rejected_actors.add(fold(str(one)))

    def _actor(self, entry: LineDict, index: int) -> Actor | None:
        raw_id = entry.get("id")
        where = f"actor {_short(raw_id)}" if raw_id is not None else f"actor #{index}"
        self._unknown_fields(entry, _ACTOR_FIELDS, where)
        actor_id = self._text(entry, "id", where, required=True)
        name = self._text(entry, "name", where, required=True)
        kind = self._text(entry, "kind", where) or "other"
        description = self._text(entry, "description", where)
        if actor_id is not None and not _ID.fullmatch(actor_id):
            self.problem(_key_line(entry, "id"), (
                f"{where}: id may hold only letters, digits, '_' and '-'; "
                f"try {_slug(actor_id)!r}"))
            actor_id = None
        aliases = self._labels(entry, "aliases", "alias", where)
        codes = self._labels(entry, "codes", "code", where)
        if actor_id is None or name is None or aliases is None or codes is None:
            return None
        return Actor(actor_id, name, kind, aliases, description, codes)

    def _labels(self, entry: LineDict, key: str, noun: str,
                where: str) -> tuple[str, ...] | None:
        """A list of short texts (`aliases`, `codes`); None after reporting a problem."""
        value = entry.get(key)
        if value is None:
            return ()
        line = _key_line(entry, key)
        if isinstance(value, str):
            self.problem(line, f"{where}: {key!r} must be a list; write [{value}]")
            return None
        if not isinstance(value, list):
            self.problem(line, f"{where}: {key!r} must be a list, not {_kind(value)}")
            return None
        labels = []
        for i, label in enumerate(value):
            if isinstance(label, bool):
                self.problem(_item_line(value, i, line), (
                    f"{where}: an {noun} was read as {str(label).lower()} (YAML reads yes, no, "
                    f"on and off so); write the {noun} in quotes"))
                return None
            if not isinstance(label, (str, int, float)):
                self.problem(_item_line(value, i, line),
                             f"{where}: {noun} #{i + 1} must be text, not {_kind(label)}")
                return None
            if not str(label).strip():
                self.problem(_item_line(value, i, line), f"{where}: {noun} #{i + 1} is empty")
                return None
            labels.append(str(label).strip())
        return tuple(labels)

    # -- sources and types ---------------------------------------------------------------

    def _sources(self, doc: LineDict) -> dict[str, Source]:
        sources: dict[str, Source] = {}
        if doc.get("sources") is not None and not isinstance(doc["sources"], dict):
            self.sources_complete = False
        for key, entry in self._mapping(doc, "sources").items():
            line = self._section_key_line(doc, "sources", key)
            if not isinstance(entry, LineDict):
                self.problem(line, f"source {_short(key)}: must be a mapping of title, "
                                   f"publisher, date and url, not {_kind(entry)}")
                self.rejected_sources.add(str(key))
                continue
            where = f"source {_short(key)}"
            self._unknown_fields(entry, _SOURCE_FIELDS, where)
            date = self._date(entry, "date", where)
            sources[str(key)] = Source(
                str(key), self._text(entry, "title", where), self._text(entry, "publisher", where),
                date.text if date else None, self._text(entry, "url", where))
        return sources

    def _types(self, doc: LineDict) -> dict[str, RelationType]:
        types: dict[str, RelationType] = {}
        if "types" not in doc:
            self.problem(doc.line, "missing top-level key 'types' (a mapping from type name to "
                                   "its polarity and weight)")
            self.types_complete = False
        elif doc["types"] is not None and not isinstance(doc["types"], dict):
            self.types_complete = False  # its own problem says so; an empty `types:` is {}
        for name, entry in self._mapping(doc, "types").items():
            rtype = self._type(doc, name, entry)
            if rtype is None:
                self.rejected_types.add(str(name))
            else:
                types[str(name)] = rtype
        return types

    def _type(self, doc: LineDict, name: object, entry: object) -> RelationType | None:
        line = self._section_key_line(doc, "types", name)
        where = f"type {_short(name)}"
        if not isinstance(entry, LineDict):
            self.problem(line, f"{where}: must be a mapping with a polarity, not {_kind(entry)}")
            return None
        self._unknown_fields(entry, _TYPE_FIELDS, where)
        polarity = entry.get("polarity")
        if polarity is None:
            self.problem(self._section_key_line(doc, "types", name),
                         f"{where}: missing required field 'polarity' "
                         f"({', '.join(POLARITIES)})")
            return None
        if polarity not in POLARITIES:
            self.problem(_key_line(entry, "polarity"),
                         f"{where}: polarity {_short(polarity)} must be one of "
                         f"{', '.join(POLARITIES)}")
            return None
        weight = self._weight(entry, polarity, where)
        cameo = self._text(entry, "cameo", where)
        description = self._text(entry, "description", where)
        if weight is None:
            return None
        return RelationType(str(name), polarity, weight, description, cameo)

    def _weight(self, entry: LineDict, polarity: str, where: str) -> float | None:
        """The entry's weight, or its polarity's default; None (after a problem) when bad."""
        value = entry.get("weight")
        if value is None:
            return DEFAULT_WEIGHT[polarity]
        line = _key_line(entry, "weight")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                (isinstance(value, float) and math.isnan(value)):
            self.problem(line, f"{where}: weight {_short(value)} must be a number in [-10, 10]")
            return None
        if not -10 <= value <= 10:  # compared exactly: a huge int never becomes a float here
            self.problem(line, f"{where}: weight {_short(value)} is out of range; use a number "
                               "in [-10, 10]")
            return None
        wrong = (polarity == "hostile" and value >= 0) or \
            (polarity == "friendly" and value <= 0) or (polarity == "neutral" and value != 0)
        if wrong:
            rule = {"hostile": "below 0", "friendly": "above 0", "neutral": "0"}[polarity]
            self.problem(line, f"{where}: weight {value} disagrees with polarity {polarity}; "
                               f"a {polarity} weight must be {rule}")
            return None
        return float(value)

    def _date(self, entry: LineDict, key: str, where: str) -> PartialDate | None:
        value = entry.get(key)
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.problem(_key_line(entry, key), f"{where}: {key} {exc}")
            return None

    @staticmethod
    def _section_key_line(doc: LineDict, section: str, key: object) -> int:
        mapping = doc.get(section)
        return _key_line(mapping, key) if isinstance(mapping, LineDict) else doc.line

    # -- relations -----------------------------------------------------------------------

    def _relations(self, doc: LineDict, actors: list[Actor], types: dict[str, RelationType],
                   sources: dict[str, Source], actors_ok: bool) -> list[Relation]:
        index = ActorIndex(actors)
        entries = self._list(doc, "relations")
        explicit = {str(e["id"]) for e in entries
                    if isinstance(e, LineDict) and e.get("id") is not None}
        seen_ids: dict[str, int] = {}
        made_up: dict[str, int] = {}
        relations: list[Relation] = []
        for number, entry in enumerate(entries, start=1):
            if not isinstance(entry, LineDict):
                self.problem(_item_line(entries, number - 1), (
                    f"relation #{number} is {_kind(entry)}{_shown(entry)}, not a mapping; "
                    "write each relation as '- source: ...' followed by 'target: ...' and "
                    "'type: ...' on the next lines"))
                continue
            where = f"relation {_short(entry['id'])}" if entry.get("id") is not None \
                else f"relation #{number}"
            self._unknown_fields(entry, _RELATION_FIELDS, where)
            source = self._endpoint(entry, "source", where, index, actors_ok)
            target = self._endpoint(entry, "target", where, index, actors_ok)
            rtype = self._relation_type(entry, where, types)
            date = self._date(entry, "date", where)
            until = self._date(entry, "until", where)
            ok = None not in (source, target, rtype)
            ok &= self._dates_agree(entry, where, date, until)
            if source is not None and source == target:
                self.problem(_key_line(entry, "target"), (
                    f"{where}: source and target are both {source!r}; a relation joins two "
                    "different actors"))
                ok = False
            weight = self._weight(entry, rtype.polarity, where) if rtype else None
            if rtype and entry.get("weight") is None:  # absent or empty: the type's weight
                weight = rtype.weight
            mutual = entry.get("mutual", False)
            if not isinstance(mutual, bool):
                self.problem(_key_line(entry, "mutual"),
                             f"{where}: mutual must be true or false, not {_short(mutual)}")
                ok = False
            ref = self._text(entry, "ref", where)
            if ref is not None and ref not in sources and self.sources_complete \
                    and ref not in self.rejected_sources:
                known = ", ".join(sorted(sources)) or "none are declared"
                self.problem(_key_line(entry, "ref"),
                             f"{where}: ref {ref!r} names no source (sources: {known})")
                ok = False
            rel_id = self._relation_id(entry, where, seen_ids)
            summary = self._text(entry, "summary", where)
            quote = self._text(entry, "quote", where)
            if not ok or weight is None or rel_id is False:
                continue
            if rel_id is None:
                base = "-".join([source, rtype.name, target] + ([date.text] if date else []))
                rel_id = _unique_id(base, explicit, made_up)
            relations.append(Relation(
                rel_id, source, target, rtype.name, rtype.polarity, weight, date, until,
                mutual, summary, quote, ref, order=number))
        return relations

    def _endpoint(self, entry: LineDict, key: str, where: str, index: ActorIndex,
                  actors_ok: bool) -> str | None:
        value = self._text(entry, key, where, required=True)
        if value is None or not actors_ok:
            return None
        try:
            return index.resolve(value).id
        except UsageError as exc:
            if fold(value) not in self.rejected_actors:
                self.problem(_key_line(entry, key), f"{where}: {exc}")
            return None

    def _relation_type(self, entry: LineDict, where: str,
                       types: dict[str, RelationType]) -> RelationType | None:
        name = self._text(entry, "type", where, required=True)
        if name is None:
            return None
        if name in types:
            return types[name]
        if not self.types_complete or name in self.rejected_types:
            return None  # the type's own problem is reported where it is declared
        self.problem(_key_line(entry, "type"),
                     f"{where}: " + unknown_type(name, list(types), "; declare it under 'types'"))
        return None

    def _dates_agree(self, entry: LineDict, where: str, date: PartialDate | None,
                     until: PartialDate | None) -> bool:
        if entry.get("date") is not None and date is None:
            return False
        if entry.get("until") is not None and until is None:
            return False
        line = _key_line(entry, "until")
        if until is not None and date is None:
            self.problem(line, f"{where}: 'until' without 'date'; add the date it started")
            return False
        if date is not None and until is not None and until.last < date.first:
            self.problem(line, f"{where}: until {until} is before date {date}; "
                               "correct one of them")
            return False
        return True

    def _relation_id(self, entry: LineDict, where: str, seen: dict[str, int]) -> str | None:
        """The explicit id, None when there is none, False when it is bad or repeated."""
        value = entry.get("id")
        if value is None:
            return None
        rel_id = self._text(entry, "id", where, required=True)
        if rel_id is None:
            return False
        line = _key_line(entry, "id")
        if rel_id in seen:
            self.problem(line, f"relation id {rel_id!r} is used twice (first on line "
                               f"{seen[rel_id]}); give each relation its own id")
            return False
        seen[rel_id] = line
        return rel_id


def _unique_id(base: str, taken: set[str], made_up: dict[str, int]) -> str:
    """`base`, or `base-2`, `base-3`... : the first not taken by an explicit or earlier id."""
    count = made_up.get(base, 0)
    while True:
        count += 1
        candidate = base if count == 1 else f"{base}-{count}"
        if candidate not in taken:
            made_up[base] = count
            taken.add(candidate)
            return candidate


def _kind(value: object) -> str:
    """What a YAML value is, in words for a message: 'a list', 'text', 'a number'..."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, bytes):
        return "binary data"
    return f"a {type(value).__name__}"  # set, tuple: other standard YAML tags


def _short(value: object, limit: int = 40) -> str:
    """repr(value), cut short for a message."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return text[: limit - 4] + "..." + (text[-1] if isinstance(value, str) else "")


def _shown(value: object) -> str:
    """' (the value)' for a plain value, '' for a collection or nothing."""
    if value is None or isinstance(value, (dict, list, set, tuple, bytes)):
        return ""
    return f" ({_short(value)})"


def _key_line(entry: LineDict, key: object) -> int:
    """The line of `key` in a mapping read from YAML, else the mapping's own line."""
    return entry.key_lines.get(key, entry.line)


def _item_line(items: object, index: int, default: int = 0) -> int:
    """The line of item `index` of a list read from YAML, else `default`."""
    lines = getattr(items, "item_lines", None)
    if lines and 0 <= index < len(lines):
        return lines[index]
    return getattr(items, "line", default) or default


def _shape(name: str) -> str:
    return "'actors:'" if name == ACTORS_FILE else "'types:' and 'relations:'"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "actor-1"
