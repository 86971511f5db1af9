"""No line of any command's table output is wider than the terminal, whatever the data.

At 80 and at 60 columns: with a folder imported from the GDELT excerpt with --all-actors
(CAMEO type names such as `engage-in-material-cooperation-not-specified-below`, actor names
made from GDELT's), and with random long actor, type and source names, wide (CJK) characters
included. Cells that must give way are cut with "…"; relation ids stay whole.
"""

from __future__ import annotations

import contextlib
import io
import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from relgraph import answers, render
from relgraph.api import RelGraph
from relgraph.dates import parse_date
from relgraph.model import Actor, Dataset, Relation, RelationType, Source
from relgraph.selection import ALL

GDELT = os.path.join(os.path.dirname(__file__), "data", "gdelt",
                     "20250807220000.export.excerpt.CSV")


def too_wide(text: str, width: int) -> list[str]:
    return [line for line in text.splitlines() if cell_len(line) > width]


@pytest.fixture(scope="module")
def gdelt_folder(tmp_path_factory):
    from typer.testing import CliRunner

    from relgraph.cli import app

    folder = tmp_path_factory.mktemp("gdelt") / "data"
    result = CliRunner().invoke(app, ["import", "gdelt", GDELT, "-o", str(folder),
                                      "--all-actors"])
    assert result.exit_code == 0, result.stderr
    return folder


def test_the_imported_excerpt_has_the_long_names_that_overflowed(run, gdelt_folder):
    # The types the excerpt's CAMEO codes become include names of 40 characters and more.
    types = [t["name"] for t in json.loads(run("types", "--json", data=gdelt_folder).stdout)]
    assert max(map(len, types)) >= 40


@pytest.mark.parametrize("width", [80, 60])
def test_every_command_fits_the_terminal_with_imported_gdelt_data(run, monkeypatch,
                                                                  gdelt_folder, width):
    # nat and russia: the two actors with the most counterparts in the excerpt (central).
    monkeypatch.setenv("COLUMNS", str(width))
    relations = json.loads(run("relations", "--json", data=gdelt_folder).stdout)
    first = relations[0]["id"]
    commands = [["actors"], ["types"], ["relations"], ["relations", "--quotes", "--full"],
                ["timeline", "nat"], ["who-opposes", "nat"], ["who-supports", "nat"],
                ["show", "nat"], ["path", "nat", "russia"], ["trend", "nat", "russia"],
                ["matrix"], ["neighbours", "nat"], ["balance", "--all"], ["central"],
                ["relation", first]]
    for args in commands:
        result = run(*args, data=gdelt_folder)
        assert result.exit_code == 0, (args, result.stderr)
        assert too_wide(result.stdout, width) == [], args
    listing = run("relations", data=gdelt_folder).stdout
    assert all(f"[{r['id']}]" in listing for r in relations)  # every id whole


# -- random long names ----------------------------------------------------------------------

WORDS = st.sampled_from(["engage", "in", "material", "cooperation", "not", "specified",
                         "below", "Al-Quds", "Brigades", "民主", "Ünïcödé", "x" * 30])
NAMES = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
TYPE_NAMES = st.lists(WORDS.filter(lambda w: " " not in w and w.isascii()), min_size=1,
                      max_size=10).map(lambda words: "-".join(words).lower())


@st.composite
def graphs(draw):
    names = draw(st.lists(NAMES, min_size=3, max_size=3))
    actors = [Actor(f"a{i}", name) for i, name in enumerate(names)]
    kinds = draw(st.lists(TYPE_NAMES, min_size=2, max_size=2, unique=True))
    types = {kinds[0]: RelationType(kinds[0], "hostile", -2.0, draw(NAMES), "190"),
             kinds[1]: RelationType(kinds[1], "friendly", 1.5, None, None)}
    source = Source("src-" + "q" * draw(st.integers(1, 30)), draw(NAMES), draw(NAMES),
                    "2023-10", "https://example.org/" + "p" * draw(st.integers(1, 90)))
    relations = []
    for i, (s, t) in enumerate([(0, 1), (1, 0), (0, 2), (2, 1), (1, 2), (0, 1)]):
        kind = types[kinds[i % 2]]
        relations.append(Relation(
            f"r{i}-" + "z" * draw(st.integers(0, 40)), f"a{s}", f"a{t}", kind.name,
            kind.polarity, kind.weight, parse_date("2023-10-0" + str(i + 1)),
            parse_date("2024-02") if i == 3 else None, i == 4, draw(NAMES), draw(NAMES),
            source.key, i + 1))
    return RelGraph.from_dataset(Dataset(actors, types, {source.key: source}, relations, None))


def results(graph: RelGraph) -> list:
    """The result of every command that draws a table, on the random graph."""
    shown = answers.shown(graph, full=True, quotes=True)
    return [answers.actors(graph, ALL), answers.types(graph, ALL),
            answers.relations(graph, ALL, None, None, shown),
            answers.timeline(graph, "a0", None, ALL),
            answers.stance(graph, "a1", "hostile", ALL, False),
            answers.stance(graph, "a1", "friendly", ALL, False),
            graph.show("a0"), answers.paths(graph, "a0", "a2", ALL, shown, k=3),
            graph.trend("a0", "a1"), graph.matrix(), graph.neighbourhood("a0"),
            graph.balance(ALL, every=True), graph.central(ALL),
            answers.relation(graph, graph.relations[3].id)]


@settings(max_examples=25, deadline=None)
@given(graphs())
def test_every_table_fits_80_and_60_columns_whatever_the_names(graph):
    saved = os.environ.get("COLUMNS")
    try:
        for width in (80, 60):
            os.environ["COLUMNS"] = str(width)
            for n, result in enumerate(results(graph)):  # afresh: a listing is read once
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    render.emit(result)
                assert too_wide(out.getvalue(), width) == [], type(result).__name__
                if n == 2:  # `relations`: every id whole, never cut
                    assert all(f"[{r.id}]" in out.getvalue() for r in graph.relations)
    finally:
        os.environ["COLUMNS"] = saved or "80"
