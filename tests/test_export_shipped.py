"""The shipped graph survives every export format, read back by readers that are not relgraph's.

Every expected value comes from the YAML files, read here with PyYAML (not relgraph's loader), by
the rules of docs/data-format.md and docs/export.md: one node per entry of `actors`, one edge
per entry of `relations`; a relation's weight is its type's (no shipped relation sets its own);
the layout weight is |weight|, 0.1 for a neutral relation. A few relations are also written out
by hand below, field by field, from data/relations.yaml.
"""

import calendar
import csv
import datetime as dt
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import SCHEMAS, SHIPPED, clean_env, read_gexf

import relgraph
from relgraph.export import export

nx = pytest.importorskip("networkx")


def _yaml(name):
    with open(SHIPPED / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def actors():
    return _yaml("actors.yaml")["actors"]


@pytest.fixture(scope="module")
def relations():
    """Each relation of data/relations.yaml as the JSON contract writes it, from PyYAML."""
    document = _yaml("relations.yaml")
    types = document["types"]

    def text(value):  # 1967 (int), 2023-11 (str), 2023-10-07 (datetime.date)
        return None if value is None else str(value)

    return [{"id": r["id"], "source": r["source"], "target": r["target"], "type": r["type"],
             "polarity": types[r["type"]]["polarity"],
             "weight": float(r.get("weight", types[r["type"]]["weight"])),
             "date": text(r.get("date")), "until": text(r.get("until")),
             "mutual": r.get("mutual", False), "summary": r.get("summary"),
             "quote": r.get("quote"), "ref": r.get("ref")}
            for r in document["relations"]]


@pytest.fixture(scope="module")
def counts(actors, relations):
    return len(actors), len(relations)


def test_the_shipped_relations_name_their_actors_by_id(actors, relations):
    # What the expectations below rely on: ids everywhere, no relation with its own weight.
    ids = {a["id"] for a in actors}
    assert all(r["source"] in ids and r["target"] in ids for r in relations)
    assert not any("weight" in r for r in _yaml("relations.yaml")["relations"])


@pytest.fixture(scope="module")
def graph():
    return relgraph.load(SHIPPED)


@pytest.fixture
def files(tmp_path, graph):
    # Written anew for each test (not once a module), so that mutation testing, which runs
    # only the tests during which a function was called, runs every test that reads them.
    for name in ("graph.graphml", "graph.gexf", "graph.json", "graph.csv", "graph.dot"):
        export(graph, path=tmp_path / name)
    return tmp_path


def _edges(relations):
    """id -> (source, target, type, layout weight, signed weight)."""
    return {r["id"]: (r["source"], r["target"], r["type"], abs(r["weight"]) or 0.1, r["weight"])
            for r in relations}


def _span(text):
    """The first and last day a date as written covers (YYYY, YYYY-MM or YYYY-MM-DD)."""
    parts = [int(p) for p in text.split("-")]
    first = dt.date(parts[0], *(parts[1:] + [1, 1])[:2])
    if len(parts) == 3:
        return first.isoformat(), first.isoformat()
    month = parts[1] if len(parts) == 2 else 12
    last = dt.date(parts[0], month, calendar.monthrange(parts[0], month)[1])
    return first.isoformat(), last.isoformat()


# By hand from data/relations.yaml: (source, target, type, layout weight, signed weight,
# date, until, mutual).
BY_HAND = {
    # type war (weight -10.0), date 2023-10-07, until 2023-11: |-10| = 10 for layouts.
    "israel-hamas-gaza-war-2023": ("israel", "hamas", "war", 10.0, -10.0, "2023-10-07",
                                   "2023-11", False),
    # type ceasefire-call, neutral with weight 0: layouts get 0.1.
    "malta-israel-truce-call-2023": ("malta", "israel", "ceasefire-call", 0.1, 0.0,
                                     "2023-10-07", "2023-11", False),
    # type hostility (-5.0), 1967 until 1991, mutual: true.
    "russia-israel-soviet-era-hostility": ("russia", "israel", "hostility", 5.0, -5.0, "1967",
                                           "1991", True),
    # type community-ties (+2.0), mutual: true, no date.
    "russia-israel-immigration-community-ties": ("russia", "israel", "community-ties", 2.0, 2.0,
                                                 None, None, True),
}
# The GEXF spans of the same relations: first and last day of date .. until.
BY_HAND_SPANS = {
    "israel-hamas-gaza-war-2023": ("2023-10-07", "2023-11-30"),
    "malta-israel-truce-call-2023": ("2023-10-07", "2023-11-30"),
    "russia-israel-soviet-era-hostility": ("1967-01-01", "1991-12-31"),
    "russia-israel-immigration-community-ties": None,
}


def test_graphml_of_the_shipped_graph_reads_back_whole(files, counts, actors, relations):
    read = nx.read_graphml(files / "graph.graphml")
    assert (read.number_of_nodes(), read.number_of_edges()) == counts
    got = {k: (u, v, d["type"], d["weight"], d["score"])
           for u, v, k, d in read.edges(keys=True, data=True)}
    assert got == _edges(relations)
    assert {n: d["label"] for n, d in read.nodes(data=True)} == {a["id"]: a["name"]
                                                                  for a in actors}
    for r in relations:
        data = read.edges[r["source"], r["target"], r["id"]]
        assert (data.get("quote"), data.get("summary"), data.get("date"), data.get("until")) == (
            r["quote"], r["summary"], r["date"], r["until"])
    for key, (source, target, type_, weight, score, date, until, mutual) in BY_HAND.items():
        data = read.edges[source, target, key]
        assert (data["type"], data["weight"], data["score"], data.get("date"), data.get("until"),
                data["mutual"]) == (type_, weight, score, date, until, mutual), key


def test_graphml_of_the_shipped_graph_reads_back_in_igraph(files, counts, relations):
    igraph = pytest.importorskip("igraph")
    read = igraph.Graph.Read_GraphML(str(files / "graph.graphml"))
    assert (read.vcount(), read.ecount()) == counts
    got = [(read.vs[e.source]["id"], read.vs[e.target]["id"], e["type"], e["score"])
           for e in read.es]
    assert got == [(r["source"], r["target"], r["type"], r["weight"]) for r in relations]


def test_gexf_of_the_shipped_graph_reads_back_whole_with_its_timeline(files, counts, relations):
    read = read_gexf(files / "graph.gexf")
    assert (read.number_of_nodes(), read.number_of_edges()) == counts
    got = {k: (u, v, d["type"], d["weight"], d["score"])
           for u, v, k, d in read.edges(keys=True, data=True)}
    assert got == _edges(relations)
    for r in relations:
        data = read.edges[r["source"], r["target"], r["id"]]
        if r["date"] is None:
            assert "start" not in data and "end" not in data
        else:
            assert (data["start"], data["end"]) == (_span(r["date"])[0],
                                                    _span(r["until"] or r["date"])[1])
    for key, span in BY_HAND_SPANS.items():
        source, target, type_, weight, score, *_ = BY_HAND[key]
        data = read.edges[source, target, key]
        assert (data["type"], data["weight"], data["score"]) == (type_, weight, score)
        assert ((data["start"], data["end"]) if "start" in data else None) == span, key


def test_json_and_csv_of_the_shipped_graph_hold_every_relation(files, counts, relations):
    data = json.loads((files / "graph.json").read_text(encoding="utf-8"))
    assert (len(data["nodes"]), len(data["edges"])) == counts
    assert [{k: v for k, v in e.items() if k != "key"} for e in data["edges"]] == relations
    by_id = {e["id"]: e for e in data["edges"]}
    for key, (source, target, type_, _, score, date, until, mutual) in BY_HAND.items():
        assert (by_id[key]["source"], by_id[key]["target"], by_id[key]["type"],
                by_id[key]["weight"], by_id[key]["date"], by_id[key]["until"],
                by_id[key]["mutual"]) == (source, target, type_, score, date, until, mutual)
    with open(files / "graph.csv", newline="", encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    with open(files / "graph-nodes.csv", newline="", encoding="utf-8") as handle:
        nodes = list(csv.DictReader(handle))
    assert (len(nodes), len(edges)) == counts
    assert [(e["Id"], e["Source"], e["Target"], e["Kind"], e["Quote"]) for e in edges] == [
        (r["id"], r["source"], r["target"], r["type"], r["quote"]) for r in relations]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_graphviz_draws_every_actor_and_relation_of_the_shipped_graph(files, counts):
    done = subprocess.run(["dot", "-Tsvg", str(files / "graph.dot")], capture_output=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    svg = ET.fromstring(done.stdout)
    classes = Counter(g.get("class") for g in svg.iter("{http://www.w3.org/2000/svg}g"))
    assert (classes["node"], classes["edge"]) == counts


@pytest.mark.parametrize(("schema", "name"), [("graphml-1.1/graphml.xsd", "graph.graphml"),
                                              ("gexf-1.3/gexf.xsd", "graph.gexf")])
def test_the_shipped_graph_passes_the_published_schemas(files, schema, name):
    import xmlschema

    assert list(xmlschema.XMLSchema(str(SCHEMAS / schema)).iter_errors(str(files / name))) == []


def test_export_loads_neither_networkx_nor_rich():
    code = ("import sys\nfrom relgraph.cli import main\nsys.argv = ['relgraph', 'export', "
            "'-f', 'gexf']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'networkx', 'rich'}),"
            " file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=clean_env(), timeout=60)
    assert done.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<gexf ')
    assert done.stderr.splitlines()[-1] == "[]"


def test_the_gephi_counts_in_the_export_guide_are_those_of_the_shipped_graph(graph):
    guide = (Path(__file__).parents[1] / "docs" / "export.md").read_text(encoding="utf-8")
    relations = graph.relations
    by_kind = {(r.source, r.target, r.type) for r in relations}  # Gephi merges within a kind
    by_pair = {(r.source, r.target) for r in relations}  # GraphML: no kind, one per pair
    undated = sum(1 for r in relations if r.date is None)
    assert f"**{len(graph.actors)} nodes and {len(relations)} edges**" in guide
    assert f"it has **{len(by_kind)}**" in guide
    assert f"**{len(by_pair)} edges** for the shipped data" in guide
    assert f"The {undated} undated relations" in guide
    assert f"({len(graph.actors)} actors,\n{len(relations)} relations)" in guide
