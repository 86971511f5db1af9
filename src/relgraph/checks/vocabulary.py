"""Check the relation types and sources of one or more relations.yaml files."""

from __future__ import annotations

import dataclasses

from ..model import POLARITIES, RelationType, Source
from ..yamlread import LineDict
from . import fields
from .fields import key_line, kind, section_key_line, short
from .reporter import Reporter

TYPE_FIELDS = {"polarity", "weight", "description", "cameo"}
SOURCE_FIELDS = {"title", "publisher", "date", "url"}


class VocabularyChecker:
    """Checks `types` and `sources` file by file; a name met again in a later file must mean
    the same (a type: the same polarity and weight; a source: the same fields).

    `rejected_*` hold the names whose declaration could not be used, and `*_complete` is
    False once a section could not be read: a relation naming such a type or source is not
    reported again.
    """

    def __init__(self) -> None:
        self.types: dict[str, RelationType] = {}
        self.sources: dict[str, Source] = {}
        self.types_complete = True
        self.sources_complete = True
        self.rejected_types: set[str] = set()
        self.rejected_sources: set[str] = set()
        self._where: dict[tuple[str, str], tuple[str, int]] = {}  # (section, name) -> file, line

    def check_file(self, report: Reporter, doc: LineDict) -> None:
        self._sources(report, doc)
        self._types(report, doc)

    def _sources(self, report: Reporter, doc: LineDict) -> None:
        if doc.get("sources") is not None and not isinstance(doc["sources"], dict):
            self.sources_complete = False
        for key, entry in fields.mapping(report, doc, "sources").items():
            line = section_key_line(doc, "sources", key)
            if not isinstance(entry, LineDict):
                report.problem(line, f"source {short(key)}: must be a mapping of title, "
                                     f"publisher, date and url, not {kind(entry)}")
                self.rejected_sources.add(str(key))
                continue
            where = f"source {short(key)}"
            fields.unknown_fields(report, entry, SOURCE_FIELDS, where)
            date = fields.date(report, entry, "date", where)
            source = Source(
                str(key), fields.text(report, entry, "title", where),
                fields.text(report, entry, "publisher", where),
                date.text if date else None, fields.text(report, entry, "url", where))
            if self._known(report, "sources", source.key, line, source, self.sources):
                self.sources[source.key] = source

    def _types(self, report: Reporter, doc: LineDict) -> None:
        if "types" not in doc:
            report.problem(doc.line, "missing top-level key 'types' (a mapping from type name "
                                     "to its polarity and weight)")
            self.types_complete = False
        elif doc["types"] is not None and not isinstance(doc["types"], dict):
            self.types_complete = False  # its own problem says so; an empty `types:` is {}
        for name, entry in fields.mapping(report, doc, "types").items():
            rtype = self._type(report, doc, name, entry)
            if rtype is None:
                self.rejected_types.add(str(name))
            elif self._known(report, "types", rtype.name,
                             section_key_line(doc, "types", name), rtype, self.types):
                self.types[rtype.name] = rtype

    def _type(self, report: Reporter, doc: LineDict, name: object,
              entry: object) -> RelationType | None:
        line = section_key_line(doc, "types", name)
        where = f"type {short(name)}"
        if not isinstance(entry, LineDict):
            report.problem(line, f"{where}: must be a mapping with a polarity, not {kind(entry)}")
            return None
        fields.unknown_fields(report, entry, TYPE_FIELDS, where)
        polarity = entry.get("polarity")
        if polarity is None:
            report.problem(line, f"{where}: missing required field 'polarity' "
                                 f"({', '.join(POLARITIES)})")
            return None
        if polarity not in POLARITIES:
            report.problem(key_line(entry, "polarity"),
                           f"{where}: polarity {short(polarity)} must be one of "
                           f"{', '.join(POLARITIES)}")
            return None
        weight = fields.weight(report, entry, polarity, where)
        cameo = fields.text(report, entry, "cameo", where)
        description = fields.text(report, entry, "description", where)
        if weight is None:
            return None
        return RelationType(str(name), polarity, weight, description, cameo)

    def _known(self, report: Reporter, section: str, name: str, line: int, new, table) -> bool:
        """True when `name` is new; else check it agrees with the earlier declaration, keep
        that one (with what it lacked filled in from `new`), and return False."""
        if name not in table:
            self._where[section, name] = (report.file, line)
            return True
        old = table[name]
        file, first_line = self._where[section, name]
        if section == "types":
            compared = {"polarity": (new.polarity, old.polarity),
                        "weight": (new.weight, old.weight)}
            noun, rule = "type", "a type in several folders has one polarity and weight"
        else:
            compared = {key: (getattr(new, key), getattr(old, key))
                        for key in ("title", "publisher", "date", "url")}
            noun, rule = "source", "a source in several folders has the same fields"
        for key, (mine, theirs) in compared.items():
            if mine != theirs:
                report.problem(line, f"{noun} {short(name)}: {key} {short(mine)} disagrees "
                                     f"with {key} {short(theirs)} in {file}:{first_line}; {rule}")
                return False
        if section == "types":
            table[name] = dataclasses.replace(old, description=old.description or new.description,
                                              cameo=old.cameo or new.cameo)
        return False
