"""Relations in Parquet (docs/data-format.md, "Relations in Parquet"): Parquet files written
here with pyarrow, checked with the file and row of every problem; a folder partitioned by
year read in its documented order; pyarrow missing is exit 6.

The actors and types are those of tests/bad_streams/_base: israel, russia (alias Moscow),
hamas, us (aliases USA, Washington); condemnation hostile -2, cooperation friendly 3.5,
mediation neutral 0; the source `article`.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow", reason="the Parquet tests need pyarrow: "
                         "pip install -e '.[test]' installs it")
pq = pytest.importorskip("pyarrow.parquet")

from relgraph.parquet.writing import arrow_schema  # noqa: E402

BASE = Path(__file__).parent / "bad_streams" / "_base"


@pytest.fixture
def folder(tmp_path):
    """A data folder with _base's actors and types and no relations yet."""
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy(BASE / "actors.yaml", target / "actors.yaml")
    shutil.copy(BASE / "relations.yaml", target / "relations.yaml")
    return target


def write(path: Path, rows: list[dict], schema=None) -> Path:
    """Rows as a Parquet file, relgraph's column types unless `schema` says otherwise."""
    path.parent.mkdir(parents=True, exist_ok=True)
    schema = schema if schema is not None else arrow_schema()
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    pq.write_table(pa.table(columns, schema=schema), path)
    return path


def report(run, folder: Path) -> list[str]:
    """`validate`'s lines, with the folder's path written as DIR."""
    result = run("validate", data=folder)
    return result.stdout.replace(str(folder), "DIR").splitlines()


def answer(run, folder: Path, *args: str):
    result = run(*args, "--json", data=folder)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# -- one file ---------------------------------------------------------------------------------

def test_good_rows_are_read_with_made_up_ids_and_default_weights(run, folder):
    write(folder / "relations.parquet", [
        {"id": "r1", "source": "Russia", "target": "Israel", "type": "condemnation",
         "date": "2023-10-17", "ref": "article"},
        {"source": "Moscow", "target": "Hamas", "type": "cooperation", "date": "2023",
         "until": "2024", "weight": 2.0},
        {"id": "r3", "source": "Washington", "target": "Israel", "type": "mediation",
         "mutual": True, "summary": "  talks  "},
    ])
    relations = answer(run, folder, "relations")
    # Row 2 has no id: source-type-target-date, with the actors' ids (Moscow is russia).
    assert [r["id"] for r in relations] == ["r1", "russia-cooperation-hamas-2023", "r3"]
    # r1 takes condemnation's -2; row 2 its own 2.0; r3 mediation's 0, mutual, summary stripped
    # as in every other format.
    assert [r["weight"] for r in relations] == [-2.0, 2.0, 0.0]
    assert [r["mutual"] for r in relations] == [False, False, True]
    assert relations[2]["summary"] == "talks"
    assert relations[1]["until"] == "2024" and relations[0]["ref"] == "article"


def test_bad_values_are_reported_with_the_file_and_row(run, folder):
    write(folder / "relations.parquet", [
        {"id": "r1", "source": "Russia", "target": "Israel", "type": "condemnation"},
        {"id": "r2", "source": "Isreal", "target": "Hamas", "type": "condemnation"},
        {"id": "r3", "source": "Russia", "target": "Hamas", "type": "condemnation",
         "weight": 3.0},
        {"id": "r1", "source": "Hamas", "target": "Israel", "type": "condemnation"},
        {"id": "r5", "source": "Hamas", "target": "Israel", "type": "veto",
         "date": "2023-13"},
    ])
    lines = report(run, folder)
    file = "DIR/relations.parquet"
    assert lines == [
        f"{file}:2: relation 'r2': unknown actor 'Isreal' (did you mean Israel?)",
        f"{file}:3: relation 'r3': weight 3.0 disagrees with polarity hostile; a hostile "
        "weight must be below 0",
        f"{file}:4: relation id 'r1' is used twice (first on row 1); give each relation its "
        "own id",
        f"{file}:5: relation 'r5': unknown type 'veto' (known types: condemnation, cooperation, "
        "mediation; declare it under 'types')",
        f"{file}:5: relation 'r5': date '2023-13' is not a real date (check the month and "
        "day)",
        "5 problems in the data",
    ]


def test_a_column_of_the_wrong_type_or_name_is_reported_once_for_the_file(run, folder):
    schema = pa.schema([("source", pa.string()), ("tagret", pa.string()),
                        ("type", pa.string()), ("date", pa.date32()), ("weight", pa.string()),
                        ("mutual", pa.int64())])
    write(folder / "relations.parquet", [{"source": "Russia", "tagret": "Israel",
                                          "type": "condemnation"}], schema)
    assert report(run, folder) == [
        "DIR/relations.parquet: unknown column 'tagret' (did you mean 'target'?)",
        "DIR/relations.parquet: column 'date' is date32[day], not string (text), such as "
        "'2023-10'; docs/data-format.md lists the types",
        "DIR/relations.parquet: column 'weight' is string, not double (a number); "
        "docs/data-format.md lists the types",
        "DIR/relations.parquet: column 'mutual' is int64, not bool; docs/data-format.md lists "
        "the types",
        "DIR/relations.parquet: missing column 'target'; every relation needs source, target, "
        "type",
        "5 problems in the data",
    ]


