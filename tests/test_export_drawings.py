"""DOT and Mermaid: any actor name is safe. DOT is rendered by Graphviz's own `dot` (skipped where
it is not installed) and read back from the SVG; Mermaid, which has no reader here, is checked
line by line against its syntax and decoded by a decoder written for the test.

Expected values are worked out by hand from tests/data/hostile and tests/data/tricky.
"""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from conftest import TRICKY
from hypothesis import given
from hypothesis import strategies as st

HOSTILE = TRICKY.parent / "hostile"
SVG = "{http://www.w3.org/2000/svg}"
RED, GREEN, GREY = "#d62728", "#2ca02c", "#7f7f7f"

needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz `dot` is not installed")


@pytest.fixture
def export(run):
    def go(data, *args):
        result = run("export", *args, data=data)
        assert result.exit_code == 0, result.stderr
        return result.stdout
    return go


def _svg(dot_source: str) -> ET.Element:
    done = subprocess.run(["dot", "-Tsvg"], input=dot_source.encode("utf-8"),
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return ET.fromstring(done.stdout)


def _groups(svg: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if g.get("class") == kind]


# -- DOT --------------------------------------------------------------------------------------

@needs_dot
def test_graphviz_draws_every_hostile_name_as_written(export):
    svg = _svg(export(HOSTILE, "-f", "dot"))
    nodes = {g.find(f"{SVG}title").text: "".join(t.text for t in g.iter(f"{SVG}text"))
             for g in _groups(svg, "node")}
    assert nodes == {"quoter": 'The "Quoted" <Party> & Co', "--help": "--help", "end": "end",
                     "graph": "graph", "rocket": "Rocket 🚀 Club",
                     "slash": 'Back\\slash "and" #quot; | pipe `tick`', "loner": "Loner"}


@needs_dot
def test_graphviz_draws_every_relation_with_its_label_and_polarity_colour(export):
    svg = _svg(export(HOSTILE, "-f", "dot"))
    edges = {}
    for group in _groups(svg, "edge"):
        lines = [t.text for t in group.iter(f"{SVG}text")]
        stroke = next(group.iter(f"{SVG}path")).get("stroke")
        edges[group.get("id")] = (group.find(f"{SVG}title").text, lines, stroke)
    assert edges == {
        "h1": ("quoter->--help", ["denounce", "2023-10-07"], RED),
        "h2": ("quoter->--help", ["denounce", "2023-10-07"], RED),
        "h 3 <&>": ("--help->quoter", ["denounce"], RED),
        "end-arms supply-graph-2022": ("end->graph", ["arms supply", "2022..2023-06"], GREEN),
        "h5": ("rocket->end", ["meet"], GREY),
        "h6": ("slash->rocket", ["arms supply", "2024-02"], GREEN),
        "h7": ("graph->quoter", ["denounce", "2023"], RED),
    }


@needs_dot
def test_graphviz_tooltips_keep_text_that_looks_like_an_entity(export):
    # Graphviz decodes HTML entities in its strings; the export writes & as &amp; so that a
    # description holding "&amp;" or "&#65;" still shows them as written.
    svg = _svg(export(HOSTILE, "-f", "dot"))
    link = "{http://www.w3.org/1999/xlink}title"
    tips = {g.find(f"{SVG}title").text: next(g.iter(f"{SVG}a")).get(link)
            for g in _groups(svg, "node")}
    assert tips["loner"] == "No relations at all; &amp; and &#65; are written, not entities"
    assert tips["quoter"] == "Line one\nline two, with a tab here"  # a tab becomes a space
    assert tips["end"] == "end"  # no description: the name


@needs_dot
def test_graphviz_draws_the_tricky_graph_with_both_parallel_attacks(export):
    svg = _svg(export(TRICKY, "-f", "dot"))
    assert len(_groups(svg, "node")) == 8
    titles = [g.find(f"{SVG}title").text for g in _groups(svg, "edge")]
    assert len(titles) == 13
    assert titles.count("militia->north") == 2
    assert titles.count("north->south") == 3


TOKEN = re.compile(r'\s*("(?:\\.|[^"\\])*"|->|[{}\[\];,=]|[A-Za-z0-9_.#]+)')


def parse_dot(text: str) -> tuple[dict, list]:
    """Read the DOT subset relgraph writes, without Graphviz: `digraph relgraph { ... }` with
    `ID [attrs];` nodes, `ID -> ID [attrs];` edges and graph/node/edge defaults. Fails on
    anything else, on a graph not closed by its `}` and on text after it."""
    tokens, at = [], 0
    while text[at:].strip():
        match = TOKEN.match(text, at)
        assert match, f"not DOT at {text[at:at + 30]!r}"
        tokens.append(match[1])
        at = match.end()

    def value(token: str) -> str:
        if token.startswith('"'):
            # \n is Graphviz's line break; any other backslash escapes the next character.
            return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1],
                          token[1:-1]).replace("&amp;", "&")
        return token

    def attributes(i: int) -> tuple[dict, int]:
        assert tokens[i] == "[", tokens[i]
        found, i = {}, i + 1
        while tokens[i] != "]":
            assert tokens[i + 1] == "=", tokens[i:i + 3]
            found[tokens[i]] = value(tokens[i + 2])
            i += 3
            if tokens[i] == ",":
                i += 1
        return found, i + 1

    assert tokens[:3] == ["digraph", "relgraph", "{"], tokens[:3]
    nodes, edges, i = {}, [], 3
    while i < len(tokens) and tokens[i] != "}":
        if tokens[i] in ("graph", "node", "edge"):
            _, i = attributes(i + 1)
        elif tokens[i + 1] == "->":
            ends = (value(tokens[i]), value(tokens[i + 2]))
            found, i = attributes(i + 3)
            edges.append((*ends, found))
        else:
            name = value(tokens[i])
            nodes[name], i = attributes(i + 1)
        assert tokens[i] == ";", tokens[i]
        i += 1
    assert i == len(tokens) - 1 and tokens[i] == "}", "the graph is not closed by its }"
    return nodes, edges


