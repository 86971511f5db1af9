"""GraphML and GEXF: valid against the published schemas, and read back by readers that are not
ours (NetworkX, igraph, ElementTree) with every actor, relation and attribute intact.

Expected values are worked out by hand from tests/data/hostile (7 actors, 7 relations) and
tests/data/tricky.
"""

import re
import xml.etree.ElementTree as ET

import pytest
from conftest import SCHEMAS, SHARED, TRICKY, read_gexf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relgraph import load
from relgraph.export import export, xmltext

HOSTILE = TRICKY.parent / "hostile"
GEXF = "{http://gexf.net/1.3}"

nx = pytest.importorskip("networkx")

QUOTER = 'The "Quoted" <Party> & Co'
SLASH = 'Back\\slash "and" #quot; | pipe `tick`'
HOSTILE_NAMES = {"quoter": QUOTER, "--help": "--help", "end": "end", "graph": "graph",
                 "rocket": "Rocket 🚀 Club", "slash": SLASH, "loner": "Loner"}
# Relation ids; in GraphML an id that is not an XML NMTOKEN has each other character written
# as _xHHHH_: space 0x20, < 0x3C, & 0x26, > 0x3E.
H3, H4 = "h 3 <&>", "end-arms supply-graph-2022"
H3_GRAPHML, H4_GRAPHML = "h_x0020_3_x0020__x003C__x0026__x003E_", "end-arms_x0020_supply-graph-2022"
HOSTILE_EDGES = {  # id: (source, target, type, polarity, |weight| for layouts, signed weight)
    "h1": ("quoter", "--help", "denounce", "hostile", 2.0, -2.0),
    "h2": ("quoter", "--help", "denounce", "hostile", 2.0, -2.0),
    H3: ("--help", "quoter", "denounce", "hostile", 2.0, -2.0),
    H4: ("end", "graph", "arms supply", "friendly", 8.3, 8.3),
    "h5": ("rocket", "end", "meet", "neutral", 0.1, 0.0),  # neutral: weight 0 -> 0.1
    "h6": ("slash", "rocket", "arms supply", "friendly", 5.0, 5.0),  # weight overridden: 5
    "h7": ("graph", "quoter", "denounce", "hostile", 2.0, -2.0),
}


def _write(tmp_path, data, name, **options):
    target = tmp_path / name
    written = export(load(data), path=target, **options)
    return target, written


def _schema(name):
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMAS / name))


def test_the_schemas_in_the_tests_are_the_published_ones():
    """tests/schemas is a byte-for-byte copy of the published schemas (their README); where the
    developers' copy is beside the project, every file must still match it."""
    published = SHARED / "schemas"
    ours = sorted(p.relative_to(SCHEMAS) for p in SCHEMAS.rglob("*.xsd"))
    assert len(ours) == 14  # graphml-1.1: 5, gexf-1.3: 3, gexf-1.2draft: 6
    if not published.is_dir():
        return  # a newcomer's clone: nothing to compare against, the copy is what was committed
    theirs = sorted(p.relative_to(published) for p in published.rglob("*.xsd"))
    assert ours == theirs
    for name in ours:
        assert (SCHEMAS / name).read_bytes() == (published / name).read_bytes(), name


# -- schemas --------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [HOSTILE, TRICKY], ids=["hostile", "tricky"])
def test_graphml_passes_the_graphml_1_1_schema(tmp_path, data):
    schema = _schema("graphml-1.1/graphml.xsd")
    target, _ = _write(tmp_path, data, "graph.graphml")
    errors = list(schema.iter_errors(str(target)))
    assert errors == []


@pytest.mark.parametrize("data", [HOSTILE, TRICKY], ids=["hostile", "tricky"])
def test_gexf_passes_the_gexf_1_3_schema(tmp_path, data):
    schema = _schema("gexf-1.3/gexf.xsd")
    target, _ = _write(tmp_path, data, "graph.gexf")
    errors = list(schema.iter_errors(str(target)))
    assert errors == []


# -- GraphML read back --------------------------------------------------------------------------

