"""Every folder of tests/bad_streams: relations in JSON Lines and CSV (plain or gzipped), and
several folders read as one; the exact problems the user sees (see tests/bad_streams/README.md).

As in test_bad_data.py, the tests run from inside the corpus, so expected.txt names files as
the user typed them. A case with a data.txt is read as the folders it lists, in order.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

BAD = Path(__file__).parent / "bad_streams"
CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir() and not p.name.startswith("_"))
_PROBLEM = re.compile(
    r"(?P<file>[^:]+\.(?:yaml|jsonl|csv|jsonl\.gz|csv\.gz))(?::(?P<line>\d+))?: (?P<message>.*)")


@pytest.fixture(autouse=True)
def _inside_bad_streams(monkeypatch):
    monkeypatch.chdir(BAD)


def data_args(case: str) -> list[str]:
    listed = BAD / case / "data.txt"
    folders = listed.read_text().split() if listed.exists() else ["."]
    return [arg for folder in folders for arg in ("--data", str(Path(case) / folder))]


def expected(case: str) -> list[str]:
    return (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def run_in(run, case: str, *args: str):
    return run(*data_args(case), *args)


def test_the_base_in_every_format_is_valid(run):
    # _base: four actors and three types in YAML; r1 and r2 in relations.jsonl, r3 and r4 in
    # relations.csv.
    result = run("validate", data=Path("_base"))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "ok: 4 actors, 3 types, 4 relations in _base\n"


def test_the_base_reads_as_tests_bad_data_base_does(run):
    # The same four relations as tests/bad_data/_base/relations.yaml, written as JSON Lines
    # and CSV: the same answers, field for field.
    streams = json.loads(run("relations", "--json", data=Path("_base")).stdout)
    yaml = json.loads(run("relations", "--json", data=BAD.parent / "bad_data" / "_base").stdout)
    for relation in yaml:
        relation["summary"] = None  # only the CSV's r4 has a summary
    assert [r["id"] for r in streams] == ["r1", "r2", "r3", "r4"]
    assert streams[3]["summary"] == "Washington and Israel, together"
    streams[3]["summary"] = None
    assert streams == yaml


@pytest.mark.parametrize("case", CASES)
def test_validate_prints_exactly_the_expected_problems(run, case):
    result = run_in(run, case, "validate")
    assert result.exit_code == 3
    assert result.stdout.splitlines() == expected(case)
    assert result.stderr == ""


@pytest.mark.parametrize("case", CASES)
def test_validate_json_lists_the_same_problems(run, case):
    result = run_in(run, case, "validate", "--json")
    assert result.exit_code == 3
    problems = []
    for line in expected(case)[:-1]:
        match = _PROBLEM.fullmatch(line)
        assert match, f"not a problem line: {line!r}"
        problems.append({"file": match["file"], "line": int(match["line"] or 0),
                         "message": match["message"]})
    assert json.loads(result.stdout) == problems


@pytest.mark.parametrize("case", CASES)
def test_a_query_on_bad_streams_exits_3_with_the_problems_on_stderr(run, case):
    result = run_in(run, case, "who-opposes", "Israel")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"relgraph: {line}" for line in expected(case)]
