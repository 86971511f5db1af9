"""`relgraph export`: choosing the format, stdout and files, filters and neighbourhoods, and the
JSON and CSV exports read back with the json and csv modules.

Expected values are worked out by hand from tests/data/tricky (13 relations, 8 actors):
r1..r8, the two made-up militia ids, r11, r12 and the explicit id that a made-up one would
otherwise take (militia-attack-north-2021-06-2, east -> west).
"""

import csv
import io
import json

import pytest
from conftest import TRICKY

TRICKY_ACTORS = ["north", "south", "east", "west", "cote", "guild", "militia", "hermit"]
TRICKY_RELATIONS = ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8",
                    "militia-attack-north-2021-06", "militia-attack-north-2021-06-3", "r11",
                    "r12", "militia-attack-north-2021-06-2"]
CONTRACT = ["id", "source", "target", "type", "polarity", "weight", "date", "until", "mutual",
            "summary", "quote", "ref"]


@pytest.fixture
def tricky(run):
    return lambda *args: run(*args, data=TRICKY)


# -- where it goes and in which format ------------------------------------------------------

def test_export_without_options_writes_graphml_to_stdout_and_says_so_on_stderr(tricky):
    result = tricky("export")
    assert result.exit_code == 0
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<graphml ')
    assert result.stderr == "wrote graphml: 8 actors, 13 relations to stdout\n"


