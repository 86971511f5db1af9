"""Several data folders read as one dataset: --data given more than once, RELGRAPH_DATA with
several folders, @shipped for the graph relgraph ships."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from relgraph.dataset import default_data_dir, resolve_data_dirs

BASE = Path(__file__).parent / "bad_streams" / "_base"

# b: Israel again (same name and kind, an alias and a code more) and Egypt; e1 names actors by
# aliases from both folders, e2 a type and a source declared only in a.
B_ACTORS = """\
actors:
  - id: israel
    name: Israel
    kind: state
    aliases: [Jerusalem]
    codes: [ISR]
  - id: egypt
    name: Egypt
    kind: state
    aliases: [Cairo]
"""
B_TYPES = """\
types:
  condemnation: {polarity: hostile, weight: -2}
  talks: {polarity: neutral}
"""
B_RELATIONS = (
    '{"id": "e1", "source": "Cairo", "target": "Jerusalem", "type": "condemnation", '
    '"date": "2024-01"}\n'
    '{"id": "e2", "source": "Egypt", "target": "Moscow", "type": "cooperation", '
    '"ref": "article"}\n')


@pytest.fixture
def a(tmp_path) -> Path:
    """tests/bad_streams/_base: israel, russia, hamas, us; three types; r1 to r4."""
    shutil.copytree(BASE, tmp_path / "a")
    return tmp_path / "a"


@pytest.fixture
def b(tmp_path) -> Path:
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "actors.yaml").write_text(B_ACTORS)
    (folder / "relations.yaml").write_text(B_TYPES)
    (folder / "relations.jsonl").write_text(B_RELATIONS)
    return folder


def test_two_folders_are_one_dataset(run, a, b):
    # 4 actors + egypt; 3 types + talks; r1-r4 + e1, e2.
    result = run("--data", str(a), "--data", str(b), "validate")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"ok: 5 actors, 4 types, 6 relations in {a} and {b}\n"


def test_the_union_answers_over_both_folders(run, a, b):
    # Hostile to Israel: r1 Russia (-2), r2 Hamas (-2) from a, e1 Egypt (-2) from b; equal
    # scores are ranked by name.
    result = run("--data", str(a), "--data", str(b), "who-opposes", "Israel", "--json")
    assert [row["actor"] for row in json.loads(result.stdout)] == ["egypt", "hamas", "russia"]


def test_an_actor_in_two_folders_joins_its_aliases_and_codes(run, a, b):
    actors = json.loads(run("--data", str(a), "--data", str(b), "actors", "--json").stdout)
    assert [actor["id"] for actor in actors] == ["israel", "russia", "hamas", "us", "egypt"]
    assert (actors[0]["aliases"], actors[0]["codes"]) == (["Jerusalem"], ["ISR"])


def test_relgraph_data_may_hold_several_folders(run, a, b, monkeypatch):
    # An empty entry (a trailing separator) is no folder.
    monkeypatch.setenv("RELGRAPH_DATA", f"{a}{os.pathsep}{b}{os.pathsep}")
    result = run("validate")
    assert result.stdout == f"ok: 5 actors, 4 types, 6 relations in {a} and {b}\n"


def test_data_on_the_command_line_replaces_relgraph_data(run, a, b, monkeypatch):
    monkeypatch.setenv("RELGRAPH_DATA", f"{a}{os.pathsep}{b}")
    assert run("--data", str(a), "validate").stdout == \
        f"ok: 4 actors, 3 types, 4 relations in {a}\n"


def test_shipped_names_the_graph_relgraph_ships(run, b):
    (b / "relations.jsonl").write_text(B_RELATIONS.splitlines(keepends=True)[0])  # e1 only
    assert resolve_data_dirs("@shipped") == [default_data_dir()]
    assert resolve_data_dirs(None) == [default_data_dir()]
    alone = json.loads(run("who-opposes", "Israel", "--json").stdout)
    both = json.loads(run("--data", "@shipped", "--data", str(b), "who-opposes", "Israel",
                          "--json").stdout)
    # b adds Egypt's condemnation of Israel (-2) and nothing else against Israel.
    assert [row for row in both if row["actor"] != "egypt"] == alone
    assert [(r["hostile"], r["net"]) for r in both if r["actor"] == "egypt"] == [(1, -2.0)]


def test_a_folder_named_twice_is_read_once(run, a):
    result = run("--data", str(a), "--data", str(a), "validate")
    assert result.stdout == f"ok: 4 actors, 3 types, 4 relations in {a}\n"


def test_a_missing_folder_among_several_is_a_usage_error(run, a, tmp_path):
    result = run("--data", str(a), "--data", str(tmp_path / "nowhere"), "validate")
    assert result.exit_code == 2
    assert result.stderr == (f"relgraph: data folder '{tmp_path / 'nowhere'}' does not exist; "
                             "pass --data a folder holding actors.yaml and relations.yaml\n")


def test_an_actor_of_another_kind_in_another_folder_is_a_data_error(run, a, b):
    (b / "actors.yaml").write_text(B_ACTORS.replace("kind: state", "kind: organization", 1))
    result = run("--data", str(a), "--data", str(b), "validate")
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        f"{b}/actors.yaml:4: actor 'israel': kind 'organization' disagrees with kind 'state' in "
        f"{a}/actors.yaml:2; an actor in several folders has one name and one kind",
        "1 problem in the data"]


def test_a_source_declared_differently_in_another_folder_is_a_data_error(run, a, b):
    (b / "relations.yaml").write_text(B_TYPES + "sources:\n  article: {title: Another}\n")
    result = run("--data", str(a), "--data", str(b), "validate")
    # a's title, 44 characters, is cut to 36 in the message.
    assert result.stdout.splitlines() == [
        f"{b}/relations.yaml:5: source 'article': title 'Another' disagrees with title "
        f"'Israeli-Russian relations after the...' in {a}/relations.yaml:2; a source in "
        "several folders has the same fields",
        "1 problem in the data"]


def test_the_library_loads_several_folders(a, b):
    import relgraph

    graph = relgraph.load([a, b])
    assert graph.actor("Cairo").id == "egypt"
    assert [row.actor.id for row in graph.who_opposes("Jerusalem")] == ["egypt", "hamas",
                                                                        "russia"]
