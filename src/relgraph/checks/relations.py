"""Check relations one at a time, whatever file they come from, against the actors, types
and sources already checked.

Most relations are well formed, and a million of them must check in seconds: each first goes
through a lean path that accepts only values it can take as they are, and anything else goes
to the careful path, which says what is wrong (and is the reference for what is right: the
tests check that both give the same relations and problems).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable

from ..actor_index import ActorIndex
from ..dates import PartialDate, parse_date
from ..errors import UsageError, unknown_type
from ..model import Relation
from ..names import fold
from ..yamlread import LineDict
from . import fields
from .actors import ActorChecker
from .fields import item_line, key_line, kind, short, shown
from .made_up_ids import MadeUpIds, base_id, ids_ahead
from .reporter import Reporter
from .vocabulary import VocabularyChecker

RELATION_FIELDS = frozenset({"id", "source", "target", "type", "date", "until", "mutual",
                             "weight", "summary", "quote", "ref"})
_CACHE_LIMIT = 200_000  # distinct endpoints and dates remembered for the lean path


class Record(LineDict):
    """A relation read from JSON Lines or CSV: every field is on the record's line."""

    key_lines: dict = {}  # never written: no field has a line of its own

    def __init__(self, values: dict, line: int):
        super().__init__(values)
        self.line = line


