"""A graph built from a Dataset already in memory (RelGraph.from_dataset, for notebooks) answers
as the one relgraph.load reads from disk. Expected values by hand from tests/data/tricky (the
same reasoning as tests/test_queries.py)."""

import pytest
from conftest import TRICKY

from relgraph.api import RelGraph
from relgraph.dataset import load_dataset


@pytest.fixture
def graph():
    return RelGraph.from_dataset(load_dataset(TRICKY))


def test_a_graph_from_a_dataset_in_memory_holds_every_actor_and_relation(graph):
    # tricky: 8 actors; 13 relations, two of them with made-up ids.
    assert [a.id for a in graph.actors] == ["north", "south", "east", "west", "cote", "guild",
                                            "militia", "hermit"]
    assert graph.relation_count == 13
    assert graph.relation("r7").source == "cote" and graph.relation("r7").target == "south"
    assert graph.types["talks"].weight == 1.0 and graph.types["observe"].weight == 0.0


def test_a_graph_from_a_dataset_in_memory_answers_who_opposes(graph):
    # north: condemn -2, attack -10, aid +7.4; west: mutual condemn -3; east: sanction -1.
    rows = graph.who_opposes("south")
    assert [(r.actor.id, r.hostile, r.friendly, r.net) for r in rows] == [
        ("north", 2, 1, pytest.approx(-4.6)), ("west", 1, 0, -3.0), ("east", 1, 0, -1.0)]


def test_a_graph_from_a_dataset_in_memory_keeps_sources_and_relation_fields(graph):
    # r2: north -> south, attack, 2021-06-15, ref notes ("Test notes"), summary "Attacked".
    r2 = graph.relation("r2")
    assert (r2.type, r2.date.text, r2.ref, r2.summary, r2.weight) == (
        "attack", "2021-06-15", "notes", "Attacked", -10.0)
    assert graph.sources["notes"].title == "Test notes"
    # r11: north <-> east talks 2015..2017, mutual.
    r11 = graph.relation("r11")
    assert (r11.source, r11.target, r11.until.text, r11.mutual) == ("north", "east", "2017", True)
