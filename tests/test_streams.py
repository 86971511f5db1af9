"""Relations in JSON Lines and CSV (plain or gzipped): the same relations as YAML gives,
checked one at a time and handed on without being kept, with progress along the way."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import gzip
import io
import json
import shutil
import tempfile
import weakref
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import SETTINGS, datasets, dump, shapes

from relgraph.checks.relations import RelationChecker
from relgraph.dataset import check_dataset, data_files, load_dataset
from relgraph.errors import DataError

BASE = Path(__file__).parent / "bad_streams" / "_base"
COLUMNS = ["id", "source", "target", "type", "date", "until", "mutual", "weight", "summary",
           "quote", "ref"]


@pytest.fixture
def folder(tmp_path):
    """A copy of tests/bad_streams/_base: r1, r2 in relations.jsonl, r3, r4 in relations.csv."""
    target = tmp_path / "data"
    shutil.copytree(BASE, target)
    return target


def as_json_value(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def jsonl(relations: list[dict]) -> str:
    return "".join(json.dumps({k: as_json_value(v) for k, v in r.items()}) + "\n"
                   for r in relations)


def csv_text(relations: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for relation in relations:
        cells = []
        for column in COLUMNS:
            value = relation.get(column)
            if isinstance(value, bool):
                value = "true" if value else "false"
            cells.append("" if value is None else as_json_value(value))
        writer.writerow(cells)
    return out.getvalue()


def write_streamed(folder: Path, data, form: str) -> None:
    """The dataset with its relations in `form` ("jsonl", "csv", with ".gz" or not)."""
    actors_doc, relations_doc, _ = data
    for name in ("relations.jsonl", "relations.jsonl.gz", "relations.csv", "relations.csv.gz"):
        (folder / name).unlink(missing_ok=True)
    (folder / "actors.yaml").write_text(dump(actors_doc), encoding="utf-8")
    rest = {key: value for key, value in relations_doc.items() if key != "relations"}
    (folder / "relations.yaml").write_text(dump(rest), encoding="utf-8")
    text = jsonl(relations_doc["relations"]) if form.startswith("jsonl") \
        else csv_text(relations_doc["relations"])
    data_bytes = text.encode("utf-8")
    (folder / f"relations.{form}").write_bytes(
        gzip.compress(data_bytes) if form.endswith(".gz") else data_bytes)


@pytest.fixture(scope="module")
def scratch():
    path = Path(tempfile.mkdtemp(prefix="relgraph-streams-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


# -- the same relations, whatever the format ---------------------------------------------------

@settings(max_examples=60, **SETTINGS)
@given(data=datasets(), form=st.sampled_from(["jsonl", "csv", "jsonl.gz", "csv.gz"]))
def test_json_lines_and_csv_give_the_relations_yaml_gives(scratch, data, form):
    # `expected` is worked out from the contract by the property tests' generator
    # (test_properties.datasets): ids, weights and dates as the YAML would give them.
    _, _, expected = data
    write_streamed(scratch, data, form)
    got = [r.as_dict() for r in load_dataset(scratch).relations]
    assert got == expected


def test_relations_yaml_and_the_streams_are_read_in_order(folder):
    # r0 in relations.yaml, then r1, r2 (relations.jsonl), then r3, r4 (relations.csv).
    text = (folder / "relations.yaml").read_text()
    (folder / "relations.yaml").write_text(
        text + "relations:\n  - {id: r0, source: Hamas, target: Russia, type: mediation}\n")
    relations = load_dataset(folder).relations
    assert [r.id for r in relations] == ["r0", "r1", "r2", "r3", "r4"]
    assert [r.order for r in relations] == [1, 2, 3, 4, 5]


def test_without_streams_relations_yaml_still_needs_its_relations(folder):
    for name in ("relations.jsonl", "relations.csv"):
        (folder / name).unlink()
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert [str(p) for p in caught.value.problems] == [
        f"{folder}/relations.yaml:1: missing top-level key 'relations'"]


def test_csv_cells_empty_cells_and_words(folder):
    # An empty weight is the type's (cooperation: 3.5); TRUE and False are read whatever the
    # case; a quoted cell may hold a comma and a line break, and a record is located by the
    # line it starts on: r6 starts on line 4, r7 (bad date) on line 6.
    (folder / "relations.csv").write_text(
        "id,source,target,type,date,mutual,weight,summary\n"
        "r3,Moscow,Hamas,cooperation,2023,TRUE,,\n"
        "r5,Hamas,Israel,condemnation,2023-10,False,-4,\n"
        'r6,Russia,Israel,condemnation,2023,,,"two lines,\nof summary"\n'
        "r7,Russia,Israel,condemnation,2023-13,,,\n")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert [str(p) for p in caught.value.problems] == [
        f"{folder}/relations.csv:6: relation 'r7': date '2023-13' is not a real date (check the "
        "month and day)"]
    (folder / "relations.csv").write_text(
        (folder / "relations.csv").read_text().replace("2023-13", "2023-12"))
    by_id = {r.id: r for r in load_dataset(folder).relations}
    assert (by_id["r3"].weight, by_id["r3"].mutual) == (3.5, True)
    assert (by_id["r5"].weight, by_id["r5"].mutual) == (-4.0, False)
    assert by_id["r6"].summary == "two lines,\nof summary"


def test_json_lines_may_have_blank_lines_crlf_and_a_byte_order_mark(folder):
    lines = (folder / "relations.jsonl").read_text().splitlines()
    (folder / "relations.jsonl").write_bytes(
        ("\ufeff" + lines[0] + "\r\n\r\n   \r\n" + lines[1] + "\r\n").encode("utf-8"))
    assert [r.id for r in load_dataset(folder).relations] == ["r1", "r2", "r3", "r4"]
    # A problem on the second record names line 4: blank lines count as lines.
    (folder / "relations.jsonl").write_bytes(
        (lines[0] + "\n\n\n" + lines[1].replace("Hamas", "Hamaz") + "\n").encode("utf-8"))
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (4, "relation 'r2': unknown actor 'Hamaz' (did you mean Hamas?)")]


def test_the_yaml_size_limit_does_not_apply_to_streams(folder, monkeypatch):
    # A 1 KiB limit: relations.yaml (about 300 bytes) passes, and 2,000 relations in JSON Lines
    # (about 200 KB) are read all the same.
    monkeypatch.setenv("RELGRAPH_MAX_FILE_MB", str(1 / 1024))
    (folder / "relations.csv").unlink()
    (folder / "relations.jsonl").write_text("".join(
        json.dumps({"source": "Hamas", "target": "Israel", "type": "condemnation",
                    "date": f"{2000 + i % 20}"}) + "\n" for i in range(2000)))
    assert (folder / "relations.jsonl").stat().st_size > 100_000
    assert len(load_dataset(folder).relations) == 2000
    (folder / "relations.yaml").write_text((folder / "relations.yaml").read_text() * 4)
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert [p.file for p in caught.value.problems] == [f"{folder}/relations.yaml"]
    assert "over the 0.000977 MiB limit" in caught.value.problems[0].message


# -- streaming: handed on, never kept -----------------------------------------------------------

def test_relations_handed_on_are_not_kept(folder):
    seen = []
    dataset = check_dataset([folder], on_relation=lambda r: seen.append(weakref.ref(r)))
    assert dataset.relations == []
    assert len(seen) == 4
    gc.collect()
    assert all(ref() is None for ref in seen), "a checked relation is still held somewhere"


def test_relations_are_handed_on_in_file_order(folder):
    order = []
    check_dataset([folder], on_relation=lambda r: order.append(r.id))
    assert order == ["r1", "r2", "r3", "r4"]


def test_progress_counts_relations_and_bytes(folder):
    # 25,000 relations: a call at 10,000 and 20,000 relations, and one at the end with every
    # byte of every file read. Mid-file, the bytes done are the YAML files and the lines read.
    (folder / "relations.csv").unlink()
    line = json.dumps({"source": "Hamas", "target": "Israel", "type": "condemnation"}) + "\n"
    (folder / "relations.jsonl").write_text(line * 25_000)
    calls = []
    check_dataset([folder], on_relation=lambda r: None,
                  progress=lambda done, total, n: calls.append((done, total, n)))
    yaml = sum((folder / name).stat().st_size for name in ("actors.yaml", "relations.yaml"))
    total = yaml + 25_000 * len(line)
    assert calls == [(yaml + 10_000 * len(line), total, 10_000),
                     (yaml + 20_000 * len(line), total, 20_000),
                     (total, total, 25_000)]


def test_data_files_lists_every_file_read_in_order(folder, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    assert data_files([folder, other]) == [
        folder / "actors.yaml", folder / "relations.yaml", folder / "relations.jsonl",
        folder / "relations.csv", other / "actors.yaml", other / "relations.yaml"]


def test_a_stream_file_added_to_a_folder_is_seen_by_the_next_call(folder, run):
    # The cache keys on data_files: a new file changes the key.
    (folder / "relations.csv").unlink()
    assert "4 relations" not in run("validate", data=folder).stdout
    assert len(json.loads(run("relations", "--json", data=folder).stdout)) == 2
    shutil.copy(BASE / "relations.csv", folder / "relations.csv")
    assert len(json.loads(run("relations", "--json", data=folder).stdout)) == 4


# -- the lean path is only a shortcut ------------------------------------------------------------

def careful_only(monkeypatch):
    monkeypatch.setattr(RelationChecker, "lean", False)


def outcome(folder: Path):
    try:
        return [(r.as_dict(), r.order) for r in load_dataset(folder).relations]
    except DataError as error:
        return [str(p) for p in error.problems]


# Values next to the right ones, for each field: what the lean path must refuse, or take
# exactly as the careful path does.
ANY = [None, "", " ", True, False, 0, 1, 2023, [], {}, ["x"], "  padded  ", dt.date(2023, 1, 1)]
NEAR = {
    "source": ["Alpha", " Alpha ", "ALPHA", "A", "alpha", "Beta", "Nowhere"],
    "target": ["Beta", "Beta ", "BETA", "Alpha", "Nowhere"],
    "type": ["hit", "help", "see", " hit", "Hit", "unknown", " odd ", "odd"],
    "date": ["2023", "2023-10", "2023-10-17", "2023-02-30", "2023-13", "2023-1-5", "23",
             dt.datetime(2023, 1, 1, 12, 0), "2024", "٢٠٢٣"],
    "until": ["2023", "2023-10", "2023-10-17", "2023-10-16", "2022", "2024-01", "2023-13"],
    "weight": [0, -0.0, 10, 10.0, -10, -10.0, 10.5, -10.0001, 0.0001, -0.0001, -2, 3,
               float("nan"), float("inf"), float("-inf"), 10**30, -(10**30), "3", "-2"],
    "mutual": ["true", "false", "yes", None],
    "summary": ["text", " text ", "\ttext"],
    "quote": ["words", " words "],
    "ref": ["src", " src", "src ", "other", " spaced ", "spaced"],
    "id": ["x1", " x2 ", "x2", "alpha-hit-beta-2023-10-17", "alpha-hit-beta", 5, 5.5],
    "tagret": ["Beta"],
    "Source": ["Alpha"],
}
PAIRS = [
    *({"type": kind, "weight": weight} for kind in ("hit", "help", "see", " odd ")
      for weight in NEAR["weight"]),
    *({"date": date, "until": until} for date in ("2023", "2023-10", "2023-10-17", 2023)
      for until in ("2023", "2023-10", "2023-10-17", "2023-10-16", "2023-09", "2022")),
    {"until": "2024", "date": None}, {"id": None}, {"id": None}, {"id": None, "date": None},
]
ACTORS = {"actors": [{"id": "alpha", "name": "Alpha", "aliases": ["A"]},
                     {"id": "beta", "name": "Beta"}]}
VOCABULARY = {"sources": {"src": {"title": "A source"}, " spaced ": {"title": "Spaced"}},
              "types": {"hit": {"polarity": "hostile", "weight": -2},
                        "help": {"polarity": "friendly", "weight": 3},
                        "see": {"polarity": "neutral"},
                        " odd ": {"polarity": "hostile"}}}


def near_miss_relations() -> list[dict]:
    """One relation per near miss: a plain relation with one field (or a pair) changed."""
    changes = [{field: value} for field, values in NEAR.items() for value in values + ANY]
    relations = []
    for number, change in enumerate(changes + PAIRS):
        relation = {"id": f"n{number}", "source": "Alpha", "target": "Beta", "type": "hit",
                    "date": "2023-10-17", "summary": "plain", "ref": "src"}
        relation.update(change)
        relations.append({k: v for k, v in relation.items() if v is not None or k in change})
    return relations


def both_ways(folder: Path):
    """(relations, problems) with the lean path in front, and from the careful path alone."""
    from relgraph.checks.run import check_folders

    outcomes = []
    for lean in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            if not lean:
                careful_only(patch)
            kept = []
            _, problems = check_folders([folder], kept.append)
            outcomes.append(([(r.as_dict(), r.order) for r in kept], [str(p) for p in problems]))
    return outcomes


@pytest.mark.parametrize("form", ["yaml", "jsonl", "csv"])
def test_the_lean_path_takes_a_near_miss_only_as_the_careful_path_does(tmp_path, form):
    # Several hundred relations, each one change away from a plain one: the careful path alone
    # is the reference for which pass (and as what) and which are reported (and how).
    relations = near_miss_relations()
    write_as(tmp_path, (ACTORS, {**VOCABULARY, "relations": relations}, None), form)
    lean, careful = both_ways(tmp_path)
    assert len(careful[0]) > 100 and len(careful[1]) > 100  # both paths had work to do
    assert lean == careful


@st.composite
def near_misses(draw):
    """A valid dataset whose relations have a few fields set to values near the right ones."""
    actors_doc, relations_doc, expected = draw(datasets())
    entries = [dict(entry) for entry in relations_doc["relations"]]
    for entry in entries:
        for _ in range(draw(st.integers(0, 2))):
            field = draw(st.sampled_from(sorted(NEAR)))
            entry[field] = draw(st.sampled_from(NEAR[field] + ANY))
    return actors_doc, {**relations_doc, "relations": entries}, expected


def write_as(folder: Path, data, form: str) -> None:
    actors_doc, relations_doc, _ = data
    if form == "yaml":
        for name in ("relations.jsonl", "relations.csv"):
            (folder / name).unlink(missing_ok=True)
        (folder / "actors.yaml").write_text(dump(actors_doc), encoding="utf-8")
        (folder / "relations.yaml").write_text(dump(relations_doc), encoding="utf-8")
        return
    write_streamed(folder, data, form)
    if form == "jsonl":  # near misses of every JSON type, not only text
        (folder / "relations.jsonl").write_text("".join(
            json.dumps(entry, default=str) + "\n" for entry in relations_doc["relations"]))


@settings(max_examples=100, **SETTINGS)
@given(data=near_misses(), form=st.sampled_from(["yaml", "jsonl", "csv"]))
def test_the_lean_path_gives_what_the_careful_path_gives(scratch, data, form):
    # Random datasets with near misses among their relations (the made-up ids and repeated
    # ids meet here): the same relations and problems both ways.
    write_as(scratch, data, form)
    lean, careful = both_ways(scratch)
    assert lean == careful


# -- whatever the bytes: the file's problems, never a crash -----------------------------------

def assert_loads_or_reports(folder: Path) -> None:
    try:
        load_dataset(folder)
    except DataError as error:
        files = {str(path) for path in data_files([folder])}
        for problem in error.problems:
            assert problem.file in files
            assert problem.line >= 0
            assert "\n" not in problem.message and problem.message.strip()


def write_stream(folder: Path, name: str, content: bytes, compress: bool) -> None:
    for path in folder.glob("relations.*"):
        if path.name != "relations.yaml":
            path.unlink()
    (folder / name).write_bytes(gzip.compress(content) if compress else content)


@pytest.fixture(scope="module")
def base_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("streams") / "data"
    shutil.copytree(BASE, folder)
    return folder


STREAM_NAMES = st.sampled_from(["relations.jsonl", "relations.csv", "relations.jsonl.gz",
                                "relations.csv.gz"])


@settings(max_examples=150, **SETTINGS)
@given(content=st.binary(max_size=300) | st.text(max_size=300).map(
    lambda text: text.encode("utf-8", "surrogatepass")), name=STREAM_NAMES,
    compress=st.booleans())
def test_random_bytes_in_a_stream_file_never_break_the_loader(base_copy, content, name,
                                                              compress):
    write_stream(base_copy, name, content, compress and name.endswith(".gz"))
    assert_loads_or_reports(base_copy)


@settings(max_examples=150, **SETTINGS)
@given(lines=st.lists(shapes(), max_size=5), name=STREAM_NAMES)
def test_json_of_any_shape_never_breaks_the_loader(base_copy, lines, name):
    if ".csv" in name:  # the same values as CSV cells, under a header of field names
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for shape in lines:
            values = shape if isinstance(shape, dict) else {"source": shape}
            writer.writerow([values.get(column, "") for column in COLUMNS])
        content = out.getvalue().encode("utf-8", "surrogatepass")
    else:
        content = "".join(json.dumps(shape, default=str) + "\n" for shape in lines).encode(
            "utf-8", "surrogatepass")
    write_stream(base_copy, name, content, name.endswith(".gz"))
    assert_loads_or_reports(base_copy)


def test_a_line_too_long_to_be_a_relation_is_reported_and_skipped(folder, monkeypatch):
    from relgraph.checks import records

    monkeypatch.setattr(records, "MAX_LINE", 128)  # r2's line is 95 bytes
    lines = (folder / "relations.jsonl").read_text().splitlines(keepends=True)
    (folder / "relations.jsonl").write_text("x" * 200 + "\n" + lines[1])  # r1 replaced
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    # Line 1 is skipped, line 2 (r2) is still read: nothing else is wrong.
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (1, "the line is longer than 128 bytes; is this a JSON Lines file? (one relation a "
            "line)")]