class RelationChecker:
    """Checks relations in file order, handing each good one to `on_relation`; remembers only
    what the checks need (the ids taken). `tick(relations)` is called every `every` relations
    handed on."""

    lean = True  # the lean path may be turned off: the tests compare both paths

    def __init__(self, actors: ActorChecker, vocabulary: VocabularyChecker,
                 on_relation: Callable[[Relation], None],
                 tick: Callable[[int], None], every: int, kept: bool = False):
        self.on_relation = on_relation
        self._make = _compact_relation if kept else _relation  # memory first when kept
        self.tick = tick
        self.every = every
        self.handed = 0  # relations handed on
        self.index = ActorIndex(actors.actors)
        self.actors_ok = actors.complete
        self.rejected_actors = actors.rejected
        self.vocabulary = vocabulary
        self.types = vocabulary.types
        self.sources = vocabulary.sources
        self.ids = RelationIds()
        self.count = 0  # relations met, in every file: a relation's order
        self.made_up = MadeUpIds(self.ids.where)
        # Names the lean path may take as written: those a careful read (which strips
        # spaces from the ends) would find too.
        self._plain_types = {k: v for k, v in self.types.items() if k == k.strip()}
        self._plain_sources = {k for k in self.sources if k == k.strip()}
        self._ends: dict[str, str] = {}  # a source or target as written -> actor id
        self._dates: dict[object, PartialDate] = {}  # a date as written -> the date

    # -- a YAML list ----------------------------------------------------------------------

    def check_yaml(self, report: Reporter, doc: LineDict) -> None:
        """Check the `relations` list of a relations.yaml."""
        entries = fields.listed(report, doc, "relations")
        explicit = ids_ahead(entries)
        file = self.ids.file_number(report.file)
        for number, entry in enumerate(entries, start=1):
            self.count += 1
            if not isinstance(entry, LineDict):
                report.problem(item_line(entries, number - 1), (
                    f"relation #{number} is {kind(entry)}{shown(entry)}, not a mapping; "
                    "write each relation as '- source: ...' followed by 'target: ...' and "
                    "'type: ...' on the next lines"))
                continue
            relation = self.lean and self._lean(entry, file, key_line(entry, "id"), explicit) \
                or self._careful(report, entry, number, file, explicit)
            if relation is not None:
                self._hand_on(relation)

    def _hand_on(self, relation: Relation) -> None:
        self.on_relation(relation)
        self.handed += 1
        if not self.handed % self.every:
            self.tick(self.handed)

    # -- records of JSON Lines or CSV -----------------------------------------------------

    def check_records(self, report: Reporter, records: Iterable[tuple[int, dict]],
                      file: int | None = None, first: int = 1) -> None:
        """Check the (line, record) pairs of one file; a record is a plain dict whose fields
        are all on its line. The loop a million relations go through: kept lean. `file` and
        `first` (the number of the first record) continue a file begun elsewhere."""
        file = self.ids.file_number(report.file) if file is None else file
        lean = self._lean if self.lean else lambda *args: None
        careful = self._careful
        on_relation = self.on_relation
        handed = self.handed
        every = self.every
        try:
            for number, (line, values) in enumerate(records, start=first):
                self.count += 1
                relation = lean(values, file, line, None) or \
                    careful(report, Record(values, line), number, file, None)
                if relation is not None:
                    on_relation(relation)
                    handed += 1
                    if not handed % every:
                        self.tick(handed)
        finally:
            self.handed = handed

    # -- the lean path --------------------------------------------------------------------

    def _lean(self, entry: dict, file: int, id_line: int,
              explicit: set[str] | None) -> Relation | None:
        """The relation when every value is plainly right; None to take the careful path.

        Changes nothing unless it returns a relation, so the careful path starts afresh. The
        tables it looks values up in hold text keys only, so a value of another type (a number
        or a list where text belongs) is never found there and goes the careful way.
        """
        if not self.actors_ok or not entry.keys() <= RELATION_FIELDS:
            return None
        get = entry.get
        ends = self._ends
        try:
            source = ends[get("source")]
            target = ends[get("target")]
            rtype = self._plain_types[get("type")]
            raw = get("date")
            date = None if raw is None else self._dates[raw]
            raw = get("until")
            until = None if raw is None else self._dates[raw]
        except KeyError:
            if self._learn(entry):  # an actor name or a date seen for the first time
                return self._lean(entry, file, id_line, explicit)
            return None
        except TypeError:  # a list or a mapping: not hashable, never plainly right
            return None
        if source == target or (until is not None and (
                date is None or until.last < date.first)):
            return None
        raw = get("weight")
        if raw is None:
            weight = rtype.weight
        elif type(raw) in (int, float) and -10 <= raw <= 10 and \
                fields.agrees(rtype.polarity, raw):  # NaN fails every comparison
            weight = float(raw)
        else:
            return None
        mutual = get("mutual", False)
        summary = get("summary")
        quote = get("quote")
        ref = get("ref")
        if type(mutual) is not bool or not (summary is None or type(summary) is str) or \
                not (quote is None or type(quote) is str) or \
                not (ref is None or (type(ref) is str and ref in self._plain_sources)):
            return None
        rel_id = get("id")
        taken = self.ids.where
        if rel_id is None:
            rel_id = self.made_up.make(base_id(source, rtype.name, target, date and date.text),
                                       explicit)
            taken[rel_id] = (id_line << 21) | (file << 1) | 1
        elif type(rel_id) is str and rel_id not in taken and rel_id == rel_id.strip() and rel_id:
            taken[rel_id] = (id_line << 21) | (file << 1)
        else:
            return None
        return self._make(rel_id, source, target, rtype.name, rtype.polarity, weight, date,
                          until, mutual, summary and summary.strip(),
                          quote and quote.strip(), ref, self.count)

    def _learn(self, entry: dict) -> bool:
        """Remember the actors and dates of `entry` that resolve; True if one was new."""
        learnt = False
        for key in ("source", "target"):
            raw = entry.get(key)
            if type(raw) is str and raw not in self._ends and len(self._ends) < _CACHE_LIMIT:
                try:
                    self._ends[raw] = self.index.resolve(raw).id
                    learnt = True
                except UsageError:
                    pass
        for key in ("date", "until"):
            # Text, or a date as YAML reads 2023-10-17; never a number (2023 would be found
            # for 2023.0, which is no date).
            raw = entry.get(key)
            if type(raw) in (str, dt.date) and raw not in self._dates and \
                    len(self._dates) < _CACHE_LIMIT:
                try:
                    self._dates[raw] = parse_date(raw)
                    learnt = True
                except ValueError:
                    pass
        return learnt

    # -- the careful path: every problem, with its line and fix ---------------------------

    def _careful(self, report: Reporter, entry: LineDict, number: int, file: int,
                 explicit: set[str] | None) -> Relation | None:
        where = f"relation {short(entry['id'])}" if entry.get("id") is not None \
            else f"relation #{number}"
        fields.unknown_fields(report, entry, RELATION_FIELDS, where)
        source = self._endpoint(report, entry, "source", where)
        target = self._endpoint(report, entry, "target", where)
        rtype = self._relation_type(report, entry, where)
        date = fields.date(report, entry, "date", where)
        until = fields.date(report, entry, "until", where)
        ok = None not in (source, target, rtype)
        ok &= self._dates_agree(report, entry, where, date, until)
        if source is not None and source == target:
            report.problem(key_line(entry, "target"), (
                f"{where}: source and target are both {source!r}; a relation joins two "
                "different actors"))
            ok = False
        weight = fields.weight(report, entry, rtype.polarity, where) if rtype else None
        if rtype and entry.get("weight") is None:  # absent or empty: the type's weight
            weight = rtype.weight
        mutual = entry.get("mutual", False)
        if not isinstance(mutual, bool):
            report.problem(key_line(entry, "mutual"),
                           f"{where}: mutual must be true or false, not {short(mutual)}")
            ok = False
        ref = fields.text(report, entry, "ref", where)
        if ref is not None and ref not in self.sources and self.vocabulary.sources_complete \
                and ref not in self.vocabulary.rejected_sources:
            known = ", ".join(sorted(self.sources)) or "none are declared"
            report.problem(key_line(entry, "ref"),
                           f"{where}: ref {ref!r} names no source (sources: {known})")
            ok = False
        rel_id = self._relation_id(report, entry, where, file)
        summary = fields.text(report, entry, "summary", where)
        quote = fields.text(report, entry, "quote", where)
        if not ok or weight is None or rel_id is False:
            return None
        if rel_id is None:
            rel_id = self.made_up.make(base_id(source, rtype.name, target,
                                               date and date.text), explicit)
            self.ids.add(rel_id, file, key_line(entry, "id"), made_up=True)
        return Relation(rel_id, source, target, rtype.name, rtype.polarity, weight, date, until,
                        mutual, summary, quote, ref, order=self.count)

    def _endpoint(self, report: Reporter, entry: LineDict, key: str, where: str) -> str | None:
        value = fields.text(report, entry, key, where, required=True)
        if value is None or not self.actors_ok:
            return None
        try:
            return self.index.resolve(value).id
        except UsageError as exc:
            if fold(value) not in self.rejected_actors:
                report.problem(key_line(entry, key), f"{where}: {exc}")
            return None

    def _relation_type(self, report: Reporter, entry: LineDict, where: str):
        name = fields.text(report, entry, "type", where, required=True)
        if name is None:
            return None
        if name in self.types:
            return self.types[name]
        if not self.vocabulary.types_complete or name in self.vocabulary.rejected_types:
            return None  # the type's own problem is reported where it is declared
        report.problem(key_line(entry, "type"), f"{where}: " + unknown_type(
            name, list(self.types), "; declare it under 'types'"))
        return None

    @staticmethod
    def _dates_agree(report: Reporter, entry: LineDict, where: str, date: PartialDate | None,
                     until: PartialDate | None) -> bool:
        if entry.get("date") is not None and date is None:
            return False
        if entry.get("until") is not None and until is None:
            return False
        line = key_line(entry, "until")
        if until is not None and date is None:
            report.problem(line, f"{where}: 'until' without 'date'; add the date it started")
            return False
        if date is not None and until is not None and until.last < date.first:
            report.problem(line, f"{where}: until {until} is before date {date}; "
                                 "correct one of them")
            return False
        return True

    def _relation_id(self, report: Reporter, entry: LineDict, where: str,
                     file: int) -> str | None:
        """The explicit id, None when there is none, False when it is bad or repeated."""
        if entry.get("id") is None:
            return None
        rel_id = fields.text(report, entry, "id", where, required=True)
        if rel_id is None:
            return False
        line = key_line(entry, "id")
        if rel_id in self.ids:
            report.problem(line, self.ids.taken(rel_id, report.file))
            return False
        self.ids.add(rel_id, file, line)
        return rel_id


