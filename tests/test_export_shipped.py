"""The shipped graph survives every export format, read back by readers that are not relgraph's.

The numbers the readers must find are counted straight from the YAML files (PyYAML, not
relgraph's loader): one node per entry of `actors`, one edge per entry of `relations`. The
attributes are compared with the relations as relgraph loads them.
"""

import csv
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import SHARED, SHIPPED, clean_env, read_gexf

import relgraph
from relgraph.export import export

nx = pytest.importorskip("networkx")


@pytest.fixture(scope="module")
def counts():
    with open(SHIPPED / "actors.yaml", encoding="utf-8") as handle:
        actors = yaml.safe_load(handle)["actors"]
    with open(SHIPPED / "relations.yaml", encoding="utf-8") as handle:
        relations = yaml.safe_load(handle)["relations"]
    return len(actors), len(relations)


@pytest.fixture(scope="module")
def graph():
    return relgraph.load(SHIPPED)


@pytest.fixture(scope="module")
def files(tmp_path_factory, graph):
    folder = tmp_path_factory.mktemp("shipped")
    for name in ("graph.graphml", "graph.gexf", "graph.json", "graph.csv", "graph.dot"):
        export(graph, path=folder / name)
    return folder


def _expected(graph):
    """id -> (source, target, type, |weight| for layouts, signed weight), from the model."""
    return {r.id: (r.source, r.target, r.type, abs(r.weight) or 0.1, r.weight)
            for r in graph.relations}


def test_graphml_of_the_shipped_graph_reads_back_whole(files, counts, graph):
    read = nx.read_graphml(files / "graph.graphml")
    assert (read.number_of_nodes(), read.number_of_edges()) == counts
    got = {k: (u, v, d["type"], d["weight"], d["score"])
           for u, v, k, d in read.edges(keys=True, data=True)}
    assert got == _expected(graph)
    assert {n: d["label"] for n, d in read.nodes(data=True)} == {a.id: a.name
                                                                  for a in graph.actors}
    for relation in graph.relations:
        data = read.edges[relation.source, relation.target, relation.id]
        assert (data.get("quote"), data.get("summary"), data.get("date")) == (
            relation.quote, relation.summary, relation.date.text if relation.date else None)


def test_graphml_of_the_shipped_graph_reads_back_in_igraph(files, counts, graph):
    igraph = pytest.importorskip("igraph")
    read = igraph.Graph.Read_GraphML(str(files / "graph.graphml"))
    assert (read.vcount(), read.ecount()) == counts
    got = [(read.vs[e.source]["id"], read.vs[e.target]["id"], e["type"], e["score"])
           for e in read.es]
    assert got == [(r.source, r.target, r.type, r.weight) for r in graph.relations]


def test_gexf_of_the_shipped_graph_reads_back_whole_with_its_timeline(files, counts, graph):
    read = read_gexf(files / "graph.gexf")
    assert (read.number_of_nodes(), read.number_of_edges()) == counts
    got = {k: (u, v, d["type"], d["weight"], d["score"])
           for u, v, k, d in read.edges(keys=True, data=True)}
    assert got == _expected(graph)
    for relation in graph.relations:
        data = read.edges[relation.source, relation.target, relation.id]
        if relation.date is None:
            assert "start" not in data and "end" not in data
        else:
            assert (data["start"], data["end"]) == (relation.first_day.isoformat(),
                                                    relation.last_day.isoformat())


def test_json_and_csv_of_the_shipped_graph_hold_every_relation(files, counts, graph):
    data = json.loads((files / "graph.json").read_text(encoding="utf-8"))
    assert (len(data["nodes"]), len(data["edges"])) == counts
    assert [{k: v for k, v in e.items() if k != "key"} for e in data["edges"]] == [
        r.as_dict() for r in graph.relations]
    with open(files / "graph.csv", newline="", encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    with open(files / "graph-nodes.csv", newline="", encoding="utf-8") as handle:
        nodes = list(csv.DictReader(handle))
    assert (len(nodes), len(edges)) == counts
    assert [(e["Id"], e["Source"], e["Target"], e["Kind"], e["Quote"]) for e in edges] == [
        (r.id, r.source, r.target, r.type, r.quote) for r in graph.relations]


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
    xmlschema = pytest.importorskip("xmlschema")
    path = SHARED / "schemas" / schema
    if not path.is_file():
        pytest.skip(f"the published schemas are not beside the project ({path} is missing)")
    assert list(xmlschema.XMLSchema(str(path)).iter_errors(str(files / name))) == []


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
