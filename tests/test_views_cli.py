"""The analyst views through the CLI on tests/data/views: exact text at 80 columns, JSON alone
on stdout, the window and type filters, and the usage errors.

The numbers are those worked out by hand in tests/test_views.py (A alder, B birch, ...).
"""

import json

import pytest
from test_views import VIEWS


@pytest.fixture
def views(run):
    return lambda *args: run(*args, data=VIEWS)


def _json(result):
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)  # stdout holds the JSON and nothing else


# -- text ----------------------------------------------------------------------------------

def test_trend_draws_signed_bars_and_lists_each_relation_where_it_enters(views):
    # Values by year as in test_views; the largest |value| is 3, drawn 10 wide: 2 -> 7
    # blocks, 1 -> 3; negative ones left of the axis. 2013 has nothing (·); 2014 has B -> A 0.
    result = views("trend", "Alder", "Birch")
    assert result.exit_code == 0
    assert result.stdout == (
        "Bars: per year, the sum of the weights of the relations each way (· none).\n"
        "Each relation is listed under the first year it overlaps.\n"
        "            Alder -> Birch             Birch -> Alder\n"
        "2010   +2           │███████      +2           │███████\n"
        "  +2  cooperation   2010..2012  Alder <-> Birch\n"
        "2011   +3           │██████████   +2           │███████\n"
        "  +1  visit         2011        Alder -> Birch\n"
        "2012   +2           │███████      -1        ███│\n"
        "  -3  condemnation  2012-03     Birch -> Alder\n"
        "2013    ·           │              ·           │\n"
        "2014    ·           │              0           │\n"
        "   0  talks         2014-06     Birch -> Alder\n"
        "undated, not charted (1):\n"
        "   0  talks         undated     Alder -> Birch\n"
    )


def test_trend_joins_months_with_the_same_relations_into_one_line(views):
    # By month from 2010-01 to 2011-12: t1 alone through 2010, t1 and t2 through 2011.
    # The largest value is 3 (10 blocks), so each 2 gets 7.
    result = views("trend", "alder", "birch", "--by", "month", "--until", "2011")
    assert result.stdout.splitlines()[3:7] == [
        "2010-01..2010-12   +2           │███████      +2           │███████",
        "  +2  cooperation  2010..2012  Alder <-> Birch",
        "2011-01..2011-12   +3           │██████████   +2           │███████",
        "  +1  visit        2011        Alder -> Birch",
    ]


def test_matrix_prints_a_numbered_grid(views):
    # Cells as in test_matrix_cells_are_stances_with_zeros_where_nothing_joins: D -> A has no
    # relation (·), the diagonal is -.
    result = views("matrix", "alder", "birch", "dogwood")
    assert result.stdout == (
        "Each row's stance towards each column: the sum of the weights of its relations\n"
        "to the column, mutual ones included (red hostile, green friendly, · none).\n"
        "            1  2  3\n"
        "1. Alder    - +3 -3\n"
        "2. Birch   -1  - +2\n"
        "3. Dogwood  · +2  -\n"
    )


def test_neighbours_draw_a_tree_labelled_with_the_relations(views):
    # Fig's branches: D (fd attack, df visit, 2020) and E (ef support); A, B and C hang from
    # D, the first by name of the actors a hop nearer. The tree shows 2 + 1 + 1 + 1 + 1 = 6 of
    # the 18 relations among A-F.
    result = views("neighbours", "Fig", "--depth", "2")
    assert result.stdout == (
        "Fig (fig)\n"
        "├── Dogwood  attack 2020, visit 2020\n"
        "│   ├── Alder  condemnation 2016\n"
        "│   ├── Birch  cooperation 2015..2018\n"
        "│   └── Cedar  condemnation 2018\n"
        "└── Elm  support 2020\n"
        "5 actors within 2 hops; 18 relations among them, of which the tree shows 6.\n"
    )


def test_neighbors_is_the_same_command(views):
    assert views("neighbors", "fig").stdout == views("neighbours", "fig").stdout