def test_other_column_types_that_mean_the_same_are_read(run, folder):
    """Spark and pandas write other types for the same values: large strings, dictionary
    strings, integer weights, a column that is all null."""
    schema = pa.schema([("source", pa.large_string()),
                        ("target", pa.dictionary(pa.int32(), pa.string())),
                        ("type", pa.string()), ("weight", pa.int32()), ("quote", pa.null())])
    write(folder / "relations.parquet", [
        {"source": "Russia", "target": "Israel", "type": "condemnation", "weight": -3}], schema)
    [relation] = answer(run, folder, "relations")
    assert (relation["id"], relation["weight"], relation["quote"]) == \
        ("russia-condemnation-israel", -3.0, None)


def test_a_file_that_is_not_parquet_is_reported(run, folder):
    (folder / "relations.parquet").write_bytes(b'{"source": "Russia"}\n')
    lines = report(run, folder)
    assert lines[0].startswith("DIR/relations.parquet: not a readable Parquet file (")
    assert lines[0].endswith("); write it again with pyarrow or Spark")
    assert lines[1:] == ["1 problem in the data"]


# -- a folder by year -------------------------------------------------------------------------

def test_a_partitioned_folder_is_read_years_in_order_then_the_undated(run, folder):
    root = folder / "relations.parquet"
    write(root / "year=2023" / "part-1.parquet", [
        {"id": "r3", "source": "Hamas", "target": "Israel", "type": "condemnation",
         "date": "2023-10-07"}])
    write(root / "year=2023" / "part-0.parquet", [
        {"id": "r2", "source": "Russia", "target": "Israel", "type": "condemnation",
         "date": "2023-10-17"}])
    write(root / "year=__HIVE_DEFAULT_PARTITION__" / "part-0.parquet", [
        {"id": "r4", "source": "USA", "target": "Israel", "type": "cooperation"}])
    write(root / "year=1967" / "part-0.parquet", [
        {"id": "r1", "source": "Russia", "target": "Israel", "type": "condemnation",
         "date": "1967", "until": "1991"}])
    (root / "_SUCCESS").write_text("")  # what Spark leaves: skipped
    (root / "year=2023" / ".part-0.parquet.crc").write_text("junk")  # skipped too
    # File order: 1967, then 2023's files by name, then the undated partition.
    assert [r["id"] for r in answer(run, folder, "relations")] == ["r1", "r2", "r3", "r4"]
    # pyarrow reads the same folder with `year` from the folder names, null for the undated.
    table = pq.read_table(root, partitioning="hive")
    years = dict(zip(table.column("id").to_pylist(),
                     table.column("year").cast(pa.int32()).to_pylist(), strict=True))
    assert years == {"r1": 1967, "r2": 2023, "r3": 2023, "r4": None}


def test_rows_in_the_wrong_partition_and_stray_files_are_reported(run, folder):
    root = folder / "relations.parquet"
    write(root / "year=2023" / "part-0.parquet", [
        {"id": "r1", "source": "Russia", "target": "Israel", "type": "condemnation",
         "date": "2023-10-17"},
        {"id": "r2", "source": "Russia", "target": "Israel", "type": "condemnation",
         "date": "2021-05"},
        {"id": "r3", "source": "Russia", "target": "Israel", "type": "condemnation"}])
    write(root / "year=__HIVE_DEFAULT_PARTITION__" / "part-0.parquet", [
        {"id": "r4", "source": "USA", "target": "Israel", "type": "cooperation",
         "date": "2020"}])
    write(root / "year=2024" / "part-0.parquet", [  # every row dated, one of another year
        {"id": "r5", "source": "Hamas", "target": "Israel", "type": "condemnation",
         "date": "2024-01"},
        {"id": "r6", "source": "Hamas", "target": "Israel", "type": "condemnation",
         "date": "2022-05-01"}])
    (root / "notes.txt").write_text("relations by year")
    (root / "by-month").mkdir()
    assert report(run, folder) == [
        "DIR/relations.parquet/by-month: a folder named 'by-month' in relations.parquet; its "
        "folders are partitions named year=YYYY or year=__HIVE_DEFAULT_PARTITION__",
        "DIR/relations.parquet/notes.txt: a file in relations.parquet that is not a .parquet "
        "file; move it out (names starting with _ or . are skipped)",
        "DIR/relations.parquet/year=2023/part-0.parquet:2: a relation dated '2021-05' in "
        "partition year=2023; a relation goes in the partition of its date's year",
        "DIR/relations.parquet/year=2023/part-0.parquet:3: an undated relation in partition "
        "year=2023; undated relations go in year=__HIVE_DEFAULT_PARTITION__",
        "DIR/relations.parquet/year=2024/part-0.parquet:2: a relation dated '2022-05-01' in "
        "partition year=2024; a relation goes in the partition of its date's year",
        "DIR/relations.parquet/year=__HIVE_DEFAULT_PARTITION__/part-0.parquet:1: a relation "
        "dated '2020' in the undated partition year=__HIVE_DEFAULT_PARTITION__; move it to "
        "year=2020",
        "6 problems in the data",
    ]


