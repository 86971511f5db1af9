"""Queries on tests/data/tricky; every expected value is worked out by hand from its YAML."""

import pytest
from conftest import TRICKY

import relgraph
from relgraph.errors import NoPath, UnknownActor, UsageError


@pytest.fixture(scope="module")
def graph():
    return relgraph.load(TRICKY)


def ids(relations):
    return [r.id for r in relations]


def test_load_resolves_names_and_aliases_in_any_case_to_ids(graph):
    r8 = next(r for r in graph.relations if r.id == "r8")
    assert (r8.source, r8.target) == ("guild", "cote")     # "traders' guild" -> "IVORY COAST"
    r12 = next(r for r in graph.relations if r.id == "r12")
    assert (r12.source, r12.target) == ("south", "cote")   # "sud" -> "cote d’ivoire"


def test_types_without_a_weight_take_the_default_of_their_polarity(graph):
    assert graph.types["talks"].weight == 1.0
    assert graph.types["sanction"].weight == -1.0
    assert graph.types["observe"].weight == 0.0


def test_a_relation_weight_overrides_its_type(graph):
    r5 = next(r for r in graph.relations if r.id == "r5")
    assert (r5.weight, r5.mutual) == (-3.0, True)


def test_made_up_ids_are_stable_and_never_take_an_explicit_one(graph):
    made_up = [r.id for r in graph.relations if r.source == "militia"]
    # The second would be ...-2, but the file gives that id to an explicit relation.
    assert made_up == ["militia-attack-north-2021-06", "militia-attack-north-2021-06-3"]
    assert ids(relgraph.load(TRICKY).relations) == ids(graph.relations)


def test_actor_lookup_ignores_case_and_accepts_aliases(graph):
    assert graph.actor("CÔTE D'IVOIRE").id == "cote"
    assert graph.actor("ivory coast").id == "cote"
    assert graph.actor("n-land").id == "north"


def test_an_unknown_actor_names_the_closest_ones(graph):
    with pytest.raises(UnknownActor) as caught:
        graph.actor("Sothland")
    assert caught.value.suggestions[0] == "Southland"
    with pytest.raises(UnknownActor) as caught:
        graph.actor("Zanzibar")
    assert caught.value.suggestions == []


def test_who_opposes_ranks_by_hostility(graph):
    rows = graph.who_opposes("south")
    # north: condemn -2 and attack -10 = 12; west: mutual condemn -3; east: sanction -1.
    assert [(r.actor.id, r.hostile, r.friendly, r.net) for r in rows] == [
        ("north", 2, 1, pytest.approx(-4.6)),   # -2 - 10 + 7.4 (aid)
        ("west", 1, 0, -3.0),                   # mutual relation, stored west -> south
        ("east", 1, 0, -1.0),
    ]
    assert ids(rows[0].relations) == ["r1", "r2"]
    assert rows[0].latest.id == "r2"
    assert rows[2].latest.id == "r4"     # undated, but the only one


def test_who_opposes_counts_a_mutual_relation_stored_the_other_way():
    # r5 is west -> south, mutual: west opposes south and south opposes west.
    graph = relgraph.load(TRICKY)
    assert [(r.actor.id, r.hostile) for r in graph.who_opposes("west")] == [("south", 1)]


def test_who_opposes_in_a_window_leaves_out_undated_and_outside_relations(graph):
    rows = graph.who_opposes("south", graph.selection(since="2021"))
    assert [(r.actor.id, r.hostile, r.friendly, r.net) for r in rows] == [
        ("north", 1, 0, -10.0), ("west", 1, 0, -3.0)]


def test_who_opposes_net_drops_actors_whose_balance_is_friendly(graph):
    selection = graph.selection(until="2020")
    rows = graph.who_opposes("south", selection)
    assert [(r.actor.id, r.net) for r in rows] == [("north", pytest.approx(5.4))]  # -2 + 7.4
    assert graph.who_opposes("south", selection, net=True) == []


def test_who_supports_breaks_ties_by_name(graph):
    rows = graph.who_supports("south")
    # Both give one aid of +7.4: Côte d'Ivoire sorts before Northland.
    assert [(r.actor.id, r.friendly, r.net) for r in rows] == [
        ("cote", 1, 7.4), ("north", 1, pytest.approx(-4.6))]
    assert [r.actor.id for r in graph.who_supports("south", net=True)] == ["cote"]


def test_who_supports_counts_mutual_relations_from_either_end(graph):
    rows = graph.who_supports("north")
    assert [(r.actor.id, r.friendly, r.net) for r in rows] == [("east", 1, 1.0), ("south", 1, 1.0)]


def test_type_filter_keeps_only_the_chosen_types(graph):
    rows = graph.who_opposes("south", graph.selection(types=["attack"]))
    assert [(r.actor.id, r.hostile, r.net) for r in rows] == [("north", 1, -10.0)]


def test_an_unknown_type_filter_is_a_usage_error_naming_the_types(graph):
    with pytest.raises(UsageError, match="unknown type 'atack'.*did you mean 'attack'"):
        graph.selection(types=["atack"])


