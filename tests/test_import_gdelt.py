"""GDELT import on the real excerpt in tests/data/gdelt, every count worked out by hand.

tests/data/gdelt/README.md lists the 58 rows of the 2.0 excerpt with how each side matches the
shipped actors (codes RUS ISR IRN USA UKR SYR HMS HEZ CHN MLT); the numbers below are sums over
that table. Rows are named by their GLOBALEVENTID.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from relgraph.errors import InputFileError
from relgraph.importers import StrictImportError, import_events
from relgraph.importers.matching import ActorMatcher
from relgraph.model import Actor

DATA = Path(__file__).parent / "data" / "gdelt"
EXPORT = DATA / "20250807220000.export.excerpt.CSV"
GDELT1 = DATA / "gdelt1-excerpt.CSV"


def relations(folder: Path) -> list[dict]:
    lines = (folder / "relations.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_the_excerpt_keeps_the_two_events_between_shipped_actors(tmp_path):
    report = import_events("gdelt", [EXPORT], tmp_path / "out")
    # 58 rows. Empty side (one actor all blank): 770 771 776 777 780, 253 254 255 256 265 267
    # 268 269, 411 = 14. Same actor both sides: 774 775 (USA/USALEG), 270 280 (ISR/ISRGOV) = 4.
    # Written: 439 RUSSIA->UKRAINE (036) and 440 RUSSIAN (code RUS)->UNITED STATES (020) = 2.
    # Every other row has a side no shipped actor matches: 58 - 14 - 4 - 2 = 38.
    assert (report.rows_read, report.written) == (58, 2)
    assert dict(report.dropped) == {"a side is empty": 14, "both sides are the same actor": 4,
                                    "a side matches no actor": 38}
    assert report.bad_rows == []
    assert (report.actors, report.actors_made, report.types, report.sources) == (17, 0, 2, 2)


def test_a_relation_says_who_did_what_to_whom(tmp_path):
    import_events("gdelt", [EXPORT], tmp_path / "out")
    first, second = relations(tmp_path / "out")
    # Row 1256323439: RUS RUSSIA -> UKR UKRAINE, EventCode 036, SQLDATE 20250807, NumMentions 1.
    assert first == {
        "id": "gdelt-1256323439", "source": "russia", "target": "ukraine",
        "type": "express-intent-to-meet-or-negotiate", "date": "2025-08-07",
        "summary": "RUSSIA to UKRAINE: Express intent to meet or negotiate (CAMEO 036), "
                   "1 mention in GDELT.",
        "ref": first["ref"]}
    # Row 1256323440: RUS RUSSIAN -> USA UNITED STATES, 020 "Appeal, not specified below", 2.
    assert (second["id"], second["source"], second["target"], second["type"]) == (
        "gdelt-1256323440", "russia", "united-states", "appeal-not-specified-below")
    assert second["summary"].endswith("(CAMEO 020), 2 mentions in GDELT.")
    assert "quote" not in first and "weight" not in first


def test_types_and_sources_follow_the_cameo_table_and_the_urls(tmp_path):
    import_events("gdelt", [EXPORT], tmp_path / "out")
    document = yaml.safe_load((tmp_path / "out" / "relations.yaml").read_text(encoding="utf-8"))
    # GDELT's Goldstein table: 036 +4.0, 020 +3.0; both friendly. The code stays text.
    assert document["types"] == {
        "appeal-not-specified-below": {
            "polarity": "friendly", "weight": 3.0, "cameo": "020",
            "description": "CAMEO 020: Appeal, not specified below."},
        "express-intent-to-meet-or-negotiate": {
            "polarity": "friendly", "weight": 4.0, "cameo": "036",
            "description": "CAMEO 036: Express intent to meet or negotiate."}}
    assert document["relations"] == []
    urls = {source["url"] for source in document["sources"].values()}
    assert urls == {
        "https://www.afr.com/world/europe/putin-trump-plan-to-meet-as-us-pushes-to-include-"
        "zelensky-20250808-p5mlbj",
        "https://www.wdrb.com/news/national/trump-says-he-would-meet-with-putin-even-if-the-"
        "russian-leader-wont-meet-with/article_48ecd760-205f-5096-b697-8dbfd8c604b6.html"}
    by_ref = {r["ref"]: r["id"] for r in relations(tmp_path / "out")}
    assert document["sources"][next(k for k, v in by_ref.items()
                                    if v == "gdelt-1256323439")]["publisher"] == "www.afr.com"


def test_all_actors_makes_actors_from_known_group_then_country_codes(tmp_path):
    report = import_events("gdelt", [EXPORT], tmp_path / "out", all_actors=True)
    # Now a side with a known-group or country code gets an actor: written 778 779 781 782 783,
    # 257 260 261 262 263 264 266 273 274 281, 409 410, 436 437 438 439 440 = 22. Still no
    # actor (no code of either kind): 772 773 (MED), 258 259 (CVL), 271 (LEG), 272 (MOS),
    # 275 276 277 (sco), 278 279 (CVL), 407 408 412 413 (CVL), 414 415 (GOV), 435 (CVL) = 18.
    assert (report.written, report.dropped["a side matches no actor"]) == (22, 18)
    assert (report.dropped["a side is empty"], report.dropped["both sides are the same actor"]) \
        == (14, 4)
    actors = yaml.safe_load((tmp_path / "out" / "actors.yaml").read_text(encoding="utf-8"))
    made = {a["id"]: (a["name"], a["kind"], a["codes"]) for a in actors["actors"][17:]}
    assert made == {
        "are": ("United Arab Emirates", "state", ["ARE"]),
        "cod": ("Democratic Republic of the Congo", "state", ["COD"]),
        "sle": ("Sierra Leone", "state", ["SLE"]),
        "uno": ("United Nations", "organization", ["UNO"]),  # UNICEF's known group
        "nat": ("North Atlantic Treaty Organization (NATO)", "organization", ["NAT"]),
        "gbr": ("United Kingdom", "state", ["GBR"]),
        "pse": ("Occupied Palestinian Territory", "state", ["PSE"]),
        "irl": ("Ireland", "state", ["IRL"]),
        "qat": ("Qatar", "state", ["QAT"]),
        "tur": ("Turkey", "state", ["TUR"]),
    }
    assert report.actors_made == 10
    # NATO rows carry country WST and known group NAT: the known group wins.
    nato = [r for r in relations(tmp_path / "out") if r["id"] == "gdelt-1256323264"]
    assert [(r["source"], r["target"], r["type"]) for r in nato] == [
        ("nat", "russia", "accuse-not-specified-below")]


def test_gdelt_1_rows_of_57_and_58_fields_are_read(tmp_path):
    report = import_events("gdelt", [GDELT1], tmp_path / "out")
    # 4 rows: 324845984 (58 fields, no Actor1), 324845984 again (57 fields: the same event
    # without SOURCEURL, so again no Actor1), 324845987 BUS COMPANIES -> MNCUSA EXXON (BUS
    # matches nothing), 324846008 (no Actor1).
    assert report.rows_read == 4
    assert dict(report.dropped) == {"a side is empty": 3, "a side matches no actor": 1}
    assert report.bad_rows == []


def test_the_same_file_twice_writes_each_event_once(tmp_path):
    report = import_events("gdelt", [EXPORT, EXPORT], tmp_path / "out")
    # The second copy's 2 writable rows are already imported; its other 56 rows are dropped
    # again for their own reasons: 2 x 14 empty, 2 x 38 none, 2 x 4 same.
    assert (report.rows_read, report.written) == (116, 2)
    assert dict(report.dropped) == {"a side is empty": 28, "a side matches no actor": 76,
                                    "both sides are the same actor": 8,
                                    "event id already imported": 2}
    assert [r["id"] for r in relations(tmp_path / "out")] == [
        "gdelt-1256323439", "gdelt-1256323440"]


def test_an_id_written_from_one_file_is_not_written_again_from_another(tmp_path):
    # An overlapping file: the row 1256323439 alone, copied from the excerpt.
    [row] = [line for line in EXPORT.read_text(encoding="utf-8").splitlines(keepends=True)
             if line.startswith("1256323439\t")]
    overlap = tmp_path / "overlap.CSV"
    overlap.write_text(row, encoding="utf-8")
    report = import_events("gdelt", [overlap, EXPORT], tmp_path / "out")
    assert (report.rows_read, report.written) == (59, 2)
    assert report.dropped["event id already imported"] == 1


def test_zip_and_gzip_give_the_same_folder_as_the_plain_file(tmp_path):
    import gzip
    import zipfile

    packed = tmp_path / "export.zip"
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(EXPORT, "20250807220000.export.CSV")
    gz = tmp_path / "export.CSV.gz"
    gz.write_bytes(gzip.compress(EXPORT.read_bytes()))
    import_events("gdelt", [EXPORT], tmp_path / "plain")
    for source, name in ((packed, "zip"), (gz, "gz")):
        report = import_events("gdelt", [source], tmp_path / name)
        assert (report.rows_read, report.written) == (58, 2)
        assert relations(tmp_path / name) == relations(tmp_path / "plain")


def _damaged(tmp_path: Path) -> Path:
    """The excerpt with three rows broken by hand (lines 2, 5 and 10 of the file)."""
    lines = EXPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[1].rstrip("\n").split("\t")
    lines[1] = "\t".join(fields[:-1]) + "\n"  # 1256322771 loses SOURCEURL: 60 fields
    fields = lines[4].split("\t")
    fields[1] = "20250230"  # 1256322774 on February 30
    lines[4] = "\t".join(fields)
    fields = lines[9].split("\t")
    fields[26] = ""  # 1256322779 without EventCode
    lines[9] = "\t".join(fields)
    damaged = tmp_path / "damaged.CSV"
    damaged.write_text("".join(lines), encoding="utf-8")
    return damaged


def test_bad_rows_are_skipped_counted_and_listed_with_file_and_line(tmp_path):
    damaged = _damaged(tmp_path)
    report = import_events("gdelt", [damaged], tmp_path / "out")
    assert [(row.line, row.reason) for row in report.bad_rows] == [
        (2, "wrong column count"), (5, "impossible date"), (10, "empty event code")]
    assert {row.file for row in report.bad_rows} == {str(damaged)}
    assert str(report.bad_rows[0]) == (f"{damaged}:2: wrong column count "
                                       "(60; this file's rows have 61)")
    # The three rows were: 771 (empty side), 774 (same actor), 779 (no actor). Their drops
    # move to the bad-row reasons; the two written relations stay.
    assert (report.rows_read, report.written, report.bad_count) == (58, 2, 3)
    assert dict(report.dropped) == {
        "wrong column count": 1, "impossible date": 1, "empty event code": 1,
        "a side is empty": 13, "both sides are the same actor": 3,
        "a side matches no actor": 37}


def test_strict_refuses_the_import_and_writes_nothing(tmp_path):
    with pytest.raises(StrictImportError) as caught:
        import_events("gdelt", [_damaged(tmp_path)], tmp_path / "out", strict=True)
    assert caught.value.report.bad_count == 3
    assert caught.value.exit_code == 3
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["damaged.CSV"]  # no temporary folder left


def test_only_bad_lines_at_the_top_of_a_real_file_are_bad_rows(tmp_path):
    text = EXPORT.read_text(encoding="utf-8")
    mixed = tmp_path / "mixed.CSV"
    mixed.write_text("a\tb\tc\n\n" + text, encoding="utf-8")
    report = import_events("gdelt", [mixed], tmp_path / "out")
    # Line 1 is junk, line 2 is empty (not a row), the 58 real rows follow.
    assert (report.rows_read, report.written) == (59, 2)
    assert [(r.line, r.reason) for r in report.bad_rows] == [(1, "wrong column count")]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty file"),
    (b"<?xml version='1.0'?>\n<graphml>\n", "this is XML (GraphML?), not GDELT events"),
    (b"id\tname\n1\tRussia\n", "2 tab-separated fields"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data, not a text file of events"),
], ids=["empty", "graphml", "other-table", "png"])
def test_a_file_that_is_not_gdelt_is_one_clear_error(tmp_path, content, message):
    source = tmp_path / "input.CSV"
    source.write_bytes(content)
    with pytest.raises(InputFileError) as caught:
        import_events("gdelt", [source], tmp_path / "out")
    assert message in str(caught.value) and str(source) in str(caught.value)
    assert caught.value.exit_code == 3
    assert not (tmp_path / "out").exists()


# -- matching, one rule at a time --------------------------------------------------------------

ACTORS = [Actor("hamas", "Hamas", codes=("HMS",)), Actor("israel", "Israel", codes=("ISR",)),
          Actor("gaza-police", "Gaza Police", codes=("PSECOP",)),
          Actor("palestine", "Palestine", codes=("PSE",))]


@pytest.mark.parametrize(("side", "expected"), [
    # (code, name, country, known group)
    (("PSEREB", "HAMAS", "PSE", ""), "hamas"),  # GDELT's Hamas: no known group; the name
    (("ISRREB", "ISRAEL", "ISR", "HMS"), "hamas"),  # the known group comes before the name
    (("PSECOP", "POLICE", "PSE", ""), "gaza-police"),  # the full code before the country
    (("PSEGOV", "GAZA", "PSE", ""), "palestine"),  # the country last
    (("psegov", "gaza", "pse", ""), "palestine"),  # any case
    (("CVL", "VILLAGE", "", ""), None),
])
def test_a_gdelt_side_matches_known_group_then_name_then_code_then_country(side, expected):
    code, name, country, group = side
    actor = ActorMatcher(ACTORS).gdelt(group, name, code, country)
    assert (actor.id if actor else None) == expected


def test_a_made_actor_never_duplicates_an_existing_name():
    # CAMEO's CHN is "China": without the code on the actor, all_actors finds China by name.
    china = Actor("china", "China")
    matcher = ActorMatcher([china], make=True)
    assert matcher.gdelt("", "CHINESE", "CHN", "CHN") is china
    assert matcher.made == []


def test_an_event_code_missing_from_the_cameo_table_is_left_out_and_counted(tmp_path):
    lines = EXPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[-2].split("\t")  # 1256323439 RUSSIA -> UKRAINE, written with 036
    assert fields[0] == "1256323439"
    fields[26] = "0999"
    lines[-2] = "\t".join(fields)
    changed = tmp_path / "changed.CSV"
    changed.write_text("".join(lines), encoding="utf-8")
    report = import_events("gdelt", [changed], tmp_path / "out")
    assert report.written == 1
    assert report.dropped["event code not in the CAMEO table"] == 1
    assert report.bad_rows == []  # a well-formed row: dropped, not bad
