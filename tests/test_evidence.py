"""The evidence on screen: `relgraph relation ID` and the listings' --quotes (COLUMNS=80).

Expected text is written from data/relations.yaml: relation russia-israel-veto-2023 (its entry,
the `veto` type and the `aljazeera-2023-11` source at the top of the file).
"""

import json

import pytest
from conftest import TRICKY

CARD_KEYS = ["id", "source", "target", "type", "polarity", "weight", "date", "until", "mutual",
             "summary", "quote", "ref", "source_name", "target_name", "reference"]


def test_relation_prints_one_relation_in_full(run):
    # Labels 9 wide (publisher) and two spaces: values wrap at 80 - 11 = 69 columns.
    result = run("relation", "russia-israel-veto-2023")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "relation   russia-israel-veto-2023\n"
        "actors     Russia -> Israel (one way)\n"
        "type       veto: Casts a veto against the other's draft or interest.\n"
        "polarity   hostile\n"
        "weight     -5\n"
        "date       2023-10-17..2023-11\n"
        "summary    Russia's veto of the draft condemning Hamas was one of the Russian\n"
        "           steps disturbing Israel that followed Putin's call (span as for the\n"
        "           veto).\n"
        "quote      \u201ca group of Russian steps disturbing Israel, as Moscow, along with\n"
        "           Beijing, used its veto power in the Security Council\u201d\n"
        "source     Israeli-Russian relations after the Gaza war (descriptive title: the\n"
        "           article has no headline)\n"
        "publisher  Al Jazeera Net\n"
        "published  2023-11\n")


def test_relation_json_is_the_relation_with_names_and_its_source(run):
    card = json.loads(run("relation", "russia-israel-veto-2023", "--json").stdout)
    assert list(card) == CARD_KEYS
    assert (card["source"], card["source_name"], card["target"], card["target_name"]) == (
        "russia", "Russia", "israel", "Israel")
    assert (card["date"], card["until"], card["weight"]) == ("2023-10-17", "2023-11", -5.0)
    assert card["reference"] == {
        "key": "aljazeera-2023-11", "publisher": "Al Jazeera Net", "date": "2023-11", "url": None,
        "title": "Israeli-Russian relations after the Gaza war (descriptive title: the article "
                 "has no headline)"}


def test_relation_says_what_the_data_does_not_give_and_shows_a_url(run, tmp_path):
    (tmp_path / "actors.yaml").write_text("actors:\n  - {id: a, name: A}\n  - {id: b, name: B}\n",
                                          encoding="utf-8")
    (tmp_path / "relations.yaml").write_text(
        "sources:\n  s: {title: T, url: 'https://example.org/t'}\n"
        "types:\n  talks: {polarity: friendly}\nrelations:\n"
        "  - {id: r1, source: a, target: b, type: talks, mutual: true, ref: s}\n"
        "  - {id: r2, source: b, target: a, type: talks}\n", encoding="utf-8")
    assert run("relation", "r1", data=tmp_path).stdout == (
        "relation  r1\n"
        "actors    A <-> B (mutual)\n"
        "type      talks\n"
        "polarity  friendly\n"
        "weight    +1\n"
        "date      undated\n"
        "summary   none given\n"
        "quote     none given\n"
        "source    T\n"
        "url       https://example.org/t\n")
    assert run("relation", "r2", data=tmp_path).stdout.splitlines()[-1] == "source    none given"


@pytest.mark.parametrize(("typed", "message"), [
    # The one id that begins with what was typed is by far the closest.
    ("russia-israel-veto",
     "unknown relation 'russia-israel-veto' (did you mean russia-israel-veto-2023?)"),
    ("nothing-like-it", "unknown relation 'nothing-like-it'"),
])
def test_an_unknown_relation_is_a_usage_error_with_the_closest_ids(run, typed, message):
    result = run("relation", typed)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"relgraph: {message}\n"


# The tricky dataset's ids: r1 to r8, r11, r12, and militia-attack-north-2021-06 with -2 and -3
# made up after it. difflib's ratio is 2 * matching characters / both lengths.
@pytest.mark.parametrize(("typed", "suggested"), [
    # No id begins "r9": those beginning "r" share only the r (r1: 2*1/4 = 0.5, below 0.6).
    ("r9", []),
    # "r": r1 and r3 match 2 of "r13" (2*2/5 = 0.8), r11 and r12 match "r1" (2*2/6 = 0.67):
    # only those within 0.05 of the best are named.
    ("r13", ["r1", "r3"]),
    # Cut at its last dash, "militia-attack-north-2021" begins three ids: 27 characters in
    # common with each, 2*27/56 = 0.96 for the 28-character one, 2*27/58 = 0.93 for the two
    # of 30, within 0.05 of it: the three, best first.
    ("militia-attack-north-2021-07", ["militia-attack-north-2021-06",
                                      "militia-attack-north-2021-06-2",
                                      "militia-attack-north-2021-06-3"]),
    # Cut at the space, "r1" begins r1, r11 and r12: r1 2*2/6 = 0.67, the others 2*2/7 = 0.57.
    ("r1 x", ["r1"]),
    # A dash first: the empty beginning before it is never used (it would list every id),
    # and no id begins with "-".
    ("-r1", []),
])
def test_a_misspelt_relation_id_suggests_the_closest_ids_that_begin_alike(typed, suggested):
    import relgraph
    from relgraph.errors import UnknownRelation

    with pytest.raises(UnknownRelation) as caught:
        relgraph.load(TRICKY).relation(typed)
    assert caught.value.suggestions == suggested


