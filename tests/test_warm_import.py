"""An import leaves its folder's compiled store in the cache, so the first query is warm, and
keeps the cache's rule: files that changed within a clock tick are not trusted by their size
and times, so the store keeps their SHA-256 and is used only while they hold those bytes."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import HERE

from relgraph import cache

EXPORT = HERE / "data" / "gdelt" / "20250807220000.export.excerpt.CSV"


@pytest.fixture
def imported(run, tmp_path, monkeypatch):
    monkeypatch.setenv("RELGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    result = run("import", "gdelt", str(EXPORT), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    return tmp_path / "out"


def stores(folder):
    return sorted((folder.parent / "cache").glob("*.sqlite"))


def young(store) -> str:
    with sqlite3.connect(store) as db:
        row = db.execute("SELECT value FROM meta WHERE key = 'young'").fetchone()
    db.close()
    return row[0]


def no_compiling(*args, **kwargs):
    raise AssertionError("the store was compiled again")


def test_the_first_query_after_an_import_reads_the_store_it_left(run, imported, monkeypatch):
    (store,) = stores(imported)
    # Just written: too young to be known by size and times, so kept with digests of the three
    # files (actors.yaml, relations.yaml, relations.jsonl).
    assert len(json.loads(young(store))) == 3
    monkeypatch.setattr(cache, "_compile", no_compiling)
    result = run("relations", "--json", data=imported)
    assert result.exit_code == 0, result.stderr
    # tests/data/gdelt/README.md: 2 relations written with the shipped actors.
    assert [r["id"] for r in json.loads(result.stdout)] == ["gdelt-1256323439",
                                                            "gdelt-1256323440"]


def test_a_young_store_is_not_used_when_the_bytes_differ(run, imported, monkeypatch):
    (store,) = stores(imported)
    digests = json.loads(young(store))
    digests[2] = "0" * 64  # as if relations.jsonl changed within the tick, size and times kept
    with sqlite3.connect(store) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'young'", (json.dumps(digests),))
    db.close()
    compiled = []
    real = cache._compile
    monkeypatch.setattr(cache, "_compile", lambda *a: compiled.append(1) or real(*a))
    assert run("relations", "--json", data=imported).exit_code == 0
    assert compiled == [1]


def test_once_the_files_have_settled_the_digests_are_dropped(run, imported, monkeypatch):
    monkeypatch.setattr(cache, "SETTLED_AFTER_NS", 0)  # as if two seconds had passed
    monkeypatch.setattr(cache, "_compile", no_compiling)
    assert run("relations", data=imported).exit_code == 0
    (store,) = stores(imported)
    assert young(store) == ""


def test_no_cache_leaves_no_store(run, tmp_path, monkeypatch):
    monkeypatch.setenv("RELGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    result = run("--no-cache", "import", "gdelt", str(EXPORT), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert not list((tmp_path / "cache").glob("*.sqlite"))
