"""`relgraph --spark URL`: the same text and JSON as the local engine for every command it
answers, on the shipped graph; the errors it can meet (exit 2, 6, 7), each in one line; a
year-partitioned Parquet folder read only where a window needs it; a local server that keeps
Spark's log off stderr. The Spark server is the test run's own (tests/spark_server.py).
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHIPPED, clean_env, write_partitioned

# Every command --spark answers, as a user types it, on the shipped graph (README's examples).
COMMANDS = [
    ["who-opposes", "Israel"],
    ["who-supports", "Russia", "--net"],
    ["who-opposes", "Israel", "--since", "2022", "--until", "2023-10"],
    ["timeline", "Russia", "Israel", "--since", "2022", "--quotes"],
    ["timeline", "Hamas", "--type", "hosting", "--full"],
    ["relations", "--between", "Russia", "Hamas"],
    ["show", "Iran"],
    ["relation", "russia-israel-severance-1967"],
    ["trend", "Russia", "Israel"],
    ["matrix"],
    ["neighbours", "Hamas", "--depth", "2"],
    ["balance"],
    ["central"],
    ["central", "--by", "pagerank"],
    ["path", "Iran", "Israel"],
    ["path", "Russia", "Hamas", "--all"],
    ["path", "Hamas", "Iran", "-k", "3", "--directed"],
]


def relgraph(run, *args: str):
    result = run(*args)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.timeout(900)
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_every_command_answers_as_the_local_engine(run, spark_url, as_json):
    flag = ["--json"] if as_json else []
    for command in COMMANDS:
        local = relgraph(run, *command, *flag)
        spark = relgraph(run, "--spark", spark_url, *command, *flag)
        assert local[0] == 0, (command, local[2])
        assert spark == local, command


@pytest.mark.timeout(300)
def test_no_path_and_unknown_names_exit_as_locally(run, spark_url):
    for command in (["path", "Hamas", "Iran", "--max-hops", "1"],
                    ["who-opposes", "Isreal"],
                    ["relation", "russia-israel-severance-196"],
                    ["who-opposes", "Israel", "--since", "2023-13"]):
        local = relgraph(run, *command)
        assert local[0] in (1, 2), command
        assert relgraph(run, "--spark", spark_url, *command) == local, command


@pytest.mark.timeout(300)
def test_validate_lists_each_problem_with_its_line(run, spark_url, tmp_path):
    # Three relations on lines 1, 3 and 4 (line 2 is blank, which is allowed):
    # line 1 is right; line 3 names Russia by name (as the local engine allows) with a 13th
    # month; line 4 uses id r1 again
    # and runs from russia to itself with a friendly weight on a hostile type (veto is -5).
    (tmp_path / "actors.yaml").write_text((SHIPPED / "actors.yaml").read_text())
    (tmp_path / "relations.yaml").write_text(
        "types:\n  veto: {polarity: hostile, weight: -5}\n")
    (tmp_path / "relations.jsonl").write_text(
        '{"id": "r1", "source": "russia", "target": "israel", "type": "veto"}\n\n'
        '{"id": "r2", "source": "Russia", "target": "israel", "type": "veto", '
        '"date": "2023-13"}\n'
        '{"id": "r1", "source": "russia", "target": "russia", "type": "veto", "weight": 3}\n')
    code, out, err = relgraph(run, "--spark", spark_url, "--data", str(tmp_path), "validate")
    where = f"{tmp_path}/relations.jsonl"
    assert (code, err) == (3, "")
    assert out.splitlines() == [
        f"{where}:3: relation 'r2': date '2023-13' is not a real date (check the month and "
        "day)",
        f"{where}:4: relation 'r1': source and target are both 'russia'; a relation joins two "
        "different actors",
        f"{where}:4: relation 'r1': weight 3.0 disagrees with polarity hostile of its type",
        f"{where}:4: relation id 'r1' is used twice (first on line 1); give each relation its "
        "own id",  # worded as the local engine words it: the same file is "on line 1"
        "4 problems in the data"]
    code, out, _ = relgraph(run, "--spark", spark_url, "validate", "--json")
    assert (code, json.loads(out)) == (0, [])
    # The shipped graph passes, with the counts the local validate gives.
    assert relgraph(run, "--spark", spark_url, "validate") == relgraph(run, "validate")


def test_errors_are_one_line_with_their_exit_code(run, monkeypatch):
    # Exit 7 for a server that cannot be reached needs the client installed; without it every
    # --spark call is exit 6, which the end of this test checks by hiding the client.
    if (reason := __import__("spark_server").spark_missing()):
        pytest.skip(reason)
    code, out, err = relgraph(run, "--spark", "sc://127.0.0.1:1", "who-opposes", "Israel")
    assert (code, out) == (7, "")
    assert err.splitlines() == ["relgraph: cannot reach the Spark Connect server at "
                                "127.0.0.1:1 (Connection refused); is it running?"]
    code, _, err = relgraph(run, "--spark", "yarn", "who-opposes", "Israel")
    assert code == 2 and "neither sc://HOST:PORT" in err
    code, _, err = relgraph(run, "--spark", "sc://127.0.0.1:1", "actors")
    assert code == 2 and "actors is not answered through Spark" in err
    monkeypatch.setenv("JAVA_HOME", "/nonexistent")
    code, _, err = relgraph(run, "--spark", "local[1]", "who-opposes", "Israel")
    assert (code, err.count("\n")) == (6, 1)
    assert "needs Java 17 or newer" in err and "openjdk-17-jre-headless" in err
    monkeypatch.setitem(sys.modules, "grpc", None)  # as if the extra were not installed
    code, _, err = relgraph(run, "--spark", "sc://127.0.0.1:1", "who-opposes", "Israel")
    assert (code, err) == (6, "relgraph: --spark needs pyspark with its Spark Connect client: "
                              "pip install 'relgraph[spark]'\n")


def test_the_environment_names_the_server_too(run, monkeypatch):
    if (reason := __import__("spark_server").spark_missing()):
        pytest.skip(reason)
    monkeypatch.setenv("RELGRAPH_SPARK", "sc://127.0.0.1:1")
    assert relgraph(run, "who-opposes", "Israel")[0] == 7


# -- a year-partitioned Parquet folder ---------------------------------------------------------

RELATIONS = [  # veto is hostile, -5; aid friendly, +2
    {"id": "p1", "source": "a", "target": "b", "type": "veto", "date": "2019-05"},
    {"id": "p2", "source": "c", "target": "b", "type": "veto", "date": "2020",
     "until": "2023-02"},
    {"id": "p3", "source": "a", "target": "b", "type": "aid", "date": "2023-03-01"},
    {"id": "p4", "source": "c", "target": "b", "type": "veto", "date": "2024", "weight": -1.5},
    {"id": "p5", "source": "a", "target": "b", "type": "veto"},
]


@pytest.fixture
def parquet_folder(tmp_path) -> Path:
    (tmp_path / "actors.yaml").write_text(
        "actors:\n  - {id: a, name: A}\n  - {id: b, name: B}\n  - {id: c, name: C}\n")
    (tmp_path / "relations.yaml").write_text(
        "types:\n  veto: {polarity: hostile, weight: -5}\n"
        "  aid: {polarity: friendly, weight: 2}\n")
    write_partitioned(tmp_path, RELATIONS)
    return tmp_path


@pytest.mark.timeout(300)
def test_a_window_reads_only_the_years_it_needs(run, spark_url, parquet_folder):
    # Worked by hand: towards b, a has p1 (2019, -5), p3 (2023, +2), p5 (undated, -5);
    # c has p2 (2020..2023-02, -5) and p4 (2024, -1.5).
    (parquet_folder / "relations.parquet" / "year=2024" / "part-0.parquet").write_bytes(
        b"not parquet: a scan that opened this file would fail")
    code, out, err = relgraph(run, "--spark", spark_url, "--data", str(parquet_folder),
                              "who-opposes", "b", "--until", "2023", "--json")
    assert (code, err) == (0, "")
    rows = {row["actor"]: (row["hostile"], row["friendly"], row["net"])
            for row in json.loads(out)}
    assert rows == {"a": (1, 1, -3.0), "c": (1, 0, -5.0)}  # p1 + p3; p2 (reaches 2023)


@pytest.mark.timeout(300)
def test_since_prunes_earlier_years_but_keeps_spans_that_reach_it(spark_url, parquet_folder):
    from relgraph.spark import open_graph

    graph = open_graph(spark_url, [str(parquet_folder)])
    try:
        since = graph.selection("2022")
        shown = io.StringIO()
        with contextlib.redirect_stdout(shown):
            graph.store.selected(since).explain()
        plan = shown.getvalue()
        # Years before 2022 are read only where a span reaches 2022: 2020 holds p2.
        assert "PartitionFilters" in plan and "(year#" in plan and ">= 2022" in plan, plan
        assert "2020" in plan.split("PartitionFilters")[1].split("]")[0], plan
        assert "2019" not in plan.split("PartitionFilters")[1].split("]")[0], plan
        rows = {row.actor.id: row.hostile for row in graph.who_opposes("b", since)}
        assert rows == {"c": 2}  # p2 (2020..2023-02) and p4 (2024); p1 (2019) is out
    finally:
        graph.store.close()


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_local_server_keeps_spark_quiet_on_stderr():
    """`--spark local[1]` starts and stops a server of its own: the answer is the local one,
    and nothing of Spark's log reaches stderr."""
    if (reason := __import__("spark_server").spark_missing()):
        pytest.skip(reason)
    args = ["--data", str(SHIPPED), "who-opposes", "Israel"]
    spark = subprocess.run([sys.executable, "-m", "relgraph", "--spark", "local[1]", *args],
                           capture_output=True, text=True, env=clean_env(), timeout=580)
    local = subprocess.run([sys.executable, "-m", "relgraph", *args], capture_output=True,
                           text=True, env=clean_env(), timeout=60)
    assert (spark.returncode, spark.stderr, spark.stdout) == (0, "", local.stdout)
