"""`relgraph import`: the report on stderr, exit codes, the output folder written all at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import clean_env

from relgraph.dataset import load_actors
from relgraph.importers import import_events
from relgraph.model import Actor

DATA = Path(__file__).parent / "data"
EXPORT = DATA / "gdelt" / "20250807220000.export.excerpt.CSV"
ICEWS = DATA / "icews" / "events.2018.sample.excerpt.tab"


def test_the_report_goes_to_stderr_and_stdout_stays_empty(run, tmp_path):
    out = tmp_path / "day"
    result = run("import", "gdelt", str(EXPORT), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    # Counts: tests/data/gdelt/README.md (2 written; 14 empty, 38 none, 4 same).
    assert result.stderr == (
        f"GDELT import: 58 rows read from 1 file; 2 relations written to {out}\n"
        "dropped 56 rows:\n"
        "  14  a side is empty\n"
        "  38  a side matches no actor\n"
        "   4  both sides are the same actor\n"
        "17 actors (0 made), 2 types, 2 sources\n")
    assert sorted(p.name for p in out.iterdir()) == [
        "actors.yaml", "relations.jsonl", "relations.yaml"]


def test_bad_rows_are_listed_and_strict_exits_3_writing_nothing(run, tmp_path):
    lines = ICEWS.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace("2018-06-01", "2018-02-30", 1)  # line 4, Event ID 32891068
    damaged = tmp_path / "damaged.tab"
    damaged.write_text("".join(lines), encoding="utf-8")
    result = run("import", "icews", str(damaged), "-o", str(tmp_path / "out"), "--strict")
    assert result.exit_code == 3
    assert result.stderr == (
        "ICEWS import: 32 rows read from 1 file; nothing written (15 relations were ready)\n"
        "dropped 17 rows:\n"
        "   1  impossible date\n"
        "   1  a side is empty\n"
        "  14  a side matches no actor\n"
        "   1  both sides are the same actor\n"
        "bad rows (1):\n"
        f"  {damaged}:4: impossible date ('2018-02-30')\n"
        "relgraph: 1 bad row and --strict: nothing was written\n")
    assert not (tmp_path / "out").exists()
    result = run("import", "icews", str(damaged), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0 and "bad rows (1):" in result.stderr


def test_a_folder_that_holds_files_is_refused_unless_forced(run, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("import", "icews", str(ICEWS), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == (f"relgraph: output folder {str(out)!r} exists and is not empty; "
                             "choose another folder, or set --force to replace it\n")
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    result = run("import", "icews", str(ICEWS), "-o", str(out), "--force")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "actors.yaml", "relations.jsonl", "relations.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing else left behind


def test_an_empty_folder_is_written_into(run, tmp_path):
    (tmp_path / "out").mkdir()
    assert run("import", "icews", str(ICEWS), "-o", str(tmp_path / "out")).exit_code == 0


@pytest.mark.parametrize(("args", "code", "message"), [
    (["gdelt", "{missing}"], 2, "event file '{missing}' does not exist"),
    (["gdelt", "{icews}"], 3, "{icews}:1: 20 tab-separated fields; GDELT event rows have 61"),
    (["icews", "{export}"], 3, "{export}:1: this looks like a GDELT export"),
    (["gdelt", "{export}", "--actors", "{missing}"], 2,
     "actors file '{missing}' does not exist"),
    (["polecat", "{icews}"], 3, "{icews}:1: not a POLECAT event file: the header has no "
     "'Event Type', 'Event Mode', 'Actor Name' ..."),
    (["acled", "{export}"], 3, "{export}:1: not an ACLED export: the header has no "
     "'event_id_cnty', 'event_date', 'event_type' ..."),
    (["polecat", "{zip}"], 3, "{zip}: the zip file holds no file ending .txt"),
], ids=["missing-file", "icews-as-gdelt", "gdelt-as-icews", "missing-actors", "icews-as-polecat",
        "gdelt-as-acled", "zip-without-txt"])
def test_input_that_cannot_be_imported_is_one_line_and_an_exit_code(run, tmp_path, args, code,
                                                                    message):
    import zipfile

    with zipfile.ZipFile(tmp_path / "ngecEventsDV-2023.txt.zip", "w") as archive:
        archive.writestr("README.pdf", b"%PDF-1.4")
    names = {"missing": str(tmp_path / "nope.CSV"), "icews": str(ICEWS), "export": str(EXPORT),
             "zip": str(tmp_path / "ngecEventsDV-2023.txt.zip")}
    argv = [arg.format(**names) for arg in args]
    result = run("import", *argv, "-o", str(tmp_path / "out"))
    assert result.exit_code == code
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("relgraph: " + message.format(**names))
    assert not (tmp_path / "out").exists()


def test_a_second_file_that_fails_leaves_the_old_folder_whole(tmp_path):
    out = tmp_path / "out"
    import_events("icews", [ICEWS], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    junk = tmp_path / "junk.tab"
    junk.write_bytes(b"\x00\x01\x02")
    with pytest.raises(Exception, match="binary data"):
        import_events("icews", [ICEWS, junk], out, force=True)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.tab", "out"]


def test_an_interrupted_import_leaves_the_old_folder_and_no_temporary_one(tmp_path):
    out = tmp_path / "out"
    import_events("icews", [ICEWS], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def interrupt(done, total, relations):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_events("gdelt", [EXPORT], out, force=True, progress=interrupt)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_progress_is_reported_in_bytes_of_the_files_on_disk(tmp_path):
    calls = []
    import_events("gdelt", [EXPORT, ICEWS.parent.parent / "gdelt" / "gdelt1-excerpt.CSV"],
                  tmp_path / "out", progress=lambda *call: calls.append(call))
    total = EXPORT.stat().st_size + (DATA / "gdelt" / "gdelt1-excerpt.CSV").stat().st_size
    # Under 4096 rows: one call as each file ends, with the relations written so far (the
    # excerpt's 2; the GDELT 1.0 rows add none).
    assert calls == [(EXPORT.stat().st_size, total, 2), (total, total, 2)]


def test_yaml_that_could_be_misread_is_quoted(tmp_path):
    # Names YAML 1.1 reads as booleans or null, a colon, a hash: they must come back as text.
    actors_file = tmp_path / "actors.yaml"
    actors_file.write_text(
        "actors:\n"
        "  - id: russia\n    name: 'No'\n    aliases: ['Yes', 'null', 'a: b # c']\n"
        "    codes: [RUS]\n    description: 'On: off'\n"
        "  - id: ukraine\n    name: Ukraine\n    codes: [UKR]\n", encoding="utf-8")
    import_events("gdelt", [EXPORT], tmp_path / "out", actors=actors_file)
    assert load_actors(tmp_path / "out" / "actors.yaml") == [
        Actor("russia", "No", "other", ("Yes", "null", "a: b # c"), "On: off", ("RUS",)),
        Actor("ukraine", "Ukraine", codes=("UKR",))]
    # Only 1256323439 (RUS -> UKR) has both sides among these two actors.
    types = yaml.safe_load((tmp_path / "out" / "relations.yaml").read_text(encoding="utf-8"))
    assert [t["cameo"] for t in types["types"].values()] == ["036"]


def test_the_imported_folder_passes_validate(run, tmp_path):
    import_events("gdelt", [EXPORT], tmp_path / "out", all_actors=True)
    result = run("validate", data=tmp_path / "out")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("ok: 27 actors, 9 types,")  # 17 shipped + 10 made


def test_the_cli_imports_in_a_real_process_without_a_progress_bar(tmp_path):
    # stderr is a pipe, not a terminal: the report alone, no bar drawn.
    result = subprocess.run(
        [sys.executable, "-m", "relgraph", "import", "icews", str(ICEWS), "-o",
         str(tmp_path / "out")], capture_output=True, text=True, env=clean_env(), timeout=120)
    assert result.returncode == 0
    assert result.stderr.splitlines()[0] == (
        f"ICEWS import: 32 rows read from 1 file; 16 relations written to {tmp_path / 'out'}")
    assert "\x1b" not in result.stderr and "\r" not in result.stderr


@pytest.mark.parametrize("source", ["gdelt", "icews", "polecat", "acled"])
def test_import_is_listed_with_its_four_sources_and_their_options(run, source):
    assert "import" in run("--help").stdout
    assert source in run("import", "--help").stdout
    options = run("import", source, "--help").stdout
    for flag in ("--output", "--actors", "--all-actors", "--strict", "--force"):
        assert flag in options


def test_importing_the_importers_loads_nothing_heavy():
    code = ("import sys, relgraph.importers; print(sorted({m.split('.')[0] for m in sys.modules}"
            " & {'rich', 'yaml', 'networkx', 'typer'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=clean_env(), timeout=60)
    assert result.stdout.strip() == "[]"
