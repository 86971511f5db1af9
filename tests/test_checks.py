"""The checker's parts on their own: the JSON Lines and CSV record readers and the relation
shortcut, each fed a few bytes, with the records and problems worked out by hand from them.

tests/bad_streams shows what a user sees for a whole dataset; these pin the readers' corners
(line numbers after a multi-line cell, numbers and words in CSV cells, gzip cut short after a
given line, a disk error mid-file) that one folder per defect would take dozens of folders for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import io
import json
import shutil
from pathlib import Path

import pytest

from relgraph.checks import records, relations, run
from relgraph.checks.fields import kind
from relgraph.checks.records import RecordFile
from relgraph.checks.relations import RELATION_FIELDS
from relgraph.checks.reporter import Problems
from relgraph.dataset import check_dataset
from relgraph.dates import parse_date
from relgraph.errors import DataError
from relgraph.model import Relation

BASE = Path(__file__).parent / "bad_streams" / "_base"  # israel, russia, hamas, us; 3 types

SHAPE = '{"source": "...", "target": "...", "type": "..."}'
COLUMNS = "date, id, mutual, quote, ref, source, summary, target, type, until, weight"


def read(tmp_path, name: str, data: bytes):
    """The (line, record) pairs of a file holding `data`, and its problems as (line, message)."""
    path = tmp_path / name
    path.write_bytes(data)
    problems = Problems()
    found = list(RecordFile(path, problems.reporter(name), RELATION_FIELDS))
    return found, [(p.line, p.message) for p in problems.found]


# -- CSV -------------------------------------------------------------------------------------

def test_csv_cells_become_numbers_and_true_false_only_when_they_are_written_so(tmp_path):
    found, problems = read(tmp_path, "relations.csv", (
        b"id,source,target,type,weight,mutual\n"
        b"r1,a,b,veto,2,TRUE\n"
        b"r2,a,b,veto, -1.5 ,false\n"
        b"r3,a,b,veto,1e1,yes\n"
        b"r4,a,b,veto,+3,\n"
        b"r5,a,b,veto,.5,False\n"
        b"r6,a,b,veto,heavy,true\n"
        b"\n"
        b"r7,,b,veto,,\n"
        b"r8,a,b,veto,2E1,\n"))
    assert problems == []
    assert [line for line, _ in found] == [2, 3, 4, 5, 6, 7, 9, 10]  # line 8 is blank
    weights = [record.get("weight") for _, record in found]
    assert weights == [2, -1.5, 10.0, 3, 0.5, "heavy", None, 20.0]
    assert [type(w) for w in weights[:5]] == [int, float, float, int, float]
    assert [record.get("mutual") for _, record in found] == \
        [True, False, "yes", None, False, True, None, None]
    assert found[6][1] == {"id": "r7", "target": "b", "type": "veto"}  # empty cells left out


def test_a_csv_record_is_numbered_by_the_line_it_starts_on(tmp_path):
    found, problems = read(tmp_path, "relations.csv", (
        b'id,source,target,type,summary\n'
        b'r1,a,b,veto,"two\nlines"\n'
        b'r2,a,b,veto\n'
        b'r3,a,b,veto,"x, y"\n'))
    assert found == [(2, {"id": "r1", "source": "a", "target": "b", "type": "veto",
                          "summary": "two\nlines"}),
                     (5, {"id": "r3", "source": "a", "target": "b", "type": "veto",
                          "summary": "x, y"})]
    assert problems == [(4, "4 cells where the header names 5 columns; put a cell holding a "
                            "comma in double quotes")]


@pytest.mark.parametrize("row,line,message", [
    (b'r2,a,b,veto,"never closed\nr3,a,b,veto,x\n', 3,
     'a quoted cell opened here is never closed; add the closing "'),
    (b'r2,a,b,veto,"said"so\n', 3,
     'text after the closing " of a quoted cell; write "" for a " inside a quoted cell'),
    (b'r2,a,b,veto,' + b"x" * 131_073 + b"\n", 3,
     "not valid CSV (field larger than field limit (131072)); check the quotes on this line"),
])
def test_a_csv_quoting_mistake_is_reported_on_the_line_its_record_starts(tmp_path, row, line,
                                                                         message):
    found, problems = read(tmp_path, "relations.csv",
                           b"id,source,target,type,summary\nr1,a,b,veto,x\n" + row)
    assert [line for line, _ in found] == [2]
    assert problems == [(line, message)]


@pytest.mark.parametrize("header,expected", [
    (b"id,source,source,target,type",
     ["column 'source' is named twice (columns 2 and 3); keep one of them"]),
    (b"id,source,target,type,sumary",
     ["unknown column 'sumary' (did you mean 'summary'?); the first line names the "
      "relation's fields"]),
    (b"id,source,target,type,",
     [f"column 5 has no name (known columns: {COLUMNS}); the first line names the "
      "relation's fields"]),
    (b"id,zz,target,type",
     [f"unknown column 'zz' (known columns: {COLUMNS}); the first line names the "
      "relation's fields",
      "missing column 'source'; every relation needs source, target, type"]),
    (b"source,target",
     ["missing column 'type'; every relation needs source, target, type"]),
])
def test_a_wrong_csv_header_is_reported_once_on_line_1_and_no_record_is_read(
        tmp_path, header, expected):
    found, problems = read(tmp_path, "relations.csv", header + b"\nr1,a,b,veto,x\n")
    assert found == []
    assert problems == [(1, message) for message in expected]


def test_an_unclosed_quote_in_the_csv_header_is_on_line_1(tmp_path):
    assert read(tmp_path, "relations.csv", b'id,"source,target,type\nr1,a,b,veto\n') == \
        ([], [(1, 'a quoted cell opened here is never closed; add the closing "')])


def test_a_csv_header_may_have_spaces_and_a_byte_order_mark(tmp_path):
    found, problems = read(tmp_path, "relations.csv",
                           "\ufeff id , source ,target,type\nr1,a,b,veto\n".encode())
    assert problems == []
    assert found == [(2, {"id": "r1", "source": "a", "target": "b", "type": "veto"})]


def test_an_empty_csv_file_says_what_its_first_line_should_be(tmp_path):
    assert read(tmp_path, "relations.csv", b"") == ([], [(0, (
        "file is empty; its first line names the columns, such as id,source,target,type,date"))])


def test_bad_utf8_in_a_csv_line_is_reported_and_the_record_still_read(tmp_path):
    found, problems = read(tmp_path, "relations.csv",
                           b"source,target,type,summary\na,b,veto,caf\xe9\n")
    assert problems == [(2, "not UTF-8 text (byte 0xe9); save the file as UTF-8")]
    assert found == [(2, {"source": "a", "target": "b", "type": "veto",
                          "summary": "caf\ufffd"})]


# -- JSON Lines ------------------------------------------------------------------------------

def test_json_lines_blank_lines_and_spaces_around_a_record_are_fine(tmp_path):
    found, problems = read(tmp_path, "relations.jsonl", (
        b'{"id": "r1"}\n'
        b'\n'
        b'   \n'
        b'  {"id": "r2", "summary": "a: b"}  \n'
        b'{"id": "r3"}'))  # no newline at the end
    assert problems == []
    assert found == [(1, {"id": "r1"}), (4, {"id": "r2", "summary": "a: b"}), (5, {"id": "r3"})]


@pytest.mark.parametrize("line,message", [
    (b'[1, 2]', f"the line holds a list, not a JSON object; write one relation a line, as {SHAPE}"),
    (b'"veto"', f"the line holds text, not a JSON object; write one relation a line, as {SHAPE}"),
    (b'{"a": 1} and more', f"not valid JSON at column 10: Extra data; write one relation a "
                           f"line, as {SHAPE}"),
    (b'{"a": }', f"not valid JSON at column 7: Expecting value; write one relation a line, "
                 f"as {SHAPE}"),
    (b"[" * 100_000 + b"]" * 100_000,
     "JSON nested too deeply; a relation is one flat JSON object"),
])
def test_a_json_line_that_is_not_one_object_is_reported_and_skipped(tmp_path, line, message):
    found, problems = read(tmp_path, "relations.jsonl",
                           b'{"id": "r1"}\n' + line + b'\n{"id": "r3"}\n')
    assert problems == [(2, message)]
    assert found == [(1, {"id": "r1"}), (3, {"id": "r3"})]


def test_a_repeated_json_key_is_reported_and_the_first_value_kept(tmp_path):
    found, problems = read(tmp_path, "relations.jsonl",
                           b'{"id": "r1", "type": "veto", "type": "attack"}\n'
                           b'{"id": "r2", "summary": "1:2"}\n')
    assert problems == [(1, "duplicate key 'type'; keep one of them")]
    assert found == [(1, {"id": "r1", "type": "veto"}), (2, {"id": "r2", "summary": "1:2"})]


def test_a_repeated_key_on_a_line_with_spaces_around_it_is_reported_on_that_line(tmp_path):
    found, problems = read(tmp_path, "relations.jsonl",
                           b'{"id": "r1"}\n  {"id": "r2", "id": "r3"}  \n')
    assert problems == [(2, "duplicate key 'id'; keep one of them")]
    assert found == [(1, {"id": "r1"}), (2, {"id": "r2"})]


def test_a_byte_order_mark_is_taken_off_the_first_line_only(tmp_path):
    found, problems = read(tmp_path, "relations.jsonl",
                           '\ufeff{"id": "r1"}\n\ufeff{"id": "r2"}\n'.encode())
    assert found == [(1, {"id": "r1"})]
    assert problems == [(2, "not valid JSON at column 1: Unexpected UTF-8 BOM (decode using "
                            f"utf-8-sig); write one relation a line, as {SHAPE}")]


def test_bad_utf8_in_a_json_line_is_reported_and_the_record_still_read(tmp_path):
    found, problems = read(tmp_path, "relations.jsonl", b'{"summary": "caf\xe9"}\n')
    assert problems == [(1, "not UTF-8 text (byte 0xe9); save the file as UTF-8")]
    assert found == [(1, {"summary": "caf\ufffd"})]


def test_a_line_of_the_longest_length_is_read_and_one_byte_more_is_not(tmp_path, monkeypatch):
    monkeypatch.setattr(records, "MAX_LINE", 1000)
    fits = b'{"summary": "' + b"x" * (999 - 15) + b'"}\n'  # 999 characters and the newline
    over = b'{"summary": "' + b"x" * (1000 - 15) + b'"}\n'
    assert len(fits) == 1000 and len(over) == 1001
    found, problems = read(tmp_path, "relations.jsonl", fits + over + b'{"id": "r3"}\n')
    assert [line for line, _ in found] == [1, 3]
    assert problems == [(2, "the line is longer than 1,000 bytes; is this a JSON Lines file? "
                            "(one relation a line)")]


class CountedReads(io.BytesIO):
    """A file that notes the most each readline was asked for."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.sizes: list[int] = []

    def readline(self, size: int = -1) -> bytes:
        self.sizes.append(size)
        return super().readline(size)