def test_dot_of_the_tricky_graph_reads_back_without_graphviz(export):
    nodes, edges = parse_dot(export(TRICKY, "-f", "dot"))
    # tests/data/tricky/actors.yaml: eight actors, hermit without relations.
    assert {k: v["label"] for k, v in nodes.items()} == {
        "north": "Northland", "south": "Southland", "east": "Eastria", "west": "Westmark",
        "cote": "Côte d'Ivoire", "guild": "Traders' Guild", "militia": "Red Militia",
        "hermit": "Hermit Kingdom"}
    # relations.yaml, in file order: (source, target, id, type and date, colour by polarity:
    # condemn, attack, sanction hostile; aid, talks friendly; observe neutral; mutual: both).
    m1, m2, m3 = (f"militia-attack-north-2021-06{n}" for n in ("", "-3", "-2"))
    assert [(s, t, a["id"], a["label"], a["color"], a.get("dir")) for s, t, a in edges] == [
        ("north", "south", "r1", "condemn\n2020-03", RED, None),
        ("north", "south", "r2", "attack\n2021-06-15", RED, None),
        ("north", "south", "r3", "aid\n2019", GREEN, None),
        ("east", "south", "r4", "sanction", RED, None),
        ("west", "south", "r5", "condemn\n2022", RED, "both"),
        ("south", "north", "r6", "talks\n2020-01..2020-02", GREEN, None),
        ("cote", "south", "r7", "aid\n2018-02-28", GREEN, None),
        ("guild", "cote", "r8", "observe\n2021", GREY, None),
        ("militia", "north", m1, "attack\n2021-06", RED, None),
        ("militia", "north", m2, "attack\n2021-06", RED, None),
        ("north", "east", "r11", "talks\n2015..2017", GREEN, "both"),
        ("south", "cote", "r12", "condemn\n2023-02", RED, None),
        ("east", "west", m3, "aid\n2022-12-31", GREEN, None),
    ]


def test_the_dot_reader_of_these_tests_refuses_an_unclosed_graph(export):
    text = export(TRICKY, "-f", "dot")
    with pytest.raises(AssertionError, match="not closed"):
        parse_dot(text.rstrip().removesuffix("}"))
    with pytest.raises(AssertionError):
        parse_dot(text + "}\n")


def test_dot_marks_mutual_relations_with_two_arrowheads(export):
    lines = export(TRICKY, "-f", "dot").splitlines()
    mutual = [line for line in lines if "dir=both" in line]
    assert [line.split(" [")[0].strip() for line in mutual] == [
        '"west" -> "south"', '"north" -> "east"']  # r5 and r11


def test_dot_pen_width_grows_with_intensity(export):
    lines = export(TRICKY, "-f", "dot", "--type", "attack", "--type", "sanction").splitlines()
    widths = re.findall(r"penwidth=([0-9.]+)", "\n".join(lines))
    # attack |-10| -> 1 + 10/4; sanction |-1| -> 1 + 1/4
    assert widths == ["3.50", "1.25", "3.50", "3.50"]


# -- Mermaid ----------------------------------------------------------------------------------

NODE = re.compile(r'  (n\d+)\["([^"]*)"\]')
LINK = re.compile(r'  (n\d+) (-->|<-->)\|"([^"]*)"\| (n\d+)')
STYLE = re.compile(r"  linkStyle (\d+) stroke:(#[0-9a-f]{6}),stroke-width:(\d)px,"
                   r"color:(#[0-9a-f]{6})")
