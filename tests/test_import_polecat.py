"""POLECAT import on rows written in the published format, every count worked out by hand.

tests/data/polecat/README.md lists the 30 rows of the four files with how each fares; the
numbers below are sums over that table. The Release216 file is gzipped and the two monthly files
zipped here, as POLECAT ships them.
"""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest
import yaml

from relgraph.errors import InputFileError
from relgraph.importers import StrictImportError, import_events
from relgraph.importers.matching import ActorMatcher
from relgraph.importers.plover import MODE_SCORES, QUADS, TYPE_SCORES, plover_type
from relgraph.model import Actor

DATA = Path(__file__).parent / "data" / "polecat"
WEEKLY = DATA / "ngecEvents.20231019131501.Release212.DV.txt"
HEADLINE = DATA / "ngecEvents.20231110.Release216.DV.txt"
OCT, NOV = DATA / "ngecEventsDV-2023-Oct.txt", DATA / "ngecEventsDV-2023-Nov.txt"


def relations(folder: Path) -> list[dict]:
    lines = (folder / "relations.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture
def files(tmp_path) -> list[Path]:
    """The four files as published: a .txt, a .txt.gz and a yearly .zip of the two months."""
    gz = tmp_path / (HEADLINE.name + ".gz")
    gz.write_bytes(gzip.compress(HEADLINE.read_bytes()))
    yearly = tmp_path / "ngecEventsDV-2023.txt.zip"
    with zipfile.ZipFile(yearly, "w") as archive:
        for month in (OCT, NOV):
            archive.write(month, month.name)
        archive.writestr("README.pdf", b"%PDF-1.4 not an event file")  # not .txt: not read
    return [WEEKLY, gz, yearly]


def test_the_four_files_keep_the_events_between_shipped_actors(tmp_path, files):
    report = import_events("polecat", files, tmp_path / "out")
    assert (report.rows_read, report.written) == (30, 18)
    assert dict(report.dropped) == {"a side matches no actor": 9, "no recipient": 1,
                                    "impossible date": 1, "both sides are the same actor": 1}
    assert [(Path(r.file).name, r.line, r.reason) for r in report.bad_rows] == [
        ("ngecEvents.20231110.Release216.DV.txt.gz", 7, "impossible date")]
    assert (report.actors, report.actors_made, report.types, report.sources) == (17, 0, 18, 6)
    # Only the October file is ISO-8859-1; it is named with its zip.
    assert report.fell_back == [f"{files[2]}:ngecEventsDV-2023-Oct.txt"]


def test_each_relation_is_the_row_of_the_table(tmp_path, files):
    import_events("polecat", files, tmp_path / "out")
    got = [(r["id"].removeprefix("polecat-"), r["source"], r["target"], r["type"], r["date"])
           for r in relations(tmp_path / "out")]
    # The README's table, rows written with the shipped actors, in file order (the zip's
    # members by name: Nov before Oct).
    assert got == [
        ("pc231007a01", "hamas", "israel", "assault-firearms", "2023-10-07"),
        ("pc231008a02", "israel", "hamas", "assault-aerial", "2023-10-08"),
        ("pc231009a03", "russia", "united-states", "accuse-disapprove", "2023-10-09"),
        ("pc231010a04", "iran", "russia", "consult-phone", "2023-10-10"),
        ("pc231011a05", "hezbollah", "israel", "threaten-violence", "2023-10-11"),
        ("pc231012a06", "united-states", "israel", "plover-support", "2023-10-12"),
        ("pc231013a07", "united-states", "israel", "aid", "2023-10-13"),
        ("pc231016a12", "israel", "united-states", "concede", "2023-10-16"),
        ("pc231017a13", "china", "ukraine", "reject-change", "2023-10-17"),
        ("pc231018a14", "united-states", "hamas", "sanction-discontinue", "2023-10-18"),
        ("pc231103b03", "iran", "hezbollah", "cooperate", "2023-11-03"),
        ("pc231105b05", "iran", "united-states", "assault-drone", "2023-11-05"),
        ("pc231107b07", "israel", "hezbollah", "assault", "2023-11-07"),
        ("pc231115d01", "ukraine", "israel", "request-meet", "2023-11-15"),
        ("pc231122d03", "israel", "hamas", "agree", "2023-11-22"),
        ("pc231124d04", "hamas", "israel", "retreat-ceasefire", "2023-11-24"),
        ("pc231125d05", "united-states", "israel", "protest-vandalize", "2023-11-25"),
        ("pc231021c02", "russia", "israel", "consult-third-party", "2023-10-21"),
    ]


def test_a_relation_says_who_did_what_to_whom_with_mode_and_contexts(tmp_path, files):
    import_events("polecat", files, tmp_path / "out")
    by_id = {r["id"]: r for r in relations(tmp_path / "out")}
    assert by_id["polecat-pc231007a01"] == {
        "id": "polecat-pc231007a01", "source": "hamas", "target": "israel",
        "type": "assault-firearms", "date": "2023-10-07",
        "summary": "Hamas (PSE) to Israel (ISR): ASSAULT, mode firearms, contexts military, "
                   "terrorism (PLOVER, POLECAT).",
        "ref": "polecat-times-of-israel"}
    # Mode and contexts None: neither is named. Ha'aretz's apostrophe stays in the publisher.
    assert by_id["polecat-pc231016a12"]["summary"] == (
        "Benjamin Netanyahu (ISR) to Joe Biden (USA): CONCEDE (PLOVER, POLECAT).")
    # The ISO-8859-1 file's accents read as written.
    assert by_id["polecat-pc231021c02"]["summary"].startswith(
        "Sergueï Lavrov (RUS) to Israël (ISR): CONSULT, mode third-party")
    assert "quote" not in by_id["polecat-pc231007a01"]


def test_types_weigh_as_plovers_table_and_sources_are_publishers(tmp_path, files):
    import_events("polecat", files, tmp_path / "out", all_actors=True)
    document = yaml.safe_load((tmp_path / "out" / "relations.yaml").read_text(encoding="utf-8"))
    weights = {name: (t["polarity"], t["weight"]) for name, t in document["types"].items()}
    # PLOVER's table (README): mode scores where it has them, else the type's; ACCUSE -3.
    assert weights == {
        "assault-firearms": ("hostile", -9.0), "assault-aerial": ("hostile", -9.5),
        "accuse-disapprove": ("hostile", -2.0), "consult-phone": ("friendly", 1.5),
        "threaten-violence": ("hostile", -3.5), "plover-support": ("friendly", 5.0),
        "aid": ("friendly", 10.0), "protest-demo": ("hostile", -5.0),
        "agree": ("friendly", 2.5), "request-assist": ("friendly", 0.5),
        "concede": ("friendly", 4.5), "reject-change": ("hostile", -2.0),
        "sanction-discontinue": ("hostile", -6.0), "coerce-arrest": ("hostile", -7.0),
        "retreat-release": ("friendly", 6.5), "cooperate": ("friendly", 9.5),
        "accuse-allege": ("hostile", -3.5), "assault-drone": ("hostile", -9.5),
        "assault": ("hostile", -9.0), "accuse": ("hostile", -3.0),
        "consult-third-party": ("friendly", 1.0), "request-meet": ("neutral", 0.0),
        "mobilize-militia": ("hostile", -6.0), "retreat-ceasefire": ("friendly", 7.5),
        "protest-vandalize": ("hostile", -5.0)}
    assert document["types"]["accuse"]["description"] == (
        "PLOVER ACCUSE (verbal conflict); weight the type's score in the PLOVER manual's table.")
    assert document["types"]["assault-aerial"]["description"] == (
        "PLOVER ASSAULT, mode aerial (material conflict); weight its mode's score in the "
        "PLOVER manual's table.")
    assert "cameo" not in document["types"]["aid"]
    assert document["sources"] == {
        "polecat-times-of-israel": {"publisher": "Times of Israel"},
        "polecat-al-jazeera": {"publisher": "Al Jazeera"},
        "polecat-tass": {"publisher": "TASS"},
        "polecat-reuters": {"publisher": "Reuters"},
        "polecat-ha-aretz": {"publisher": "Ha'aretz"},
        "polecat-le-monde": {"publisher": "Le Monde"}}


def test_all_actors_makes_countries_from_the_first_code(tmp_path, files):
    report = import_events("polecat", files, tmp_path / "out", all_actors=True)
    assert (report.written, report.actors_made, report.types) == (27, 8, 25)
    assert dict(report.dropped) == {"no recipient": 1, "impossible date": 1,
                                    "both sides are the same actor": 1}
    actors = yaml.safe_load((tmp_path / "out" / "actors.yaml").read_text(encoding="utf-8"))
    made = {a["id"]: (a["name"], a["kind"]) for a in actors["actors"][17:]}
    assert made == {"gbr": ("United Kingdom", "state"), "qat": ("Qatar", "state"),
                    "pse": ("Occupied Palestinian Territory", "state"),
                    "tha": ("Thailand", "state"), "egy": ("Egypt", "state"),
                    "esp": ("Spain", "state"), "tur": ("Turkey", "state"),
                    "yem": ("Yemen", "state")}
    pairs = {r["id"]: (r["source"], r["target"]) for r in relations(tmp_path / "out")}
    assert pairs["polecat-pc231104b04"] == ("egy", "israel")  # EGY;JOR;SAU;QAT: the first
    assert pairs["polecat-pc231105b05"] == ("iran", "united-states")  # IRQ;IRN: IRN matches


def test_the_published_defects_read_the_same_rows_as_clean_files(tmp_path):
    # Release216 without its Headline name, the November file without its trailing tabs,
    # the October file in UTF-8: the same relations as the files with their defects.
    def clean(path: Path, encoding="utf-8") -> str:
        lines = path.read_text(encoding=encoding).splitlines()
        lines = [line.rstrip("\t") for line in lines]
        header = lines[0].split("\t")
        if "Headline" in header:
            header.remove("Headline")
        return "\n".join(["\t".join(header)] + lines[1:]) + "\n"

    cleaned = []
    for path, encoding in ((HEADLINE, "utf-8"), (NOV, "utf-8"), (OCT, "iso-8859-1")):
        cleaned.append(tmp_path / path.name)
        cleaned[-1].write_text(clean(path, encoding), encoding="utf-8")
    import_events("polecat", [HEADLINE, NOV, OCT], tmp_path / "defects")
    report = import_events("polecat", cleaned, tmp_path / "clean")
    assert relations(tmp_path / "defects") == relations(tmp_path / "clean")
    assert report.fell_back == []
    assert len(relations(tmp_path / "clean")) == 3 + 4 + 1  # the README's per-file counts


def test_a_row_that_does_not_fit_the_header_is_a_bad_row(tmp_path):
    lines = WEEKLY.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("\tTimes of Israel\t", "\t")  # line 2: one field short
    lines[2] = lines[2].rstrip("\n") + "\tnot empty\n"  # line 3: a field too many
    damaged = tmp_path / "damaged.txt"
    damaged.write_text("".join(lines), encoding="utf-8")
    report = import_events("polecat", [damaged], tmp_path / "out")
    assert [(r.line, r.reason, r.detail) for r in report.bad_rows] == [
        (2, "wrong column count", "18; the header has 19"),
        (3, "wrong column count", "20; the header has 19")]
    assert report.written == 10 - 2


def test_strict_refuses_the_import_and_writes_nothing(tmp_path, files):
    with pytest.raises(StrictImportError):
        import_events("polecat", files, tmp_path / "out", strict=True)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("content", "message"), [
    ("", "empty file; POLECAT files start with a header row"),
    ("Event ID\tEvent Date\tCAMEO Code\n1\t2023-10-07\t190\n",
     "not a POLECAT event file: the header has no 'Event Type', 'Event Mode', 'Actor Name' ..."),
])
def test_a_file_that_is_not_polecat_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "events.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError, match=message):
        import_events("polecat", [path], tmp_path / "out")
    assert not (tmp_path / "out").exists()