def test_a_line_too_long_is_read_past_in_pieces_never_whole(monkeypatch):
    monkeypatch.setattr(records, "MAX_LINE", 1000)
    stream = CountedReads(b'{"summary": "' + b"x" * 5000 + b'"}\n{"id": "r2"}\n')
    problems = Problems()
    assert list(records._json_records(stream, problems.reporter("f"))) == [(2, {"id": "r2"})]
    assert [p.line for p in problems.found] == [1]
    assert set(stream.sizes) == {1000}  # 6 pieces of the long line, then line 2 and the end
    assert len(stream.sizes) == 8


# -- gzip, and files that cannot be read -----------------------------------------------------

TWO_LINES = b'{"id": "r1"}\n{"id": "r2"}\n'


def test_a_gzip_file_cut_short_keeps_the_lines_before_the_cut(tmp_path):
    found, problems = read(tmp_path, "relations.jsonl.gz",
                           gzip.compress(TWO_LINES, mtime=0)[:-8])  # no CRC and size
    assert found == [(1, {"id": "r1"}), (2, {"id": "r2"})]
    assert problems == [(0, "the gzip data ends early, after line 2; the file was cut short: "
                            "copy or compress it again")]


def test_a_gzip_file_with_only_its_header_ends_before_its_first_line(tmp_path):
    found, problems = read(tmp_path, "relations.csv.gz", gzip.compress(TWO_LINES)[:10])
    assert found == []
    assert problems == [(0, "the gzip data ends early, before its first line; the file was "
                            "cut short: copy or compress it again")]


