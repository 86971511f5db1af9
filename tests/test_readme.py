"""The README tells the truth: its examples print what relgraph prints, its commands match CI."""

import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import readme_examples  # noqa: E402


def test_every_readme_example_shows_the_real_output(monkeypatch):
    monkeypatch.delenv("RELGRAPH_DATA", raising=False)
    text = readme_examples.README.read_text(encoding="utf-8")
    shown = readme_examples.examples(text)
    assert len(shown) >= 10
    for command, output in shown:
        assert readme_examples.run_example(command) == output, f"$ {command}"


def test_ci_runs_the_readme_test_command_verbatim():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    [test_command] = [line for line in ci.splitlines() if "pytest" in line]
    assert f"\n{test_command}\n" in readme


def test_the_errors_the_readme_shows_are_those_relgraph_prints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("The most common data errors")[1].split("```")[1].strip().splitlines()
    printed = [line for expected in (ROOT / "tests" / "bad_data").glob("*/expected.txt")
               for line in expected.read_text(encoding="utf-8").splitlines()]
    assert len(shown) >= 5
    for line in shown:
        assert any(p.endswith("/" + line) for p in printed), line