def test_balance_prints_each_unbalanced_triangle_with_its_pairs_and_relations(views):
    # Elm's triangles: DEF (11), ACE (10), ADE (10) unbalanced, CDE balanced: 1 of 4.
    # A pair already shown (A-E, D-E in ADE) is not listed again.
    result = views("balance", "--actor", "elm")
    assert result.stdout == (
        "1. Dogwood, Elm, Fig  (strain 11)\n"
        "  Dogwood - Elm    +3\n"
        "    +1  visit         2019  Dogwood -> Elm\n"
        "    +2  cooperation   2019  Elm <-> Dogwood\n"
        "  Dogwood - Fig    -4\n"
        "    -5  attack        2020  Fig -> Dogwood\n"
        "    +1  visit         2020  Dogwood -> Fig\n"
        "  Elm - Fig        +4\n"
        "    +4  support       2020  Elm -> Fig\n"
        "2. Alder, Cedar, Elm  (strain 10)\n"
        "  Alder - Cedar    +4\n"
        "    +4  support       2015  Alder -> Cedar\n"
        "  Alder - Elm      +4\n"
        "    +4  support       2016  Elm -> Alder\n"
        "  Cedar - Elm      -2\n"
        "    +1  visit         2019  Elm -> Cedar\n"
        "    -3  condemnation  2019  Cedar -> Elm\n"
        "3. Alder, Dogwood, Elm  (strain 10)\n"
        "  Alder - Dogwood  -3\n"
        "    -3  condemnation  2016  Alder -> Dogwood\n"
        "  Alder - Elm      +4  (1 relation above)\n"
        "  Dogwood - Elm    +3  (2 relations above)\n"
        "1 of 4 triangles containing Elm is balanced (25%).\n"
    )


def test_balance_limit_says_how_many_it_left_out(views):
    # Elm's 3 unbalanced triangles, the strongest (DEF) listed.
    lines = views("balance", "--actor", "elm", "--limit", "1").stdout.splitlines()
    assert lines[0] == "1. Dogwood, Elm, Fig  (strain 11)"
    assert lines[-2:] == ["1 of 4 triangles containing Elm is balanced (25%).",
                          "Listed: the 1 strongest of 3 unbalanced triangles."]


def test_balance_says_so_when_nothing_is_unbalanced(views):
    assert views("balance", "--actor", "birch").stdout == (
        "1 of 1 triangle containing Birch is balanced (100%). None is unbalanced.\n")


def test_balance_help_says_what_balance_means(views):
    text = " ".join(views("balance", "--help").stdout.split())
    assert "balanced when the product of the signs of its three pairs" in text


def test_central_says_what_the_measure_means_above_the_ranking(views):
    # The path Ginkgo - Hazel - Iris: Hazel is on the one shortest path between the other two
    # (betweenness 1), the ends on none.
    result = views("central", "--by", "betweenness", "--type", "alliance", "--type", "rivalry")
    assert result.stdout == (
        "betweenness: the share of the shortest paths between two other actors that pass\n"
        "through it (NetworkX's normalised betweenness centrality of the undirected graph\n"
        "of actor pairs).\n"
        "┏━━━┳━━━━━━━━┳━━━━━━━━━━━━━┓\n"
        "┃ # ┃ actor  ┃ betweenness ┃\n"
        "┡━━━╇━━━━━━━━╇━━━━━━━━━━━━━┩\n"
        "│ 1 │ Hazel  │      1.0000 │\n"
        "│ 2 │ Ginkgo │      0.0000 │\n"
        "│ 3 │ Iris   │      0.0000 │\n"
        "└───┴────────┴─────────────┘\n"
    )


@pytest.mark.parametrize("args", [
    ("trend", "alder", "birch", "--since", "2030"),
    ("matrix", "--since", "2030"),
    ("neighbours", "maple"),
    ("balance", "--since", "2030"),
    ("central", "--since", "2030"),
])
def test_an_empty_view_says_so_in_words_and_succeeds(views, args):
    result = views(*args)
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1 and result.stdout.startswith("No ")


# -- JSON and filters ----------------------------------------------------------------------