def test_graphml_reads_back_in_networkx_with_every_actor_and_relation(tmp_path):
    target, written = _write(tmp_path, HOSTILE, "graph.graphml")
    assert (written.actors, written.relations) == (7, 7)
    graph = nx.read_graphml(target)
    assert isinstance(graph, nx.MultiDiGraph)
    assert {n: d["label"] for n, d in graph.nodes(data=True)} == HOSTILE_NAMES
    expected = {H3_GRAPHML if k == H3 else H4_GRAPHML if k == H4 else k: v
                for k, v in HOSTILE_EDGES.items()}
    got = {key: (u, v, d["type"], d["polarity"], d["weight"], d["score"])
           for u, v, key, d in graph.edges(keys=True, data=True)}
    assert got == expected
    assert all(d["label"] == d["type"] for _, _, d in graph.edges(data=True))


def test_graphml_keeps_hostile_text_exactly_and_leaves_absent_values_out(tmp_path):
    target, _ = _write(tmp_path, HOSTILE, "graph.graphml")
    graph = nx.read_graphml(target)
    assert graph.nodes["quoter"] == {
        "label": QUOTER, "kind": "organization", "aliases": "Q&A; <q>",
        "description": "Line one\nline two, with a tab\there"}
    assert graph.nodes["--help"] == {"label": "--help", "kind": "person"}
    assert graph.nodes["end"] == {"label": "end", "kind": "other"}
    assert graph.nodes["rocket"]["description"] == "Emoji 🚀, CJK 東京, right-to-left עברית"
    h1 = graph.edges["quoter", "--help", "h1"]
    assert h1["summary"] == 'Says "no" to <everything> & more'
    assert h1["quote"] == "«Non» – said \"they\"\r\nand left"  # the carriage return survives
    assert (h1["date"], h1["start"], h1["end"], h1["mutual"]) == (
        "2023-10-07", "2023-10-07", "2023-10-07", False)
    h2 = graph.edges["quoter", "--help", "h2"]
    assert set(h2) == {"label", "type", "polarity", "weight", "score", "date", "start", "end",
                       "mutual"}
    h3 = graph.edges["--help", "quoter", H3_GRAPHML]
    assert "date" not in h3 and "start" not in h3 and "until" not in h3
    h4 = graph.edges["end", "graph", H4_GRAPHML]
    assert (h4["date"], h4["until"], h4["start"], h4["end"], h4["mutual"]) == (
        "2022", "2023-06", "2022-01-01", "2023-06-30", True)
    # XML 1.0 cannot hold the bell character (U+0007): it becomes U+FFFD.
    assert h4["summary"] == "a bell \ufffd rings"
    h6 = graph.edges["slash", "rocket", "h6"]
    assert (h6["start"], h6["end"], h6["ref"]) == ("2024-02-01", "2024-02-29", "src")
    assert graph.edges["graph", "quoter", "h7"]["summary"] == "Tab\tand emoji 🚀"
    assert "None" not in target.read_text(encoding="utf-8")


def documented_attributes() -> list[tuple[str, str]]:
    """(node or edge, name) of each attribute in the table of docs/export.md, in its order."""
    guide = (TRICKY.parents[2] / "docs" / "export.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (`[^|]+`) \| (node|edge) \|", guide, flags=re.MULTILINE)
    return [(on, name) for names, on in rows for name in re.findall(r"`([^`]+)`", names)]