def test_relations_in_yaml_jsonl_and_parquet_are_read_in_that_order(run, folder):
    shutil.copy(BASE / "relations.jsonl", folder / "relations.jsonl")  # r1, r2
    write(folder / "relations.parquet", [
        {"id": "p1", "source": "USA", "target": "Hamas", "type": "condemnation"}])
    assert [r["id"] for r in answer(run, folder, "relations")] == ["r1", "r2", "p1"]


# -- the cache --------------------------------------------------------------------------------

def test_a_new_file_in_a_partition_is_seen_by_the_next_call(run, folder, monkeypatch, tmp_path):
    from relgraph import cache

    monkeypatch.setenv("RELGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "SETTLED_AFTER_NS", 0)  # files written just now may be cached
    root = folder / "relations.parquet"
    write(root / "year=2023" / "part-0.parquet", [
        {"id": "r1", "source": "Russia", "target": "Israel", "type": "condemnation",
         "date": "2023"}])
    assert [r["id"] for r in answer(run, folder, "relations")] == ["r1"]
    assert len(list((tmp_path / "cache").glob("*.sqlite"))) == 1  # cached, then reused
    assert [r["id"] for r in answer(run, folder, "relations")] == ["r1"]
    write(root / "year=2023" / "part-1.parquet", [
        {"id": "r2", "source": "Hamas", "target": "Israel", "type": "condemnation",
         "date": "2023"}])
    assert [r["id"] for r in answer(run, folder, "relations")] == ["r1", "r2"]
    (root / "year=2023" / "part-0.parquet").unlink()
    assert [r["id"] for r in answer(run, folder, "relations")] == ["r2"]


# -- without pyarrow --------------------------------------------------------------------------

@pytest.fixture
def no_pyarrow(monkeypatch):
    """pyarrow as if it were not installed: importing it raises ImportError."""
    for name in list(sys.modules):
        if name == "pyarrow" or name.startswith("pyarrow."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyarrow", None)


def test_a_parquet_folder_without_pyarrow_is_one_line_and_exit_6(run, folder, no_pyarrow):
    (folder / "relations.parquet").write_bytes(b"PAR1")  # never opened: pyarrow is missing
    result = run("who-opposes", "Israel", data=folder)
    assert result.exit_code == 6
    assert result.stdout == ""
    assert result.stderr == ("relgraph: reading relations.parquet needs pyarrow, which is not "
                             "installed; install it with: pip install 'relgraph[parquet]'\n")


def test_export_and_import_to_parquet_without_pyarrow_are_exit_6(run, tmp_path, no_pyarrow):
    result = run("export", "--format", "parquet", "-o", str(tmp_path / "out"))
    assert (result.exit_code, result.stderr) == (6, (
        "relgraph: export --format parquet needs pyarrow, which is not installed; install it "
        "with: pip install 'relgraph[parquet]'\n"))
    gdelt = Path(__file__).parent / "data" / "gdelt" / "20250807220000.export.excerpt.CSV"
    result = run("import", "gdelt", str(gdelt), "-o", str(tmp_path / "imp"),
                 "--format", "parquet")
    assert result.exit_code == 6
    assert "pip install 'relgraph[parquet]'" in result.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "imp").exists()


def test_a_warm_call_on_a_parquet_folder_never_imports_pyarrow(folder, tmp_path):
    import subprocess
    import time

    from conftest import clean_env

    write(folder / "relations.parquet", [
        {"id": "r1", "source": "Russia", "target": "Israel", "type": "condemnation"}])
    env = clean_env(RELGRAPH_CACHE_DIR=str(tmp_path / "cache"))
    code = ("import sys; from relgraph import load; "
            f"graph = load({str(folder)!r}); print(len(graph.actors), 'pyarrow' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, timeout=60)
    assert first.stdout == "4 True\n", first.stderr  # the first call checks the file
    time.sleep(2.1)  # the cache keeps a store once its files are 2 s old (cache.py)
    subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=60)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)
    assert warm.stdout == "4 False\n", warm.stderr