def test_window_bounds_must_be_dates_in_order_and_errors_name_the_parameter(graph):
    with pytest.raises(UsageError) as caught:
        graph.selection(since="30/02/2019")
    assert str(caught.value) == ("since: '30/02/2019' is not a date; "
                                 "write YYYY, YYYY-MM or YYYY-MM-DD")
    with pytest.raises(UsageError) as caught:
        graph.selection(since="2021", until="2020")
    assert str(caught.value) == "until 2020 is before since 2021"


def test_library_messages_name_parameters_not_flags():
    import relgraph

    graph = relgraph.load()
    with pytest.raises(UsageError) as caught:
        graph.path("Russia", "Hamas", k=0)
    assert str(caught.value) == "k must be 1 or more"
    with pytest.raises(UsageError) as caught:
        graph.path("Russia", "Hamas", max_hops=0)
    assert str(caught.value) == "max_hops must be 1 or more"


def test_the_cli_says_the_flags_the_user_typed(run):
    result = run("path", "Russia", "Hamas", "-k", "0")
    assert (result.exit_code, result.stderr) == (2, "relgraph: -k must be 1 or more\n")
    result = run("path", "Russia", "Hamas", "--max-hops", "0")
    assert result.stderr == "relgraph: --max-hops must be 1 or more\n"
    result = run("relations", "--since", "2021", "--until", "2020")
    assert result.stderr == "relgraph: --until 2020 is before --since 2021\n"


def test_relations_window_of_one_month_keeps_a_span_that_covers_it(graph):
    assert ids(graph.select(graph.selection(since="2020-02", until="2020-02"))) == ["r6"]
    assert ids(graph.select(graph.selection(until="2015"))) == ["r11"]


def test_relations_filters_by_actor_and_by_pair(graph):
    assert ids(graph.select(actor="cote")) == ["r7", "r8", "r12"]
    assert ids(graph.select(between=("Ivory Coast", "sud"))) == ["r7", "r12"]
    assert graph.select(between=("hermit", "north")) == []


def test_timeline_is_chronological_with_undated_last(graph):
    assert ids(graph.timeline("south")) == ["r7", "r3", "r6", "r1", "r2", "r5", "r12", "r4"]
    assert ids(graph.timeline("south", "north")) == ["r3", "r6", "r1", "r2"]


def test_path_is_a_shortest_chain_with_every_relation_of_each_hop(graph):
    [path] = graph.path("militia", "cote")
    assert path.actors == ["militia", "north", "south", "cote"]
    assert [ids(h.relations) for h in path.hops] == [
        ["militia-attack-north-2021-06", "militia-attack-north-2021-06-3"],
        ["r3", "r6", "r1", "r2"],
        ["r7", "r12"],
    ]


def test_directed_path_follows_source_to_target_only(graph):
    [path] = graph.path("militia", "cote", directed=True)
    assert [ids(h.relations) for h in path.hops][1:] == [["r3", "r1", "r2"], ["r12"]]
    with pytest.raises(NoPath):
        graph.path("cote", "militia", directed=True)


def test_directed_path_uses_mutual_relations_both_ways(graph):
    [path] = graph.path("east", "north", directed=True)   # r11 is north <-> east
    assert path.actors == ["east", "north"]


def test_k_paths_come_shortest_first(graph):
    paths = graph.path("guild", "west", k=2)
    assert [p.actors for p in paths] == [
        ["guild", "cote", "south", "west"],
        ["guild", "cote", "south", "east", "west"],
    ]
    assert len(graph.path("guild", "west", all_shortest=True)) == 1


def test_all_shortest_paths_lists_every_one(graph):
    # south and militia are both two hops apart through north only; east to south: direct.
    paths = graph.path("west", "north", all_shortest=True)
    assert [p.actors for p in paths] == [["west", "east", "north"], ["west", "south", "north"]]


def test_path_within_max_hops_or_none(graph):
    with pytest.raises(NoPath, match="at most 2 hops"):
        graph.path("guild", "west", max_hops=2)
    assert graph.path("guild", "west", max_hops=3)[0].actors[-1] == "west"


def test_path_through_types_and_from_an_isolated_actor(graph):
    with pytest.raises(NoPath):
        graph.path("guild", "west", graph.selection(types=["aid"]))
    with pytest.raises(NoPath):
        graph.path("hermit", "north")


def test_path_to_self_is_a_usage_error(graph):
    with pytest.raises(UsageError, match="itself"):
        graph.path("south", "Sud")


def test_show_gives_relations_out_and_in_and_the_stance_to_each_counterpart(graph):
    profile = graph.show("south")
    assert ids(profile.outgoing) == ["r6", "r5", "r12"]     # r5 is mutual: listed both ways
    assert ids(profile.incoming) == ["r7", "r3", "r1", "r2", "r5", "r4"]
    assert [(c.actor.id, c.hostile, c.friendly, c.net) for c in profile.counterparts] == [
        ("west", 1, 0, -3.0), ("cote", 1, 0, -2.0), ("east", 0, 0, 0.0), ("north", 0, 1, 1.0)]


def test_the_networkx_graph_keeps_parallel_relations_keyed_by_id(graph):
    nx_graph = graph.nx
    assert nx_graph.number_of_nodes() == 8          # hermit included
    assert nx_graph.number_of_edges() == 13
    assert set(nx_graph["militia"]["north"]) == {
        "militia-attack-north-2021-06", "militia-attack-north-2021-06-3"}
    assert nx_graph["north"]["south"]["r2"]["date"] == "2021-06-15"