def test_suggestions_come_from_the_longest_beginning_that_some_id_shares(tmp_path):
    import relgraph
    from relgraph.errors import UnknownRelation

    (tmp_path / "actors.yaml").write_text("actors:\n  - {id: a, name: A}\n  - {id: b, name: B}\n",
                                          encoding="utf-8")
    (tmp_path / "relations.yaml").write_text(
        "types:\n  talks: {polarity: friendly}\nrelations:\n" + "".join(
            f"  - {{id: {i}, source: a, target: b, type: talks}}\n"
            for i in ("ab-cd-1", "ab-xyzcd", "ab-zz-q", "x-1", "x-2", "x-3", "x-4", "qrstw")),
        encoding="utf-8")
    graph = relgraph.load(tmp_path)

    def suggested(typed):
        with pytest.raises(UnknownRelation) as caught:
            graph.relation(typed)
        return caught.value.suggestions

    # "ab-cd" begins only ab-cd-1 (6 of 9 and 7 characters: 0.75). ab-xyzcd (ab- and xyz:
    # 2*6/17 = 0.71) would be within 0.05 of it, had the search begun from "ab".
    assert suggested("ab-cd-xyz") == ["ab-cd-1"]
    # Every break is tried, longest first: "ab-cd-zz" begins no id, "ab-cd" begins ab-cd-1
    # (2*6/17 = 0.71), which is named though ab-zz-q, beginning only "ab", is closer (ab- and
    # zz-q: 2*7/17 = 0.82).
    assert suggested("ab-cd-zz-q") == ["ab-cd-1"]
    # "x" begins four ids, each 2*2/6 = 0.67 from x-5: three are named, in id order.
    assert suggested("x-5") == ["x-1", "x-2", "x-3"]
    # qrs in common, 2*3/10: exactly 0.6, the least that is named.
    assert suggested("qrsuv") == ["qrstw"]
    assert graph.relation(" x-4 ").id == "x-4"  # spaces around a pasted id


def test_the_library_finds_a_relation_by_id():
    import relgraph
    from relgraph.errors import UnknownRelation

    graph = relgraph.load(TRICKY)
    assert (graph.relation("r7").source, graph.relation("r7").target) == ("cote", "south")
    # A relation written without an id gets one made up from its ends, type and date.
    assert graph.relation("militia-attack-north-2021-06").type == "attack"
    with pytest.raises(UnknownRelation):
        graph.relation("r99")


def _joined(block: list[str]) -> str:
    return " ".join(line.strip() for line in block)


@pytest.mark.parametrize("args", [["timeline", "Russia", "Hamas"],
                                  ["relations", "--between", "Russia", "Hamas"]])
def test_quotes_prints_each_quote_and_its_source_under_its_relation(run, args):
    relations = json.loads(run(*args, "--json").stdout)
    assert len(relations) == 4              # Russia -> Hamas: four entries in relations.yaml
    lines = run(*args, "--quotes").stdout.splitlines()[2:]
    rows = [i for i, line in enumerate(lines) if not line.startswith(" ")]
    for relation, start, end in zip(relations, rows, [*rows[1:], len(lines)], strict=True):
        text = _joined(lines[start + 1:end])
        assert text.startswith(f"[{relation['id']}] ")
        assert text.endswith(f"\u201c{relation['quote']}\u201d (Al Jazeera Net, 2023-11)")


def test_quotes_on_a_path_follow_each_relation_of_each_hop(run):
    relations = json.loads(run("path", "Russia", "Hamas", "--json").stdout)[0]["hops"][0][
        "relations"]
    text = _joined(run("path", "Russia", "Hamas", "--quotes").stdout.splitlines())
    positions = [text.index(f"\u201c{r['quote']}\u201d (Al Jazeera Net, 2023-11)")
                 for r in relations]
    assert len(relations) == 4 and positions == sorted(positions)


def test_quotes_says_so_when_a_relation_has_none(run):
    lines = run("timeline", "south", "north", "--quotes", data=TRICKY).stdout.splitlines()
    assert lines[2:5] == ["2019              Northland -> Southland  aid        +7.4",
                          "    [r3] Aid sent",
                          "    (no quote)"]
