"""The analyst views on tests/data/views, every expected number worked out by hand.

Letters: A alder, B birch, C cedar, D dogwood, E elm, F fig (see the data files). Stance of X
towards Y = the relations from X to Y plus the mutual ones between them.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import HERE
from hypothesis import given, settings
from hypothesis import strategies as st

from relgraph import load
from relgraph.errors import UsageError

VIEWS = HERE / "data" / "views"


@pytest.fixture(scope="module")
def graph():
    return load(VIEWS)


# -- trend ---------------------------------------------------------------------------------

def test_trend_counts_a_span_in_every_year_it_overlaps_and_keeps_gaps_apart_from_zeros(graph):
    # A -> B: t1 (A<->B +2, 2010..2012), t2 (A->B +1, 2011), t5 (undated).
    # B -> A: t1 (+2, 2010..2012), t3 (-3, 2012-03), t4 (0, 2014-06).
    # 2010: A->B 2, B->A 2.  2011: A->B 2+1 = 3, B->A 2.  2012: A->B 2, B->A 2-3 = -1.
    # 2013: no relation either way (null, null).  2014: only t4, B->A 0 (a zero, not a gap).
    result = graph.trend("alder", "birch").as_dict()
    assert result == {
        "a": "alder", "b": "birch",
        "periods": [
            {"period": "2010", "a_to_b": 2, "b_to_a": 2, "relations": ["t1"]},
            {"period": "2011", "a_to_b": 3, "b_to_a": 2, "relations": ["t1", "t2"]},
            {"period": "2012", "a_to_b": 2, "b_to_a": -1, "relations": ["t1", "t3"]},
            {"period": "2013", "a_to_b": None, "b_to_a": None, "relations": []},
            {"period": "2014", "a_to_b": None, "b_to_a": 0, "relations": ["t4"]},
        ],
        "undated": ["t5"],
    }


def test_trend_the_other_way_round_swaps_the_directions(graph):
    result = graph.trend("birch", "alder").as_dict()
    assert [(p["period"], p["a_to_b"], p["b_to_a"]) for p in result["periods"]] == [
        ("2010", 2, 2), ("2011", 2, 3), ("2012", -1, 2), ("2013", None, None), ("2014", 0, None)]


def test_trend_by_month_spreads_a_year_over_its_twelve_months(graph):
    # From 2010-01 (t1's first month) to 2014-06 (t4): 4 * 12 + 6 = 54 months.
    periods = {p["period"]: p for p in graph.trend("alder", "birch", by="month")
               .as_dict()["periods"]}
    assert len(periods) == 54
    assert list(periods)[0] == "2010-01" and list(periods)[-1] == "2014-06"
    # t2 is dated 2011: it counts in January and in December of 2011, beside t1.
    for month in ("2011-01", "2011-12"):
        assert (periods[month]["a_to_b"], periods[month]["relations"]) == (3, ["t1", "t2"])
    # t3 (2012-03) covers March only: B -> A 2 - 3 = -1 there, 2 in February and April.
    assert [periods[m]["b_to_a"] for m in ("2012-02", "2012-03", "2012-04")] == [2, -1, 2]
    # 2013-01 .. 2014-05 have no relation; June 2014 has t4 (B -> A 0).
    assert periods["2014-05"] == {"period": "2014-05", "a_to_b": None, "b_to_a": None,
                                  "relations": []}
    assert periods["2014-06"]["b_to_a"] == 0 and periods["2014-06"]["a_to_b"] is None


def test_trend_periods_stay_inside_the_window(graph):
    # --since 2012-02 --until 2012-04: t1 spans it, t3 is in March; t5 (undated) drops out.
    window = graph.selection(since="2012-02", until="2012-04")
    result = graph.trend("alder", "birch", window, by="month").as_dict()
    assert [(p["period"], p["a_to_b"], p["b_to_a"]) for p in result["periods"]] == [
        ("2012-02", 2, 2), ("2012-03", 2, -1), ("2012-04", 2, 2)]
    assert result["undated"] == []


def test_trend_by_week_labels_iso_weeks_by_their_monday(graph):
    # 2012-03-01 is a Thursday, so 2012-02-27 and 2012-03-05 are Mondays. In the window
    # 2012-02-27 .. 2012-03-05 both weeks hold t1 (2010..2012) and t3 (2012-03, from March 1):
    # A -> B 2, B -> A 2 - 3 = -1. The second week is clipped to its Monday by the window.
    window = graph.selection(since="2012-02-27", until="2012-03-05")
    result = graph.trend("alder", "birch", window, by="week").as_dict()
    assert [(p["period"], p["a_to_b"], p["b_to_a"], p["relations"])
            for p in result["periods"]] == [("2012-02-27", 2, -1, ["t1", "t3"]),
                                            ("2012-03-05", 2, -1, ["t1", "t3"])]


def test_trend_by_week_starting_midweek_is_still_labelled_by_the_monday(graph):
    window = graph.selection(since="2012-02-29", until="2012-03-01")
    result = graph.trend("alder", "birch", window, by="week").as_dict()
    assert [(p["period"], p["a_to_b"], p["b_to_a"]) for p in result["periods"]] == [
        ("2012-02-27", 2, -1)]


def test_trend_by_day_puts_a_month_in_each_of_its_days(graph):
    # 2012-02-29: t1 alone (2 each way); 2012-03-01: t1 and t3 (B -> A 2 - 3 = -1).
    window = graph.selection(since="2012-02-29", until="2012-03-01")
    result = graph.trend("alder", "birch", window, by="day").as_dict()
    assert [(p["period"], p["a_to_b"], p["b_to_a"]) for p in result["periods"]] == [
        ("2012-02-29", 2, 2), ("2012-03-01", 2, -1)]


def test_trend_by_fortnight_is_a_usage_error_naming_by(graph):
    with pytest.raises(UsageError) as error:
        graph.trend("alder", "birch", by="fortnight")
    assert error.value.params == ("by",)


# -- matrix --------------------------------------------------------------------------------

def test_matrix_defaults_to_the_ten_actors_with_most_relations_ties_by_name(graph):
    # Relations at either end: A 8 (t1-t5, ac, ad, ea), B 7 (t1-t5, bc, bd),
    # D 7 (ad, bd, dc, de, ed, fd, df), E 6 (ea, ec, ce, de, ed, ef), C 5 (ac, bc, dc, ec, ce),
    # F 3 (fd, df, ef), Hazel 2 (gh, hi), Juniper 2 (lj, jk), then four with 1: Ginkgo, Iris,
    # Kapok, Larch; by name Ginkgo and Iris take the last two places. Maple has none.
    result = graph.matrix().as_dict()
    assert result["actors"] == ["alder", "birch", "dogwood", "elm", "cedar", "fig", "hazel",
                                "juniper", "ginkgo", "iris"]
    # One cell for every ordered pair of different actors: 10 * 9.
    assert len(result["cells"]) == 90
    assert len({(c["source"], c["target"]) for c in result["cells"]}) == 90


def test_matrix_cells_are_stances_with_zeros_where_nothing_joins(graph):
    # A -> B: t1 (+2, mutual), t2 (+1), t5 (0, neutral): net 3, 2 friendly, 0 hostile.
    # B -> A: t1 (+2), t3 (-3), t4 (0): net -1, 1 hostile, 1 friendly.
    # A -> D: ad (-3). D -> A: nothing. B -> D and D -> B: bd (+2, mutual).
    result = graph.matrix(["alder", "birch", "dogwood"]).as_dict()
    assert result == {
        "actors": ["alder", "birch", "dogwood"],
        "cells": [
            {"source": "alder", "target": "birch", "net": 3, "hostile": 0, "friendly": 2},
            {"source": "alder", "target": "dogwood", "net": -3, "hostile": 1, "friendly": 0},
            {"source": "birch", "target": "alder", "net": -1, "hostile": 1, "friendly": 1},
            {"source": "birch", "target": "dogwood", "net": 2, "hostile": 0, "friendly": 1},
            {"source": "dogwood", "target": "alder", "net": 0, "hostile": 0, "friendly": 0},
            {"source": "dogwood", "target": "birch", "net": 2, "hostile": 0, "friendly": 1},
        ],
    }


def test_matrix_counts_relations_inside_the_selection(graph):
    # With --since 2019: ec, ce, de, ed (2019), fd, df, ef (2020). E 5 (ec, ce, de, ed, ef),
    # D 4 (de, ed, fd, df), F 3, C 2 (ec, ce).
    assert graph.matrix(selection=graph.selection(since="2019")).as_dict()["actors"] == [
        "elm", "dogwood", "fig", "cedar"]


def test_matrix_of_one_actor_or_of_an_actor_twice_is_a_usage_error(graph):
    with pytest.raises(UsageError):
        graph.matrix(["alder"])
    with pytest.raises(UsageError):
        graph.matrix(["alder", "Alder"])


# -- neighbours ----------------------------------------------------------------------------

def test_neighbours_grow_with_depth(graph):
    # Fig is joined to D (fd, df) and E (ef). At 2 hops: D's and E's others, A (ad, ea),
    # B (bd), C (dc, ec, ce). Nothing more is joined to A-F, so 3 hops add no one.
    def listed(depth):
        return [(a["id"], a["distance"]) for a in graph.neighbourhood("fig", depth=depth)
                .as_dict()["actors"]]

    assert listed(0) == [("fig", 0)]
    assert listed(1) == [("fig", 0), ("dogwood", 1), ("elm", 1)]
    assert listed(2) == [("fig", 0), ("dogwood", 1), ("elm", 1), ("alder", 2), ("birch", 2),
                         ("cedar", 2)]
    assert listed(3) == listed(2)


def test_neighbours_list_every_relation_among_the_listed_actors(graph):
    # Depth 1: F, D, E. Relations with both ends among them, in file order: de, ed (D-E, not
    # touching Fig), fd, df, ef. Depth 2 lists all of A-F: the 18 relations before gh.
    one = graph.neighbourhood("fig", depth=1).as_dict()
    assert [r["id"] for r in one["relations"]] == ["de", "ed", "fd", "df", "ef"]
    assert one["relations"][0]["source"] == "dogwood"  # whole relation objects
    two = graph.neighbourhood("fig", depth=2).as_dict()
    assert len(two["relations"]) == 18
    assert graph.neighbourhood("fig", depth=0).as_dict()["relations"] == []


def test_neighbours_hang_each_actor_from_the_first_nearer_one_by_name(graph):
    # Alder is reached through D (ad) and E (ea); Dogwood comes first by name.
    found = {n.actor.id: n.via for n in graph.neighbourhood("fig", depth=2).actors}
    assert found == {"fig": None, "dogwood": "fig", "elm": "fig", "alder": "dogwood",
                     "birch": "dogwood", "cedar": "dogwood"}


def test_neighbours_follow_only_the_selected_relations(graph):
    # --type support: ef (E -> F), ea (E -> A), ac (A -> C): F - E - A - C, one hop each.
    support = graph.selection(types=["support"])
    assert [(a["id"], a["distance"]) for a in graph.neighbourhood("fig", support, 3)
            .as_dict()["actors"]] == [("fig", 0), ("elm", 1), ("alder", 2), ("cedar", 3)]


def test_a_negative_depth_is_a_usage_error_naming_depth(graph):
    with pytest.raises(UsageError) as error:
        graph.neighbourhood("fig", depth=-1)
    assert error.value.params == ("depth",)


# -- balance -------------------------------------------------------------------------------
# Pair sums (each relation once): AB 2 + 1 - 3 + 0 + 0 = 0 (left out), AC +4, AD -3, AE +4,
# BC -5, BD +2, CD -3, CE +1 - 3 = -2, DE +1 + 2 = +3, DF -5 + 1 = -4, EF +4.
# Triangles (all three pairs signed), sign product and strain (sum of |pair sums|):
#   ACD  + - -  balanced    4+3+3 = 10        ACE  + + -  unbalanced  4+4+2 = 10
#   ADE  - + +  unbalanced  3+4+3 = 10        BCD  - + -  balanced    5+2+3 = 10
#   CDE  - - +  balanced    3+2+3 = 8         DEF  + - +  unbalanced  3+4+4 = 11
# (B-E, A-F, B-F and C-F have no relation; counting t1 twice would make AB +2 and add the
# unbalanced triangles ABC and ABD.) 6 triangles, 3 balanced, share 0.5.

def test_balance_lists_the_unbalanced_triangles_strongest_strain_first_ties_by_ids(graph):
    result = graph.balance().as_dict()
    assert [(t["actors"], t["strain"]) for t in result["triangles"]] == [
        (["dogwood", "elm", "fig"], 11), (["alder", "cedar", "elm"], 10),
        (["alder", "dogwood", "elm"], 10)]
    assert (result["total"], result["balanced"], result["share"]) == (6, 3, 0.5)


def test_balance_gives_each_pair_the_sign_of_its_sum(graph):
    [def_triangle] = [t for t in graph.balance().as_dict()["triangles"]
                      if t["actors"] == ["dogwood", "elm", "fig"]]
    assert def_triangle["balanced"] is False
    assert [(p["a"], p["b"], p["sum"], p["sign"]) for p in def_triangle["pairs"]] == [
        ("dogwood", "elm", 3, 1), ("dogwood", "fig", -4, -1), ("elm", "fig", 4, 1)]
    # The relations behind each pair, either way: D-E is de and ed.
    assert def_triangle["pairs"][0]["relations"] == ["de", "ed"]


def test_balance_all_lists_balanced_triangles_too_in_the_same_order(graph):
    result = graph.balance(every=True).as_dict()
    assert [(t["actors"], t["balanced"]) for t in result["triangles"]] == [
        (["dogwood", "elm", "fig"], False),
        (["alder", "cedar", "dogwood"], True),
        (["alder", "cedar", "elm"], False),
        (["alder", "dogwood", "elm"], False),
        (["birch", "cedar", "dogwood"], True),
        (["cedar", "dogwood", "elm"], True),
    ]


def test_balance_for_one_actor_counts_only_its_triangles(graph):
    # Elm is in ACE, ADE, CDE and DEF: 4 triangles, 1 balanced (CDE).
    elm = graph.balance(actor="elm").as_dict()
    assert (elm["total"], elm["balanced"], elm["share"]) == (4, 1, 0.25)
    assert [t["actors"] for t in elm["triangles"]] == [
        ["dogwood", "elm", "fig"], ["alder", "cedar", "elm"], ["alder", "dogwood", "elm"]]
    # Birch is only in BCD, which is balanced: nothing to list, share 1.
    birch = graph.balance(actor="birch").as_dict()
    assert (birch["triangles"], birch["total"], birch["balanced"], birch["share"]) == (
        [], 1, 1, 1.0)


def test_balance_limit_keeps_the_strongest_and_counts_them_all(graph):
    # The two strongest unbalanced: DEF (11), then ACE (10, before ADE by ids); still 6
    # triangles, 3 balanced. With every: DEF (11) and ACD (10, first of the 10s by ids).
    result = graph.balance(limit=2).as_dict()
    assert [t["actors"] for t in result["triangles"]] == [
        ["dogwood", "elm", "fig"], ["alder", "cedar", "elm"]]
    assert (result["total"], result["balanced"]) == (6, 3)
    assert [t["actors"] for t in graph.balance(every=True, limit=2).as_dict()["triangles"]] == [
        ["dogwood", "elm", "fig"], ["alder", "cedar", "dogwood"]]
    with pytest.raises(UsageError):
        graph.balance(limit=0)


def test_balance_refuses_to_list_more_triangles_than_it_can_without_a_limit(graph,
                                                                           monkeypatch):
    # Three unbalanced triangles (above) to list, six with every: over a bound of 2 (the
    # real one is 100,000), balance asks for --limit; with it, the counts still cover all 6.
    from relgraph.views import balance

    monkeypatch.setattr(balance, "MAX_LISTED", 2)
    with pytest.raises(UsageError) as error:
        graph.balance()
    assert error.value.params == ("limit",)
    assert str(error.value).startswith("3 triangles to list, more than 2; list the strongest "
                                       "with --limit N")
    result = graph.balance(limit=2).as_dict()
    assert (len(result["triangles"]), result["total"], result["balanced"]) == (2, 6, 3)
    monkeypatch.setattr(balance, "MAX_LISTED", 5)
    assert len(graph.balance().as_dict()["triangles"]) == 3
    with pytest.raises(UsageError, match="^6 triangles to list"):
        graph.balance(every=True)


def test_balance_past_the_bound_is_one_line_and_exit_2_on_the_command_line(run, monkeypatch):
    # The shipped graph: 14 triangles, 8 balanced, so 6 unbalanced to list (relgraph balance
    # --json); over a bound of 5, one line on stderr and the usage exit code.
    from relgraph.views import balance

    monkeypatch.setattr(balance, "MAX_LISTED", 5)
    result = run("balance")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "relgraph: 6 triangles to list, more than 5; list the strongest with --limit N (the "
        "counts still cover every triangle), or narrow with --actor, --since/--until or --type"]
    assert run("balance", "--limit", "5").exit_code == 0


def test_balance_without_a_triangle_has_no_share(graph):
    # Larch is joined to Juniper only: no triangle, so no share (None, not a division by 0).
    larch = graph.balance(actor="larch").as_dict()
    assert (larch["total"], larch["balanced"], larch["share"]) == (0, 0, None)


def test_balance_inside_a_window(graph):
    # Until 2019: fd, df, ef (2020) and the undated t5 drop out, so DEF goes; AB is still
    # 2 + 1 - 3 + 0 = 0. Left: ACD, ACE, ADE, BCD, CDE; 3 balanced; share 0.6.
    result = graph.balance(graph.selection(until="2019")).as_dict()
    assert [t["actors"] for t in result["triangles"]] == [
        ["alder", "cedar", "elm"], ["alder", "dogwood", "elm"]]
    assert (result["total"], result["balanced"], result["share"]) == (5, 3, 0.6)


# -- central -------------------------------------------------------------------------------

def _scores(result):
    return [(s["actor"], s["score"]) for s in result.as_dict()]


def test_central_by_degree_counts_distinct_actors_either_way(graph):
    # A: B C D E; B: A C D; C: A B D E; D: A B C E F; E: A C D F; F: D E; Hazel: Ginkgo Iris;
    # Juniper: Larch Kapok; Ginkgo, Iris, Kapok, Larch: 1. Maple, with no relation, is left out.
    assert _scores(graph.central()) == [
        ("dogwood", 5), ("alder", 4), ("cedar", 4), ("elm", 4), ("birch", 3), ("fig", 2),
        ("hazel", 2), ("juniper", 2), ("ginkgo", 1), ("iris", 1), ("kapok", 1), ("larch", 1)]


def test_central_by_betweenness_is_normalised_over_the_actors_of_the_selection(graph):
    # Shortest paths between the non-adjacent pairs of A-F:
    #   A-F via D or E (1/2 each); B-E via A, C or D (1/3 each); B-F via D only (1);
    #   C-F via D or E (1/2 each).
    # D: 1/2 + 1/3 + 1 + 1/2 = 7/3; E: 1/2 + 1/2 = 1; A: 1/3; C: 1/3.
    # Ginkgo-Iris pass through Hazel (1); Larch-Kapok through Juniper (1).
    # 12 actors, undirected: normalised by (n-1)(n-2)/2 = 55.
    expected = [("dogwood", Fraction(7, 3) / 55), ("elm", Fraction(1, 55)),
                ("hazel", Fraction(1, 55)), ("juniper", Fraction(1, 55)),
                ("alder", Fraction(1, 3) / 55), ("cedar", Fraction(1, 3) / 55),
                ("birch", 0), ("fig", 0), ("ginkgo", 0), ("iris", 0), ("kapok", 0),
                ("larch", 0)]
    got = _scores(graph.central(by="betweenness"))
    assert [a for a, _ in got] == [a for a, _ in expected]
    assert [s for _, s in got] == pytest.approx([float(s) for _, s in expected], abs=1e-9)


def test_central_by_pagerank_on_a_path_of_three_worked_by_hand(graph):
    # --type alliance --type rivalry: Ginkgo <-> Hazel (|2| both ways), Hazel -> Iris (|-2|).
    # Ginkgo gives all to Hazel; Hazel half to Ginkgo, half to Iris; Iris has no way out, so
    # its rank is spread over all three. With a = 0.85 and c = (a*I + 0.15) / 3:
    #   G = a*H/2 + c,  H = a*G + c,  I = a*H/2 + c,  G + H + I = 1.
    # G = I; H - G = a*G - a*H/2, so 1.425 H = 1.85 G, H = 74/57 G; G (2 + 74/57) = 1:
    # G = I = 57/188 = 0.303191..., H = 74/188 = 0.393617...
    chosen = graph.selection(types=["alliance", "rivalry"])
    got = _scores(graph.central(chosen, by="pagerank"))
    assert [a for a, _ in got] == ["hazel", "ginkgo", "iris"]  # Ginkgo and Iris tie: by name
    assert [s for _, s in got] == pytest.approx([74 / 188, 57 / 188, 57 / 188], abs=1e-5)


def test_central_by_pagerank_meets_its_definition_on_the_whole_graph(graph):
    # PageRank's definition solved exactly (Gaussian elimination over fractions), on the
    # weights of the data: the edge X -> Y weighs the sum of |weight| of X's relations to Y,
    # mutual ones both ways; an actor with no weight out spreads its rank over all actors.
    strength: dict[tuple[str, str], Fraction] = {}
    for r in graph.relations:
        for x, y in ((r.source, r.target), (r.target, r.source)):
            if r.joins(x, y):
                strength[(x, y)] = strength.get((x, y), Fraction(0)) + abs(Fraction(r.weight))
    actors = sorted({end for pair in strength for end in pair})
    exact = _exact_pagerank(actors, strength)
    got = dict(_scores(graph.central(by="pagerank")))
    assert sorted(got) == actors
    assert [got[a] for a in actors] == pytest.approx([exact[a] for a in actors], abs=1e-5)


def _exact_pagerank(actors, strength, alpha=Fraction(85, 100)):
    """x = alpha * (x W + dangling mass / n) + (1 - alpha) / n, sum x = 1, solved exactly."""
    n = len(actors)
    out = {a: sum((w for (x, _), w in strength.items() if x == a), Fraction(0)) for a in actors}
    index = {a: i for i, a in enumerate(actors)}
    # Row i: x_i - alpha * sum_j x_j * P(j -> i) = (1 - alpha) / n, P(j -> i) = 1/n if j dangles.
    rows = []
    for i, a in enumerate(actors):
        row = [Fraction(0)] * n
        row[i] += 1
        for b in actors:
            j = index[b]
            share = strength.get((b, a), Fraction(0)) / out[b] if out[b] else Fraction(1, n)
            row[j] -= alpha * share
        rows.append(row + [(1 - alpha) / n])
    for col in range(n):  # Gauss-Jordan
        pivot = next(r for r in range(col, n) if rows[r][col] != 0)
        rows[col], rows[pivot] = rows[pivot], rows[col]
        rows[col] = [v / rows[col][col] for v in rows[col]]
        for r in range(n):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [v - factor * p for v, p in zip(rows[r], rows[col], strict=True)]
    return {a: float(rows[index[a]][n]) for a in actors}


def test_central_ranks_only_the_actors_of_the_selection(graph):
    # --since 2020: fd, df, ef. D and E are each joined to F only; F to both.
    assert _scores(graph.central(graph.selection(since="2020"))) == [
        ("fig", 2), ("dogwood", 1), ("elm", 1)]


def test_an_unknown_measure_is_a_usage_error_naming_by(graph):
    with pytest.raises(UsageError) as error:
        graph.central(by="closeness")
    assert error.value.params == ("by",)


# -- balance against a brute force -----------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.dictionaries(
    st.tuples(st.sampled_from("abcdefg"), st.sampled_from("abcdefg"))
    .filter(lambda p: p[0] < p[1]),
    st.sampled_from([-2.0, -1.0, 1.0, 3.0]), max_size=21),
    st.sampled_from([None, "a", "d", "z"]), st.booleans())
def test_balance_census_agrees_with_checking_every_three_actors(sums, around, every):
    # Every three actors whose three pairs have a sum, the product of the signs positive or
    # not; around: only those containing it.
    from itertools import combinations

    from relgraph.views.balance import SignedPair, _census

    signed = {pair: SignedPair(*pair, value) for pair, value in sums.items()}
    ids = sorted({end for pair in sums for end in pair})
    total = kept = 0
    listed = []
    for trio in combinations(ids, 3):
        keys = [(trio[0], trio[1]), (trio[0], trio[2]), (trio[1], trio[2])]
        if all(k in sums for k in keys) and (around is None or around in trio):
            total += 1
            product = sums[keys[0]] * sums[keys[1]] * sums[keys[2]]
            kept += product > 0
            if every or product < 0:
                listed.append(trio)
    found_total, found_kept, listing, found = _census(signed, around, every)
    assert (found_total, found_kept, listing, sorted(found)) == (total, kept, len(listed),
                                                                 listed)
