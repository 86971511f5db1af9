"""Every folder of tests/bad_data, one by one: the exact problems the user sees, never a traceback.

The tests run from inside tests/bad_data and pass the folder name to --data, so the file names in
each expected.txt read as the user sees them (see tests/bad_data/README.md).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import clean_env

BAD = Path(__file__).parent / "bad_data"
CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir() and not p.name.startswith("_"))
_PROBLEM = re.compile(r"(?P<file>[^:]+\.yaml)(?::(?P<line>\d+))?: (?P<message>.*)")

# Arguments that make each command read the data; every command must be listed here.
COMMAND_ARGS = {
    "actors": [],
    "types": [],
    "show": ["Israel"],
    "relations": [],
    "timeline": ["Israel"],
    "who-opposes": ["Israel"],
    "who-supports": ["Israel"],
    "path": ["Russia", "Israel"],
    "relation": ["r1"],
    "validate": [],
    "export": ["--format", "json"],
    "trend": ["Russia", "Israel"],
    "matrix": [],
    "neighbours": ["Israel"],
    "neighbors": ["Israel"],
    "balance": [],
    "central": [],
    "view": ["--no-open"],
}
# Commands that never read the dataset, so bad data cannot concern them.
NO_DATA = {"cache"}


@pytest.fixture(autouse=True)
def _inside_bad_data(monkeypatch):
    monkeypatch.chdir(BAD)


def expected(case: str) -> list[str]:
    return (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def as_problem(line: str) -> dict:
    match = _PROBLEM.fullmatch(line)
    assert match, f"not a problem line: {line!r}"
    return {"file": match["file"], "line": int(match["line"] or 0), "message": match["message"]}


def test_the_corpus_covers_every_defect_of_the_issue():
    # Issue 6, item 1, defect by defect (folder names; a few defects have several folders).
    wanted = {
        "yaml-unclosed-bracket", "yaml-tab-indentation", "yaml-apostrophe-in-single-quotes",
        "yaml-unclosed-quote", "top-level-list", "top-level-text", "actors-not-a-list",
        "relations-not-a-list", "actor-not-a-mapping", "relation-not-a-mapping",
        "missing-target", "missing-actor-name", "unknown-field", "unknown-actor", "unknown-type",
        "impossible-date", "date-day-month-year", "date-word", "until-before-date",
        "type-weight-out-of-range", "relation-weight-out-of-range",
        "type-weight-against-polarity", "relation-weight-against-polarity",
        "duplicate-actor-id", "duplicate-actor-name", "duplicate-alias",
        "alias-is-another-actors-name", "duplicate-relation-id", "relation-to-itself",
        "ref-to-no-source", "empty-file", "missing-file", "not-utf8", "several-problems",
    }
    assert wanted <= set(CASES)


def test_the_base_every_defect_was_copied_from_is_valid(run):
    result = run("validate", data=Path("_base"))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "ok: 4 actors, 3 types, 4 relations in _base\n"


@pytest.mark.parametrize("case", CASES)
def test_validate_prints_exactly_the_expected_problems(run, case):
    result = run("validate", data=Path(case))
    assert result.exit_code == 3
    assert result.stdout.splitlines() == expected(case)
    assert result.stderr == ""


@pytest.mark.parametrize("case", CASES)
def test_validate_json_lists_the_same_problems(run, case):
    result = run("validate", "--json", data=Path(case))
    assert result.exit_code == 3
    assert json.loads(result.stdout) == [as_problem(line) for line in expected(case)[:-1]]


@pytest.mark.parametrize("case", CASES)
def test_a_query_on_bad_data_exits_3_with_the_problems_on_stderr(run, case):
    result = run("who-opposes", "Israel", data=Path(case))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"relgraph: {line}" for line in expected(case)]


def registered_commands() -> set[str]:
    from relgraph.cli import app

    return {info.name or info.callback.__name__ for info in app.registered_commands}


def test_every_command_is_tried_on_bad_data():
    assert registered_commands() - NO_DATA <= set(COMMAND_ARGS), \
        "add the new command to COMMAND_ARGS"


def assert_reports_exactly_the_problems(command: str, case: str, status: int, stdout: str,
                                        stderr: str) -> None:
    """validate lists the problems on stdout; any other command on stderr, and nothing else."""
    problems = expected(case)
    assert status == 3, (command, stderr)
    if command == "validate":
        assert (stdout.splitlines(), stderr) == (problems, ""), command
    else:
        assert stdout == "", command
        assert stderr.splitlines() == [f"relgraph: {line}" for line in problems], command


@pytest.mark.parametrize("case", CASES)
def test_every_command_on_bad_data_prints_the_problems_and_nothing_else(run, case):
    for command in sorted(registered_commands() - NO_DATA):
        result = run(command, *COMMAND_ARGS[command], data=Path(case))
        assert_reports_exactly_the_problems(command, case, result.exit_code, result.stdout,
                                            result.stderr)


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(COMMAND_ARGS))
def test_the_real_command_on_bad_data_prints_no_traceback(command):
    # In a process of its own, as a user runs it: an exception that escaped relgraph would be
    # printed by Python as a traceback here, which the in-process runner never shows.
    process = subprocess.run(
        [sys.executable, "-m", "relgraph", "--data", "several-problems", command,
         *COMMAND_ARGS[command]], cwd=BAD, env=clean_env(), capture_output=True, text=True,
        timeout=60)
    assert_reports_exactly_the_problems(command, "several-problems", process.returncode,
                                        process.stdout, process.stderr)


@pytest.mark.parametrize("command", ["validate", "who-opposes"])
def test_a_data_folder_that_does_not_exist_is_a_usage_error(run, command):
    result = run(command, *COMMAND_ARGS[command], data=Path("no-such-folder"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("relgraph: data folder 'no-such-folder' does not exist; pass --data "
                             "a folder holding actors.yaml and relations.yaml\n")


def test_data_naming_a_file_is_a_usage_error(run):
    result = run("validate", data=Path("_base/actors.yaml"))
    assert result.exit_code == 2
    assert result.stderr == ("relgraph: --data '_base/actors.yaml' is a file; pass the folder "
                             "that holds it\n")


def test_a_folder_without_either_file_names_both(run, tmp_path):
    result = run("validate", data=tmp_path)
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        f"{tmp_path}/actors.yaml: file not found; every dataset folder needs actors.yaml and "
        "relations.yaml",
        f"{tmp_path}/relations.yaml: file not found; every dataset folder needs actors.yaml and "
        "relations.yaml",
        "2 problems in the data",
    ]


def test_a_file_of_thousands_of_problems_stops_at_1000(run, tmp_path):
    # 1,500 actors written as bare text: relgraph stops counting rather than print them all.
    (tmp_path / "actors.yaml").write_text(
        "actors:\n" + "".join(f"  - Actor {i}\n" for i in range(1500)), encoding="utf-8")
    (tmp_path / "relations.yaml").write_text("types: {}\nrelations: []\n", encoding="utf-8")
    result = run("validate", data=tmp_path)
    lines = result.stdout.splitlines()
    assert result.exit_code == 3
    assert lines[0] == (f"{tmp_path}/actors.yaml: stopped after 1000 problems; is this a "
                        "relgraph dataset?")
    assert lines[1] == (f"{tmp_path}/actors.yaml:2: actor #1 is text ('Actor 0'), not a mapping; "
                        "write each actor as '- id: ...' followed by 'name: ...' on the next line")
    assert lines[-1] == "1001 problems in the data"
    assert len(lines) == 1002


def test_a_bad_file_size_limit_in_the_environment_is_a_usage_error(run, monkeypatch):
    monkeypatch.setenv("RELGRAPH_MAX_FILE_MB", "lots")
    # The limit applies when files are read: --no-cache reads them even if a store is cached.
    result = run("--no-cache", "validate", data=Path("_base"))
    assert result.exit_code == 2
    assert result.stderr == ("relgraph: RELGRAPH_MAX_FILE_MB='lots' is not a size; give a number "
                             "of megabytes such as 128\n")
