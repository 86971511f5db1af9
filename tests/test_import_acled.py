"""ACLED import on rows written in ACLED's export format, every count worked out by hand.

tests/data/acled/README.md lists the 21 rows of the three files with how each fares; the numbers
below are sums over that table. The data-tool file is gzipped here.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import yaml

from relgraph.errors import InputFileError
from relgraph.importers import import_events
from relgraph.importers.acled import ATTRIBUTION, _side, acled_day
from relgraph.importers.acled_types import TABLE, acled_type
from relgraph.importers.cameo import event_codes
from relgraph.importers.matching import ActorMatcher
from relgraph.model import Actor

DATA = Path(__file__).parent / "data" / "acled"
EXPORT = DATA / "acled-2023-10-export.csv"
DATATOOL = DATA / "acled-2023-11-datatool.csv"
ROUNDTRIP = DATA / "acled-2023-roundtrip.csv"


def relations(folder: Path) -> list[dict]:
    lines = (folder / "relations.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture
def files(tmp_path) -> list[Path]:
    gz = tmp_path / (DATATOOL.name + ".gz")
    gz.write_bytes(gzip.compress(DATATOOL.read_bytes()))
    return [EXPORT, gz, ROUNDTRIP]


def test_the_three_files_keep_the_events_between_shipped_actors(tmp_path, files):
    report = import_events("acled", files, tmp_path / "out")
    assert (report.rows_read, report.written) == (21, 9)
    assert dict(report.dropped) == {"a side matches no actor": 10, "no actor2": 1,
                                    "impossible date": 1}
    assert [(Path(r.file).name, r.line, r.reason) for r in report.bad_rows] == [
        ("acled-2023-11-datatool.csv.gz", 8, "impossible date")]
    assert (report.actors, report.actors_made, report.types, report.sources) == (17, 0, 4, 7)
    assert report.notice == ATTRIBUTION
    assert "Armed Conflict Location & Event Data (ACLED); www.acleddata.com" in ATTRIBUTION


def test_each_relation_is_the_row_of_the_table(tmp_path, files):
    import_events("acled", files, tmp_path / "out")
    got = [(r["id"], r["source"], r["target"], r["type"], r["date"], r.get("mutual", False))
           for r in relations(tmp_path / "out")]
    assert got == [  # the README's table: all three date forms read
        ("acled-ISR1001", "hamas", "israel", "armed-clash", "2023-10-07", True),
        ("acled-PSE2002", "israel", "hamas", "shelling-artillery-missile-attack", "2023-10-10",
         False),
        ("acled-ISR1002", "hezbollah", "israel", "shelling-artillery-missile-attack",
         "2023-10-11", False),
        ("acled-LBN3001", "israel", "hezbollah", "air-drone-strike", "2023-10-12", False),
        ("acled-SYR6001", "united-states", "irgc", "air-drone-strike", "2023-10-26", False),
        ("acled-PSE2003", "israel", "hamas", "agreement", "2023-11-22", False),
        ("acled-LBN3002", "hezbollah", "israel", "armed-clash", "2023-11-18", True),
        ("acled-UKR8001", "russia", "ukraine", "air-drone-strike", "2023-11-05", False),
        ("acled-SYR6002", "united-states", "irgc", "air-drone-strike", "2023-11-08", False),
    ]


def test_the_summary_is_the_notes_with_fatalities_location_and_associated_actors(
        tmp_path, files):
    import_events("acled", files, tmp_path / "out")
    by_id = {r["id"]: r for r in relations(tmp_path / "out")}
    assert by_id["acled-ISR1001"]["summary"] == (
        "On 7 October 2023, Hamas militants, joined by fighters of the Palestinian Islamic "
        "Jihad, clashed with Israeli forces at kibbutz Be'eri. Fatalities are an estimate. "
        "Fatalities: 12. Location: Be'eri, HaDarom, Israel. Associated actors, not sides: "
        "Palestinian Islamic Jihad (with Hamas Movement). (ACLED Battles: Armed clash)")
    assert by_id["acled-PSE2003"]["summary"].endswith(
        "Associated actors, not sides: Government of Qatar (2013-); Government of Egypt "
        "(2014-) (with Government of Israel (2022-)). (ACLED Strategic developments: "
        "Agreement)")
    assert by_id["acled-ISR1001"]["ref"] == "acled-times-of-israel-haaretz"
    assert "quote" not in by_id["acled-ISR1001"]


def test_types_carry_relgraphs_weights_and_say_whose_they_are(tmp_path, files):
    import_events("acled", files, tmp_path / "out", all_actors=True)
    document = yaml.safe_load((tmp_path / "out" / "relations.yaml").read_text(encoding="utf-8"))
    weights = {name: (t["polarity"], t["weight"]) for name, t in document["types"].items()}
    assert weights == {
        "armed-clash": ("hostile", -10.0), "air-drone-strike": ("hostile", -10.0),
        "shelling-artillery-missile-attack": ("hostile", -10.0),
        "protest-with-intervention": ("hostile", -6.5),
        "agreement": ("friendly", 8.0), "other": ("neutral", 0.0),
        "arrests": ("hostile", -5.0), "attack": ("hostile", -10.0),
        "abduction-forced-disappearance": ("hostile", -9.0),
        "mob-violence": ("hostile", -7.5), "violent-demonstration": ("hostile", -7.5)}
    assert document["types"]["air-drone-strike"]["description"] == (
        "ACLED Explosions/Remote violence: Air/drone strike. Weight relgraph's, not ACLED's, by "
        "analogy with CAMEO 195 Employ aerial weapons (-10), as GDELT codes an air strike.")
    assert document["sources"]["acled-l-orient-le-jour"] == {"publisher": "L'Orient-Le Jour"}


def test_all_actors_makes_states_from_their_code_and_others_by_name(tmp_path, files):
    report = import_events("acled", files, tmp_path / "out", all_actors=True)
    assert (report.written, report.actors_made, report.types, report.sources) == (19, 10, 11, 13)
    actors = yaml.safe_load((tmp_path / "out" / "actors.yaml").read_text(encoding="utf-8"))
    made = {a["id"]: (a["name"], a["kind"]) for a in actors["actors"][17:]}
    assert made == {
        "civilians-palestine": ("Civilians (Palestine)", "other"),
        "protesters-palestine": ("Protesters (Palestine)", "other"),
        "pse": ("Occupied Palestinian Territory", "state"),
        "islamic-resistance-in-iraq": ("Islamic Resistance in Iraq", "other"),
        "civilians-thailand": ("Civilians (Thailand)", "other"),
        "civilians-israel": ("Civilians (Israel)", "other"),
        "settlers-israel": ("Settlers (Israel)", "other"),
        "rioters-russia": ("Rioters (Russia)", "other"),
        "rioters-jordan": ("Rioters (Jordan)", "other"),
        "jor": ("Jordan", "state")}


def test_a_row_with_the_wrong_field_count_is_a_bad_row(tmp_path):
    lines = EXPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(",Reuters,", ",", 1)  # line 4 (PSE2002): a field short
    damaged = tmp_path / "damaged.csv"
    damaged.write_text("".join(lines), encoding="utf-8")
    report = import_events("acled", [damaged], tmp_path / "out")
    assert [(r.line, r.reason, r.detail) for r in report.bad_rows] == [
        (4, "wrong column count", "30; the header has 31")]
    assert report.written == 5 - 1


@pytest.mark.parametrize(("text", "day"), [
    ("2023-10-07", "2023-10-07"), ("07 October 2023", "2023-10-07"),
    ("7-Oct-23", "2023-10-07"), ("7 october 2023", "2023-10-07"), ("31-Dec-97", "1997-12-31"),
    ("29-Feb-24", "2024-02-29"), ("29-Feb-23", None), ("31 November 2023", None),
    ("2023-13-01", None), ("07/10/2023", None), ("7 Octobre 2023", None), ("", None),
])
def test_the_three_date_forms(text, day):
    assert acled_day(text) == day


@pytest.mark.parametrize(("raw", "side"), [
    ("Military Forces of Israel (2022-)", ("Military Forces of Israel", "Israel")),
    ("Police Forces of Palestine (2007-) Gaza Strip", ("Police Forces of Palestine",
                                                       "Palestine")),
    ("Government of Israel (2022-)", ("Government of Israel", "Israel")),
    ("Military Forces of the United States (2021-)",
     ("Military Forces of the United States", "United States")),
    ("Military Forces of Sudan (2019-2023)", ("Military Forces of Sudan", "Sudan")),
    ("Hamas Movement", ("Hamas Movement", "")),
    ("Civilians (Palestine)", ("Civilians (Palestine)", "")),
])
def test_names_lose_their_period_of_rule_and_state_forces_are_the_state(raw, side):
    assert _side(raw) == side


@pytest.mark.parametrize(("side", "expected"), [
    (("Military Forces of Israel", "Israel"), "israel"),
    (("Police Forces of Russia", "Russian Federation"), "russia"),  # a name of the state
    (("Government of Romania", "Romania"), "romania"),  # by its CAMEO code, ROM
    (("Hamas Movement", ""), "hamas"),  # an alias
    (("Civilians (Israel)", ""), None),
])
def test_an_acled_side_matches_the_state_or_the_name_as_written(side, expected):
    actors = [Actor("israel", "Israel", codes=("ISR",)),
              Actor("russia", "Russia", aliases=("Russian Federation",)),
              Actor("romania", "Rumania", codes=("ROM",)),
              Actor("hamas", "Hamas", aliases=("Hamas movement",))]
    actor = ActorMatcher(actors).acled(*side)
    assert (actor.id if actor else None) == expected


def test_every_sub_event_type_of_the_codebook_has_a_weight_by_cameo_analogy():
    assert len(TABLE) == 25
    assert {row[0] for row in TABLE.values()} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
        "Riots", "Strategic developments"}
    codes = event_codes()
    for name, (_, weight, cameo, why) in TABLE.items():
        # Each weight is its analogue's Goldstein value, which the reason names.
        assert weight == codes[cameo].goldstein, name
        assert f"({weight:g})" in why or f"({weight:+g})" in why, name
    # The codebook spells it "protesters" and, in older editions, "protestors".
    assert acled_type("Excessive force against protestors").type_name == \
        "excessive-force-against-protesters"
    assert acled_type("Air/drone strike").type_name == "air-drone-strike"
    assert acled_type("Drone strike") is None


@pytest.mark.parametrize(("content", "message"), [
    ("", "empty file; ACLED exports start with a header row"),
    ("event_id_cnty,event_date,actor1\nISR1,2023-10-07,Hamas\n",
     "not an ACLED export: the header has no 'event_type', 'sub_event_type', 'assoc_actor_1'"),
])
def test_a_file_that_is_not_acled_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "events.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError, match=message):
        import_events("acled", [path], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_row_not_in_utf8_is_a_bad_row_and_a_note_over_two_lines_is_one_row(tmp_path):
    lines = EXPORT.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2].replace(b"Rimal", b"R\xefmal")  # line 3 (PSE2001): ISO-8859-1 bytes
    lines[3] = lines[3].replace(b"Israeli artillery", b"Israeli\nartillery")  # PSE2002: 4-5
    damaged = tmp_path / "damaged.csv"
    damaged.write_bytes(b"".join(lines))
    report = import_events("acled", [damaged], tmp_path / "out")
    assert [(r.line, r.reason) for r in report.bad_rows] == [(3, "not UTF-8 text")]
    lines[4] = lines[4].replace(b"Hezbollah,,", b"Hezbollah,", 1)  # ISR1002, now on line 6
    damaged.write_bytes(b"".join(lines))
    report = import_events("acled", [damaged], tmp_path / "out2")
    assert [(r.line, r.reason) for r in report.bad_rows] == [
        (3, "not UTF-8 text"), (6, "wrong column count")]
    # PSE2001 wrote nothing before (Civilians (Palestine) is no shipped actor); ISR1002 did.
    assert (report.rows_read, report.written) == (9, 5 - 1)
    [pse2002] = [r for r in relations(tmp_path / "out") if r["id"] == "acled-PSE2002"]
    assert pse2002["summary"].startswith("On 10 October 2023, Israeli\nartillery shelled")


def test_a_quote_never_closed_is_one_bad_row_and_the_rest_is_read(tmp_path):
    # Line 3 opens a quoted field that no quote closes; csv reads on until its field size limit
    # (131,072 characters) is passed, inside the 1,000 filler lines of 201 characters (lines
    # 4-1003): the lines it swallowed are that one bad row; the filler after it are bad rows of
    # one field; the last row (ISR1002, shipped Hezbollah -> Israel) is written.
    lines = EXPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    filler = ("x" * 200 + "\n") * 1000
    broken = tmp_path / "broken.csv"
    broken.write_text(lines[0] + lines[3] + 'X1,"2023-10-07\n' + filler + lines[4],
                      encoding="utf-8")
    report = import_events("acled", [broken], tmp_path / "out")
    assert report.bad_rows[0].line == 3
    assert report.bad_rows[0].reason == "malformed CSV"
    assert "field larger than field limit" in report.bad_rows[0].detail
    assert report.written == 2  # PSE2002 (line 2) and ISR1002 (the last line)
    assert report.dropped["malformed CSV"] == 1
    assert report.rows_read == report.written + sum(report.dropped.values())