def test_a_gzip_file_whose_check_fails_is_damaged_after_its_last_line(tmp_path):
    data = bytearray(gzip.compress(TWO_LINES, mtime=0))
    data[-8] ^= 0xFF  # the CRC of the uncompressed data, stored in the last 8 bytes
    found, problems = read(tmp_path, "relations.jsonl.gz", bytes(data))
    assert [line for line, _ in found] == [1, 2]
    [(line, message)] = problems
    assert line == 0
    assert message.startswith("the gzip data is damaged, after line 2 (CRC check failed")
    assert message.endswith("); copy or compress the file again")


def test_plain_data_named_gz_is_not_gzip(tmp_path):
    assert read(tmp_path, "relations.jsonl.gz", TWO_LINES) == ([], [(0, (
        "not gzip data; a file named .gz must be gzip-compressed (or drop the .gz)"))])


def test_a_file_that_cannot_be_opened_says_why(tmp_path):
    problems = Problems()
    path = tmp_path / "relations.jsonl"  # never written
    assert list(RecordFile(path, problems.reporter("f"), RELATION_FIELDS)) == []
    assert [(p.line, p.message) for p in problems.found] == \
        [(0, "cannot read: No such file or directory")]


class FailingStream:
    """Lines, then the disk's error where the next one should be."""

    def __init__(self, lines: list[bytes]):
        self.lines = list(lines)

    def readline(self, size: int = -1) -> bytes:
        if not self.lines:
            raise OSError(5, "Input/output error")
        return self.lines.pop(0)

    def __iter__(self):
        return self

    def __next__(self) -> bytes:
        return self.readline()


