"""The cache of compiled stores: right answers whatever state the cache folder is in."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import TRICKY
from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import SETTINGS, datasets, write_dataset

from relgraph import cache

# The expected answers on tests/data/tricky are pinned by test_queries.py and test_cli.py; here
# the point is that the cache never changes them, so each answer is compared across states.


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A private copy of the tricky dataset and an empty cache folder of the test's own."""
    folder = tmp_path / "data"
    shutil.copytree(TRICKY, folder)
    monkeypatch.setenv("RELGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "SETTLED_AFTER_NS", 0)  # files written just now may be cached
    return folder


def stores(tmp_path):
    return sorted((tmp_path / "cache").glob("*.sqlite"))


def answer(run, folder, *args):
    result = run(*args, "--json", data=folder)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


QUESTIONS = [("who-opposes", "west"), ("who-supports", "south"), ("relations",),
             ("timeline", "south"), ("path", "north", "west"), ("show", "cote")]


def test_the_first_call_compiles_a_store_and_the_second_reads_it(run, data, tmp_path):
    first = answer(run, data, "who-opposes", "west")
    assert len(stores(tmp_path)) == 1
    made = stores(tmp_path)[0].stat().st_mtime_ns
    assert answer(run, data, "who-opposes", "west") == first
    assert stores(tmp_path)[0].stat().st_mtime_ns == made  # read, not rebuilt


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q[0])
def test_answers_are_the_same_with_and_without_the_cache(run, data, question):
    cold = answer(run, data, *question)
    warm = answer(run, data, *question)
    result = run("--no-cache", *question, "--json", data=data)
    assert cold == warm == json.loads(result.stdout)


def test_no_cache_writes_nothing(run, data, tmp_path):
    answer(run, data, "relations")
    shutil.rmtree(tmp_path / "cache")
    assert run("--no-cache", "relations", data=data).exit_code == 0
    assert not (tmp_path / "cache").exists()


def test_an_edited_data_file_is_seen_by_the_next_call(run, data):
    before = answer(run, data, "relations")
    text = (data / "relations.yaml").read_text(encoding="utf-8")
    (data / "relations.yaml").write_text(text.replace("summary:", "summary: edited -", 1),
                                         encoding="utf-8")
    after = answer(run, data, "relations")
    assert [r["summary"] for r in after] != [r["summary"] for r in before]
    assert sum("edited -" in (r["summary"] or "") for r in after) == 1


def test_a_file_changed_just_now_is_answered_but_not_cached(run, data, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "SETTLED_AFTER_NS", 3600 * 10**9)  # everything is "recent"
    assert answer(run, data, "relations")
    assert stores(tmp_path) == []
    assert not list((tmp_path / "cache").glob("*.tmp"))


def test_invalid_data_is_never_cached_and_its_errors_show_every_time(run, data, tmp_path):
    (data / "relations.yaml").write_text("types: {}\nrelations: [{source: nobody}]\n",
                                         encoding="utf-8")
    for _ in range(2):
        result = run("relations", data=data)
        assert result.exit_code == 3
        assert "problem" in result.stderr
    assert stores(tmp_path) == []
    assert not list((tmp_path / "cache").glob("*.tmp"))


