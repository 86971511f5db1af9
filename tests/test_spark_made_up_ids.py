"""Ids made up for relations without one, decided as the local checker decides them
(docs/data-format.md): spark/madeup.py's `decide`, which needs no Spark, and the ids --spark
gives where the files of several locations come between relations.yaml files. The Spark
server is the test run's own (tests/spark_server.py)."""

from __future__ import annotations

import json

import pytest
from test_spark_cli import relgraph

from relgraph.spark.madeup import decide


def test_a_made_up_id_counts_on_past_the_ids_taken_before_it():
    # In reading order: relations.yaml's relation (its id made up there: a-veto-b-2020), a
    # JSON line without an id on the same base, a JSON line whose explicit id is that base's
    # third candidate, then three CSV records without ids, two of them undated.
    events = [((0, 0, "", 0, 0), "a-veto-b-2020", None),
              ((0, 1, "j", 0, 0), None, "a-veto-b-2020"),
              ((0, 1, "j", 0, 1), "a-veto-b-2020-3", None),
              ((0, 2, "c", 0, 0), None, "a-veto-b-2020"),
              ((0, 2, "c", 0, 1), None, "a-veto-b"),
              ((0, 2, "c", 0, 2), None, "a-veto-b")]
    assert decide(events) == {
        (0, 1, "j", 0, 0): "a-veto-b-2020-2",  # the base is taken: -2
        (0, 2, "c", 0, 0): "a-veto-b-2020-4",  # counts on from -2; -3 is taken
        (0, 2, "c", 0, 1): "a-veto-b",
        (0, 2, "c", 0, 2): "a-veto-b-2",
    }


def test_an_explicit_id_after_a_made_up_one_does_not_move_it():
    # The made-up id is decided when its relation is read: an explicit id equal to it further
    # on is a repeated id (validate's business), not a reason to renumber.
    events = [((0, 1, "j", 0, 0), None, "a-veto-b"),
              ((0, 1, "j", 0, 1), "a-veto-b", None),
              ((0, 1, "j", 0, 2), None, "a-veto-b")]
    assert decide(events) == {(0, 1, "j", 0, 0): "a-veto-b", (0, 1, "j", 0, 2): "a-veto-b-2"}


def test_a_relations_yaml_skips_its_own_ids_given_further_down():
    # A relations.yaml (location 1, part 0) after a JSON Lines file of location 0 that made up
    # a-veto-b. The YAML file names a-veto-b-2 as an id on its third relation: known before
    # its relations are read, so its first relation without an id skips it.
    yaml_file = (1, 0)
    events = [((0, 1, "j", 0, 0), None, "a-veto-b"),
              ((1, 0, "", 0, 0), None, "a-veto-b"),
              ((1, 0, "", 0, 1), None, "a-veto-b"),
              ((1, 0, "", 0, 2), "a-veto-b-2", None)]
    assert decide(events, {yaml_file: {"a-veto-b-2"}}) == {
        (0, 1, "j", 0, 0): "a-veto-b",
        (1, 0, "", 0, 0): "a-veto-b-3",  # the base is taken, -2 is the file's own
        (1, 0, "", 0, 1): "a-veto-b-4",  # counts on from -3
    }
    # The same ids given ahead do not hold back a file they are not in (here the JSON line).
    assert decide(events[:1], {yaml_file: {"a-veto-b"}}) == {(0, 1, "j", 0, 0): "a-veto-b"}


@pytest.mark.timeout(300)
def test_ids_made_up_in_a_later_locations_yaml_count_the_files_before_it(run, spark_url,
                                                                          tmp_path):
    # Two --data folders. The local engine reads one/relations.yaml, one/relations.jsonl,
    # then two/relations.yaml: the YAML file's relations without an id come after the JSON
    # lines, though Spark's engine checks every relations.yaml before it reads a file.
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "actors.yaml").write_text(
        "actors:\n  - {id: a, name: Alpha}\n  - {id: b, name: Beta}\n")
    (one / "relations.yaml").write_text("types:\n  veto: {polarity: hostile, weight: -5}\n")
    (one / "relations.jsonl").write_text(
        '{"source": "a", "target": "b", "type": "veto", "date": "2020"}\n'
        '{"id": "a-veto-b-2020-3", "source": "b", "target": "a", "type": "veto"}\n')
    (two / "actors.yaml").write_text("actors: []\n")
    (two / "relations.yaml").write_text(
        "types: {}\nrelations:\n"
        "  - {source: a, target: b, type: veto, date: 2020}\n"
        "  - {source: a, target: b, type: veto, date: 2020}\n"
        "  - {id: a-veto-b-2020-2, source: b, target: a, type: veto, date: 2021}\n"
        "  - {source: a, target: b, type: veto}\n")
    data = ["--data", str(one), "--data", str(two)]
    code, out, err = relgraph(run, "--spark", spark_url, *data, "relations", "--json")
    # By hand, in reading order: the first JSON line takes a-veto-b-2020; the second line's
    # id is -3. In two/relations.yaml, -2 is known ahead (the third relation's id): the first
    # relation finds the base taken, skips -2 (ahead) and -3 (taken), and gets -4; the second
    # counts on to -5; the third keeps -2; the undated fourth takes its base, a-veto-b. (Had
    # the YAML file been decided alone, its first two would be a-veto-b-2020 and -3: both
    # taken twice.)
    assert (code, err) == (0, "")
    assert [r["id"] for r in json.loads(out)] == [
        "a-veto-b-2020", "a-veto-b-2020-3", "a-veto-b-2020-4", "a-veto-b-2020-5",
        "a-veto-b-2020-2", "a-veto-b"]
    assert (code, out) == relgraph(run, *data, "relations", "--json")[:2]
    assert relgraph(run, "--spark", spark_url, *data, "relation", "a-veto-b-2020-4") == \
        relgraph(run, *data, "relation", "a-veto-b-2020-4")


