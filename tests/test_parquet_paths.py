"""The column path for Parquet (checks/columns.py) is only a shortcut: a batch of rows that it
takes gives the relations the careful path gives, and a batch with anything else goes row by
row, giving the careful path's problems. The near misses are test_streams.py's, those that a
typed Parquet column can hold."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow", reason="the Parquet tests need pyarrow: "
                         "pip install -e '.[test]' installs it")
pq = pytest.importorskip("pyarrow.parquet")

from test_properties import dump  # noqa: E402
from test_streams import ACTORS, VOCABULARY, near_miss_relations  # noqa: E402

from relgraph.checks.relations import RelationChecker  # noqa: E402
from relgraph.checks.run import check_folders  # noqa: E402
from relgraph.parquet import COLUMNS  # noqa: E402
from relgraph.parquet.writing import arrow_schema  # noqa: E402


def fits(field: str, value) -> bool:
    """Whether a Parquet column of relgraph's type can hold `value`."""
    if value is None:
        return True
    if field == "mutual":
        return isinstance(value, bool)
    if field == "weight":
        return isinstance(value, float) or (  # NaN and infinities too: a double holds them
            isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**53)
    return isinstance(value, str)


def parquet_near_misses() -> list[dict]:
    return [r for r in near_miss_relations()
            if set(r) <= set(COLUMNS) and all(fits(k, v) for k, v in r.items())]


def write_folder(folder: Path, relations: list[dict], row_group: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "actors.yaml").write_text(dump(ACTORS), encoding="utf-8")
    (folder / "relations.yaml").write_text(dump(VOCABULARY), encoding="utf-8")
    schema = arrow_schema().remove_metadata()
    schema = pa.schema([field.with_nullable(True) for field in schema])
    columns = {name: [r.get(name) for r in relations] for name in schema.names}
    columns["weight"] = [None if w is None else float(w) for w in columns["weight"]]  # double
    pq.write_table(pa.table(columns, schema=schema), folder / "relations.parquet",
                   row_group_size=row_group)


def as_rows(columns: dict) -> list:
    """Columns handed to the store writer, as (Relation.as_dict(), order) pairs."""
    rows = []
    for i in range(len(columns["id"])):
        date, until = columns["date"][i], columns["until"][i]
        rows.append(({
            "id": columns["id"][i], "source": columns["source"][i],
            "target": columns["target"][i], "type": columns["type"][i],
            "polarity": columns["polarity"][i], "weight": columns["weight"][i],
            "date": date.text if date else None, "until": until.text if until else None,
            "mutual": columns["mutual"][i], "summary": columns["summary"][i],
            "quote": columns["quote"][i], "ref": columns["ref"][i]}, columns["order"][i]))
    return rows


def outcomes(folder: Path, lean: bool, store_columns: bool):
    """(relations in order, problems): checked with or without the shortcuts, the column
    path's relations taken as the store writer takes them or as Relation objects."""
    kept, batches = [], []

    def on_columns(columns):
        batches.append(len(columns["id"]))
        kept.extend(as_rows(columns))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(RelationChecker, "lean", lean)
        _, problems = check_folders([folder], lambda r: kept.append((r.as_dict(), r.order)),
                                    on_columns=on_columns if store_columns else None)
    return kept, [str(p) for p in problems], batches


@pytest.mark.parametrize("row_group", [1, 3, 10_000])
@pytest.mark.parametrize("store_columns", [True, False])
def test_the_column_path_takes_a_near_miss_only_as_the_careful_path_does(
        tmp_path, row_group, store_columns):
    relations = parquet_near_misses()
    write_folder(tmp_path, relations, row_group)
    fast = outcomes(tmp_path, True, store_columns)
    careful = outcomes(tmp_path, False, False)
    assert len(careful[0]) > 50 and len(careful[1]) > 50  # both paths had work to do
    assert fast[:2] == careful[:2]
    if store_columns and row_group == 1:
        # One row a batch: every plain row goes the column way (the first near miss of
        # the list is a plain relation: source Alpha, as written).
        assert len(fast[2]) > 20


def test_plain_rows_are_taken_as_columns_a_batch_at_a_time(tmp_path):
    plain = [{"id": f"p{i}", "source": "Alpha", "target": "Beta", "type": "hit",
              "date": f"{2000 + i % 20}-0{1 + i % 9}", "weight": -1.5 if i % 2 else None,
              "mutual": i % 3 == 0, "summary": "s", "ref": "src"} for i in range(250)]
    write_folder(tmp_path, plain, 100)
    fast = outcomes(tmp_path, True, True)
    assert fast[2] == [100, 100, 50]  # three batches, each taken whole
    assert fast[:2] == outcomes(tmp_path, False, False)[:2]
    # Worked by hand: p1 has its own -1.5; p0 takes hit's -2; p0 and p3 are mutual.
    rows = {row["id"]: row for row, _ in fast[0]}
    assert (rows["p0"]["weight"], rows["p1"]["weight"]) == (-2.0, -1.5)
    assert [rows[i]["mutual"] for i in ("p0", "p1", "p3")] == [True, False, True]
    assert rows["p21"]["date"] == "2001-04" and fast[0][0][1] == 1 and fast[0][-1][1] == 250


def test_the_near_misses_hold_what_parquet_can_hold():
    relations = parquet_near_misses()
    weights = [r["weight"] for r in relations if "weight" in r]
    assert any(isinstance(w, float) and math.isnan(w) for w in weights)
    assert float("inf") in weights and 10.5 in weights and -10.0001 in weights
    assert not any(isinstance(v, (dt.date, list, dict)) for r in relations for v in r.values())


def test_the_spaces_the_column_path_refuses_are_those_str_strip_strips():
    from relgraph.checks.columns import SPACE

    assert set(SPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


@pytest.mark.parametrize("space", ["\u3000", "\x1f", "\x85", " "])
def test_a_value_padded_with_any_space_is_stripped_as_the_careful_path_strips_it(tmp_path,
                                                                                  space):
    write_folder(tmp_path, [{"id": "p1", "source": "Alpha", "target": "Beta", "type": "hit",
                             "summary": f"said{space}", "quote": f"{space}words"}], 10)
    fast = outcomes(tmp_path, True, True)
    assert fast[2] == []  # not taken as a column batch
    [(row, _)] = fast[0]
    assert (row["summary"], row["quote"]) == ("said", "words")
