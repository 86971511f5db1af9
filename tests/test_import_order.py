"""A side's made actor depends on the side alone, never on the rows read before it.

The shapes are those of a real GDELT 2.0 export (2019-10-24 14:30) that came out wrong when a
row with only a country code came first: the Taliban (Actor1Code AFGINSTAL, name TALIBAN,
country AFG, known group TAL) and the European Parliament (IGOEUREEC, EUROPEAN PARLIAMENT,
country EUR, known group EEC). The rule (docs/event-data.md): known-group code, then name, full
code and country against the actors file; made actors from the known group, else the country.
None of the sides below is in the actors file (only the United States and Turkey are), so:

| row | side 1 (code, name, country, group) | made actor |
|---|---|---|
| 1 | AFGINSTAL, TALIBAN, AFG, TAL | tal "Taliban" (CAMEO known group TAL) |
| 2 | AFGGOV, AFGHANISTAN, AFG, - | afg "Afghanistan" (CAMEO country AFG) |
| 3 | IGOEUREEC, EUROPEAN PARLIAMENT, EUR, EEC | eec "European Union" (known group EEC) |
| 4 | EUR, EUROPE, EUR, - | eur "Europe" (country EUR, a region) |

whatever the order of the rows, and whether they come in one file or in several.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from relgraph.importers import import_events
from relgraph.importers.matching import ActorMatcher
from relgraph.model import Actor

US_TR = [Actor("united-states", "United States", codes=("USA",)),
         Actor("turkey", "Turkey", codes=("TUR",))]


def gdelt_row(event_id: int, side1: tuple[str, str, str, str], target: str) -> str:
    """A GDELT 2.0 row (61 fields): side 1 as given, side 2 the target country, code 190."""
    fields = [""] * 61
    fields[0], fields[1] = str(event_id), "20191024"
    fields[5:9] = side1
    fields[15:19] = (target, target, target, "")
    fields[26], fields[31] = "190", "1"
    fields[60] = f"https://example.org/{event_id}"
    return "\t".join(fields) + "\n"


ROWS = {  # event id -> (side 1, target)
    881991064: (("AFGINSTAL", "TALIBAN", "AFG", "TAL"), "USA"),
    881990001: (("AFGGOV", "AFGHANISTAN", "AFG", ""), "USA"),
    881991861: (("IGOEUREEC", "EUROPEAN PARLIAMENT", "EUR", "EEC"), "TUR"),
    881990002: (("EUR", "EUROPE", "EUR", ""), "TUR"),
}
EXPECTED = {"gdelt-881991064": "tal", "gdelt-881990001": "afg",
            "gdelt-881991861": "eec", "gdelt-881990002": "eur"}


def _sources(folder: Path) -> dict[str, str]:
    lines = (folder / "relations.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["id"]: r["source"] for r in map(json.loads, lines)}


def _actors_file(tmp_path: Path) -> Path:
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  - {id: united-states, name: United States, codes: [USA]}\n"
                    "  - {id: turkey, name: Turkey, codes: [TUR]}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("order", list(itertools.permutations(ROWS))[::5])
def test_gdelt_made_actors_do_not_depend_on_the_order_of_rows(tmp_path, order):
    export = tmp_path / "export.CSV"
    export.write_text("".join(gdelt_row(i, *ROWS[i]) for i in order), encoding="utf-8")
    import_events("gdelt", [export], tmp_path / "out", actors=_actors_file(tmp_path),
                  all_actors=True)
    assert _sources(tmp_path / "out") == EXPECTED


@pytest.mark.parametrize("first", [(881990001, 881990002), (881991064, 881991861)])
def test_gdelt_made_actors_are_the_same_when_the_rows_come_in_separate_files(tmp_path, first):
    files = []
    for name, ids in (("a", first), ("b", [i for i in ROWS if i not in first])):
        files.append(tmp_path / f"{name}.CSV")
        files[-1].write_text("".join(gdelt_row(i, *ROWS[i]) for i in ids), encoding="utf-8")
    import_events("gdelt", files, tmp_path / "out", actors=_actors_file(tmp_path),
                  all_actors=True)
    assert _sources(tmp_path / "out") == EXPECTED


def test_a_made_country_never_answers_a_later_side_at_the_country_step():
    matcher = ActorMatcher(US_TR, make=True)
    assert matcher.gdelt("", "AFGHANISTAN", "AFGGOV", "AFG").id == "afg"
    assert matcher.gdelt("TAL", "TALIBAN", "AFGINSTAL", "AFG").id == "tal"
    # ... and a made known group never answers a later side at the name step: this side has
    # no known-group code, so its country makes it.
    assert matcher.gdelt("", "TALIBAN", "AFGREB", "AFG").id == "afg"
    assert [a.id for a in matcher.made] == ["afg", "tal"]


# ICEWS: made from the country name, else from the actor name (docs/event-data.md).
# | side (name, country) | made actor |
# | Taliban, -           | tal "Taliban" (CAMEO's name for the known group TAL, as GDELT's) |
# | Taliban, Afghanistan | afg "Afghanistan" (CAMEO's name for AFG) |
# | European Parliament, - | european-parliament (kind other) |
# | European Parliament, Belgium | bel "Belgium" |
ICEWS_SIDES = [(("Taliban", ""), "tal"), (("Taliban", "Afghanistan"), "afg"),
               (("European Parliament", ""), "european-parliament"),
               (("European Parliament", "Belgium"), "bel")]


@pytest.mark.parametrize("order", [ICEWS_SIDES, ICEWS_SIDES[::-1],
                                   ICEWS_SIDES[1::2] + ICEWS_SIDES[::2]])
def test_icews_made_actors_do_not_depend_on_the_order_of_sides(order):
    matcher = ActorMatcher(US_TR, make=True)
    assert [(side, matcher.icews(*side).id) for side, _ in order] == order


def test_icews_made_actors_do_not_depend_on_the_order_of_rows_in_files(tmp_path):
    header = ("Event ID\tEvent Date\tSource Name\tSource Country\tCAMEO Code\tTarget Name\t"
              "Target Country\tStory ID\tPublisher\n")
    rows = [f"{100 + n}\t2019-10-24\t{name}\t{country}\t190\tUnited States\tUnited States\t"
            f"{n}\tReuters\n" for n, ((name, country), _) in enumerate(ICEWS_SIDES)]
    expected = {f"icews-{100 + n}-20191024": made for n, (_, made) in enumerate(ICEWS_SIDES)}
    for label, chunks in (("forward", [rows]), ("backward", [rows[::-1]]),
                          ("split", [rows[1::2], rows[::2]])):
        files = []
        for n, chunk in enumerate(chunks):
            files.append(tmp_path / f"{label}-{n}.tab")
            files[-1].write_text(header + "".join(chunk), encoding="utf-8")
        out = tmp_path / label
        import_events("icews", files, out, actors=_actors_file(tmp_path), all_actors=True)
        assert _sources(out) == expected, label
