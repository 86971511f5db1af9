"""GDELT, POLECAT and ACLED folders and the shipped graph read as one dataset.

Each folder is imported with --all-actors from the test files (tests/data/*/README.md list every
row). An actor made for a country is the same in every folder (same id, name, kind and codes),
so the four read without a conflict. Expected answers, from the READMEs' tables:

who-opposes Israel (hostile, friendly, net):
- Hamas: the shipped attack (-10) + POLECAT pc231007a01 assault-firearms (-9) and
  pc231124d04 retreat-ceasefire (+7.5) + ACLED ISR1001 armed-clash, mutual (-10):
  3 hostile, 1 friendly, net -21.5.
- Hezbollah: POLECAT pc231011a05 threaten-violence (-3.5) + ACLED ISR1002 shelling (-10) and
  LBN3002 armed-clash, mutual (-10): 3, 0, -23.5. The shipped graph and GDELT's excerpt have
  no Hezbollah -> Israel relation.
- Russia: the shipped 5 hostile, 11 friendly, net +26.6 (README) + POLECAT pc231021c02
  consult-third-party (+1): 5, 12, +27.6.
- United States: the shipped 1, 2, +7.4 + POLECAT pc231012a06 plover-support (+5),
  pc231013a07 aid (+10), pc231125d05 protest-vandalize (-5): 2, 4, +17.4.
- Yemen (made by POLECAT from YEM): pc231120d02 mobilize-militia (-6): 1, 0, -6.

path Russia Hamas: the shipped graph links them directly (1 hop); the imported folders alone
link them in 2 (Russia -> Israel by POLECAT pc231021c02, Israel - Hamas by several).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relgraph.importers import import_events
from relgraph.importers.matching import ActorMatcher

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("three")
    import_events("gdelt", [DATA / "gdelt" / "20250807220000.export.excerpt.CSV"],
                  root / "gdelt", all_actors=True)
    import_events("polecat", sorted((DATA / "polecat").glob("*.txt")), root / "polecat",
                  all_actors=True)
    import_events("acled", sorted((DATA / "acled").glob("*.csv")), root / "acled",
                  all_actors=True)
    return {name: root / name for name in ("gdelt", "polecat", "acled")}


def _everything(folders) -> list[str]:
    return ["--data", str(folders["gdelt"]), "--data", str(folders["polecat"]),
            "--data", str(folders["acled"]), "--data", "@shipped"]


def test_the_three_sources_and_the_shipped_graph_read_as_one_dataset(run, folders):
    result = run(*_everything(folders), "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: ")


def test_who_opposes_israel_sums_every_source(run, folders):
    result = run(*_everything(folders), "who-opposes", "Israel", "--json")
    assert result.exit_code == 0, result.output
    rows = {r["actor"]: (r["hostile"], r["friendly"], round(r["net"], 1))
            for r in json.loads(result.stdout)}
    assert rows["hamas"] == (3, 1, -21.5)
    assert rows["hezbollah"] == (3, 0, -23.5)
    assert rows["russia"] == (5, 12, 27.6)
    assert rows["united-states"] == (2, 4, 17.4)
    assert rows["yem"] == (1, 0, -6.0)
    hamas = next(r for r in json.loads(result.stdout) if r["actor"] == "hamas")
    # The hostile relations it lists: each one's source dataset shows in its id (the
    # shipped one, russia-... style, names its actors).
    assert sorted(r["id"].split("-")[0] for r in hamas["relations"]) == [
        "acled", "hamas", "polecat"]


def test_path_russia_hamas(run, folders):
    result = run(*_everything(folders), "path", "Russia", "Hamas")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Russia -> Hamas  (1 hop)"
    imported_only = ["--data", str(folders["polecat"]), "--data", str(folders["acled"])]
    result = run(*imported_only, "path", "Russia", "Hamas")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Russia -> Israel -> Hamas  (2 hops)"


@pytest.mark.parametrize(("gdelt", "polecat", "acled", "icews", "made"), [
    ("PSE", "PSE", "Palestine", "Occupied Palestinian Territory",
     ("pse", "Occupied Palestinian Territory")),
    ("ROM", "ROU", "Romania", "Romania", ("rom", "Romania")),  # ISO ROU is CAMEO ROM
    ("TMP", "TLS", "Timor-Leste", "East Timor", ("tmp", "East Timor")),
    ("MTN", "MNE", "Montenegro", "Montenegro", ("mtn", "Montenegro")),
    ("TWN", "TWN", "Taiwan", "Taiwan", ("twn", "Taiwan")),  # not in CAMEO's table
    ("ISR", "ISR", "Israel", "Israel", ("isr", "Israel")),
])
def test_a_country_is_the_same_made_actor_from_every_source(gdelt, polecat, acled, icews, made):
    actors = [
        ActorMatcher([], make=True).gdelt("", "", gdelt + "GOV", gdelt),
        ActorMatcher([], make=True).polecat("Officials", (polecat,)),
        ActorMatcher([], make=True).acled(f"Military Forces of {acled}", acled),
        ActorMatcher([], make=True).icews(f"Government ({icews})", icews),
    ]
    assert {(a.id, a.name, a.kind, a.codes) for a in actors} == {
        (*made, "state", (made[0].upper(),))}