def _spoil(tmp_path, how):
    (store,) = stores(tmp_path)
    if how == "garbage":
        store.write_bytes(b"this is not a database\n" * 100)
    elif how == "truncated":
        store.write_bytes(store.read_bytes()[: store.stat().st_size // 2])
    elif how == "empty":
        store.write_bytes(b"")
    elif how == "foreign":
        store.unlink()
        db = sqlite3.connect(store)
        db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        db.execute("CREATE TABLE people (name TEXT)")
        db.commit()
        db.close()
    elif how == "older-format":
        db = sqlite3.connect(store)
        db.execute("UPDATE meta SET value = '0' WHERE key = 'format'")
        db.commit()
        db.close()
    elif how == "other-version":
        db = sqlite3.connect(store)
        db.execute("UPDATE meta SET value = '0.0.1' WHERE key = 'version'")
        db.commit()
        db.close()


@pytest.mark.parametrize("how", ["garbage", "truncated", "empty", "foreign", "older-format",
                                 "other-version"])
def test_a_spoilt_store_is_ignored_and_rebuilt(run, data, tmp_path, how):
    first = answer(run, data, "who-opposes", "west")
    _spoil(tmp_path, how)
    assert answer(run, data, "who-opposes", "west") == first
    (store,) = stores(tmp_path)
    db = sqlite3.connect(store)
    assert dict(db.execute("SELECT key, value FROM meta"))["format"] == cache.STORE_FORMAT
    db.close()


def test_an_unwritable_cache_folder_means_no_cache_and_one_line(run, data, tmp_path,
                                                                monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("RELGRAPH_CACHE_DIR", str(blocker / "cache"))
    expected = answer(run, data, "who-opposes", "west")  # the answer is still given
    result = run("who-opposes", "west", data=data)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"relgraph: cannot write the cache in '{blocker / 'cache'}'")
    assert expected[0]["actor"] == "south"


def test_two_builds_of_the_same_store_at_once_both_succeed(data, tmp_path, monkeypatch):
    # The first build is interrupted half-way by a second build of the same dataset, which
    # finishes first and renames its store into place; the first then renames its own over it.
    real = cache._compile
    nested = []

    def compile_with_a_rival(connection, folders, signature, progress):
        if not nested:
            nested.append(None)  # the rival itself compiles without a rival of its own
            nested[0] = cache.open_store(data)
        real(connection, folders, signature, progress)

    monkeypatch.setattr(cache, "_compile", compile_with_a_rival)
    outer = cache.open_store(data)
    inner = nested[0]
    assert [a.id for a in outer.actors] == [a.id for a in inner.actors]
    assert outer.relation_count == inner.relation_count == 13
    assert len(stores(tmp_path)) == 1
    assert not list((tmp_path / "cache").glob("*.tmp"))


def test_cache_says_where_it_is_and_clear_empties_it(run, data, tmp_path):
    answer(run, data, "relations")
    size = stores(tmp_path)[0].stat().st_size
    result = run("cache")
    assert result.stdout == (f"cache: {tmp_path / 'cache'}: 1 compiled dataset, "
                             f"{size / 1e6:.1f} MB\n" if size >= 100_000 else
                             f"cache: {tmp_path / 'cache'}: 1 compiled dataset, {size:,} bytes\n"
                             ) + "downloads: 0 files, 0 bytes\n"
    result = run("cache", "--clear")
    assert result.stdout.startswith(f"cleared {tmp_path / 'cache'}: removed 1 compiled dataset")
    assert stores(tmp_path) == []
    assert json.loads(run("cache", "--json").stdout)["stores"] == 0


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("RELGRAPH_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache.cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("RELGRAPH_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "relgraph"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "relgraph"


# -- property: any valid dataset answers the same from the cache as without it -------------------


@settings(max_examples=15, **SETTINGS)
@given(data=datasets(), pick=st.integers(0, 5))
def test_random_datasets_answer_the_same_from_the_cache(tmp_path_factory, data, pick):
    from typer.testing import CliRunner

    from relgraph.cli import app

    folder = tmp_path_factory.mktemp("data")
    _, names = write_dataset(folder, data)
    actor = sorted(names)[pick % len(names)]
    other = sorted(names)[(pick + 1) % len(names)]
    cache_folder = tmp_path_factory.mktemp("cache")
    runner = CliRunner(env={"RELGRAPH_CACHE_DIR": str(cache_folder)})
    questions = [["relations"], ["who-opposes", actor], ["who-supports", actor],
                 ["timeline", actor], ["show", actor], ["actors", "--since", "2019"]]
    if actor != other:
        questions.append(["path", actor, other])
    original = cache.SETTLED_AFTER_NS
    cache.SETTLED_AFTER_NS = 0
    try:
        for question in questions:
            argv = ["--data", str(folder), *question, "--json"]
            cold = runner.invoke(app, argv)
            warm = runner.invoke(app, argv)
            fresh = runner.invoke(app, ["--no-cache", *argv])
            assert cold.exit_code == warm.exit_code == fresh.exit_code
            assert cold.stdout == warm.stdout == fresh.stdout
        assert len(list(cache_folder.glob("*.sqlite"))) == 1
    finally:
        cache.SETTLED_AFTER_NS = original


def test_a_store_the_cache_folder_will_not_take_still_answers_and_leaves_no_temp_file(
        data, tmp_path, monkeypatch):
    # The rename into place fails (a folder where the store would go, a full disk): the
    # store just compiled still answers this call, and its temp file is not left behind.
    def refuse(source, destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache.os, "replace", refuse)
    said = []
    store = cache.open_store(data, warn=said.append)
    assert store.relation_count == 13  # the tricky dataset's 13 relations
    assert not list((tmp_path / "cache").glob("*.tmp"))
    assert stores(tmp_path) == []
    assert len(said) == 1 and said[0].startswith("cannot write the cache in ")
    store.close()


def test_a_store_removed_the_moment_it_is_renamed_into_place_still_answers(
        data, tmp_path, monkeypatch):
    # Another process (`relgraph cache --clear`, a rival build replacing it) removes the store
    # between its rename into place and this call opening it: the call answers all the same.
    real = cache.os.replace

    def rename_then_lose(source, destination):
        real(source, destination)
        Path(destination).unlink()

    monkeypatch.setattr(cache.os, "replace", rename_then_lose)
    store = cache.open_store(data)
    assert store.relation_count == 13  # the tricky dataset's 13 relations
    assert "cote" in [actor.id for actor in store.actors]
    assert stores(tmp_path) == [] and not list((tmp_path / "cache").glob("*.tmp"))
    store.close()


def _overwrite_pages(store, *objects):
    """Fill the root page of each named table or index with 0xFF: damage that opening the
    store does not read, found only when a query reaches it."""
    db = sqlite3.connect(store)
    page = db.execute("PRAGMA page_size").fetchone()[0]
    roots = dict(db.execute("SELECT name, rootpage FROM sqlite_master"))
    db.close()
    with open(store, "r+b") as handle:
        for name in objects:
            handle.seek((roots[name] - 1) * page)
            handle.write(b"\xff" * page)


@pytest.mark.parametrize("question", [("who-opposes", "west"), ("path", "north", "west"),
                                      ("relations",), ("balance",)], ids=lambda q: q[0])
def test_a_store_damaged_where_only_a_query_reads_is_rebuilt_and_answers(run, data, tmp_path,
                                                                        question):
    first = answer(run, data, *question)
    (store,) = stores(tmp_path)
    _overwrite_pages(store, "relations_by_target", "relations_by_source", "links", "links_by_v",
                     "stances", "relations")
    result = run(*question, "--json", data=data)
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == first
    (rebuilt,) = stores(tmp_path)
    assert answer(run, data, *question) == first  # and the new store answers too


def test_one_folder_named_two_ways_shares_one_store(run, data, tmp_path, monkeypatch):
    answer(run, data, "relations")
    (store,) = stores(tmp_path)
    made = store.stat().st_mtime_ns
    monkeypatch.chdir(data.parent)
    answer(run, "./data/../data", "relations")
    assert stores(tmp_path) == [store] and store.stat().st_mtime_ns == made
