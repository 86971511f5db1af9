"""What an import did: rows read, relations written, rows dropped by reason, the first bad rows.

Every row read is either written or dropped for exactly one reason, the first that applies in
the order of REASONS, so `rows_read == written + sum(dropped.values())`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

# Reasons a row is dropped, in the order they are checked. The first group are bad rows: the row
# itself is broken, and `strict` refuses the import for any of them.
BAD_REASONS = (
    "wrong column count",
    "not UTF-8 text",
    "empty event id",
    "event id not a number",
    "impossible date",
    "empty event code",
    "malformed event id",
    "malformed CSV",  # ACLED: a line csv cannot parse, such as a quote never closed
)
REASONS = BAD_REASONS + (
    "a side is empty",
    "no recipient",  # POLECAT: PLOVER allows a one-sided event; a relation needs two actors
    "no actor2",  # ACLED: likewise
    "event code not in the CAMEO table",
    "event type not in PLOVER",
    "sub-event type not in relgraph's ACLED table",
    "a side matches no actor",
    "both sides are the same actor",
    # Checked last, against the relations written so far: memory grows with what is written,
    # not with what is read. A repeat of a dropped row is dropped again for its own reason.
    "event id already imported",
)
MAX_LISTED = 10


@dataclass(frozen=True)
class BadRow:
    """One skipped row: where it is and what is wrong with it."""

    file: str
    line: int
    reason: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}" + (f" ({self.detail})" if self.detail
                                                             else "")

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "reason": self.reason,
                "detail": self.detail}


@dataclass
class ImportReport:
    """The closing report of one import."""

    source: str  # "GDELT" or "ICEWS"
    files: list[str]
    output: str
    rows_read: int = 0
    written: int = 0
    dropped: Counter = field(default_factory=Counter)
    bad_rows: list[BadRow] = field(default_factory=list)  # the first MAX_LISTED
    actors: int = 0
    actors_made: int = 0
    types: int = 0
    sources: int = 0
    completed: bool = False  # the folder is written; False when strict refused the import
    fell_back: list[str] = field(default_factory=list)  # files read as ISO-8859-1
    notice: str = ""  # a line the source asks to be printed with its data (ACLED's attribution)

    @property
    def bad_count(self) -> int:
        return sum(self.dropped[reason] for reason in BAD_REASONS)

    def drop(self, reason: str) -> None:
        self.dropped[reason] += 1

    def bad(self, row: BadRow) -> None:
        self.dropped[row.reason] += 1
        if len(self.bad_rows) < MAX_LISTED:
            self.bad_rows.append(row)

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "files": self.files,
            "output": self.output,
            "rows_read": self.rows_read,
            "relations_written": self.written,
            "dropped": {reason: self.dropped[reason] for reason in REASONS
                        if self.dropped[reason]},
            "bad_rows": [row.as_dict() for row in self.bad_rows],
            "actors": self.actors,
            "actors_made": self.actors_made,
            "types": self.types,
            "sources": self.sources,
            "completed": self.completed,
            "read_as_iso_8859_1": self.fell_back,
            "notice": self.notice,
        }
