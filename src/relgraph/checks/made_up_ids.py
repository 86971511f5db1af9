"""The ids made up for relations without one (docs/data-format.md), stated once for both
engines: the local checker (relations.py) and the Spark engine (spark/madeup.py), which decides
them on this machine from what Spark brings back.

A relation without an id gets `SOURCE-TYPE-TARGET`, with `-DATE` when it has a date (its base),
else the base with `-2`, `-3`..., counted on from the last id made up from the same base: the
first that no relation read before it has taken and, in a relations.yaml, that no relation of
the same file names as its id (those are known before the file's relations are read).
"""

from __future__ import annotations

from collections.abc import Container, Iterable

from ..yamlread import LineDict


def base_id(source: str, rtype: str, target: str, date: str | None) -> str:
    """`SOURCE-TYPE-TARGET`, with `-DATE` when there is a date (as written, `2023-10`)."""
    return f"{source}-{rtype}-{target}-{date}" if date else f"{source}-{rtype}-{target}"


def ids_ahead(entries: Iterable) -> set[str]:
    """The ids a YAML list of relations gives, known before its relations are read."""
    return {str(entry["id"]) for entry in entries
            if isinstance(entry, LineDict) and entry.get("id") is not None}


class MadeUpIds:
    """Makes up ids in reading order. `taken` holds every id taken so far: the caller adds
    each id it meets and each one made here, so that the rule runs over the caller's own
    record of the ids (the local checker's holds where each was taken)."""

    def __init__(self, taken: Container[str]):
        self.taken = taken
        self.counts: dict[str, int] = {}  # base -> the count of the last id made up from it

    def make(self, base: str, ahead: Container[str] | None = None) -> str:
        """The id for the next relation without one whose base is `base`; `ahead`: the ids
        of its file known in advance (a relations.yaml's), or None."""
        counts = self.counts
        if base not in counts and base not in self.taken and not (ahead and base in ahead):
            counts[base] = 1  # the common case, kept short: a million relations come here
            return base
        count = counts.get(base, 0)
        taken = self.taken
        while True:
            count += 1
            candidate = base if count == 1 else f"{base}-{count}"
            if candidate not in taken and not (ahead and candidate in ahead):
                counts[base] = count
                return candidate
