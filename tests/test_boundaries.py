"""Values exactly on a boundary: a net score of 0, a relation on the first or last day of a date
window, an `until` in the same year as its `date`. Each of these once let a planted bug (a
mutant) through the whole suite; see docs/testing.md. Expected values are worked out by hand
from the YAML written here or from tests/data/tricky.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import TRICKY

BASE = Path(__file__).parent / "bad_data" / "_base"

BALANCED = """\
actors:
  - {id: a, name: Alpha}
  - {id: b, name: Beta}
  - {id: c, name: Gamma}
"""
# Alpha towards Beta: -2 + 2 = 0, one hostile and one friendly relation.
# Gamma towards Beta: -2 + 1 = -1; towards Alpha: +2 - 1 = +1.
BALANCED_RELATIONS = """\
types:
  condemn: {polarity: hostile, weight: -2}
  aid: {polarity: friendly, weight: 2}
relations:
  - {id: r1, source: a, target: b, type: condemn, date: 2020}
  - {id: r2, source: a, target: b, type: aid, date: 2021}
  - {id: r3, source: c, target: b, type: condemn, date: 2020}
  - {id: r4, source: c, target: b, type: aid, date: 2021, weight: 1}
  - {id: r5, source: c, target: a, type: aid, date: 2020}
  - {id: r6, source: c, target: a, type: condemn, date: 2021, weight: -1}
"""


@pytest.fixture
def balanced(tmp_path):
    (tmp_path / "actors.yaml").write_text(BALANCED, encoding="utf-8")
    (tmp_path / "relations.yaml").write_text(BALANCED_RELATIONS, encoding="utf-8")
    return tmp_path


def rows(run, data, *args):
    result = run(*args, "--json", data=data)
    assert result.exit_code == 0, result.stderr
    return [(row["actor"], row["net"]) for row in json.loads(result.stdout)]


# -- a net score of exactly 0 ------------------------------------------------------------------

def test_who_opposes_lists_an_actor_whose_hostility_is_balanced_to_zero(run, balanced):
    # Alpha has one hostile relation towards Beta (hostility 2), Gamma one (hostility 2): a tie
    # in hostility, both listed.
    assert sorted(rows(run, balanced, "who-opposes", "Beta")) == [("a", 0.0), ("c", -1.0)]


def test_who_opposes_net_leaves_out_a_net_score_of_zero(run, balanced):
    # --net keeps the actors whose net score is below zero: Gamma (-1), not Alpha (0).
    assert rows(run, balanced, "who-opposes", "Beta", "--net") == [("c", -1.0)]


def test_who_supports_net_leaves_out_a_net_score_of_zero(run, balanced):
    # Towards Beta: Alpha net 0, Gamma net -1, so nobody is above zero.
    assert rows(run, balanced, "who-supports", "Beta") == [("a", 0.0), ("c", -1.0)]
    assert rows(run, balanced, "who-supports", "Beta", "--net") == []
    # Towards Alpha: Gamma +2 - 1 = +1.
    assert rows(run, balanced, "who-supports", "Alpha", "--net") == [("c", 1.0)]


# -- the first and last day of a window --------------------------------------------------------

def relation_ids(run, *args):
    result = run("relations", "--type", "attack", *args, "--json", data=TRICKY)
    assert result.exit_code == 0, result.stderr
    return [r["id"] for r in json.loads(result.stdout)]


# tricky's attacks: r2 on 2021-06-15 (one day), and two by the militia dated 2021-06 (the month).
MILITIA = ["militia-attack-north-2021-06", "militia-attack-north-2021-06-3"]


def test_until_keeps_a_relation_that_starts_on_its_last_day(run):
    assert relation_ids(run, "--until", "2021-06-15") == ["r2", *MILITIA]
    assert relation_ids(run, "--until", "2021-06-14") == MILITIA          # they start 06-01
    assert relation_ids(run, "--until", "2021-05") == []


def test_since_keeps_a_relation_that_ends_on_its_first_day(run):
    assert relation_ids(run, "--since", "2021-06-15") == ["r2", *MILITIA]
    assert relation_ids(run, "--since", "2021-06-16") == MILITIA          # they end 06-30
    assert relation_ids(run, "--since", "2021-07") == []


def test_a_one_day_window_keeps_the_relations_of_that_day(run):
    window = ["--since", "2021-06-15", "--until", "2021-06-15"]
    assert relation_ids(run, *window) == ["r2", *MILITIA]


def test_timeline_and_who_opposes_use_the_same_inclusive_window(run):
    # Northland's hostile relations towards Southland up to 2021-06-15: r1 (-2) and r2 (-10).
    result = run("who-opposes", "Southland", "--until", "2021-06-15", "--json", data=TRICKY)
    north = next(r for r in json.loads(result.stdout) if r["actor"] == "north")
    assert north["hostile"] == 2
    result = run("timeline", "Northland", "Southland", "--since", "2021-06-15", "--json",
                 data=TRICKY)
    assert [r["id"] for r in json.loads(result.stdout)] == ["r2"]


# -- until in the same year as date ------------------------------------------------------------

def with_until(tmp_path, date: str, until: str) -> Path:
    """_base with its relation r3 (Moscow -> Hamas, date 2023, until 2024) re-dated."""
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    path = data / "relations.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    date: 2023\n    until: 2024\n" in text
    path.write_text(text.replace("    date: 2023\n    until: 2024\n",
                                 f"    date: {date}\n    until: {until}\n"), encoding="utf-8")
    return data


@pytest.mark.parametrize("date,until", [
    ("2023-05", "2023"),          # the year 2023 ends after May 2023 starts
    ("2023-05-20", "2023-05"),    # May ends after the 20th
    ("2023-05", "2023-05"),       # the same month
    ("2023-05-20", "2023-05-20"),  # the same day
])
def test_an_until_that_ends_after_the_date_starts_is_valid(run, tmp_path, date, until):
    result = run("validate", data=with_until(tmp_path, date, until))
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize("date,until", [("2023-05", "2023-04"), ("2023-05-20", "2023-05-19"),
                                        ("2023", "2022-12-31")])
def test_an_until_that_ends_before_the_date_starts_is_reported(run, tmp_path, date, until):
    data = with_until(tmp_path, date, until)
    result = run("validate", data=data)
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        f"{data}/relations.yaml:32: relation 'r3': until {until} is before date {date}; "
        "correct one of them",
        "1 problem in the data"]
