"""The CLI through Typer's runner on tests/data/tricky: exact text, JSON keys, exit codes."""

import json

import pytest
from conftest import TRICKY

RELATION_KEYS = ["id", "source", "target", "type", "polarity", "weight", "date", "until",
                 "mutual", "summary", "quote", "ref"]


@pytest.fixture
def tricky(run):
    return lambda *args: run(*args, data=TRICKY)


def test_who_opposes_prints_a_ranked_table(tricky):
    # Columns two spaces apart, each as wide as its widest cell: actor 9 (Northland), net 4
    # (-4.6), latest 17 (attack 2021-06-15): 55 + 6 gaps of 2 = 67 wide, the rule as wide.
    result = tricky("who-opposes", "Southland")
    assert result.exit_code == 0
    assert result.stdout == (
        "#  actor      hostility  hostile  friendly   net  latest hostile\n"
        + "─" * 67 + "\n"
        "1  Northland         12        2         1  -4.6  attack 2021-06-15\n"
        "2  Westmark           3        1         0    -3  condemn 2022\n"
        "3  Eastria            1        1         0    -1  sanction undated\n")
    assert result.stderr == ""


def test_who_opposes_json_is_the_ranked_list_of_the_contract(tricky):
    result = tricky("who-opposes", "sud", "--json")
    rows = json.loads(result.stdout)
    assert [list(row) for row in rows] == [
        ["actor", "name", "hostile", "friendly", "net", "relations"]] * 3
    assert [(r["actor"], r["name"], r["hostile"], r["friendly"], r["net"]) for r in rows] == [
        ("north", "Northland", 2, 1, -4.6), ("west", "Westmark", 1, 0, -3.0),
        ("east", "Eastria", 1, 0, -1.0)]
    first = rows[0]["relations"][0]
    assert list(first) == RELATION_KEYS
    assert first == {"id": "r1", "source": "north", "target": "south", "type": "condemn",
                     "polarity": "hostile", "weight": -2.0, "date": "2020-03", "until": None,
                     "mutual": False, "summary": "Condemned", "quote": None, "ref": None}


