"""`relgraph export --format parquet -o DIR` writes a data folder that `--data DIR` reads back
to the same answers as the source folder: every command's --json compared, for the shipped
graph and each dataset under tests/data; and `import --format parquet` answers as the JSON
Lines import of the same events does.

The one difference a year-partitioned folder makes is documented: `relations` lists relations
in reading order, which is by year (the undated last), each year keeping the source's order.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("pyarrow", reason="the Parquet tests need pyarrow: "
                    "pip install -e '.[test]' installs it")

HERE = Path(__file__).parent
DATASETS = {"shipped": HERE.parent / "data", "tricky": HERE / "data" / "tricky",
            "names": HERE / "data" / "names", "views": HERE / "data" / "views",
            "hostile": HERE / "data" / "hostile"}


def answers(run, folder: Path, reorder: bool = False) -> dict[tuple, tuple[int, object]]:
    """(exit code, --json answer) of every command that reads relations, on `folder`, with
    actors and ids taken from the folder itself: the two actors in most relations (not one
    whose id reads as an option, such as tests/data/hostile's `--help`), and the relation of
    the smallest id. `reorder`: the relations that `neighbours` lists in file order put in
    the order of a year-partitioned folder (`by_year`)."""
    relations = json.loads(run("relations", "--json", data=folder).stdout)
    busiest = Counter(end for r in relations for end in (r["source"], r["target"])
                      if not end.startswith("-"))
    a, b = [actor for actor, _ in busiest.most_common(2)]
    years = sorted({r["date"][:4] for r in relations if r["date"]})
    commands = [
        ("actors",), ("types",), ("matrix",), ("central",), ("central", "--by", "pagerank"),
        ("central", "--by", "betweenness"), ("balance",), ("who-opposes", a),
        ("who-supports", a), ("who-opposes", b), ("show", a), ("timeline", a),
        ("timeline", a, b), ("neighbours", a, "--depth", "2"), ("trend", a, b),
        ("path", a, b), ("path", b, a, "--all"), ("relation", min(r["id"] for r in relations)),
    ]
    if years:  # a window, which leaves the undated out
        commands.append(("who-opposes", a, "--since", years[len(years) // 2]))
        commands.append(("matrix", "--until", years[0]))
    found = {}
    for command in commands:
        result = run(*command, "--json", data=folder)
        assert result.exit_code in (0, 1), (command, result.stderr)
        found[command] = (result.exit_code, json.loads(result.stdout or "null"))
        if reorder and command[0] == "neighbours":
            found[command][1]["relations"] = by_year(found[command][1]["relations"])
    return found


def by_year(relations: list[dict]) -> list[dict]:
    """The documented order of a year-partitioned folder: by the year of the date, the
    undated last, the source's order within each (a stable sort)."""
    return sorted(relations, key=lambda r: (r["date"] is None, (r["date"] or "")[:4]))


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_an_exported_folder_answers_as_its_source(run, tmp_path, name):
    source = DATASETS[name]
    out = tmp_path / "exported"
    result = run("export", "--format", "parquet", "-o", str(out), data=source)
    assert result.exit_code == 0, result.stderr
    relations = json.loads(run("relations", "--json", data=source).stdout)
    actors = json.loads(run("actors", "--json", data=source).stdout)
    plural = "s" if len(relations) != 1 else ""
    assert result.stderr == (f"wrote parquet: {len(actors)} actors, {len(relations)} "
                             f"relation{plural} to {out}\n")
    assert sorted(p.name for p in out.iterdir()) == ["actors.yaml", "relations.parquet",
                                                     "relations.yaml"]
    partitions = {p.name for p in (out / "relations.parquet").iterdir()}
    assert partitions == {f"year={r['date'][:4]}" if r["date"] else
                          "year=__HIVE_DEFAULT_PARTITION__" for r in relations}
    assert answers(run, out) == answers(run, source, reorder=True)
    assert json.loads(run("relations", "--json", data=out).stdout) == by_year(relations)


def test_an_export_never_replaces_a_folder(run, tmp_path):
    out = tmp_path / "exported"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    result = run("export", "--format", "parquet", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == (f"relgraph: output folder '{out}' exists and is not empty; give -o "
                             "a new folder (an export never replaces one)\n")
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    result = run("export", "--format", "parquet")
    assert (result.exit_code, result.stderr) == (
        2, "relgraph: parquet export writes a data folder; give -o a folder name\n")


def test_an_empty_selection_exports_a_folder_without_relations(run, tmp_path):
    out = tmp_path / "exported"
    result = run("export", "--format", "parquet", "-o", str(out), "--since", "2090")
    assert result.exit_code == 0, result.stderr
    assert not (out / "relations.parquet").exists()
    assert json.loads(run("relations", "--json", data=out).stdout) == []
    assert len(json.loads(run("actors", "--json", data=out).stdout)) == 17  # the shipped 17


@pytest.mark.parametrize("source, events", [
    ("gdelt", HERE / "data" / "gdelt" / "20250807220000.export.excerpt.CSV"),
    ("icews", HERE / "data" / "icews" / "events.2018.sample.excerpt.tab"),
])
def test_import_to_parquet_answers_as_the_json_lines_import(run, tmp_path, source, events):
    results = {}
    for fmt in ("jsonl", "parquet"):
        out = tmp_path / fmt
        result = run("import", source, str(events), "-o", str(out), "--all-actors",
                     "--format", fmt)
        assert result.exit_code == 0, result.stderr
        results[fmt] = result.stderr.replace(str(out), "OUT")
    assert results["jsonl"] == results["parquet"]  # the same report
    assert (tmp_path / "jsonl" / "relations.jsonl").is_file()
    assert (tmp_path / "parquet" / "relations.parquet").is_dir()
    assert not (tmp_path / "parquet" / "relations.jsonl").exists()
    jsonl = json.loads(run("relations", "--json", data=tmp_path / "jsonl").stdout)
    assert jsonl, "the excerpt imports some relations"
    assert json.loads(run("relations", "--json", data=tmp_path / "parquet").stdout) == \
        by_year(jsonl)
    assert answers(run, tmp_path / "parquet") == answers(run, tmp_path / "jsonl", reorder=True)