ENTITY = re.compile(r"#(quot|lt|gt|amp|\d+);")
NAMED = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}


def _decode(label: str) -> str:
    """What a browser shows for a Mermaid label: entity codes and <br> decoded."""
    label = label.replace("<br>", "\n")
    return ENTITY.sub(lambda m: NAMED.get(m[1]) or chr(int(m[1])), label)


def test_mermaid_for_a_neighbourhood_is_exactly_this(export):
    assert export(TRICKY, "-f", "mermaid", "--actor", "guild", "--depth", "2") == (
        "flowchart LR\n"
        '  n0["Southland"]\n'
        '  n1["Côte d\'Ivoire"]\n'
        '  n2["Traders\' Guild"]\n'
        '  n1 -->|"aid 2018-02-28"| n0\n'
        '  n2 -->|"observe 2021"| n1\n'
        '  n0 -->|"condemn 2023-02"| n1\n'
        "  linkStyle 0 stroke:#2ca02c,stroke-width:4px,color:#2ca02c\n"
        "  linkStyle 1 stroke:#7f7f7f,stroke-width:1px,color:#7f7f7f\n"
        "  linkStyle 2 stroke:#d62728,stroke-width:1px,color:#d62728\n")


def test_mermaid_escapes_every_hostile_name(export):
    lines = export(HOSTILE, "-f", "mermaid").splitlines()
    assert lines[0] == "flowchart LR"
    nodes = [NODE.fullmatch(line) for line in lines[1:8]]
    assert all(nodes), lines[1:8]
    assert nodes[0][2] == "The #quot;Quoted#quot; #lt;Party#gt; #amp; Co"
    assert nodes[5][2] == "Back\\slash #quot;and#quot; #35;quot; #124; pipe #96;tick#96;"
    assert [(m[1], _decode(m[2])) for m in nodes] == [
        ("n0", 'The "Quoted" <Party> & Co'), ("n1", "--help"), ("n2", "end"), ("n3", "graph"),
        ("n4", "Rocket 🚀 Club"), ("n5", 'Back\\slash "and" #quot; | pipe `tick`'),
        ("n6", "Loner")]


def test_mermaid_links_follow_the_relations_with_their_colours(export):
    lines = export(HOSTILE, "-f", "mermaid").splitlines()
    links = [LINK.fullmatch(line) for line in lines[8:15]]
    assert all(links), lines[8:15]
    assert [(m[1], m[2], _decode(m[3]), m[4]) for m in links] == [
        ("n0", "-->", "denounce 2023-10-07", "n1"),
        ("n0", "-->", "denounce 2023-10-07", "n1"),
        ("n1", "-->", "denounce", "n0"),
        ("n2", "<-->", "arms supply 2022..2023-06", "n3"),
        ("n4", "<-->", "meet", "n2"),
        ("n5", "-->", "arms supply 2024-02", "n4"),
        ("n3", "-->", "denounce 2023", "n0")]
    styles = [STYLE.fullmatch(line) for line in lines[15:]]
    assert all(styles), lines[15:]
    # widths: |weight| / 2 rounded, at least 1: 2 -> 1, 8.3 -> 4, 0.1 -> 1, 5 -> 2 (half to even)
    assert [(int(m[1]), m[2], int(m[3])) for m in styles] == [
        (0, RED, 1), (1, RED, 1), (2, RED, 1), (3, GREEN, 4), (4, GREY, 1), (5, GREEN, 2),
        (6, RED, 1)]


# -- escaping, for any text ----------------------------------------------------------------------

@given(st.text())
def test_mermaid_labels_show_any_text_and_hold_no_syntax(value):
    from relgraph.export.mermaid import label

    written = label(value)
    assert written.startswith('"') and written.endswith('"')
    inner = written[1:-1]
    assert not set(inner) & set('"`|\n\r')
    assert "<" not in inner.replace("<br>", "")
    expected = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", "\ufffd", value)
    expected = expected.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    assert _decode(inner) == expected


@given(st.text())
def test_dot_strings_hold_any_text_between_their_quotes(value):
    from relgraph.export.dot import quote

    written = quote(value)
    inner = written[1:-1]
    assert written[0] == written[-1] == '"'
    assert "\n" not in inner and "\r" not in inner
    # Every quote inside is escaped: an odd run of backslashes stands before it.
    for match in re.finditer('"', inner):
        run = len(inner[:match.start()]) - len(inner[:match.start()].rstrip("\\"))
        assert run % 2 == 1
    assert not inner.endswith("\\") or (len(inner) - len(inner.rstrip("\\"))) % 2 == 0