# -- PLOVER's table, by hand -------------------------------------------------------------------

def test_every_plover_type_has_a_quad_and_a_score():
    types = [t for quad in QUADS.values() for t in quad]
    assert len(types) == len(set(types)) == 16
    assert set(TYPE_SCORES) == set(types)
    assert set(MODE_SCORES) <= set(types)
    # Cooperation quads score above 0 (REQUEST's 0 aside), conflict quads below.
    for quad, members in QUADS.items():
        for event_type in members:
            score = TYPE_SCORES[event_type]
            assert (score > 0) if "COOPERATION" in quad else (score <= 0), event_type


@pytest.mark.parametrize(("event_type", "mode", "name", "weight"), [
    ("ACCUSE", "", "accuse", -3.0),  # printed "3", corrected
    ("CONSULT", "visit", "consult-visit", 4.0),
    ("assault", "Heavy weapons", "assault-heavy-weapons", -9.5),
    ("PROTEST", "vandalize", "protest-vandalize", -5.0),  # no mode score: PROTEST's
    ("SUPPORT", "", "plover-support", 5.0),
    ("DEMAND", "", None, None),  # not a PLOVER type
])
def test_a_type_and_mode_become_one_relation_type(event_type, mode, name, weight):
    kind = plover_type(event_type, mode)
    assert ((kind.type_name, kind.weight) if kind else (None, None)) == (name, weight)


@pytest.mark.parametrize(("side", "expected"), [
    (("Hamas", ("PSE",)), "hamas"),  # the name first
    (("Israel Defense Forces", ("ISR",)), "israel"),  # then the country code
    (("Iraqi militias", ("IRQ", "IRN")), "iran"),  # the first country that matches
    (("Officials", ("ROU",)), "romania"),  # ISO ROU is CAMEO's ROM
    (("Someone", ()), None),
])
def test_a_polecat_side_matches_its_name_then_its_countries(side, expected):
    actors = [Actor("hamas", "Hamas", codes=("HMS",)), Actor("israel", "Israel", codes=("ISR",)),
              Actor("iran", "Iran", codes=("IRN",)), Actor("romania", "Romania", codes=("ROM",))]
    actor = ActorMatcher(actors).polecat(*side)
    assert (actor.id if actor else None) == expected