def test_an_empty_answer_says_so_and_succeeds(tricky):
    result = tricky("who-opposes", "sud", "--until", "2020", "--net")
    assert (result.exit_code, result.stdout) == (0, "No actor opposes Southland on balance.\n")
    result = tricky("who-supports", "hermit", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_who_supports_with_net_and_a_type_filter(tricky):
    rows = json.loads(tricky("who-supports", "south", "--net", "--json").stdout)
    assert [r["actor"] for r in rows] == ["cote"]
    rows = json.loads(tricky("who-opposes", "south", "-t", "attack", "--type", "sanction",
                             "--json").stdout)
    assert [(r["actor"], r["hostile"]) for r in rows] == [("north", 1), ("east", 1)]


def test_timeline_between_two_actors_in_date_order(tricky):
    # Each relation: a row (date 16 wide, relation 22, type 7, weight 6: 57 with the gaps),
    # and beneath it the id in brackets and the summary.
    result = tricky("timeline", "south", "N-LAND")
    assert result.stdout == (
        "date              relation                type     weight\n"
        + "─" * 57 + "\n"
        "2019              Northland -> Southland  aid        +7.4\n"
        "    [r3] Aid sent\n"
        "2020-01..2020-02  Southland -> Northland  talks        +1\n"
        "    [r6] Talks held\n"
        "2020-03           Northland -> Southland  condemn      -2\n"
        "    [r1] Condemned\n"
        "2021-06-15        Northland -> Southland  attack      -10\n"
        "    [r2] Attacked\n")


def test_timeline_json_and_window(tricky):
    rows = json.loads(tricky("timeline", "south", "--json", "--since", "2022").stdout)
    assert [r["id"] for r in rows] == ["r5", "r12"]
    assert rows[0]["mutual"] is True


def test_path_prints_each_hop_with_its_relations(tricky):
    result = tricky("path", "guild", "west")
    assert result.exit_code == 0
    assert result.stdout == (
        "Traders' Guild -> Côte d'Ivoire -> Southland -> Westmark  (3 hops)\n"
        "  Traders' Guild - Côte d'Ivoire:\n"
        "    observe  2021        Traders' Guild -> Côte d'Ivoire\n"
        "      [r8]\n"
        "  Côte d'Ivoire - Southland:\n"
        "    aid      2018-02-28  Côte d'Ivoire -> Southland\n"
        "      [r7]\n"
        "    condemn  2023-02     Southland -> Côte d'Ivoire\n"
        "      [r12]\n"
        "  Southland - Westmark:\n"
        "    condemn  2022        Westmark <-> Southland\n"
        "      [r5]\n")


def test_path_json_lists_paths_with_hops(tricky):
    paths = json.loads(tricky("path", "guild", "west", "-k", "2", "--json").stdout)
    assert [p["actors"] for p in paths] == [["guild", "cote", "south", "west"],
                                            ["guild", "cote", "south", "east", "west"]]
    hop = paths[0]["hops"][2]
    assert list(hop) == ["from", "to", "relations"]
    assert (hop["from"], hop["to"], [r["id"] for r in hop["relations"]]) == ("south", "west",
                                                                             ["r5"])


def test_no_path_exits_1_with_one_line_on_stderr(tricky):
    result = tricky("path", "Hermit Kingdom", "north")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "relgraph: no path from Hermit Kingdom to Northland\n"


def test_path_to_self_is_a_usage_error(tricky):
    result = tricky("path", "south", "SUD")
    assert result.exit_code == 2
    assert result.stderr == (
        "relgraph: path from Southland to itself; name two different actors\n")


def test_an_unknown_actor_is_a_usage_error_with_a_suggestion(tricky):
    result = tricky("show", "Westmrk")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "relgraph: unknown actor 'Westmrk' (did you mean Westmark?)\n"


def test_a_bad_since_is_a_usage_error(tricky):
    result = tricky("relations", "--since", "2019-02-30")
    assert result.exit_code == 2
    assert result.stderr == ("relgraph: --since: '2019-02-30' is not a real date "
                             "(check the month and day)\n")


def test_relations_between_two_actors_and_by_actor(tricky):
    rows = json.loads(tricky("relations", "--between", "cote", "south", "--json").stdout)
    assert [r["id"] for r in rows] == ["r7", "r12"]
    rows = json.loads(tricky("relations", "--actor", "guild", "--json").stdout)
    assert [(r["source"], r["target"], r["weight"]) for r in rows] == [("guild", "cote", 0.0)]


def test_show_json_has_the_profile_keys(tricky):
    profile = json.loads(tricky("show", "south", "--json").stdout)
    assert list(profile) == ["actor", "outgoing", "incoming", "counterparts"]
    assert profile["actor"] == {"id": "south", "name": "Southland", "kind": "state",
                                "aliases": ["Sud", "Southland"], "codes": [],
                                "description": None}
    assert profile["counterparts"][0] == {"actor": "west", "name": "Westmark", "hostile": 1,
                                          "friendly": 0, "net": -3.0}


def test_actors_and_types_as_json(tricky):
    actors = json.loads(tricky("actors", "--json").stdout)
    assert [a["id"] for a in actors] == ["north", "south", "east", "west", "cote", "guild",
                                         "militia", "hermit"]
    assert actors[2]["kind"] == "other"            # no kind given
    types = json.loads(tricky("types", "--json").stdout)
    assert types[0] == {"name": "condemn", "polarity": "hostile", "weight": -2.0,
                        "description": None, "cameo": "111"}


def test_validate_reports_a_clean_dataset(tricky):
    result = tricky("validate")
    assert result.exit_code == 0
    assert result.stdout == f"ok: 8 actors, 6 types, 13 relations in {TRICKY}\n"
    assert tricky("validate", "--json").stdout == "[]\n"


def test_data_folder_comes_from_the_environment(run, monkeypatch):
    monkeypatch.setenv("RELGRAPH_DATA", str(TRICKY))
    assert json.loads(run("actors", "--json").stdout)[0]["id"] == "north"


def test_a_missing_data_folder_is_a_usage_error(run, tmp_path):
    result = run("actors", data=tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr and result.stdout == ""


def test_version(run):
    from relgraph import __version__

    assert run("--version").stdout == f"relgraph {__version__}\n"


def test_every_command_has_help_text_and_a_place_in_the_readme(run):
    from pathlib import Path

    from relgraph.cli import app

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for info in app.registered_commands:
        name = info.name or info.callback.__name__
        assert info.callback.__doc__, f"{name} has no help text"
        assert f"relgraph {name}" in readme, f"README shows no example of {name}"


def test_actors_with_a_filter_are_those_with_such_relations(tricky):
    actors = json.loads(tricky("actors", "--type", "attack", "--json").stdout)
    assert [a["id"] for a in actors] == ["north", "south", "militia"]
    actors = json.loads(tricky("actors", "--until", "2015", "--json").stdout)
    assert [a["id"] for a in actors] == ["north", "east"]          # r11 only


def test_types_with_a_filter_keep_the_chosen_types(tricky):
    types = json.loads(tricky("types", "-t", "talks", "-t", "aid", "--json").stdout)
    assert [t["name"] for t in types] == ["aid", "talks"]          # in file order


def test_no_path_as_json_prints_an_empty_list_and_still_exits_1(tricky):
    result = tricky("path", "hermit", "north", "--json")
    assert (result.exit_code, result.stdout) == (1, "[]\n")
    assert result.stderr == "relgraph: no path from Hermit Kingdom to Northland\n"


def test_an_actor_named_twice_is_a_usage_error_everywhere(tricky):
    for args in (["timeline", "south", "sud"], ["relations", "--between", "north", "N-Land"]):
        result = tricky(*args)
        assert result.exit_code == 2, args
        assert result.stderr.endswith("is named twice; name two different actors\n")


def test_a_huge_k_asks_for_every_path_there_is(tricky):
    paths = json.loads(tricky("path", "guild", "west", "-k", "9" * 30, "--json").stdout)
    # Simple paths guild-cote-south-...-west: via west directly, via east, via north-east.
    assert [len(p["actors"]) - 1 for p in paths] == [3, 4, 5]


def test_names_and_summaries_are_shown_as_written_never_as_markup(run, tmp_path):
    (tmp_path / "actors.yaml").write_text(
        'actors:\n  - {id: a, name: "[/] closer", aliases: ["[sic]"]}\n'
        '  - {id: b, name: "Bold [b]x[/b] :smile:"}\n', encoding="utf-8")
    (tmp_path / "relations.yaml").write_text(
        "types:\n  t: {polarity: hostile}\nrelations:\n"
        '  - {source: a, target: b, type: t, summary: "the so-called [sic] fight"}\n',
        encoding="utf-8")
    for args in (["actors"], ["relations"], ["show", "a"], ["timeline", "b"]):
        result = run(*args, data=tmp_path)
        assert result.exit_code == 0, (args, result.stderr)
    assert "[/] closer" in run("actors", data=tmp_path).stdout
    assert "[sic]" in run("actors", data=tmp_path).stdout
    assert "Bold [b]x[/b] :smile:" in run("show", "a", data=tmp_path).stdout
    assert "the so-called [sic]" in run("timeline", "a", data=tmp_path).stdout   # then wraps


def test_export_to_a_folder_says_it_is_a_folder(tricky, tmp_path):
    result = tricky("export", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"relgraph: {str(tmp_path)!r} is a folder; give -o a file name\n"


def test_a_very_long_unknown_actor_is_cut_short_in_the_message(tricky):
    result = tricky("show", "x" * 100_000)
    assert result.exit_code == 2
    assert result.stderr == f"relgraph: unknown actor '{'x' * 57}...'\n"


def test_an_empty_relation_weight_takes_its_types_weight(run, tmp_path):
    (tmp_path / "actors.yaml").write_text("actors:\n  - {id: a, name: A}\n  - {id: b, name: B}\n",
                                          encoding="utf-8")
    (tmp_path / "relations.yaml").write_text(
        "types:\n  veto: {polarity: hostile, weight: -5}\nrelations:\n"
        "  - source: a\n    target: b\n    type: veto\n    weight:\n", encoding="utf-8")
    [relation] = json.loads(run("relations", "--json", data=tmp_path).stdout)
    assert relation["weight"] == -5.0          # not the hostile default of -1
