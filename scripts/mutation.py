"""Mutation testing of relgraph with mutmut 3: plant small bugs, see whether the tests notice.

    .venv/bin/pip install -e '.[test,mutation]'
    .venv/bin/python scripts/mutation.py dates export      # or: all (the default)

Each target runs in a work folder of its own (build/mutation/TARGET, a copy of src/, tests/,
data/ and docs/ with a pyproject.toml whose [tool.mutmut] mutates only that target), so that
each mutant runs only the fast, in-process test files that exercise its module (mutmut then
narrows them further to the tests that call the mutated function). Tests marked `slow`
(subprocesses) are left out: a subprocess runs the installed relgraph, never the mutant.

It prints, per target, the mutants killed, survived, timed out and not checked, and the
survivors' names; `cd build/mutation/TARGET && ../../../.venv/bin/mutmut show NAME` shows one.
The scores and the survivors judged equivalent are kept in docs/testing.md. Not run in CI: a
full run takes tens of minutes.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "mutation"

# target: (files to mutate, test files that exercise them)
TARGETS = {
    "dates": (["src/relgraph/dates.py"],
              ["tests/test_dates.py", "tests/test_boundaries.py", "tests/test_queries.py",
               "tests/test_cli.py"]),
    "query": (["src/relgraph/query.py"],
              ["tests/test_queries.py", "tests/test_boundaries.py", "tests/test_stances.py",
               "tests/test_cli.py"]),
    "paths": (["src/relgraph/paths.py"],
              ["tests/test_paths_by_hand.py", "tests/test_queries.py", "tests/test_cli.py"]),
    "graph": (["src/relgraph/graph.py"],
              ["tests/test_queries.py", "tests/test_boundaries.py", "tests/test_cli.py",
               "tests/test_export.py", "tests/test_evidence.py", "tests/test_graph_in_memory.py",
               "tests/test_paths_by_hand.py", "tests/test_views.py"]),
    "checks": (["src/relgraph/checks/*"],
               ["tests/test_bad_data.py", "tests/test_bad_streams.py",
                "tests/test_boundaries.py", "tests/test_streams.py", "tests/test_folders.py",
                "tests/test_hostile_files.py", "tests/test_import_files.py",
                "tests/test_names.py", "tests/test_cache.py", "tests/test_properties.py",
                "tests/test_checks.py"]),
    # The checker against its fast tests only (no property or cache tests): a surviving
    # mutant costs about 20 s instead of a minute, so the whole run fits in about an hour.
    "checks-fast": (["src/relgraph/checks/*"],
                    ["tests/test_bad_data.py", "tests/test_bad_streams.py",
                     "tests/test_boundaries.py", "tests/test_checks.py", "tests/test_folders.py",
                     "tests/test_names.py", "tests/test_streams.py",
                     "tests/test_hostile_files.py", "tests/test_import_files.py"]),
    "export": (["src/relgraph/export/*"],
               ["tests/test_export_exact.py", "tests/test_export.py", "tests/test_export_xml.py",
                "tests/test_cli.py", "tests/test_page.py",
                "tests/test_export_drawings.py", "tests/test_export_shipped.py",
                "tests/test_export_atomic.py"]),
}

# Tests left out of a target's runs: every command on every bad-data case (72 cases, about a
# second each) prints what `validate` and a query print, which the golden tests check already.
DESELECTED = {"checks": "not test_every_command_on_bad_data",
              "checks-fast": "not test_every_command_on_bad_data"}

# What the tests read besides src/ and tests/ (mutmut copies these into its mutants/ folder).
COPIED = ["src", "tests", "data", "docs", "scripts", "README.md"]


def toml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def prepare(target: str) -> Path:
    """A fresh work folder for `target` with its own [tool.mutmut] configuration."""
    mutate, tests = TARGETS[target]
    folder = WORK / target
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in COPIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, folder / name,
                            ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
        else:
            shutil.copy2(ROOT / name, folder / name)
    tests = [t for t in tests if (ROOT / t.split("::")[0]).exists()]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pyproject = re.sub(r"(?ms)^\[tool\.mutmut\].*?(?=^\[|\Z)", "", pyproject)
    pyproject += (
        "\n[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        f"also_copy = {toml_list([c for c in COPIED if c not in ('src', 'tests')])}\n"
        f"only_mutate = {toml_list(mutate)}\n"
        f"pytest_add_cli_args_test_selection = {toml_list(tests)}\n"
        # A mutant that loops for ever is stopped at 4 times its tests' usual time, not
        # mutmut's 15: the checker's made-up-id loop alone has a dozen such mutants.
        "timeout_multiplier = 4.0\n"
        # No per-test timeout (mutmut times mutants itself) and no slow subprocess tests.
        'pytest_add_cli_args = ["-m", "not slow", "--timeout=0", "-p", "no:cacheprovider"'
        + (f', "-k", "{DESELECTED[target]}"' if target in DESELECTED else "") + "]\n"
    )
    (folder / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return folder


def results(folder: Path) -> dict[str, list[str]]:
    done = subprocess.run([str(Path(sys.executable).parent / "mutmut"), "results", "--all",
                           "true"], cwd=folder, capture_output=True, text=True)
    by_status: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            by_status.setdefault(status, []).append(name)
    return by_status


def run(target: str, children: int) -> dict[str, list[str]]:
    folder = prepare(target)
    start = time.monotonic()
    with open(folder / "mutmut.log", "w", encoding="utf-8") as log:  # its progress display
        subprocess.run([str(Path(sys.executable).parent / "mutmut"), "run", "--max-children",
                        str(children)], cwd=folder, stdout=log, stderr=subprocess.STDOUT,
                       check=False)
    minutes = (time.monotonic() - start) / 60
    by_status = results(folder)
    killed = len(by_status.get("killed", []))
    total = sum(len(names) for names in by_status.values())
    score = 100 * killed / total if total else 0
    others = ", ".join(f"{len(v)} {k}" for k, v in sorted(by_status.items()) if k != "killed")
    print(f"{target}: {killed} of {total} mutants killed ({score:.1f}%); {others}; "
          f"{minutes:.1f} min")
    for name in by_status.get("survived", []):
        print(f"  survived: {name}", flush=True)
    return by_status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", default=["all"],
                        choices=["all", *TARGETS], metavar="TARGET")
    parser.add_argument("--max-children", type=int, default=2,
                        help="mutants tested at once (default 2: the number of cores)")
    args = parser.parse_args()
    targets = [t for t in TARGETS if t != "checks-fast"] if "all" in args.targets \
        else args.targets
    for target in targets:
        run(target, args.max_children)


if __name__ == "__main__":
    main()
