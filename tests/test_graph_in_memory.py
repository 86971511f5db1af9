"""A graph built from a Dataset already in memory (RelGraph.from_dataset, for notebooks) answers
as the one relgraph.load reads from disk. Expected values by hand from tests/data/tricky (the
same reasoning as tests/test_queries.py)."""

import json

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


# -- the Graph's own questions, on the graph relgraph.load reads ---------------------------------

@pytest.fixture
def loaded():
    import relgraph

    return relgraph.load(TRICKY)


def test_towards_and_neighbours_default_to_both_directions(loaded):
    west = loaded.actor("west")
    # Into west: r5 (west <-> south, mutual) and east -> west; mutual ones count either way.
    assert [r.id for r in loaded.towards(west)] == ["r5", "militia-attack-north-2021-06-2"]
    assert [r.id for r in loaded.towards(west, incoming=False)] == ["r5"]
    assert loaded.neighbours("west") == ["east", "south"]
    assert loaded.neighbours("west", backward=False) == ["south"]


def test_the_networkx_graph_keeps_each_actors_fields(loaded):
    # tricky/actors.yaml: cote is a state with two aliases; hermit, with no relation, too.
    cote = loaded.nx.nodes["cote"]
    assert (cote["name"], cote["kind"], cote["aliases"]) == (
        "Côte d'Ivoire", "state", ["Ivory Coast", "Cote d’Ivoire"])
    hermit = loaded.nx.nodes["hermit"]
    assert (hermit["name"], hermit["description"]) == ("Hermit Kingdom", "Has no relations at all.")


@pytest.mark.parametrize("args,expected", [
    (["--between", "north", "south", "--since", "2021"], ["r2"]),
    (["--actor", "Northland", "--since", "2021"],
     ["r2", "militia-attack-north-2021-06", "militia-attack-north-2021-06-3"]),
    (["--between", "north", "south", "--actor", "north"], ["r1", "r2", "r3", "r6"]),
    (["--between", "north", "south", "--actor", "east"], []),
])
def test_relations_between_a_pair_and_of_an_actor_within_a_window(run, args, expected):
    # By hand from tricky: north - south is r1 (2020-03), r2 (2021-06-15), r3 (2019),
    # r6 (2020-01); Northland from 2021 on: r2 and the militia's two attacks (2021-06).
    result = run("relations", *args, "--json", data=TRICKY)
    assert [r["id"] for r in json.loads(result.stdout or "[]")] == expected


def test_a_graph_says_what_it_holds_in_a_notebook(graph):
    # What a notebook prints for the graph: tricky's 8 actors and 13 relations.
    assert repr(graph) == "<RelGraph 8 actors, 13 relations>"
