"""Paths on tests/data/tricky through the CLI's JSON, every expected path worked out by hand.

The tricky graph, each relation as source -> target (<-> mutual):
north -> south (r1, r2, r3), south -> north (r6), east -> south (r4), west <-> south (r5),
cote -> south (r7), guild -> cote (r8), militia -> north (two attacks), north <-> east (r11),
south -> cote (r12), east -> west; hermit has none. Either way round, the neighbours are:
north: south, east, militia; south: north, east, west, cote; east: north, south, west;
west: south, east; cote: south, guild; guild: cote; militia: north.
"""

import json

import pytest
from conftest import TRICKY


def paths(run, *args):
    result = run("path", *args, "--json", data=TRICKY)
    return result.exit_code, [p["actors"] for p in json.loads(result.stdout)], result.stderr


def test_the_one_shortest_path_from_end_to_end(run):
    # militia - north - south - cote - guild is the only way to the guild (through cote).
    assert paths(run, "militia", "guild") == (
        0, [["militia", "north", "south", "cote", "guild"]], "")
    assert paths(run, "guild", "militia") == (
        0, [["guild", "cote", "south", "north", "militia"]], "")


def test_every_shortest_path_when_there_are_two(run):
    # north to west in 2 hops: through east or through south.
    assert paths(run, "north", "west", "--all")[1] == [["north", "east", "west"],
                                                       ["north", "south", "west"]]


def test_k_paths_are_every_simple_path_shortest_first(run):
    # The 2-hop paths above, then north-east-south-west and north-south-east-west; no other
    # simple path reaches west (cote and guild are a dead end, militia only touches north).
    expected = [["north", "east", "west"], ["north", "south", "west"],
                ["north", "east", "south", "west"], ["north", "south", "east", "west"]]
    assert paths(run, "north", "west", "-k", "4")[1] == expected
    assert paths(run, "north", "west", "-k", "10")[1] == expected
    assert paths(run, "north", "west", "-k", "2")[1] == expected[:2]


def test_max_hops_cuts_the_k_paths(run):
    assert paths(run, "north", "west", "-k", "10", "--max-hops", "2")[1] == [
        ["north", "east", "west"], ["north", "south", "west"]]


def test_directed_paths_follow_the_arrows(run):
    # west -> south (mutual) -> north (r6): the only way from west to north along the arrows.
    assert paths(run, "west", "north", "--directed", "--all")[1] == [["west", "south", "north"]]
    # north -> east -> west and north -> south -> west (r5 mutual).
    assert paths(run, "north", "west", "--directed", "--all")[1] == [
        ["north", "east", "west"], ["north", "south", "west"]]
    # cote's only way out is back to south: nothing reaches the guild along the arrows.
    status, found, stderr = paths(run, "south", "guild", "--directed")
    assert (status, found) == (1, [])
    assert stderr == "relgraph: no directed path from Southland to Traders' Guild\n"


@pytest.mark.parametrize("mode", [[], ["--all"], ["-k", "3"]])
def test_too_few_hops_is_no_path(run, mode):
    status, found, stderr = paths(run, "militia", "guild", "--max-hops", "3", *mode)
    assert (status, found) == (1, [])
    assert stderr == ("relgraph: no path of at most 3 hops from Red Militia to Traders' Guild\n")


def test_the_hops_of_a_path_list_their_relations(run):
    result = run("path", "militia", "guild", "--json", data=TRICKY)
    [path] = json.loads(result.stdout)
    assert [(h["from"], h["to"], [r["id"] for r in h["relations"]]) for h in path["hops"]] == [
        ("militia", "north", ["militia-attack-north-2021-06", "militia-attack-north-2021-06-3"]),
        ("north", "south", ["r3", "r6", "r1", "r2"]),         # oldest first: 2019, 2020-01...
        ("south", "cote", ["r7", "r12"]),                     # 2018-02-28, 2023-02
        ("cote", "guild", ["r8"]),
    ]


def test_one_path_and_one_hop_are_allowed(run):
    assert paths(run, "north", "west", "-k", "1")[1] == [["north", "east", "west"]]
    assert paths(run, "north", "south", "--max-hops", "1")[1] == [["north", "south"]]
    status, _, stderr = paths(run, "militia", "south", "--max-hops", "1")
    assert (status, stderr) == (
        1, "relgraph: no path of at most 1 hop from Red Militia to Southland\n")


def test_the_default_directed_path_goes_along_the_arrows_only(run):
    # Along the arrows west reaches north only through south (r5 mutual, then r6); east -> west
    # points into west, so west - east - north would go against an arrow.
    assert paths(run, "west", "north", "--directed")[1] == [["west", "south", "north"]]


def test_each_hop_lists_only_the_relations_in_the_window(run):
    # From 2021 on, north - south is joined by r2 alone (r1 2020-03, r3 2019, r6 2020-01 end
    # before).
    result = run("path", "north", "south", "--since", "2021", "--json", data=TRICKY)
    [path] = json.loads(result.stdout)
    assert [[r["id"] for r in h["relations"]] for h in path["hops"]] == [["r2"]]


SHAPE_ACTORS = "actors:\n" + "".join(f"  - {{id: {i}, name: {i.upper()}}}\n"
                                     for i in ["a", "leaf", "x", "y", "z", "p", "q", "r"])
# a - leaf, a - x, x - y, y - z, z - p, z - q, z - r, each one way (source -> target).
SHAPE_RELATIONS = "types:\n  t: {polarity: neutral}\nrelations:\n" + "".join(
    f"  - {{source: {s}, target: {t}, type: t}}\n"
    for s, t in [("a", "leaf"), ("a", "x"), ("x", "y"), ("y", "z"), ("p", "z"), ("q", "z"),
                 ("r", "z")])


def test_a_dead_end_first_in_line_does_not_stop_the_search(run, tmp_path):
    # The search from a meets leaf before x (in id order); leaf leads nowhere, x leads on to
    # y and z. The one shortest path: a - x - y - z.
    (tmp_path / "actors.yaml").write_text(SHAPE_ACTORS, encoding="utf-8")
    (tmp_path / "relations.yaml").write_text(SHAPE_RELATIONS, encoding="utf-8")
    result = run("path", "a", "z", "--json", data=tmp_path)
    assert [p["actors"] for p in json.loads(result.stdout)] == [["a", "x", "y", "z"]]
    # Either way round: z's relations all point into z, so the search from z must follow
    # them backwards (undirected by default).
    result = run("path", "z", "a", "--json", data=tmp_path)
    assert [p["actors"] for p in json.loads(result.stdout)] == [["z", "y", "x", "a"]]
