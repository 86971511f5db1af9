"""Exports of a two-actor dataset, checked cell by cell and element by element.

Every expected value is worked out by hand from the YAML below and the formats described in
docs/export.md: the CSV tables in full, the JSON graph attributes, GraphML and GEXF values as
written in the file (not as a reader converts them), no stray text between XML elements, the
DOT defaults, UTF-8 on any stdout, and the summary line on stderr.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest

from relgraph import __version__, load
from relgraph.export import export

ACTORS = """\
actors:
  - id: cote
    name: Côte d'Ivoire
    kind: state
    aliases: [Ivory Coast, RCI]
    codes: [CIV, CI]
    description: A state.
  - id: guild
    name: Guild
"""
RELATIONS = """\
types:
  aid: {polarity: friendly, weight: 7.4}
  observe: {polarity: neutral}
relations:
  - {id: r1, source: cote, target: guild, type: aid, date: 2020-05, until: 2021, mutual: true,
     summary: "Sent aid, twice", quote: We sent aid}
  - {id: r2, source: guild, target: cote, type: observe}
"""


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "actors.yaml").write_text(ACTORS, encoding="utf-8")
    (folder / "relations.yaml").write_text(RELATIONS, encoding="utf-8")
    return folder


def written(data, tmp_path, name) -> str:
    path = tmp_path / name
    export(load(data), path=path)
    return path.read_bytes().decode("utf-8")


# -- CSV: both tables, every cell ---------------------------------------------------------------

def test_csv_tables_hold_every_value_as_written(data, tmp_path):
    edges = written(data, tmp_path, "graph.csv")
    # r1: aid 7.4, 2020-05..2021, mutual; the summary holds a comma, so it is quoted.
    # r2: observe, neutral: weight 0.1 for layouts, score 0; undated, so empty cells.
    assert edges == (
        "Source,Target,Type,Id,Label,Weight,Kind,Polarity,Score,Date,Until,Mutual,Summary,"
        "Quote,Ref\n"
        'cote,guild,Directed,r1,aid,7.4,aid,friendly,7.4,2020-05,2021,true,"Sent aid, twice",'
        "We sent aid,\n"
        "guild,cote,Directed,r2,observe,0.1,observe,neutral,0.0,,,false,,,\n")
    nodes = (tmp_path / "graph-nodes.csv").read_bytes().decode("utf-8")
    # Aliases and codes joined with "; "; Guild has no aliases, codes or description, and
    # kind 'other'.
    assert nodes == ("Id,Label,Kind,Aliases,Codes,Description\n"
                     "cote,Côte d'Ivoire,state,Ivory Coast; RCI,CIV; CI,A state.\n"
                     "guild,Guild,other,,,\n")


# -- JSON -------------------------------------------------------------------------------------

def test_json_names_relgraph_as_its_generator_and_keeps_text_as_utf8(data, tmp_path):
    text = written(data, tmp_path, "graph.json")
    assert "Côte d'Ivoire" in text                       # not \u00f4
    graph = json.loads(text)["graph"]
    assert (graph["name"], graph["generator"]) == ("relgraph", f"relgraph {__version__}")


# -- GraphML and GEXF: values as written, no stray text ------------------------------------------

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"


def stray_text(root: ET.Element, holders: set[str]) -> list[str]:
    """Non-blank text outside the elements that hold values."""
    found = []
    for element in root.iter():
        if element.text and element.text.strip() and element.tag not in holders:
            found.append(f"{element.tag}: {element.text!r}")
        if element.tail and element.tail.strip():
            found.append(f"after {element.tag}: {element.tail!r}")
    return found


def test_graphml_values_are_written_in_xml_schema_form(data, tmp_path):
    root = ET.fromstring(written(data, tmp_path, "graph.graphml"))
    assert stray_text(root, {f"{GRAPHML}data"}) == []
    names = {k.get("id"): k.get("attr.name") for k in root.iter(f"{GRAPHML}key")}
    edges = {e.get("id"): {names[d.get("key")]: d.text for d in e.iter(f"{GRAPHML}data")}
             for e in root.iter(f"{GRAPHML}edge")}
    # XML Schema's boolean is true/false, its double 7.4, 0.1; absent values are left out.
    assert edges == {
        "r1": {"label": "aid", "type": "aid", "polarity": "friendly", "weight": "7.4",
               "score": "7.4", "date": "2020-05", "until": "2021", "start": "2020-05-01",
               "end": "2021-12-31", "mutual": "true", "summary": "Sent aid, twice",
               "quote": "We sent aid"},
        "r2": {"label": "observe", "type": "observe", "polarity": "neutral", "weight": "0.1",
               "score": "0.0", "mutual": "false"},
    }
    nodes = {n.get("id"): {names[d.get("key")]: d.text for d in n.iter(f"{GRAPHML}data")}
             for n in root.iter(f"{GRAPHML}node")}
    assert nodes == {"cote": {"label": "Côte d'Ivoire", "kind": "state",
                              "aliases": "Ivory Coast; RCI", "codes": "CIV; CI",
                              "description": "A state."},
                     "guild": {"label": "Guild", "kind": "other"}}


def test_gexf_values_and_spans_are_written_as_documented(data, tmp_path):
    root = ET.fromstring(written(data, tmp_path, "graph.gexf"))
    assert stray_text(root, {f"{GEXF}creator", f"{GEXF}description"}) == []
    graph = root.find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == (
        "dynamic", "date", "directed")
    titles = {a.get("id"): a.get("title") for a in root.iter(f"{GEXF}attribute")}
    edges = {}
    for edge in root.iter(f"{GEXF}edge"):
        values = {titles[v.get("for")]: v.get("value") for v in edge.iter(f"{GEXF}attvalue")}
        edges[edge.get("id")] = (edge.get("start"), edge.get("end"), edge.get("weight"),
                                 edge.get("label"), edge.get("kind"), values)
    assert edges == {
        # r1 spans 2020-05-01 (first day of 2020-05) to 2021-12-31 (last day of 2021).
        "r1": ("2020-05-01", "2021-12-31", "7.4", "aid", "aid",
               {"type": "aid", "polarity": "friendly", "score": "7.4", "date": "2020-05",
                "until": "2021", "mutual": "true", "summary": "Sent aid, twice",
                "quote": "We sent aid"}),
        # r2 is undated: no start or end, there throughout.
        "r2": (None, None, "0.1", "observe", "observe",
               {"type": "observe", "polarity": "neutral", "score": "0.0", "mutual": "false"}),
    }
    # Both actors have an undated relation (r2): there throughout, no span.
    assert [(n.get("id"), n.get("start"), n.get("end")) for n in root.iter(f"{GEXF}node")] == [
        ("cote", None, None), ("guild", None, None)]


def test_gexf_node_spans_run_from_the_earliest_to_the_latest_relation(data, tmp_path):
    # Without r2 (only the aid type): both actors span r1, 2020-05-01..2021-12-31.
    path = tmp_path / "aid.gexf"
    export(load(data), path=path, selection=load(data).selection(types=["aid"]))
    root = ET.parse(path).getroot()
    assert [(n.get("id"), n.get("start"), n.get("end")) for n in root.iter(f"{GEXF}node")] == [
        ("cote", "2020-05-01", "2021-12-31"), ("guild", "2020-05-01", "2021-12-31")]


# -- DOT defaults -------------------------------------------------------------------------------

def test_dot_lays_the_graph_out_left_to_right_with_boxes(data, tmp_path):
    from test_export_drawings import parse_dot

    text = written(data, tmp_path, "graph.dot")
    defaults = {line.split(" [")[0].strip(): line for line in text.splitlines()
                if line.strip().startswith(("graph [", "node [", "edge ["))}
    assert set(defaults) == {"graph", "node", "edge"}
    assert "rankdir=LR" in defaults["graph"]                  # docs/export.md: left to right
    assert "shape=box" in defaults["node"]                    # actors as boxes
    nodes, edges = parse_dot(text)
    assert [(s, t, a.get("dir")) for s, t, a in edges] == [("cote", "guild", "both"),
                                                           ("guild", "cote", None)]


# -- stdout, and the status line on stderr (docs/export.md) ------------------------------------

def test_export_to_a_stdout_of_any_encoding_writes_utf8_with_plain_line_ends(data):
    # A console set to ASCII with Windows line ends: the bytes are still UTF-8 with \n.
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", newline="\r\n")
    export(load(data), fmt="csv", stream=stream)
    stream.flush()
    text = raw.getvalue().decode("utf-8")
    assert text.splitlines(keepends=True)[1] == (
        'cote,guild,Directed,r1,aid,7.4,aid,friendly,7.4,2020-05,2021,true,"Sent aid, twice",'
        "We sent aid,\n")
    assert "\r" not in text


def test_the_summary_counts_one_relation_in_the_singular(run, data):
    result = run("export", "-f", "json", "--type", "aid", data=data)
    assert result.stderr == "wrote json: 2 actors, 1 relation to stdout\n"
    result = run("export", "-f", "json", data=data)
    assert result.stderr == "wrote json: 2 actors, 2 relations to stdout\n"


# -- what the JSON records of the filters; an export to any text stream ---------------------------

def test_json_records_the_filters_it_was_made_with(run, data):
    def filters(*args):
        result = run("export", "-f", "json", *args, data=data)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)["graph"]["filters"]

    # docs/export.md: graph.filters records --since, --until, --type (and actor, depth).
    assert filters() == {"since": None, "until": None, "types": None}
    assert filters("--since", "2020", "--until", "2021-06", "--type", "observe", "-t", "aid") == {
        "since": "2020", "until": "2021-06", "types": ["aid", "observe"]}
    assert filters("--actor", "Guild", "--depth", "2") == {
        "since": None, "until": None, "types": None, "actor": "guild", "depth": 2}


def test_export_to_a_text_stream_without_bytes_writes_the_text(data):
    stream = io.StringIO()
    written_to = export(load(data), fmt="csv", stream=stream)
    assert stream.getvalue().splitlines()[2] == (
        "guild,cote,Directed,r2,observe,0.1,observe,neutral,0.0,,,false,,,")
    assert (written_to.actors, written_to.relations, written_to.paths) == (2, 2, ())


# -- GraphML edge ids that are not XML names -----------------------------------------------------

def test_graphml_edge_ids_never_meet_an_id_already_taken(tmp_path):
    # "x y" becomes x_x0020_y, which an explicit id already is: it takes -2. "p q" meets
    # p_x0020_q and p_x0020_q-2, both taken: it takes -3.
    folder = tmp_path / "ids"
    folder.mkdir()
    (folder / "actors.yaml").write_text("actors:\n  - {id: a, name: A}\n  - {id: b, name: B}\n",
                                        encoding="utf-8")
    ids = ["x y", "x_x0020_y", "p q", "p_x0020_q", "p_x0020_q-2"]
    rows = "".join(f"  - {{id: '{i}', source: a, target: b, type: t}}\n" for i in ids)
    (folder / "relations.yaml").write_text(
        "types:\n  t: {polarity: neutral}\nrelations:\n" + rows, encoding="utf-8")
    root = ET.fromstring(written(folder, tmp_path, "graph.graphml"))
    assert [e.get("id") for e in root.iter(f"{GRAPHML}edge")] == [
        "x_x0020_y-2", "x_x0020_y", "p_x0020_q-3", "p_x0020_q", "p_x0020_q-2"]


def test_dot_and_mermaid_labels_break_lines_once_whatever_the_line_end():
    from relgraph.export import dot, mermaid

    # Windows (\r\n), old Mac (\r) and Unix (\n) line ends each make one break.
    assert dot.quote("a\r\nb\rc\nd") == '"a\\nb\\nc\\nd"'
    assert mermaid.label("a\r\nb\rc\nd") == '"a<br>b<br>c<br>d"'