@pytest.mark.parametrize("reader,lines,good", [
    (lambda stream, report: records._json_records(stream, report),
     [b'{"id": "r1"}\n', b'{"id": "r2"}\n'], 2),
    (lambda stream, report: records._csv_records(stream, report, RELATION_FIELDS),
     [b"id,source,target,type\n", b"r1,a,b,veto\n"], 1),
])
def test_a_disk_error_mid_file_is_reported_on_the_line_it_stopped(reader, lines, good):
    problems = Problems()
    found = list(reader(FailingStream(lines), problems.reporter("f")))
    assert len(found) == good
    assert [(p.line, p.message) for p in problems.found] == [(3, "cannot read: Input/output error")]


def test_position_is_the_bytes_read_so_far(tmp_path):
    data = b"id,source,target,type\nr1,a,b,veto\nr2,a,b,veto\n"
    path = tmp_path / "relations.csv"
    path.write_bytes(data)
    records_ = RecordFile(path, Problems().reporter("f"), RELATION_FIELDS)
    assert records_.position() == 0  # not opened yet
    reading = iter(records_)
    next(reading)
    assert records_.position() == len(b"id,source,target,type\nr1,a,b,veto\n")
    list(reading)
    assert records_.position() == 0  # closed: the meter counts the whole file as done


# -- the relation shortcut -------------------------------------------------------------------

VALUES = ("r1", "russia", "israel", "veto", "hostile", -4.0, parse_date("2023-10"),
          parse_date("2023-11-02"), True, "a summary", "a quote", "article", 7)


def test_the_relation_shortcut_makes_the_relation_the_constructor_makes():
    made = relations._fast_relation()(*VALUES)
    expected = Relation(*VALUES[:-1], order=7)
    assert type(made) is Relation and made == expected
    assert tuple(getattr(made, field.name) for field in dataclasses.fields(made)) == VALUES
    assert relations._compact_relation(*VALUES) == expected


def test_the_shortcut_steps_aside_for_a_relation_class_it_would_build_wrongly(monkeypatch):
    @dataclasses.dataclass(frozen=True)
    class Checked(Relation):
        def __post_init__(self):
            pass

    monkeypatch.setattr(relations, "Relation", Checked)
    assert relations._fast_relation() is relations._compact_relation

    @dataclasses.dataclass(frozen=True)
    class Longer(Relation):
        extra: int = 0

    monkeypatch.setattr(relations, "Relation", Longer)
    assert relations._fast_relation() is relations._compact_relation

    @dataclasses.dataclass(frozen=True, slots=True)
    class Slotted(Relation):
        pass

    monkeypatch.setattr(relations, "Relation", Slotted)
    assert relations._fast_relation() is relations._compact_relation


# -- whole datasets: numbering, progress, actors in several folders --------------------------

def copy_base(tmp_path, name: str = "data") -> Path:
    folder = tmp_path / name
    shutil.copytree(BASE, folder)
    (folder / "relations.csv").unlink()
    return folder


def problems_of(*folders: Path) -> list[str]:
    try:
        check_dataset(list(folders))
    except DataError as exc:
        return [str(problem) for problem in exc.problems]
    return []


def test_a_record_without_an_id_is_named_by_its_place_in_the_file(tmp_path):
    folder = copy_base(tmp_path)
    (folder / "relations.jsonl").write_text(
        '{"id": "r1", "source": "Russia", "target": "Israel", "type": "condemnation"}\n'
        '\n'
        '{"source": "Zzz", "target": "Israel", "type": "condemnation"}\n')
    # The third line holds the second record.
    assert problems_of(folder) == [
        f"{folder / 'relations.jsonl'}:3: relation #2: unknown actor 'Zzz'"]


def test_progress_mid_yaml_counts_the_files_before_it(tmp_path, monkeypatch):
    # Ticks every 2 relations: the YAML file's 4 relations tick twice while it is read (its
    # bytes not yet counted), then the end.
    monkeypatch.setattr(run, "PROGRESS_EVERY", 2)
    folder = copy_base(tmp_path)
    (folder / "relations.jsonl").unlink()
    with open(folder / "relations.yaml", "a", encoding="utf-8") as yaml:
        yaml.write("relations:\n" + "".join(
            f"  - {{source: Russia, target: Israel, type: condemnation, date: 2023-10-{d}}}\n"
            for d in (10, 11, 12, 13)))
    actors = (folder / "actors.yaml").stat().st_size
    total = actors + (folder / "relations.yaml").stat().st_size
    calls = []
    check_dataset([folder], on_relation=lambda r: None,
                  progress=lambda done, total, n: calls.append((done, total, n)))
    assert calls == [(actors, total, 2), (actors, total, 4), (total, total, 4)]


