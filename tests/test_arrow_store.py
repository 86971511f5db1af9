"""The first call on a large Parquet dataset (cache.open_store, docs/performance.md): checked as
Arrow columns (checks/arrow_columns.py) and answered by arrow_store.ArrowStore while the store
is built in the background (background.py, build_store.py).

What must hold: the Arrow check takes a dataset only when the column path of checks/columns.py
would take every row as it is, and then gives the relations the careful path gives; ArrowStore
answers every command as the compiled store does (random datasets, every question of
test_spark_same_answers.py, the `--json` text compared); anything else goes the usual way, with
the usual messages; the background build is one at a time and leaves a whole store or none.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow", reason="the Parquet tests need pyarrow: "
                         "pip install -e '.[test]' installs it")
pq = pytest.importorskip("pyarrow.parquet")

from conftest import write_partitioned  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from test_parquet_paths import outcomes, parquet_near_misses, write_folder  # noqa: E402
from test_spark_same_answers import answer, datasets, questions, selections, write  # noqa: E402

from relgraph import background, cache  # noqa: E402
from relgraph.api import RelGraph  # noqa: E402
from relgraph.arrow_store import ArrowStore  # noqa: E402
from relgraph.build_store import build  # noqa: E402
from relgraph.checks.arrow_columns import check_columns  # noqa: E402
from relgraph.selection import ALL  # noqa: E402
from relgraph.store import Store  # noqa: E402

BASE = Path(__file__).parent / "bad_streams" / "_base"


def compiled(folder: Path) -> RelGraph:
    """The folder checked and compiled the usual way, in memory: the reference."""
    return RelGraph(cache.open_store([folder], use_cache=False, first_answer=False))


# -- the same answers -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scratch():
    path = Path(tempfile.mkdtemp(prefix="relgraph-arrow-same-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=datasets().map(lambda d: (*d[:3], 0, "parquet")), choice=selections())
def test_arrow_columns_answer_every_command_as_the_compiled_store(scratch, data, choice):
    actors, types, relations, in_yaml, form = data
    shutil.rmtree(scratch)
    scratch.mkdir()
    write(scratch, actors, types, relations, in_yaml, form)
    checked = check_columns([scratch])
    assert checked is not None  # every generated relation is plainly right
    assert checked.table.num_rows == len(relations)
    reference = compiled(scratch)
    ids = [r["id"] for r in relations]
    expected = [(name, answer(ask)) for name, ask in questions(reference, actors, ids, choice)]
    # One ArrowStore per question, so that each is answered from the stores it needs (one
    # actor's, or the whole graph's), not from one a question before it made.
    for number, (name, want) in enumerate(expected):
        graph = RelGraph(ArrowStore(checked))
        got = answer(questions(graph, actors, ids, choice)[number][1])
        assert got == want, name
        graph.store.close()
    # And one ArrowStore asked everything in turn, as a notebook would.
    graph = RelGraph(ArrowStore(checked))
    assert [(name, answer(ask)) for name, ask in
            questions(graph, actors, ids, choice)] == expected
    assert graph.store.relation_ids("R", 5) == reference.store.relation_ids("R", 5)
    assert graph.store.relation_ids("r1") == reference.store.relation_ids("r1")


def test_a_path_over_many_actors_moves_to_one_store_of_everything(tmp_path):
    # A chain a0 -> a1 -> ... -> a11: the path's search asks for the neighbours of each actor
    # on the way (from its own Arrow columns, arrow_answers.py); after MAX_ACTOR_COLUMNS (8)
    # actors, one store of everything answers the rest. The path is the chain itself, 11
    # relations long.
    actors = [f"a{n}" for n in range(12)]
    relations = [{"id": f"r{n}", "source": f"a{n}", "target": f"a{n + 1}", "type": "t0",
                  "date": "2023"} for n in range(11)]
    write(tmp_path, actors, {"t0": {"polarity": "hostile", "weight": -1.0}}, relations, 0,
          "parquet")
    graph = RelGraph(ArrowStore(check_columns([tmp_path])))
    found = graph.path("a0", "a11", ALL)
    assert [path.actors for path in found] == [actors]
    assert graph.store._whole is not None and len(graph.store._by_actor) == 8
    assert [path.as_dict() for path in found] == \
        [path.as_dict() for path in compiled(tmp_path).path("a0", "a11", ALL)]


# -- what the Arrow check takes ---------------------------------------------------------------

def test_the_arrow_check_takes_a_near_miss_only_when_the_column_path_takes_it(tmp_path):
    # Each near miss of test_streams.py that Parquet can hold, alone in a dataset: the Arrow
    # check takes it exactly when checks/columns.py takes it as columns, and then gives the
    # relation the careful path gives.
    taken = 0
    for number, relation in enumerate(parquet_near_misses()):
        folder = tmp_path / str(number)
        write_folder(folder, [relation], 10)
        by_columns = outcomes(folder, True, True)
        careful = outcomes(folder, False, False)
        checked = check_columns([folder])
        assert (checked is not None) == (by_columns[2] == [1]), relation
        if checked is not None:
            taken += 1
            assert careful[1] == []
            got = [r.as_dict() for r in ArrowStore(checked).select(ALL)]
            assert got == [row for row, _ in careful[0]], relation
    assert taken >= 5  # the plain relation, and near misses that are plain after all


@pytest.fixture
def folder(tmp_path):
    """_base's actors and types (tests/bad_streams/_base) with two plainly right relations in
    relations.parquet by year."""
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy(BASE / "actors.yaml", target / "actors.yaml")
    shutil.copy(BASE / "relations.yaml", target / "relations.yaml")
    return target


GOOD = [
    {"id": "r1", "source": "Russia", "target": "Israel", "type": "condemnation",
     "date": "2023-10-17", "ref": "article", "summary": "Moscow condemns"},
    {"id": "r2", "source": "hamas", "target": "russia", "type": "cooperation",
     "date": "2024", "mutual": True, "weight": 2.0},
]


@pytest.mark.parametrize("change", [
    {"summary": "Moscow condemns "},  # the careful read strips it
    {"source": "Rusia"},  # no such actor
    {"target": "Russia"},  # to itself
    {"weight": 2.0},  # friendly weight on a hostile type
    {"weight": -11.0},  # out of range
    {"ref": "nowhere"},  # no such source
    {"date": "2023-13"},  # no such month
    {"until": "2022"},  # before its date
    {"id": "r2"},  # r2 again, in another partition
])
def test_anything_not_plainly_right_is_left_to_the_usual_check(folder, change):
    write_partitioned(folder, [GOOD[0] | change, GOOD[1]])
    assert check_columns([folder]) is None


def test_the_two_good_relations_are_taken_as_written(folder):
    write_partitioned(folder, GOOD)
    checked = check_columns([folder])
    relations = [r.as_dict() for r in ArrowStore(checked).select(ALL)]
    # By hand: r1 takes condemnation's -2, r2 its own 2.0; Russia and hamas by their ids.
    assert [(r["id"], r["source"], r["target"], r["weight"], r["mutual"]) for r in relations] \
        == [("r1", "russia", "israel", -2.0, False), ("r2", "hamas", "russia", 2.0, True)]


def test_relations_outside_parquet_are_left_to_the_usual_check(folder):
    write_partitioned(folder, GOOD)
    (folder / "relations.jsonl").write_text(json.dumps(
        {"id": "r3", "source": "us", "target": "israel", "type": "mediation"}) + "\n")
    assert check_columns([folder]) is None
    (folder / "relations.jsonl").unlink()
    text = (BASE / "relations.yaml").read_text() + (
        "relations:\n  - {id: r3, source: us, target: israel, type: mediation}\n")
    (folder / "relations.yaml").write_text(text)
    assert check_columns([folder]) is None


# -- through the cache and the command line ----------------------------------------------------

def settle(folder: Path) -> None:
    """Wait until the folder's files have settled: a store is kept only of files changed
    more than 2 s before (cache.SETTLED_AFTER_NS; their ctime cannot be set back)."""
    from relgraph.dataset import data_files

    deadline = time.monotonic() + 30
    while not cache._settled(data_files([folder])) and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.fixture
def first_answer(monkeypatch):
    """The Arrow path for any size, and background builds recorded instead of started."""
    started = []
    monkeypatch.setattr(cache, "FIRST_ANSWER_BYTES", 0)
    monkeypatch.setattr(background, "start", lambda folders, lock: started.append(
        (folders, lock)))
    return started


def test_the_first_call_answers_from_arrow_and_starts_one_build(run, folder, first_answer,
                                                                tmp_path, monkeypatch):
    monkeypatch.setenv("RELGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "SETTLED_AFTER_NS", 0)  # a store of files just written is kept
    write_partitioned(folder, GOOD)
    result = run("who-opposes", "israel", "--json", data=folder)
    assert result.exit_code == 0, result.stderr
    # By hand: r1, Russia condemns Israel: hostile 1, hostility |-2| = 2, net -2.
    rows = json.loads(result.stdout)
    assert [(r["actor"], r["hostile"], r["net"]) for r in rows] == [("russia", 1, -2.0)]
    assert [folders for folders, _ in first_answer] == [[folder]]
    assert first_answer[0][1].suffix == ".lock"
    assert not list((tmp_path / "cache").glob("*.sqlite"))  # nothing cached by this call
    # The build (what `python -m relgraph.build_store` runs) caches the store: the next call
    # reads it and starts nothing, with the same answer.
    assert build(first_answer[0][1], [folder])
    assert len(list((tmp_path / "cache").glob("*.sqlite"))) == 1
    again = run("who-opposes", "israel", "--json", data=folder)
    assert again.stdout == result.stdout and len(first_answer) == 1


def test_invalid_data_gets_the_usual_messages_and_no_build(run, folder, first_answer):
    write_partitioned(folder, [GOOD[0], GOOD[1] | {"id": "r1"}])
    result = run("who-opposes", "israel", data=folder)
    assert result.exit_code == 3
    part = folder / "relations.parquet" / "year=2024" / "part-0.parquet"
    assert f"{part}:1: relation id 'r1' is used twice" in result.stderr
    assert first_answer == []


def test_a_small_dataset_is_compiled_as_before(folder, monkeypatch):
    write_partitioned(folder, GOOD)
    monkeypatch.setattr(background, "start", lambda *a: pytest.fail("no build for this size"))
    store = cache.open_store([folder])
    assert isinstance(store, Store)
    store.close()


def test_one_build_at_a_time(tmp_path, folder, monkeypatch):
    write_partitioned(folder, GOOD)
    lock = tmp_path / "data.lock"
    monkeypatch.setattr(background.subprocess, "run",
                        lambda *a, **k: pytest.fail("a build started while one runs"))
    with background.holding(lock) as mine:
        assert mine
        assert background.start([folder], lock) is False
        assert build(lock, [folder]) is False
    with background.holding(lock) as mine:
        assert mine  # let go when the block ended


def test_a_whole_graph_question_on_the_first_call_is_summed_from_the_columns(
        run, folder, first_answer):
    # matrix needs every relation: the first call sums them from the Arrow columns
    # (arrow_graph.py) and leaves the store to the build it starts.
    write_partitioned(folder, GOOD)
    first = run("matrix", "--json", data=folder)
    assert first.exit_code == 0, first.stderr
    assert len(first_answer) == 1
    assert json.loads(first.stdout) == compiled(folder).matrix(None, ALL).as_dict()


def test_a_long_path_on_the_first_call_waits_for_the_background_build(run, tmp_path,
                                                                      monkeypatch):
    # A chain a0 -> a1 -> ... -> a11: past MAX_ACTOR_COLUMNS (8) actors the path's search
    # takes the store the background build writes (one compile, not two racing on the same
    # cores), and answers as the store does: the chain itself.
    monkeypatch.setenv("RELGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "FIRST_ANSWER_BYTES", 0)
    folder = tmp_path / "chain"
    folder.mkdir()
    actors = [f"a{n}" for n in range(12)]
    write(folder, actors, {"t0": {"polarity": "hostile", "weight": -1.0}},
          [{"id": f"r{n}", "source": f"a{n}", "target": f"a{n + 1}", "type": "t0",
            "date": "2023"} for n in range(11)], 0, "parquet")
    settle(folder)
    opened = []
    real = cache.open_store

    def recorded(*args, **kwargs):
        store = real(*args, **kwargs)
        opened.append(type(store).__name__)
        return store

    monkeypatch.setattr(cache, "open_store", recorded)
    first = run("path", "a0", "a11", "--json", data=folder)
    assert first.exit_code == 0, first.stderr
    # The call's own store, then the cached one the build wrote (a Store with its path).
    assert opened == ["ArrowStore", "Store"]
    assert len(list((tmp_path / "cache").glob("*.sqlite"))) == 1
    assert [step["actors"] for step in json.loads(first.stdout)] == [actors]


def test_the_background_build_caches_the_store_in_a_process_of_its_own(folder, tmp_path,
                                                                      monkeypatch):
    cached = tmp_path / "cache"
    monkeypatch.setenv("RELGRAPH_CACHE_DIR", str(cached))
    monkeypatch.setattr(cache, "FIRST_ANSWER_BYTES", 0)
    write_partitioned(folder, GOOD)
    settle(folder)
    first = cache.open_store([folder])
    assert isinstance(first, ArrowStore)
    deadline = time.monotonic() + 120  # a bound on the wait, not a measurement
    while not list(cached.glob("*.sqlite")) and time.monotonic() < deadline:
        time.sleep(0.1)
    stores = list(cached.glob("*.sqlite"))
    assert len(stores) == 1 and not list(cached.glob("*.tmp"))
    second = cache.open_store([folder])
    assert isinstance(second, Store) and second.path == stores[0]
    assert [r.as_dict() for r in second.select(ALL)] == \
        [r.as_dict() for r in first.select(ALL)]
    first.close()
    second.close()
