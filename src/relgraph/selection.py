"""Which relations a query looks at: a date window and, optionally, some relation types."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .dates import Window, parse_date
from .errors import UsageError, unknown_type
from .model import Relation


@dataclass(frozen=True)
class Selection:
    """A date window and, optionally, the relation types to keep."""

    window: Window = Window()
    types: frozenset[str] | None = None

    def keeps(self, relation: Relation) -> bool:
        if self.types is not None and relation.type not in self.types:
            return False
        return self.window.overlaps(relation.first_day, relation.last_day)

    @property
    def is_all(self) -> bool:
        return self.types is None and self.window.is_open


ALL = Selection()


def make_selection(known_types: Iterable[str], since=None, until=None,
                   types: Iterable[str] | None = None) -> Selection:
    """A Selection from user input; UsageError naming `since`, `until` or `types` otherwise."""
    bounds = []
    for name, value in (("since", since), ("until", until)):
        try:
            bounds.append(parse_date(value) if value is not None else None)
        except ValueError as exc:
            raise UsageError(f"{name}: {exc}", params=(name,)) from None
    window = Window(*bounds)
    if window.since and window.until and window.until.last < window.since.first:
        raise UsageError(f"until {window.until} is before since {window.since}",
                         params=("until", "since"))
    chosen = None
    if types:
        known = set(known_types)
        chosen = frozenset(types)
        for name in sorted(chosen - known):
            raise UsageError(unknown_type(name, list(known)))
    return Selection(window, chosen)