def test_without_a_progress_callback_no_tick_is_attempted(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "PROGRESS_EVERY", 1)
    folder = copy_base(tmp_path)  # r1, r2 in relations.jsonl
    handed = []
    check_dataset([folder], on_relation=handed.append)
    assert [relation.id for relation in handed] == ["r1", "r2"]


A_ISRAEL = """\
actors:
  - id: israel
    name: Israel
    kind: state
    aliases: [Jerusalem]
    codes: [ISR]
"""


A_AND_B = "actors:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"


def actor_folder(tmp_path, name: str, actors: str = A_AND_B,
                 relations_yaml: str = "types: {}\nrelations: []\n") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "actors.yaml").write_text(actors, encoding="utf-8")
    (folder / "relations.yaml").write_text(relations_yaml, encoding="utf-8")
    return folder


def test_an_actor_in_three_folders_keeps_each_label_once_and_the_first_description(tmp_path):
    a = actor_folder(tmp_path, "a", A_ISRAEL)
    b = actor_folder(tmp_path, "b", """\
actors:
  - id: israel
    name: Israel
    kind: state
    aliases: [ISRAEL, jerusalem, Zion, ZION]
    codes: [isr, IL]
    description: The State of Israel.
""")
    c = actor_folder(tmp_path, "c", """\
actors:
  - id: israel
    name: Israel
    kind: state
    description: Another description.
""")
    [israel] = check_dataset([a, b, c]).actors
    # ISRAEL is its own name, jerusalem and isr a's alias and code in another case, ZION b's
    # Zion again: none is added twice.
    assert israel.aliases == ("Jerusalem", "Zion")
    assert israel.codes == ("ISR", "IL")
    assert israel.description == "The State of Israel."


def test_an_actor_without_a_kind_in_a_later_folder_is_told_on_its_entry_line(tmp_path):
    a = actor_folder(tmp_path, "a", A_ISRAEL)
    b = actor_folder(tmp_path, "b", "actors:\n  - id: israel\n    name: Israel\n")
    assert problems_of(a, b) == [
        f"{b / 'actors.yaml'}:2: actor 'israel': kind 'other' disagrees with kind 'state' in "
        f"{a / 'actors.yaml'}:2; an actor in several folders has one name and one kind"]


def test_an_actor_refused_for_its_missing_id_hides_only_its_own_labels(tmp_path):
    # Relations naming the refused actor by name are not reported again; one naming an actor
    # called None (the refused actor's missing id) is still unknown.
    folder = actor_folder(tmp_path, "a", A_ISRAEL + "  - name: Ghost\n")
    (folder / "relations.yaml").write_text("""\
types:
  talks: {polarity: neutral}
relations:
  - {id: r1, source: Ghost, target: Israel, type: talks}
  - {id: r2, source: None, target: Israel, type: talks}
""", encoding="utf-8")
    assert problems_of(folder) == [
        f"{folder / 'actors.yaml'}:7: actor #2: missing required field 'id'",
        f"{folder / 'relations.yaml'}:5: relation 'r2': unknown actor 'None'"]