_FIELDS = ("id", "source", "target", "type", "polarity", "weight", "date", "until", "mutual",
           "summary", "quote", "ref", "order")


def _fast_relation():
    """Relation(...) for values already checked, without the frozen dataclass's
    object.__setattr__ for each field: 0.8 us instead of 1.6 (a second a million relations),
    for relations handed on and dropped: each takes 288 bytes instead of 224 while it lives.
    Relation itself if it has changed in any way such a shortcut would miss."""
    if tuple(field.name for field in dataclasses.fields(Relation)) != _FIELDS or \
            hasattr(Relation, "__post_init__") or hasattr(Relation, "__slots__"):
        return _compact_relation
    new = object.__new__

    def make(id, source, target, type, polarity, weight, date, until, mutual,
             summary, quote, ref, order) -> Relation:
        relation = new(Relation)
        relation.__dict__.update(
            id=id, source=source, target=target, type=type, polarity=polarity, weight=weight,
            date=date, until=until, mutual=mutual, summary=summary, quote=quote, ref=ref,
            order=order)
        return relation

    return make


def _compact_relation(*values) -> Relation:
    """Relation(...) through its constructor: the smallest in memory, for relations kept."""
    return Relation(*values[:-1], order=values[-1])


_relation = _fast_relation()


class RelationIds:
    """The relation ids taken so far and where, packed in one int each: a million of them
    cost what the check must remember, no more."""

    def __init__(self) -> None:
        self.where: dict[str, int] = {}  # id -> line << 21 | file << 1 | made up
        self._files: list[str] = []

    def file_number(self, file: str) -> int:
        self._files.append(file)
        return len(self._files) - 1

    def __contains__(self, rel_id: object) -> bool:
        return rel_id in self.where

    def add(self, rel_id: str, file: int, line: int, made_up: bool = False) -> None:
        self.where[rel_id] = (line << 21) | (file << 1) | made_up

    def taken(self, rel_id: str, file: str) -> str:
        """The message for `rel_id` given again in `file`."""
        packed = self.where[rel_id]
        first_file = self._files[(packed >> 1) & 0xFFFFF]
        line = packed >> 21
        unit = "row" if first_file.endswith(".parquet") else "line"  # Parquet has no lines
        place = f"on {unit} {line}" if first_file == file else f"in {first_file}:{line}"
        if packed & 1:
            return (f"relation id {rel_id!r} is already the id made up for the relation without "
                    f"one {place}; give each relation its own id")
        return (f"relation id {rel_id!r} is used twice (first {place}); give each relation "
                "its own id")
