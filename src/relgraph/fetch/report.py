"""What a fetch did: the files of the period, fetched, found in the cache, failed (with slot and
reason), and the slots GDELT's list does not have at all; then the import's own report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import EXIT_INCOMPLETE, RelgraphError
from ..importers.report import ImportReport
from . import slots


@dataclass(frozen=True)
class Failure:
    slot: dt.datetime
    file: str
    reason: str

    def as_dict(self) -> dict:
        return {"slot": slots.stamp(self.slot), "file": self.file, "reason": self.reason}


@dataclass(frozen=True)
class Gap:
    """Slots (or GDELT 1.0 files) of the period that the list does not have."""

    stream: str
    first: dt.datetime
    last: dt.datetime
    name: str = ""  # a GDELT 1.0 file name; empty for GDELT 2.0 slots

    def __str__(self) -> str:
        if self.name:
            return f"{self.name} ({self.stream}: {slots.stamp(self.first)[:10]} to " \
                   f"{slots.stamp(self.last)[:10]})"
        return f"{slots.describe_range(self.first, self.last)} ({self.stream})"

    @property
    def count(self) -> int:
        return 1 if self.name else (self.last - self.first) // slots.SLOT + 1

    def as_dict(self) -> dict:
        return {"stream": self.stream, "first": slots.stamp(self.first),
                "last": slots.stamp(self.last), "slots": None if self.name else self.count,
                "file": self.name or None}


@dataclass
class FetchReport:
    """The closing report of `relgraph fetch gdelt`."""

    first: dt.datetime
    last: dt.datetime
    streams: list[str]
    output: str
    listed: int = 0  # files of the period that the lists have
    fetched: int = 0
    cached: int = 0
    resumed: int = 0  # of the fetched, carried on from a partial file with Range
    unchecked: int = 0  # GDELT 1.0 files with no published MD5: checked by size only
    failed: list[Failure] = field(default_factory=list)
    missing: list[Gap] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)  # how each list was had, one line each
    imported: ImportReport | None = None

    @property
    def complete(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict:
        return {
            "since": slots.stamp(self.first),
            "until": slots.stamp(self.last),
            "streams": self.streams,
            "output": self.output,
            "files_in_period": self.listed,
            "fetched": self.fetched,
            "cached": self.cached,
            "resumed": self.resumed,
            "checked_by_size_only": self.unchecked,
            "failed": [f.as_dict() for f in self.failed],
            "missing_from_list": [g.as_dict() for g in self.missing],
            "lists": self.lists,
            "complete": self.complete,
            "import": self.imported.as_dict() if self.imported is not None else None,
        }


class IncompleteFetch(RelgraphError):
    """Some files could not be had and `strict` is on, or none could: nothing is written."""

    exit_code = EXIT_INCOMPLETE

    def __init__(self, report: FetchReport, why: str):
        self.report = report
        super().__init__(why)