def test_an_actors_file_alone_suggests_an_id_for_an_unusable_one(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("""\
actors:
  - id: Xhosa Council!
    name: Xhosa Council
  - id: ok
    name: Okay
  - id: "!!!"
    name: Bangs
  - id: " al Qassam! "
    name: Qassam
""", encoding="utf-8")
    actors, problems = run.check_actors_file(path)
    assert [actor.id for actor in actors] == ["ok"]
    rule = "id may hold only letters, digits, '_' and '-'"
    assert [(p.file, p.line, p.message) for p in problems] == [
        (str(path), 2, f"actor 'Xhosa Council!': {rule}; try 'Xhosa-Council'"),
        (str(path), 6, f"actor '!!!': {rule}; try 'actor-1'"),
        (str(path), 8, f"actor ' al Qassam! ': {rule}; try 'al-Qassam'")]


def test_an_actors_file_alone_stops_after_1000_problems(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n" + "  - 1\n" * 1001, encoding="utf-8")
    actors, problems = run.check_actors_file(path)
    assert actors == []
    assert len(problems) == 1001
    assert (problems[0].file, problems[0].line, problems[0].message) == (str(path), 2, (
        "actor #1 is a number (1), not a mapping; write each actor as '- id: ...' followed by "
        "'name: ...' on the next line"))
    assert problems[999].line == 1001
    assert (problems[-1].file, problems[-1].line, problems[-1].message) == (
        str(path), 0, "stopped after 1000 problems; is this a relgraph actors file?")


@pytest.mark.parametrize("value,words", [
    (None, "an empty value"), (True, "true/false"), (3, "a number"), (2.5, "a number"),
    (dt.date(2023, 10, 7), "a date"), (b"\x00", "binary data"), ({1}, "a set"),
    ({"a": 1}, "a mapping"), ([1], "a list"), ("x", "text"), ((1,), "a tuple")])
def test_a_value_is_named_in_words_a_reader_knows(value, words):
    assert kind(value) == words


# -- relations: every problem named, and a relation refused never takes an id -----------------

def relations_folder(tmp_path, *lines: dict, sources: str = "") -> Path:
    """Actors a and b, the friendly type talks, and `lines` as relations.jsonl."""
    folder = actor_folder(tmp_path, "data",
                          relations_yaml="types:\n  talks: {polarity: friendly}\n" + sources)
    (folder / "relations.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines),
                                            encoding="utf-8")
    return folder


TWO_SOURCES = "sources:\n  s1: {title: One}\n  s2: {title: Two}\n"
TALKS = {"source": "a", "target": "b", "type": "talks"}


@pytest.mark.parametrize("refused,problem,would_take", [
    ({"source": "a", "target": "a", "type": "talks"},
     "source and target are both 'a'; a relation joins two different actors", "a-talks-a"),
    ({**TALKS, "weight": "heavy"}, "weight 'heavy' must be a number in [-10, 10]", "a-talks-b"),
    ({**TALKS, "date": "2019-02-30"},
     "date '2019-02-30' is not a real date (check the month and day)", "a-talks-b"),
    ({**TALKS, "date": "2019-02", "until": "2019-02-30"},
     "until '2019-02-30' is not a real date (check the month and day)", "a-talks-b-2019-02"),
    ({**TALKS, "until": "2019"}, "'until' without 'date'; add the date it started", "a-talks-b"),
    ({**TALKS, "date": "2023", "until": "2022"},
     "until 2022 is before date 2023; correct one of them", "a-talks-b-2023"),
    ({**TALKS, "mutual": "yes"}, "mutual must be true or false, not 'yes'", "a-talks-b"),
    ({**TALKS, "ref": "s3"}, "ref 's3' names no source (sources: s1, s2)", "a-talks-b"),
], ids=["itself", "weight", "date", "until", "until-alone", "until-before", "mutual", "ref"])
def test_a_refused_relation_is_reported_once_and_takes_no_made_up_id(tmp_path, refused, problem,
                                                                     would_take):
    # Line 2 gives explicitly the id line 1 would have been given had it been kept.
    folder = relations_folder(tmp_path, refused, {"id": would_take, **TALKS},
                              sources=TWO_SOURCES)
    assert problems_of(folder) == [f"{folder / 'relations.jsonl'}:1: relation #1: {problem}"]


def test_a_ref_with_no_sources_declared_says_so(tmp_path):
    folder = relations_folder(tmp_path, {"id": "r1", **TALKS, "ref": "s1"})
    assert problems_of(folder) == [f"{folder / 'relations.jsonl'}:1: relation 'r1': ref 's1' "
                                   "names no source (sources: none are declared)"]


@pytest.mark.parametrize("field,problem", [
    ({"summary": ["a"]}, "'summary' must be text, not a list"),
    ({"quote": {"q": 1}}, "'quote' must be text, not a mapping"),
    ({"ref": True}, "'ref' was read as true (YAML reads yes, no, on and off so); write the "
                    "text in quotes"),
    ({"until": "someday", "date": "2023"},
     "until 'someday' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"type": " "}, "'type' is empty"),
])
def test_each_bad_field_of_a_relation_is_named_with_the_relation(tmp_path, field, problem):
    folder = relations_folder(tmp_path, {"id": "r1", **TALKS, **field}, sources=TWO_SOURCES)
    assert problems_of(folder) == [f"{folder / 'relations.jsonl'}:1: relation 'r1': {problem}"]


def test_an_id_of_spaces_is_empty(tmp_path):
    folder = relations_folder(tmp_path, {"id": "  ", **TALKS})
    assert problems_of(folder) == [
        f"{folder / 'relations.jsonl'}:1: relation '  ': 'id' is empty"]


def test_an_id_given_twice_names_where_it_was_first(tmp_path):
    # r1 first on line 2, read the careful way (its summary is a number, written as text).
    folder = relations_folder(tmp_path, {"id": "r0", **TALKS},
                              {"id": "r1", **TALKS, "summary": 42}, {"id": "r1", **TALKS})
    (folder / "relations.csv").write_text("id,source,target,type\nr1,b,a,talks\n",
                                          encoding="utf-8")
    assert problems_of(folder) == [  # listed by file name, then line
        f"{folder / 'relations.csv'}:2: relation id 'r1' is used twice (first in "
        f"{folder / 'relations.jsonl'}:2); give each relation its own id",
        f"{folder / 'relations.jsonl'}:3: relation id 'r1' is used twice (first on line 2); "
        "give each relation its own id"]


def test_an_id_made_up_the_careful_way_is_taken_for_later_lines(tmp_path):
    folder = relations_folder(tmp_path, {**TALKS, "summary": 42}, {"id": "a-talks-b", **TALKS})
    assert problems_of(folder) == [
        f"{folder / 'relations.jsonl'}:2: relation id 'a-talks-b' is already the id made up for "
        "the relation without one on line 1; give each relation its own id"]


def test_an_id_made_up_in_yaml_steps_aside_for_an_explicit_one_later_in_the_file(tmp_path):
    folder = relations_folder(tmp_path)
    (folder / "relations.jsonl").unlink()
    with open(folder / "relations.yaml", "a", encoding="utf-8") as yaml:
        yaml.write("relations:\n"
                   "  - {source: a, target: b, type: talks, summary: 42}\n"
                   "  - {id: a-talks-b, source: a, target: b, type: talks}\n")
    assert [r.id for r in check_dataset([folder]).relations] == ["a-talks-b-2", "a-talks-b"]


def test_an_id_given_twice_is_reported_on_the_line_of_the_id_itself(tmp_path):
    folder = relations_folder(tmp_path)
    (folder / "relations.jsonl").unlink()
    with open(folder / "relations.yaml", "a", encoding="utf-8") as yaml:
        yaml.write("relations:\n"          # line 3
                   "  - source: a\n"        # 4
                   "    target: b\n"
                   "    type: talks\n"
                   "    id: r1\n"           # 7
                   "  - source: b\n"        # 8
                   "    target: a\n"
                   "    type: talks\n"
                   "    id: r1\n")          # 11
    assert problems_of(folder) == [f"{folder / 'relations.yaml'}:11: relation id 'r1' is used "
                                   "twice (first on line 7); give each relation its own id"]


# -- actors: codes and labels that clash, reported on their own lines --------------------------

def test_a_code_of_another_actor_is_refused_ignoring_case_on_its_own_line(tmp_path):
    a = actor_folder(tmp_path, "a", """\
actors:
  - id: a
    name: A
    codes:
      - ISR
  - id: b
    name: B
    codes:
      - PSE
      - isr
""")
    c = actor_folder(tmp_path, "c", "actors:\n  - id: c\n    name: C\n    codes: [Isr]\n")
    assert problems_of(a, c) == [
        f"{a / 'actors.yaml'}:10: actor 'b': code 'isr' is already a code of actor 'a' "
        "(line 5); codes must be unique, ignoring case",
        f"{c / 'actors.yaml'}:4: actor 'c': code 'Isr' is already a code of actor 'a' "
        f"({a / 'actors.yaml'}:5); codes must be unique, ignoring case"]


def test_a_label_taken_twice_is_reported_where_it_is_written(tmp_path):
    folder = actor_folder(tmp_path, "a", """\
actors:
  - id: a
    name: A
  - id: b
    name: B
    aliases:
      - Bee
      - a
  - name: C
    id: a
""")
    assert problems_of(folder) == [
        f"{folder / 'actors.yaml'}:8: actor 'b': alias 'a' is already the id of actor 'a' "
        "(line 2); ids, names and aliases must be unique, ignoring case",
        f"{folder / 'actors.yaml'}:10: actor id 'a' is used twice (first on line 2); give each "
        "actor its own id"]


def test_each_bad_field_of_an_actor_is_named_on_its_line(tmp_path):
    folder = actor_folder(tmp_path, "a", """\
actors:
  - id: a
    name: A
    kind: [state]
    description: {x: 1}
    zzz: red
  - id: b
    name: B
    codes: ISR
  - id: c
    name: C
    codes: 12
  - id: d
    name: D
    codes:
      - ISR
      - yes
  - id: e
    name: E
    codes:
      - [x]
  - id: f
    name: F
    codes:
      - "  "
  - name: G
    id: g g
""")
    file = folder / "actors.yaml"
    assert problems_of(folder) == [
        f"{file}:4: actor 'a': 'kind' must be text, not a list",
        f"{file}:5: actor 'a': 'description' must be text, not a mapping",
        f"{file}:6: actor 'a': unknown field 'zzz'; known fields: aliases, codes, description, "
        "id, kind, name",
        f"{file}:9: actor 'b': 'codes' must be a list; write [ISR]",
        f"{file}:12: actor 'c': 'codes' must be a list, not a number",
        f"{file}:17: actor 'd': a code was read as true (YAML reads yes, no, on and off so); "
        "write the code in quotes",
        f"{file}:21: actor 'e': code #1 must be text, not a list",
        f"{file}:25: actor 'f': code #1 is empty",
        f"{file}:27: actor 'g g': id may hold only letters, digits, '_' and '-'; try 'g-g'"]


# -- types and sources ------------------------------------------------------------------------

def test_each_bad_type_is_named_on_its_line(tmp_path):
    folder = actor_folder(tmp_path, "a", relations_yaml="""\
types:
  talks: {polarity: friendly}
  rumour: 3
  probe:
    polarity: hostile
    zzz: red
    cameo: [1]
    description: {a: 1}
  odd:
    weight: 1
    polarity: good
  floor: {polarity: hostile, weight: -10}
  ceiling: {polarity: friendly, weight: 10}
  zero: {polarity: hostile, weight: 0}
  half: {polarity: hostile, weight: 0.5}
  plus: {polarity: friendly, weight: 0}
  calm: {polarity: neutral, weight: 1}
  under: {polarity: hostile, weight: -10.5}
  over: {polarity: friendly, weight: 10.5}
relations: []
""")
    file = folder / "relations.yaml"
    assert problems_of(folder) == [
        f"{file}:3: type 'rumour': must be a mapping with a polarity, not a number",
        f"{file}:6: type 'probe': unknown field 'zzz'; known fields: cameo, description, "
        "polarity, weight",
        f"{file}:7: type 'probe': 'cameo' must be text, not a list",
        f"{file}:8: type 'probe': 'description' must be text, not a mapping",
        f"{file}:11: type 'odd': polarity 'good' must be one of hostile, friendly, neutral",
        f"{file}:14: type 'zero': weight 0 disagrees with polarity hostile; a hostile weight "
        "must be below 0",
        f"{file}:15: type 'half': weight 0.5 disagrees with polarity hostile; a hostile weight "
        "must be below 0",
        f"{file}:16: type 'plus': weight 0 disagrees with polarity friendly; a friendly weight "
        "must be above 0",
        f"{file}:17: type 'calm': weight 1 disagrees with polarity neutral; a neutral weight "
        "must be 0",
        f"{file}:18: type 'under': weight -10.5 is out of range; use a number in [-10, 10]",
        f"{file}:19: type 'over': weight 10.5 is out of range; use a number in [-10, 10]"]


def test_a_type_in_two_folders_keeps_its_first_description_and_fills_what_it_lacked(tmp_path):
    a = actor_folder(tmp_path, "a", relations_yaml=(
        "types:\n  talks: {polarity: friendly, description: First.}\n"
        "  meet: {polarity: friendly}\nrelations: []\n"))
    b = actor_folder(tmp_path, "b", relations_yaml=(
        "types:\n  talks: {polarity: friendly, description: Second., cameo: '040'}\n"
        "  meet: {polarity: friendly, description: Meeting.}\nrelations: []\n"))
    types = check_dataset([a, b]).types
    assert (types["talks"].description, types["talks"].cameo) == ("First.", "040")
    assert types["meet"].description == "Meeting."


def test_a_type_of_another_polarity_in_another_folder_is_refused(tmp_path):
    a = actor_folder(tmp_path, "a",
                     relations_yaml="types:\n  talks: {polarity: friendly}\nrelations: []\n")
    b = actor_folder(tmp_path, "b",
                     relations_yaml="types:\n  talks: {polarity: neutral}\nrelations: []\n")
    assert problems_of(a, b) == [
        f"{b / 'relations.yaml'}:2: type 'talks': polarity 'neutral' disagrees with polarity "
        f"'friendly' in {a / 'relations.yaml'}:2; a type in several folders has one polarity "
        "and weight"]


def test_sources_that_are_not_a_mapping_are_reported_once(tmp_path):
    # The refs are not checked against a list of sources that could not be read.
    folder = actor_folder(tmp_path, "a", relations_yaml=(
        "types:\n  talks: {polarity: friendly}\nsources: [s1]\nrelations:\n"
        "  - {source: a, target: b, type: talks, ref: s1}\n"))
    assert problems_of(folder) == [
        f"{folder / 'relations.yaml'}:3: 'sources' must be a mapping of names to entries, "
        "not a list"]
