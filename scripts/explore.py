"""Look for new failing examples of the property tests, for as long as you give it.

    .venv/bin/python scripts/explore.py 60          # an hour
    .venv/bin/python scripts/explore.py 10 -- tests/test_streams.py

The README's test command draws the same examples on every run (tests/conftest.py's
`deterministic` profile), so a commit has one verdict. This script runs the property tests
again and again with the `explore` profile instead: new random examples each run, and any
failure kept in Hypothesis's database (.hypothesis/) and replayed first next time. Each run's
output is in build/explore/run-NN.txt; a failing run's falsifying example is printed there.
Turn each one into an `@example` on its test, with the fix, so the deterministic run keeps it.
Exits 1 if any run failed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOGS = ROOT / "build" / "explore"


def property_test_files() -> list[str]:
    """The test files that use Hypothesis."""
    return sorted(str(path.relative_to(ROOT)) for path in (ROOT / "tests").glob("test_*.py")
                  if "from hypothesis import" in path.read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("minutes", type=float, nargs="?", default=60)
    parser.add_argument("files", nargs="*", help="after --: test files (default: all with "
                                                 "property tests)")
    args = parser.parse_args()
    LOGS.mkdir(parents=True, exist_ok=True)
    files = args.files or property_test_files()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    deadline = time.monotonic() + args.minutes * 60
    runs, failed = 0, []
    while time.monotonic() < deadline:
        runs += 1
        log = LOGS / f"run-{runs:02d}.txt"
        start = time.monotonic()
        with log.open("w", encoding="utf-8") as out:
            code = subprocess.call(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                 "--hypothesis-profile=explore", "-m", "not slow",
                 # A long search on a busy machine is not a failure here; a hang still is.
                 "--timeout=900", *files],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        tail = log.read_text(encoding="utf-8").strip().splitlines()[-1:] or [""]
        summary = re.sub(r"\s+", " ", tail[0])
        print(f"run {runs}: exit {code} in {time.monotonic() - start:.0f} s: {summary}",
              flush=True)
        if code != 0:
            failed.append(log)
    print(f"{runs} runs, {len(failed)} failed" + "".join(f"\n  {log}" for log in failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