def write_repeats(folder) -> None:
    """A folder whose explicit ids repeat ids taken before them, made up or explicit, in
    each form the relations may come in (the table of test_validate_reports_ids_taken_...)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    (folder / "actors.yaml").write_text(
        "actors:\n  - {id: a, name: Alpha}\n  - {id: b, name: Beta}\n  - {id: c, name: Gamma}\n")
    (folder / "relations.yaml").write_text(
        "types:\n  veto: {polarity: hostile, weight: -5}\n  aid: {polarity: friendly, weight: 2}\n"
        "relations:\n"
        "  - {source: a, target: b, type: veto}\n"                    # line 5
        "  - {id: a-veto-b-2, source: b, target: a, type: veto}\n")   # line 6
    (folder / "relations.jsonl").write_text(
        '{"source": "a", "target": "Zed", "type": "veto", "date": "2020"}\n'
        '{"source": "a", "target": "b", "type": "veto", "date": "2020"}\n'
        '{"id": "a-veto-b-2020", "source": "b", "target": "c", "type": "veto"}\n'
        '{"id": "a-veto-b", "source": "c", "target": "a", "type": "aid"}\n'
        '{"source": "a", "target": "b", "type": "veto"}\n')
    (folder / "relations.csv").write_text(
        "id,source,target,type,date\n"
        "a-veto-b-3,c,b,veto,\n"
        "x1,c,b,veto,\n"
        "x1,b,c,aid,\n"
        "a-veto-b-2,c,b,veto,2021\n")
    pq.write_table(pa.table({"id": ["x1", None, "a-veto-c-2022"], "source": ["a", "a", "b"],
                             "target": ["c", "c", "c"], "type": ["veto"] * 3,
                             "date": ["2022"] * 3}), folder / "relations.parquet")


@pytest.mark.timeout(300)
def test_validate_reports_ids_taken_before_as_the_local_engine_does(run, spark_url, tmp_path):
    write_repeats(tmp_path)
    # By hand, in reading order (relations.yaml, .jsonl, .csv, .parquet):
    #   yaml 5      no id               -> a-veto-b (the file's own a-veto-b-2 is not its base)
    #   yaml 6      a-veto-b-2
    #   jsonl 1     no id, unknown Zed  -> a problem: no id made up, nothing counted
    #   jsonl 2     no id               -> a-veto-b-2020
    #   jsonl 3     a-veto-b-2020       -> made up on line 2 of the same file
    #   jsonl 4     a-veto-b            -> made up in relations.yaml:5
    #   jsonl 5     no id               -> a-veto-b taken, -2 taken: a-veto-b-3
    #   csv 2       a-veto-b-3          -> made up in relations.jsonl:5
    #   csv 3, 4    x1, x1              -> line 4 repeats line 3
    #   csv 5       a-veto-b-2          -> explicit in relations.yaml:6
    #   parquet 1   x1                  -> explicit in relations.csv:3
    #   parquet 2   no id               -> a-veto-c-2022
    #   parquet 3   a-veto-c-2022       -> made up on row 2 (Parquet has rows, not lines)
    def at(name: str) -> str:
        return f"{tmp_path}/{name}"

    own = "; give each relation its own id"
    made = "is already the id made up for the relation without one"
    expected = [
        f"{at('relations.csv')}:2: relation id 'a-veto-b-3' {made} in "
        f"{at('relations.jsonl')}:5{own}",
        f"{at('relations.csv')}:4: relation id 'x1' is used twice (first on line 3){own}",
        f"{at('relations.csv')}:5: relation id 'a-veto-b-2' is used twice (first in "
        f"{at('relations.yaml')}:6){own}",
        f"{at('relations.jsonl')}:3: relation id 'a-veto-b-2020' {made} on line 2{own}",
        f"{at('relations.jsonl')}:4: relation id 'a-veto-b' {made} in "
        f"{at('relations.yaml')}:5{own}",
        f"{at('relations.parquet')}:1: relation id 'x1' is used twice (first in "
        f"{at('relations.csv')}:3){own}",
        f"{at('relations.parquet')}:3: relation id 'a-veto-c-2022' {made} on row 2{own}",
    ]
    local = relgraph(run, "--data", str(tmp_path), "validate")
    spark = relgraph(run, "--spark", spark_url, "--data", str(tmp_path), "validate")
    assert local[0] == spark[0] == 3
    assert [line for line in local[1].splitlines() if "relation id" in line] == expected
    assert [line for line in spark[1].splitlines() if "relation id" in line] == expected
    # The one other problem is on the same line under both engines (the local one names the
    # relation by its number in the file, "relation #1", the Spark one "without an id").
    others = [[line for line in out.splitlines() if "relation id" not in line]
              for out in (local[1], spark[1])]
    assert [[line.split(": ")[0] for line in lines] for lines in others] == \
        [[f"{at('relations.jsonl')}:1", "8 problems in the data"]] * 2