def test_graphml_declares_each_documented_attribute_once_with_its_type(tmp_path):
    # The table in docs/export.md names the attributes; their types follow from what it says
    # they hold: weight and score are numbers, mutual is true or false, the rest is text.
    types = {"weight": "double", "score": "double", "mutual": "boolean"}
    expected = [(on, name, types.get(name, "string")) for on, name in documented_attributes()]
    assert len(expected) == 18  # 5 for actors, 13 for relations
    target, _ = _write(tmp_path, HOSTILE, "graph.graphml")
    keys = ET.parse(target).getroot().findall("{http://graphml.graphdrawing.org/xmlns}key")
    declared = [(k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in keys]
    assert declared == expected
    assert len({k.get("id") for k in keys}) == len(keys)
    # Each one is used: the hostile data sets every field somewhere.
    graph = nx.read_graphml(target)
    used = {("node", key) for _, d in graph.nodes(data=True) for key in d}
    used |= {("edge", key) for _, _, d in graph.edges(data=True) for key in d}
    assert used == {(on, name) for on, name, _ in expected}


def test_graphml_reads_back_in_igraph(tmp_path):
    igraph = pytest.importorskip("igraph")
    target, _ = _write(tmp_path, HOSTILE, "graph.graphml")
    graph = igraph.Graph.Read_GraphML(str(target))
    assert graph.is_directed()
    assert (graph.vcount(), graph.ecount()) == (7, 7)
    assert dict(zip(graph.vs["id"], graph.vs["label"], strict=True)) == HOSTILE_NAMES
    # igraph 1.0 fills its edge "id" attribute with vertex ids, so edges are compared by their
    # ends and attributes, in file order.
    got = [(graph.vs[e.source]["id"], graph.vs[e.target]["id"], e["type"], e["polarity"],
            e["weight"], e["score"]) for e in graph.es]
    assert got == list(HOSTILE_EDGES.values())
    assert graph.es["mutual"] == [False, False, False, True, True, False, False]
    assert graph.es[0]["quote"] == "«Non» – said \"they\"\r\nand left"


def test_graphml_keeps_parallel_relations_of_one_type_as_separate_edges(tmp_path):
    target, _ = _write(tmp_path, TRICKY, "graph.graphml")
    graph = nx.read_graphml(target)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (8, 13)
    assert sorted(graph["militia"]["north"]) == ["militia-attack-north-2021-06",
                                                 "militia-attack-north-2021-06-3"]
    edge_ids = [e.get("id") for e in ET.parse(target).getroot().iter(
        "{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(edge_ids) == len(set(edge_ids)) == 13


# -- GEXF read back ----------------------------------------------------------------------------

def test_gexf_reads_back_in_networkx_with_every_actor_and_relation(tmp_path):
    target, _ = _write(tmp_path, HOSTILE, "graph.gexf")
    graph = read_gexf(target)
    assert isinstance(graph, nx.MultiDiGraph)
    assert {n: d["label"] for n, d in graph.nodes(data=True)} == HOSTILE_NAMES
    got = {key: (u, v, d["type"], d["polarity"], d["weight"], d["score"])
           for u, v, key, d in graph.edges(keys=True, data=True)}
    assert got == HOSTILE_EDGES  # GEXF ids may be any string: the relation ids as they are
    h1 = graph.edges["quoter", "--help", "h1"]
    assert h1["quote"] == "«Non» – said \"they\"\r\nand left"
    assert h1["summary"] == 'Says "no" to <everything> & more'
    assert graph.nodes["quoter"]["description"] == "Line one\nline two, with a tab\there"
    assert graph.edges["graph", "quoter", "h7"]["summary"] == "Tab\tand emoji 🚀"


def test_gexf_is_dynamic_with_dated_edges_and_nodes_spanning_their_relations(tmp_path):
    target, _ = _write(tmp_path, HOSTILE, "graph.gexf")
    root = ET.parse(target).getroot()
    graph = root.find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == (
        "dynamic", "date", "directed")
    spans = {e.get("id"): (e.get("start"), e.get("end")) for e in graph.iter(f"{GEXF}edge")}
    assert spans == {
        "h1": ("2023-10-07", "2023-10-07"), "h2": ("2023-10-07", "2023-10-07"),
        H3: (None, None), H4: ("2022-01-01", "2023-06-30"), "h5": (None, None),
        "h6": ("2024-02-01", "2024-02-29"), "h7": ("2023-01-01", "2023-12-31")}
    nodes = {n.get("id"): (n.get("start"), n.get("end")) for n in graph.iter(f"{GEXF}node")}
    # quoter, --help: an undated relation (h3); end, rocket: h5 undated; loner: no relation.
    assert nodes == {
        "quoter": (None, None), "--help": (None, None), "end": (None, None),
        "graph": ("2022-01-01", "2023-12-31"), "rocket": (None, None),
        "slash": ("2024-02-01", "2024-02-29"), "loner": (None, None)}


def test_gexf_node_spans_on_the_tricky_graph(tmp_path):
    target, _ = _write(tmp_path, TRICKY, "graph.gexf")
    nodes = {n.get("id"): (n.get("start"), n.get("end"))
             for n in ET.parse(target).getroot().iter(f"{GEXF}node")}
    assert nodes == {
        "north": ("2015-01-01", "2021-06-30"),  # r11 2015..2017 to the militia's 2021-06
        "south": (None, None), "east": (None, None),  # r4 is undated
        "west": ("2022-01-01", "2022-12-31"), "cote": ("2018-02-28", "2023-02-28"),
        "guild": ("2021-01-01", "2021-12-31"), "militia": ("2021-06-01", "2021-06-30"),
        "hermit": (None, None)}


def test_gexf_edges_carry_kind_weight_and_a_colour_by_polarity(tmp_path):
    target, _ = _write(tmp_path, HOSTILE, "graph.gexf")
    edges = list(ET.parse(target).getroot().iter(f"{GEXF}edge"))
    red, green, grey = ("214", "39", "40"), ("44", "160", "44"), ("127", "127", "127")
    got = {}
    for edge in edges:
        colour = edge.find(f"{GEXF}color")
        got[edge.get("id")] = (edge.get("kind"), edge.get("label"), edge.get("weight"),
                               (colour.get("r"), colour.get("g"), colour.get("b")))
    assert got == {
        "h1": ("denounce", "denounce", "2.0", red), "h2": ("denounce", "denounce", "2.0", red),
        H3: ("denounce", "denounce", "2.0", red),
        H4: ("arms supply", "arms supply", "8.3", green),
        "h5": ("meet", "meet", "0.1", grey), "h6": ("arms supply", "arms supply", "5.0", green),
        "h7": ("denounce", "denounce", "2.0", red)}


def test_gexf_attribute_types_are_declared_once(tmp_path):
    target, _ = _write(tmp_path, HOSTILE, "graph.gexf")
    blocks = ET.parse(target).getroot().iter(f"{GEXF}attributes")
    declared = {b.get("class"): [(a.get("title"), a.get("type")) for a in b] for b in blocks}
    assert declared == {
        "node": [("kind", "string"), ("aliases", "string"), ("codes", "string"),
                 ("description", "string")],
        "edge": [("type", "string"), ("polarity", "string"), ("score", "double"),
                 ("date", "string"), ("until", "string"), ("mutual", "boolean"),
                 ("summary", "string"), ("quote", "string"), ("ref", "string")]}


def test_filters_and_neighbourhoods_reach_the_xml_exports(tmp_path):
    target, written = _write(tmp_path, TRICKY, "graph.gexf", actor="guild", depth=2)
    assert (written.actors, written.relations) == (3, 3)
    graph = read_gexf(target)
    assert sorted(graph.nodes) == ["cote", "guild", "south"]
    # No parallel edges here, so NetworkX reads a DiGraph; the relation id is the edge "id".
    assert sorted(i for _, _, i in graph.edges(data="id")) == ["r12", "r7", "r8"]



# -- escaping, for any text ----------------------------------------------------------------------

NOT_XML = "[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


@given(st.text())
def test_any_text_reads_back_from_xml_exactly_but_for_what_xml_cannot_hold(value):
    expected = re.sub(NOT_XML, "\ufffd", value)
    element = ET.fromstring(f'<a b="{xmltext.attribute(value)}">{xmltext.text(value)}</a>')
    assert element.get("b") == expected
    assert (element.text or "") == expected


@pytest.fixture(scope="module")
def graphml_schema():
    return _schema("graphml-1.1/graphml.xsd")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
          max_examples=60)
@given(value=st.text(min_size=1))
def test_any_relation_id_becomes_an_edge_id_the_graphml_schema_accepts(graphml_schema, value):
    written = xmltext.nmtoken(value)
    document = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph '
                'edgedefault="directed"><node id="a"/><node id="b"/>'
                f'<edge id="{xmltext.attribute(written)}" source="a" target="b"/>'
                "</graph></graphml>")
    assert graphml_schema.is_valid(document), written
    if re.fullmatch(r"[A-Za-z0-9._:-]+", value):
        assert written == value