def test_trend_json_with_a_type_filter(views):
    # --type condemnation keeps t3 (B -> A -3, 2012-03) alone: one period, A -> B a gap.
    assert _json(views("trend", "alder", "birch", "--type", "condemnation", "--json")) == {
        "a": "alder", "b": "birch",
        "periods": [{"period": "2012", "a_to_b": None, "b_to_a": -3, "relations": ["t3"]}],
        "undated": [],
    }


def test_trend_json_inside_a_window(views):
    # --since 2011 --until 2012: 2011 (t1, t2) and 2012 (t1, t3); t4 (2014) and t5 (undated)
    # are outside.
    result = _json(views("trend", "alder", "birch", "--since", "2011", "--until", "2012",
                         "--json"))
    assert [(p["period"], p["a_to_b"], p["b_to_a"]) for p in result["periods"]] == [
        ("2011", 3, 2), ("2012", 2, -1)]
    assert result["undated"] == []


def test_matrix_json_with_a_window_keeps_the_most_connected(views):
    # Since 2019 as in test_matrix_counts_relations_inside_the_selection; E -> D: ed (+2).
    result = _json(views("matrix", "--since", "2019", "--json"))
    assert result["actors"] == ["elm", "dogwood", "fig", "cedar"]
    assert {"source": "elm", "target": "dogwood", "net": 2, "hostile": 0, "friendly": 1} \
        in result["cells"]
    assert len(result["cells"]) == 12


def test_neighbours_json_with_a_type_filter(views):
    result = _json(views("neighbours", "fig", "--type", "support", "--depth", "3", "--json"))
    assert result["actor"] == "fig" and result["depth"] == 3
    assert result["actors"] == [{"id": "fig", "name": "Fig", "distance": 0},
                                {"id": "elm", "name": "Elm", "distance": 1},
                                {"id": "alder", "name": "Alder", "distance": 2},
                                {"id": "cedar", "name": "Cedar", "distance": 3}]
    assert [r["id"] for r in result["relations"]] == ["ac", "ea", "ef"]


def test_balance_json_inside_a_window(views):
    # Until 2019 as in test_balance_inside_a_window: ACE and ADE (10 each, by ids); 3 of 5.
    result = _json(views("balance", "--until", "2019", "--json"))
    assert [t["actors"] for t in result["triangles"]] == [
        ["alder", "cedar", "elm"], ["alder", "dogwood", "elm"]]
    assert (result["total"], result["balanced"], result["share"]) == (5, 3, 0.6)
    assert set(result["triangles"][0]) == {"actors", "pairs", "balanced", "strain"}


def test_balance_json_since_a_date_without_triangles(views):
    # Since 2020: fd, df, ef only, D-F and E-F but no D-E: no triangle.
    assert _json(views("balance", "--since", "2020", "--json")) == {
        "triangles": [], "total": 0, "balanced": 0, "share": None}


def test_central_json_inside_a_window(views):
    # Since 2020: F joined to D and E; D and E to F only.
    assert _json(views("central", "--since", "2020", "--json")) == [
        {"actor": "fig", "name": "Fig", "score": 2},
        {"actor": "dogwood", "name": "Dogwood", "score": 1},
        {"actor": "elm", "name": "Elm", "score": 1}]


# -- usage errors --------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (("trend", "alder", "birch", "--by", "fortnight"),
     "--by must be year, month, week or day, not 'fortnight'"),
    (("trend", "alder", "Alder"), "Alder is named twice; name two different actors"),
    (("central", "--by", "closeness"),
     "--by must be degree, betweenness or pagerank, not 'closeness'"),
    (("neighbours", "fig", "--depth", "-1"), "--depth must be 0 or more, not -1"),
    (("matrix", "alder"), "a matrix needs two actors or more"),
    (("matrix", "alder", "birch", "ALDER"), "Alder is named twice; name each actor once"),
    (("balance", "--actor", "aldr"), "unknown actor 'aldr' (did you mean Alder?)"),
    (("balance", "--limit", "0"), "--limit must be 1 or more, not 0"),
])
def test_bad_view_arguments_are_usage_errors_on_one_line(views, args, message):
    result = views(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"relgraph: {message}\n"
