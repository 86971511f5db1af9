"""ICEWS import on the real excerpt in tests/data/icews, every count worked out by hand.

tests/data/icews/README.md lists the 32 rows with how each side matches the shipped actors;
rows are named here by their line in the excerpt file (the header is line 1).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from relgraph.errors import InputFileError
from relgraph.importers import import_events
from relgraph.importers.matching import ActorMatcher
from relgraph.model import Actor

EXCERPT = Path(__file__).parent / "data" / "icews" / "events.2018.sample.excerpt.tab"
GDELT_EXPORT = Path(__file__).parent / "data" / "gdelt" / "20250807220000.export.excerpt.CSV"


def relations(folder: Path) -> list[dict]:
    lines = (folder / "relations.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_the_excerpt_keeps_the_events_between_shipped_actors(tmp_path):
    report = import_events("icews", [EXCERPT], tmp_path / "out")
    # Written (README table): Trump->China, China->United States, Hamas->Israel, Assad twice,
    # Putin/Netanyahu/Russia four times, Israel<->Russia twice, Syria->Iran, Iran<->Russia
    # twice, Envoy (China)->Israel, Military (Iran)->Syria = 16. Empty: Unspecified Actor (NA)
    # = 1. Same: two Ukrainian bodies = 1. None: 32 - 16 - 1 - 1 = 14.
    assert (report.rows_read, report.written) == (32, 16)
    assert dict(report.dropped) == {"a side is empty": 1, "both sides are the same actor": 1,
                                    "a side matches no actor": 14}
    assert (report.types, report.sources, report.actors_made) == (13, 8, 0)


def test_names_first_then_countries_match_the_actors(tmp_path):
    import_events("icews", [EXCERPT], tmp_path / "out")
    pairs = {r["id"]: (r["source"], r["target"]) for r in relations(tmp_path / "out")}
    assert pairs["icews-32890187-20180601"] == ("hamas", "israel")  # the name Hamas
    assert pairs["icews-32890295-20180601"] == ("russia", "israel")  # Putin: by Russian Federation
    assert pairs["icews-32891068-20180601"] == ("united-states", "china")  # Trump: by United States
    assert pairs["icews-32897301-20180601"] == ("iran", "syria")


def test_a_relation_keeps_the_code_day_summary_and_story(tmp_path):
    import_events("icews", [EXCERPT], tmp_path / "out")
    [row] = [r for r in relations(tmp_path / "out") if r["id"] == "icews-32897301-20180601"]
    # Line 30: 32897301, 2018-06-01, Military (Iran) -> Syria, CAMEO 0874, Al Arabiya, 47406146.
    assert row == {"id": "icews-32897301-20180601", "source": "iran", "target": "syria",
                   "type": "retreat-or-surrender-militarily", "date": "2018-06-01",
                   "summary": "Military (Iran) to Syria: Retreat or surrender militarily "
                              "(CAMEO 0874).",
                   "ref": "icews-47406146-al-arabiya"}
    document = yaml.safe_load((tmp_path / "out" / "relations.yaml").read_text(encoding="utf-8"))
    assert document["sources"]["icews-47406146-al-arabiya"] == {
        "title": "ICEWS story 47406146", "publisher": "Al Arabiya"}
    # GDELT's Goldstein value for 0874 is +10: friendly; the code keeps its leading zero.
    assert document["types"]["retreat-or-surrender-militarily"] == {
        "polarity": "friendly", "weight": 10.0, "cameo": "0874",
        "description": "CAMEO 0874: Retreat or surrender militarily."}


def test_all_actors_makes_countries_the_same_actors_gdelt_makes(tmp_path):
    report = import_events("icews", [EXCERPT], tmp_path / "out", all_actors=True)
    assert (report.written, report.actors_made) == (30, 11)
    assert dict(report.dropped) == {"a side is empty": 1, "both sides are the same actor": 1}
    actors = yaml.safe_load((tmp_path / "out" / "actors.yaml").read_text(encoding="utf-8"))
    made = {a["id"]: (a["name"], a.get("codes")) for a in actors["actors"][17:]}
    assert made == {
        "bgd": ("Bangladesh", ["BGD"]), "vnm": ("Vietnam", ["VNM"]),
        "kaz": ("Kazakhstan", ["KAZ"]),
        # no country and no CAMEO name: an actor of that name
        "shanghai-cooperation-organization": ("Shanghai Cooperation Organization", None),
        "pse": ("Occupied Palestinian Territory", ["PSE"]),  # as GDELT's PSE
        "antonio-tajani": ("Antonio Tajani", None), "lux": ("Luxembourg", ["LUX"]),
        "eec": ("European Union", ["EEC"]),  # CAMEO's known group EEC
        "tha": ("Thailand", ["THA"]), "uga": ("Uganda", ["UGA"]),
        "arg": ("Argentina", ["ARG"]),
    }


def test_columns_are_found_by_their_header_names(tmp_path):
    lines = EXCERPT.read_text(encoding="utf-8").splitlines()
    reordered = tmp_path / "reordered.tab"
    reordered.write_text("".join("\t".join(reversed(line.split("\t"))) + "\n"
                                 for line in lines), encoding="utf-8")
    import_events("icews", [EXCERPT], tmp_path / "a")
    import_events("icews", [reordered], tmp_path / "b")
    assert relations(tmp_path / "a") == relations(tmp_path / "b")


def test_bad_rows_are_counted_with_their_line(tmp_path):
    lines = EXCERPT.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace("2018-06-01", "2018-13-01", 1)  # line 4: Trump -> China
    lines[4] = lines[4].split("\t", 1)[1]  # line 5: China -> United States, one field short
    damaged = tmp_path / "damaged.tab"
    damaged.write_text("".join(lines), encoding="utf-8")
    report = import_events("icews", [damaged], tmp_path / "out")
    assert [(r.line, r.reason) for r in report.bad_rows] == [(4, "impossible date"),
                                                             (5, "wrong column count")]
    assert (report.rows_read, report.written) == (32, 14)  # both were written before


@pytest.mark.parametrize(("source", "message"), [
    (GDELT_EXPORT, "this looks like a GDELT export (no header, 61 fields)"),
    (None, "the header has no 'Event ID', 'Event Date', 'Source Name' ... column"),
], ids=["gdelt-file", "other-table"])
def test_a_file_that_is_not_icews_is_one_clear_error(tmp_path, source, message):
    if source is None:
        source = tmp_path / "table.tab"
        source.write_text("id\tname\n1\tRussia\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        import_events("icews", [source], tmp_path / "out")
    assert message in str(caught.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("side", "expected"), [
    (("Vladimir Putin", "Russian Federation"), "russia"),  # the shipped alias
    (("Russia", ""), "russia"),
    (("Unspecified Actor", "Israel"), "israel"),
    (("Citizen (Argentina)", "Argentina"), None),
])
def test_an_icews_side_matches_its_name_then_its_country(side, expected):
    actors = [Actor("russia", "Russia", aliases=("Russian Federation",)),
              Actor("israel", "Israel")]
    matcher = ActorMatcher(actors)
    actor = matcher.icews(*side) if side[0] != "Unspecified Actor" else matcher.icews("", side[1])
    assert (actor.id if actor else None) == expected


def test_an_event_id_used_on_two_dates_gives_two_relations(tmp_path):
    # ICEWS's Event ID is unique only with the Event Date. Line 25 of the excerpt is 32891651
    # Iran -> Russia (Russian Federation), 050, 2018-06-01, written (README table). Copied as it
    # is, it is a true repeat; with the date 2018-06-02 it is another event with the same id.
    lines = EXCERPT.read_text(encoding="utf-8").splitlines(keepends=True)
    [row] = [line for line in lines if line.startswith("32891651\t")]
    assert row.split("\t")[1] == "2018-06-01"
    twice = tmp_path / "twice.tab"
    twice.write_text(lines[0] + row + row + row.replace("2018-06-01", "2018-06-02", 1),
                     encoding="utf-8")
    report = import_events("icews", [twice], tmp_path / "out")
    assert (report.rows_read, report.written) == (3, 2)
    assert dict(report.dropped) == {"event id already imported": 1}
    assert [(r["id"], r["date"]) for r in relations(tmp_path / "out")] == [
        ("icews-32891651-20180601", "2018-06-01"), ("icews-32891651-20180602", "2018-06-02")]
