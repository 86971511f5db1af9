"""A hub's answers read its own index entries or the sums made when the store was built.

Which index SQLite uses does not depend on the table's size (relgraph runs no ANALYZE), so the
plans of a small store are those of a million relations. who-opposes, who-supports, show
and an actor's timeline must not read the relations table past the rows they show, nor sort
an actor's relations (a timeline's first screen would wait for the sort of all of them); a
date window may read the actor's index entries, never the whole table.
"""

from __future__ import annotations

import pytest

from relgraph.api import RelGraph
from relgraph.dates import parse_date
from relgraph.model import Actor, Dataset, Relation, RelationType
from relgraph.selection import ALL, make_selection

TYPES = {"attack": RelationType("attack", "hostile", -10.0),
         "aid": RelationType("aid", "friendly", 3.0)}


def hub() -> RelGraph:
    relations = [Relation(f"r{i}", source, target, kind, TYPES[kind].polarity,
                          TYPES[kind].weight, parse_date(date), None, mutual, "", None, None,
                          i + 1)
                 for i, (source, target, kind, date, mutual) in enumerate([
                     ("a1", "a0", "attack", "2020-01", False),
                     ("a0", "a2", "aid", "2021", True),
                     ("a2", "a0", "attack", "2019-05-02", False),
                     ("a1", "a2", "aid", "2018", False)])]
    actors = [Actor(a, a.upper(), "state") for a in ("a0", "a1", "a2")]
    return RelGraph.from_dataset(Dataset(actors, TYPES, {}, relations, None))


def plans(graph: RelGraph, ask) -> list[str]:
    """The query plan of every statement `ask` runs, one line per step."""
    statements: list[str] = []
    graph.store.db.set_trace_callback(statements.append)
    try:
        ask()
    finally:
        graph.store.db.set_trace_callback(None)
    steps = []
    for sql in statements:
        steps += [row[-1] for row in graph.store.db.execute("EXPLAIN QUERY PLAN " + sql)]
    return steps


ASKED = {
    "who-opposes": lambda g, s: g.who_opposes("a0", s),
    "who-supports": lambda g, s: g.who_supports("a0", s),
    "show": lambda g, s: g.show("a0", s),
    "timeline": lambda g, s: list(g.stream(s, g.actor("a0"), None, chronological=True)),
}


@pytest.mark.parametrize("command", sorted(ASKED))
def test_whole_dataset_answers_read_no_relation_twice_and_sort_none(command):
    graph = hub()
    steps = plans(graph, lambda: ASKED[command](graph, ALL))
    assert steps, "the answer ran no query"
    for step in steps:
        assert not step.startswith("SCAN relations"), step
        assert "relations" not in step or "INDEX" in step or "PRIMARY KEY" in step, step
        # A temporary sort of the right part only orders ties of the same day, a few rows.
        assert "TEMP B-TREE" not in step or "RIGHT PART" in step, step


@pytest.mark.parametrize("command", sorted(ASKED))
def test_a_window_reads_the_actors_index_entries_not_the_table(command):
    graph = hub()
    selection = make_selection(graph.types, "2019", "2020", None)
    for step in plans(graph, lambda: ASKED[command](graph, selection)):
        assert not step.startswith("SCAN relations"), step
