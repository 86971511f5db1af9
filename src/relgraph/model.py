"""The plain objects relgraph is made of: actors, relation types, sources and relations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .dates import PartialDate

POLARITIES = ("hostile", "friendly", "neutral")
DEFAULT_WEIGHT = {"hostile": -1.0, "friendly": 1.0, "neutral": 0.0}


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()
    description: str | None = None
    codes: tuple[str, ...] = ()  # CAMEO country, actor or known-group codes (event data)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "codes": list(self.codes),
            "description": self.description,
        }

    def yaml_entry(self) -> dict:
        """The actor as actors.yaml holds it: the fields it has, in the documented order
        (what `import` and `export --format parquet` write)."""
        entry: dict = {"id": self.id, "name": self.name, "kind": self.kind}
        if self.aliases:
            entry["aliases"] = list(self.aliases)
        if self.codes:
            entry["codes"] = list(self.codes)
        if self.description:
            entry["description"] = self.description
        return entry


@dataclass(frozen=True)
class RelationType:
    name: str
    polarity: str
    weight: float
    description: str | None = None
    cameo: str | None = None

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "polarity": self.polarity,
            "weight": self.weight,
            "description": self.description,
            "cameo": self.cameo,
        }


@dataclass(frozen=True)
class Source:
    key: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "publisher": self.publisher,
            "date": self.date,
            "url": self.url,
        }


@dataclass(frozen=True)
class Relation:
    """One typed, signed, possibly dated relation from `source` to `target` (actor ids)."""

    id: str
    source: str
    target: str
    type: str
    polarity: str
    weight: float
    date: PartialDate | None = None
    until: PartialDate | None = None
    mutual: bool = False
    summary: str | None = None
    quote: str | None = None
    ref: str | None = None
    order: int = field(default=0, compare=False)  # position in the file

    @property
    def first_day(self) -> dt.date | None:
        return self.date.first if self.date else None

    @property
    def last_day(self) -> dt.date | None:
        if self.until:
            return self.until.last
        return self.date.last if self.date else None

    @property
    def when(self) -> str | None:
        """The dates as written: `2023-10`, or `2023-10..2023-11` for a span; None if undated."""
        if self.date is None:
            return None
        return self.date.text + (f"..{self.until.text}" if self.until else "")

    @property
    def is_hostile(self) -> bool:
        return self.polarity == "hostile"

    @property
    def is_friendly(self) -> bool:
        return self.polarity == "friendly"

    def joins(self, a: str, b: str) -> bool:
        """Whether this relation runs from a to b (or b to a when it is mutual)."""
        if self.source == a and self.target == b:
            return True
        return self.mutual and self.source == b and self.target == a

    def chronological_key(self) -> tuple:
        """Sort key: dated relations by span, undated last, then file order."""
        if self.date is None:
            return (1, dt.date.max, dt.date.max, self.order)
        return (0, self.first_day, self.last_day, self.order)

    def as_dict(self) -> dict:
        """The relation in relgraph's JSON contract."""
        return {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "type": self.type,
            "polarity": self.polarity,
            "weight": self.weight,
            "date": self.date.text if self.date else None,
            "until": self.until.text if self.until else None,
            "mutual": self.mutual,
            "summary": self.summary,
            "quote": self.quote,
            "ref": self.ref,
        }


@dataclass
class Dataset:
    """A checked dataset: everything relgraph knows, in file order."""

    actors: list[Actor]
    types: dict[str, RelationType]
    sources: dict[str, Source]
    relations: list[Relation]
    folder: Path
