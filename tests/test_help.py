"""Every command's --help says what it prints and shows an example that works as written."""

import shlex
import shutil
import tempfile
import zipfile

import pytest
from conftest import HERE


def _commands(group=None, path=()):
    """Every command under relgraph's click group, as the words that invoke it."""
    import typer

    from relgraph.cli import app

    group = group or typer.main.get_command(app)
    found = []
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


COMMANDS = _commands()


def example(help_text: str) -> str:
    """The command line under `Example:` in a help text."""
    lines = help_text.splitlines()
    at = [i for i, line in enumerate(lines) if line.strip() == "Example:"]
    assert len(at) == 1, "no 'Example:' paragraph"
    return lines[at[0] + 1].strip()


def test_every_command_is_found():
    assert {"timeline", "relation", "who-opposes", "export"} <= {c[-1] for c in COMMANDS}


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_says_what_the_command_prints_and_shows_an_example_of_it(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Prints " in result.stdout or "Writes " in result.stdout
    words = shlex.split(example(result.stdout))
    assert words[:len(command) + 1] == ["relgraph", *command]


def _event_files(folder) -> None:
    """The event files the import examples name, made from the excerpts under tests/data."""
    with zipfile.ZipFile(folder / "20250807220000.export.CSV.zip", "w") as archive:
        archive.write(HERE / "data" / "gdelt" / "20250807220000.export.excerpt.CSV",
                      "20250807220000.export.CSV")
    shutil.copy(HERE / "data" / "icews" / "events.2018.sample.excerpt.tab",
                folder / "events.2018.sample.tab")
    with zipfile.ZipFile(folder / "ngecEventsDV-2023.txt.zip", "w") as archive:
        for month in ("Oct", "Nov"):
            name = f"ngecEventsDV-2023-{month}.txt"
            archive.write(HERE / "data" / "polecat" / name, name)
    shutil.copy(HERE / "data" / "acled" / "acled-2023-10-export.csv",
                folder / "acled-israel-palestine-2023.csv")


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_the_example_in_the_help_runs_on_the_shipped_data(run, command, tmp_path, monkeypatch):
    import datetime as dt

    from gdelt_server import day_tree, serve

    monkeypatch.chdir(tmp_path)  # export's and import's examples write files
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # and view's, a temporary one
    _event_files(tmp_path)
    before = set(tmp_path.iterdir())
    args = shlex.split(example(run(*command, "--help").stdout))[1:]
    with serve(day_tree(dt.datetime(2023, 10, 7))) as base:  # fetch's example reads this day
        if command[0] == "fetch":
            monkeypatch.setenv("RELGRAPH_GDELT_URL", base)
            monkeypatch.setenv("RELGRAPH_CACHE_DIR", str(tmp_path / "cache"))
        result = run(*args)
    assert result.exit_code == 0, (args, result.stderr)
    assert result.stdout or set(tmp_path.iterdir()) - before, args


def test_the_main_help_shows_an_example_too(run):
    assert example(run("--help").stdout) == "relgraph who-opposes Israel"
