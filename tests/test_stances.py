"""Stances add up every relation: counts, the ranking sums and fractional net scores, through the
CLI's JSON. Expected values by hand from the YAML written here and from tests/data/tricky."""

import json

import pytest
from conftest import TRICKY

ACTORS = """\
actors:
  - {id: a, name: Alpha}
  - {id: b, name: Beta}
  - {id: c, name: Gamma}
"""
# Towards Beta: Alpha aid 2 + aid 2 + condemn -2 (support 4, net 2); Gamma aid 3 (support 3).
RELATIONS = """\
types:
  aid: {polarity: friendly, weight: 2}
  condemn: {polarity: hostile, weight: -2}
relations:
  - {id: r1, source: a, target: b, type: aid, date: 2020}
  - {id: r2, source: c, target: b, type: aid, date: 2020, weight: 3}
  - {id: r3, source: a, target: b, type: aid, date: 2021}
  - {id: r4, source: a, target: b, type: condemn, date: 2022}
"""


@pytest.fixture
def data(tmp_path):
    (tmp_path / "actors.yaml").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "relations.yaml").write_text(RELATIONS, encoding="utf-8")
    return tmp_path


def as_json(run, data, *args):
    result = run(*args, "--json", data=data)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_who_supports_ranks_by_the_sum_of_every_friendly_relation(run, data):
    # Alpha's support 2 + 2 = 4 ranks above Gamma's 3, though Gamma's one relation is stronger.
    rows = as_json(run, data, "who-supports", "Beta")
    assert [(r["actor"], r["friendly"], r["hostile"], r["net"]) for r in rows] == [
        ("a", 2, 1, 2.0), ("c", 1, 0, 3.0)]
    assert [r["id"] for r in rows[0]["relations"]] == ["r1", "r3"]


def test_show_counts_relations_after_one_in_the_other_direction(run):
    # Northland's relations in time: r11 (2015, mutual with Eastria), r3 (2019, aid to
    # Southland), r6 (2020-01, Southland's talks with Northland: the other way, not Northland's
    # stance), r1 (2020-03 condemn), the militia's attacks (2021-06, the other way), r2
    # (2021-06-15 attack). Towards Southland: -2 - 10 + 7.4 = -4.6, 2 hostile, 1 friendly.
    profile = as_json(run, TRICKY, "show", "Northland")
    assert [(c["actor"], c["hostile"], c["friendly"], c["net"])
            for c in profile["counterparts"]] == [
        ("south", 2, 1, -4.6), ("militia", 0, 0, 0.0), ("east", 0, 1, 1.0)]


def test_show_within_a_window_keeps_only_the_relations_in_it(run):
    # From 2021 on, Northland has r2 (2021-06-15, to Southland) out and the militia's two
    # attacks (2021-06) in; r11 (2015..2017) and the rest end before 2021.
    profile = as_json(run, TRICKY, "show", "Northland", "--since", "2021")
    assert [r["id"] for r in profile["outgoing"]] == ["r2"]
    assert [r["id"] for r in profile["incoming"]] == ["militia-attack-north-2021-06",
                                                      "militia-attack-north-2021-06-3"]
    assert [(c["actor"], c["hostile"], c["friendly"], c["net"])
            for c in profile["counterparts"]] == [("south", 1, 0, -10.0), ("militia", 0, 0, 0.0)]
