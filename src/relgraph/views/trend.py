"""trend: the net stance of A towards B and of B towards A, period by period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model import Actor, Relation

if TYPE_CHECKING:
    from ..graph import Graph
    from ..selection import Selection

GRANULARITIES = ("year", "month", "week", "day")


@dataclass
class Period:
    """One year (`2015`), month (`2015-03`), ISO week (by its Monday, `2023-10-02`) or day
    (`2023-10-07`); a direction is None when no relation in that direction overlaps the period
    (a gap, which is not a zero)."""

    period: str
    a_to_b: float | None = None
    b_to_a: float | None = None
    relations: list[Relation] = field(default_factory=list)  # chronological

    def as_dict(self) -> dict:
        return {"period": self.period, "a_to_b": _rounded(self.a_to_b),
                "b_to_a": _rounded(self.b_to_a), "relations": [r.id for r in self.relations]}


@dataclass
class Trend:
    a: Actor
    b: Actor
    by: str
    periods: list[Period]  # every period from the first to the last that has a relation
    undated: list[Relation]
    names: dict[str, str] = field(default_factory=dict, repr=False)  # for showing relations

    def as_dict(self) -> dict:
        return {"a": self.a.id, "b": self.b.id, "periods": [p.as_dict() for p in self.periods],
                "undated": [r.id for r in self.undated]}


def trend(graph: Graph, a: Actor, b: Actor, selection: Selection, by: str = "year") -> Trend:
    """Each period's net stance both ways: the sum of the weights of the relations from one
    actor to the other (mutual ones both ways) whose span overlaps the period.

    A relation counts in every period its span overlaps (`1993..2023` in each of those years).
    Periods are clipped to the selection's window; undated relations are listed apart.
    """
    if by not in GRANULARITIES:
        raise UsageError(f"by must be year, month, week or day, not {by!r}", params=("by",))
    relations = sorted(graph.select(selection, between=(a.id, b.id)),
                       key=Relation.chronological_key)
    dated = [r for r in relations if r.date is not None]
    undated = [r for r in relations if r.date is None]
    periods: dict[str, Period] = {}
    if dated:
        window = selection.window
        low = max([min(r.first_day for r in dated)]
                  + ([window.since.first] if window.since else []))
        high = min([max(r.last_day for r in dated)]
                   + ([window.until.last] if window.until else []))
        periods = {key: Period(key) for key in _periods(low, high, by)}
        for relation in dated:
            first, last = max(relation.first_day, low), min(relation.last_day, high)
            for key in _periods(first, last, by):
                period = periods[key]
                period.relations.append(relation)
                if relation.joins(a.id, b.id):
                    period.a_to_b = (period.a_to_b or 0.0) + relation.weight
                if relation.joins(b.id, a.id):
                    period.b_to_a = (period.b_to_a or 0.0) + relation.weight
    return Trend(a, b, by, list(periods.values()), undated, graph.names())


def _periods(first: dt.date, last: dt.date, by: str) -> list[str]:
    """The keys of the years (YYYY), months (YYYY-MM), weeks (their Monday, YYYY-MM-DD) or days
    from `first` to `last`, inclusive."""
    if by == "year":
        return [f"{year:04d}" for year in range(first.year, last.year + 1)]
    if by in ("week", "day"):
        step = 7 if by == "week" else 1
        day = first - dt.timedelta(days=first.weekday() if by == "week" else 0)
        days = (last - day).days // step + 1
        return [(day + dt.timedelta(days=i * step)).isoformat() for i in range(days)]
    months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
    return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in months]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 9) + 0.0