@pytest.mark.parametrize(("name", "fmt", "opening"), [
    ("graph.graphml", "graphml", "<?xml"),
    ("graph.gexf", "gexf", "<?xml"),
    ("graph.json", "json", "{"),
    ("graph.csv", "csv", "Source,Target,Type,Id,Label,Weight,Kind,"),
    ("graph.dot", "dot", "digraph relgraph {"),
    ("graph.gv", "dot", "digraph relgraph {"),
    ("graph.mmd", "mermaid", "flowchart LR"),
    ("GRAPH.GEXF", "gexf", "<?xml"),
])
def test_the_format_comes_from_the_extension_of_the_output_file(tricky, tmp_path, name, fmt,
                                                                 opening):
    target = tmp_path / name
    result = tricky("export", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith(opening)
    paths = str(target)
    if fmt == "csv":
        paths += f" and {tmp_path / 'graph-nodes.csv'}"
    assert result.stderr == f"wrote {fmt}: 8 actors, 13 relations to {paths}\n"


def test_output_dash_is_stdout(tricky):
    result = tricky("export", "-f", "mermaid", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("flowchart LR\n")
    assert result.stderr == "wrote mermaid: 8 actors, 13 relations to stdout\n"


def test_format_option_wins_over_the_extension(tricky, tmp_path):
    target = tmp_path / "graph.xml"
    result = tricky("export", "--format", "GEXF", "--output", str(target))
    assert result.exit_code == 0
    assert '<gexf xmlns="http://gexf.net/1.3" version="1.3">' in target.read_text("utf-8")


def test_an_unknown_extension_is_a_usage_error_naming_the_formats(tricky, tmp_path):
    result = tricky("export", "-o", str(tmp_path / "graph.txt"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"relgraph: cannot tell the format from {str(tmp_path / 'graph.txt')!r}: use an "
        "extension (.graphml .gexf .json .csv .dot .gv .mmd .html .htm) or --format (graphml, "
        "gexf, json, csv, dot, mermaid, html, parquet)\n")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_format_is_a_usage_error(tricky):
    result = tricky("export", "--format", "pajek")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("relgraph: unknown format 'pajek'; choose one of graphml, gexf, "
                             "json, csv, dot, mermaid, html, parquet\n")


def test_a_missing_folder_is_a_usage_error_and_nothing_is_written(tricky, tmp_path):
    target = tmp_path / "no" / "such" / "graph.graphml"
    result = tricky("export", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (f"relgraph: folder {str(target.parent)!r} does not exist; "
                             "create it or give -o a file elsewhere\n")
    assert list(tmp_path.iterdir()) == []


def test_an_output_path_that_is_a_folder_is_a_usage_error(tricky, tmp_path):
    result = tricky("export", "-f", "json", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"relgraph: {str(tmp_path)!r} is a folder; give -o a file name\n"


def test_csv_on_stdout_is_the_edge_table_alone(tricky):
    result = tricky("export", "-f", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:7] == ["Source", "Target", "Type", "Id", "Label", "Weight", "Kind"]
    assert len(rows) == 1 + 13
    assert "Id,Label,Kind,Aliases,Description" not in result.stdout


# -- JSON -----------------------------------------------------------------------------------

def test_json_is_node_link_with_the_relation_contract_on_every_edge(tricky):
    data = json.loads(tricky("export", "-f", "json").stdout)
    assert (data["directed"], data["multigraph"]) == (True, True)
    assert [n["id"] for n in data["nodes"]] == TRICKY_ACTORS
    assert data["nodes"][4] == {"id": "cote", "name": "Côte d'Ivoire", "kind": "state",
                                "aliases": ["Ivory Coast", "Cote d’Ivoire"], "codes": [],
                                "description": "A state whose name has an accent and an "
                                               "apostrophe."}
    assert [e["key"] for e in data["edges"]] == TRICKY_RELATIONS
    assert all(list(e) == CONTRACT + ["key"] for e in data["edges"])
    assert data["edges"][5] == {
        "id": "r6", "source": "south", "target": "north", "type": "talks",
        "polarity": "friendly", "weight": 1.0, "date": "2020-01", "until": "2020-02",
        "mutual": False, "summary": "Talks held", "quote": None, "ref": None, "key": "r6"}
    assert data["graph"]["filters"] == {"since": None, "until": None, "types": None}
    assert [t["name"] for t in data["graph"]["types"]] == [
        "condemn", "attack", "aid", "talks", "observe", "sanction"]


def test_json_reads_back_into_networkx_with_parallel_relations_apart(tricky):
    import networkx as nx

    data = json.loads(tricky("export", "-f", "json").stdout)
    graph = nx.node_link_graph(data, edges="edges")
    assert isinstance(graph, nx.MultiDiGraph)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (8, 13)
    # north -> south: condemn, attack, aid; militia -> north: the same attack twice.
    assert sorted(graph["north"]["south"]) == ["r1", "r2", "r3"]
    assert sorted(graph["militia"]["north"]) == ["militia-attack-north-2021-06",
                                                 "militia-attack-north-2021-06-3"]
    assert graph.nodes["hermit"]["description"] == "Has no relations at all."


# -- CSV ------------------------------------------------------------------------------------

def test_csv_file_has_an_edge_table_and_a_node_table_beside_it(tricky, tmp_path):
    tricky("export", "-o", str(tmp_path / "graph.csv"))
    with open(tmp_path / "graph.csv", newline="", encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    with open(tmp_path / "graph-nodes.csv", newline="", encoding="utf-8") as handle:
        nodes = list(csv.DictReader(handle))
    assert [e["Id"] for e in edges] == TRICKY_RELATIONS
    assert {e["Type"] for e in edges} == {"Directed"}
    assert edges[7] == {  # r8: neutral, so weight 0 -> the layout weight 0.1
        "Source": "guild", "Target": "cote", "Type": "Directed", "Id": "r8", "Label": "observe",
        "Weight": "0.1", "Kind": "observe", "Polarity": "neutral", "Score": "0.0",
        "Date": "2021", "Until": "", "Mutual": "false", "Summary": "", "Quote": "", "Ref": ""}
    assert (edges[1]["Weight"], edges[1]["Score"], edges[1]["Ref"]) == ("10.0", "-10.0", "notes")
    assert (edges[4]["Mutual"], edges[4]["Score"]) == ("true", "-3.0")  # r5, weight -3
    assert [n["Id"] for n in nodes] == TRICKY_ACTORS
    assert nodes[1] == {"Id": "south", "Label": "Southland", "Kind": "state",
                        "Aliases": "Sud; Southland", "Codes": "",
                        "Description": ""}


# -- what is exported: filters and neighbourhoods ----------------------------------------------

def _json(tricky, *args):
    result = tricky("export", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return [n["id"] for n in data["nodes"]], [e["id"] for e in data["edges"]], result.stderr


def test_type_filter_keeps_every_actor_and_only_those_relations(tricky):
    actors, relations, note = _json(tricky, "--type", "aid")
    assert actors == TRICKY_ACTORS
    assert relations == ["r3", "r7", "militia-attack-north-2021-06-2"]
    assert note == "wrote json: 8 actors, 3 relations to stdout\n"


def test_actor_neighbourhood_is_one_hop_by_default(tricky):
    assert _json(tricky, "--actor", "Traders' Guild")[:2] == (["cote", "guild"], ["r8"])
    assert _json(tricky, "--actor", "militia")[:2] == (
        ["north", "militia"], ["militia-attack-north-2021-06", "militia-attack-north-2021-06-3"])


def test_depth_two_reaches_the_neighbours_of_neighbours_and_the_relations_among_them(tricky):
    # guild - cote (r8); cote - south (r7, r12).
    actors, relations, note = _json(tricky, "--actor", "guild", "--depth", "2")
    assert (actors, relations) == (["south", "cote", "guild"], ["r7", "r8", "r12"])
    assert note == "wrote json: 3 actors, 3 relations to stdout\n"


def test_depth_zero_is_the_actor_alone_and_an_isolated_actor_has_no_relations(tricky):
    assert _json(tricky, "--actor", "guild", "--depth", "0")[:2] == (["guild"], [])
    assert _json(tricky, "-a", "hermit", "--depth", "3")[:2] == (["hermit"], [])


def test_neighbourhood_follows_only_the_relations_in_the_window(tricky):
    # From 2021 on, north meets south (r2, 2021-06-15) and the militia (2021-06); r1, r3, r6,
    # r11 are older, and r4 (undated) is left out by any window.
    actors, relations, _ = _json(tricky, "--actor", "north", "--since", "2021")
    assert actors == ["north", "south", "militia"]
    assert relations == ["r2", "militia-attack-north-2021-06", "militia-attack-north-2021-06-3"]


def test_depth_needs_an_actor_and_cannot_be_negative(tricky):
    result = tricky("export", "--depth", "2")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "relgraph: --depth needs --actor: whose neighbourhood, how deep?\n"
    result = tricky("export", "--actor", "north", "--depth", "-1")
    assert result.exit_code == 2
    assert result.stderr == "relgraph: --depth must be 0 or more, not -1\n"


def test_an_unknown_actor_is_a_usage_error_with_a_suggestion(tricky):
    result = tricky("export", "--actor", "Nortland")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "unknown actor 'Nortland'" in result.stderr
    assert "Northland" in result.stderr


def test_export_help_names_every_option(run):
    result = run("export", "--help")
    assert result.exit_code == 0
    for option in ("--format", "--output", "--actor", "--depth", "--since", "--until", "--type"):
        assert option in result.stdout
